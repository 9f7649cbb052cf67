"""Store: resume keys, skips, full-text search with safe query syntax, the dedup stage's ordered reads."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dateline import dedup
from dateline.errors import StoreError
from dateline.records import Article, ArticleAnalysis, Quote, Skip
from dateline.store import Store
from dateline.store_dedup import CanonicalOrder
from dateline.story import Story, StoryArticle


def _article(text: str = "The quay reopened on Monday after repairs.") -> Article:
    return Article(id="a1", source="a.txt", raw_text=text, text=text, published=dt.date(2031, 3, 3))


def test_analysis_is_reused_only_while_text_and_date_are_unchanged(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    article = _article()
    store.put_analysis(ArticleAnalysis(article=article))
    assert store.get_analysis(article) is not None
    assert store.get_analysis(article.model_copy(update={"text": "Changed."})) is None
    assert store.get_analysis(article.model_copy(update={"published": dt.date(2031, 3, 4)})) is None


def test_raw_articles_are_stored_once_and_skips_are_kept(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "dateline.sqlite")
    assert store.add_raw_article(_article()) == 1
    assert store.add_raw_article(_article()) == 0
    store.add_skip(Skip(source="x.bin", stage="ingest", reason="binary file"))
    store.close()
    reopened = Store.open(tmp_path)
    assert len(reopened.raw_articles()) == 1
    assert reopened.skips()[0].reason == "binary file"


def test_search_finds_articles_and_quotes_and_survives_fts_syntax(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    article = StoryArticle(id="a1", source="a.txt", title="Quay reopens", text="The harbour quay reopened on Monday.")
    quote = Quote(id="q1", article_id="a1", text="The quay is ready", start=0, end=3, kind="direct", speaker="Ana Lind")
    store.put_story(Story(articles=[article], quotes=[quote]))
    kinds = {hit["kind"] for hit in store.search("quay")}
    assert kinds == {"article", "quote"}
    assert "\x02" in store.search("harbour")[0]["snippet"]
    assert store.search('quay" OR (NEAR') == []  # user input is quoted, never parsed as FTS syntax


def test_a_store_without_a_build_says_so(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no finished build"):
        Store.open(tmp_path).load_story()


def test_a_file_that_is_not_sqlite_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "dateline.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError):
        Store.open(path)


def test_two_quotes_with_one_id_keep_the_build_and_log_it(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    store = Store.open(tmp_path)
    first = Quote(id="q1", article_id="a1", text="The quay is ready", start=0, end=17, kind="direct")
    second = first.model_copy(update={"text": "The quay is ready for ferries"})
    store.put_story(Story(quotes=[first, second]))
    assert len(store.load_story().quotes) == 2  # the story keeps every record
    assert [row["text"] for row in store.iter_table("quotes")] == ["The quay is ready"]
    assert "share an id" in caplog.text and "q1" in caplog.text


# -- dedup reads (dateline.store_dedup) -----------------------------------------------------------
def _processed(article_id: str, text: str, method: str) -> Article:
    return Article(id=article_id, source=f"{article_id}.txt", raw_text=text, text=text, date_method=method)  # type: ignore[arg-type]


ORDER_CASES = [
    # (id, text, date method): ties on rank and length, code points vs UTF-8 bytes, a NUL, unranked methods
    ("b2", "Quay reopened.", "metadata"),
    ("a9", "Quay reopened!", "metadata"),
    ("c1", "Quay reopened on Monday.", "dateline"),
    ("d4", "Straße gesperrt, Brücke offen.", "none"),
    ("d3", "Strasse gesperrt, Bruecke offen.", "text-estimate"),
    ("e7", "Bridge shut\x00 all week.", "collection-estimate"),
    ("e6", "Bridge shut, all week.", "warc"),
    ("f0", "", "html"),
    ("g5", "Ferry line sold on Friday.", "folder"),
]


def test_articles_stream_in_the_same_order_as_the_in_memory_canonical_sort(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    articles = [_processed(*case) for case in ORDER_CASES]
    store.put_processed([(n, a, None) for n, a in enumerate(articles)], dated=True)
    with CanonicalOrder(store.path, dedup.DATE_RANK, dedup.UNRANKED_DATE) as order:
        streamed = list(order.articles(size=2))
        assert order.text("e7") == "Bridge shut\x00 all week."
    assert streamed == [(a.id, a.text) for a in sorted(articles, key=dedup.canonical_rank)]


def test_a_text_that_is_not_stored_is_a_store_error(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    with CanonicalOrder(store.path, dedup.DATE_RANK, dedup.UNRANKED_DATE) as order, pytest.raises(StoreError):
        order.text("missing")
