"""Normalisers for reporting periods: quarters, halves, "the latest period", "year-earlier", "year-end".

Business news counts in quarters: "the third quarter" is the last third quarter that has begun
(this year's, or last year's when it is still ahead); "the quarter" and "the latest period" are
the quarter last mentioned (the reference) or else the last completed one; "year-earlier" and
"the year-ago period" are that period a year back. Written from the TimeML guidelines.
"""

from __future__ import annotations

import re

from dateline.records import TimexType
from dateline.timex import values
from dateline.timex.anchor import Context
from dateline.timex.relative import shift_base, unknown

Resolved = tuple[TimexType, str] | None

_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_YEAR_BACK = re.compile(r"year-earlier|year-ago|prior-year|year-before|comparable|a\s+year\s+(?:ago|earlier)")
_CURRENT = re.compile(r"\b(?:current|this|present)\b")
_NEXT = re.compile(r"\b(?:next|coming|following)\b")


def _ordinal_in(text: str) -> int | None:
    for word in re.split(r"[\s-]+", text.lower()):
        if word in _ORDINALS:
            return _ORDINALS[word]
    return None


def _part_of_year(ctx: Context, code: str) -> int:
    assert ctx.anchor is not None
    return values.quarter_of(ctx.anchor) if code == "Q" else (1 if ctx.anchor.month <= 6 else 2)


def _explicit_year(m: re.Match[str], ctx: Context) -> int | None:
    for name in ("year0", "year"):
        if m[name]:
            return int(m[name])
    for name in ("yr0", "yrel"):
        words = (m[name] or "").lower().replace("the ", "").split()
        if words and ctx.anchor:
            return ctx.anchor.year + {"last": -1, "previous": -1, "next": 1}.get(words[0], 0)
    return None


def period_base(ctx: Context, code: str, current: bool = False) -> str | None:
    """The period "the quarter" means: the reference when it is one, else the anchor's current or last completed one."""
    reference = ctx.reference or ""
    if re.fullmatch(rf"\d{{4}}-{code}\d", reference):
        return reference
    if ctx.anchor is None:
        return None
    base = values.at_granularity(ctx.anchor, code)
    return base if current else values.shift_value(base, -1, code)


def _quarter(m: re.Match[str], ctx: Context) -> Resolved:
    text = m.group(0).lower()
    unit = m["unit"].lower()
    head = text[: m.end("unit") - m.start()]
    number = _ordinal_in(head)
    if number is None and re.search(r"\b(?:last|final)\b", head) and (m["year"] or m["yrel"]):
        number = 2 if unit == "half" else 4  # "the last half of 1989" is its second half
    if m["plural"] or (unit == "period" and not m["rel"]) or (number is None and unit == "half"):
        return None
    determiner = (m["the"] or m["the0"] or "").lower()
    if number is None and (
        (determiner in {"", "a"} and not m["rel"]) or re.match(r"\s+of\s+(?!\d)", text[len(head) :])
    ):
        return None  # "a quarter of the votes"
    code = "H" if unit == "half" else "Q"
    back = 1 if _YEAR_BACK.search(head) else 0
    if number is None:
        if unit == "period":
            return _period(ctx, back)
        base = _relative_period(ctx, code, head)
        return ("DATE", unknown(code)) if base is None else ("DATE", values.shift_value(base, -back, "Y") or base)
    explicit = _explicit_year(m, ctx)
    if explicit is None and ctx.anchor is None:
        return "DATE", f"XXXX-{code}{number}"
    if explicit is None:
        assert ctx.anchor is not None
        explicit = ctx.anchor.year - (1 if number > _part_of_year(ctx, code) and ctx.tense != "future" else 0)
    return "DATE", f"{explicit - back:04d}-{code}{number}"


def _relative_period(ctx: Context, code: str, head: str) -> str | None:
    if _NEXT.search(head):
        base = period_base(ctx, code, current=True)
        return values.shift_value(base, 1, code) if base else None
    return period_base(ctx, code, current=bool(_CURRENT.search(head)))


