"""Normalisers for calendar expressions: full and partial dates, months, years, decades, quarters, seasons.

Each function takes the regex match of the pattern of the same name (``patterns.py``) and the
``Context``, and returns ``(type, value)`` or None to reject the match (a false positive such as
"May" the verb or "1,500 troops"). Partial dates get their year from the anchor and the tense;
without an anchor they keep X placeholders ("XXXX-07-31").
"""

from __future__ import annotations

import re
from datetime import date

from dateline.records import TimexType
from dateline.timex import values
from dateline.timex.anchor import Context, month_year
from dateline.timex.lexicon import DECADE_WORDS, MONTHS, SEASONS, WEEKDAYS
from dateline.timex.numerals import parse_ordinal, parse_spoken_year

Resolved = tuple[TimexType, str] | None

# Words before a bare "May" (or any bare month) that make it a date rather than the verb.
_MONTH_PREPOSITIONS = re.compile(
    r"(?:\b(?:in|since|until|till|by|through|during|from|to|of|before|after|last|next|this|early|late|mid|"
    r"between|and|or|for|on|that|each|every|throughout)\s+|mid-)$"
)
# Words before a 4-digit number that make it a quantity, not a year, when a plural noun follows.
_QUANTITY_BEFORE = re.compile(r"\b(?:about|some|nearly|over|than|approximately|almost|around|least|only|just|"
                              r"roughly|estimated|total\s+of|all|to)\s+$|[$£€#]$|\bno\.\s*$|\bnumber\s+$")  # fmt: skip
_ON_BEFORE = re.compile(r"\bon\s+$", re.IGNORECASE)
# Days ahead of the creation date within which a past-tense "on April 25" may still be that day (the creation
# date of newswire is often a day behind the writing); an editor's choice, not tuned.
_DCT_GRACE_DAYS = 7
# A month name in front of a noun, after a determiner: "the March accession", "a May meeting" (not "the March of").
_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|its|their|his|her|our|this|last|next)\s+$", re.IGNORECASE)
_NOUN_AFTER = re.compile(r"\s+(?!(?:of|to|and|or|in|at|on|for|by|with|from|as|is|was|will|would)\b)[a-z]{3,}\b")
_PLURAL_AFTER = re.compile(r"\s+(?!years|days|months|weeks)[a-z]+s\b")


def _month_number(word: str) -> int | None:
    if not word[:1].isupper():
        return None
    return MONTHS.get(word.lower().rstrip("."))


def _day(text: str) -> int | None:
    value = parse_ordinal(text)
    return value if value is not None and 1 <= value <= 31 else None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:  # February 30th, or February 29th of a common year
        return None


def _full(year: int, month: int | None, day: int | None) -> Resolved:
    if month is None or day is None:
        return None
    when = _safe_date(year, month, day)
    return None if when is None else ("DATE", values.day(when))


def _two_digit_year(yy: int, anchor: date | None) -> int:
    pivot = (anchor.year % 100 + 10) if anchor else 30  # '98 written in 2020 is 1998; '25 is 2025
    return 2000 + yy if yy <= pivot else 1900 + yy


def _iso(m: re.Match[str], ctx: Context) -> Resolved:
    when = _safe_date(int(m["year"]), int(m["month"]), int(m["day"]))
    if when is None:
        return None
    if m["hour"]:
        return "TIME", f"{values.day(when)}T{m['hour']}:{m['minute']}"
    return "DATE", values.day(when)


def _slash(m: re.Match[str], ctx: Context) -> Resolved:
    year = int(m["year"])
    if year < 100:
        year = _two_digit_year(year, ctx.anchor)
    return _full(year, int(m["month"]), int(m["day"]))


def _mdy(m: re.Match[str], ctx: Context) -> Resolved:
    return _full(int(m["year"]), _month_number(m["month"]), _day(m["day"]))


_dmy = _mdy


