"""Interval weights: the weights whose calibrated intervals are narrowest, chosen apart from the point's.

Input: parts of a collection's dated articles, re-estimated as if undated, with their true days (the same
sample dateline.pubdate.calibration chooses the point weights on). Output: the weights and mass level of the
reported earliest..latest interval. The point estimate wants the weights placing most articles within 3 days;
the interval wants a posterior whose shortest intervals hold the true day often enough while staying narrow,
and the two are rarely the same weights. Each weights of calibration.GRID is calibrated to the coverage target
(split-conformal, as calibration.calibrated_level, on a finer grid of levels) and the narrowest median
interval wins. Hand-written numpy. Known limit: chosen on ~120 articles, so the target keeps a margin.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections.abc import Sequence

import numpy as np

from dateline.pubdate.calibration import GRID, Sample, holds_truth, sample_interval
from dateline.pubdate.posterior import Parts, Weights, combine
from dateline.pubdate.text_estimate import Window

# Mass levels tried, finer than calibration.LEVELS: with the weights free, a coarse step wastes width.
FINE_LEVELS = (*(round(0.5 + 0.01 * i, 2) for i in range(50)), 0.995, 0.999)


def choose_interval(
    labelled: Sequence[tuple[Parts, dt.date]], point_weights: Weights, target: float, max_days: int
) -> tuple[Weights, float] | None:
    """The weights and mass level whose intervals reach ``target`` coverage and are narrowest.

    Narrowest: fewest intervals wider than ``max_days`` (those articles lose their point estimate), then the
    smallest median width.

    Args:
        labelled: parts of dated articles, computed as if they were undated, with their true day.
        point_weights: the weights of the point estimate; kept on ties.
        target: wanted coverage on ``labelled`` (finite-sample corrected), e.g. 0.92.
        max_days: widest interval that keeps a point estimate (DateSettings.max_estimate_days).

    Returns:
        (weights, level), or None when no weights reach the target even at the largest level.
    """
    best: tuple[tuple[int, float, bool], Weights, float] | None = None
    for weights in dict.fromkeys([point_weights, *GRID]):
        # One weights at a time: the whole grid's posteriors (and running sums) at once would hold ~120 arrays
        # of the window's length per article, hundreds of MB for a collection spanning years.
        samples = [_sample(parts, combine(parts, weights), truth) for parts, truth in labelled]
        level = smallest_level(samples, target)
        if level is None:
            continue
        widths = interval_widths(samples, level)
        key = (sum(w > max_days for w in widths), statistics.median(widths), weights != point_weights)
        if best is None or key < best[0]:
            best = (key, weights, level)
    return (best[1], best[2]) if best else None


def _sample(parts: Parts, score: np.ndarray, truth: dt.date) -> Sample:
    if parts.window.start <= truth <= parts.window.end:
        return Sample(score, parts.window, truth)
    return Sample(np.zeros(1), Window(truth + dt.timedelta(days=1), 1), truth)  # outside the window: a sure miss


def smallest_level(samples: Sequence[Sample], target: float) -> float | None:
    """A small level of FINE_LEVELS whose intervals reach ``target`` (finite-sample corrected), or None.

    Coverage mostly grows with the level, so a bisection finds it in a few coverage passes. Not always:
    the shortest intervals of a posterior with several peaks need not nest, so a smaller level may also
    reach the target; the level returned always does.
    """
    if not samples:
        return None
    corrected = min(1.0, math.ceil((len(samples) + 1) * target) / len(samples))
    low, high = 0, len(FINE_LEVELS) - 1
    if not reaches(samples, FINE_LEVELS[high], corrected):
        return None
    while low < high:
        middle = (low + high) // 2
        if reaches(samples, FINE_LEVELS[middle], corrected):
            high = middle
        else:
            low = middle + 1
    return FINE_LEVELS[low]


def reaches(samples: Sequence[Sample], level: float, share: float) -> bool:
    """``coverage(samples, level) >= share``, stopping as soon as the answer is sure.

    Why: the level search runs for each of ~60 weights; most of its passes are decided long before the
    last sample (enough hits, or too many misses), and each interval is a search over the whole window.
    """
    total = len(samples)
    hits = misses = 0
    for sample in samples:
        if holds_truth(sample, level):
            hits += 1
            if hits / total >= share:
                return True
        else:
            misses += 1
            if (total - misses) / total < share:
                return False
    return hits / total >= share if total else share <= 0.0


def interval_widths(samples: Sequence[Sample], level: float) -> list[int]:
    """Width (days) of the shortest interval holding ``level`` of each sample's mass."""
    widths = []
    for sample in samples:
        first, last = sample_interval(sample, level)
        widths.append(last - first)
    return widths


def median_width(samples: Sequence[Sample], level: float) -> float:
    """Median width (days) of the shortest intervals holding ``level`` of each sample's mass."""
    widths = interval_widths(samples, level)
    return float(statistics.median(widths)) if widths else 0.0