def _period(ctx: Context, back: int) -> Resolved:
    reference = values.start_of(ctx.reference or "")
    if reference is not None and reference[1] in {"Q", "H", "M", "Y"}:
        base: str | None = ctx.reference
    else:
        base = period_base(ctx, "Q")
    if base is None:
        return "DATE", "XXXX-QX"
    return "DATE", values.shift_value(base, -back, "Y") or base


def _quarter_adj(m: re.Match[str], ctx: Context) -> Resolved:
    number = _ordinal_in(m["ord"])
    code = "Q" if m["unit"].lower() == "quarter" else "H"
    if number is None:
        return None
    if ctx.anchor is None:
        return "DATE", f"XXXX-{code}{number}"
    year = ctx.anchor.year - (1 if number > _part_of_year(ctx, code) and ctx.tense != "future" else 0)
    return "DATE", f"{year:04d}-{code}{number}"


def _year_ago(m: re.Match[str], ctx: Context) -> Resolved:
    unit = {"year": "Y", "quarter": "Q", "month": "M", "week": "W"}[m["rel"].lower()]
    direction = 1 if m["dir"].lower() == "later" else -1
    noun = (m.groupdict().get("noun") or "").lower()
    if noun.endswith("months"):
        return "DURATION", f"P{ {'nine': 9, 'six': 6, 'three': 3}[noun.split()[0]] }M"
    if noun in {"quarter", "period"} and unit == "Y":
        base = period_base(ctx, "Q") if noun == "quarter" else _period(ctx, 0)[1]  # type: ignore[index]
    else:
        base = shift_base(ctx, unit, from_reference=True)
    if base is None:
        return "DATE", unknown(unit)
    return "DATE", values.shift_value(base, direction, unit) or base


def _period_year_back(m: re.Match[str], ctx: Context) -> Resolved:
    """The period under discussion a year back: "the corresponding period last year", "last year's quarter"."""
    number = _ordinal_in(m["ord"] or "")
    if number is not None:
        return "DATE", f"{ctx.anchor.year - 1:04d}-Q{number}" if ctx.anchor else f"XXXX-Q{number}"
    if (m["unit"] or m["unit2"]).lower() == "period":
        return _period(ctx, 1)
    base = period_base(ctx, "Q")
    return "DATE", (values.shift_value(base, -1, "Y") or base) if base else "XXXX-QX"


def _fin_period(m: re.Match[str], ctx: Context) -> Resolved:
    rel = m["rel"].lower()
    unit = m["unit"].lower()
    if unit == "period":
        return _period(ctx, 1 if _YEAR_BACK.search(rel) else 0)
    if unit == "year" and rel in {"fiscal", "full", "calendar", "current", "latest", "whole", "entire"}:
        return "DATE", f"{ctx.anchor.year:04d}" if ctx.anchor else "XXXX"
    return None


def _year_period(m: re.Match[str], ctx: Context) -> Resolved:
    year = int(m["year"])
    if m["noun"].lower() == "quarter":
        base = period_base(ctx, "Q")
        return "DATE", f"{year:04d}-{base[-2:]}" if base else f"{year:04d}-QX"
    return "DATE", f"{year:04d}"


def _year_end(m: re.Match[str], ctx: Context) -> Resolved:
    unit = {"year": "Y", "month": "M", "quarter": "Q"}[m["rel"].lower()]
    if ctx.anchor is None:
        return "DATE", unknown(unit)
    value = values.at_granularity(ctx.anchor, unit)
    if ctx.tense == "past" and unit == "Y" and ctx.anchor.month <= 3:
        value = f"{ctx.anchor.year - 1:04d}"  # "since year-end" written in February: the end of last year
    return "DATE", value


NORMALISERS = {
    "quarter": _quarter, "quarter_adj": _quarter_adj, "year_ago": _year_ago, "year_ago_np": _year_ago,
    "period_year_back": _period_year_back,
    "fin_period": _fin_period, "year_period": _year_period, "year_end": _year_end,
}  # fmt: skip
