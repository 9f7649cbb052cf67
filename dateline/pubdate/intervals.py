"""Interval weights: the weights whose calibrated intervals are narrowest, chosen apart from the point's.

Input: parts of a collection's dated articles, re-estimated as if undated, with their true days (the same
sample dateline.pubdate.calibration chooses the point weights on). Output: the weights and mass level of the
reported earliest..latest interval. The point estimate wants the weights placing most articles within 3 days;
the interval wants a posterior whose shortest intervals hold the true day often enough while staying narrow,
and the two are rarely the same weights. Each weights of calibration.GRID is calibrated to the coverage target
(split-conformal, as calibration.calibrated_level, on a finer grid of levels) and the narrowest median
interval wins. Hand-written numpy (the intervals of all samples at one level found together, SampleSet). Known
limit: chosen on ~120 articles, so the target keeps a margin.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from dateline.pubdate.calibration import GRID, Sample, interval_of_sums
from dateline.pubdate.posterior import Parts, Weights, _base_prior, _prior
from dateline.pubdate.text_estimate import FloatArray, Window, _probabilities

# Mass levels tried, finer than calibration.LEVELS: with the weights free, a coarse step wastes width.
FINE_LEVELS = (*(round(0.5 + 0.01 * i, 2) for i in range(50)), 0.995, 0.999)
# Steps of SampleSet's search, in days between the starts tried: each divides the one before and the last is 1.
# Speed only (any such steps give the same intervals): (64, 8, 1) was the fastest of (16, 1), (32, 1), (64, 8, 1),
# (128, 16, 1), (128, 8, 1), (64, 16, 4, 1) and (256, 32, 4, 1) on the 1,000-article bench store (~2,800-day windows).
BLOCKS = (64, 8, 1)
# Rows searched in one flat array of SampleSet: row offsets of _KEY_RANGE must stay below 2**63.
MAX_ROWS = 512
# Running sums and interval targets as order-preserving integers (the bits of a non-negative double): every
# value below _LOW compares the same with any target (targets are at least _LOW_LEVEL - 1e-9 > _LOW), and
# every value lies below 2.0, so a row's keys fit in [0, _KEY_RANGE) and rows can be stacked in one sorted array.
_LOW = 0.25
_LOW_LEVEL = 0.3
_HIGH = 2.0
_KEY_BASE = int(np.array(_LOW).view(np.int64))
_KEY_RANGE = int(np.array(_HIGH).view(np.int64)) - _KEY_BASE
IntArray = NDArray[np.int64]


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
    grid = list(dict.fromkeys([point_weights, *GRID]))
    misses = [Sample(np.zeros(1), Window(t + dt.timedelta(days=1), 1), t) for p, t in labelled if not _inside(p, t)]
    stacks = _Labelled([(p, t) for p, t in labelled if _inside(p, t)], misses)
    found: dict[Weights, tuple[float, IntArray] | None] = {}
    # Weights sharing their neighbour weights share the log prior: those are scored together. One weights' running
    # sums at a time: the whole grid's at once would hold ~60 arrays of the window's length per article, hundreds of
    # MB for a collection spanning years.
    for pair in dict.fromkeys((w.neighbour_max, w.similarity_half) for w in grid):
        log_priors = stacks.log_priors(pair)
        for weights in (w for w in grid if (w.neighbour_max, w.similarity_half) == pair):
            samples = stacks.sample_set(weights, log_priors)
            level = smallest_level(samples, target)
            found[weights] = None if level is None else (level, samples.widths(level))
    best: tuple[tuple[int, float, bool], Weights, float] | None = None
    for weights in grid:
        result = found[weights]
        if result is None:
            continue
        level, widths = result
        listed = widths.tolist()
        key = (sum(w > max_days for w in listed), statistics.median(listed), weights != point_weights)
        if best is None or key < best[0]:
            best = (key, weights, level)
    return (best[1], best[2]) if best else None


def _inside(parts: Parts, truth: dt.date) -> bool:
    return parts.window.start <= truth <= parts.window.end


def smallest_level(samples: Sequence[Sample] | SampleSet, target: float) -> float | None:
    """A small level of FINE_LEVELS whose intervals reach ``target`` (finite-sample corrected), or None.

    Coverage mostly grows with the level, so a bisection finds it in a few coverage passes. Not always:
    the shortest intervals of a posterior with several peaks need not nest, so a smaller level may also
    reach the target; the level returned always does.
    """
    found = samples if isinstance(samples, SampleSet) else SampleSet.of(samples)
    if not found.size:
        return None
    corrected = min(1.0, math.ceil((found.size + 1) * target) / found.size)
    low, high = 0, len(FINE_LEVELS) - 1
    if not found.reaches(FINE_LEVELS[high], corrected):
        return None
    while low < high:
        middle = (low + high) // 2
        if found.reaches(FINE_LEVELS[middle], corrected):
            high = middle
        else:
            low = middle + 1
    return FINE_LEVELS[low]


def reaches(samples: Sequence[Sample], level: float, share: float) -> bool:
    """``coverage(samples, level) >= share``."""
    return SampleSet.of(samples).reaches(level, share)


def interval_widths(samples: Sequence[Sample], level: float) -> list[int]:
    """Width (days) of the shortest interval holding ``level`` of each sample's mass."""
    widths: list[int] = SampleSet.of(samples).widths(level).tolist()
    return widths


