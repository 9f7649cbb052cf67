"""Per-date sentence selection: the sentences that best say what happened on a day, without repeats.

Input: candidates, their TF-IDF rows, a query mask and the ranked days. Output: for each chosen day
the indices of its selected candidates. A day's sentences are ranked by cosine similarity to the
centroid of everything dated to that day (the representative ones), keeping only on-focus ones and
rejecting any sentence too similar to one already in the timeline (no repeats across days).
numpy/scipy sparse algebra; cost linear in candidates plus (pool x selected) for redundancy.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence
from datetime import date as Date

import numpy as np
from scipy import sparse
from sklearn.preprocessing import normalize

from dateline.timeline.candidates import Candidate

logger = logging.getLogger(__name__)

# Cosine similarity above which a sentence repeats one already selected. Tuned on T17 train topics.
MAX_SIMILARITY = 0.5


def group_by_day(candidates: Sequence[Candidate]) -> dict[Date, list[int]]:
    """Candidate indices per day."""
    groups: dict[Date, list[int]] = defaultdict(list)
    for i, cand in enumerate(candidates):
        groups[cand.date].append(i)
    return groups


def select_sentences(
    ranked_days: Sequence[Date],
    candidates: Sequence[Candidate],
    matrix: sparse.csr_matrix,
    mask: np.ndarray,
    max_dates: int,
    per_date: int,
) -> list[tuple[Date, list[int]]]:
    """Walk the days best first and summarise each until ``max_dates`` days have a summary.

    Args:
        ranked_days: days, best first.
        candidates: dated sentences.
        matrix: L2-normalised rows, one per candidate.
        mask: True for on-focus candidates (only these may be selected).
        max_dates: number of days wanted.
        per_date: sentences wanted per day.

    Returns:
        (day, candidate indices) pairs in rank order; a day with no usable sentence is skipped.
    """
    groups = group_by_day(candidates)
    chosen: list[tuple[Date, list[int]]] = []
    picked_rows: list[int] = []
    picked_texts: set[str] = set()
    for day in ranked_days:
        if len(chosen) >= max_dates:
            break
        pool = groups.get(day, [])
        picks = _summarise_day(pool, candidates, matrix, mask, per_date, picked_rows, picked_texts)
        if picks:
            chosen.append((day, picks))
            picked_rows.extend(picks)
            picked_texts.update(candidates[i].text for i in picks)
    return chosen


def _summarise_day(
    pool: list[int],
    candidates: Sequence[Candidate],
    matrix: sparse.csr_matrix,
    mask: np.ndarray,
    per_date: int,
    picked_rows: list[int],
    picked_texts: set[str],
) -> list[int]:
    if not pool:
        return []
    rows = matrix[pool]
    centroid = normalize(sparse.csr_matrix(rows.sum(axis=0)))
    scores = np.asarray((rows @ centroid.T).todense()).ravel()
    order = np.argsort(-scores, kind="stable")
    picks: list[int] = []
    for j in order:
        i = pool[int(j)]
        if not mask[i] or scores[j] <= 0 or candidates[i].text in picked_texts:
            continue
        if _too_similar(matrix, i, picked_rows + picks):
            continue
        picks.append(i)
        if len(picks) >= per_date:
            break
    return picks


def _too_similar(matrix: sparse.csr_matrix, row: int, others: list[int]) -> bool:
    if not others:
        return False
    sims = matrix[others] @ matrix[row].T
    return bool(sims.max() > MAX_SIMILARITY) if sims.nnz else False
