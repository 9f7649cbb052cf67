"""The Dask engine: the same story as the local engine, Parquet partitions, one model load per worker."""

from __future__ import annotations

import datetime as dt
import json
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from dateline.cli import app
from dateline.config import Settings
from dateline.records import Article, ArticleAnalysis

pytestmark = pytest.mark.dask
distributed = pytest.importorskip("distributed")

DEMO = Path(__file__).resolve().parents[2] / "examples" / "demo-corpus"
FALLBACK = {  # used when the demo corpus is absent
    "a.txt": "Quay Reopens After Repairs\n\nPORTVILLE (Coast Wire - 3rd March, 2031) The harbour board voted on "
    "Monday to reopen the northern quay after six weeks of repairs.\n\n“We are ready,” harbour master Ana Lind said.",
    "b.txt": "Ferry Strike Called Off\n\nPORTVILLE, March 5 (Coast Wire) - Ferry crews called off a planned strike "
    "on Wednesday after the company raised its pay offer.\n\nUnion leader Tomas Berg said that the deal was fair.",
}


def _corpus(tmp_path: Path) -> list[str]:
    if DEMO.is_dir():
        meta = DEMO / "meta.csv"
        return [str(DEMO), *(["--meta", str(meta)] if meta.is_file() else [])]
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in FALLBACK.items():
        (folder / name).write_text(text, encoding="utf-8")
    return [str(folder)]


def _build(args: list[str]) -> dict[str, Any]:
    result = CliRunner().invoke(app, ["build", *args, "--quiet"])
    assert result.exit_code == 0, result.output
    out = Path(args[args.index("--out") + 1])
    return dict(json.loads((out / "story.json").read_text(encoding="utf-8")))


@pytest.mark.usefixtures("nlp")
def test_dask_on_a_two_worker_local_cluster_builds_the_same_story_as_the_local_engine(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    local = _build([*corpus, "--out", str(tmp_path / "local")])
    on_dask = _build([*corpus, "--out", str(tmp_path / "dask"), "--engine", "dask"])  # one worker per core
    for records in ("articles", "quotes", "timexes", "entities", "events", "timeline"):
        assert on_dask[records] == local[records], records
    assert on_dask == local
    assert list((tmp_path / "dask" / "parts").glob("part-*.parquet"))


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    from dateline.engine_dask import LOCAL_SCHEDULER_OPTIONS

    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        scheduler_kwargs=LOCAL_SCHEDULER_OPTIONS,
    ) as running:
        yield running


@pytest.mark.usefixtures("nlp")
def test_each_worker_loads_the_model_once_however_many_partitions_it_runs(
    cluster: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dateline import engine_dask

    monkeypatch.setattr(engine_dask, "PARTITION_ARTICLES", 2)
    articles = [
        Article(id=f"a{n}", source=f"{n}.txt", text=f"The Kell Ferry quay reopened on Monday after {n + 2} weeks.",
                published=dt.date(2031, 3, 3))
        for n in range(12)
    ]  # fmt: skip
    engine = engine_dask.DaskEngine(cluster.scheduler_address, parts_dir=tmp_path / "parts")
    results = list(engine.map_analyse(iter(articles), Settings()))
    assert sorted(r.article.id for r in results if isinstance(r, ArticleAnalysis)) == sorted(a.id for a in articles)
    assert len(list((tmp_path / "parts").glob("part-*.parquet"))) == 6
    with distributed.Client(cluster) as client:
        # A lambda travels by value: the workers cannot import this test module.
        loads = client.run(lambda: tuple(__import__("dateline.nlp").nlp.load_model.cache_info()[:2]))
    # every partition asked for the model, and so did each worker's load before the first partition
    assert sum(hits + misses for hits, misses in loads.values()) == 6 + len(loads), loads
    assert all(misses <= 1 for _, misses in loads.values()), loads  # ... and each worker loaded it at most once


@pytest.mark.usefixtures("nlp")
def test_a_started_engine_keeps_its_cluster_and_loaded_model_for_every_map_until_closed(tmp_path: Path) -> None:
    from dateline.engine_dask import DaskEngine

    settings = Settings()
    batches = [
        [Article(id=f"{batch}{n}", source=f"{batch}{n}.txt", text=f"The quay reopened on Monday after {n + 2} weeks.",
                 published=dt.date(2031, 3, 3)) for n in range(3)]
        for batch in "ab"
    ]  # fmt: skip
    with DaskEngine(n_workers=1) as engine:
        engine.start(settings)  # returns at once; the map below waits for the worker
        first = list(engine.map_analyse(iter(batches[0]), settings))
        second = list(engine.map_analyse(iter(batches[1]), settings))
        loads = distributed.default_client().run(lambda: __import__("dateline.nlp").nlp.load_model.cache_info().misses)
    analysed = [r.article.id for r in first + second if isinstance(r, ArticleAnalysis)]
    assert analysed == ["a0", "a1", "a2", "b0", "b1", "b2"]
    assert list(loads.values()) == [1]  # one worker, one model load, two maps
    with pytest.raises(ValueError, match="No clients found"):
        distributed.default_client()  # closed with the engine


def test_a_local_cluster_starts_when_the_default_dashboard_port_is_taken() -> None:
    from dateline.engine_dask import DaskEngine

    with socket.socket() as holder:
        try:
            holder.bind(("", 8787))
            holder.listen()
        except OSError:
            pass  # already taken by another cluster: the case under test
        with DaskEngine(n_workers=1)._client() as client:  # pytest runs with -W error: a port warning fails
            assert len(client.scheduler_info()["workers"]) == 1
