"""Collection estimate: undated articles placed in time by the dated articles around them.

Input: articles (or their analyses) of one collection, some dated exactly (metadata, HTML, dateline,
folder, crawl), some estimated from their text or undated. Output: the undated ones re-estimated with
method ``collection-estimate``: their text clues scored over the collection's days, with a prior from
(a) near-duplicates of dated articles, (b) dated articles sharing rare words and stated dates (the same
events), (c) how many articles the collection has on each day. Heavy lifting: datasketch MinHash LSH
for near-duplicates, an inverted index over rare terms for neighbours (never all pairs), numpy.
Known limit: an undated article about events no dated article reports keeps a wide interval.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence

import numpy as np

from dateline.config import DateSettings
from dateline.pubdate import clues as clue_finder
from dateline.pubdate import text_estimate
from dateline.pubdate.neighbours import NeighbourIndex
from dateline.pubdate.text_estimate import FloatArray, Window
from dateline.records import Article, ArticleAnalysis

logger = logging.getLogger(__name__)

# Exact methods: these articles anchor the others.
ANCHOR_METHODS = ("metadata", "html", "dateline", "folder", "warc")
ESTIMATED_METHODS = ("text-estimate", "collection-estimate", "none")
# Days added on each side of the dated articles' span for undated ones. Tuned on Timeline17 (hidden half).
COLLECTION_PAD_DAYS = 30
# Prior mixture: neighbours' dates, the collection's day counts, and a flat floor. Tuned on Timeline17.
NEIGHBOUR_SHARE = 0.6
DENSITY_SHARE = 0.3
NEIGHBOUR_DECAY = 0.6  # kernel ratio per day of distance from a neighbour's date
DENSITY_BANDWIDTH = 3  # days of smoothing of the collection's day counts


def estimate_dates(articles: Sequence[Article], settings: DateSettings) -> list[Article]:
    """Re-estimate the undated or text-estimated articles from the exactly dated ones.

    Args:
        articles: the collection (canonical articles), in any order.
        settings: the date section of the settings.

    Returns:
        The articles in the same order; estimated ones replaced by copies with method
        ``collection-estimate`` when the collection gives them a tighter or new interval.
    """
    anchors = [a for a in articles if a.published is not None and a.date_method in ANCHOR_METHODS]
    targets = [i for i, a in enumerate(articles) if a.date_method in ESTIMATED_METHODS]
    if not anchors or not targets:
        return list(articles)
    dates = [a.published for a in anchors if a.published is not None]
    window = Window(min(dates) - dt.timedelta(days=COLLECTION_PAD_DAYS), 0)
    window = Window(window.start, (max(dates) - window.start).days + COLLECTION_PAD_DAYS + 1)
    density = _density_prior(dates, window)
    index = NeighbourIndex(anchors, [articles[i] for i in targets])
    out = list(articles)
    for i in targets:
        estimated = _estimate_one(articles[i], index, window, density, settings)
        if estimated is not None:
            out[i] = estimated
    return out


def estimate_from_collection(analyses: list[ArticleAnalysis], settings: DateSettings) -> list[ArticleAnalysis]:
    """The collection step of the pipeline: re-date estimated articles, then re-anchor their timexes.

    Args:
        analyses: every canonical article's analysis.
        settings: the date section of the settings.

    Returns:
        The analyses; those whose article changed are replaced by ``dateline.analysis.reanchor``.
    """
    from dateline.analysis import reanchor  # the analysis stage imports spaCy: load it only when needed

    articles = estimate_dates([a.article for a in analyses], settings)
    out = []
    for analysis, article in zip(analyses, articles, strict=True):
        out.append(reanchor(analysis, article) if article is not analysis.article else analysis)
    return out


def _density_prior(dates: list[dt.date], window: Window) -> FloatArray:
    counts = np.zeros(window.days)
    for day in dates:
        counts[(day - window.start).days] += 1
    kernel = np.exp(-np.abs(np.arange(-3 * DENSITY_BANDWIDTH, 3 * DENSITY_BANDWIDTH + 1)) / DENSITY_BANDWIDTH)
    smooth = np.convolve(counts, kernel, mode="same")
    return smooth / smooth.sum()


def _neighbour_prior(neighbours: list[tuple[dt.date, float]], window: Window) -> FloatArray | None:
    weights = np.zeros(window.days)
    for day, similarity in neighbours:
        offset = (day - window.start).days
        if 0 <= offset < window.days:
            weights[offset] += similarity
    if weights.sum() == 0:
        return None
    distance = np.arange(-window.days + 1, window.days)
    kernel = np.power(NEIGHBOUR_DECAY, np.abs(distance))
    smooth = np.convolve(weights, kernel, mode="full")[window.days - 1 : 2 * window.days - 1]
    return smooth / smooth.sum()


def _estimate_one(
    article: Article, index: NeighbourIndex, window: Window, density: FloatArray, settings: DateSettings
) -> Article | None:
    clues = clue_finder.extract_clues(article.text or article.raw_text)
    neighbours = index.neighbours(article)
    near = _neighbour_prior(neighbours, window)
    flat = np.full(window.days, 1.0 / window.days)
    if near is None:
        prior = (DENSITY_SHARE * density + (1 - DENSITY_SHARE) * flat) / 1.0
    else:
        prior = NEIGHBOUR_SHARE * near + DENSITY_SHARE * density + (1 - NEIGHBOUR_SHARE - DENSITY_SHARE) * flat
    latest_past = clues.latest_past()
    bound = latest_past.date if latest_past and window.start <= latest_past.date <= window.end else None
    estimate = text_estimate.estimate_from_clues(clues, window, np.log(prior), bound)
    if (estimate.latest - estimate.earliest).days > settings.max_estimate_days:
        return None
    evidence = ["estimated from the text and the dated collection", *estimate.evidence]
    if neighbours:
        best = ", ".join(f"{d.isoformat()} ({s:.2f})" for d, s in neighbours[:3])
        evidence.append(f"dated articles reporting the same events: {best}")
    return article.model_copy(
        update={"published": estimate.published, "published_earliest": estimate.earliest,
                "published_latest": estimate.latest, "date_method": "collection-estimate",
                "date_evidence": evidence}
    )  # fmt: skip
