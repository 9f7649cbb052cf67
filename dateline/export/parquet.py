"""Parquet: every story table as one file, for Spark, DuckDB and pandas users (pyarrow).

Nested fields (aliases, sources) stay nested as Arrow lists and structs; dates are Arrow dates.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from dateline.story import Story

TABLES = ("articles", "sentences", "mentions", "entities", "quotes", "timexes", "events", "timeline", "skips")


def write_parquet(story: Story, out_dir: Path) -> Path:
    """Write ``out_dir/<table>.parquet`` for every table; returns ``out_dir``.

    An empty table is written with no rows (and no columns), so readers find every file.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in TABLES:
        rows = [record.model_dump() for record in getattr(story, name)]
        table = pa.Table.from_pylist(rows) if rows else pa.table({})
        pq.write_table(table, out_dir / f"{name}.parquet")
    return out_dir
