"""Which dated articles report the same events as an undated one: an inverted index over rare terms.

Input: the dated (anchor) articles and the undated ones of a collection. Output: for an undated
article, its most similar anchors with their dates. Similarity is the cosine of idf-weighted rare
terms (names, numbers, stated month-days): terms in more than a small share of the collection are
left out, which keeps posting lists short, so a query never scans all pairs.
Hand-written numpy (postings as arrays, scores by ``np.bincount``): the index is a few lines, and the
float sums must stay those of the term-by-term loop it replaced.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

from dateline.pubdate import patterns
from dateline.records import Article

_TOKEN = re.compile(r"[^\W_]{3,}")
# Terms in more articles than this share (or this count) carry no event signal and would make posting
# lists long. Tuned on Timeline17 (hidden half); re-run `dateline eval text-dates` after a change.
MAX_DF_SHARE = 0.1
MAX_DF = 400
MIN_DF_LIMIT = 5  # small collections: a term in up to this many articles still counts
TOP_NEIGHBOURS = 10
MIN_SIMILARITY = 0.01


def article_terms(text: str) -> set[str]:
    """Lower-cased content words and word pairs of a text, plus its stated month-days (as ``@MM-DD``)."""
    # Lower-casing ASCII keeps every token's bounds (one call instead of one per token); lower() can change a
    # non-ASCII text's length and word characters ("İ"), so there each token is lower-cased on its own.
    tokens = _TOKEN.findall(text.lower()) if text.isascii() else [t.lower() for t in _TOKEN.findall(text)]
    words = list(itertools.filterfalse(STOP_WORDS.__contains__, tokens))
    terms = set(words)
    terms.update(map(" ".join, itertools.pairwise(words)))  # pairs name events: "static kill", "relief well"
    terms.update(f"@{m.month:02d}-{m.day:02d}" for m in patterns.find_month_days(text))
    terms.update(f"@{m.month:02d}-{m.day:02d}" for m in patterns.find_full_dates(text))
    return terms


class NeighbourIndex:
    """Rare-term index over dated articles.

    The postings are numpy arrays (term -> anchor numbers, ascending); a query adds up its terms'
    idf² per anchor with ``np.bincount``, term by term in the order the term set yields them, which
    is the order (and so the float sums) of a dict of scores filled term by term.

    Example:
        >>> index = NeighbourIndex(dated_articles, undated_articles)
        >>> index.neighbours(undated_articles[0])[:1]
        [(datetime.date(2011, 1, 28), 0.41)]
    """

    def __init__(self, anchors: Sequence[Article], others: Sequence[Article] = ()) -> None:
        """Index ``anchors`` (each must have ``published``); ``others`` only count towards term frequency."""
        anchor_terms = [article_terms(a.text or a.raw_text) for a in anchors]
        self._anchor_number = {a.id: n for n, a in enumerate(anchors)}
        self._terms = {a.id: article_terms(a.text or a.raw_text) for a in others}
        df = Counter(itertools.chain.from_iterable([*anchor_terms, *self._terms.values()]))
        self._terms.update((a.id, terms) for a, terms in zip(anchors, anchor_terms, strict=True))
        total = len(anchors) + len(others)
        limit = min(MAX_DF, max(MIN_DF_LIMIT, int(MAX_DF_SHARE * total)))
        idf = {t: math.log(total / n) for t, n in df.items() if 2 <= n <= limit}
        self._column = {t: c for c, t in enumerate(idf)}
        self._weight = [value**2 for value in idf.values()]  # idf² per column, as Python floats
        self._weights = np.array(self._weight, dtype=np.float64)
        columns = [self._columns(terms) for terms in anchor_terms]
        self._norms = np.array([self._norm(kept) for kept in columns], dtype=np.float64)
        self._dates = [a.published or dt.date.min for a in anchors]
        flat = np.fromiter(itertools.chain.from_iterable(columns), dtype=np.int64)
        owner = np.repeat(np.arange(len(anchors), dtype=np.int64), [len(kept) for kept in columns])
        order = np.argsort(flat, kind="stable")  # by term, then by anchor number
        self._postings = owner[order]
        self._starts = np.concatenate([[0], np.cumsum(np.bincount(flat, minlength=len(idf)))]).astype(np.int64)

    def _columns(self, terms: set[str]) -> list[int]:
        """The indexed columns of ``terms``, in the set's iteration order."""
        return [c for c in map(self._column.get, terms) if c is not None]

    def _norm(self, kept: list[int]) -> float:
        # A plain left-to-right sum of Python floats, in the terms' order (not numpy's pairwise sum).
        return math.sqrt(sum(map(self._weight.__getitem__, kept))) or 1.0

    def neighbours(self, article: Article) -> list[tuple[dt.date, float]]:
        """The dated articles most similar to ``article`` (itself excluded when indexed): (date, cosine), best first."""
        terms = self._terms.get(article.id) or article_terms(article.text or article.raw_text)
        kept = self._columns(terms)
        if not kept or not self._dates:
            return []
        columns = np.array(kept, dtype=np.int64)
        starts, lengths = self._starts[columns], self._starts[columns + 1] - self._starts[columns]
        ends = np.cumsum(lengths)
        hits = self._postings[np.arange(int(ends[-1])) + np.repeat(starts - (ends - lengths), lengths)]
        scores = np.bincount(hits, weights=np.repeat(self._weights[columns], lengths), minlength=len(self._dates))
        similarity = scores / (self._norm(kept) * self._norms)
        itself = self._anchor_number.get(article.id)
        if itself is not None:
            similarity[itself] = -1.0
        found = np.flatnonzero(similarity >= MIN_SIMILARITY)
        ranked = found[np.lexsort((found, similarity[found]))][::-1][:TOP_NEIGHBOURS]  # by (similarity, number) desc
        return [(self._dates[n], round(float(similarity[n]), 4)) for n in ranked]
