"""Interval calibration: how much probability an interval must hold to contain the true date often enough.

Input: posteriors (day scores over a window) for articles whose true date is known, computed exactly as
for undated ones. Output: the smallest mass level whose shortest intervals contain the true date for the
target share of them (split-conformal style). The collection estimate calibrates on its own dated
articles, so the reported intervals keep their promised coverage on each collection, whatever its kind.
Hand-written: a few lines of numpy. Known limit: dated articles that differ from the undated ones (say,
wire copy versus blogs) calibrate imperfectly.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from dateline.pubdate.posterior import Parts, Weights, combine_grid
from dateline.pubdate.text_estimate import FloatArray, Window, point_index, shortest_interval

# Weights tried on the collection's dated articles; the one placing most of them within 3 days wins.
GRID = tuple(
    Weights(temperature, neighbour_max, half)
    for temperature in (0.25, 0.4, 0.6, 0.8, 1.0)
    for neighbour_max in (0.3, 0.6, 0.9, 0.98)
    for half in (0.1, 0.2, 0.3)
)
WITHIN_DAYS = 3
# Candidate mass levels, tried from the smallest.
LEVELS = (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.88, 0.9, 0.92, 0.94, 0.95, 0.96, 0.97, 0.98, 0.99, 0.995, 0.999)


@dataclass(frozen=True)
class Sample:
    """A posterior over ``window`` for an article whose true publication day is ``truth``."""

    score: FloatArray
    window: Window
    truth: dt.date


def choose_weights(labelled: Sequence[tuple[Parts, dt.date]], default: Weights) -> Weights:
    """The weights of GRID whose point estimates fall within 3 days of the true day most often.

    Args:
        labelled: parts of dated articles, computed as if they were undated, with their true day.
        default: kept on ties (and when ``labelled`` is empty).
    """
    grid = list(dict.fromkeys([default, *GRID]))
    hits = dict.fromkeys(grid, 0)
    for parts, truth in labelled:
        for weights, score in combine_grid(parts, grid):
            point = parts.window.day(point_index(score))
            hits[weights] += abs((point - truth).days) <= WITHIN_DAYS
    best = default
    for weights in GRID:
        if hits[weights] > hits[best]:
            best = weights
    return best


def coverage(samples: Sequence[Sample], level: float) -> float:
    """Share of samples whose shortest interval holding ``level`` of the mass contains the true day."""
    hits = 0
    for sample in samples:
        first, last = shortest_interval(sample.score, level)
        hits += sample.window.day(first) <= sample.truth <= sample.window.day(last)
    return hits / len(samples) if samples else 0.0


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