def _year_of(m: re.Match[str], ctx: Context, month: int, day: int | None) -> int | None:
    if m["yrel"] and ctx.anchor:
        return ctx.anchor.year + {"this": 0, "last": -1, "next": 1}[m["yrel"].lower()]
    if ctx.anchor is None:
        return None
    weekday = WEEKDAYS.get((m.groupdict().get("weekday") or "").lower().rstrip("."))
    if day is not None and weekday is not None:
        # "Saturday, April 25": the year in which that day is a Saturday, the nearest such one
        fits = [
            y
            for y in (ctx.anchor.year, ctx.anchor.year - 1, ctx.anchor.year + 1)
            if _weekday_fits(y, month, day, weekday)
        ]
        if fits:
            return fits[0]
    ahead = _safe_date(ctx.anchor.year, month, day or 1)
    if (
        day is not None
        and ahead
        and ctx.tense == "past"
        and _ON_BEFORE.search(ctx.before(6))
        and (ahead - ctx.anchor).days > _DCT_GRACE_DAYS
    ):
        # "was arrested on April 15": an event told in the past on a named day is over, however near the next
        # April 15 is (the tense bias alone lets "payable Dec. 15", "through Nov. 17" point ahead); a day or
        # a few ahead is left to the bias (a creation date a day behind the writing)
        return ctx.anchor.year - 1
    return month_year(ctx.anchor, month, day, ctx.tense)


def _weekday_fits(year: int, month: int, day: int, weekday: int) -> bool:
    when = _safe_date(year, month, day)
    return when is not None and when.isoweekday() == weekday


def _md(m: re.Match[str], ctx: Context) -> Resolved:
    month, day = _month_number(m["month"]), _day(m["day"])
    if month is None or day is None:
        return None
    year = _year_of(m, ctx, month, day)
    if year is None:
        return ("DATE", f"XXXX-{month:02d}-{day:02d}") if _safe_date(2000, month, day) else None
    return _full(year, month, day) or (_full(year - 1, month, day) if (month, day) == (2, 29) else None)


_dm = _md


def _my(m: re.Match[str], ctx: Context) -> Resolved:
    month = _month_number(m["month"])
    if month is None:
        return None
    if m["spoken"]:
        spoken = parse_spoken_year(m["spoken"])
        if spoken is None:
            return None
        year = spoken
    else:
        year = int(m["year"]) if m["year"] else _two_digit_year(int(m["yy"][1:]), ctx.anchor)
    return "DATE", values.month(year, month)


def _month_name(m: re.Match[str], ctx: Context) -> Resolved:
    number = _month_number(m["month"])
    if number is None:
        return None
    modifies_noun = not m["yrel"] and _NOUN_AFTER.match(ctx.text, m.end()) is not None
    if (
        not (m["mod"] or m["rel"] or m["yrel"])
        and not _MONTH_PREPOSITIONS.search(ctx.before(20))
        and not (modifies_noun and _DETERMINER_BEFORE.search(ctx.before(8)))
        and number in {3, 5}
    ):
        return None  # "May" the verb, "March" the walk: a date only after a preposition, modifier or determiner
    if modifies_noun and not m["rel"] and ctx.tense != "past":
        # "will sell under a June agreement": a future verb does not put an agreement named by its month ahead (a
        # past verb does show it is over: "gathered evidence in the October slaying"); the nearest June
        ctx = Context(anchor=ctx.anchor, tense=None, reference=ctx.reference, text=ctx.text, start=ctx.start)
    if ctx.anchor is None:
        return "DATE", f"XXXX-{number:02d}"
    rel = (m["rel"] or "").lower().split()[-1:]
    if rel and rel[0] in {"last", "past", "previous", "prior"}:
        year = ctx.anchor.year - (0 if number < ctx.anchor.month else 1)
    elif rel and rel[0] in {"next", "coming", "upcoming", "following"}:
        year = ctx.anchor.year + (0 if number > ctx.anchor.month else 1)
    elif rel and rel[0] in {"this", "current"}:
        year = ctx.anchor.year
    else:
        year = _year_of(m, ctx, number, None) or ctx.anchor.year
    return "DATE", values.month(year, number)


def _year(m: re.Match[str], ctx: Context) -> Resolved:
    number = int(m["year"])
    pre = (m["pre"] or "").lower()
    if not pre:
        if _QUANTITY_BEFORE.search(ctx.before(25)) and _PLURAL_AFTER.match(ctx.text, m.end()):
            return None  # "about 1500 troops"
        if number < 1600 and not re.search(r"\b(?:in|since|by|from|until|of)\s+$", ctx.before(10)):
            return None
        if ctx.anchor and number > ctx.anchor.year + 30:
            return None
    if "first half" in pre or "second half" in pre:
        return "DATE", f"{number:04d}-H{1 if 'first' in pre else 2}"
    return "DATE", f"{number:04d}"


