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
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import accumulate

from spacy.tokens import Doc, Span, Token

from dateline import roles
from dateline.nlp import text_of, token_offsets
from dateline.quotes.cues import (
    FEMALE_PRONOUNS,
    MALE_PRONOUNS,
    PERSONAL_PRONOUNS,
    PLURAL_PRONOUNS,
    is_speech_verb,
)
from dateline.records import Mention

logger = logging.getLogger(__name__)

_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
_NOT_SPEAKERS = frozenset({"there", "this"})
_RELATIVES = frozenset({"which", "that"})
# How many heads to climb from a cue without a subject ("..., and admitting that ...") to the verb whose
# subject it shares, through the dependency labels below. Tuned on PolNeAR train speaker accuracy
# (3 steps: 0.936, 6: 0.938, 8: 0.938 on direct+partial quotes).
CLIMB_STEPS = 6
_SHARED_SUBJECT_DEPS = ("conj", "xcomp", "advcl", "ccomp", "pcomp", "acl", "prep")
_NP_LEFT_DEPS = ("det", "compound", "amod", "poss", "nmod", "nummod", "quantmod", "case", "punct", "predet")
_SPEAKER_LABELS = ("PERSON", "ORG", "GPE", "NORP")
_TITLES = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "sen": "", "gov": "", "rep": "", "dr": "", "president": ""}


def _never(_: Token) -> bool:
    return False


@dataclass(frozen=True)
class SpeakerMention:
    """The words that name or refer to a speaker: offsets into the article text, end exclusive."""

    start: int
    end: int
    text: str
    head: Token


def source_of(cue: Token, quoted: Callable[[Token], bool] = _never) -> SpeakerMention | None:
    """The subject of a speech cue, climbing through "..., saying" / "and added" to a shared subject.

    Args:
        cue: the verb of saying.
        quoted: tells whether a token is inside a quotation (a speaker never is).

    Returns:
        The subject noun phrase, or None (passive without agent, expletive "it", imperative).
    """
    verb = cue
    for step in range(CLIMB_STEPS):
        if step and verb.dep_ == "ccomp" and is_speech_verb(verb.head):
            verb = verb.head  # "X said Y did Z, saying ...": the participle is X's, misattached to Y's verb
        subject = _subject(verb, quoted)
        if subject is not None and subject.lower_ in _RELATIVES and verb.dep_ == "relcl":
            return mention_of(verb.head)  # "a headline that said" -> the headline
        if subject is not None:
            return mention_of(subject)
        if verb.dep_ == "relcl" and verb.head is not verb:
            return mention_of(verb.head)  # "officials who spoke"
        if verb.dep_ == "acl" and verb.head is not verb:
            return _document_source(verb.head, quoted)  # "a statement saying"
        if verb.dep_ not in _SHARED_SUBJECT_DEPS or verb.head is verb:
            break
        verb = verb.head
    return _neighbour(cue, quoted)


def _document_source(noun: Token, quoted: Callable[[Token], bool]) -> SpeakerMention:
    """Who put out "a statement saying ...": the subject of the verb whose object the statement is."""
    if noun.dep_ == "dobj":
        subject = _subject(noun.head, quoted)
        if subject is not None:
            return mention_of(subject)
    return mention_of(noun)


def _subject(verb: Token, quoted: Callable[[Token], bool]) -> Token | None:
    """The subject of ``verb`` outside quotations; a relative "which"/"that" only when nothing else is."""
    found: list[Token] = []
    for child in verb.children:
        if child.dep_ in _SUBJECT_DEPS and not quoted(child) and child.lower_ not in _NOT_SPEAKERS:
            if not (child.dep_ == "nsubjpass" and child.lower_ == "it"):
                found.append(child)
        elif child.dep_ == "agent":
            found.extend(g for g in child.children if g.dep_ == "pobj" and not quoted(g))
    found.sort(key=lambda t: t.lower_ in _RELATIVES)
    return found[0] if found else None


