"""The neighbour index of the collection estimate: the same neighbours as a term-by-term scoring loop."""

from __future__ import annotations

import datetime as dt
import itertools
import math
import random
import re
from collections import defaultdict

import pytest
from spacy.lang.en.stop_words import STOP_WORDS

from dateline.pubdate import patterns
from dateline.pubdate.neighbours import MIN_SIMILARITY, TOP_NEIGHBOURS, NeighbourIndex, article_terms
from dateline.records import Article

START = dt.date(2031, 3, 1)
# Invented vocabulary: a few event words, place names and month-days, reused so that articles share terms.
VOCABULARY = (
    "Vessa accord signed Halden ferry strike ministers water talks reservoir Callis port farmers drought "
    "convoy bridge tribunal ruling ceasefire envoy Drevna refinery harbour March April 3 17 2031"
)
WORDS = VOCABULARY.split()


def _article(rng: random.Random, n: int, dated: bool) -> Article:
    text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 40)))
    if rng.random() < 0.3:
        text += f" on April {rng.randint(1, 28)}"
    published = START + dt.timedelta(days=rng.randint(0, 90)) if dated else None
    return Article(id=f"a{n}", source=f"s{n}", text=text, published=published)


def _reference_neighbours(anchors: list[Article], others: list[Article], query: Article) -> list[tuple[dt.date, float]]:
    """The straightforward index the numpy one replaced: dict of scores filled term by term."""
    terms = {a.id: article_terms(a.text) for a in [*others, *anchors]}
    df: dict[str, int] = defaultdict(int)
    for article in [*anchors, *others]:
        for term in terms[article.id]:
            df[term] += 1
    total = len(anchors) + len(others)
    limit = min(400, max(5, int(0.1 * total)))
    idf = {t: math.log(total / n) for t, n in df.items() if 2 <= n <= limit}
    norms = [math.sqrt(sum(idf[t] ** 2 for t in terms[a.id] if t in idf)) or 1.0 for a in anchors]
    kept = [t for t in (terms.get(query.id) or article_terms(query.text)) if t in idf]
    norm = math.sqrt(sum(idf[t] ** 2 for t in kept)) or 1.0
    scores: dict[int, float] = defaultdict(float)
    for term in kept:
        for number, anchor in enumerate(anchors):
            if term in terms[anchor.id]:
                scores[number] += idf[term] ** 2
    scores.pop(next((n for n, a in enumerate(anchors) if a.id == query.id), -1), None)
    ranked = sorted(((s / (norm * norms[n]), n) for n, s in scores.items()), reverse=True)
    return [
        (anchors[n].published or dt.date.min, round(sim, 4))
        for sim, n in ranked[:TOP_NEIGHBOURS]
        if sim >= MIN_SIMILARITY
    ]


@pytest.mark.parametrize("seed", range(6), ids=[f"seed-{s}" for s in range(6)])
def test_neighbours_equal_the_term_by_term_scores(seed: int) -> None:
    rng = random.Random(seed)
    anchors = [_article(rng, n, dated=True) for n in range(rng.randint(0, 60))]
    others = [_article(rng, 1000 + n, dated=False) for n in range(rng.randint(0, 15))]
    index = NeighbourIndex(anchors, others)
    outsider = _article(rng, 5000, dated=False)  # not indexed: its terms are computed on the fly
    for query in [*others, *anchors[:10], outsider]:
        assert index.neighbours(query) == _reference_neighbours(anchors, others, query)


def test_copies_of_an_anchor_are_its_nearest_neighbours_newest_number_first() -> None:
    text = "Vessa accord signed in Halden by the water ministers after the ferry strike ended"
    anchors = [
        Article(id=f"copy{n}", source="s", text=text, published=START + dt.timedelta(days=n)) for n in range(3)
    ] + [Article(id="other", source="s", text="Drevna refinery convoy bridge tribunal", published=START)]
    query = Article(id="q", source="s", text=text)
    found = NeighbourIndex(anchors, [query]).neighbours(query)
    assert [day for day, _ in found] == [START + dt.timedelta(days=n) for n in (2, 1, 0)]  # ties: later anchor first
    assert {similarity for _, similarity in found} == {1.0}


def _reference_terms(text: str) -> set[str]:
    """article_terms as first written: each token lower-cased on its own."""
    words = [w for w in (t.lower() for t in re.findall(r"[^\W_]{3,}", text)) if w not in STOP_WORDS]
    terms = set(words) | {f"{a} {b}" for a, b in itertools.pairwise(words)}
    terms.update(f"@{m.month:02d}-{m.day:02d}" for m in patterns.find_month_days(text))
    terms.update(f"@{m.month:02d}-{m.day:02d}" for m in patterns.find_full_dates(text))
    return terms


@pytest.mark.parametrize(
    "text",
    ["İstanbul talks resumed in ANKARA on March 3", "Ferry STRIKE in Halden, 17 April 2031", "Öresund bridge ÉTÉ _x_"],
    ids=["dotted-capital-i", "ascii", "accents"],
)
def test_article_terms_are_those_of_token_by_token_lower_casing(text: str) -> None:
    assert article_terms(text) == _reference_terms(text)


def test_dates_found_only_where_they_can_begin_equal_the_full_scans() -> None:
    rng = random.Random(8)
    words = ["Jan", "January", "5", "31", "29", "30", "Feb", "February", "2031", "2031-02-30", "2031-04-05",
             "1999-12-31", "12th", "of", ",", ".", "Sept.", "Sept", "May", "Mayor", "3rd", "4", "0", "٣", "June",
             "Jul", "Aug", "\n", "-", ":", "2030s", "a5", "Dec", "Decision", "Octavia", "Nov.", "Apr", "Augusta",
             "x"]  # fmt: skip
    for _ in range(400):
        text = "".join(rng.choice(words) + rng.choice(["", " ", " ", ", "]) for _ in range(rng.randint(1, 30)))
        for pattern in (patterns.FULL_DATE, patterns.MONTH_DAY):
            found = [m.span() for m in patterns._date_matches(pattern, text)]
            assert found == [m.span() for m in pattern.finditer(text)], text
