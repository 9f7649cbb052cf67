"""Normalisers for durations, sets and clock times: "three years" P3Y, "every week" P1W, "10 a.m." T10:00.

A duration's value is ISO 8601 (P3Y, PT24H, P1.5Y written as P18M); vague amounts ("several
years") get X (PXY). A set is a recurring time ("every Monday" XXXX-WXX-1, "annually" P1Y).
"a year" is a set only after a quantity ("$5 million a year"); otherwise it is a duration.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateline.records import TimexType
from dateline.timex import values
from dateline.timex.anchor import Context, month_year, weekday_date
from dateline.timex.lexicon import CLOCK_UNITS, MONTHS, PARTS_OF_DAY, SEASONS, UNITS, WEEKDAYS
from dateline.timex.numerals import parse_number
from dateline.timex.periods import period_base

Resolved = tuple[TimexType, str] | None

# An amount just before "a year", "per day" or "annually" makes it the unit of a rate ("$33 million a year",
# "700 seats a week", "rise 8.5% annually"): part of a measure, not a time, and not tagged (TimeBank and the
# AQUAINT tuning half leave 12 of 15 such rates untagged). A count of times is a frequency, a SET: "twice a week".
_AMOUNT_BEFORE = re.compile(
    r"(?:\d%?|\b(?:million|billion|thousand|hundred|percent|dollars|cents|one|two|three|"
    r"four|five|six|seven|eight|nine|ten|dozen|several|many|few)\b)(?:[\s-]+[a-z]+){0,2}\s*$"
)
# A modal, "to" or a subject pronoun before "one day" makes it the adverb "some day": "he hopes he one day wins".
_SOMEDAY_BEFORE = re.compile(r"\b(?:will|would|could|may|might|can|shall|should|must|to|he|she|they|we|i|you|it)\s+$")
_TIMES_BEFORE = re.compile(r"\b(?:times|once|twice)\s*$")
# Words after "daily" or "quarterly" that keep it an adverb ("paid quarterly to ..."); any other
# lower-case word makes it an adjective ("quarterly dividend"), which TimeML does not tag.
_ADVERB_FOLLOWERS = frozenset(
    {
        "and",
        "or",
        "to",
        "in",
        "at",
        "on",
        "for",
        "by",
        "from",
        "with",
        "until",
        "since",
        "through",
        "basis",
        "but",
        "as",
        "than",
        "after",
        "before",
        "over",
        "during",
    }
)
# Half units written the way TimeML writes them: half a year is P6M, not P0.5Y.
_HALF = {"year": "P6M", "month": "P2W", "week": "P3DT12H", "day": "PT12H", "hour": "PT30M", "minute": "PT30S",
         "decade": "P5Y", "century": "P50Y"}  # fmt: skip
# Decades and centuries are written in years (P20Y), which every TimeML reader understands.
_IN_YEARS = {"decade": 10, "century": 100, "millennium": 1000}


def duration_value(amount: float | None, unit_word: str) -> str | None:
    """ISO 8601 duration for ``amount`` ``unit_word``s (None amount = vague: PXY).

    Args:
        amount: how many units; None when vague ("several").
        unit_word: singular unit name ("year", "hour", "decade").

    Returns:
        The value (P3Y, PT24H, PXY, P18M), or None for an unknown unit.
    """
    unit = UNITS.get(unit_word)
    if unit is None or unit == "WE":
        return None
    if unit == "S" and unit_word == "season":
        return None
    time = "T" if unit_word in CLOCK_UNITS else ""
    if amount is None:
        return f"P{time}X{unit}"
    if unit_word in _IN_YEARS:
        amount, unit, unit_word = amount * _IN_YEARS[unit_word], "Y", "year"
    whole = int(amount)
    if amount == whole:
        return f"P{time}{whole}{unit}"
    if amount - whole == 0.5 and unit_word in _HALF:
        half = _HALF[unit_word]
        if not whole:
            return half
        lead = f"P{time}{whole}{unit}"
        return lead + (half[2:] if half.startswith("PT") and time else half[1:])
    return f"P{time}{amount:g}{unit}"


def _duration(m: re.Match[str], ctx: Context) -> Resolved:
    unit_word = m["unit"].lower()
    unit_word = (
        "century" if unit_word.startswith("centur") else unit_word.rstrip("s") if unit_word != "hours" else "hour"
    )
    num = m["num"].lower()
    if unit_word == "second" and not re.match(r"\d", num):
        return None  # "a second time", "one second round"
    said = re.sub(r"\s+", " ", m.group(0).lower())
    if said == "some day" or (said == "one day" and _SOMEDAY_BEFORE.search(ctx.before(12))):
        return "DATE", "FUTURE_REF"  # "Islam will one day be ...": an unnamed day ahead, not a length of time
    if num in {"a", "an"} and _AMOUNT_BEFORE.search(ctx.before(30)):
        return None  # "$1.76 a year": the unit of a rate
    if m["unit"][0].isupper() and not m.group(0).isupper() and m.start("unit") > m.start():
        return None  # a title: "60 Minutes", "Twenty Years After"
    pre = (m.groupdict().get("pre") or "").lower()
    if pre == "the" and "-" in m.group(0)[m.end("num") - m.start() : m.start("unit") - m.start()]:
        return None  # "the 14-day limit": TimeML tags the adjective "14-day" alone (duration_adj)
    if (unit_word == "quarter" and re.match(r"\s+of\b", ctx.text[m.end() : m.end() + 4])) or "-quarters" in m.group(0):
        return None  # "a quarter of the votes", "three-quarters of its food": fractions
    amount = None if m.groupdict().get("upper") else _amount(num, m)  # a range: "two to three weeks" is vague
    if amount == 0 or (re.fullmatch(r"1\d{3}|20\d\d", num) and unit_word != "year"):
        return None  # "the 1988 quarter" is a date, not 1,988 quarters
    value = duration_value(amount, unit_word)
    return None if value is None else ("DURATION", value)


def _amount(num: str, m: re.Match[str]) -> float | None:
    if num in {"several", "a few", "few", "many", "some", "numerous"}:
        return None
    if num in {"a half", "half a", "half an"}:
        return 0.5
    amount = parse_number(re.sub(r"\s+of$", "", num))
    groups = m.groupdict()
    if amount is not None and (groups.get("and") or groups.get("half2")):
        amount += 0.5
    return amount


# "the quarter ended Sept. 30": the month the quarter ends in, read after "ended"/"ending".
_ENDED_MONTH = re.compile(r"\s+end(?:ed|ing)\s+(?P<month>[A-Z][a-z]+)\.?(?:\s+\d{1,2}(?:,?\s+(?P<year>\d{4}))?)?")


def _fiscal_year(m: re.Match[str], ctx: Context) -> Resolved:
    unit = m["unit"].lower().split()[-1]
    if unit == "period":
        return None
    if unit == "quarter":
        return _quarter_ended(m, ctx)
    amount = parse_number(m["num"] or m["num2"] or "1")
    value = duration_value(amount, unit.rstrip("s"))
    return None if value is None else ("DURATION", value)


def _quarter_ended(m: re.Match[str], ctx: Context) -> Resolved:
    """The quarter named by "the quarter ended Sept. 30" (TimeML: a DATE, 1989-Q3).

    A fiscal quarter need not be a calendar one: it is read as the calendar quarter holding its
    middle month ("ended July 31": May to July, 1989-Q2).
    """
    ended = _ENDED_MONTH.match(ctx.text, m.end())
    month = MONTHS.get(ended["month"].lower()) if ended else None
    if ended is None or month is None:
        return "DATE", period_base(ctx, "Q") or "XXXX-QX"
    if ended["year"]:
        year = int(ended["year"])
    elif ctx.anchor is not None:
        year = month_year(ctx.anchor, month, None, "past")
    else:
        return "DATE", f"XXXX-Q{(month - 2) % 12 // 3 + 1}"
    middle = values.add_months(date(year, month, 1), -1)
    return "DATE", values.at_granularity(middle, "Q")


def _bare_unit(m: re.Match[str], ctx: Context) -> Resolved:
    unit_word = m["unit"].lower()
    if unit_word == "generations" or (m["lead"].lower() == "last" and re.search(r"\bthe\s+$", ctx.before(5))):
        return None  # "the last days of the siege": "last" the adjective, not the verb ("talks last days")
    singular = "century" if unit_word == "centuries" else unit_word[:-1]
    value = duration_value(None, singular)
    return None if value is None else ("DURATION", value)


def _set_expression(m: re.Match[str], ctx: Context) -> Resolved:
    every = re.sub(r"\s+", " ", m["every"].lower())
    word = m["unit"].lower().rstrip(".")
    if every in {"a", "an", "per"} and not _TIMES_BEFORE.search(ctx.before(10)):
        return None  # "$5 a year", "200 miles per hour": a rate's unit; "a year" alone is a duration
    if word in WEEKDAYS:
        return "SET", f"XXXX-WXX-{WEEKDAYS[word]}"
    if word in MONTHS and m["unit"][0].isupper():
        return "SET", f"XXXX-{MONTHS[word]:02d}"
    if word in PARTS_OF_DAY:
        return "SET", f"XXXX-XX-XXT{PARTS_OF_DAY[word]}"
    if word in SEASONS:
        return "SET", f"XXXX-{SEASONS[word]}"  # "every summer"
    singular = "century" if word.startswith("centur") else word.rstrip("s") if word not in UNITS else word
    amount = parse_number(m["num"]) if m["num"] else 1.0
    if "other" in m.group(0).lower():
        amount = (amount or 1.0) * 2
    value = duration_value(amount, singular)
    return None if value is None else ("SET", value)


_ADVERBS = {"annually": "P1Y", "yearly": "P1Y", "daily": "P1D", "weekly": "P1W", "monthly": "P1M",
            "hourly": "PT1H", "nightly": "P1D", "quarterly": "P3M", "biannually": "P6M", "biweekly": "P2W"}  # fmt: skip


def _set_adverb(m: re.Match[str], ctx: Context) -> Resolved:
    following = re.match(r"\s+([A-Za-z]+)", ctx.text[m.end() : m.end() + 20])
    if following and following.group(1) not in _ADVERB_FOLLOWERS:
        return None
    if _AMOUNT_BEFORE.search(ctx.before(30)):
        return None  # "to rise 8.5% annually": the unit of a rate
    return "SET", _ADVERBS[m["word"].lower()]


def _day_of(when_text: str | None, m: re.Match[str], ctx: Context) -> str:
    anchor = ctx.anchor
    word = (when_text or "").lower().rstrip(".")
    if m.groupdict().get("month") and m["month"]:
        number = MONTHS.get(m["month"].lower().rstrip("."))
        day = int(re.sub(r"\D", "", m["day"]) or 0)
        if number and 1 <= day <= 31:
            year = anchor.year if anchor else None
            return f"{year:04d}-{number:02d}-{day:02d}" if year else f"XXXX-{number:02d}-{day:02d}"
    if anchor is None:
        return f"XXXX-WXX-{WEEKDAYS[word]}" if word in WEEKDAYS else "XXXX-XX-XX"
    if not word:  # a bare clock time is on the day last mentioned ("shot on Oct. 23 ... at 10 p.m.")
        reference = values.start_of(ctx.reference or "")
        return values.day(reference[0]) if reference and reference[1] == "D" else values.day(anchor)
    offset = {"yesterday": -1, "tomorrow": 1}.get(word, 0)
    when: date = anchor + timedelta(days=offset)
    if word in WEEKDAYS:
        when = weekday_date(anchor, WEEKDAYS[word], ctx.tense)
    return values.day(when)


_ON_DAY_AFTER = re.compile(
    r",?\s+on\s+(?P<wday>[A-Z][a-z]+\.?)(?:,?\s+(?P<month>[A-Z][a-z]+\.?)\s+(?P<day>\d{1,2})\b)?"
)


def _clock(m: re.Match[str], ctx: Context) -> Resolved:
    hour = int(m["hour"])
    minute = int(m["minute"] or 0)
    ampm = m["ampm"].lower().replace(".", "").replace(" ", "")
    if hour > 12 or (hour == 0 and ampm != "o'clock"):
        return None
    if ampm == "pm" and hour != 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    day = _day_of(m["when"], m, ctx)
    following = None if m["when"] or m["month"] else _ON_DAY_AFTER.match(ctx.text, m.end())
    if following and following["wday"].lower().rstrip(".") in WEEKDAYS:
        # "at 9 a.m. on Friday (, March 8)": the day named just after the clock time (tagged on its own)
        day = _day_of(following["wday"], following, ctx)
    return "TIME", f"{day}T{hour:02d}:{minute:02d}"


def _clock24(m: re.Match[str], ctx: Context) -> Resolved:
    hour, minute = (m["hour"], m["minute"]) if m["hour"] else (m["hour2"], m["minute2"])
    return "TIME", f"{_day_of(None, m, ctx)}T{int(hour):02d}:{minute}"


# "in the weeks ahead", "in the first days of the war": after "in"/"for", "the weeks" is a time only with such a tail.
_UNIT_OF_PLURAL = {"years": "year", "decades": "decade", "centuries": "century", "months": "month", "weeks": "week",
                   "days": "day", "hours": "hour"}  # fmt: skip


def _the_units(m: re.Match[str], ctx: Context) -> Resolved:
    """A vague stretch named by a plural unit: "over the years" PXY, "the weeks ahead" PXW (TimeML: X for the amount).

    Not "the years of the war" without a modifier (the war names the time), nor "the early hours of Thursday"
    (the date is the expression), nor a bare "in the years" or "the days before the vote" (anchored on an event).
    """
    if m["date"] or (m["of"] and not m["mod"]):
        return None
    if m["lead"].lower() in {"in", "for"} and not (m["ahead"] or (m["mod"] and m["of"])):
        return None
    value = duration_value(None, _UNIT_OF_PLURAL[m["unit"].lower()])
    return None if value is None else ("DURATION", value)


def _noon(m: re.Match[str], ctx: Context) -> Resolved:
    clock_value = PARTS_OF_DAY[m["word"].lower()]
    if clock_value == "24:00":
        clock_value = "24"
    return "TIME", f"{_day_of(m['when'], m, ctx)}T{clock_value}"


NORMALISERS = {
    "duration": _duration, "duration_adj": _duration, "fiscal_year": _fiscal_year, "bare_unit": _bare_unit,
    "set": _set_expression, "set_adverb": _set_adverb, "clock": _clock, "clock24": _clock24, "noon": _noon,
    "the_units": _the_units,
}  # fmt: skip
