"""Calibration of the collection estimate: the weights chosen on the collection's own dated articles."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from dateline.pubdate.calibration import GRID, WITHIN_DAYS, choose_weights
from dateline.pubdate.clues import TextClues
from dateline.pubdate.posterior import Parts, Weights, combine, combine_grid
from dateline.pubdate.text_estimate import Window, point_index

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
