"""Anchoring: which way a bare weekday or month points, and the date a sentence is about.

The tense of the verb governing an expression decides whether "Friday" or "July 31" is the last
one (past tense) or the next one (future). Tense comes from the spaCy parse when a Doc is given
(the head chain of the expression up to its verb, with its auxiliaries; plan verbs such as "planned"
look ahead), else from cue words in the sentence around it; a lead-in word then has the last say
("by Monday" ahead, "as recently as Friday" back). Limits: reported speech and conditionals are
read as their surface tense.
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
    r"(?<!\bbe\s)(?<!\bbeen\s)(?<!\bbeing\s)(?<!\bis\s)(?<!\bare\s)[a-z]{3,}ed)\b",  # "will be paid", "are counted"
    re.IGNORECASE,
)
_CUES: tuple[tuple[Tense, re.Pattern[str]], ...] = (("future", _FUTURE_CUES), ("past", _PAST_CUES))
# Auxiliaries that put the event ahead of the writing ("can sign it on Monday").
# "could" is left out: in news it is mostly past ability ("could not be reached Friday").
_MODALS = frozenset({"will", "'ll", "shall", "wo", "would", "might", "may", "should", "must", "'d", "can", "ca"})
# Verbs whose object or complement names a planned event: its bare weekday or month is ahead.
_PLAN_VERBS = frozenset({"plan", "schedule", "slate", "intend"})
# Prepositions in front of an expression that fix its direction ("as recently as Friday", "by Monday").
_LEAD_IN_WINDOW = 30
_PAST_LEAD_IN = re.compile(r"\bas\s+recently\s+as\s+(?:last\s+)?$|\bsince\s+$")
_DEADLINE_LEAD_IN = re.compile(
    r"\b(?:by|until|till|as\s+early\s+as|as\s+soon\s+as|no\s+later\s+than|not\s+before|ahead\s+of)\s+$"
)
# "a new pact, effective June 1": the day a change takes effect, announced ahead of it whatever the tense of
# the announcing verb ("created an office, effective Feb. 1"); "became effective May 1" is over.
_EFFECTIVE_LEAD_IN = re.compile(r"(?<!became\s)(?<!become\s)(?<!was\s)(?<!were\s)\beffective\s+(?:on\s+)?$")
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


def tense_from_doc(doc: Doc, start: int, end: int, text: str | None = None) -> Tense | None:
    """Tense of the verb that governs the characters ``start:end`` of ``doc``'s text, or None.

    The words just before the expression have the last say: "as recently as Friday" is past,
    "by Monday" and "until Thursday" are ahead unless the verb is in the past ("had left by Monday").
    Pass ``text`` (``doc.text``) when calling once per expression: ``Doc.text`` rebuilds the string.
    """
    text = doc.text if text is None else text
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    verb = _governing_verb(span.root)
    if verb is None:
        return lead_in_tense(text, start, None)
    perfect = verb.tag_ == "VBN" and any(c.lower_ in {"has", "have", "'ve"} for c in verb.children)
    return lead_in_tense(text, start, _verb_tense(verb, span.start), perfect)


def lead_in_tense(text: str, start: int, tense: Tense | None, perfect: bool = False) -> Tense | None:
    """``tense`` corrected by the preposition in front of the expression at ``start`` (see ``tense_from_doc``).

    A present perfect does not hold a deadline back: "has given them until Tuesday" is ahead.
    """
    left = text[max(0, start - _LEAD_IN_WINDOW) : start].lower()
    if _PAST_LEAD_IN.search(left):
        return "past"
    if _EFFECTIVE_LEAD_IN.search(left):
        return "future"
    if (tense != "past" or perfect) and _DEADLINE_LEAD_IN.search(left):
        return "future"
    return tense


def _governing_verb(token: Token) -> Token | None:
    for _ in range(6):
        if token.pos_ in {"VERB", "AUX"}:
            return token
        if token.head is token:
            return None
        token = token.head
    return None


def _verb_tense(verb: Token, expression_start: int) -> Tense | None:
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    words = {a.lower_ for a in auxes}
    if words & _MODALS:
        # modals put an event named by a bare weekday or month ahead ("may leave Tuesday"), unless perfect:
        # "may have been responsible ... on Wednesday" looks back
        return "past" if "have" in words else "future"
    if "had" in words or (verb.dep_ == "xcomp" and _pluperfect_above(verb)):
        return "past"  # the pluperfect: "had been scheduled to expire Friday", "had been due to expire" is over
    if (
        verb.lemma_.lower() in _PLAN_VERBS
        and verb.dep_ not in {"acl", "amod"}
        and (verb.i < expression_start or verb.tag_ in {"VBZ", "VBP"})
    ):
        # "planned a rally on Saturday", "was scheduled for Monday", "On Tuesday, the league plans to ...": ahead
        return "future"
    if "to" in words and words & {"be"} and verb.tag_ == "VBN":
        return "future"  # "is to be opened by Monday"
    if verb.tag_ in {"VBD"} or words & {"was", "were", "did"}:
        return "past"
    if verb.tag_ == "VBN" and words & {"has", "have", "'ve"}:
        return "past"
    if verb.tag_ == "VBN" and words & {"is", "are", "be", "'s", "'re", "am", "being"}:
        return "present"  # a present passive ("is expected Friday"): not the past participle of a past event
    if verb.tag_ == "VB" and verb.head is not verb and verb.dep_ == "xcomp":
        return "future"  # "plans to meet Friday", "is expected to vote in May"
    if verb.tag_ in {"VBG"} and words & {"is", "are", "'s", "'re", "am"}:
        return "future"  # "is meeting Friday": the present progressive with a date is a plan
    if verb.tag_ in {"VBZ", "VBP"}:
        return "present"
    return "past" if verb.tag_ == "VBN" else None


def _pluperfect_above(verb: Token) -> bool:
    """Whether a "had" governs the clause that ``verb`` completes ("had been due to expire": expire <- due <- been)."""
    token = verb
    for _ in range(3):
        if token.head is token:
            return False
        token = token.head
        if any(c.lower_ == "had" and c.dep_ in {"aux", "auxpass"} for c in token.children):
            return True
        if token.pos_ == "VERB" and token.dep_ not in {"xcomp", "acomp"}:
            return False
    return False


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
    return lead_in_tense(text, start, None if best is None else best[1])


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
