"""Which dated articles report the same events as an undated one: an inverted index over rare terms.

Input: the dated (anchor) articles and the undated ones of a collection. Output: for an undated
article, its most similar anchors with their dates. Similarity is the cosine of idf-weighted rare
terms (names, numbers, stated month-days): terms in more than a small share of the collection are
left out, which keeps posting lists short, so a query never scans all pairs.
Hand-written: scikit-learn is not a dependency and the index is a few lines.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
from collections import defaultdict
from collections.abc import Sequence

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
    words = [w for w in (t.lower() for t in _TOKEN.findall(text)) if w not in STOP_WORDS]
    terms = set(words)
    terms.update(f"{a} {b}" for a, b in itertools.pairwise(words))  # pairs name events: "static kill", "relief well"
    terms.update(f"@{m.month:02d}-{m.day:02d}" for m in patterns.find_month_days(text))
    terms.update(f"@{m.month:02d}-{m.day:02d}" for m in patterns.find_full_dates(text))
    return terms


class NeighbourIndex:
    """Rare-term index over dated articles.

    Example:
        >>> index = NeighbourIndex(dated_articles, undated_articles)
        >>> index.neighbours(undated_articles[0])[:1]
        [(datetime.date(2011, 1, 28), 0.41)]
    """

    def __init__(self, anchors: Sequence[Article], others: Sequence[Article] = ()) -> None:
        """Index ``anchors`` (each must have ``published``); ``others`` only count towards term frequency."""
        self._dates: list[dt.date] = []
        anchor_terms = [article_terms(a.text or a.raw_text) for a in anchors]
        self._anchor_number = {a.id: n for n, a in enumerate(anchors)}
        self._terms = {a.id: article_terms(a.text or a.raw_text) for a in others}
        df: dict[str, int] = defaultdict(int)
        for terms in [*anchor_terms, *self._terms.values()]:
            for term in terms:
                df[term] += 1
        self._terms.update((a.id, terms) for a, terms in zip(anchors, anchor_terms, strict=True))
        total = len(anchors) + len(others)
        limit = min(MAX_DF, max(MIN_DF_LIMIT, int(MAX_DF_SHARE * total)))
        self._idf = {t: math.log(total / n) for t, n in df.items() if 2 <= n <= limit}
        self._postings: dict[str, list[int]] = defaultdict(list)
        self._norms: list[float] = []
        for number, (article, terms) in enumerate(zip(anchors, anchor_terms, strict=True)):
            kept = [t for t in terms if t in self._idf]
            for term in kept:
                self._postings[term].append(number)
            self._norms.append(math.sqrt(sum(self._idf[t] ** 2 for t in kept)) or 1.0)
            self._dates.append(article.published or dt.date.min)

    def neighbours(self, article: Article) -> list[tuple[dt.date, float]]:
        """The dated articles most similar to ``article`` (itself excluded when indexed): (date, cosine), best first."""
        terms = self._terms.get(article.id) or article_terms(article.text or article.raw_text)
        itself = self._anchor_number.get(article.id)
        kept = [t for t in terms if t in self._idf]
        norm = math.sqrt(sum(self._idf[t] ** 2 for t in kept)) or 1.0
        scores: dict[int, float] = defaultdict(float)
        for term in kept:
            weight = self._idf[term] ** 2
            for number in self._postings.get(term, ()):
                scores[number] += weight
        scores.pop(itself, None)  # type: ignore[arg-type]
        ranked = sorted(((s / (norm * self._norms[n]), n) for n, s in scores.items()), reverse=True)
        return [(self._dates[n], round(sim, 4)) for sim, n in ranked[:TOP_NEIGHBOURS] if sim >= MIN_SIMILARITY]
