"""The tagging loop: run every pattern, keep the best non-overlapping matches, normalise them in order.

Selection: candidates are taken longest first (ties: ``patterns.PRIORITY``), each kept when it
overlaps nothing kept before and its normaliser accepts it. Resolution then walks the kept
matches left to right, so that "a year earlier" and "the day before" see the last date the text
mentioned (the reference); a wire dateline a day or two before the anchor ("OSLO, June 11 (AP) --") stands in for
it, as the day of writing. Pure regular expressions (``re``): no per-token Python loop.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial

from spacy.tokens import Doc

from dateline.records import TimexType
from dateline.timex import dates, durations, holidays, periods, relative, values
from dateline.timex.anchor import Context, Tense, tense_from_doc, tense_from_text
from dateline.timex.lexicon import MONTHS
from dateline.timex.patterns import PATTERNS, PRIORITY
from dateline.timex.prechecks import lowered_for_checks, may_match
from dateline.timex.triggers import rule_windows

logger = logging.getLogger(__name__)

Normaliser = Callable[[re.Match[str], Context], "tuple[TimexType, str] | None"]
NORMALISERS: dict[str, Normaliser] = {
    **dates.NORMALISERS,
    **relative.NORMALISERS,
    **periods.NORMALISERS,
    **durations.NORMALISERS,
    **holidays.NORMALISERS,
}
# Expressions counted back from the reference ("a year earlier", "the year-ago quarter", "overnight") do not become
# the reference themselves: the next "a year earlier" still counts from the period under discussion.
_KEEPS_REFERENCE = re.compile(r"year-|\bago\b|\bearlier\b|\bcomparable\b|\bovernight\b", re.IGNORECASE)
# An approximation in front of a date or time, part of its extent.
_AROUND_BEFORE = re.compile(r"\b(?:around|approximately)\s+$", re.IGNORECASE)
# The end date of a period ("the quarter ended Sept. 30") does not replace the period as the reference.
_PERIOD_END_BEFORE = re.compile(r"\bend(?:ed|ing|s)\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class Found:
    """A tagged expression: character offsets into the text (end exclusive), TIMEX3 type and value."""

    start: int
    end: int
    type: TimexType
    value: str
    rule: str


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    rule: str
    match: re.Match[str]


def find(text: str, anchor: date | None, doc: Doc | None = None) -> list[Found]:
    """Every temporal expression of ``text``, normalised against ``anchor``.

    Args:
        text: the text to tag.
        anchor: the document creation date, or None.
        doc: spaCy parse of the same text (used for tense), or None.

    Returns:
        Found expressions in text order.
    """
    if doc is not None and not _same_text(doc, text):
        logger.debug("the Doc does not hold the same text: tense read from cue words")
        doc = None
    anchor = filing_day(text, anchor)
    chosen = _select(_candidates(text), text, anchor)
    return _resolve(chosen, text, anchor, doc)


# A wire story's dateline at the head of the text: the place in capitals, then the day ("WASHINGTON, March 12 (Xinhua)
# --", "LIMA, Peru, Aug. 7 (AP) _").
_DATELINE = re.compile(
    r"\s*[A-Z][A-Z.'\- ]{1,40}(?:,\s*[A-Z][A-Za-z.'\- ]{1,30})?,\s+(?P<month>[A-Z][a-z]{2,8}\.?)\s+(?P<day>[0-3]?\d)"
    r"\s*(?:\(|--|_)"
)
# How many days a dateline may lie before the creation date and still be the day of writing (a story filed late in
# the evening is often stamped the next day); an editor's choice, not tuned.
DATELINE_LAG_DAYS = 2


def filing_day(text: str, anchor: date | None) -> date | None:
    """The day a wire story was written: its dateline's date when that is a day or two before ``anchor``.

    Relative expressions count from the day of writing ("today" in a story datelined March 12 and stamped
    March 13 is March 12); a dateline after the anchor, or far from it, is not trusted.

    Args:
        text: the article's text; only its first 160 characters are read.
        anchor: the document creation date (a calendar date, no time zone), or None.

    Returns:
        The dateline's date when it lies 1 to ``DATELINE_LAG_DAYS`` days before ``anchor``, else ``anchor``.
    """
    if anchor is None:
        return None
    head = _DATELINE.match(text, 0, 160)
    month = MONTHS.get(head["month"].lower().rstrip(".")) if head else None
    if head is None or month is None:
        return anchor
    for year in (anchor.year, anchor.year - 1):
        try:
            when = date(year, month, int(head["day"]))
        except ValueError:
            continue
        if 0 < (anchor - when).days <= DATELINE_LAG_DAYS:
            logger.debug("dateline %s: relative expressions count from it, not from %s", when, anchor)
            return when
    return anchor


def _same_text(doc: Doc, text: str) -> bool:
    """Whether ``doc`` was parsed from ``text``: same length, first and last tokens in place.

    Speed: ``Doc.text`` rebuilds the whole string token by token (about as long as tagging an article).
    """
    if len(doc) == 0:
        return not text.strip()
    first, last = doc[0], doc[-1]
    return (
        last.idx + len(last.text_with_ws) == len(text)
        and text.startswith(first.text, first.idx)
        and text.startswith(last.text, last.idx)
    )


def _candidates(text: str) -> list[_Candidate]:
    found = []
    lowered = lowered_for_checks(text)
    for rule, windows in rule_windows(text).items():
        pattern = PATTERNS[rule]
        seen: set[tuple[int, int]] = set()
        for window_start, window_end in windows:
            if not may_match(rule, text, lowered, window_start, window_end):
                continue
            for match in pattern.finditer(text, window_start, window_end):
                start, end = _extent(match, text)
                if end > start and (start, end) not in seen:
                    seen.add((start, end))
                    found.append(_Candidate(start, end, rule, match))
    return found


def _extent(match: re.Match[str], text: str) -> tuple[int, int]:
    start, end = match.span("t") if "t" in match.re.groupindex and match.group("t") else match.span()
    while end > start and text[end - 1] in " \t\n,;:":
        end -= 1
    if text[end - 2 : end] in {"'s", "’s"}:
        end -= 2
    return start, end


def _select(candidates: list[_Candidate], text: str, anchor: date | None) -> list[_Candidate]:
    taken = bytearray(len(text))
    kept = []
    reference = values.day(anchor) if anchor else None
    for cand in sorted(candidates, key=lambda c: (c.start - c.end, PRIORITY[c.rule], c.start)):
        if any(taken[cand.start : cand.end]):
            continue
        probe = Context(anchor=anchor, tense=None, reference=reference, text=text, start=cand.match.start())
        if NORMALISERS[cand.rule](cand.match, probe) is None:
            continue
        taken[cand.start : cand.end] = b"\x01" * (cand.end - cand.start)
        kept.append(cand)
    return sorted(kept, key=lambda c: c.start)


def _resolve(chosen: list[_Candidate], text: str, anchor: date | None, doc: Doc | None) -> list[Found]:
    reference = values.day(anchor) if anchor else None
    found: list[Found] = []
    for cand in chosen:
        read = partial(_tense, text, doc, cand.start, cand.end)
        ctx = _TenseOnDemand(read, anchor=anchor, reference=reference, text=text, start=cand.match.start())
        resolved = NORMALISERS[cand.rule](cand.match, ctx)
        if resolved is None:
            continue
        kind, value = resolved
        found.append(Found(_approximate_start(text, cand, kind, found), cand.end, kind, value, cand.rule))
        if (
            kind in {"DATE", "TIME"}
            and values.start_of(value.split("T")[0]) is not None
            and not _KEEPS_REFERENCE.search(cand.match.group(0))
            and not _PERIOD_END_BEFORE.search(text, max(0, cand.start - 12), cand.start)
        ):
            reference = value.split("T")[0]
    return found


def _approximate_start(text: str, cand: _Candidate, kind: str, found: list[Found]) -> int:
    """The start of a date with "around" in front: TimeML puts the approximation in the extent ("around Nov. 1").

    Not before a possessive ("get around Wednesday's ruling"), nor into the expression before it.
    """
    before = _AROUND_BEFORE.search(text, max(0, cand.start - 16), cand.start)
    if before is None or kind not in {"DATE", "TIME"} or text.startswith(("'s", "’s"), cand.end):
        return cand.start
    return cand.start if found and found[-1].end > before.start() else before.start()


class _TenseOnDemand(Context):
    """A Context whose tense is read (by ``read``) the first time a normaliser asks for it.

    Why: reading the tense walks the parse around the expression, and most expressions ("March 3, 2019",
    "two years", "daily") never ask; the answers are the same as with the tense read up front.
    """

    def __init__(
        self, read: Callable[[], Tense | None], *, anchor: date | None, reference: str | None, text: str, start: int
    ) -> None:
        super().__init__(anchor=anchor, tense=None, reference=reference, text=text, start=start)
        self._read: Callable[[], Tense | None] | None = read

    @property
    def tense(self) -> Tense | None:
        if self._read is not None:
            self._tense, self._read = self._read(), None
        return self._tense

    @tense.setter
    def tense(self, value: Tense | None) -> None:
        self._tense, self._read = value, None


def _tense(text: str, doc: Doc | None, start: int, end: int) -> Tense | None:
    if doc is not None:
        return tense_from_doc(doc, start, end, text)
    return tense_from_text(text, start, end)
