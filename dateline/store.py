"""The project store: one SQLite file (WAL mode, FTS5 search) holding every record.

Raw articles are kept as read, so adding articles later re-runs the collection stages over all of
them. Every per-article result is keyed by what it depends on, so nothing is computed twice: a
cleaned and dated article by its clean key (dateline.resume.clean_key), an analysis by the hash of
the cleaned text and date (``dateline.store_rows.analysis_key``; that module also makes the rows).
Results are committed in small batches while a build runs, so an interrupted build loses at most
one batch. Records are read back in batches, so the per-article stages never hold the whole
collection. The story tables are rewritten in one transaction at the end of each build.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from dateline.errors import StoreError
from dateline.records import Article, ArticleAnalysis, Skip
from dateline.store_rows import StoredAnalysis, analysis_key, compact, iso
from dateline.story import Story

logger = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS raw_articles (id TEXT PRIMARY KEY, seq INTEGER, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (id TEXT PRIMARY KEY, seq INTEGER, published TEXT, outlet TEXT,
    duplicate_of TEXT, json TEXT NOT NULL, clean_key TEXT, dated INTEGER NOT NULL DEFAULT 1);
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
CREATE INDEX IF NOT EXISTS raw_articles_seq ON raw_articles (seq);
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(id UNINDEXED, title, text);
CREATE VIRTUAL TABLE IF NOT EXISTS quotes_fts USING fts5(id UNINDEXED, speaker, text);
"""
# Columns added after the first release: (table, column, definition), added to older stores on open.
MIGRATIONS = (("articles", "clean_key", "TEXT"), ("articles", "dated", "INTEGER NOT NULL DEFAULT 1"))
# Rows read per query when streaming a table: small enough to keep memory flat, large enough that
# the per-query cost is negligible (measured with bench/scale.py: 100 to 2,000 change nothing).
BATCH_ROWS = 500
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
            connection = sqlite3.connect(path, check_same_thread=False, timeout=30)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.executescript(SCHEMA)
            _migrate(connection)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open store {path}: {exc}") from exc
        return cls(connection, path)

    def close(self) -> None:
        """Close the database connection."""
        self._db.close()

    def counts(self) -> dict[str, int]:
        """Number of raw articles, processed articles, canonical ones, analyses and skips."""
        tables = ("raw_articles", "articles", "analyses", "skips")
        found = {t: self._db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}
        found["canonical"] = self._db.execute("SELECT COUNT(*) FROM articles WHERE duplicate_of IS NULL").fetchone()[0]
        return found

    # -- raw input -------------------------------------------------------------------------
    def add_raw_article(self, article: Article) -> int:
        """Store an article as read; returns 1 when new, 0 when already stored."""
        return self.add_raw_articles([article])

    def add_raw_articles(self, articles: Sequence[Article]) -> int:
        """Store articles as read, in one transaction; returns how many were new.

        Each new article gets the next reading position (``seq``); known ids are left as they are.
        """
        with self._db:
            cursor = self._db.executemany(
                "INSERT OR IGNORE INTO raw_articles (id, seq, json) "
                "VALUES (?, (SELECT COALESCE(MAX(seq), -1) + 1 FROM raw_articles), ?)",
                ((a.id, a.model_dump_json()) for a in articles),
            )
        return max(cursor.rowcount, 0)

    def raw_articles(self) -> list[Article]:
        """Every article ever read, in reading order (all in memory: prefer ``raw_batches``)."""
        return [article for batch in self.raw_batches() for _, article in batch]

    def raw_batches(self, size: int = BATCH_ROWS) -> Iterator[list[tuple[int, Article]]]:
        """Every article ever read as ``(seq, article)``, in reading order, ``size`` at a time."""
        for rows in self._pages("SELECT seq, json FROM raw_articles WHERE seq > ? ORDER BY seq LIMIT ?", size):
            yield [(seq, Article.model_validate_json(text)) for seq, text in rows]

    def add_skip(self, skip: Skip) -> None:
        """Record an input that was skipped, with its reason."""
        self._db.execute("INSERT OR IGNORE INTO skips VALUES (?, ?, ?)", (skip.source, skip.stage, skip.reason))
        self._db.commit()

    def clear_skips(self, sources: Sequence[str], stage: str) -> None:
        """Forget the skips of ``sources`` at ``stage``: they have now been processed."""
        with self._db:
            self._db.executemany("DELETE FROM skips WHERE source = ? AND stage = ?", ((s, stage) for s in sources))

    def skips(self) -> list[Skip]:
        """Every skip recorded in this store."""
        rows = self._db.execute("SELECT source, stage, reason FROM skips ORDER BY source")
        return [Skip(source=s, stage=st, reason=r) for s, st, r in rows]

    # -- cleaned, dated, deduplicated articles ---------------------------------------------------
    def put_articles(self, articles: Iterable[Article]) -> None:
        """Replace the processed (cleaned, dated, deduplicated) articles; positions follow the input order."""
        with self._db:
            self._db.execute("DELETE FROM articles")
        self.put_processed([(n, a, None) for n, a in enumerate(articles)], dated=True)

    def put_processed(self, rows: Sequence[tuple[int, Article, str | None]], dated: bool) -> None:
        """Insert or replace processed articles, in one transaction.

        Args:
            rows: ``(seq, article, clean_key)``: the raw article's reading position, the article
                (stored compact once dated: see ``compact``) and the key its cleaning depended on.
            dated: whether the date stage has run on these articles.
        """
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    (
                        a.id,
                        seq,
                        iso(a.published),
                        a.outlet,
                        a.duplicate_of,
                        # the date stage reads the HTML (htmldate), so it is dropped only once dating is done
                        (compact(a) if dated else a).model_dump_json(),
                        key,
                        int(dated),
                    )
                    for seq, a, key in rows
                ),
            )

    def processed(self, ids: Sequence[str]) -> dict[str, tuple[str | None, Article]]:
        """The stored ``(clean_key, article)`` of each of ``ids`` that has been processed."""
        found: dict[str, tuple[str | None, Article]] = {}
        for chunk in _chunks(ids, BATCH_ROWS):
            marks = ",".join("?" * len(chunk))
            query = f"SELECT id, clean_key, json FROM articles WHERE id IN ({marks})"
            for article_id, key, text in self._db.execute(query, chunk):
                found[article_id] = (key, Article.model_validate_json(text))
        return found

    def undated_batches(self, size: int = BATCH_ROWS) -> Iterator[list[tuple[int, Article, str | None]]]:
        """Processed articles the date stage has not seen yet, as ``(seq, article, clean_key)``, ``size`` at a time."""
        query = "SELECT seq, json, clean_key FROM articles WHERE dated = 0 AND seq > ? ORDER BY seq LIMIT ?"
        for rows in self._pages(query, size):
            yield [(seq, Article.model_validate_json(text), key) for seq, text, key in rows]

    def article_batches(self, size: int = BATCH_ROWS, canonical: bool = False) -> Iterator[list[Article]]:
        """Processed articles (compact) in reading order, ``size`` at a time; ``canonical`` leaves copies out."""
        where = "duplicate_of IS NULL AND " if canonical else ""
        query = f"SELECT seq, json FROM articles WHERE {where}seq > ? ORDER BY seq LIMIT ?"
        for rows in self._pages(query, size):
            yield [Article.model_validate_json(text) for _, text in rows]

    def set_duplicates(self, canonical_of: dict[str, str | None]) -> int:
        """Set ``duplicate_of`` of the given articles (None: canonical); returns how many changed."""
        with self._db:
            cursor = self._db.executemany(
                "UPDATE articles SET duplicate_of = ?1, json = json_set(json, '$.duplicate_of', ?1) "
                "WHERE id = ?2 AND duplicate_of IS NOT ?1",
                ((target, article_id) for article_id, target in canonical_of.items()),
            )
        return max(cursor.rowcount, 0)

    # -- per-article analyses --------------------------------------------------------------
    def get_analysis(self, article: Article, context: str = "") -> ArticleAnalysis | None:
        """The stored analysis of this article if its cleaned text is unchanged, else None."""
        found = self.analyses_of([article], context)
        return found[0] if found else None

    def analyses_of(self, articles: Sequence[Article], context: str = "") -> list[ArticleAnalysis]:
        """The stored analyses of ``articles`` whose key is unchanged, in the given order.

        Each analysis carries the given article, so later changes to metadata are seen.

        Args:
            articles: current (cleaned, dated) articles.
            context: what else the analyses depend on (see ``analysis_key``).
        """
        rows: dict[str, tuple[str, str]] = {}
        for chunk in _chunks([a.id for a in articles], BATCH_ROWS):
            marks = ",".join("?" * len(chunk))
            query = f"SELECT article_id, text_key, json FROM analyses WHERE article_id IN ({marks})"
            rows.update((i, (key, text)) for i, key, text in self._db.execute(query, chunk))
        found = []
        for article in articles:
            row = rows.get(article.id)
            if row is not None and row[0] == analysis_key(article, context):
                analysis = ArticleAnalysis.model_validate_json(row[1])
                found.append(analysis.model_copy(update={"article": article}))
        return found

    def analysis_keys(self, ids: Sequence[str]) -> dict[str, str]:
        """The ``analysis_key`` each of ``ids`` was analysed under (ids never analysed are absent)."""
        keys: dict[str, str] = {}
        for chunk in _chunks(ids, BATCH_ROWS):
            marks = ",".join("?" * len(chunk))
            query = f"SELECT article_id, text_key FROM analyses WHERE article_id IN ({marks})"
            keys.update(self._db.execute(query, chunk).fetchall())
        return keys

    def put_analysis(self, analysis: ArticleAnalysis, context: str = "") -> None:
        """Store one article's analysis (committed at once: an interrupted build keeps it)."""
        self.put_analyses([analysis], context)

    def put_analyses(self, analyses: Sequence[ArticleAnalysis], context: str = "") -> None:
        """Store analyses in one transaction, keyed by ``analysis_key(article, context)``; articles stored compact."""
        self.put_stored_analyses([StoredAnalysis.of(a, context) for a in analyses])

    def put_stored_analyses(self, rows: Sequence[StoredAnalysis]) -> None:
        """Store analyses already serialised (``StoredAnalysis``), in one transaction."""
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO analyses VALUES (?, ?, ?)", ((r.article_id, r.key, r.json) for r in rows)
            )

    def analysed_ids(self) -> set[str]:
        """Ids of the articles that have an analysis."""
        return {row[0] for row in self._db.execute("SELECT article_id FROM analyses")}

    def _pages(self, query: str, size: int) -> Iterator[list[tuple[Any, ...]]]:
        """Keyset pagination on ``seq``: each page is fetched whole, so writes between pages are safe."""
        last = -1
        while True:
            rows = self._db.execute(query, (last, size)).fetchall()
            if not rows:
                return
            yield rows
            last = rows[-1][0]

    # -- the story -------------------------------------------------------------------------
    def put_story(self, story: Story) -> None:
        """Replace the story tables and the search index with ``story``."""
        with self._db:
            for table in ("entities", "quotes", "events", "timeline", "story_meta", "articles_fts", "quotes_fts"):
                self._db.execute(f"DELETE FROM {table}")
            self._insert_records(
                "entities", [(e.id, e.name, e.type, e.mentions, e.model_dump_json()) for e in story.entities]
            )
            self._insert_records(
                "quotes",
                [(q.id, q.article_id, q.speaker_entity_id, iso(q.date), q.model_dump_json()) for q in story.quotes],
            )
            self._insert_records("events", [(e.id, e.date.isoformat(), e.model_dump_json()) for e in story.events])
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

    def _insert_records(self, table: str, rows: list[tuple[Any, ...]]) -> None:
        """Insert rows keyed by record id; a repeated id keeps its first row and is logged.

        Why: one stage bug that gives two records the same id must not lose a finished build; the
        story itself (``story_meta``) still holds every record, only the table keeps the first.
        """
        if not rows:
            return
        marks = ", ".join("?" * len(rows[0]))
        inserted = self._db.executemany(f"INSERT OR IGNORE INTO {table} VALUES ({marks})", rows).rowcount
        if inserted < len(rows):
            counts = Counter(row[0] for row in rows)
            repeated = sorted(key for key, n in counts.items() if n > 1)
            shown = ", ".join(repeated[:5])
            logger.warning("store: %d %s share an id with another (first kept): %s", len(rows) - inserted, table, shown)

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
                f"SELECT id, snippet({table}, 2, '\x02', '\x03', ' … ', 16), bm25({table}) FROM {table} "
                f"WHERE {table} MATCH ? ORDER BY bm25({table}) LIMIT ?",
                (safe, limit),
            )
            results += [{"kind": kind, "id": i, "snippet": s, "score": -score} for i, s, score in rows]
        return sorted(results, key=lambda r: -r["score"])[:limit]

    def iter_table(self, table: str) -> Iterator[dict[str, Any]]:
        """Rows of a story table as dicts (for exporters)."""
        if table not in ("articles", "entities", "quotes", "events", "timeline"):
            raise StoreError(f"unknown table {table}")
        for (json_text,) in self._db.execute(f"SELECT json FROM {table}"):
            yield json.loads(json_text)


def _migrate(connection: sqlite3.Connection) -> None:
    for table, column, definition in MIGRATIONS:
        columns = {row[1] for row in connection.execute(f"PRAGMA table_info({table})")}
        if column not in columns:
            connection.execute(f"ALTER TABLE {table} ADD COLUMN {column} {definition}")
            logger.info("store: added column %s.%s", table, column)
    connection.commit()


def _chunks(items: Sequence[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])
