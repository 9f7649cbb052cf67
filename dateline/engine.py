"""Engines: where the per-article analysis map runs.

The local engine parses in batches with ``nlp.pipe`` in this process, pulling articles from the
iterable it is given as it goes, so a stream of any length is analysed in flat memory. Every
article is analysed inside its own error boundary, so one bad article becomes a Skip and the rest
go on. The Dask engine (dateline.engine_dask) runs ``analyse_stream`` on dask.distributed workers.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from itertools import chain
from pathlib import Path
from typing import Protocol

from dateline.analysis import analyse_article
from dateline.config import Settings
from dateline.errors import DatelineError
from dateline.nlp import load_model
from dateline.records import Article, ArticleAnalysis, Skip
from dateline.store_rows import StoredAnalysis

logger = logging.getLogger(__name__)


class Engine(Protocol):
    """Runs the per-article analysis over many articles; ``close`` frees what ``start`` or a map set up."""

    def start(self, settings: Settings) -> None:
        """Get ready for a map in the background (start workers, load models); return at once."""
        ...

    def close(self) -> None:
        """Release what the engine holds (a cluster, a connection)."""
        ...

    def map_analyse(self, articles: Iterable[Article], settings: Settings) -> Iterator[ArticleAnalysis | Skip]:
        """Yield one ArticleAnalysis (or Skip, with the reason) per article, in any order.

        ``articles`` may be a lazy stream: engines pull from it as they go and never hold it whole.
        """
        ...

    def map_stored(
        self, articles: Iterable[Article], settings: Settings, context: str
    ) -> Iterator[StoredAnalysis | Skip]:
        """``map_analyse`` with each analysis as the store row it becomes (``StoredAnalysis.of(a, context)``)."""
        ...


class LocalEngine:
    """Analyse articles in this process, parsing in batches."""

    def start(self, settings: Settings) -> None:
        """Nothing to start: the model loads with the first batch (loading it in a thread would hold the GIL)."""

    def close(self) -> None:
        """Nothing to release: the model stays cached for the process."""

    def map_analyse(self, articles: Iterable[Article], settings: Settings) -> Iterator[ArticleAnalysis | Skip]:
        """See Engine.map_analyse; results come in input order."""
        return analyse_stream(articles, settings)

    def map_stored(
        self, articles: Iterable[Article], settings: Settings, context: str
    ) -> Iterator[StoredAnalysis | Skip]:
        """See Engine.map_stored; results come in input order."""
        return stored_results(analyse_stream(articles, settings), context)


def stored_results(results: Iterable[ArticleAnalysis | Skip], context: str) -> Iterator[StoredAnalysis | Skip]:
    """Each analysis of ``results`` as its store row (``StoredAnalysis.of``); skips as they are."""
    for result in results:
        yield result if isinstance(result, Skip) else StoredAnalysis.of(result, context)


def analyse_stream(articles: Iterable[Article], settings: Settings) -> Iterator[ArticleAnalysis | Skip]:
    """Parse and analyse a stream of articles with ``nlp.pipe``; the model loads only if there is work.

    Args:
        articles: cleaned, dated canonical articles; pulled ``settings.nlp.batch_size`` at a time.
        settings: all settings.

    Returns:
        One ArticleAnalysis or Skip per article, in input order.
    """
    stream = iter(articles)
    first = next(stream, None)
    if first is None:
        return
    nlp = load_model(settings.nlp.model)
    pairs = ((truncated_text(a, settings.nlp.max_chars), a) for a in chain([first], stream))
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=settings.nlp.batch_size):
        yield analyse_or_skip(article, doc, nlp, settings)


def truncated_text(article: Article, max_chars: int) -> str:
    """The text to parse: cut (with a warning) when longer than ``max_chars``."""
    if len(article.text) > max_chars:
        logger.warning("%s: text cut to %d characters for parsing", article.source, max_chars)
    return article.text[:max_chars]


def analyse_or_skip(article: Article, doc: object, nlp: object, settings: Settings) -> ArticleAnalysis | Skip:
    """Analyse one article; any failure becomes a Skip naming the stage and the reason.

    A text cut for parsing is analysed cut, and the analysis then carries the whole article again
    (its spans lie in the parsed prefix), so the stored analysis is found again by its key.
    """
    whole = article
    if len(article.text) > settings.nlp.max_chars:
        article = article.model_copy(update={"text": article.text[: settings.nlp.max_chars]})
    try:
        analysis = analyse_article(article, doc, nlp, settings)  # type: ignore[arg-type]
        return analysis if article is whole else analysis.model_copy(update={"article": whole})
    except DatelineError as exc:
        logger.warning("skipped %s: %s", article.source, exc)
        return Skip(source=article.source, stage="analyse", reason=str(exc))
    except Exception as exc:  # the per-article boundary: a bug on one article must not lose the run
        logger.debug("internal error on %s", article.source, exc_info=True)
        logger.warning("skipped %s: internal error in analyse: %r", article.source, exc)
        if settings.on_error == "raise":
            raise
        return Skip(source=article.source, stage="analyse", reason=f"internal error in analyse: {exc!r}")


def make_engine(settings: Settings, parts_dir: Path | None = None) -> Engine:
    """The engine named by ``settings.engine``.

    Args:
        settings: ``engine`` ("local" or "dask") and ``scheduler`` (a Dask scheduler address, or
            None for a LocalCluster with one worker per core) are read.
        parts_dir: where the Dask engine writes the Parquet partitions it gets back; None: nowhere.

    Raises:
        ConfigError: engine "dask" without dask.distributed installed (the message says what to install).
    """
    if settings.engine == "dask":
        from dateline.engine_dask import DaskEngine

        return DaskEngine(settings.scheduler, parts_dir=parts_dir)
    return LocalEngine()
