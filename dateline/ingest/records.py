"""Record files: JSONL (also gzipped, the news-tls layout), JSON and CSV with a text column.

Each line or row becomes one Article; a malformed one becomes a Skip naming its line, and the
rest of the file is still read. JSONL and CSV are streamed, so file size does not bound memory.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from dateline.config import IngestSettings
from dateline.errors import InputError
from dateline.ingest.fields import article_from_mapping
from dateline.records import Article, Skip

logger = logging.getLogger(__name__)

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # article bodies exceed csv's 128 KiB default


def _open_text(path: Path) -> IO[str]:
    if path.name.lower().endswith(".gz"):
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", errors="replace")
    return path.open(encoding="utf-8-sig", errors="replace")


def read_jsonl(path: Path, settings: IngestSettings) -> Iterator[Article | Skip]:
    """One JSON object per line; blank lines ignored; bad lines skipped with their number."""
    try:
        with _open_text(path) as handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    yield _from_json_line(line, f"{path}#L{number}", settings)
    except (OSError, EOFError) as exc:  # truncated gzip: what was read so far is kept
        raise InputError(f"unreadable file ({exc})", str(path)) from exc


def _from_json_line(line: str, source: str, settings: IngestSettings) -> Article | Skip:
    try:
        row = json.loads(line)
        if not isinstance(row, dict):
            raise InputError("line is not a JSON object", source)
        return article_from_mapping(row, source, settings)
    except json.JSONDecodeError as exc:
        logger.warning("skipped %s: malformed JSON (%s)", source, exc.msg)
        return Skip(source=source, stage="ingest", reason=f"malformed JSON ({exc.msg})")
    except InputError as exc:
        logger.warning("skipped %s: %s", source, exc.reason)
        return Skip(source=source, stage="ingest", reason=exc.reason)


def read_json(path: Path, settings: IngestSettings) -> Iterator[Article | Skip]:
    """A JSON file holding one article object or a list of them."""
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8-sig"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"malformed JSON ({exc})", str(path)) from exc
    rows = data if isinstance(data, list) else [data]
    for number, row in enumerate(rows):
        source = f"{path}#{number}" if len(rows) > 1 else str(path)
        yield _from_json_line(json.dumps(row), source, settings)


def read_csv(path: Path, settings: IngestSettings) -> Iterator[Article | Skip]:
    """A CSV with a header row and a text column (``ingest.text_column``)."""
    with _open_text(path) as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames is None or settings.text_column not in reader.fieldnames:
            raise InputError(f"no '{settings.text_column}' column (set ingest.text_column)", str(path))
        for number, row in enumerate(reader, 2):
            source = f"{path}#L{number}"
            try:
                yield article_from_mapping(row, source, settings)
            except InputError as exc:
                logger.warning("skipped %s: %s", source, exc.reason)
                yield Skip(source=source, stage="ingest", reason=exc.reason)
