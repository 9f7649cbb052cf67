"""Interval calibration: how much probability an interval must hold to contain the true date often enough.

Input: posteriors (day scores over a window) for articles whose true date is known, computed exactly as
for undated ones. Output: the smallest mass level whose shortest intervals contain the true date for the
target share of them (split-conformal style). The collection estimate calibrates on its own dated
articles, so the reported intervals keep their promised coverage on each collection, whatever its kind.
Hand-written numpy (the weight grid scored in 2-D; intervals from each sample's cached running sum).
Known limit: dated articles that differ from the undated ones (say, wire copy versus blogs) calibrate
imperfectly.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

# The private parts of posterior.combine and text_estimate.shortest_interval are used as they are, so the
# grid's scores and the cached intervals stay theirs.
from dateline.pubdate.posterior import Parts, Weights, _base_prior, _prior, combine
from dateline.pubdate.text_estimate import FloatArray, Window, _probabilities, bounded, point_index

# Weights tried on the collection's dated articles; the one placing most of them within 3 days wins.
GRID = tuple(
    Weights(temperature, neighbour_max, half)
    for temperature in (0.25, 0.4, 0.6, 0.8, 1.0)
    for neighbour_max in (0.3, 0.6, 0.9, 0.98)
    for half in (0.1, 0.2, 0.3)
)
WITHIN_DAYS = 3
# Days summed around a candidate day by text_estimate.point_index (+-3 days; grid_points adds them as 2+2+2+1).
POINT_KERNEL = 7
# Relative mass gap under which two days count as tied in grid_points (and are left to point_index):
# far above the rounding of a normalised 7-term sum of probabilities (~1e-15), far below any real difference.
TIE_MARGIN = 1e-9
# Candidate mass levels, tried from the smallest.
LEVELS = (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.88, 0.9, 0.92, 0.94, 0.95, 0.96, 0.97, 0.98, 0.99, 0.995, 0.999)


@dataclass(frozen=True)
class Sample:
    """A posterior over ``window`` for an article whose true publication day is ``truth``."""

    score: FloatArray
    window: Window
    truth: dt.date

    @functools.cached_property
    def cumulative(self) -> FloatArray:
        """0, then the running sum of the day probabilities of ``score``: what ``shortest_interval`` builds first.

        Cached: coverage is asked of the same samples at many levels (and for many weights).
        """
        result: FloatArray = np.concatenate([[0.0], np.cumsum(_probabilities(self.score))])
        return result


def choose_weights(labelled: Sequence[tuple[Parts, dt.date]], default: Weights) -> Weights:
    """The weights of GRID whose point estimates fall within 3 days of the true day most often.

    Args:
        labelled: parts of dated articles, computed as if they were undated, with their true day.
        default: kept on ties (and when ``labelled`` is empty).

    Returns:
        The first weights of GRID with strictly more hits than every earlier one (``default`` first).
    """
    grid = list(dict.fromkeys([default, *GRID]))
    hits = np.zeros(len(grid), dtype=np.int64)
    work = Workspace()
    for parts, truth in labelled:
        points = grid_points(parts, grid, work)
        hits += np.abs(points - (truth - parts.window.start).days) <= WITHIN_DAYS
    count = dict(zip(grid, hits.tolist(), strict=True))
    best = default
    for weights in GRID:
        if count[weights] > count[best]:
            best = weights
    return best


class Workspace:
    """Arrays reused from article to article by ``grid_points``.

    Why: the grid's arrays are megabytes; fresh ones cost more in page faults than the arithmetic on them.
    """

    def __init__(self) -> None:
        self._arrays: dict[str, FloatArray] = {}

    def array(self, name: str, rows: int, columns: int) -> FloatArray:
        """An uninitialised float array of that shape, the same memory as the last one of that name and shape."""
        found = self._arrays.get(name)
        if found is None or found.shape != (rows, columns):
            found = self._arrays[name] = np.empty((rows, columns))
        return found


def grid_points(parts: Parts, grid: Sequence[Weights], work: Workspace | None = None) -> NDArray[np.int64]:
    """``point_index(combine(parts, w))`` for every ``w`` of ``grid``, the grid's rows scored together.

    Why: calibration scores ~60 weights on each of ~120 dated articles over windows of thousands of
    days; 2-D numpy over the whole grid replaces 60 small call chains per article. A row's day
    probabilities are, up to a factor per row, exp(temperature x text) times the prior (the exp of
    ``combine``'s log score): one exp per temperature, one product per row. Those differ from
    ``point_index``'s own in the last bits only (the prior is bounded away from zero, so nothing that
    matters underflows), so a row whose best day does not beat every other day by a factor
    1 + TIE_MARGIN, or whose text has no finite best, or whose window is shorter than the kernel, is
    decided by ``point_index(combine(...))`` itself: the answer, ties included, is the one-by-one one.

    Args:
        parts: the article's parts.
        grid: weights, one row each.
        work: arrays to reuse (a new Workspace when None).

    Returns:
        Index into ``parts.window`` of each row's point estimate.
    """
    work = work or Workspace()
    rows, days = len(grid), parts.window.days
    if days < POINT_KERNEL:
        return np.array([point_index(combine(parts, weights)) for weights in grid], dtype=np.int64)
    text = bounded(parts.text, parts.window, parts.bound)  # -inf before the bound, as combine's scores
    tempered: dict[float, FloatArray | None] = {}
    base = _base_prior(parts)
    priors: dict[tuple[float, float] | None, FloatArray] = {}
    prob = work.array("prob", rows, days + POINT_KERNEL - 1)  # p[i - 3] at column i (up to a factor), 0-padded
    prob[:, :3], prob[:, 3 + days :] = 0.0, 0.0
    exact = np.zeros(rows, dtype=bool)
    for row, weights in enumerate(grid):
        if weights.temperature not in tempered:
            with np.errstate(invalid="ignore"):  # 0 x -inf: no finite best, decided by point_index below
                scaled = weights.temperature * text
            top = scaled.max()
            tempered[weights.temperature] = np.exp(scaled - top) if np.isfinite(top) else None
        key = (weights.neighbour_max, weights.similarity_half) if parts.near is not None else None
        if key not in priors:
            priors[key] = _prior(parts, base, weights)
        likelihood = tempered[weights.temperature]
        if likelihood is None:
            exact[row] = True
            prob[row, 3 : 3 + days] = 0.0
        else:
            np.multiply(likelihood, priors[key], out=prob[row, 3 : 3 + days])
    pairs = work.array("pairs", rows, days + POINT_KERNEL - 2)  # p[i - 3] + p[i - 2]
    np.add(prob[:, :-1], prob[:, 1:], out=pairs)
    mass = work.array("mass", rows, days)  # p[i - 3] + ... + p[i + 3]: the kernel of point_index
    np.add(pairs[:, :days], pairs[:, 2 : 2 + days], out=mass)
    mass += pairs[:, 4 : 4 + days]
    mass += prob[:, 6 : 6 + days]
    points = mass.argmax(axis=1)
    every = np.arange(rows)
    best = mass[every, points]
    mass[every, points] = -np.inf
    clear = ~exact & (mass.max(axis=1) * (1 + TIE_MARGIN) < best)
    for undecided in np.flatnonzero(~clear).tolist():
        points[undecided] = point_index(combine(parts, grid[undecided]))
    result: NDArray[np.int64] = points.astype(np.int64)
    return result


def coverage(samples: Sequence[Sample], level: float) -> float:
    """Share of samples whose shortest interval holding ``level`` of the mass contains the true day."""
    hits = sum(holds_truth(sample, level) for sample in samples)
    return hits / len(samples) if samples else 0.0


def holds_truth(sample: Sample, level: float) -> bool:
    """Whether the sample's shortest interval holding ``level`` of the mass contains its true day."""
    first, last = sample_interval(sample, level)
    return first <= (sample.truth - sample.window.start).days <= last  # window.day(first) <= truth <= ...


