"""Named days: Christmas, Thanksgiving, Election Day, Easter, ... resolved to their date in a given year.

Fixed-date holidays are a month and day; floating ones are the n-th weekday of a month (US rules,
as the news this is tuned on is US wire copy); Easter comes from ``dateutil.easter``. The year is
explicit ("Christmas 1998"), relative ("last Christmas") or the nearest one in the tense's direction.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from dateutil.easter import easter

from dateline.records import TimexType
from dateline.timex import values
from dateline.timex.anchor import Context, Tense

Resolved = tuple[TimexType, str] | None


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th ISO ``weekday`` (1 = Monday) of a month; n = -1 is the last one."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.isoweekday() - weekday) % 7)


def _fixed(month: int, day: int) -> Callable[[int], date]:
    return lambda year: date(year, month, day)


def _nth(month: int, weekday: int, n: int) -> Callable[[int], date]:
    return lambda year: _nth_weekday(year, month, weekday, n)


HOLIDAYS: dict[str, Callable[[int], date]] = {
    "new year's day": _fixed(1, 1), "new year's eve": _fixed(12, 31), "christmas eve": _fixed(12, 24),
    "christmas": _fixed(12, 25), "christmas day": _fixed(12, 25), "boxing day": _fixed(12, 26),
    "independence day": _fixed(7, 4), "the fourth of july": _fixed(7, 4), "halloween": _fixed(10, 31),
    "valentine's day": _fixed(2, 14), "veterans day": _fixed(11, 11), "armistice day": _fixed(11, 11),
    "remembrance day": _fixed(11, 11), "may day": _fixed(5, 1), "bastille day": _fixed(7, 14),
    "thanksgiving": _nth(11, 4, 4), "thanksgiving day": _nth(11, 4, 4), "labor day": _nth(9, 1, 1),
    "memorial day": _nth(5, 1, -1), "martin luther king day": _nth(1, 1, 3), "presidents' day": _nth(2, 1, 3),
    "mother's day": _nth(5, 7, 2), "father's day": _nth(6, 7, 3), "columbus day": _nth(10, 1, 2),
    "election day": lambda year: _nth_weekday(year, 11, 1, 1) + timedelta(days=1),
    "easter": easter, "easter sunday": easter, "easter day": easter,
    "good friday": lambda year: easter(year) - timedelta(days=2),
    "easter monday": lambda year: easter(year) + timedelta(days=1),
}  # fmt: skip

HOLIDAY_RE = "|".join(re.escape(name).replace(r"'", "['’]?").replace(r"\ ", r"\s+")
                      for name in sorted(HOLIDAYS, key=len, reverse=True))  # fmt: skip


def holiday_date(name: str, anchor: date, tense: Tense | None) -> date:
    """The occurrence of a holiday nearest to ``anchor``, biased by tense like partial dates."""
    rule = HOLIDAYS[name]
    best: tuple[int, date] | None = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        when = rule(year)
        distance = (when - anchor).days
        if (tense == "past" and distance > 0) or (tense == "future" and distance < 0):
            distance *= 4
        if best is None or abs(distance) < best[0]:
            best = (abs(distance), when)
    assert best is not None
    return best[1]


def _holiday(m: re.Match[str], ctx: Context) -> Resolved:
    name = re.sub(r"\s+", " ", m["name"].lower().replace("’", "'"))
    name = name if name in HOLIDAYS else name.replace("'", "")
    if name not in HOLIDAYS or (not m["name"][0].isupper() and not name.startswith("the")):
        return None
    rule = HOLIDAYS[name]
    if m["year"]:
        return "DATE", values.day(rule(int(m["year"])))
    if ctx.anchor is None:
        return "DATE", values.day(rule(2000)).replace("2000", "XXXX", 1) if name != "easter" else "XXXX-XX-XX"
    rel = (m["rel"] or "").lower()
    if rel in {"last", "this past"}:
        year = ctx.anchor.year if rule(ctx.anchor.year) < ctx.anchor else ctx.anchor.year - 1
        return "DATE", values.day(rule(year))
    if rel in {"next", "this coming"}:
        year = ctx.anchor.year if rule(ctx.anchor.year) > ctx.anchor else ctx.anchor.year + 1
        return "DATE", values.day(rule(year))
    if rel == "this":
        return "DATE", values.day(rule(ctx.anchor.year))
    return "DATE", values.day(holiday_date(name, ctx.anchor, ctx.tense))


NORMALISERS = {"holiday": _holiday}
