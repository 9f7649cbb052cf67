"""Interval weights of the collection estimate: narrowest intervals that still hold the true day often enough."""

from __future__ import annotations

import datetime as dt
import statistics

import numpy as np
import pytest
from test_pubdate_calibration import _odd_parts  # the same odd posteriors, and two kinds more

from dateline.pubdate import intervals, text_estimate
from dateline.pubdate.calibration import GRID, Sample, coverage, holds_truth, sample_interval
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



ODD_KINDS = ("flat", "plateau", "impossible", "some-impossible", "short", "wide", "mixed", "peaked")


def _odd_labelled(rng: np.random.Generator, kind: str, count: int) -> list[tuple[Parts, dt.date]]:
    out = []
    for _ in range(count):
        parts = _odd_parts(rng, kind)
        out.append((parts, START + dt.timedelta(days=int(rng.integers(-2, parts.window.days + 2)))))  # some outside
    return out


def _sample_one_by_one(parts: Parts, weights: Weights, truth: dt.date) -> Sample:
    if parts.window.start <= truth <= parts.window.end:
        return Sample(combine(parts, weights), parts.window, truth)
    return Sample(np.zeros(1), Window(truth + dt.timedelta(days=1), 1), truth)


def _level_one_by_one(samples: list[Sample], target: float) -> float | None:
    """The bisection the SampleSet version replaced: one ``sample_interval`` per sample and level."""

    def reached(level: float) -> bool:
        return sum(holds_truth(s, level) for s in samples) / len(samples) >= corrected

    corrected = min(1.0, np.ceil((len(samples) + 1) * target) / len(samples))
    low, high = 0, len(intervals.FINE_LEVELS) - 1
    if not reached(intervals.FINE_LEVELS[high]):
        return None
    while low < high:
        middle = (low + high) // 2
        low, high = (low, middle) if reached(intervals.FINE_LEVELS[middle]) else (middle + 1, high)
    return intervals.FINE_LEVELS[low]


def _choose_one_by_one(
    labelled: list[tuple[Parts, dt.date]], point: Weights, target: float, max_days: int
) -> tuple[Weights, float] | None:
    best: tuple[tuple[int, float, bool], Weights, float] | None = None
    for weights in dict.fromkeys([point, *GRID]):
        samples = [_sample_one_by_one(parts, weights, truth) for parts, truth in labelled]
        level = _level_one_by_one(samples, target)
        if level is None:
            continue
        widths = [last - first for first, last in (sample_interval(s, level) for s in samples)]
        key = (sum(w > max_days for w in widths), statistics.median(widths), weights != point)
        if best is None or key < best[0]:
            best = (key, weights, level)
    return (best[1], best[2]) if best else None


@pytest.mark.parametrize("kind", ODD_KINDS, ids=ODD_KINDS)
def test_sample_set_intervals_equal_sample_interval_even_on_ties(kind: str) -> None:
    rng = np.random.default_rng(41 + len(kind))
    samples = [_sample_one_by_one(p, GRID[int(rng.integers(0, len(GRID)))], t) for p, t in _odd_labelled(rng, kind, 25)]
    found = intervals.SampleSet.of(samples)
    for level in (0.2, 0.5, 0.73, 0.9, 0.999, 1.0, *intervals.FINE_LEVELS):
        first, last = found.intervals(level)
        assert list(zip(first.tolist(), last.tolist(), strict=True)) == [sample_interval(s, level) for s in samples]
        assert found.reaches(level, 0.5) == (coverage(samples, level) >= 0.5)


@pytest.mark.parametrize("kind", ODD_KINDS, ids=ODD_KINDS)
def test_stacked_running_sums_equal_one_by_one_sums(kind: str) -> None:
    rng = np.random.default_rng(7 + len(kind))
    labelled = [(p, t) for p, t in _odd_labelled(rng, kind, 12) if p.window.start <= t <= p.window.end]
    stacks = intervals._Labelled(labelled, [])
    for weights in (Weights(), *GRID[::7]):
        log_priors = stacks.log_priors((weights.neighbour_max, weights.similarity_half))
        for stack, log_prior in zip(stacks.stacks, log_priors, strict=True):
            sums = stack.running_sums(weights.temperature, log_prior)
            for row, parts in enumerate(stack.parts):
                one = Sample(combine(parts, weights), parts.window, START).cumulative
                assert np.array_equal(sums[row], one)  # bit for bit, not approximately


@pytest.mark.parametrize("seed", range(8), ids=[f"seed-{s}" for s in range(8)])
def test_chosen_interval_equals_the_one_by_one_choice(seed: int) -> None:
    rng = np.random.default_rng(seed)
    kind = ODD_KINDS[seed % len(ODD_KINDS)]
    labelled = _odd_labelled(rng, kind, 14) + _labelled(rng, 8)
    point = GRID[int(rng.integers(0, len(GRID)))]
    target, max_days = ((0.5, 400), (0.3, 5), (0.7, 20))[seed % 3]
    chosen = intervals.choose_interval(labelled, point, target, max_days)
    assert chosen == _choose_one_by_one(labelled, point, target, max_days)
