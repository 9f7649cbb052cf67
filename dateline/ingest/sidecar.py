"""Sidecar metadata (``--meta``): a CSV or JSONL giving url/title/outlet/published per article.

Rows are keyed by ``file`` (a file name or a path relative to the corpus) or by ``url``.
"""

from __future__ import annotations

import csv
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dateline.errors import InputError
from dateline.ingest.fields import parse_date
from dateline.records import Article

logger = logging.getLogger(__name__)


@dataclass
class Sidecar:
    """Per-article metadata, looked up by file name, relative path or url."""

    by_key: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def empty(cls) -> Sidecar:
        """A sidecar that adds nothing."""
        return cls()

    @classmethod
    def load(cls, path: Path) -> Sidecar:
        """Read a sidecar CSV (header row) or JSONL file.

        Raises:
            InputError: when the file is missing or has neither a ``file`` nor a ``url`` column.
        """
        if not path.is_file():
            raise InputError("metadata file not found", str(path))
        text = path.read_text(encoding="utf-8-sig")
        if path.suffix.lower() in (".jsonl", ".json"):
            rows = [json.loads(line) for line in text.splitlines() if line.strip()]
        else:
            rows = list(csv.DictReader(text.splitlines()))
        sidecar = cls()
        for row in rows:
            key = (row.get("file") or row.get("url") or "").strip()
            if not key:
                raise InputError("metadata rows need a 'file' or 'url' value", str(path))
            sidecar.by_key[key] = row
            sidecar.by_key.setdefault(Path(key).name, row)
        return sidecar

    def apply(self, article: Article, path: Path) -> Article:
        """Fill the article's empty metadata from its sidecar row, if any."""
        row = self.by_key.get(article.url or "") or self.by_key.get(path.name) or self.by_key.get(str(path))
        if row is None:
            return article
        update: dict[str, Any] = {}
        for name in ("url", "title", "outlet", "author"):
            value = (row.get(name) or "").strip()
            if value:
                update[name] = value
        published = parse_date(row.get("published") or row.get("date"))
        if published is not None:
            update.update(
                published=published,
                published_earliest=published,
                published_latest=published,
                date_method="metadata",
                date_evidence=[f"metadata file: published {published.isoformat()}"],
            )
        return article.model_copy(update=update)
