"""The day scores of an undated article in a collection: its text's evidence and the collection's prior.

Input: the parts computed once per article (text log-likelihood over the window, the collection's day
density, its neighbours' kernel) and a Weights record. Output: log scores per day. Keeping the parts
apart lets the collection choose its weights on its own dated articles without recomputing them.
Hand-written numpy (a weighted mixture and a tempered likelihood).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from dateline.pubdate.clues import TextClues
from dateline.pubdate.text_estimate import FloatArray, Window, bounded

# Share of the prior given to the collection's day density, times n / (n + DENSITY_HALF) for n dated
# articles. Tuned on Timeline17 (hidden half); re-run `dateline eval text-dates` after a change.
DENSITY_SHARE = 0.5
DENSITY_HALF = 10


@dataclass(frozen=True)
class Weights:
    """How much the text and the neighbours count; chosen per collection (dateline.pubdate.calibration)."""

    temperature: float = 1.0  # multiplies the text's log-likelihood (below 1: the text trusted less)
    neighbour_max: float = 0.98  # share of the prior for a near-duplicate neighbour
    similarity_half: float = 0.2  # similarity at which the neighbours get half of neighbour_max


@dataclass
class Parts:
    """Everything the day scores of one article are made of, over ``window``."""

    window: Window
    text: FloatArray  # log-likelihood of the text's clues
    density: FloatArray  # share of the collection's dated articles per day (sums to 1, or all zero)
    near: FloatArray | None  # kernel mixture around the neighbours' dates (sums to 1)
    best_similarity: float
    dated_count: int
    clues: TextClues
    bound: dt.date | None
    neighbours: list[tuple[dt.date, float]]


def combine(parts: Parts, weights: Weights) -> FloatArray:
    """Log score per day: tempered text log-likelihood plus the log of the mixed prior; -inf before the bound."""
    return _scored(parts, weights, np.log(_prior(parts, _base_prior(parts), weights)))


def combine_grid(parts: Parts, grid: Sequence[Weights]) -> Iterator[tuple[Weights, FloatArray]]:
    """``(weights, combine(parts, weights))`` for each weights of ``grid``, sharing the prior between them.

    Why: calibration scores a grid of weights on each dated article; the prior depends on two of the
    three weights only, so it is built once per pair instead of once per grid point.
    """
    base = _base_prior(parts)
    log_priors: dict[tuple[float, float] | None, FloatArray] = {}
    for weights in grid:
        key = (weights.neighbour_max, weights.similarity_half) if parts.near is not None else None
        if key not in log_priors:
            log_priors[key] = np.log(_prior(parts, base, weights))
        yield weights, _scored(parts, weights, log_priors[key])


def _base_prior(parts: Parts) -> FloatArray:
    """Flat over the window, mixed with the collection's day density when it has one."""
    days = parts.window.days
    flat = np.full(days, 1.0 / days)
    density_share = DENSITY_SHARE * parts.dated_count / (parts.dated_count + DENSITY_HALF)
    return flat if not parts.density.any() else (1 - density_share) * flat + density_share * parts.density


def _prior(parts: Parts, base: FloatArray, weights: Weights) -> FloatArray:
    """The base prior mixed with the neighbours' kernel, by how similar the best neighbour is."""
    if parts.near is None:
        return base
    s2 = parts.best_similarity**2
    near_share = weights.neighbour_max * s2 / (s2 + weights.similarity_half**2)
    mixed: FloatArray = (1 - near_share) * base + near_share * parts.near
    return mixed


def _scored(parts: Parts, weights: Weights, log_prior: FloatArray) -> FloatArray:
    score: FloatArray = weights.temperature * parts.text + log_prior
    return bounded(score, parts.window, parts.bound)
