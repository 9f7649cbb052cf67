"""How per-article results are kept in the project store: compact articles, analysis keys, analysis rows.

Input: Article and ArticleAnalysis records; output: what ``dateline.store.Store`` writes for them. Kept
apart from the store's connection so that a Dask worker can make an analysis row where it computed
the analysis (``StoredAnalysis.of``): the client then stores the row without parsing and re-dumping it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dateline.records import Article, ArticleAnalysis, stable_id


@dataclass(frozen=True)
class StoredAnalysis:
    """One row of the ``analyses`` table, ready to insert: an ArticleAnalysis already serialised.

    Attributes:
        article_id: the analysed article.
        source: the article's source (its earlier analyse skips are cleared once it is stored).
        key: ``analysis_key(article, context)``: what the analysis depends on.
        json: ``analysis_json(analysis)``: the analysis with its article compact.
    """

    article_id: str
    source: str
    key: str
    json: str

    @classmethod
    def of(cls, analysis: ArticleAnalysis, context: str = "") -> StoredAnalysis:
        """The row of ``analysis`` under ``context`` (see ``analysis_key``)."""
        article = analysis.article
        return cls(article.id, article.source, analysis_key(article, context), analysis_json(analysis))


def analysis_json(analysis: ArticleAnalysis) -> str:
    """The analysis as the store keeps it: JSON, with its article compact (see ``compact``)."""
    return analysis.model_copy(update={"article": compact(analysis.article)}).model_dump_json()


def analysis_key(article: Article, context: str = "") -> str:
    """What an analysis depends on: the cleaned text, the date it is anchored on, and ``context``.

    Args:
        article: the cleaned, dated article.
        context: a digest of the code version and settings the analysis ran with (empty: none).
    """
    return stable_id(article.text, iso(article.published) or "", *([context] if context else []))


def compact(article: Article) -> Article:
    """The article without what no stage after dating reads: the HTML, and the raw text when cleaning left text.

    Stored processed articles and analyses are compact, which halves the store and the memory of the
    collection stages; the raw article stays in ``raw_articles``.
    """
    if article.html is None and (not article.raw_text or not article.text):
        return article
    return article.model_copy(update={"html": None, "raw_text": "" if article.text else article.raw_text})


def iso(value: Any) -> str | None:
    """``value.isoformat()`` (a date or datetime), or None."""
    return value.isoformat() if value is not None else None
