"""Offset dates: "ten days after it was signed on March 3", "eleven days after the ceasefire took effect".

Input: the article text. Output: OffsetDate records, each a date reached by counting days or weeks from
a date the text states, either in the same sentence or, when the sentence names only an event ("after
the ceasefire", "after the signing"), in another sentence that gives that event a date ("the ceasefire
of February 7", "signed in Port Callis on March 3"). The reached day is a past event, so a clue to the
publication date like any date the text reports. Hand-written regular expressions (dateline.pubdate
.patterns): no library reads counted offsets. Known limits: English only; the event is matched by its
word stem, so "the vote" may find the wrong vote; offsets from weekdays ("two days after Monday") are
not read.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dateline.pubdate import patterns

# How far after the "... after" the stated date may follow in the same sentence (characters).
SAME_SENTENCE_REACH = 80
# How far after the event word its date may follow in another sentence ("ceasefire of February 7").
EVENT_REACH = 60
MIN_STEM = 4  # shorter event stems ("war", "vote" is kept) match too much

_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
}  # fmt: skip
_OFFSET = re.compile(
    r"\b(?P<count>\d{1,3}|" + "|".join(_NUMBERS) + r")\s+(?P<unit>days?|weeks?)\s+(?:to\s+the\s+day\s+)?"
    r"(?P<dir>after|before|since)\b(?P<rest>[^.;\n]{0," + str(SAME_SENTENCE_REACH) + r"})",
    re.IGNORECASE,
)
_EVENT = re.compile(r"^\s*(?:the|its|their|his|her)\s+(?:\w+\s+){0,2}?(?P<word>[a-z]{3,})\b")
_SUFFIX = re.compile(r"(?:ing|ed|es|s)$")
# Reference leap year for counting from a date without a year (so February 29 exists).
_LEAP = 2000


@dataclass(frozen=True)
class OffsetDate:
    """A day reached by an offset from a stated date; ``year`` None when the stated date had none."""

    year: int | None
    month: int
    day: int
    text: str
    offset: int


def find_offset_dates(text: str) -> list[OffsetDate]:
    """Every "N days/weeks after|before <dated event>" in ``text``, counted to the day it names.

    Args:
        text: the article text.

    Returns:
        OffsetDates in text order; ``offset`` is the character offset of the count in ``text``.
    """
    found = []
    for match in _OFFSET.finditer(text):
        days = _days(match)
        anchor = _date_after(match.group("rest")) or _event_date(match.group("rest"), text)
        if anchor is None:
            continue
        year = anchor.year if anchor.year is not None else _LEAP
        start = dt.date(year, anchor.month, anchor.day)
        day = start + dt.timedelta(days=days)
        text_seen = match.group(0)[: match.end("dir") - match.start()] + " " + anchor.text
        found.append(OffsetDate(day.year if anchor.year else None, day.month, day.day, text_seen, match.start()))
    return found


def _days(match: re.Match[str]) -> int:
    count_text = match.group("count").lower()
    count = int(count_text) if count_text.isdigit() else _NUMBERS[count_text]
    days = count * (7 if match.group("unit").lower().startswith("week") else 1)
    return -days if match.group("dir").lower() == "before" else days


def _date_after(rest: str) -> patterns.DateMatch | None:
    """The first date in the words after "... after" (same sentence), full or without a year."""
    dated = patterns.find_full_dates(rest) + patterns.find_month_days(rest)
    return min(dated, key=lambda d: d.start) if dated else None


def _event_date(rest: str, text: str) -> patterns.DateMatch | None:
    """The date the text gives elsewhere to the event named after "after the" (matched by word stem)."""
    event = _EVENT.match(rest)
    if event is None:
        return None
    stem = _SUFFIX.sub("", event.group("word").lower())
    if len(stem) < MIN_STEM:
        return None
    for word in re.finditer(rf"\b{re.escape(stem)}\w*", text, re.IGNORECASE):
        window = text[word.end() : word.end() + EVENT_REACH]
        window = re.split(r"[.;\n]", window, maxsplit=1)[0]
        dated = _date_after(window)
        if dated is not None:
            return dated
    return None
