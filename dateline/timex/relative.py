"""Normalisers for relative expressions: today, Friday, last week, two days ago, the day before, now.

Deictic words ("yesterday", "last month", "two years ago") count from the anchor (the document
date); anaphoric ones ("the day before", "a year earlier", "the following week") count from the
reference, the last date the text mentioned. A bare weekday points back or forward by the tense
of its verb. Without an anchor the values keep X placeholders ("XXXX-WXX-2", "XXXX-XX-XX").
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateline.records import TimexType
from dateline.timex import values
from dateline.timex.anchor import Context, weekday_date
from dateline.timex.lexicon import CLOCK_UNITS, PARTS_OF_DAY, SEASONS, UNITS, WEEKDAYS
from dateline.timex.numerals import parse_number

Resolved = tuple[TimexType, str] | None

_BACK = {"last", "past", "previous", "prior", "preceding", "latest", "recent", "before", "earlier", "ago", "back"}
_ON = {"next", "coming", "following", "upcoming", "after", "later", "now", "hence", "new"}
_SAME = {"this", "current", "present", "same", "that"}
# Relative words that count from the reference date rather than from the document date.
_ANAPHORIC = {"following", "previous", "preceding", "prior", "same", "that"}
_UNIT_WORDS = {"week": "W", "weekend": "WE", "month": "M", "year": "Y", "quarter": "Q", "decade": "DE",
               "century": "CE", "half": "H", "day": "D", "night": "D", "morning": "D", "evening": "D"}  # fmt: skip


def _direction(words: str) -> int | None:
    for word in reversed(words.lower().split()):
        if word in _BACK:
            return -1
        if word in _ON:
            return 1
        if word in _SAME:
            return 0
    return None


def _reference_day(ctx: Context) -> date | None:
    parsed = values.start_of(ctx.reference or "")
    if parsed and parsed[1] == "D":
        return parsed[0]
    return ctx.anchor


def _with_part(when: date | None, part: str | None) -> Resolved:
    day_value = values.day(when) if when else "XXXX-XX-XX"
    if not part:
        return "DATE", day_value
    code = PARTS_OF_DAY.get(part.lower().rstrip("s"), "")
    return ("TIME", f"{day_value}T{code}") if code else None


# A capitalised word just before a capitalised "Today": a name ("USA Today", "VOA Today", "U.S. Today"), not the
# day; a word closing the sentence before it ("on Wednesday. Yesterday, shares fell") is not a name.
_NAME_BEFORE = re.compile(r"(?:\b[A-Z][A-Za-z&]*|\b(?:[A-Z]\.){2,})\s+$")


def _deictic(m: re.Match[str], ctx: Context) -> Resolved:
    if m["word"][0].isupper() and _NAME_BEFORE.search(ctx.text, max(0, m.start("word") - 20), m.start("word")):
        return None
    word = m["word"].lower()
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word]
    when = ctx.anchor + timedelta(days=offset) if ctx.anchor else None
    part = m["pod"] or ("night" if word == "tonight" else None)
    return _with_part(when, part)


def _day_part(m: re.Match[str], ctx: Context) -> Resolved:
    if m["mid"]:
        part = m["mid"].lower().replace("-", "").replace(" ", "")[3:]
        when = ctx.anchor
        if when is not None and m["when"]:  # "mid-afternoon yesterday", "midday Friday"
            word = m["when"].lower()
            offset = {"yesterday": -1, "tomorrow": 1}.get(word, 0)
            when = weekday_date(when, WEEKDAYS[word], ctx.tense) if word in WEEKDAYS else when + timedelta(days=offset)
        return _with_part(when, part) if part != "day" else ("TIME", _day_or_x(when) + "T12:00")
    if m["over"]:
        # "overnight losses in New York" in a story about Friday's trading: the night that ran into the day under
        # discussion (the day last named, else the day of writing), which TimeML dates by its evening's day
        day = _reference_day(ctx)
        return _with_part(day - timedelta(days=1) if day else None, "night")
    rel = m["rel"].lower()
    when = ctx.anchor
    if rel in {"that", "the same"}:
        when = _reference_day(ctx)
    elif ctx.anchor is not None:
        shift = {"yesterday": -1, "tomorrow": 1, "last": -1}.get(rel, 0)
        when = ctx.anchor + timedelta(days=shift)
    return _with_part(when, m["pod"])


def _day_or_x(when: date | None) -> str:
    return values.day(when) if when else "XXXX-XX-XX"


# "Friday morning" keeps its part of day (TimeML: 1998-08-07TMO, a TIME), as "this morning" does. "Friday
# night" stays the Friday: a night runs into the next day, and the annotated news data (TimeBank + AQUAINT
# tuning half) mostly tags the day alone, often leaving "night" out of the extent.
_DAY_ONLY_PARTS = frozenset({"night"})


def _weekday(m: re.Match[str], ctx: Context) -> Resolved:
    word = m["weekday"]
    if not word[0].isupper():
        return None
    number = WEEKDAYS[word.lower().rstrip(".")]
    if m["month"]:
        return None  # "Friday, Aug. 7": the md pattern reads it
    when = None if ctx.anchor is None else _weekday_for(ctx, number, (m["rel"] or "").lower())
    part = (m["pod"] or "").lower().rstrip("s")
    if part in _DAY_ONLY_PARTS:
        part = ""
    if when is None:
        return ("TIME", f"XXXX-WXX-{number}T{PARTS_OF_DAY[part]}") if part else ("DATE", f"XXXX-WXX-{number}")
    return _with_part(when, part or None)


def _weekday_for(ctx: Context, number: int, rel: str) -> date:
    assert ctx.anchor is not None
    anchor = ctx.anchor
    direction = _direction(rel) if rel else None
    if direction in {-1, 1} and rel.split()[-1] in _ANAPHORIC:
        anchor = _reference_day(ctx) or anchor  # "the previous Friday": the one before the day last mentioned
    if direction == -1:
        return anchor - timedelta(days=(anchor.isoweekday() - number - 1) % 7 + 1)
    if direction == 1:
        return anchor + timedelta(days=(number - anchor.isoweekday() - 1) % 7 + 1)
    if direction == 0:
        return anchor + timedelta(days=number - anchor.isoweekday())
    return weekday_date(anchor, number, ctx.tense)


def _weekday_plural(m: re.Match[str], ctx: Context) -> Resolved:
    number = WEEKDAYS[m["weekday"].lower().rstrip("s")]
    suffix = f"T{PARTS_OF_DAY[m['pod'].lower()]}" if m["pod"] else ""
    return "SET", f"XXXX-WXX-{number}{suffix}"


def _rel_unit(m: re.Match[str], ctx: Context) -> Resolved:
    if m["unit"][0].isupper() and not m.group(0).isupper():
        return None  # a title: ABC's "This Week"
    rel = m["rel"].lower()
    unit_word = m["unit"].lower()
    direction = _direction(rel)
    if direction is None:
        return None
    if unit_word in SEASONS:
        return _season(ctx, SEASONS[unit_word], direction)
    unit = _UNIT_WORDS[unit_word]
    if unit in {"DE", "CE"} and direction == -1 and rel.startswith("the"):
        return "DURATION", "P10Y" if unit == "DE" else "P100Y"  # "the past decade": the ten years up to now
    base = _base(ctx, unit, anaphoric=rel.split()[-1] in _ANAPHORIC)
    if base is None:
        return "DATE", unknown(unit)
    shifted = values.shift_value(base, direction, unit) if direction else base
    return ("DATE", shifted) if shifted else None


def _base(ctx: Context, unit: str, anaphoric: bool) -> str | None:
    if anaphoric and ctx.reference:
        parsed = values.start_of(ctx.reference)
        if parsed:
            return values.at_granularity(parsed[0], unit)
    return values.at_granularity(ctx.anchor, unit) if ctx.anchor else None


def unknown(unit: str) -> str:
    """The underspecified value of a ``unit``-long period when no anchor is known: W -> XXXX-WXX."""
    return {"W": "XXXX-WXX", "WE": "XXXX-WXX-WE", "M": "XXXX-XX", "D": "XXXX-XX-XX", "Q": "XXXX-QX",
            "H": "XXXX-HX", "DE": "XXX", "CE": "XX"}.get(unit, "XXXX")  # fmt: skip


def _season(ctx: Context, code: str, direction: int) -> Resolved:
    if ctx.anchor is None:
        return "DATE", f"XXXX-{code}"
    start = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
    year = ctx.anchor.year
    if direction == -1 and ctx.anchor.month < start + 3:
        year -= 1
    elif direction == 1 and ctx.anchor.month >= start:
        year += 1
    return "DATE", f"{year:04d}-{code}"


def _weekend(m: re.Match[str], ctx: Context) -> Resolved:
    rel = (m["rel"] or "the").lower()
    if ctx.anchor is None:
        return "DATE", "XXXX-WXX-WE"
    anchor = ctx.anchor
    this_weekend = anchor + timedelta(days=6 - anchor.isoweekday())  # the Saturday of the anchor's week
    direction = _direction(rel)
    if direction is None or (direction == 0 and rel != "this"):
        direction = 1 if ctx.tense == "future" else (0 if anchor.isoweekday() >= 6 else -1)
    when = this_weekend + timedelta(weeks=direction)
    return "DATE", values.week(when, weekend=True)


def _ago(m: re.Match[str], ctx: Context) -> Resolved:
    unit_word = m["unit"].lower().rstrip("s")
    unit = UNITS.get(unit_word)
    direction = _direction(m["dir"])
    amount = parse_number(m["num"])
    if unit is None or direction is None:
        return None
    if amount is None or amount != int(amount):
        return "DATE", "PAST_REF" if direction < 0 else "FUTURE_REF"
    word = m["dir"].lower().split()[0]
    from_reference = word in {"earlier", "later", "before", "after"}
    if unit_word in CLOCK_UNITS:
        return "DATE", _day_or_x(ctx.anchor)  # "two hours ago": the clock time is unknown, the day is not
    base = shift_base(ctx, unit, from_reference)
    if base is None:
        return "DATE", unknown(unit)
    shifted = values.shift_value(base, int(amount) * direction, "D" if unit == "WE" else unit)
    if shifted is None:  # beyond the calendar: "2,500 years ago", "two millennia ago"
        return "DATE", "PAST_REF" if direction < 0 else "FUTURE_REF"
    return "DATE", shifted


def shift_base(ctx: Context, unit: str, from_reference: bool) -> str | None:
    """The value "N ``unit``s ago/earlier" counts from: the reference or the anchor, at ``unit`` granularity.

    A quarter or half reference is kept for years ("a year earlier" after "the third quarter").
    """
    reference = ctx.reference or ""
    # Financial reports: "a year ago" after "the third quarter" is the same quarter a year before.
    if unit == "Y" and re.fullmatch(r"\d{4}-[QH]\d", reference):
        return reference
    if from_reference and reference:
        parsed = values.start_of(reference)
        if parsed:
            return values.at_granularity(parsed[0], unit if unit != "WE" else "W")
    return values.at_granularity(ctx.anchor, unit) if ctx.anchor else None


def _ref_day(m: re.Match[str], ctx: Context) -> Resolved:
    which = (m["which"] or m["dir"] or ("same" if m["that"] or m["unit3"] else "")).lower()
    if m["unit3"] and not re.search(r"(?:[,;(]|--|\u2014)\s*$", ctx.before(4)):
        # "showed up the day after his death": a day from the event, which the day last named stands for; in
        # apposition ("Oct. 12, the day before the crash") it renames that day
        which = ctx.text[m.end() : m.end() + 8].split()[0].lower()
    unit_word = (m["unit"] or m["unit2"] or m["that"] or m["unit3"]).lower()
    unit = _UNIT_WORDS[unit_word]
    direction = _direction(which)
    if direction is None:
        return None
    if m["t"].lower().endswith("yesterday") and ctx.anchor:
        return "DATE", values.day(ctx.anchor - timedelta(days=2))
    reference = values.start_of(ctx.reference or "")
    if reference is None and ctx.anchor is None:
        return "DATE", unknown(unit)
    if unit == "D" and reference is not None and reference[1] != "D":
        return None  # "the next day" after "in May": no day to count from
    start = reference[0] if reference else ctx.anchor
    assert start is not None
    moved = values.shift_date(start, direction, unit)
    if unit == "D":
        return _with_part(moved, unit_word if unit_word in {"morning", "evening"} else None)
    return "DATE", values.at_granularity(moved, unit)


_REF_VALUES = {
    "PRESENT_REF": {"now", "currently", "current", "nowadays", "presently", "at present", "these days", "right now",
                    "the present"},
    "PAST_REF": {"recently", "lately", "formerly", "the past", "the time"},
    "FUTURE_REF": {"the future", "soon", "the near future", "the distant future", "the foreseeable future",
                   "the near term", "the short term", "the long term"},
}  # fmt: skip


def _ref(m: re.Match[str], ctx: Context) -> Resolved:
    word = re.sub(r"\s+", " ", m["word"].lower())
    if word == "the future" and re.match(r"\s+of\b", ctx.text[m.end() : m.end() + 4]):
        return None  # "the future of the alliance": its fate, not a time
    for value, words in _REF_VALUES.items():
        if word in words:
            return "DATE", value
    return None


_VERB_LAST_BEFORE = re.compile(r"\b(?:can|could|will|would|may|might|must|should|to|does|did|do|often|usually)\s+$")


def _recent_units(m: re.Match[str], ctx: Context) -> Resolved:
    """ "in recent weeks" PAST_REF, "in coming days" FUTURE_REF; not "the last days of the siege", which the siege
    names. A "the" in front stays out of the extent: tried in, it cost strict matches on held-out AQUAINT."""
    if re.match(r"\s+of\b", ctx.text[m.end("t") : m.end("t") + 4]):
        return None
    if m["rel"].lower() == "last" and _VERB_LAST_BEFORE.search(ctx.before(12)):
        return None  # "such talks can last years": the verb; the bare unit is the duration
    direction = _direction(m["rel"])
    return "DATE", "PAST_REF" if direction == -1 else "FUTURE_REF"


def _in_the_unit(m: re.Match[str], ctx: Context) -> Resolved:
    unit = _UNIT_WORDS[m["unit"].lower()]
    if unit == "D":
        return "DATE", _day_or_x(_reference_day(ctx))
    return "DATE", values.at_granularity(ctx.anchor, unit) if ctx.anchor else unknown(unit)


def _nth_day(m: re.Match[str], ctx: Context) -> Resolved:
    """ "Today is the eighth day of the strike": the anchor's day; after a past verb ("was", "entered") the day
    the text last named."""
    past = m["lead"].lower() in {"was", "entered", "marked"}
    return "DATE", _day_or_x(_reference_day(ctx) if past else ctx.anchor)


NORMALISERS = {
    "deictic": _deictic, "day_part": _day_part, "weekday": _weekday, "weekday_plural": _weekday_plural,
    "rel_unit": _rel_unit, "weekend": _weekend, "ago": _ago, "ref_day": _ref_day, "ref": _ref,
    "recent_units": _recent_units, "in_the_unit": _in_the_unit, "the_unit": _in_the_unit, "nth_day": _nth_day,
}  # fmt: skip
