"""Full-text search for the web app: SQLite FTS5 over the store's ``articles_fts`` and ``quotes_fts`` tables.

Input: words typed by a person. Output: hits ranked by BM25, each with a plain-text snippet and the
offsets of the matched words in it, one page at a time with the total. Every word is quoted, so no
input is ever read as FTS5 syntax. The store file is opened read-only. Known limit: article and quote
BM25 scores are merged as they are, not calibrated against each other.
"""

from __future__ import annotations

import logging
import re
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from dateline.errors import StoreError

logger = logging.getLogger(__name__)

HitKind = Literal["article", "quote"]
TABLES: dict[HitKind, str] = {"article": "articles_fts", "quote": "quotes_fts"}
# Words of a query kept (FTS5 ANDs them; more only slows the query down without narrowing it usefully).
MAX_QUERY_WORDS = 12
# Tokens of context FTS5 keeps around the matched words in a snippet (readable on one or two lines).
SNIPPET_TOKENS = 24
_MARK_OPEN, _MARK_CLOSE = "\x02", "\x03"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Hit:
    """One search result: ``marks`` are [start, end) offsets of matched words in ``snippet``."""

    kind: HitKind
    id: str
    snippet: str
    marks: list[tuple[int, int]]
    score: float


class SearchIndex:
    """Read-only FTS5 queries on a store file (one connection, serialised by a lock).

    Example:
        >>> total, hits = SearchIndex(Path("out/dateline.sqlite")).search("ceasefire", limit=10)
    """

    def __init__(self, path: Path) -> None:
        try:
            self._db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
            self._db.execute("SELECT count(*) FROM articles_fts WHERE 0").fetchone()
        except sqlite3.Error as exc:
            raise StoreError(f"cannot search {path}: {exc}") from exc
        self._lock = threading.Lock()

    def close(self) -> None:
        """Close the connection."""
        self._db.close()

    def search(
        self, query: str, kind: HitKind | None = None, limit: int = 20, offset: int = 0
    ) -> tuple[int, list[Hit]]:
        """Search articles and/or quotes.

        Args:
            query: words as typed; each is matched as a whole word (all must occur).
            kind: only articles or only quotes; both when None.
            limit: page size.
            offset: index of the first hit of the page in the whole ranked list.

        Returns:
            The total number of hits and the hits of the page, best first.
        """
        match = fts_query(query)
        if not match:
            return 0, []
        kinds: tuple[HitKind, ...] = (kind,) if kind else ("article", "quote")
        total = 0
        hits: list[Hit] = []
        with self._lock:
            for each in kinds:
                total += self._count(TABLES[each], match)
                hits += self._ranked(each, match, offset + limit)
        hits.sort(key=lambda h: (-h.score, h.kind, h.id))
        return total, hits[offset : offset + limit]

    def _count(self, table: str, match: str) -> int:
        row = self._db.execute(f"SELECT count(*) FROM {table} WHERE {table} MATCH ?", (match,)).fetchone()
        return int(row[0])

    def _ranked(self, kind: HitKind, match: str, top: int) -> list[Hit]:
        table = TABLES[kind]
        rows = self._db.execute(
            f"SELECT id, snippet({table}, -1, ?, ?, ' … ', ?), bm25({table}) FROM {table} "
            f"WHERE {table} MATCH ? ORDER BY bm25({table}) LIMIT ?",
            (_MARK_OPEN, _MARK_CLOSE, SNIPPET_TOKENS, match, top),
        )
        return [Hit(kind, str(i), *split_marks(str(s)), score=-float(score)) for i, s, score in rows]


def fts_query(query: str) -> str:
    """An FTS5 query matching every word of ``query`` as a quoted phrase (control characters dropped)."""
    words = _CONTROL.sub(" ", query).split()[:MAX_QUERY_WORDS]
    return " ".join('"' + word.replace('"', '""') + '"' for word in words)


def split_marks(snippet: str) -> tuple[str, list[tuple[int, int]]]:
    """Remove the FTS5 markers from ``snippet``; return the plain text and the marked [start, end) ranges.

    A stray marker (the article text may hold the marker characters itself) never unbalances the ranges.
    """
    plain: list[str] = []
    marks: list[tuple[int, int]] = []
    size = 0
    opened: int | None = None
    for char in snippet:
        if char == _MARK_OPEN:
            opened = size if opened is None else opened
        elif char == _MARK_CLOSE:
            if opened is not None and size > opened:
                marks.append((opened, size))
            opened = None
        else:
            plain.append(char)
            size += 1
    if opened is not None and size > opened:
        marks.append((opened, size))
    return "".join(plain), marks
