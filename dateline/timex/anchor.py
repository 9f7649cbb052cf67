"""Anchoring: which way a bare weekday or month points, and the date a sentence is about.

The tense of the verb governing an expression decides whether "Friday" or "July 31" is the last
one (past tense) or the next one (future). Tense comes from the spaCy parse when a Doc is given
(the head chain of the expression up to its verb, with its auxiliaries), else from cue words in
the sentence around it. Limits: reported speech and conditionals are read as their surface tense.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from spacy.tokens import Doc, Token

Tense = Literal["past", "present", "future"]

# Cue words read when no parse is available; the nearest cue to the expression wins.
_FUTURE_CUES = re.compile(
    r"\b(?:will|shall|won't|'ll|going\s+to|plans?\s+to|planned\s+to|expects?\s+to|is\s+expected|are\s+expected|"
    r"scheduled|due\s+to|to\s+be\s+held|intends?\s+to|would|might|may|should|must|upcoming|next|is\s+to|"
    r"are\s+to)\b",
    re.IGNORECASE,
)
_PAST_CUES = re.compile(
    r"\b(?:was|were|had|did|said|told|went|came|met|took|made|gave|left|began|announced|reported|ago|last|"
    r"(?<!\bbe\s)(?<!\bbeen\s)(?<!\bbeing\s)[a-z]{3,}ed)\b",  # "will be paid": a participle, not the past
    re.IGNORECASE,
)
_CUES: tuple[tuple[Tense, re.Pattern[str]], ...] = (("future", _FUTURE_CUES), ("past", _PAST_CUES))
# How far (characters) around an expression the cue-word fallback looks; tuned on TimeBank.
CUE_WINDOW = 80
_SENTENCE_END = re.compile(r"[.!?]\s|\n")


@dataclass
class Context:
    """What a normaliser may know about one expression.

    Attributes:
        anchor: the document creation date (None when unknown).
        tense: tense of the governing verb, or None when it cannot be told.
        reference: the last calendar value resolved before the expression (for "a year earlier",
            "the day before"); the anchor's day when nothing came before.
        text: the whole text (for look-around checks).
        start: start offset of the match in ``text``.
    """

    anchor: date | None
    tense: Tense | None
    reference: str | None
    text: str
    start: int = 0

    def before(self, chars: int = 30) -> str:
        """The text just before the match, lower-cased."""
        return self.text[max(0, self.start - chars) : self.start].lower()


def tense_from_doc(doc: Doc, start: int, end: int) -> Tense | None:
    """Tense of the verb that governs the characters ``start:end`` of ``doc``'s text, or None."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    verb = _governing_verb(span.root)
    return None if verb is None else _verb_tense(verb)


def _governing_verb(token: Token) -> Token | None:
    for _ in range(6):
        if token.pos_ in {"VERB", "AUX"}:
            return token
        if token.head is token:
            return None
        token = token.head
    return None


def _verb_tense(verb: Token) -> Tense | None:
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    words = {a.lower_ for a in auxes}
    if words & {"will", "'ll", "shall", "wo", "would", "might", "may", "should", "must", "'d"}:
        return "future"  # modals put an event named by a bare weekday or month ahead: "may leave Tuesday"
    if verb.tag_ in {"VBD"} or words & {"was", "were", "had", "did"}:
        return "past"
    if verb.tag_ == "VBN" and words & {"has", "have", "'ve"}:
        return "past"
    if verb.tag_ == "VB" and verb.head is not verb and verb.dep_ == "xcomp":
        return "future"  # "plans to meet Friday", "is expected to vote in May"
    if verb.tag_ in {"VBG"} and words & {"is", "are", "'s", "'re", "am"}:
        return "future"  # "is meeting Friday": the present progressive with a date is a plan
    if verb.tag_ in {"VBZ", "VBP"}:
        return "present"
    return "past" if verb.tag_ == "VBN" else None


def tense_from_text(text: str, start: int, end: int) -> Tense | None:
    """Tense from cue words in the sentence around ``start:end`` (the fallback without a parse)."""
    left_limit = max(0, start - CUE_WINDOW)
    left = text[left_limit:start]
    cut = [m.end() for m in _SENTENCE_END.finditer(left)]
    left = left[cut[-1] :] if cut else left
    right = text[end : end + CUE_WINDOW]
    stop = _SENTENCE_END.search(right)
    right = right[: stop.start()] if stop else right
    best: tuple[int, Tense] | None = None
    for tense, cues in _CUES:
        for match in cues.finditer(left):
            distance = len(left) - match.end()
            best = _nearer(best, (distance, tense))
        for match in cues.finditer(right):
            best = _nearer(best, (match.start(), tense))
    return None if best is None else best[1]


def _nearer(best: tuple[int, Tense] | None, candidate: tuple[int, Tense]) -> tuple[int, Tense]:
    if best is None or candidate[0] < best[0]:
        return candidate
    return best


def weekday_date(anchor: date, weekday: int, tense: Tense | None) -> date:
    """The date of ISO ``weekday`` (1 = Monday) closest to ``anchor`` in the direction the tense gives.

    Past (or unknown) tense: the latest such day on or before the anchor ("Friday" written on a
    Friday is that day). Future: the first on or after it.
    """
    delta = (anchor.isoweekday() - weekday) % 7
    if tense == "future":
        return anchor + timedelta(days=(weekday - anchor.isoweekday()) % 7)
    if tense is None and delta > 4:
        return anchor + timedelta(days=7 - delta)  # unknown tense: the nearer one
    return anchor - timedelta(days=delta)


def month_year(anchor: date, month: int, day: int | None, tense: Tense | None) -> int:
    """The year of "July 31" or "May" written on ``anchor``.

    The nearer of the last and the next occurrence, with the tense as a strong bias: in a past-tense
    sentence the next one is taken only when it is less than ``TENSE_BIAS`` times as far as the
    last one ("declared a dividend payable Dec. 15" in October is this December).
    """
    day = day or 15
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        when = date(year, month, min(day, 28 if month == 2 else day))
        distance = (when - anchor).days
        if (tense == "past" and distance > 0) or (tense == "future" and distance < -_SAME_MONTH_DAYS):
            distance *= TENSE_BIAS
        candidates.append((abs(distance), year))
    return min(candidates)[1]


# How much the tense outweighs distance when choosing the year of a partial date; tuned on TimeBank.
TENSE_BIAS = 4
# A future-tense sentence may still name the current month ("will close this month, on May 2").
_SAME_MONTH_DAYS = 31
