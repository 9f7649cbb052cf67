"""Date clues in an article's text: what it says about when it was written.

Input: the article text (raw or cleaned; tokenised text such as "January 25 , 2011" works) and,
optionally, the absolute dates the timex stage found. Output: a TextClues record listing the full
dates stated, "January 25"-style dates without a year, days counted from them ("ten days after
March 3", dateline.pubdate.offsets), weekday mentions ("on Tuesday", "last Friday"),
years, and whether each sits in a sentence about the future. Hand-written regular expressions
(dateline.pubdate.patterns); tense is read from cue words, not a parse (cues inside a quotation do not
reach a date outside it). Known limit: reported speech about the future in the past tense ("said it
would meet on May 5") counts as future.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from dateline.pubdate import offsets, patterns
from dateline.records import Timex

# Cue words that put a sentence about the future: its dates are not lower bounds of the publication date.
_FUTURE = re.compile(
    r"\b(?:will|wo\s*n't|won't|'ll|shall|going to|scheduled|is due|are due|due to|set to|expected to|plans? to|"
    r"planned|upcoming|next|later this|to be held|deadline|until|starting)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“'`(])|\n+")
_BY_BEFORE = re.compile(r"\b(?:by|until|till|before)\s+(?:the\s+end\s+of\s+|early\s+|late\s+|mid-?)?$", re.IGNORECASE)
_WEEKDAY_BEFORE = re.compile(r"\b(last|next|this|on|since|until|by|early|late)\s+$", re.IGNORECASE)
_WRITTEN_YEAR = re.compile(r"(?:19|20)\d\d|'\d\d\b|/\d\d\b")
# Quotations: a future cue inside one ("we will do ours") says nothing of a date outside it ("..., he said
# on July 31"). Curly, straight and tokenised (``...'') quote marks.
_QUOTED = re.compile(r"“[^”]*”|\"[^\"\n]*\"|``.*?''")
_TODAY = re.compile(r"\b(?:today|tonight|this morning|this afternoon|this evening)\b", re.IGNORECASE)
# Cheap tests run before the costly patterns, each true wherever its pattern can match (so skipping the pattern when
# the test fails changes nothing): a patterns.FULL_DATE, MONTH_DAY or YEAR match holds a digit; a FULL_DATE or
# MONTH_DAY match a capitalised month abbreviation (an ISO date a hyphen instead); a WEEKDAY match "day"; an
# offsets match "days after" (or weeks, before, since). Why: most sentences name no date, and the date patterns
# were most of the clue extraction, itself the largest cost of the collection re-dating.
_DIGIT = re.compile(r"\d")
_MONTH_STEM = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
_ISO_HINT = "-"
_WEEKDAY_HINT = "day"
_TODAY_WORDS = ("today", "tonight", "this morning", "this afternoon", "this evening")
_OFFSET_HINT = re.compile(r"(?:days?|weeks?)\s+(?:to\s+the\s+day\s+)?(?:after|before|since)", re.IGNORECASE)


@dataclass(frozen=True)
class StatedDate:
    """A full date the text states, with the tense of its sentence."""

    date: dt.date
    text: str
    offset: int
    future: bool = False
    stamp: bool = False  # followed by a clock time: a post or comment time stamp


@dataclass(frozen=True)
class MonthDay:
    """A date stated without a year ("January 25")."""

    month: int
    day: int
    text: str
    offset: int
    future: bool = False
    counted: bool = False  # reached by counting from a stated date ("ten days after March 3"): an event's day


@dataclass(frozen=True)
class WeekdayMention:
    """A weekday named in the text ("on Tuesday"), 0 = Monday; ``modifier`` is last/next/this or ''."""

    weekday: int
    text: str
    offset: int
    future: bool = False
    modifier: str = ""


@dataclass
class TextClues:
    """Everything the text says about its own date."""

    dates: list[StatedDate] = field(default_factory=list)
    month_days: list[MonthDay] = field(default_factory=list)
    weekdays: list[WeekdayMention] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    future_years: list[int] = field(default_factory=list)
    today_mentions: int = 0

    @property
    def past_dates(self) -> list[StatedDate]:
        """Full dates in sentences about the past or present, time stamps excluded."""
        return [d for d in self.dates if not d.future and not d.stamp]

    def latest_past(self) -> StatedDate | None:
        """The latest full date reported as past: a lower bound of the publication date."""
        past = self.past_dates
        return max(past, key=lambda d: d.date) if past else None


def _sentences(text: str) -> Iterable[tuple[int, str]]:
    start = 0
    for match in _SENTENCE_END.finditer(text):
        yield start, text[start : match.start()]
        start = match.end()
    yield start, text[start:]


def extract_clues(text: str, timexes: Iterable[Timex] = ()) -> TextClues:
    """Collect the date clues of ``text``.

    Args:
        text: the article text.
        timexes: temporal expressions the timex stage found in the same text (offsets into it); those
            with a written year and a day-precision value are added when no pattern match covers them
            (relative ones, resolved against a guessed date, would only echo the guess).

    Returns:
        TextClues; offsets are character offsets into ``text``.
    """
    clues = TextClues()
    # An ASCII text lower-cased keeps its letters' matches under re.IGNORECASE: without these words, no _TODAY.
    lowered = text.lower() if text.isascii() else None
    today = lowered is None or any(word in lowered for word in _TODAY_WORDS)
    for start, sentence in _sentences(text):
        _add_sentence(clues, sentence, start, _lazy_future_reader(sentence), today)
    _add_offsets(clues, text)
    _add_timexes(clues, text, timexes)
    return _distinct(clues)


def _add_offsets(clues: TextClues, text: str) -> None:
    """Days reached by "ten days after March 3" or "eleven days after the ceasefire (of February 7)"."""
    if not _OFFSET_HINT.search(text):
        return
    for found in offsets.find_offset_dates(text):
        future = bool(_FUTURE.search(_sentence_around(text, found.offset)))
        if found.year is None:
            clues.month_days.append(MonthDay(found.month, found.day, found.text, found.offset, future, True))
        else:
            day = dt.date(found.year, found.month, found.day)
            clues.dates.append(StatedDate(day, found.text, found.offset, future))


def _distinct(clues: TextClues) -> TextClues:
    """One clue per distinct value: an article pasted twice, or a weekday named five times, is no stronger."""

    def first(items: list[Any], key: Callable[[Any], object]) -> list[Any]:
        seen: dict[object, Any] = {}
        for item in items:
            seen.setdefault(key(item), item)
        return list(seen.values())

    return TextClues(
        dates=first(clues.dates, lambda d: (d.date, d.future, d.stamp)),
        month_days=first(clues.month_days, lambda m: (m.month, m.day, m.future, m.counted)),
        weekdays=first(clues.weekdays, lambda w: (w.weekday, w.future, w.modifier)),
        years=sorted(set(clues.years)),
        future_years=sorted(set(clues.future_years)),
        today_mentions=clues.today_mentions,
    )


def _lazy_future_reader(sentence: str) -> Callable[[int], bool]:
    """``_future_reader(sentence)``, built on the first question only: most sentences hold no date to ask about."""
    reader: Callable[[int], bool] | None = None

    def future_at(offset: int) -> bool:
        nonlocal reader
        if reader is None:
            reader = _future_reader(sentence)
        return reader(offset)

    return future_at


def _future_reader(sentence: str) -> Callable[[int], bool]:
    """Whether a date at a character offset of ``sentence`` sits in a statement about the future.

    A future cue counts for the whole sentence, except that cues inside a quotation do not reach a date
    outside it (the reporting clause keeps its own tense).
    """
    if not _FUTURE.search(sentence):
        return lambda offset: False
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(sentence)]
    outside = _QUOTED.sub(lambda m: " " * len(m.group(0)), sentence)
    if not quoted or _FUTURE.search(outside):
        return lambda offset: True
    return lambda offset: any(s <= offset < e for s, e in quoted)


def _add_sentence(
    clues: TextClues, sentence: str, start: int, future_at: Callable[[int], bool], today: bool = True
) -> None:
    digits = _DIGIT.search(sentence) is not None
    months = digits and _MONTH_STEM.search(sentence) is not None
    taken = _add_full_dates(clues, sentence, start, future_at) if months or (digits and _ISO_HINT in sentence) else []
    for found in patterns.find_month_days(sentence) if months else ():
        if not _overlaps(found.start, found.end, taken):
            ahead = future_at(found.start) or "next" in sentence[max(0, found.start - 6) : found.start].lower()
            clues.month_days.append(MonthDay(found.month, found.day, found.text, start + found.start, ahead))
    if _WEEKDAY_HINT in sentence:
        _add_weekdays(clues, sentence, start, future_at)
    for year in patterns.YEAR.finditer(sentence) if digits else ():
        if _overlaps(year.start(), year.end(), taken):
            continue  # the year of a full date counts with the date
        ahead = future_at(year.start()) or bool(_BY_BEFORE.search(sentence[max(0, year.start() - 24) : year.start()]))
        (clues.future_years if ahead else clues.years).append(int(year.group(0)))
    if today:
        clues.today_mentions += len(_TODAY.findall(sentence))


def _add_full_dates(
    clues: TextClues, sentence: str, start: int, future_at: Callable[[int], bool]
) -> list[tuple[int, int]]:
    """Add the sentence's full dates; return their spans (so month-days and years skip them)."""
    taken: list[tuple[int, int]] = []
    for found in patterns.find_full_dates(sentence):
        day = found.to_date()
        if day is None:
            continue
        stamp = patterns.is_stamp(sentence, found)
        ahead = future_at(found.start) or bool(_BY_BEFORE.search(sentence[max(0, found.start - 24) : found.start]))
        clues.dates.append(StatedDate(day, found.text, start + found.start, ahead and not stamp, stamp))
        taken.append((found.start, found.end))
    return taken