def median_width(samples: Sequence[Sample], level: float) -> float:
    """Median width (days) of the shortest intervals holding ``level`` of each sample's mass."""
    widths = interval_widths(samples, level)
    return float(statistics.median(widths)) if widths else 0.0


class SampleSet:
    """Samples whose shortest intervals are asked at many levels: all of one level found in a few numpy calls.

    Why: the level search asks ~8 levels of each of ~120 samples for each of ~60 weights, and each interval
    searches the ends of ~1,000 starts; one sample at a time, that was most of the collection stage. Here
    samples of one window length are stacked and searched together (one ``searchsorted`` over the rows' keys),
    in steps (BLOCKS): every 64th start first, then every 8th start of the blocks that can hold a start as
    narrow as the best so far, and so on (an interval's end never moves left when its start moves right, so a
    block's starts are at most its length - 1 days narrower than its first). The answers are
    ``calibration.sample_interval``'s, ties included; levels below _LOW_LEVEL or too close to 2 - the largest
    running sum fall back to it (calibration.interval_of_sums).
    """

    def __init__(self, groups: Sequence[tuple[IntArray, FloatArray]], truths: IntArray) -> None:
        """Samples given as running sums stacked by window length.

        Args:
            groups: (positions, running sums): the samples at those positions, one row each (0, then the running
                sum of the day probabilities, as ``Sample.cumulative``), all of one window length.
            truths: index of each sample's true day into its window (out of range: a sure miss).
        """
        self.size = len(truths)
        self._groups = [
            _Rows(indices[k : k + MAX_ROWS], sums[k : k + MAX_ROWS])
            for indices, sums in groups
            for k in range(0, len(indices), MAX_ROWS)
        ]
        self._truths = truths
        self._found: dict[float, tuple[IntArray, IntArray]] = {}

    @classmethod
    def of(cls, samples: Sequence[Sample]) -> SampleSet:
        """The samples' running sums, stacked by window length."""
        rows: dict[int, list[int]] = {}
        for i, sample in enumerate(samples):
            rows.setdefault(sample.cumulative.size, []).append(i)
        groups = [(np.array(ix, dtype=np.int64), np.stack([samples[i].cumulative for i in ix])) for ix in rows.values()]
        return cls(groups, np.array([(s.truth - s.window.start).days for s in samples], dtype=np.int64))

    def intervals(self, level: float) -> tuple[IntArray, IntArray]:
        """(first, last) indices, inclusive, of each sample's shortest interval holding ``level`` of its mass."""
        if level not in self._found:
            first = np.zeros(self.size, dtype=np.int64)
            last = np.zeros(self.size, dtype=np.int64)
            for group in self._groups:
                first[group.indices], last[group.indices] = self._group_intervals(group, level)
            self._found[level] = (first, last)
        return self._found[level]

    def reaches(self, level: float, share: float) -> bool:
        """``coverage(samples, level) >= share``."""
        if not self.size:
            return share <= 0.0
        first, last = self.intervals(level)
        hits = int(np.count_nonzero((first <= self._truths) & (self._truths <= last)))
        return hits / self.size >= share

    def widths(self, level: float) -> IntArray:
        """Width (days) of the shortest interval holding ``level`` of each sample's mass."""
        first, last = self.intervals(level)
        widths: IntArray = last - first
        return widths

    def _group_intervals(self, group: _Rows, level: float) -> tuple[IntArray, IntArray]:
        if level < _LOW_LEVEL or group.top + level >= _HIGH - 1e-6:  # outside the integer keys' range
            pairs = [interval_of_sums(sums, level) for sums in group.cumulative]
            return np.array([p[0] for p in pairs], dtype=np.int64), np.array([p[1] for p in pairs], dtype=np.int64)
        return group.intervals(level)


