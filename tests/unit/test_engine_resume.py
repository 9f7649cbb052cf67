"""Streaming and resume: batches from the store, line counts in one pass, clean keys, duplicates, migration."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from dateline import clean, resume
from dateline.config import Settings
from dateline.records import Article, ArticleAnalysis
from dateline.store import Store
from dateline.store_rows import compact

FURNITURE = "Harbour Herald | news since 1998"


def _raw(number: int, body: str, outlet: str = "Harbour Herald") -> Article:
    text = f"{FURNITURE}\n\nQuay story number {number}\n\n{body}"
    return Article(id=f"r{number:02d}", source=f"{number}.txt", outlet=outlet, raw_text=text)


def _store(tmp_path: Path, articles: list[Article]) -> Store:
    store = Store.open(tmp_path)
    store.add_raw_articles(articles)
    return store


BODIES = [f"The harbour board met on day {n} and voted {n} to {n + 1} to reopen the northern quay." for n in range(7)]


def test_raw_batches_stream_every_article_in_reading_order(tmp_path: Path) -> None:
    store = _store(tmp_path, [_raw(n, b) for n, b in enumerate(BODIES)])
    batches = list(store.raw_batches(size=3))
    assert [len(b) for b in batches] == [3, 3, 1]
    assert [a.id for b in batches for _, a in b] == [f"r{n:02d}" for n in range(7)]
    assert store.add_raw_articles([_raw(0, BODIES[0]), _raw(9, "A new article about the ferry strike.")]) == 1


def test_streamed_line_statistics_answer_like_the_whole_collection(tmp_path: Path) -> None:
    articles = [_raw(n, b, outlet="Harbour Herald" if n % 2 else "Valley Post") for n, b in enumerate(BODIES)]
    streamed = resume.line_statistics(_store(tmp_path, articles))
    whole = clean.line_statistics(articles)
    settings = Settings().clean
    lines = {line for a in articles for line in a.raw_text.splitlines()} | {"x " * 20}
    for outlet in ("Harbour Herald", "Valley Post", None):
        for line in lines:
            assert streamed.is_frequent(line, outlet, settings) == whole.is_frequent(line, outlet, settings), line
    assert streamed.is_frequent(FURNITURE, "Harbour Herald", settings)


def test_clean_key_holds_until_a_line_of_the_article_becomes_boilerplate() -> None:
    settings = Settings()
    article = _raw(0, "Ferry crews called off a strike.\n\nMore from the quay")
    elsewhere = [Article(id=f"v{n}", source=f"v{n}.txt", outlet="Valley Post", raw_text=BODIES[n]) for n in range(5)]
    few = clean.line_statistics([article, *elsewhere[:1]])
    cleaned = clean.clean_article(article, few, settings.clean)
    key = resume.clean_key(cleaned, article.outlet, few, settings)
    unrelated = clean.line_statistics([article, *elsewhere])
    assert resume.clean_key(cleaned, article.outlet, unrelated, settings) == key
    recurring = [a.model_copy(update={"raw_text": a.raw_text + "\n\nMore from the quay"}) for a in elsewhere[:3]]
    assert resume.clean_key(cleaned, article.outlet, clean.line_statistics([article, *recurring]), settings) != key
    other_settings = Settings.model_validate({"clean": {"min_repeat_articles": 5}})
    assert resume.clean_key(cleaned, article.outlet, few, other_settings) != key


def test_duplicates_are_updated_in_place_and_counted_when_they_change(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    rows = [(n, Article(id=f"a{n}", source=f"{n}.txt", text=f"text {n}"), "k") for n in range(3)]
    store.put_processed(rows, dated=True)
    assert store.set_duplicates({"a0": None, "a1": "a0", "a2": None}) == 1
    assert store.set_duplicates({"a0": None, "a1": "a0", "a2": None}) == 0
    (batch,) = list(store.article_batches())
    assert [a.duplicate_of for a in batch] == [None, "a0", None]
    assert [a.id for b in store.article_batches(canonical=True) for a in b] == ["a0", "a2"]
    assert store.counts()["canonical"] == 2


def test_processed_articles_and_analyses_are_stored_compact(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    article = Article(
        id="a0", source="0.html", raw_text="raw", html="<p>raw</p>", text="Clean text.", published=dt.date(2031, 3, 3)
    )
    store.put_processed([(0, article, "k")], dated=False)
    _, undated = store.processed(["a0"])["a0"]
    assert undated.html == "<p>raw</p>"  # the date stage still reads the HTML
    assert [(seq, key) for seq, _, key in next(store.undated_batches())] == [(0, "k")]
    store.put_processed([(0, article, "k")], dated=True)
    store.put_analysis(ArticleAnalysis(article=article))
    _, stored = store.processed(["a0"])["a0"]
    assert (stored.raw_text, stored.html, stored.text) == ("", None, "Clean text.")
    (analysis,) = store.analyses_of([compact(article)])
    assert analysis.article == compact(article)
    assert store.analyses_of([article.model_copy(update={"text": "Changed."})]) == []
    assert compact(article.model_copy(update={"text": ""})).raw_text == "raw"  # nothing left: keep the raw text


def test_a_store_from_before_resume_keys_gains_the_new_columns(tmp_path: Path) -> None:
    path = tmp_path / "dateline.sqlite"
    old = sqlite3.connect(path)
    old.execute("CREATE TABLE articles (id TEXT PRIMARY KEY, seq INTEGER, published TEXT, outlet TEXT, "
                "duplicate_of TEXT, json TEXT NOT NULL)")  # fmt: skip
    old.execute(
        "INSERT INTO articles VALUES ('a0', 0, NULL, NULL, NULL, ?)", (Article(id="a0", source="s").model_dump_json(),)
    )
    old.commit()
    old.close()
    store = Store.open(path)
    assert store.processed(["a0"])["a0"][0] is None  # no clean key yet: cleaned again on the next build
    assert list(store.undated_batches()) == []  # rows of an old store were dated


def test_analysis_queue_yields_only_articles_without_a_valid_analysis(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    articles = [Article(id=f"a{n}", source=f"{n}.txt", text=f"text {n}") for n in range(4)]
    store.put_processed([(n, a, "k") for n, a in enumerate(articles)], dated=True)
    store.put_analysis(ArticleAnalysis(article=articles[1]))
    store.put_analysis(ArticleAnalysis(article=articles[2].model_copy(update={"text": "older text"})))
    queue = resume.AnalysisQueue(store, context="")
    assert [a.id for a in queue] == ["a0", "a2", "a3"]
    assert queue.reused == 1
    assert [a.id for a in resume.AnalysisQueue(store, context="other settings")] == ["a0", "a1", "a2", "a3"]
