"""The Parquet partitions of the Dask map: the results of one task as one Parquet file.

Input: the results of a partition (ArticleAnalysis, StoredAnalysis or Skip records); output: Parquet
bytes with one row per result (the record as JSON, plus the columns the client reads without parsing
it), and back. pyarrow does the heavy lifting. Used by ``dateline.engine_dask``, on the workers and the
client; the client also writes the files under the store's ``parts`` folder.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator

import pyarrow as pa
import pyarrow.parquet as pq

from dateline.records import ArticleAnalysis, Skip
from dateline.store_rows import StoredAnalysis

RESULT_SCHEMA = pa.schema([("kind", pa.string()), ("article_id", pa.string()), ("json", pa.string())])
STORED_SCHEMA = pa.schema([(name, pa.string()) for name in ("kind", "article_id", "source", "key", "json")])


def encode_results(results: Iterable[ArticleAnalysis | Skip]) -> bytes:
    """A Parquet file with one row per result: ``kind`` (analysis|skip), ``article_id`` (empty for a skip), ``json``."""
    kinds, ids, texts = [], [], []
    for result in results:
        is_skip = isinstance(result, Skip)
        kinds.append("skip" if is_skip else "analysis")
        ids.append("" if isinstance(result, Skip) else result.article.id)
        texts.append(result.model_dump_json())
    table = pa.table({"kind": kinds, "article_id": ids, "json": texts}, schema=RESULT_SCHEMA)
    sink = io.BytesIO()
    pq.write_table(table, sink)
    return sink.getvalue()


def decode_results(data: bytes) -> Iterator[ArticleAnalysis | Skip]:
    """The records of a Parquet partition written by ``encode_results``, in row order."""
    table = pq.read_table(pa.BufferReader(data))
    for kind, text in zip(table.column("kind").to_pylist(), table.column("json").to_pylist(), strict=True):
        yield Skip.model_validate_json(text) if kind == "skip" else ArticleAnalysis.model_validate_json(text)


def encode_stored(results: Iterable[StoredAnalysis | Skip]) -> bytes:
    """A Parquet file with one row per result: ``kind`` (stored|skip), ``article_id``, ``source`` and ``key``
    (empty for a skip) and ``json`` (the stored analysis, or the Skip)."""
    columns: dict[str, list[str]] = {name: [] for name in STORED_SCHEMA.names}
    for result in results:
        stored = result if isinstance(result, StoredAnalysis) else StoredAnalysis("", "", "", result.model_dump_json())
        columns["kind"].append("skip" if isinstance(result, Skip) else "stored")
        for name in ("article_id", "source", "key", "json"):
            columns[name].append(getattr(stored, name))
    sink = io.BytesIO()
    pq.write_table(pa.table(columns, schema=STORED_SCHEMA), sink)
    return sink.getvalue()


def decode_stored(data: bytes) -> Iterator[StoredAnalysis | Skip]:
    """The records of a Parquet partition written by ``encode_stored``, in row order."""
    rows = pq.read_table(pa.BufferReader(data)).to_pydict()
    for kind, article_id, source, key, text in zip(*(rows[name] for name in STORED_SCHEMA.names), strict=True):
        yield Skip.model_validate_json(text) if kind == "skip" else StoredAnalysis(article_id, source, key, text)
