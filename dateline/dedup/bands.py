"""The LSH band index of the dedup stage, on disk: MinHash bands to the canonical articles that share them.

Input: MinHash signatures of canonical articles (inserted) and of each new article (queried); output:
the ids of the candidates that share at least one band. datasketch's ``MinHashLSH`` decides the banding
(bands x rows from its false positive / negative weights); the band tables live in SQLite instead of
Python dicts, so memory does not grow with the collection.
Known limits: one process at a time; band keys are 64-bit hashes (see ``BandIndex.band_keys``).
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import tempfile
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

import mmh3
from datasketch import MinHash, MinHashLSH

from dateline.config import DedupSettings

logger = logging.getLogger(__name__)

# datasketch's (false positive, false negative) weights when it picks the bands: a missed copy cannot be
# recovered later, while a false candidate only costs an exact Jaccard check. At 0.8 and 128 permutations
# these give 17 bands of 7 rows: a pair at a true Jaccard of 0.85 is missed 0.14% of the time (the default
# (0.5, 0.5) banding misses a third), one at 0.3 becomes a candidate 0.4% of the time.
LSH_WEIGHTS = (0.02, 0.98)
# Page cache of the index database (KiB; SQLite's own default is 2,000): the index's whole share of the memory.
# Pages beyond it are read back from the file (lookups are by key). On the bench/scale.py 20k corpus the index
# file reached 9.2 MiB (about 600 bytes per canonical article) and the stage's RSS stayed flat from 10k on.
CACHE_KIB = 4096

# Why SQLite and not datasketch's storage layer: ``storage_config`` picks a backend from a closed list
# ("dict", "redis", "cassandra"; anything else is a ValueError), with no hook for another one, and the
# index also keeps every key's band hashes in ``MinHashLSH.keys`` for removals, which dedup never makes.
# So datasketch decides the banding (``b``, ``r``, ``hashranges``) and these two tables hold the index.
_SCHEMA = """
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -{cache};
CREATE TABLE bands (band_key INTEGER NOT NULL, article_id TEXT NOT NULL, PRIMARY KEY (band_key, article_id))
    WITHOUT ROWID;
CREATE TABLE texts (text_key BLOB PRIMARY KEY, article_id TEXT NOT NULL) WITHOUT ROWID;
"""


def lsh_banding(settings: DedupSettings) -> MinHashLSH:
    """An empty datasketch index with the banding of ``settings`` (its ``b``, ``r`` and ``hashranges``)."""
    try:
        return MinHashLSH(threshold=settings.threshold, num_perm=settings.num_perm, weights=LSH_WEIGHTS)
    except ValueError:
        # datasketch's optimal banding needs two bands or more; near 1.0 (e.g. 0.99 at 128 permutations)
        # it finds one. Two bands of half the permutations each is the strictest banding it accepts.
        logger.info("dedup threshold %.3f is stricter than LSH banding allows; using 2 bands", settings.threshold)
        return MinHashLSH(num_perm=settings.num_perm, params=(2, settings.num_perm // 2))


def text_key(words: Sequence[str]) -> bytes:
    """What two texts with the same words (case and punctuation aside) share: a 128-bit digest."""
    return hashlib.blake2b(" ".join(words).encode(), digest_size=16).digest()


class BandIndex:
    """Canonical articles by LSH band and by exact word sequence, in a SQLite file of their own.

    Example:
        >>> with BandIndex(DedupSettings()) as index:
        ...     index.insert("a1", text_key(words), index.band_keys(minhash))
        ...     index.candidates(index.band_keys(other_minhash))

    Args:
        settings: the dedup settings (threshold and permutations decide the banding).
        folder: where the index file goes (next to the store: it holds about 600 bytes per canonical
            article); None: SQLite's private temporary database, kept in memory until its page cache
            is full, then in a file in the temporary directory. The file is removed on ``close``.
    """

    def __init__(self, settings: DedupSettings, folder: Path | None = None) -> None:
        banding = lsh_banding(settings)
        self.bands, self.rows = banding.b, banding.r
        self._ranges: list[tuple[int, int]] = list(banding.hashranges)
        self._path: Path | None = None
        if folder is not None:
            handle, name = tempfile.mkstemp(prefix=".dedup-", suffix=".sqlite", dir=folder)
            os.close(handle)
            self._path = Path(name)
        self._db = sqlite3.connect(self._path or "", isolation_level=None, check_same_thread=False)
        self._db.executescript(_SCHEMA.format(cache=CACHE_KIB))
        self._db.execute("BEGIN")  # one transaction: nothing here needs to survive a crash

    def band_keys(self, minhash: MinHash) -> list[int]:
        """One 64-bit key per band: MurmurHash3 of the band's rows, seeded with the band number.

        datasketch keys a band by the bytes of its rows; hashing them to 64 bits keeps the index small.
        Two different bands sharing a key (about 2^-64 per pair of bands) only adds a candidate, and
        every candidate goes through the exact Jaccard check.
        """
        values = minhash.hashvalues
        return [mmh3.hash64(values[start:end].tobytes(), band)[0] for band, (start, end) in enumerate(self._ranges)]

    def candidates(self, keys: Sequence[int]) -> list[str]:
        """Ids of the inserted articles sharing at least one band key (``band_keys``) with ``keys``, sorted."""
        query = f"SELECT DISTINCT article_id FROM bands WHERE band_key IN ({','.join('?' * len(keys))}) ORDER BY 1"
        return [row[0] for row in self._db.execute(query, keys)]

    def same_text(self, key: bytes) -> str | None:
        """The inserted article whose ``text_key`` is ``key``, if any."""
        row = self._db.execute("SELECT article_id FROM texts WHERE text_key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def insert(self, article_id: str, key: bytes, band_keys: Sequence[int]) -> None:
        """Add a canonical article: its ``text_key`` and its band keys (``band_keys``)."""
        self._db.execute("INSERT OR IGNORE INTO texts VALUES (?, ?)", (key, article_id))
        self._db.executemany("INSERT OR IGNORE INTO bands VALUES (?, ?)", ((k, article_id) for k in band_keys))

    def close(self) -> None:
        """Drop the index (its file too)."""
        self._db.close()
        if self._path is not None:
            self._path.unlink(missing_ok=True)

    def __enter__(self) -> BandIndex:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()


def remove_leftover_indexes(folder: Path) -> list[Path]:
    """Delete band index files that a killed build left in ``folder`` (``.dedup-*.sqlite``).

    A store is built by one build at a time, so any index file present before dedup starts is a
    leftover: ``close`` never ran for it. Returns the paths removed.
    """
    removed = []
    for path in sorted(folder.glob(".dedup-*.sqlite")):
        try:
            path.unlink(missing_ok=True)
        except PermissionError:  # Windows: still open, so not a leftover after all
            continue
        removed.append(path)
    if removed:
        logger.info("removed %d dedup index file(s) left by an interrupted build", len(removed))
    return removed
