"""TIMEX3 value strings: writing them from calendar dates, shifting them, reading them back.

A value's granularity is kept when it is shifted: "1989-Q3" one year back is "1988-Q3", "1998-W31"
one week on is "1998-W32". Calendar arithmetic is the standard library's (``datetime``); week
numbers are ISO 8601 weeks, as TimeML uses. Limits: no BC years, no time zones.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Literal

Precision = Literal["day", "month", "year"]

_DAY = re.compile(r"(\d{4})-(\d\d)-(\d\d)(T.*)?")
_MONTH = re.compile(r"(\d{4})-(\d\d)")
_WEEK = re.compile(r"(\d{4})-W(\d\d)(-WE)?")
_PART = re.compile(r"(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|WI)")
_YEAR = re.compile(r"(\d{4})")
_DECADE = re.compile(r"(\d{3})")
_CENTURY = re.compile(r"(\d{2})")


def day(when: date) -> str:
    """``YYYY-MM-DD``."""
    return when.isoformat()


def week(when: date, weekend: bool = False) -> str:
    """ISO week of ``when``: ``YYYY-Www`` (``-WE`` appended for its weekend)."""
    iso = when.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}" + ("-WE" if weekend else "")


def month(year: int, month_number: int) -> str:
    """``YYYY-MM``."""
    return f"{year:04d}-{month_number:02d}"


def quarter_of(when: date) -> int:
    """The calendar quarter (1-4) of a date."""
    return (when.month - 1) // 3 + 1


def add_months(when: date, months: int) -> date:
    """``when`` moved by whole months, the day clamped to the month's length (Jan 31 + 1 month = Feb 28/29)."""
    index = when.year * 12 + when.month - 1 + months
    year, month0 = divmod(index, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(when.day, last))


def shift_date(when: date, amount: int, unit: str) -> date:
    """``when`` moved by ``amount`` TIMEX3 units (D, W, WE, M, Q, H, Y, DE, CE, ML).

    Raises:
        ValueError: for an unknown unit, or a result outside the years 1-9999 ("2,500 years ago").
    """
    if unit == "D":
        return when + timedelta(days=amount)
    if unit in {"W", "WE"}:
        return when + timedelta(weeks=amount)
    months = {"M": 1, "Q": 3, "H": 6, "Y": 12, "DE": 120, "CE": 1200, "ML": 12000}.get(unit)
    if months is None:
        raise ValueError(f"unknown unit {unit}")
    return add_months(when, amount * months)


def at_granularity(when: date, unit: str) -> str:
    """The value naming the ``unit``-long period that holds ``when``: Y -> 1998, M -> 1998-08, W -> 1998-W32."""
    if unit == "D":
        return day(when)
    if unit == "W":
        return week(when)
    if unit == "WE":
        return week(when, weekend=True)
    if unit == "M":
        return month(when.year, when.month)
    if unit == "Q":
        return f"{when.year:04d}-Q{quarter_of(when)}"
    if unit == "H":
        return f"{when.year:04d}-H{1 if when.month <= 6 else 2}"
    if unit == "DE":
        return f"{when.year // 10:03d}"
    if unit == "CE":
        return f"{when.year // 100:02d}"
    if unit == "ML":
        return f"{when.year // 1000:d}"
    return f"{when.year:04d}"


def shift_value(value: str, amount: int, unit: str) -> str | None:
    """Shift a TIMEX3 date value by ``amount`` units, keeping its granularity.

    Args:
        value: "1989-Q3", "1998-08-07", "1998-W31", "1998-07", "1998", ...
        amount: how many units (negative: back in time).
        unit: D, W, M, Q, Y, DE, CE.

    Returns:
        The shifted value, or None when ``value`` is not a calendar value (PRESENT_REF, XXXX...) or the
        shift leaves the calendar (years 1-9999).
    """
    parsed = start_of(value)
    if parsed is None:
        return None
    start, granularity = parsed
    try:
        moved = shift_date(start, amount, unit)
    except (ValueError, OverflowError):
        return None
    if granularity in {"SP", "SU", "FA", "WI"}:
        return f"{moved.year:04d}-{granularity}"
    return at_granularity(moved, granularity)


def start_of(value: str) -> tuple[date, str] | None:
    """First day of the period a TIMEX3 value names, and its granularity code (D, W, WE, M, Q, H, Y, DE, CE, SU..)."""
    try:
        return _start_of(value)
    except ValueError:  # an impossible date such as 1998-02-30 in a hand-made value
        return None


def _start_of(value: str) -> tuple[date, str] | None:
    if match := _DAY.fullmatch(value):
        return date(int(match[1]), int(match[2]), int(match[3])), "D"
    if match := _WEEK.fullmatch(value):
        monday = date.fromisocalendar(int(match[1]), int(match[2]), 1)
        return monday, "WE" if match[3] else "W"
    if match := _MONTH.fullmatch(value):
        return date(int(match[1]), int(match[2]), 1), "M"
    if match := _PART.fullmatch(value):
        part = match[2]
        first = {"Q1": 1, "Q2": 4, "Q3": 7, "Q4": 10, "H1": 1, "H2": 7, "SP": 3, "SU": 6, "FA": 9, "WI": 12}[part]
        return date(int(match[1]), first, 1), part[0] if part[0] in "QH" else part
    if match := _YEAR.fullmatch(value):
        return date(int(match[1]), 1, 1), "Y"
    if match := _DECADE.fullmatch(value):
        return date(int(match[1]) * 10, 1, 1), "DE"
    if match := _CENTURY.fullmatch(value):
        return date(max(int(match[1]) * 100, 1), 1, 1), "CE"
    return None


def to_date(value: str) -> tuple[date, Precision] | None:
    """A calendar value as (first day, precision day|month|year); None for durations, sets, REFs, decades.

    Weeks read as month precision (the month holding the week's Thursday); quarters, halves and
    seasons as year precision.
    """
    parsed = start_of(value)
    if parsed is None:
        return None
    start, granularity = parsed
    if granularity == "D":
        return start, "day"
    if granularity in {"W", "WE"}:
        thursday = start + timedelta(days=3)
        return date(thursday.year, thursday.month, 1), "month"
    if granularity == "M":
        return start, "month"
    if granularity in {"DE", "CE"}:
        return None
    return date(start.year, 1, 1), "year"