def _add_weekdays(clues: TextClues, sentence: str, start: int, future_at: Callable[[int], bool]) -> None:
    for named in patterns.WEEKDAY.finditer(sentence):
        if named.group("plural"):
            continue  # "on Sundays": a habit, not a day
        modifier = _WEEKDAY_BEFORE.search(sentence[max(0, named.start() - 8) : named.start()])
        word = modifier.group(1).lower() if modifier else ""
        word = word if word in ("last", "next", "this") else ""
        ahead = (future_at(named.start()) and word != "last") or word == "next"
        weekday = patterns.weekday_number(named.group("weekday"))
        clues.weekdays.append(WeekdayMention(weekday, named.group(0), start + named.start(), ahead, word))


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def _add_timexes(clues: TextClues, text: str, timexes: Iterable[Timex]) -> None:
    known = [(d.offset, d.offset + len(d.text)) for d in clues.dates]
    for timex in timexes:
        if timex.type != "DATE" or not re.fullmatch(r"\d{4}-\d\d-\d\d", timex.value):
            continue
        if not _WRITTEN_YEAR.search(timex.text):
            continue
        if _overlaps(timex.start, timex.end, known):
            continue
        try:
            day = dt.date.fromisoformat(timex.value)
        except ValueError:
            continue
        sentence = _sentence_around(text, timex.start)
        clues.dates.append(StatedDate(day, timex.text, timex.start, bool(_FUTURE.search(sentence))))


def _sentence_around(text: str, offset: int) -> str:
    for start, sentence in _sentences(text):
        if start <= offset <= start + len(sentence):
            return sentence
    return ""
