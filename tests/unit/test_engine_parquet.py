"""Parquet export: typed columns from the record models, a stable schema per table, the export command."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import get_origin

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from dateline.cli import app
from dateline.export import parquet
from dateline.records import Event, Quote, SourceRef
from dateline.store import Store
from dateline.story import Story, StoryArticle


def _story() -> Story:
    article = StoryArticle(id="a1", source="a.txt", text="The quay reopened.", published=dt.date(2031, 3, 4))
    quote = Quote(id="q1", article_id="a1", text="We are ready", start=0, end=12, kind="direct", sources=["a1", "a2"])
    event = Event(
        id="e1", date=dt.date(2031, 3, 3), summary="The quay reopened.",
        sources=[SourceRef(article_id="a1", sentence="The quay reopened.", sentence_index=0)],
    )  # fmt: skip
    return Story(articles=[article], quotes=[quote], events=[event])


@pytest.mark.parametrize(
    ("table", "column", "arrow_type"),
    [
        ("articles", "published", pa.date32()),
        ("articles", "date_method", pa.string()),
        ("quotes", "sources", pa.list_(pa.string())),
        ("quotes", "speaker_start", pa.int64()),
        ("events", "sources", pa.list_(pa.struct([("article_id", pa.string()), ("sentence", pa.string()),
                                                   ("sentence_index", pa.int64())]))),
    ],
    ids=["date", "literal", "list", "optional-int", "list-of-structs"],
)  # fmt: skip
def test_columns_are_typed_from_the_record_models(
    tmp_path: Path, table: str, column: str, arrow_type: pa.DataType
) -> None:
    parquet.write_parquet(_story(), tmp_path)
    assert pq.read_schema(tmp_path / f"{table}.parquet").field(column).type == arrow_type


def test_an_empty_table_keeps_its_columns(tmp_path: Path) -> None:
    parquet.write_parquet(_story(), tmp_path)
    timeline = pq.read_table(tmp_path / "timeline.parquet")
    assert timeline.num_rows == 0
    assert {"date", "summary", "sources", "quotes"} <= set(timeline.column_names)


def test_rows_are_written_in_row_groups(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parquet, "ROWS_PER_GROUP", 2)
    articles = [StoryArticle(id=f"a{n}", source=f"{n}.txt") for n in range(5)]
    parquet.write_parquet(Story(articles=articles), tmp_path)
    found = pq.ParquetFile(tmp_path / "articles.parquet")
    assert (found.metadata.num_row_groups, found.metadata.num_rows) == (3, 5)
    assert found.read().column("id").to_pylist() == [f"a{n}" for n in range(5)]


def test_every_list_of_records_in_the_story_is_a_table() -> None:
    lists = {name for name, info in Story.model_fields.items() if get_origin(info.annotation) is list}
    assert set(parquet.TABLES) == lists


def test_the_schema_of_each_table_does_not_depend_on_its_rows(tmp_path: Path) -> None:
    parquet.write_parquet(_story(), tmp_path / "full")
    parquet.write_parquet(Story(articles=[StoryArticle(id="a9", source="z.txt")]), tmp_path / "sparse")
    for name in parquet.TABLES:
        full, sparse = (pq.read_schema(tmp_path / kind / f"{name}.parquet") for kind in ("full", "sparse"))
        assert full.equals(sparse) and full.equals(parquet.table_schema(name)), name


def test_export_command_writes_every_table_readable_by_pyarrow(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "out")
    store.put_story(_story())
    store.close()
    result = CliRunner().invoke(
        app, ["export", str(tmp_path / "out"), "--parquet", str(tmp_path / "pq"), "--formats", ""]
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.stem for p in (tmp_path / "pq").glob("*.parquet")) == sorted(parquet.TABLES)
    tables = {name: pq.read_table(tmp_path / "pq" / f"{name}.parquet") for name in parquet.TABLES}
    assert all(table.schema.equals(parquet.table_schema(name)) for name, table in tables.items())
    assert tables["quotes"].to_pylist()[0]["sources"] == ["a1", "a2"]
    assert tables["events"].column("date").to_pylist() == [dt.date(2031, 3, 3)]