def _neighbour(cue: Token, quoted: Callable[[Token], bool]) -> SpeakerMention | None:
    """The name or pronoun written right next to the cue ("...,” Trump said" parsed with a subject inside
    the quotation)."""
    doc = cue.doc
    for i in (cue.i - 1, cue.i + 1):
        if 0 <= i < len(doc) and doc[i].pos_ in ("PROPN", "PRON") and doc[i].dep_ != "pobj" and not quoted(doc[i]):
            head = doc[i]
            while head.dep_ in ("compound", "flat") and head.head is not head:
                head = head.head
            return mention_of(head)
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
    starts, ends = token_offsets(doc)  # a Span would build a Token per word for its offsets and text
    start, end = starts[left], ends[right]
    return SpeakerMention(start=start, end=end, text=text_of(doc)[start:end], head=head)


@dataclass
class _Person:
    name: str
    gender: str  # "m", "f" or "" (unknown)
    roles: list[roles.Role]


class SpeakerResolver:
    """Resolves speaker mentions of one article to the best full name mentioned in it.

    State: the article's persons (their longest name, the roles written next to them, the gender learnt
    from titles and resolved pronouns) and the speakers resolved so far, so that "he said" after a quote
    goes back to that quote's speaker rather than to a person named in between in a side clause.
    """

    def __init__(
        self, doc: Doc, mentions: list[Mention], text: str, quoted: Callable[[int], bool] = lambda _: False
    ) -> None:
        """Index the persons of one article.

        Args:
            doc: the parsed article.
            mentions: its NER mentions (offsets into ``text``).
            text: the article text (``doc.text``).
            quoted: tells whether a character offset is inside a quotation (its subjects are not
                antecedents: "we" and "they" inside a quote are the speaker's).
        """
        self._mentions = sorted(mentions, key=lambda m: m.start)
        self._starts = [m.start for m in self._mentions]
        self._reach = list(accumulate((m.end for m in self._mentions), max))  # furthest end so far
        self._text = text
        self._doc = doc
        self._quoted = quoted
        self._history: list[tuple[int, str]] = []

    # The persons and the antecedents are read on first use: an article without speakers needs neither.
    @cached_property
    def _people(self) -> dict[str, _Person]:
        return _people_of(self._text, self._mentions)

    @cached_property
    def _subjects(self) -> list[Token]:
        """Main-clause subjects outside quotations, in text order: the candidate antecedents."""
        subjects = (_main_subject(sent) for sent in self._doc.sents if not self._quoted(sent.root.idx))
        return [t for t in subjects if t is not None and t.lower_ not in PERSONAL_PRONOUNS]

    def resolve(self, mention: SpeakerMention) -> str | None:
        """The full name ``mention`` refers to, or None when it names no person or organisation.

        Args:
            mention: a speaker mention; offsets index the article text. Call in text order: earlier
                speakers are the preferred antecedents of later pronouns.
        """
        name = self._resolve(mention)
        if name is not None:
            self._register(mention, name)
            self._history.append((mention.start, name))
            self._learn_gender(mention.text.lower(), name)
        return name

    def full_name(self, name: str) -> str:
        """The longest person name of the article ending with the same word ("Stoltenberg" -> "Jens Stoltenberg")."""
        person = self._people.get(_last_word(name))
        if person is not None and len(person.name) > len(name):
            return person.name
        return name

    def _resolve(self, mention: SpeakerMention) -> str | None:
        lower = mention.text.lower()
        if lower == "who":
            verb = mention.head.head
            return self._resolve(mention_of(verb.head)) if verb.dep_ == "relcl" and verb.head is not verb else None
        if lower in PERSONAL_PRONOUNS:
            return self._antecedent(mention.start, lower)
        named = self._named(mention.head)
        if named is not None:
            return named
        return self._role(mention)

    def _named(self, head: Token) -> str | None:
        """The name of the mention holding ``head``, or its proper-noun chain ("Mr. Trump")."""
        at = head.idx
        starting_before = bisect_right(self._starts, at)  # the mentions that start at or before ``at``
        first_reaching = bisect_right(self._reach, at, 0, starting_before)  # all before it end by ``at``
        for m in self._mentions[first_reaching:starting_before]:
            if at < m.end and m.label in _SPEAKER_LABELS:
                return self.full_name(m.text)  # the small model often tags a surname alone as ORG or GPE
        if head.pos_ != "PROPN":
            return None
        parts = [t for t in head.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"] + [head]
        parts += [t for t in head.rights if t.dep_ == "flat"]
        words = [t.text for t in parts if t.text[:1].isupper() and t.lower_.rstrip(".") not in _TITLES]
        return self.full_name(" ".join(words)) if words else None

    def _antecedent(self, at: int, pronoun: str) -> str | None:
        if pronoun in ("i", "me", "we", "us"):
            return self._history[-1][1] if self._history else None
        wanted = "m" if pronoun in MALE_PRONOUNS else "f" if pronoun in FEMALE_PRONOUNS else ""
        plural = pronoun in PLURAL_PRONOUNS
        for name in self._salient_before(at):
            person = self._people.get(_last_word(name))
            if plural and person is not None:
                continue  # "they" is an organisation or a group, not one person
            if wanted and (person is None or (person.gender and person.gender != wanted)):
                continue
            return name
        return None

    def _salient_before(self, at: int) -> list[str]:
        """Names before ``at``, nearest first: earlier speakers and the subjects of main clauses."""
        candidates = [c for c in self._history if c[0] < at and at - c[0] <= ANTECEDENT_WINDOW]
        for subject in self._subjects:
            if subject.idx >= at:
                break
            if at - subject.idx <= ANTECEDENT_WINDOW:
                name = self._named(subject)
                if name is not None:
                    candidates.append((subject.idx, name))
        names: list[str] = []
        for _, name in sorted(candidates, key=lambda c: -c[0]):
            if name not in names:
                names.append(name)
        return names

    def _role(self, mention: SpeakerMention) -> str | None:
        """The person whose written role fits a role noun ("the NATO chief"), nearest before it first."""
        if not mention.text.lower().startswith(("the ", "this ", "that ")):
            return None
        query = roles.parse_role(mention.text)
        if query is None:
            return None
        fitting = {p.name for p in self._people.values() if any(roles.matches(query, held) for held in p.roles)}
        if not fitting:
            return None
        ranked = [n for n in self._salient_before(mention.start) if n in fitting]
        return ranked[0] if ranked else sorted(fitting)[0]

    def _register(self, mention: SpeakerMention, name: str) -> None:
        """Keep a speaker named in a cue's subject as a person, with the role written before the name.

        The small NER model misses names inside long titles ("Foreign Ministry spokeswoman Lidia Kors"),
        so a later "the ministry spokeswoman" would otherwise find nobody holding that role.
        """
        at = mention.text.rfind(name)
        if at < 0 or " " not in name or mention.text.lower() in PERSONAL_PRONOUNS:
            return
        person = self._people.setdefault(_last_word(name), _Person(name=name, gender="", roles=[]))
        phrase = roles.role_before(self._text, mention.start + at, floor=mention.start)
        role = roles.parse_role(phrase) if phrase else None
        if role is not None and role not in person.roles:
            person.roles.append(role)

    def _learn_gender(self, pronoun: str, name: str) -> None:
        person = self._people.get(_last_word(name))
        if person is None or person.gender:
            return
        if pronoun in MALE_PRONOUNS:
            person.gender = "m"
        elif pronoun in FEMALE_PRONOUNS:
            person.gender = "f"


# How far back (characters, about a dozen sentences) a pronoun's antecedent may be. Set by hand: PolNeAR
# speaker accuracy does not move between 600 and 3,000 (its gold speaker is the pronoun itself).
ANTECEDENT_WINDOW = 1500


def _main_subject(sent: Span) -> Token | None:
    for child in sent.root.children:
        if child.dep_ in _SUBJECT_DEPS:
            return child
    return None


_TITLE_BEFORE = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s+$")
_WORD = re.compile(r"[\w-]+")


def _people_of(text: str, mentions: list[Mention]) -> dict[str, _Person]:
    """Persons of the article keyed by last name: longest name, roles written next to it, gender from titles."""
    people: dict[str, _Person] = {}
    for m in mentions:
        if m.label != "PERSON":
            continue
        person = people.setdefault(_last_word(m.text), _Person(name=m.text, gender="", roles=[]))
        if len(m.text) > len(person.name):
            person.name = m.text
        for phrase in (roles.role_before(text, m.start), roles.role_after(text, m.end)):
            role = roles.parse_role(phrase) if phrase else None
            if role is not None:
                person.roles.append(role)
        title = _TITLE_BEFORE.search(text[max(0, m.start - 6) : m.start])
        if title and not person.gender:
            person.gender = _TITLES[title.group(1).lower()]
    return people


@lru_cache(maxsize=4096)
def _last_word(name: str) -> str:
    words = _WORD.findall(name)
    return words[-1].lower() if words else name.lower()