def sample_interval(sample: Sample, level: float) -> tuple[int, int]:
    """``text_estimate.shortest_interval(sample.score, level)``, from the sample's cached running sum.

    Args:
        sample: a posterior with its window.
        level: probability mass the interval holds (0-1).

    Returns:
        Indices (first, last, inclusive) into ``sample.window``, the same as ``shortest_interval``'s.
    """
    return interval_of_sums(sample.cumulative, level)


def interval_of_sums(cumulative: FloatArray, level: float) -> tuple[int, int]:
    """``sample_interval`` from a running sum (0, then the running sum of the day probabilities)."""
    days = cumulative.size - 1
    # Only starts whose interval ends inside the window can win (the others score days * 2), and those are a
    # prefix of the days: the running sum must leave ``level`` of the mass after them. Only that prefix (with
    # a margin far above rounding, so no valid start is missed) is searched: the same answer, most windows'
    # mass sitting late, at a fraction of the cost.
    starts = int(np.searchsorted(cumulative[:-1], cumulative[-1] - level + 2e-9, side="right"))
    if starts == 0:
        return 0, days - 1
    ends = np.searchsorted(cumulative, cumulative[:starts] + level - 1e-9)
    widths = np.where(ends <= days, ends - _day_numbers(days)[:starts], days * 2)
    first = int(np.argmin(widths))
    return first, min(int(ends[first]) - 1, days - 1)


@functools.lru_cache(maxsize=64)
def _day_numbers(days: int) -> NDArray[np.int64]:
    """0 .. days - 1 (read only: shared by the cache; windows of a collection mostly share their length)."""
    numbers = np.arange(days)
    numbers.flags.writeable = False
    return numbers


def calibrated_level(samples: Sequence[Sample], target: float, default: float) -> float:
    """The smallest level in LEVELS reaching ``target`` coverage (finite-sample corrected).

    Args:
        samples: posteriors of articles with known dates (at least a few dozen to be meaningful).
        target: wanted coverage, e.g. 0.9.
        default: returned when no level reaches the target (then the largest level is still too small).
    """
    if not samples:
        return default
    corrected = min(1.0, math.ceil((len(samples) + 1) * target) / len(samples))
    for level in LEVELS:
        if coverage(samples, level) >= corrected:
            return level
    return max(default, LEVELS[-1])
