"""Date selection: rank the days of a collection by how much the news points at them.

Input: Candidate records. Output: days ranked best first. A day scores by the articles that mention
it (mentioned dates cover far more of what matters than publication dates) plus the articles
published on it; both are counted once per article. Plain counting, no library. Known limits: a
day much written about for a reason beside the story's (an anniversary) still ranks high.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence
from datetime import date as Date

import numpy as np

from dateline.timeline.candidates import Candidate

logger = logging.getLogger(__name__)

# Weight of one article published on a day relative to one article mentioning it. Tuned on T17 train topics.
PUBLISHED_WEIGHT = 0.5


def date_scores(candidates: Sequence[Candidate], mask: np.ndarray | None = None) -> dict[Date, float]:
    """Score every candidate day.

    Args:
        candidates: dated sentences.
        mask: optional boolean per candidate; False candidates are not counted (off-focus).

    Returns:
        day -> score (higher is more important).
    """
    mentioning: dict[Date, set[str]] = defaultdict(set)
    publishing: dict[Date, set[str]] = defaultdict(set)
    for i, cand in enumerate(candidates):
        if mask is not None and not mask[i]:
            continue
        if cand.mentioned:
            mentioning[cand.date].add(cand.article_id)
        elif cand.date == cand.published:
            publishing[cand.date].add(cand.article_id)
    days = set(mentioning) | set(publishing)
    return {d: len(mentioning[d]) + PUBLISHED_WEIGHT * len(publishing[d]) for d in days}


def rank_dates(candidates: Sequence[Candidate], mask: np.ndarray | None = None) -> list[Date]:
    """Days best first (ties: earlier day first, so the order is deterministic).

    Args:
        candidates: dated sentences.
        mask: optional boolean per candidate, as in ``date_scores``.

    Returns:
        Every candidate day, ranked.
    """
    scores = date_scores(candidates, mask)
    return sorted(scores, key=lambda d: (-scores[d], d))
