"""The project store: one SQLite file (WAL mode, FTS5 search) holding every record.

Raw articles are kept as read, so adding articles later re-runs the collection stages over all of
them; per-article analyses are keyed by the hash of the cleaned text, so an unchanged article is
never parsed twice. The story tables are rewritten in one transaction at the end of each build.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any



from dateline.errors import StoreError
from dateline.records import Article, ArticleAnalysis, Skip, stable_id
from dateline.story import Story

logger = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS raw_articles (id TEXT PRIMARY KEY, seq INTEGER, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (id TEXT PRIMARY KEY, seq INTEGER, published TEXT, outlet TEXT,
    duplicate_of TEXT, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS analyses (article_id TEXT PRIMARY KEY, text_key TEXT NOT NULL, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS skips (source TEXT, stage TEXT, reason TEXT, PRIMARY KEY (source, stage, reason));
CREATE TABLE IF NOT EXISTS entities (id TEXT PRIMARY KEY, name TEXT, type TEXT, mentions INTEGER, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS quotes (id TEXT PRIMARY KEY, article_id TEXT, speaker_entity_id TEXT, date TEXT,
    json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS events (id TEXT PRIMARY KEY, date TEXT, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS timeline (seq INTEGER PRIMARY KEY, date TEXT, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS story_meta (key TEXT PRIMARY KEY, value TEXT);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes (speaker_entity_id);
CREATE INDEX IF NOT EXISTS quotes_article ON quotes (article_id);
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(id UNINDEXED, title, text);
CREATE VIRTUAL TABLE IF NOT EXISTS quotes_fts USING fts5(id UNINDEXED, speaker, text);
"""
STORE_NAME = "dateline.sqlite"


