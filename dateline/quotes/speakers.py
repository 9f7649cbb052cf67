"""Speakers: who a speech cue belongs to, and which named person of the article that is.

Input: a cue token of the spaCy parse and the article's NER mentions. Output: the speaker mention's
offsets and text as written ("he", "the US envoy", "Stoltenberg") and, through ``SpeakerResolver``, the
best full name in the same article ("Jens Stoltenberg"). Heavy lifting: spaCy's dependency parse (the
subject of the cue); the in-article resolution of pronouns and role nouns is hand-written salience (no
coreference model ships with the small English pipeline). Known limit: gender is only known from
pronouns already resolved to a name and from titles (Mr., Mrs., Ms.).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from dateline.quotes.cues import FEMALE_PRONOUNS, MALE_PRONOUNS, PERSONAL_PRONOUNS, PLURAL_PRONOUNS
from dateline.records import Mention

logger = logging.getLogger(__name__)

_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
# Climb from a cue without a subject of its own to the verb whose subject it shares.
_SHARED_SUBJECT_DEPS = ("conj", "xcomp", "advcl", "ccomp", "pcomp", "acl", "prep")
_NP_LEFT_DEPS = ("det", "compound", "amod", "poss", "nmod", "nummod", "quantmod", "case", "punct", "predet")
_SPEAKER_LABELS = ("PERSON", "ORG", "GPE", "NORP")
_TITLES = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "sen": "", "gov": "", "rep": "", "dr": ""}
# Synonyms linking a role noun to words of a person's title ("the NATO chief" ~ "Secretary General").
_ROLE_SYNONYMS = {
    "chief": {"secretary", "general", "head", "leader", "chairman", "director", "chief"},
    "envoy": {"representative", "ambassador", "envoy", "special"},
    "head": {"chief", "secretary", "leader", "director", "chairman", "head"},
    "leader": {"chief", "leader", "head", "president", "chairman"},
    "spokesman": {"spokesman", "spokesperson", "spokeswoman"},
    "spokeswoman": {"spokesman", "spokesperson", "spokeswoman"},
}


@dataclass(frozen=True)
class SpeakerMention:
    """The words that name or refer to a speaker: offsets into the article text, end exclusive."""

    start: int
    end: int
    text: str
    head: Token


def source_of(cue: Token) -> SpeakerMention | None:
    """The subject of a speech cue, climbing through "..., saying" / "and added" to a shared subject.

    Args:
        cue: the verb of saying.

    Returns:
        The subject noun phrase, or None (passive without agent, expletive "it", imperative).
    """
    verb: Token | None = cue
    for _ in range(4):
        if verb is None:
            return None
        subject = _subject(verb)
        if subject is not None:
            return mention_of(subject)
        if verb.dep_ == "relcl":
            return mention_of(verb.head)
        if verb.dep_ not in _SHARED_SUBJECT_DEPS or verb.head is verb:
            return None
        verb = verb.head
    return None


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in _SUBJECT_DEPS and child.lower_ not in ("it", "there", "that", "this"):
            return child
        if child.dep_ == "agent":
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def mention_of(head: Token) -> SpeakerMention:
    """The compact noun phrase headed by ``head``: its left modifiers, the head, trailing name parts."""
    doc = head.doc
    left = head.i
    for child in head.lefts:
        if child.dep_ in _NP_LEFT_DEPS:
            left = min(left, child.left_edge.i)
    right = head.i
    while right + 1 < len(doc) and doc[right + 1].dep_ == "flat":
        right += 1
    while left < head.i and (doc[left].is_punct or doc[left].is_space):
        left += 1
    span = doc[left : right + 1]
    return SpeakerMention(start=span.start_char, end=span.end_char, text=span.text, head=head)


def is_pronoun(mention: SpeakerMention) -> bool:
    """True for "he", "she", "they", "who" and the like."""
    return mention.text.lower() in PERSONAL_PRONOUNS


@dataclass
class _Person:
    name: str
    last: str
    gender: str  # "m", "f" or "" (unknown)
    title_words: set[str]


class SpeakerResolver:
    """Resolves speaker mentions of one article to the best full name mentioned in it.

    State: the article's person mentions, the genders learnt so far, and the speakers resolved so far
    (the most recent speaker is preferred for "he said" that follows a quote).
    """

    def __init__(self, doc: Doc, mentions: list[Mention]) -> None:
        self._doc = doc
        self._text = doc.text
        self._mentions = sorted(mentions, key=lambda m: m.start)
        self._people = _people_of(self._text, self._mentions)
        self._history: list[tuple[int, str]] = []  # (offset, resolved name) of earlier speakers

    def resolve(self, mention: SpeakerMention) -> str | None:
        """The full name ``mention`` refers to, or None when it does not refer to a named person.

        Args:
            mention: a speaker mention; offsets index the article text.
        """
        name = self._resolve(mention)
        if name is not None:
            self._history.append((mention.start, name))
            self._learn_gender(mention.text.lower(), name)
        return name

    def _resolve(self, mention: SpeakerMention) -> str | None:
        named = self._named(mention.start, mention.end)
        if named is not None:
            return named
        lower = mention.text.lower()
        if lower == "who" and mention.head.dep_ != "relcl":
            return self._named_token(mention.head.head)
        if lower in PERSONAL_PRONOUNS:
            return self._antecedent(mention.start, lower)
        return self._role(mention)

    def _named(self, start: int, end: int) -> str | None:
        for m in self._mentions:
            if m.start < end and start < m.end and m.label in _SPEAKER_LABELS:
                return self.full_name(m.text, m.label)
        span = self._doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            propn = [t for t in span if t.pos_ == "PROPN" and t.text[0].isupper()]
            if propn and span.root.pos_ == "PROPN":
                return self.full_name(" ".join(t.text for t in propn), "PERSON")
        return None

    def _named_token(self, token: Token) -> str | None:
        return self._named(token.idx, token.idx + len(token.text))

    def full_name(self, name: str, label: str = "PERSON") -> str:
        """The longest name of the article ending with the same word ("Stoltenberg" -> "Jens Stoltenberg")."""
        last = _last_word(name)
        best = name
        for person in self._people.values():
            if person.last == last and len(person.name) > len(best) and name.split()[0] in person.name:
                best = person.name
            elif person.last == last and len(person.name) > len(best) and len(name.split()) == 1:
                best = person.name
        return best

    def _antecedent(self, at: int, pronoun: str) -> str | None:
        if pronoun in ("i", "me", "we", "us"):
            return self._history[-1][1] if self._history else None
        wanted = "m" if pronoun in MALE_PRONOUNS else "f" if pronoun in FEMALE_PRONOUNS else ""
        plural = pronoun in PLURAL_PRONOUNS
        for name in self._salient_before(at):
            gender = self._gender(name)
            if plural or (wanted and gender and gender != wanted):
                continue
            return name
        return None

    def _salient_before(self, at: int) -> list[str]:
        """Candidate names before ``at``, best first: main-clause subjects and speakers, nearest first."""
        candidates: list[tuple[int, str]] = list(self._history)
        for sent in self._doc.sents:
            if sent.start_char >= at:
                break
            if at - sent.end_char > 1500:
                continue
            subject = _main_subject(sent)
            if subject is not None and subject.idx < at:
                name = self._named_token(subject)
                if name is not None:
                    candidates.append((subject.idx, name))
        candidates.sort(key=lambda c: -c[0])
        seen: list[str] = []
        for _, name in candidates:
            if name not in seen:
                seen.append(name)
        return seen

    def _role(self, mention: SpeakerMention) -> str | None:
        words = _content_words(mention.text)
        if not words or not mention.text.lower().startswith(("the ", "this ", "that ")):
            return None
        head = words[-1]
        wanted = set(words) | _ROLE_SYNONYMS.get(head, {head})
        best: tuple[int, str] | None = None
        for person in self._people.values():
            score = len(person.title_words & wanted)
            if head in person.title_words or _ROLE_SYNONYMS.get(head, set()) & person.title_words:
                score += 2
            if score >= 2 and (best is None or score > best[0]):
                best = (score, person.name)
        if best is not None:
            return best[1]
        recent = self._salient_before(mention.start)
        return recent[0] if recent and head in _PERSON_ROLES else None

    def _gender(self, name: str) -> str:
        person = self._people.get(_last_word(name))
        return person.gender if person else ""

    def _learn_gender(self, pronoun: str, name: str) -> None:
        person = self._people.get(_last_word(name))
        if person is None or person.gender:
            return
        if pronoun in MALE_PRONOUNS:
            person.gender = "m"
        elif pronoun in FEMALE_PRONOUNS:
            person.gender = "f"


_PERSON_ROLES = frozenset(
    """president minister secretary senator governor envoy ambassador chief spokesman spokeswoman candidate
    nominee official leader director chairman mayor prime representative general commander congressman
    congresswoman lawmaker adviser advisor businessman billionaire mogul""".split()
)


def _main_subject(sent: Span) -> Token | None:
    root = sent.root
    for child in root.children:
        if child.dep_ in _SUBJECT_DEPS:
            return child
    return None


def _people_of(text: str, mentions: list[Mention]) -> dict[str, _Person]:
    """Persons of the article keyed by last name, with the title words written before or after them."""
    people: dict[str, _Person] = {}
    for m in mentions:
        if m.label != "PERSON":
            continue
        last = _last_word(m.text)
        person = people.setdefault(last, _Person(name=m.text, last=last, gender="", title_words=set()))
        if len(m.text) > len(person.name):
            person.name = m.text
        before = text[max(0, m.start - 80) : m.start].split("\n")[-1]
        title_words = _content_words(re.split(r"[.;!?]", before)[-1])[-6:]
        after = re.match(r",\s*(?:the\s+|a\s+)?([^,.;\n]{3,80})", text[m.end : m.end + 90])
        if after:
            title_words += _content_words(after.group(1))[:6]
        person.title_words.update(title_words)
        title = before.strip().split(" ")[-1].lower().rstrip(".") if before.strip() else ""
        if _TITLES.get(title):
            person.gender = _TITLES[title]
    return people


def _content_words(text: str) -> list[str]:
    return [w.lower() for w in re.findall(r"[A-Za-z][\w-]*", text) if w.lower() not in _STOP]


_STOP = frozenset("the a an of for to and in on at with this that his her its their".split())


def _last_word(name: str) -> str:
    words = re.findall(r"[\w-]+", name)
    return words[-1].lower() if words else name.lower()
