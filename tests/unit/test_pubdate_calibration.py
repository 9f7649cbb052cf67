"""Calibration of the collection estimate: the weights chosen on the collection's own dated articles."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest

from dateline.pubdate.calibration import (
    GRID,
    LEVELS,
    WITHIN_DAYS,
    Sample,
    calibrated_level,
    choose_weights,
    coverage,
    grid_points,
    sample_interval,
)
from dateline.pubdate.clues import TextClues
from dateline.pubdate.posterior import Parts, Weights, combine, combine_grid
from dateline.pubdate.text_estimate import Window, point_index, shortest_interval

START = dt.date(2031, 3, 1)


def _parts(rng: np.random.Generator, with_neighbours: bool, bound: dt.date | None = None) -> Parts:
    window = Window(START, 60)
    density = rng.random(60)
    near = rng.random(60) if with_neighbours else None
    return Parts(
        window=window,
        text=np.log(rng.random(60) + 1e-3),
        density=density / density.sum(),
        near=None if near is None else near / near.sum(),
        best_similarity=float(rng.random()),
        dated_count=int(rng.integers(1, 200)),
        clues=TextClues(),
        bound=bound,
        neighbours=[],
    )


@pytest.mark.parametrize("with_neighbours", [True, False], ids=["neighbours", "no-neighbours"])
def test_grid_scores_equal_one_by_one_scores(with_neighbours: bool) -> None:
    parts = _parts(np.random.default_rng(3), with_neighbours, bound=START + dt.timedelta(days=9))
    for weights, score in combine_grid(parts, GRID):
        assert np.array_equal(score, combine(parts, weights))


def test_chosen_weights_place_most_dated_articles_within_three_days() -> None:
    rng = np.random.default_rng(11)
    labelled = [(_parts(rng, i % 3 != 0), START + dt.timedelta(days=int(rng.integers(0, 60)))) for i in range(40)]

    def hits(weights: Weights) -> int:
        points = [p.window.day(point_index(combine(p, weights))) for p, _ in labelled]
        return sum(abs((point - truth).days) <= WITHIN_DAYS for point, (_, truth) in zip(points, labelled, strict=True))

    chosen = choose_weights(labelled, Weights())
    assert hits(chosen) == max(hits(w) for w in (Weights(), *GRID))
    assert hits(chosen) > hits(Weights()) or chosen == Weights()


def _one_by_one_points(parts: Parts, grid: list[Weights]) -> list[int]:
    return [point_index(combine(parts, weights)) for weights in grid]


def _choose_one_by_one(labelled: list[tuple[Parts, dt.date]], default: Weights) -> Weights:
    """The straightforward loop the grid version replaced: one point_index per article and weights."""
    grid = list(dict.fromkeys([default, *GRID]))
    hits = dict.fromkeys(grid, 0)
    for parts, truth in labelled:
        for weights in grid:
            point = parts.window.day(point_index(combine(parts, weights)))
            hits[weights] += abs((point - truth).days) <= WITHIN_DAYS
    best = default
    for weights in GRID:
        if hits[weights] > hits[best]:
            best = weights
    return best


def _odd_parts(rng: np.random.Generator, kind: str) -> Parts:
    """Parts made to tie: flat or plateaued scores, -inf days, tiny and wide windows, bounds, neighbours."""
    days = {"short": int(rng.integers(1, 7)), "wide": 900, "mixed": int(rng.choice([30, 31, 200]))}.get(kind, 40)
    text = np.zeros(days)
    if kind == "plateau":
        text[5:15] = 2.0
    elif kind == "impossible":
        text[:] = -np.inf
    elif kind in ("short", "wide", "some-impossible", "mixed", "peaked"):
        text = np.log(rng.random(days) + 1e-3) * (40.0 if kind == "peaked" else 1.0)
        if kind == "some-impossible":
            text[rng.random(days) < 0.5] = -np.inf
    density = np.zeros(days) if kind in ("flat", "plateau") else rng.random(days)
    near = rng.random(days) if kind in ("wide", "some-impossible", "mixed") else None
    return Parts(
        window=Window(START, days),
        text=text,
        density=density / density.sum() if density.any() else density,
        near=None if near is None else near / near.sum(),
        best_similarity=float(rng.random()),
        dated_count=int(rng.integers(1, 200)),
        clues=TextClues(),
        bound=START + dt.timedelta(days=int(rng.integers(0, days))) if rng.random() < 0.3 else None,
        neighbours=[],
    )


ODD_KINDS = ("flat", "plateau", "impossible", "some-impossible", "short", "wide")


@pytest.mark.parametrize("kind", ODD_KINDS, ids=ODD_KINDS)
def test_grid_points_equal_one_by_one_point_index_even_on_ties(kind: str) -> None:
    rng = np.random.default_rng(len(kind))
    grid = list(dict.fromkeys([Weights(), *GRID]))
    for _ in range(5):
        parts = _odd_parts(rng, kind)
        assert grid_points(parts, grid).tolist() == _one_by_one_points(parts, grid)


@pytest.mark.parametrize("seed", range(12), ids=[f"seed-{s}" for s in range(12)])
def test_chosen_weights_equal_the_one_by_one_choice(seed: int) -> None:
    rng = np.random.default_rng(seed)
    labelled = []
    for i in range(30):
        parts = _odd_parts(rng, ODD_KINDS[i % len(ODD_KINDS)]) if seed % 3 == 0 else _parts(rng, i % 3 != 0)
        labelled.append((parts, START + dt.timedelta(days=int(rng.integers(-5, parts.window.days + 5)))))
    default = (Weights(), GRID[int(rng.integers(0, len(GRID)))], Weights(temperature=0.0))[seed % 3]
    assert choose_weights(labelled, default) == _choose_one_by_one(labelled, default)


def _coverage_one_by_one(samples: list[Sample], level: float) -> float:
    hits = 0
    for sample in samples:
        first, last = shortest_interval(sample.score, level)
        hits += sample.window.day(first) <= sample.truth <= sample.window.day(last)
    return hits / len(samples) if samples else 0.0


@pytest.mark.parametrize("kind", ODD_KINDS, ids=ODD_KINDS)
def test_coverage_from_cached_sums_equals_shortest_intervals(kind: str) -> None:
    rng = np.random.default_rng(17 + len(kind))
    samples = []
    for _ in range(12):
        parts = _odd_parts(rng, kind)
        truth = START + dt.timedelta(days=int(rng.integers(-2, parts.window.days + 2)))
        samples.append(Sample(combine(parts, Weights(0.6, 0.9, 0.3)), parts.window, truth))
    for level in (0.5, 0.8, 0.9, 0.95, 0.999, *LEVELS):
        assert coverage(samples, level) == _coverage_one_by_one(samples, level)
    corrected = min(1.0, math.ceil((len(samples) + 1) * 0.9) / len(samples))
    one_by_one = next((lv for lv in LEVELS if _coverage_one_by_one(samples, lv) >= corrected), max(0.8, LEVELS[-1]))
    assert calibrated_level(samples, 0.9, 0.8) == one_by_one


@pytest.mark.parametrize("kind", ODD_KINDS, ids=ODD_KINDS)
def test_sample_interval_equals_shortest_interval(kind: str) -> None:
    rng = np.random.default_rng(29 + len(kind))
    for _ in range(6):
        parts = _odd_parts(rng, kind)
        sample = Sample(combine(parts, Weights()), parts.window, START)
        for level in (0.5, 0.73, 0.9, 0.93, 0.999, 1.0, *LEVELS):
            assert sample_interval(sample, level) == shortest_interval(sample.score, level)
