"""Datelines: the date an article gives itself at its top.

Input: the article text. Output: a Dateline (date, or month and day when the year is left out, the
place, and the matched text as evidence) or None. Forms read, within the first lines:
"KABUL (Pakistan Point News / Sputnik - 28th January, 2020)", "WASHINGTON, March 3 (Reuters) -",
"HONG KONG | Wed Apr 15, 2009 5:56 am EDT", "Posted on ...", "Published: ...", "Friday 30 April 2010 22.49 BST",
and a line holding only a date. "Updated ..." dates are skipped (they come after publication).
Hand-written patterns (dateline.pubdate.patterns). Known limit: numeric dates (01/02/2020) are not read.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dateline.pubdate import patterns

# How far into the text a dateline may sit: headline, kicker, byline and a few furniture lines come first.
# Tuned on the seeds and on Timeline17 openings (Reuters, Guardian, Washington Post); re-run
# `dateline eval text-dates` after a change.
HEAD_CHARS = 700
DATE_LINE_LINES = 5  # a bare date stamp counts only in the first lines (later ones are comment times)
SHORT_LINE = 60  # "Tuesday, 28 January 2020" opening a line this short is a date line, not a sentence

_PLACE = r"(?P<place>[A-Z][A-Z.'’\- ]{1,40}?(?:,\s*[A-Z][A-Za-z.'’\- ]{1,30})?)"
_AGENCY_DATE = re.compile(rf"(?m)^\s*{_PLACE}\s*[(\[][^()\[\]\n]{{0,80}}?[-–—,/]\s*(?P<date>[^()\[\]\n]{{6,40}})[)\]]")
_PLACE_DATE_AGENCY = re.compile(
    rf"(?m)^\s*{_PLACE}\s*,\s*(?P<date>[A-Z][a-z]{{2,8}}\.?\s+\d{{1,2}}(?:\s*,\s*\d{{4}})?)\s*[(\[]"
)
_PLACE_BAR = re.compile(rf"(?m)^\s*{_PLACE}\s*\|\s*(?P<date>[^|\n]{{6,60}})")
_LABEL = re.compile(
    r"(?i)\b(?P<label>posted|published|first published|publication date|date published|released|created|"
    r"updated|last updated|last modified|modified)\b(?:\s+(?:on|at))?\s*[:\-–—]?\s*(?P<date>[^\n|]{6,60})"
)
_WEEKDAY_BEFORE = re.compile(r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?\s*,?\s*$")


@dataclass(frozen=True)
class Dateline:
    """A date found in an article's dateline or date line; ``year`` None when the dateline omits it."""

    year: int | None
    month: int
    day: int
    text: str
    place: str | None = None
    kind: str = "dateline"

    @property
    def date(self) -> dt.date | None:
        """The full date, when the year is known and the day exists in it."""
        if self.year is None:
            return None
        try:
            return dt.date(self.year, self.month, self.day)
        except ValueError:  # February 29th resolved to a common year
            return None


def find_dateline(text: str) -> Dateline | None:
    """The dateline date of an article, or None.

    Args:
        text: the article text (raw or cleaned); only the first HEAD_CHARS characters are read.

    Returns:
        The first dateline found, trying the agency forms, then labelled dates, then date lines.
    """
    head = text[:HEAD_CHARS]
    for finder in (_agency_dateline, _labelled_date, _date_line):
        found = finder(head)
        if found is not None:
            return found
    return None


def _first_date(fragment: str) -> patterns.DateMatch | None:
    full = patterns.find_full_dates(fragment)
    if full:
        return full[0]
    partial = patterns.find_month_days(fragment)
    return partial[0] if partial else None


def _agency_dateline(head: str) -> Dateline | None:
    for pattern in (_AGENCY_DATE, _PLACE_DATE_AGENCY, _PLACE_BAR):
        for match in pattern.finditer(head):
            found = _first_date(match.group("date"))
            if found is not None and match.group("place").strip():
                place = match.group("place").strip(" ,")
                return Dateline(found.year, found.month, found.day, match.group(0).strip(), place, "dateline")
    return None


def _labelled_date(head: str) -> Dateline | None:
    for match in _LABEL.finditer(head):
        if "updat" in match.group("label").lower() or "modif" in match.group("label").lower():
            continue
        found = patterns.find_full_dates(match.group("date"))
        if found and found[0].start < 25:
            first = found[0]
            return Dateline(first.year, first.month, first.day, match.group(0).strip(), None, "label")
    return None


def _date_line(head: str) -> Dateline | None:
    """A date stamp: a line that is only a date, a date next to a clock time, or a short weekday-date line."""
    for line in head.splitlines()[:DATE_LINE_LINES]:
        for found in patterns.find_full_dates(line):
            rest = (line[: found.start] + " " + line[found.end :]).strip(" ,;|-")
            weekday_first = _WEEKDAY_BEFORE.search(line[max(0, found.start - 14) : found.start])
            short = len(line.strip()) <= SHORT_LINE
            if len(rest) <= 3 or patterns.is_stamp(line, found) or (weekday_first and short):
                around = line[max(0, found.start - 14) : found.end + 20].strip()
                return Dateline(found.year, found.month, found.day, around, None, "date line")
    return None
