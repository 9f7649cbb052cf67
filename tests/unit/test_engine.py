"""Engines: the local stream map, the per-article error boundary, Dask partitions as Parquet, a missing extra."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from spacy.language import Language

from dateline.config import Settings
from dateline.engine import LocalEngine, analyse_or_skip, analyse_stream, make_engine, stored_results
from dateline.engine_dask import _partitions, require_distributed
from dateline.engine_parts import decode_results, decode_stored, encode_results, encode_stored
from dateline.errors import ConfigError
from dateline.records import Article, ArticleAnalysis, Sentence, Skip
from dateline.store import Store
from dateline.store_rows import StoredAnalysis

TEXTS = [
    "PORTVILLE (Coast Wire - 3rd March, 2031) The harbour board voted on Monday to reopen the quay.",
    "Ferry crews called off a strike on Wednesday. “The offer is fair,” union leader Tomas Berg said.",
    "The salt works at Kell Ferry closed for the winter after the river ran low in January.",
]


def _article(number: int, text: str) -> Article:
    return Article(id=f"a{number}", source=f"{number}.txt", text=text, published=dt.date(2031, 3, 3 + number))


def test_an_empty_stream_yields_nothing_without_loading_the_model() -> None:
    settings = Settings.model_validate({"nlp": {"model": "no_such_model_installed"}})
    assert list(analyse_stream(iter([]), settings)) == []  # a missing model would raise ModelError


@pytest.mark.usefixtures("nlp")
def test_local_engine_pulls_a_lazy_stream_and_answers_in_input_order() -> None:
    pulled: list[str] = []

    def stream() -> object:
        for number, text in enumerate(TEXTS):
            pulled.append(f"a{number}")
            yield _article(number, text)

    results = list(LocalEngine().map_analyse(stream(), Settings()))  # type: ignore[arg-type]
    assert [r.article.id for r in results if isinstance(r, ArticleAnalysis)] == ["a0", "a1", "a2"]
    assert pulled == ["a0", "a1", "a2"]
    assert all(s.article_id == "a1" for s in results[1].sentences)  # type: ignore[union-attr]


def test_a_failing_article_becomes_a_skip_naming_the_stage(nlp: Language) -> None:
    article = _article(0, TEXTS[0])
    result = analyse_or_skip(article, None, nlp, Settings())  # no Doc: the analysis fails inside
    assert isinstance(result, Skip)
    assert (result.source, result.stage) == ("0.txt", "analyse")
    assert result.reason.startswith("internal error in analyse")


def test_a_failing_article_raises_when_the_settings_say_raise(nlp: Language) -> None:
    with pytest.raises(AttributeError):
        analyse_or_skip(_article(0, TEXTS[0]), None, nlp, Settings(on_error="raise"))


def test_a_text_cut_for_parsing_keeps_the_whole_article_in_its_analysis(nlp: Language) -> None:
    settings = Settings.model_validate({"nlp": {"max_chars": 40}})
    article = _article(0, TEXTS[0])
    (result,) = list(analyse_stream([article], settings))
    assert isinstance(result, ArticleAnalysis)
    assert result.article.text == TEXTS[0]  # so the stored analysis is found again by its key
    assert all(s.end <= 40 for s in result.sentences)


def test_partition_results_round_trip_through_parquet() -> None:
    analysis = ArticleAnalysis(
        article=_article(0, TEXTS[0]), sentences=[Sentence(article_id="a0", index=0, start=0, end=9, text="PORTVILLE")]
    )
    skip = Skip(source="1.txt", stage="analyse", reason="internal error in analyse: boom")
    data = encode_results([analysis, skip])
    assert data[:4] == b"PAR1"
    assert list(decode_results(data)) == [analysis, skip]


def test_stored_partition_rows_round_trip_through_parquet_as_the_store_would_write_them(tmp_path: Path) -> None:
    analysis = ArticleAnalysis(
        article=_article(0, TEXTS[0]).model_copy(update={"html": "<p>x</p>", "raw_text": "raw"}),
        sentences=[Sentence(article_id="a0", index=0, start=0, end=9, text="PORTVILLE")],
    )
    skip = Skip(source="1.txt", stage="analyse", reason="internal error in analyse: boom")
    rows = list(decode_stored(encode_stored(stored_results([analysis, skip], "ctx"))))
    assert rows == [StoredAnalysis.of(analysis, "ctx"), skip]
    # the row holds what Store.put_analysis writes: the analysis with its article compact, under its key
    direct, passed = Store.open(tmp_path / "direct"), Store.open(tmp_path / "passed")
    direct.put_analysis(analysis, "ctx")
    passed.put_stored_analyses([rows[0]])  # type: ignore[list-item]
    query = "SELECT article_id, text_key, json FROM analyses"
    assert direct._db.execute(query).fetchall() == passed._db.execute(query).fetchall()
    assert passed.analyses_of([analysis.article], "ctx")[0].sentences == analysis.sentences


@pytest.mark.parametrize(
    ("count", "workers", "expected"),
    [
        (200, 2, [32, 32, 32, 26, 20, 15, 11, 8, 6, 5, 4, 4, 5]),  # the end in view once under 160 are left
        (40, 2, [10, 8, 6, 4, 4, 4, 4]),
        (40, 1, [20, 10, 5, 5]),  # a last piece under the floor (4) joins the partition before it
        (3, 2, [3]),
        (0, 2, []),
    ],
    ids=["long-stream", "short-stream", "one-worker", "fewer-than-the-floor", "empty"],
)
def test_partitions_shrink_at_the_end_of_the_stream_so_workers_finish_together(
    count: int, workers: int, expected: list[int]
) -> None:
    articles = [Article(id=f"a{n}", source=f"{n}.txt", text=TEXTS[0]) for n in range(count)]
    parts = list(_partitions(iter(articles), 32, lambda: workers))
    assert [a for part in parts for a in part] == articles  # every article once, in stream order
    assert [len(part) for part in parts] == expected


def test_partitions_read_a_bounded_window_ahead_of_the_stream() -> None:
    pulled = 0

    def stream() -> Iterator[Article]:
        nonlocal pulled
        for n in range(10_000):
            pulled += 1
            yield Article(id=f"a{n}", source=f"{n}.txt", text=TEXTS[0])

    parts = _partitions(stream(), 32, lambda: 2)
    next(parts)
    assert pulled == 32 * (1 + 2 * 2)  # one partition, plus one per worker and tail share


def test_make_engine_is_local_by_default() -> None:
    assert isinstance(make_engine(Settings()), LocalEngine)


def test_dask_without_distributed_installed_says_what_to_pip_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # makes `import distributed` fail
    with pytest.raises(ConfigError, match=r"pip install 'dateline\[dask\]'"):
        require_distributed()
    with pytest.raises(ConfigError, match="engine"):
        make_engine(Settings(engine="dask"))


@pytest.mark.dask
def test_a_local_cluster_spawns_workers_with_one_malloc_arena_no_trimming_and_no_task_profiler(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pytest.importorskip("distributed")
    from dateline.engine_dask import DaskEngine

    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)  # a cluster started earlier in this process sets it
    monkeypatch.delenv("MALLOC_ARENA_MAX", raising=False)
    with DaskEngine(n_workers=1)._client() as client:
        # A lambda travels by value: the workers cannot import this test module.
        found = client.run(
            lambda: (
                __import__("os").environ.get("MALLOC_TRIM_THRESHOLD_"),
                __import__("os").environ.get("MALLOC_ARENA_MAX"),
                __import__("dask").config.get("distributed.worker.profile.enabled"),
            )
        )
    assert list(found.values()) == [(None, "1", False)]
    assert "MALLOC_ARENA_MAX" not in os.environ  # set here by the nanny to spawn the worker, then restored
