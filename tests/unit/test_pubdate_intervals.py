"""Interval weights of the collection estimate: narrowest intervals that still hold the true day often enough."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from dateline.pubdate import intervals, text_estimate
from dateline.pubdate.calibration import Sample, coverage
from dateline.pubdate.clues import TextClues
from dateline.pubdate.posterior import Parts, Weights, combine
from dateline.pubdate.text_estimate import Window

START = dt.date(2031, 3, 1)
DAYS = 90


def _peaked_parts(truth_index: int, spread: float) -> Parts:
    """Parts whose text peaks on the true day (a Gaussian of ``spread`` days) over a flat collection."""
    days = np.arange(DAYS)
    return Parts(
        window=Window(START, DAYS),
        text=-0.5 * ((days - truth_index) / spread) ** 2,
        density=np.full(DAYS, 1.0 / DAYS),
        near=None,
        best_similarity=0.0,
        dated_count=50,
        clues=TextClues(),
        bound=None,
        neighbours=[],
    )


def _labelled(rng: np.random.Generator, count: int) -> list[tuple[Parts, dt.date]]:
    """Dated articles whose text peaks a few days off their true day, as real clues do."""
    out = []
    for _ in range(count):
        truth = int(rng.integers(20, 70))
        peak = truth + int(rng.integers(-4, 5))
        out.append((_peaked_parts(peak, 3.0), START + dt.timedelta(days=truth)))
    return out


def test_smallest_level_is_the_first_fine_level_reaching_the_target() -> None:
    labelled = _labelled(np.random.default_rng(5), 60)
    samples = [Sample(combine(parts, Weights()), parts.window, truth) for parts, truth in labelled]
    level = intervals.smallest_level(samples, 0.9)
    assert level is not None
    corrected = np.ceil(61 * 0.9) / 60
    assert coverage(samples, level) >= corrected
    earlier = intervals.FINE_LEVELS[intervals.FINE_LEVELS.index(level) - 1]
    assert coverage(samples, earlier) < corrected


def test_no_level_when_the_true_days_lie_outside_every_interval() -> None:
    parts = _peaked_parts(10, 1.0)
    samples = [Sample(combine(parts, Weights()), parts.window, START + dt.timedelta(days=80))] * 30
    assert intervals.smallest_level(samples, 0.9) is None


def test_chosen_interval_weights_are_no_wider_than_the_point_weights() -> None:
    labelled = _labelled(np.random.default_rng(11), 60)
    point = Weights(temperature=0.25)
    chosen = intervals.choose_interval(labelled, point, 0.9, 400)
    assert chosen is not None
    weights, level = chosen
    samples = {w: [Sample(combine(p, w), p.window, t) for p, t in labelled] for w in (point, weights)}
    point_level = intervals.smallest_level(samples[point], 0.9)
    assert point_level is not None
    assert intervals.median_width(samples[weights], level) <= intervals.median_width(samples[point], point_level)
    assert coverage(samples[weights], level) >= 0.9


@pytest.mark.parametrize("interval_peak", [30, 60], ids=["interval-left-of-point", "interval-right-of-point"])
def test_interval_from_other_scores_still_holds_the_point(interval_peak: int) -> None:
    days = np.arange(DAYS)
    point_score = -0.5 * ((days - 45) / 2.0) ** 2
    interval_score = -0.5 * ((days - interval_peak) / 2.0) ** 2
    estimate = text_estimate.summarise(point_score, Window(START, DAYS), None, 0.9, interval_score)
    assert estimate.published == START + dt.timedelta(days=45)
    assert estimate.earliest <= estimate.published <= estimate.latest
    assert estimate.earliest <= START + dt.timedelta(days=interval_peak) <= estimate.latest


@pytest.mark.parametrize("seed", range(6), ids=[f"seed-{s}" for s in range(6)])
def test_level_check_stopping_early_agrees_with_full_coverage(seed: int) -> None:
    rng = np.random.default_rng(seed)
    samples = []
    for parts, truth in _labelled(rng, 40):
        shifted = truth + dt.timedelta(days=int(rng.integers(-10, 11)))  # some true days far off: misses
        samples.append(Sample(combine(parts, Weights()), parts.window, shifted))
    for level in (*intervals.FINE_LEVELS[::7], intervals.FINE_LEVELS[-1]):
        for share in (0.0, 0.5, 0.9, 0.925, 1.0, coverage(samples, level)):
            assert intervals.reaches(samples, level, share) == (coverage(samples, level) >= share)
