"""The overview chart: article volume (bars) and quote counts (line) over time, as inline-SVG geometry.

Input: counts per day. Output: a Chart of bins (day, week or month, chosen by the span) with their SVG
coordinates precomputed, so the page draws without script; static/app.js re-lays the same bins out to
zoom and pan. Hand-written rather than a plotting library: the page must load nothing from the network
and the chart is a few dozen rectangles.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

Unit = Literal["day", "week", "month"]

# SVG user units of the chart (the viewBox); static/app.js reads the same values from data attributes.
WIDTH, HEIGHT = 1000, 190
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 12, 150
# Spans up to this many days are drawn per day, up to WEEKLY_MAX_DAYS per week, beyond per month:
# keeps 60-160 bars on screen, which stays legible at laptop width.
DAILY_MAX_DAYS = 120
WEEKLY_MAX_DAYS = 3 * 366
# About this many axis labels are shown at once.
TICKS_SHOWN = 8
# Fewest days a chart spans (centred on the data), so that a story of a few days still draws thin bars.
MIN_SPAN_DAYS = 14


@dataclass(frozen=True)
class Bin:
    """One bar: a period [start, end] (inclusive) and its counts, with SVG geometry."""

    index: int
    start: dt.date
    end: dt.date
    label: str
    articles: int
    quotes: int
    marked: bool
    x: float
    width: float
    bar_y: float
    bar_height: float
    quote_y: float
    tick: bool


@dataclass(frozen=True)
class Chart:
    """Bins of one chart and its scale."""

    unit: Unit
    bins: list[Bin]
    max_articles: int
    max_quotes: int

    @property
    def quote_points(self) -> str:
        """The quote line as an SVG ``points`` attribute."""
        return " ".join(f"{b.x + b.width / 2:.1f},{b.quote_y:.1f}" for b in self.bins)


def build_chart(
    articles: Mapping[dt.date, int],
    quotes: Mapping[dt.date, int],
    marks: Iterable[dt.date] = (),
) -> Chart | None:
    """Bin the counts over the span of the article days and ``marks``; None when nothing is dated.

    Args:
        articles: articles per publication day.
        quotes: quotes per day said; days outside the span are left out.
        marks: days to flag (timeline dates); they widen the span.
    """
    marked_days = set(marks)
    days = [d for d, n in articles.items() if n] + list(marked_days)
    if not days:
        return None
    first, last = min(days), max(days)
    missing = MIN_SPAN_DAYS - (last - first).days
    if missing > 0:
        first, last = first - dt.timedelta(days=missing // 2), last + dt.timedelta(days=missing - missing // 2)
    unit = _unit_for((last - first).days)
    starts = _periods(first, last, unit)
    slot = (WIDTH - LEFT - RIGHT) / len(starts)
    art = _binned(articles, starts, unit)
    quo = _binned(quotes, starts, unit)
    top_a, top_q = max(max(art), 1), max(max(quo), 1)
    step = max(1, math.ceil(len(starts) / TICKS_SHOWN))
    bins = []
    for n, start in enumerate(starts):
        end = _period_end(start, unit)
        height = (BOTTOM - TOP) * art[n] / top_a
        bins.append(
            Bin(
                index=n, start=start, end=end, label=_label(start, unit), articles=art[n], quotes=quo[n],
                marked=any(start <= d <= end for d in marked_days), x=LEFT + n * slot, width=slot,
                bar_y=BOTTOM - height, bar_height=height, quote_y=BOTTOM - (BOTTOM - TOP) * quo[n] / top_q,
                tick=n % step == 0,
            )
        )
    return Chart(unit=unit, bins=bins, max_articles=top_a, max_quotes=top_q)


def _unit_for(span_days: int) -> Unit:
    if span_days <= DAILY_MAX_DAYS:
        return "day"
    return "week" if span_days <= WEEKLY_MAX_DAYS else "month"


def _period_start(day: dt.date, unit: Unit) -> dt.date:
    if unit == "week":
        return day - dt.timedelta(days=day.weekday())
    return day.replace(day=1) if unit == "month" else day


def _period_end(start: dt.date, unit: Unit) -> dt.date:
    if unit == "day":
        return start
    if unit == "week":
        return start + dt.timedelta(days=6)
    return _next_month(start) - dt.timedelta(days=1)


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _periods(first: dt.date, last: dt.date, unit: Unit) -> list[dt.date]:
    starts = [_period_start(first, unit)]
    while _period_end(starts[-1], unit) < last:
        end = _period_end(starts[-1], unit)
        starts.append(end + dt.timedelta(days=1))
    return starts


def _binned(counts: Mapping[dt.date, int], starts: list[dt.date], unit: Unit) -> list[int]:
    slots = {start: n for n, start in enumerate(starts)}
    out = [0] * len(starts)
    for day, count in counts.items():
        at = slots.get(_period_start(day, unit))
        if at is not None:
            out[at] += count
    return out


def _label(start: dt.date, unit: Unit) -> str:
    if unit == "month":
        return start.strftime("%b %Y")
    return f"{start.day} {start.strftime('%b')}"
