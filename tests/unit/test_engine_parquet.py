"""Parquet export: typed columns from the record models, empty tables keep their columns."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dateline.export import parquet
from dateline.records import Event, Quote, SourceRef
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
