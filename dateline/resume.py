"""Streaming and resume for the orchestrator: the per-article stages read and write the store in batches.

Each per-article result is stored with the key of what it depends on and reused while that key holds:
a cleaned and dated article by ``clean_key`` (its raw text, the settings, and which of its lines the
collection makes boilerplate), an analysis by ``store_rows.analysis_key`` (cleaned text and date); both keys
also hold the installed dateline version, so an upgrade redoes the work (a source checkout edited in
place keeps its version: build into a new folder after changing a stage). Only the line counts and
the dedup decisions are collection-wide: the counts are kept compact, and dedup streams the store in
canonical order against a band index on disk. Used by ``dateline.pipeline`` only.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from functools import lru_cache
from importlib import metadata
from itertools import islice

from dateline import clean, dedup
from dateline.config import Settings
from dateline.records import Article, ArticleAnalysis, stable_id
from dateline.store import BATCH_ROWS, Store
from dateline.store_dedup import CanonicalOrder
from dateline.store_rows import analysis_key

logger = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def code_version() -> str:
    """The installed dateline version: stored results made by another version are made again.

    Cached: reading package metadata parses a file (about 1.7 ms), and it is asked once per article.
    """
    try:
        return metadata.version("dateline")
    except metadata.PackageNotFoundError:  # running from a source tree that was never installed
        return "unknown"


def analysis_context(settings: Settings) -> str:
    """What analyses depend on besides the article: the code version and the nlp and quotes settings."""
    return stable_id(code_version(), settings.nlp.model_dump_json(), settings.quotes.model_dump_json())


def line_statistics(store: Store) -> clean.LineStatistics:
    """``clean.line_statistics`` over every raw article of the store, in one streaming pass.

    Only lines short enough to be boilerplate by frequency (``clean.MAX_FREQUENT_LINE_WORDS``) are
    counted: ``LineStatistics.is_frequent`` never looks longer ones up, so the answers are the same
    while memory grows with the distinct short lines (headlines, bylines, furniture) only.
    """
    stats = clean.LineStatistics()
    for batch in store.raw_batches():
        part = clean.line_statistics([article for _, article in batch])
        stats.articles += part.articles
        stats.outlet_articles.update(part.outlet_articles)
        stats.line_articles.update({k: n for k, n in part.line_articles.items() if _countable(k)})
        stats.outlet_line_articles.update({k: n for k, n in part.outlet_line_articles.items() if _countable(k[1])})
    logger.info("line statistics: %d articles, %d short lines", stats.articles, len(stats.line_articles))
    return stats


def clean_key(cleaned: Article, outlet: str | None, stats: clean.LineStatistics, settings: Settings) -> str:
    """What cleaning and dating an article depended on; equal keys mean equal results.

    ``clean.clean_article`` is a function of the raw article, the clean settings and, through
    ``stats``, of which of its lines are frequent in the collection; ``pubdate.date_article`` is a
    function of the cleaned article and the date settings. Every line of the input is either kept
    in ``cleaned.text`` (joined by blank lines) or listed in ``cleaned.removed``, so the frequent
    ones can be read back from the cleaned article without cleaning it again.

    Args:
        cleaned: the article as cleaned (and possibly dated) from its raw form.
        outlet: the raw article's outlet (the per-outlet counts depend on it).
        stats: the line statistics of the current collection.
        settings: all settings; the clean and date sections enter the key.
    """
    lines = {clean.normalise_line(line) for line in (*cleaned.text.split("\n\n"), *cleaned.removed)}
    frequent = sorted(k for k in lines if k and stats.is_frequent(k, outlet, settings.clean))
    sections = (settings.clean.model_dump_json(), settings.date.model_dump_json())
    return stable_id(cleaned.id, code_version(), *sections, *frequent)


def mark_duplicates(store: Store, settings: Settings) -> int:
    """Run the dedup stage over every processed article and store what changed; returns the number of copies.

    Streams: the store sorts the articles by canonical rank (``store_dedup.CanonicalOrder``), the band
    index is a file next to the store (``dedup.BandIndex``) and the decisions are written a batch at
    a time, so memory does not grow with the collection (bench/dedup.py measures it).
    """
    copies = changed = 0
    dedup.remove_leftover_indexes(store.path.parent)  # a build killed during dedup leaves its index file
    with (
        CanonicalOrder(store.path, dedup.DATE_RANK, dedup.UNRANKED_DATE) as order,
        dedup.BandIndex(settings.dedup, folder=store.path.parent) as index,
    ):
        decisions = dedup.find_copies(order.articles(), order.text, settings.dedup, index)
        while batch := dict(islice(decisions, BATCH_ROWS)):
            changed += store.set_duplicates(batch)
            copies += sum(target is not None for target in batch.values())
    logger.info("dedup: %d copies, %d changed since the last build", copies, changed)
    return copies


class AnalysisQueue:
    """The canonical articles whose analysis is missing or stale, streamed from the store.

    Iterating yields them in reading order, a store batch at a time; ``reused`` counts the ones
    skipped because their stored analysis is still valid.
    """

    def __init__(self, store: Store, context: str) -> None:
        self._store = store
        self._context = context
        self.reused = 0

    def __iter__(self) -> Iterator[Article]:
        for batch in self._store.article_batches(canonical=True):
            keys = self._store.analysis_keys([a.id for a in batch])
            for article in batch:
                if keys.get(article.id) == analysis_key(article, self._context):
                    self.reused += 1
                else:
                    yield article


def load_collection(store: Store, context: str) -> tuple[list[Article], list[ArticleAnalysis]]:
    """Every processed article and the valid analyses of the canonical ones, in reading order (compact records)."""
    articles: list[Article] = []
    analyses: list[ArticleAnalysis] = []
    for batch in store.article_batches():
        articles += batch
        analyses += store.analyses_of([a for a in batch if a.duplicate_of is None], context)
    return articles, analyses


def _countable(key: str) -> bool:
    return len(key.split()) <= clean.MAX_FREQUENT_LINE_WORDS
