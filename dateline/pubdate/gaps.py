"""Gap model: how far from the publication day the dates and weekdays an article names usually lie.

Input: nothing (the default shapes) or the clues and true days of dated articles. Output: a GapModel
giving, per kind of clue, the probability of each signed gap (publication day minus named day) and,
for weekdays, of the days since (or until) the named weekday. The collection fits one on its own
dated articles, smoothed towards the default, so "on Tuesday" or "on 20 April" are read the way this
collection's outlets use them. Hand-written numpy histograms over widening bins.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from dateline.pubdate.clues import MonthDay, TextClues

FloatArray = NDArray[np.float64]

# Default shapes. Tuned on the dated half of Timeline17; re-run `dateline eval text-dates` after a change.
PAST_NEAR_SHARE = 0.55  # share of past mentions about the last days (geometric part)
PAST_NEAR_DECAY = 0.55  # geometric ratio per day of that part
FUTURE_NEAR_SHARE = 0.35
FUTURE_NEAR_DECAY = 0.8
TAIL_OFFSET = 3.0  # heavy tail 1/(gap + offset) for older events
WRONG_SIDE = 0.01  # mass of a past date lying after publication (misread tense, a typo)
WRONG_SIDE_DECAY = 0.5
FUTURE_SENTENCE_AHEAD = 0.7  # P(a date in a sentence about the future is ahead of publication)
MONTH_DAY_AHEAD = 0.03  # P("January 25" in another sentence is ahead of publication)
MONTH_DAY_FUTURE_AHEAD = 0.8
WEEKDAY_PAST = (0.22, 0.30, 0.14, 0.10, 0.09, 0.08, 0.07)  # days since the named weekday, 0 = same day
WEEKDAY_FUTURE = (0.12, 0.30, 0.18, 0.13, 0.10, 0.09, 0.08)  # days until it
WEEKDAY_NOISE = 0.15  # share of weekday mentions unrelated to the publication week
# Weight, in articles, of the default shape when a collection fits its own model.
PRIOR_WEIGHT = 30.0
SPAN = 3650  # gaps beyond +-SPAN days get the floor
FLOOR = 1e-9

GAP_KINDS = ("date", "date-future", "stamp", "month-day", "month-day-future")
WEEKDAY_KINDS = ("weekday", "weekday-future", "weekday-last")
# Bin edges of signed gaps (days, [edge_i, edge_i+1)): one day each near 0, wider further out.
EDGES = np.array([-SPAN, -365, -180, -90, -60, -30, -21, -14, *range(-10, 11), 15, 22, 31, 61, 91, 181, 366, SPAN + 1])


def _one_sided(gap: FloatArray, near_share: float, decay: float) -> FloatArray:
    tail_norm = math.log((SPAN + TAIL_OFFSET) / TAIL_OFFSET)
    safe = np.maximum(gap, 0.0)
    near = near_share * (1 - decay) * np.power(decay, safe)
    tail = (1 - near_share) / ((safe + TAIL_OFFSET) * tail_norm)
    wrong = WRONG_SIDE * (1 - WRONG_SIDE_DECAY) * np.power(WRONG_SIDE_DECAY, np.maximum(-gap - 1, 0.0))
    result: FloatArray = np.where(gap >= 0, (1 - WRONG_SIDE) * (near + tail), wrong)
    return result


def _default_density(kind: str, gap: FloatArray) -> FloatArray:
    """Default P(publication day - named day = gap) for a kind of clue."""
    past = _one_sided(gap, PAST_NEAR_SHARE, PAST_NEAR_DECAY)
    ahead = _one_sided(-gap, FUTURE_NEAR_SHARE, FUTURE_NEAR_DECAY)
    share = {"date": WRONG_SIDE, "date-future": FUTURE_SENTENCE_AHEAD, "stamp": 1.0,
             "month-day": MONTH_DAY_AHEAD, "month-day-future": MONTH_DAY_FUTURE_AHEAD}[kind]  # fmt: skip
    if kind == "date":
        return past
    return (1 - share) * past + share * ahead


def _default_weekdays(kind: str) -> FloatArray:
    base = np.array(WEEKDAY_FUTURE if kind == "weekday-future" else WEEKDAY_PAST)
    if kind == "weekday-last":
        base = np.roll(base, -1)
        base[-1] = base.min()  # "last Friday" said on a Friday: a week ago, never today
    probs: FloatArray = (1 - WEEKDAY_NOISE) * base / base.sum() + WEEKDAY_NOISE / 7
    return probs


@dataclass
class GapModel:
    """Per kind of clue, log-probability per day of each gap bin, and of the 7 weekday offsets."""

    bins: dict[str, FloatArray] = field(default_factory=dict)  # probability of each bin of EDGES
    weekdays: dict[str, FloatArray] = field(default_factory=dict)  # probability of offsets 0..6

    @classmethod
    def default(cls) -> GapModel:
        """The model with the default shapes."""
        gaps = np.arange(-SPAN, SPAN + 1, dtype=np.float64)
        index = np.searchsorted(EDGES, gaps, side="right") - 1
        bins = {}
        for kind in GAP_KINDS:
            mass = np.bincount(index, weights=_default_density(kind, gaps), minlength=EDGES.size - 1)
            bins[kind] = mass[: EDGES.size - 1] / mass[: EDGES.size - 1].sum()
        return cls(bins, {kind: _default_weekdays(kind) for kind in WEEKDAY_KINDS})

    def log_density(self, kind: str, gap: NDArray[np.int64] | FloatArray) -> FloatArray:
        """log P(gap) per day for a kind of clue (the bin's probability spread over its days)."""
        index = np.clip(np.searchsorted(EDGES, gap, side="right") - 1, 0, EDGES.size - 2)
        width = EDGES[index + 1] - EDGES[index]
        density = np.where(np.abs(gap) <= SPAN, self.bins[kind][index] / width, 0.0)
        result: FloatArray = np.log(np.maximum(density, FLOOR))
        return result

    def weekday_log(self, kind: str) -> FloatArray:
        """log P(offset) for weekday offsets 0..6."""
        result: FloatArray = np.log(self.weekdays[kind])
        return result


def observations(clues: TextClues, day: dt.date) -> Iterable[tuple[str, int]]:
    """The (kind, signed gap or weekday offset) each clue of an article published on ``day`` shows."""
    for stated in clues.dates:
        kind = "stamp" if stated.stamp else "date-future" if stated.future else "date"
        yield kind, (day - stated.date).days
    for mention in clues.month_days:
        gap = nearest_month_day_gap(day, mention.month, mention.day)
        if gap is not None:
            yield month_day_kind(mention), gap
    for named in clues.weekdays:
        if named.future:
            yield "weekday-future", (named.weekday - day.weekday()) % 7
        elif named.modifier == "last":
            yield "weekday-last", ((day.weekday() - named.weekday) % 7 - 1) % 7
        else:
            yield "weekday", (day.weekday() - named.weekday) % 7


def month_day_kind(mention: MonthDay) -> str:
    """The gap kind of a date without a year: an event day counted from a stated date reads like a full date."""
    if mention.counted:
        return "date-future" if mention.future else "date"
    return "month-day-future" if mention.future else "month-day"


def nearest_month_day_gap(day: dt.date, month: int, dom: int) -> int | None:
    """Signed days from the nearest occurrence of month/day to ``day`` (publication minus it)."""
    gaps = []
    for year in (day.year - 1, day.year, day.year + 1):
        try:
            gaps.append((day - dt.date(year, month, dom)).days)
        except ValueError:
            continue
    return min(gaps, key=abs) if gaps else None


def fit(labelled: Iterable[tuple[TextClues, dt.date]], prior: GapModel | None = None) -> GapModel:
    """A model fitted on dated articles' clues, each kind smoothed towards ``prior`` (default shapes).

    Args:
        labelled: clues and true publication day of dated articles.
        prior: the shapes to smooth towards, with weight PRIOR_WEIGHT articles.
    """
    base = prior or GapModel.default()
    counts = {kind: np.zeros(EDGES.size - 1) for kind in GAP_KINDS}
    week = {kind: np.zeros(7) for kind in WEEKDAY_KINDS}
    for clues, day in labelled:
        for kind, value in observations(clues, day):
            if kind in week:
                week[kind][value] += 1
            elif abs(value) <= SPAN:
                counts[kind][np.searchsorted(EDGES, value, side="right") - 1] += 1
    bins = {k: (counts[k] + PRIOR_WEIGHT * base.bins[k]) / (counts[k].sum() + PRIOR_WEIGHT) for k in GAP_KINDS}
    weekdays = {k: (week[k] + PRIOR_WEIGHT * base.weekdays[k]) / (week[k].sum() + PRIOR_WEIGHT) for k in WEEKDAY_KINDS}
    return GapModel(bins, weekdays)
