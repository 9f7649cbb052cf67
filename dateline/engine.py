"""Engines: where the per-article analysis map runs.

The local engine parses in batches with ``nlp.pipe`` in this process. Every article is analysed
inside its own error boundary, so one bad article becomes a Skip and the rest go on.
The Dask engine (dateline.engine_dask) runs the same function on dask.distributed workers.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from typing import Protocol

from dateline.analysis import analyse_article
from dateline.config import Settings
from dateline.errors import DatelineError
from dateline.nlp import load_model
from dateline.records import Article, ArticleAnalysis, Skip

logger = logging.getLogger(__name__)


class Engine(Protocol):
    """Runs the per-article analysis over many articles."""

    def map_analyse(self, articles: Sequence[Article], settings: Settings) -> Iterator[ArticleAnalysis | Skip]:
        """Yield one ArticleAnalysis (or Skip, with the reason) per article, in any order."""
        ...


class LocalEngine:
    """Analyse articles in this process, parsing in batches."""

    def map_analyse(self, articles: Sequence[Article], settings: Settings) -> Iterator[ArticleAnalysis | Skip]:
        """See Engine.map_analyse."""
        if not articles:
            return
        nlp = load_model(settings.nlp.model)
        texts = (truncated_text(a, settings.nlp.max_chars) for a in articles)
        for article, doc in zip(articles, nlp.pipe(texts, batch_size=settings.nlp.batch_size)):
            yield analyse_or_skip(article, doc, nlp, settings)


def truncated_text(article: Article, max_chars: int) -> str:
    """The text to parse: cut (with a warning) when longer than ``max_chars``."""
    if len(article.text) > max_chars:
        logger.warning("%s: text cut to %d characters for parsing", article.source, max_chars)
    return article.text[:max_chars]


def analyse_or_skip(article: Article, doc: object, nlp: object, settings: Settings) -> ArticleAnalysis | Skip:
    """Analyse one article; any failure becomes a Skip naming the stage and the reason."""
    if len(article.text) > settings.nlp.max_chars:
        article = article.model_copy(update={"text": article.text[: settings.nlp.max_chars]})
    try:
        return analyse_article(article, doc, nlp, settings)  # type: ignore[arg-type]
    except DatelineError as exc:
        logger.warning("skipped %s: %s", article.source, exc)
        return Skip(source=article.source, stage="analyse", reason=str(exc))
    except Exception as exc:  # the per-article boundary: a bug on one article must not lose the run
        logger.debug("internal error on %s", article.source, exc_info=True)
        logger.warning("skipped %s: internal error in analyse: %r", article.source, exc)
        if settings.on_error == "raise":
            raise
        return Skip(source=article.source, stage="analyse", reason=f"internal error in analyse: {exc!r}")


def make_engine(settings: Settings) -> Engine:
    """The engine named by ``settings.engine``."""
    if settings.engine == "dask":
        from dateline.engine_dask import DaskEngine

        return DaskEngine(settings.scheduler)
    return LocalEngine()