def _spoken_year(m: re.Match[str], ctx: Context) -> Resolved:
    number = parse_spoken_year(m["spoken"])
    if number is None or not 1600 <= number <= 2099:
        return None
    return "DATE", f"{number:04d}"


def _decade(m: re.Match[str], ctx: Context) -> Resolved:
    if m["dec"]:
        return "DATE", m["dec"][:3]
    century = ctx.anchor.year // 100 if ctx.anchor else 19
    if m["d2"]:
        tens = int(m["d2"][0])
        if ctx.anchor and century * 100 + tens * 10 > ctx.anchor.year:
            century -= 1  # "the '90s" written in 2020 is the 1990s
        return "DATE", f"{century:02d}{tens}"
    word = (m["word"] or "").lower()
    if word not in DECADE_WORDS or not m.group(0).lower().startswith("the"):
        return None
    tens = DECADE_WORDS[word]
    if ctx.anchor and century * 100 + tens * 10 > ctx.anchor.year:
        century -= 1
    return "DATE", f"{century:02d}{tens}"


def _century(m: re.Match[str], ctx: Context) -> Resolved:
    ordinal = parse_ordinal(m["ord"])
    if ordinal is None or not 1 <= ordinal <= 21:
        return None
    return "DATE", f"{ordinal - 1:02d}"


def _season(m: re.Match[str], ctx: Context) -> Resolved:
    word = m["season"].lower()
    code = SEASONS[word]
    has_context = m["rel"] or m["mod"] or m["year"] or m["the"] or m["spoken"] or m.group(0)[:3].lower() == "the"
    if (
        m["plural"]
        or (word == "fall" and not has_context)
        or (not has_context and not _MONTH_PREPOSITIONS.search(ctx.before(20)))
    ):
        return None
    explicit = int(m["year"]) if m["year"] else parse_spoken_year(m["spoken"] or "")
    if explicit is not None:
        return "DATE", f"{explicit:04d}-{code}"
    if ctx.anchor is None:
        return "DATE", f"XXXX-{code}"
    start = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
    rel = (m["rel"] or "").lower().split()[-1:] or [""]
    year = ctx.anchor.year
    if rel[0] in {"last", "past", "previous"} and ctx.anchor.month < start + 3:
        year -= 1
    elif rel[0] in {"next", "coming"} and ctx.anchor.month >= start:
        year += 1
    elif not rel[0] and ctx.tense == "past" and ctx.anchor.month < start:
        year -= 1
    return "DATE", f"{year:04d}-{code}"


def _week_of(m: re.Match[str], ctx: Context) -> Resolved:
    """The ISO week holding the day of "the week of March 3" (TimeML: 2000-W09)."""
    resolved = _mdy(m, ctx) if m["year"] else _md_without_year(m, ctx)
    if resolved is None:
        return None
    when = values.start_of(resolved[1])
    return ("DATE", values.week(when[0])) if when and when[1] == "D" else None


def _md_without_year(m: re.Match[str], ctx: Context) -> Resolved:
    month, day = _month_number(m["month"]), _day(m["day"])
    if month is None or day is None:
        return None
    if ctx.anchor is None:
        return ("DATE", f"XXXX-{month:02d}-{day:02d}") if _safe_date(2000, month, day) else None
    return _full(month_year(ctx.anchor, month, day, ctx.tense), month, day)


def _md_second_day(m: re.Match[str], ctx: Context) -> Resolved:
    first = _day(m["first"])
    day = _day(m["day"])
    if first is None or day is None or day <= first:
        return None  # "May 3 and 2" is not a pair of days
    return _mdy(m, ctx) if m["year"] else _md_without_year(m, ctx)


def _dm_first_day(m: re.Match[str], ctx: Context) -> Resolved:
    day, second = _day(m["day"]), _day(m["second"])
    if day is None or second is None or second <= day:
        return None  # "on 4 and 3 March" is not a pair of days
    return _mdy(m, ctx) if m["year"] else _md_without_year(m, ctx)


NORMALISERS = {
    "iso": _iso, "slash": _slash, "mdy": _mdy, "dmy": _dmy, "md": _md, "dm": _dm, "my": _my, "month": _month_name,
    "year": _year, "spoken_year": _spoken_year, "decade": _decade, "century": _century, "season": _season,
    "week_of": _week_of, "md_second_day": _md_second_day, "dm_first_day": _dm_first_day,
}  # fmt: skip
