"""Event clustering shortcuts: the leaders' word index and per-sentence timexes give the all-pairs answers."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from dateline import timex
from dateline.entities import EntityIndex
from dateline.events import (
    EventMention,
    _leader_clusters,
    _leader_clusters_all_pairs,
    content_words,
    event_mentions,
)
from dateline.records import Article, ArticleAnalysis, Sentence, Timex

DAY = dt.date(2031, 3, 4)
WORDS = [
    "accord",
    "signed",
    "halden",
    "ferry",
    "strike",
    "ministers",
    "water",
    "talks",
    "reservoir",
    "farmers",
    "drought",
    "convoy",
    "bridge",
]


def _mention(rng: random.Random, n: int) -> EventMention:
    text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 8)))
    sentence = Sentence(article_id=f"a{n % 7}", index=n, start=0, end=len(text), text=text)
    return EventMention(f"a{n % 7}", sentence, DAY, "day", content_words(text), [], [])


def _shape(clusters: list) -> list[tuple[int, list[int]]]:  # type: ignore[type-arg]
    return [(c.leader.sentence.index, [m.sentence.index for m in c.members]) for c in clusters]


@pytest.mark.parametrize("threshold", [0.0, 0.2, 0.35, 0.6, 1.0], ids=["zero", "low", "default", "high", "exact"])
def test_leader_clusters_equal_the_all_pairs_clusters(threshold: float) -> None:
    rng = random.Random(int(threshold * 100))
    for _ in range(20):
        mentions = [_mention(rng, n) for n in range(rng.randint(0, 40))]
        assert _shape(_leader_clusters(mentions, threshold)) == _shape(_leader_clusters_all_pairs(mentions, threshold))


def test_event_mentions_read_the_same_dates_as_from_all_the_article_timexes() -> None:
    text = "On March 3 talks began. By April 2031 and on 5 May the accord was signed. The ferry strike ended."
    starts = [0, text.index("By"), text.index("The ferry")]
    ends = [*starts[1:], len(text)]
    sentences = [
        Sentence(article_id="a", index=i, start=s, end=e, text=text[s:e])
        for i, (s, e) in enumerate(zip(starts, ends, strict=True))
    ]

    def found(phrase: str, value: str, kind: str = "DATE") -> Timex:
        start = text.index(phrase)
        return Timex(article_id="a", start=start, end=start + len(phrase), text=phrase, type=kind, value=value)  # type: ignore[arg-type]

    timexes = [
        found("5 May", "2031-05-05"),
        found("April 2031", "2031-04"),
        found("March 3", "2031-03-03"),
        found("March", "2031-03"),
    ]
    article = Article(id="a", source="a", text=text, published=DAY, date_method="metadata")
    analysis = ArticleAnalysis(article=article, sentences=sentences, timexes=timexes)
    got = [(m.sentence.index, m.date, m.precision) for m in event_mentions(analysis, EntityIndex([]))]
    expected = []
    for sentence in sentences:
        dated = timex.governing_date(sentence, timexes) or (DAY, "day")  # all three are lead sentences
        expected.append((sentence.index, dated[0], dated[1]))
    assert got == expected
