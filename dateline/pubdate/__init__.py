"""Date stage: every article gets a publication date, or an honest estimate with its interval.

Input: cleaned Articles (per article), then ArticleAnalysis records (the collection). Output: copies
with ``published``, ``published_earliest``, ``published_latest``, ``date_method`` and ``date_evidence``.
Order: metadata from the reader > the page's HTML (htmldate) > the dateline > an estimate from the
text > an estimate from the dated collection. Heavy lifting: htmldate, numpy; patterns are ours.
Known limits: English month and weekday names only; a text naming no year is dated only by a collection.
"""

from __future__ import annotations

import datetime as dt
import logging

from dateline.config import DateSettings
from dateline.pubdate import clues as clue_finder
from dateline.pubdate import datelines, html_dates, text_estimate
from dateline.pubdate.collection import estimate_dates, estimate_from_collection
from dateline.records import Article, Timex

__all__ = ["date_article", "estimate_dates", "estimate_from_collection"]

logger = logging.getLogger(__name__)

_KEPT_METHODS = ("metadata", "folder", "warc")


def date_article(article: Article, settings: DateSettings) -> Article:
    """Date one article from what it carries: metadata, HTML, dateline, then its text.

    Args:
        article: a cleaned article (``text`` set; ``raw_text`` used as a fallback).
        settings: the date section of the settings.

    Returns:
        A copy with the date fields set. Dates are calendar days as the article states them (no
        timezone); ``article.fetched`` (crawl day, UTC) is an upper bound, never the date over one
        the page states.
    """
    if article.published is not None and article.date_method in _KEPT_METHODS:
        return article.model_copy(
            update={"published_earliest": article.published_earliest or article.published,
                    "published_latest": article.published_latest or article.published}
        )  # fmt: skip
    for finder in (_from_html, _from_dateline, _from_text):
        dated = finder(article, settings)
        if dated is not None:
            return dated
    return _from_crawl(article)


def _exact(article: Article, day: dt.date, method: str, evidence: list[str]) -> Article:
    return article.model_copy(
        update={"published": day, "published_earliest": day, "published_latest": day,
                "date_method": method, "date_evidence": evidence}
    )  # fmt: skip


def _from_html(article: Article, settings: DateSettings) -> Article | None:
    if not article.html:
        return None
    found = html_dates.date_from_html(article.html, article.url, article.fetched)
    return _exact(article, found.date, "html", [found.evidence]) if found else None


def _body(article: Article) -> str:
    return article.text or article.raw_text


def _from_dateline(article: Article, settings: DateSettings) -> Article | None:
    found = datelines.find_dateline(_body(article)) or datelines.find_dateline(article.raw_text)
    if found is None:
        return None
    day = found.date
    evidence = [f"dateline: {found.text}"]
    if day is None:  # "WASHINGTON, March 3 (Reuters)": the year comes from the crawl date or the text
        day = _resolve_year(found, article)
        if day is None:
            return None
        evidence.append(f"year {day.year} from the crawl date or the latest year the text reports")
    if article.fetched is not None and day > article.fetched:
        return None
    update = {"dateline_place": found.place} if found.place and not article.dateline_place else {}
    return _exact(article.model_copy(update=update), day, "dateline", evidence)


def _resolve_year(found: datelines.Dateline, article: Article) -> dt.date | None:
    if article.fetched is not None:
        for year in (article.fetched.year, article.fetched.year - 1):
            candidate = datelines.Dateline(year, found.month, found.day, found.text).date
            if candidate is not None and candidate <= article.fetched:
                return candidate
        return None
    likely = text_estimate.likely_year(clue_finder.extract_clues(_body(article)))
    return datelines.Dateline(likely, found.month, found.day, found.text).date


def _from_text(article: Article, settings: DateSettings) -> Article | None:
    text = _body(article)
    clues = clue_finder.extract_clues(text, stated_timexes(article.id, text))
    window = text_estimate.text_window(clues, article.fetched)
    if window is None:
        return None
    latest_past = clues.latest_past()
    bound = latest_past.date if latest_past and latest_past.date <= window.end else None
    estimate = text_estimate.estimate_from_clues(clues, window, lower_bound=bound)
    estimate.evidence.insert(0, "estimated from the text")
    return text_estimate.estimated_copy(article, estimate, "text-estimate", settings.max_estimate_days)


def _from_crawl(article: Article) -> Article:
    if article.fetched is None:
        return article.model_copy(update={"date_method": "none", "date_evidence": ["no date found"]})
    return article.model_copy(
        update={"published": article.fetched, "published_earliest": None, "published_latest": article.fetched,
                "date_method": "warc",
                "date_evidence": [f"crawled {article.fetched.isoformat()} (an upper bound); the page states no date"]}
    )  # fmt: skip


def stated_timexes(article_id: str, text: str) -> list[Timex]:
    """The absolute dates the timex stage finds in ``text`` (no anchor: relative ones stay unresolved)."""
    from dateline import timex

    return timex.tag_timexes(article_id, text, anchor=None)