class Store:
    """A dateline project store (one SQLite file).

    Example:
        >>> store = Store.open(Path("out/dateline.sqlite"))
        >>> story = store.load_story()
    """

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self.path = path

    @classmethod
    def open(cls, path: Path) -> Store:
        """Open (creating if needed) the store at ``path``; a directory means ``path/dateline.sqlite``.

        Raises:
            StoreError: when the file is not a usable SQLite database.
        """
        if path.is_dir():
            path = path / STORE_NAME
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            connection = sqlite3.connect(path, check_same_thread=False)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.executescript(SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open store {path}: {exc}") from exc
        return cls(connection, path)

    def close(self) -> None:
        """Close the database connection."""
        self._db.close()

    # -- raw input -------------------------------------------------------------------------
    def add_raw_article(self, article: Article) -> int:
        """Store an article as read; returns 1 when new, 0 when already stored."""
        cursor = self._db.execute(
            "INSERT OR IGNORE INTO raw_articles (id, seq, json) VALUES (?, (SELECT COUNT(*) FROM raw_articles), ?)",
            (article.id, article.model_dump_json()),
        )
        self._db.commit()
        return cursor.rowcount

    def raw_articles(self) -> list[Article]:
        """Every article ever read, in reading order."""
        rows = self._db.execute("SELECT json FROM raw_articles ORDER BY seq")
        return [Article.model_validate_json(json_text) for (json_text,) in rows]

    def add_skip(self, skip: Skip) -> None:
        """Record an input that was skipped, with its reason."""
        self._db.execute("INSERT OR IGNORE INTO skips VALUES (?, ?, ?)", (skip.source, skip.stage, skip.reason))
        self._db.commit()

    def skips(self) -> list[Skip]:
        """Every skip recorded in this store."""
        rows = self._db.execute("SELECT source, stage, reason FROM skips ORDER BY source")
        return [Skip(source=s, stage=st, reason=r) for s, st, r in rows]

    # -- per-article results ---------------------------------------------------------------
    def put_articles(self, articles: Iterable[Article]) -> None:
        """Replace the processed (cleaned, dated, deduplicated) articles."""
        with self._db:
            self._db.execute("DELETE FROM articles")
            self._db.executemany(
                "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?)",
                (
                    (a.id, n, a.published and a.published.isoformat(), a.outlet, a.duplicate_of, a.model_dump_json())
                    for n, a in enumerate(articles)
                ),
            )

    def get_analysis(self, article: Article) -> ArticleAnalysis | None:
        """The stored analysis of this article if its cleaned text is unchanged, else None."""
        row = self._db.execute("SELECT text_key, json FROM analyses WHERE article_id = ?", (article.id,)).fetchone()
        if row is None or row[0] != analysis_key(article):
            return None
        analysis = ArticleAnalysis.model_validate_json(row[1])
        return analysis.model_copy(update={"article": article})

    def put_analysis(self, analysis: ArticleAnalysis) -> None:
        """Store one article's analysis (committed at once: an interrupted build keeps it)."""
        with self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO analyses VALUES (?, ?, ?)",
                (analysis.article.id, analysis_key(analysis.article), analysis.model_dump_json()),
            )

    def analysed_ids(self) -> set[str]:
        """Ids of the articles that have an analysis."""
        return {row[0] for row in self._db.execute("SELECT article_id FROM analyses")}

    # -- the story -------------------------------------------------------------------------
    def put_story(self, story: Story) -> None:
        """Replace the story tables and the search index with ``story``."""
        with self._db:
            for table in ("entities", "quotes", "events", "timeline", "story_meta", "articles_fts", "quotes_fts"):
                self._db.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
            self._db.executemany(
                "INSERT INTO entities VALUES (?, ?, ?, ?, ?)",
                ((e.id, e.name, e.type, e.mentions, e.model_dump_json()) for e in story.entities),
            )
            self._db.executemany(
                "INSERT INTO quotes VALUES (?, ?, ?, ?, ?)",
                ((q.id, q.article_id, q.speaker_entity_id, _iso(q.date), q.model_dump_json()) for q in story.quotes),
            )
            self._db.executemany(
                "INSERT INTO events VALUES (?, ?, ?)", ((e.id, e.date.isoformat(), e.model_dump_json()) for e in story.events)
            )
            self._db.executemany(
                "INSERT INTO timeline VALUES (?, ?, ?)",
                ((n, t.date.isoformat(), t.model_dump_json()) for n, t in enumerate(story.timeline)),
            )
            self._db.executemany(
                "INSERT INTO articles_fts VALUES (?, ?, ?)",
                ((a.id, a.title or "", a.text) for a in story.articles if a.duplicate_of is None),
            )
            self._db.executemany(
                "INSERT INTO quotes_fts VALUES (?, ?, ?)", ((q.id, q.speaker or "", q.text) for q in story.quotes)
            )
            self._db.execute("INSERT INTO story_meta VALUES ('story', ?)", (story.model_dump_json(),))

    def load_story(self) -> Story:
        """The story of the last finished build.

        Raises:
            StoreError: when no build has finished in this store.
        """
        row = self._db.execute("SELECT value FROM story_meta WHERE key = 'story'").fetchone()
        if row is None:
            raise StoreError(f"{self.path} holds no finished build: run `dateline build` first")
        return Story.model_validate_json(row[0])

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Full-text search over articles and quotes, ranked by BM25.

        Snippets mark hits with \\x02 ... \\x03 so that a caller can escape the text, then highlight.

        Args:
            query: FTS5 query text; plain words are quoted so user input cannot break the syntax.
        """
        safe = " ".join('"' + word.replace('"', '""') + '"' for word in query.split())
        if not safe:
            return []
        results: list[dict[str, Any]] = []
        for kind, table in (("article", "articles_fts"), ("quote", "quotes_fts")):
            rows = self._db.execute(
                f"SELECT id, snippet({table}, 2, '\x02', '\x03', ' … ', 16), bm25({table}) FROM {table} "  # noqa: S608
                f"WHERE {table} MATCH ? ORDER BY bm25({table}) LIMIT ?",
                (safe, limit),
            )
            results += [{"kind": kind, "id": i, "snippet": s, "score": -score} for i, s, score in rows]
        return sorted(results, key=lambda r: -r["score"])[:limit]

    def iter_table(self, table: str) -> Iterator[dict[str, Any]]:
        """Rows of a story table as dicts (for exporters)."""
        if table not in ("articles", "entities", "quotes", "events", "timeline"):
            raise StoreError(f"unknown table {table}")
        for (json_text,) in self._db.execute(f"SELECT json FROM {table}"):  # noqa: S608
            yield json.loads(json_text)


def analysis_key(article: Article) -> str:
    """What an analysis depends on: the cleaned text and the date it is anchored on."""
    return stable_id(article.text, _iso(article.published) or "")


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


