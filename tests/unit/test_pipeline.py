"""The orchestrator's engine life cycle: the engine shuts down while the collection stages run, and always."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from dateline import pipeline, resume
from dateline.config import Settings
from dateline.records import Article, ArticleAnalysis, Skip
from dateline.store import Store
from dateline.store_rows import StoredAnalysis
from dateline.story import Story

TEXT = "PORTVILLE (Coast Wire - 3rd March, 2031) The harbour board voted on Monday to reopen the quay."


class RecordingEngine:
    """An engine that analyses nothing and records when and in which thread it was closed."""

    def __init__(self, close_error: Exception | None = None) -> None:
        self.closed_in: list[str] = []
        self.close_started = threading.Event()
        self.close_error = close_error
        self.started_with_raw_articles: list[int] = []  # raw articles in the store at each start
        self.store: Store | None = None

    def start(self, settings: Settings) -> None:
        assert self.store is not None
        self.started_with_raw_articles.append(self.store.counts()["raw_articles"])

    def close(self) -> None:
        self.close_started.set()
        self.closed_in.append(threading.current_thread().name)
        if self.close_error is not None:
            raise self.close_error

    def map_analyse(self, articles: Iterable[Article], settings: Settings) -> Iterator[ArticleAnalysis | Skip]:
        return iter(())

    def map_stored(
        self, articles: Iterable[Article], settings: Settings, context: str
    ) -> Iterator[StoredAnalysis | Skip]:
        return iter(())


def _build(tmp_path: Path, engine: RecordingEngine, monkeypatch: pytest.MonkeyPatch) -> pipeline.BuildReport:
    (tmp_path / "in").mkdir(exist_ok=True)
    (tmp_path / "in" / "a.txt").write_text(TEXT, encoding="utf-8")
    monkeypatch.setattr(pipeline, "make_engine", lambda settings, parts_dir=None: engine)
    store = engine.store = Store.open(tmp_path / "out")
    try:
        return pipeline.build([tmp_path / "in"], Settings(), store)
    finally:
        store.close()


def test_the_engine_closes_in_the_background_while_the_collection_stages_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = RecordingEngine()
    seen_during_collection: list[bool] = []
    stages = pipeline._collection_stages

    def collection(*args: object) -> Story:
        seen_during_collection.append(engine.close_started.wait(timeout=10))  # closing began before this returned
        return stages(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "_collection_stages", collection)
    report = _build(tmp_path, engine, monkeypatch)
    assert report.story is not None
    assert seen_during_collection == [True]
    assert len(engine.closed_in) == 1 and engine.closed_in[0].startswith("dateline-engine-close")


def test_a_lost_connection_while_the_engine_shuts_down_is_logged_and_the_build_succeeds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    engine = RecordingEngine(close_error=ConnectionResetError("scheduler gone"))
    with caplog.at_level("WARNING", logger="dateline.pipeline"):
        report = _build(tmp_path, engine, monkeypatch)
    assert report.ok
    assert "did not shut down cleanly: scheduler gone" in caplog.text
    store = Store.open(tmp_path / "out")
    assert store.load_story().articles
    store.close()


def test_a_bug_while_the_engine_shuts_down_is_raised_after_the_story_is_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = RecordingEngine(close_error=RuntimeError("close is broken"))
    with pytest.raises(RuntimeError, match="close is broken"):
        _build(tmp_path, engine, monkeypatch)
    store = Store.open(tmp_path / "out")
    assert store.load_story().articles  # the story was stored before the error surfaced
    store.close()


def test_a_stage_error_is_not_hidden_by_a_lost_connection_while_closing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = RecordingEngine(close_error=ConnectionResetError("scheduler gone"))

    def failing_dedup(store: Store, settings: Settings) -> int:
        raise RuntimeError("dedup broke")

    monkeypatch.setattr(resume, "mark_duplicates", failing_dedup)
    with pytest.raises(RuntimeError, match="dedup broke"):
        _build(tmp_path, engine, monkeypatch)


def test_an_error_in_a_per_article_stage_still_closes_the_engine_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = RecordingEngine()

    def failing_dedup(store: Store, settings: Settings) -> int:
        raise RuntimeError("dedup broke")

    monkeypatch.setattr(resume, "mark_duplicates", failing_dedup)
    with pytest.raises(RuntimeError, match="dedup broke"):
        _build(tmp_path, engine, monkeypatch)
    assert engine.closed_in == [threading.main_thread().name]


def test_a_first_build_starts_the_engine_before_reading_and_a_later_one_only_for_new_articles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = RecordingEngine()
    _build(tmp_path, first, monkeypatch)
    assert first.started_with_raw_articles[0] == 0  # before ingest: the workers load while this process reads

    again = RecordingEngine()
    _build(tmp_path, again, monkeypatch)  # the same article: nothing new, nothing to start
    assert again.started_with_raw_articles == []

    (tmp_path / "in" / "b.txt").write_text(TEXT.replace("Monday", "Tuesday"), encoding="utf-8")
    added = RecordingEngine()
    _build(tmp_path, added, monkeypatch)
    assert added.started_with_raw_articles == [2]  # after reading: one article was new
