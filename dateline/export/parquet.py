"""Parquet: every story table as one file, for Spark, DuckDB and pandas users (pyarrow).

Each file's Arrow schema comes from the record's pydantic model, so every file has the same
columns and types whatever the rows hold (an empty table, or a column that is null in every row,
keeps its type). Nested fields (aliases, sources) are Arrow lists and structs; dates are Arrow
date32; literals (kind, date_method) are strings. Rows are written in row groups of
ROWS_PER_GROUP, so only one group is converted at a time.
"""

from __future__ import annotations

import datetime as dt
import types
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin

import pyarrow as pa
import pyarrow.parquet as pq
from pydantic import BaseModel

from dateline.story import Story

TABLES = ("articles", "sentences", "mentions", "entities", "quotes", "timexes", "events", "timeline", "skips")
# Rows converted and written at a time: Spark and DuckDB read row groups in parallel; 50k rows of
# sentences are ~10 MB, so the conversion buffer stays small on the largest bench corpus (20k articles).
ROWS_PER_GROUP = 50_000
_SCALARS: dict[Any, pa.DataType] = {
    str: pa.string(),
    int: pa.int64(),
    float: pa.float64(),
    bool: pa.bool_(),
    dt.date: pa.date32(),
}


def arrow_type(annotation: Any) -> pa.DataType:
    """The Arrow type of a record field's annotation (optional fields are nullable columns)."""
    origin, args = get_origin(annotation), get_args(annotation)
    if origin in (Union, types.UnionType):
        (inner,) = [a for a in args if a is not type(None)]
        return arrow_type(inner)
    if origin is Literal:
        return pa.string()
    if origin is list:
        return pa.list_(arrow_type(args[0]))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return pa.struct(arrow_schema(annotation))
    if annotation in _SCALARS:
        return _SCALARS[annotation]
    raise TypeError(f"no Arrow type for {annotation!r}")


def arrow_schema(model: type[BaseModel]) -> pa.Schema:
    """The Arrow schema of a record model: one column per field, in field order."""
    return pa.schema([(name, arrow_type(info.annotation)) for name, info in model.model_fields.items()])


def table_schema(name: str) -> pa.Schema:
    """The Arrow schema of the story table ``name`` (one of TABLES)."""
    (row_model,) = get_args(Story.model_fields[name].annotation)
    return arrow_schema(row_model)


def write_parquet(story: Story, out_dir: Path) -> Path:
    """Write ``out_dir/<table>.parquet`` for every table; returns ``out_dir``.

    An empty table is written with its columns and no rows, so readers find every file and column.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in TABLES:
        schema = table_schema(name)
        records = getattr(story, name)
        with pq.ParquetWriter(out_dir / f"{name}.parquet", schema) as writer:
            for start in range(0, len(records), ROWS_PER_GROUP):
                rows = [record.model_dump() for record in records[start : start + ROWS_PER_GROUP]]
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            if not records:
                writer.write_table(schema.empty_table())
    return out_dir