class _Rows:
    """Running sums of one window length (one row per sample), with their integer keys in one sorted array."""

    def __init__(self, indices: IntArray, cumulative: NDArray[np.float64]) -> None:
        self.indices = indices
        self.cumulative = cumulative
        rows, width = cumulative.shape
        self.days = width - 1
        self.top = float(cumulative.max())
        self._row_keys = np.arange(rows, dtype=np.int64) * _KEY_RANGE
        clipped = np.maximum(cumulative, _LOW)  # below _LOW every value is smaller than any target
        self._keys = (clipped.view(np.int64) - _KEY_BASE + self._row_keys[:, None]).ravel()

    def intervals(self, level: float) -> tuple[IntArray, IntArray]:
        """``sample_interval`` of every row at ``level``: (first, last) indices, inclusive."""
        rows, days = len(self.indices), self.days
        owners = np.repeat(np.arange(rows, dtype=np.int64), -(-days // BLOCKS[0]))
        starts = np.tile(np.arange(0, days, BLOCKS[0], dtype=np.int64), rows)
        best = np.full(rows, 2 * days + 2, dtype=np.int64)
        for block, child in zip(BLOCKS, (*BLOCKS[1:], 0), strict=True):
            targets = self.cumulative[owners, starts] + level  # as sample_interval: running sum + level - 1e-9
            targets -= 1e-9
            # Valid starts end inside the window (target <= the row's total). They are a prefix of the row's
            # starts, so a block whose first start is not valid holds no valid start.
            valid = targets <= self.cumulative[owners, -1]
            owners, starts, targets = owners[valid], starts[valid], targets[valid]
            ends = self._ends(targets, owners)
            widths = ends - starts
            np.minimum.at(best, owners, widths)
            if not child:
                break
            # Blocks that may hold a start as narrow as the best: an interval's end never moves left when its
            # start moves right, so no start of a block is narrower than its first start's width minus block - 1.
            kept = widths - (block - 1) <= best[owners]
            starts = (starts[kept][:, None] + np.arange(0, block, child)).ravel()
            owners = np.repeat(owners[kept], block // child)
            inside = starts < days
            owners, starts = owners[inside], starts[inside]
        # The narrowest start of each row, the first one on ties (starts are in row, then start, order).
        narrowest = np.flatnonzero(widths == best[owners])
        heads = narrowest[np.flatnonzero(np.diff(owners[narrowest], prepend=-1))]
        first = np.zeros(rows, dtype=np.int64)
        last = np.full(rows, days - 1, dtype=np.int64)  # no valid start: the whole window, as sample_interval
        first[owners[heads]] = starts[heads]
        last[owners[heads]] = np.minimum(ends[heads] - 1, days - 1)
        return first, last

    def _ends(self, targets: NDArray[np.float64], owners: IntArray) -> IntArray:
        """For each target, the first index of its row's running sum not below it (``searchsorted``, left)."""
        keys = targets.view(np.int64) - _KEY_BASE + self._row_keys[owners]
        found: IntArray = np.searchsorted(self._keys, keys) - owners * (self.days + 1)
        return found


class _Stack:
    """The parts of labelled articles stacked by window length: their running sums for any weights in 2-D numpy.

    Why: ~60 weights x ~120 articles of ``combine`` then ``_probabilities`` cost a second on the 1,000-article
    bench store. Row by row the same operations as theirs, in the same order (elementwise, or reduced along a
    row), so the running sums are theirs bit for bit.
    """

    def __init__(self, labelled: Sequence[tuple[Parts, int]], offset: int) -> None:
        """Parts of one window length with the index of their true day; their samples numbered from ``offset``."""
        parts = [p for p, _ in labelled]
        self.days = parts[0].window.days if parts else 0
        self.positions = np.arange(offset, offset + len(parts), dtype=np.int64)
        self.truths = np.array([t for _, t in labelled], dtype=np.int64)
        self.text = np.stack([p.text for p in parts]) if parts else np.zeros((0, 0))
        self.base = [_base_prior(p) for p in parts]
        self.parts = parts
        # Days before each row's bound are ruled out, as text_estimate.bounded does.
        self.cut = [(row, (p.bound - p.window.start).days) for row, p in enumerate(parts)
                    if p.bound is not None and p.window.start < p.bound <= p.window.end]  # fmt: skip

    def log_prior(self, pair: tuple[float, float]) -> FloatArray:
        """``np.log(_prior(parts, base, weights))`` of every row, for weights with these neighbour weights."""
        weights = Weights(1.0, *pair)
        return np.log(np.stack([_prior(p, b, weights) for p, b in zip(self.parts, self.base, strict=True)]))

    def running_sums(self, temperature: float, log_prior: FloatArray) -> FloatArray:
        """``Sample.cumulative`` of ``combine(parts, weights)`` for every row."""
        score = temperature * self.text  # as combine: temperature x text + log prior
        score += log_prior
        for row, cut in self.cut:
            score[row, :cut] = -np.inf
        top = score.max(axis=1)
        flat = ~np.isfinite(top)  # _probabilities: no finite best, every day alike
        for row in np.flatnonzero(flat).tolist():
            score[row], top[row] = 0.0, 0.0
        score -= top[:, None]
        prob = np.exp(score, out=score)
        prob /= prob.sum(axis=1)[:, None]
        for row in np.flatnonzero(flat).tolist():
            prob[row] = _probabilities(np.full(self.days, -np.inf))
        sums = np.empty((len(self.parts), self.days + 1))
        sums[:, 0] = 0.0
        np.cumsum(prob, axis=1, out=sums[:, 1:])
        return sums


class _Labelled:
    """The labelled articles whose true day lies in their window, stacked by window length, and the sure misses."""

    def __init__(self, labelled: Sequence[tuple[Parts, dt.date]], misses: Sequence[Sample]) -> None:
        by_days: dict[int, list[tuple[Parts, int]]] = {}
        for parts, truth in labelled:
            by_days.setdefault(parts.window.days, []).append((parts, (truth - parts.window.start).days))
        self.stacks: list[_Stack] = []
        offset = 0
        for rows in by_days.values():
            self.stacks.append(_Stack(rows, offset))
            offset += len(rows)
        self.miss_positions = np.arange(offset, offset + len(misses), dtype=np.int64)
        self.miss_sums = np.stack([m.cumulative for m in misses]) if misses else np.zeros((0, 2))
        self.truths = np.concatenate([*(s.truths for s in self.stacks), np.full(len(misses), -1, dtype=np.int64)])

    def log_priors(self, pair: tuple[float, float]) -> list[FloatArray]:
        """Each stack's log priors for weights with these (neighbour_max, similarity_half)."""
        return [stack.log_prior(pair) for stack in self.stacks]

    def sample_set(self, weights: Weights, log_priors: list[FloatArray]) -> SampleSet:
        """The labelled articles scored with ``weights`` (``log_priors`` from ``log_priors``)."""
        groups = [
            (s.positions, s.running_sums(weights.temperature, lp))
            for s, lp in zip(self.stacks, log_priors, strict=True)
        ]
        if len(self.miss_positions):
            groups.append((self.miss_positions, self.miss_sums))
        return SampleSet(groups, self.truths)
