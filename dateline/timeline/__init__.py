"""Timeline summarisation: choose the days that matter and, for each, the sentences that say what happened.

Input: the collection's ArticleAnalysis records, TimelineSettings and the story's quotes. Output:
TimelineEntry records in date order, each citing the sentences it rests on. Methods share one
signature and are chosen by name from ``METHODS`` (``settings.method``). Stages: candidates.py
(dated sentences from mentioned and publication dates), dates.py (date ranking), sentences.py
(per-day selection without repeats), entries.py (citations and quotes).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import date as Date

from dateline.config import TimelineSettings
from dateline.errors import ConfigError
from dateline.records import ArticleAnalysis, Quote, TimelineEntry
from dateline.timeline import dates, entries, sentences, vectors
from dateline.timeline.candidates import collect_candidates

logger = logging.getLogger(__name__)

TimelineMethod = Callable[[Sequence[ArticleAnalysis], TimelineSettings, Sequence[Quote]], list[TimelineEntry]]


def _parse_day(value: str | None, key: str) -> Date | None:
    if not value:
        return None
    try:
        return Date.fromisoformat(value[:10])
    except ValueError as exc:
        raise ConfigError(f"setting 'timeline.{key}': not an ISO date: {value!r}") from exc


def datewise(
    analyses: Sequence[ArticleAnalysis], settings: TimelineSettings, quotes: Sequence[Quote]
) -> list[TimelineEntry]:
    """Date-wise summarisation: rank days, then summarise each day from the sentences dated to it.

    Args:
        analyses: canonical articles with sentences and timexes.
        settings: number of dates, sentences per date, focus and the allowed window.
        quotes: the story's quotes, linked to the entries of the day they were said.

    Returns:
        At most ``settings.max_dates`` entries in date order.

    Raises:
        ConfigError: when ``settings.start``/``end`` is not an ISO date.
    """
    start, end = _parse_day(settings.start, "start"), _parse_day(settings.end, "end")
    candidates = collect_candidates(analyses, start, end)
    if not candidates or settings.max_dates <= 0:
        return []
    texts = [c.text for c in candidates]
    mask = vectors.query_mask(texts, vectors.query_terms(settings.focus))
    matrix = vectors.tfidf_matrix(texts)
    ranked = dates.rank_dates(candidates)
    picked = sentences.select_sentences(
        ranked, candidates, matrix, mask, settings.max_dates, max(1, settings.sentences_per_date)
    )
    logger.info("timeline: %d candidates, %d days ranked, %d entries", len(candidates), len(ranked), len(picked))
    return entries.entries_from_selection(picked, candidates, quotes)


METHODS: dict[str, TimelineMethod] = {"datewise": datewise}


def build_timeline(
    analyses: Sequence[ArticleAnalysis], settings: TimelineSettings, quotes: Sequence[Quote] = ()
) -> list[TimelineEntry]:
    """Build the timeline with the method named by ``settings.method``.

    Args:
        analyses: canonical articles (duplicates, marked by ``duplicate_of``, are ignored).
        settings: the timeline section of the settings.
        quotes: the story's quotes (linked to entries by date, citation and speaker).

    Returns:
        Entries in date order; every entry cites at least one source sentence.

    Raises:
        ConfigError: unknown method or bad start/end date.
    """
    method = METHODS.get(settings.method)
    if method is None:
        raise ConfigError(f"setting 'timeline.method': unknown {settings.method!r}; choose from {sorted(METHODS)}")
    return method(analyses, settings, quotes)
