"""Ingest stage: read every supported source into raw Article records.

Input: paths (files, directories, globs). Output: a stream of Article (raw text + metadata) or Skip.
Heavy lifting: trafilatura for HTML, warcio for WARC; text, JSONL and CSV are read here.
A sidecar (``--meta``) CSV/JSONL adds url/title/outlet/published per file name or url.
Known limits: one article per .txt/.html file; PDF and DOCX are not read.
"""

from __future__ import annotations

import glob
import logging
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from dateline.config import IngestSettings
from dateline.errors import InputError
from dateline.ingest.records import read_csv, read_json, read_jsonl
from dateline.ingest.sidecar import Sidecar
from dateline.ingest.text import read_text
from dateline.records import Article, Skip

logger = logging.getLogger(__name__)

Reader = Callable[[Path, IngestSettings], Iterator[Article | Skip]]


# trafilatura and warcio take a second to import: pay for them only when such a file is read.
def read_html(path: Path, settings: IngestSettings) -> Iterator[Article | Skip]:
    """HTML page: see dateline.ingest.html."""
    from dateline.ingest import html

    return html.read_html(path, settings)


def read_warc(path: Path, settings: IngestSettings) -> Iterator[Article | Skip]:
    """WARC file: see dateline.ingest.warc."""
    from dateline.ingest import warc

    return warc.read_warc(path, settings)


# Users choose by file suffix; the set grows with new formats. Longest suffix wins (.jsonl.gz before .gz).
READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".text": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".html.gz": read_html,
    ".jsonl": read_jsonl,
    ".jsonl.gz": read_jsonl,
    ".json": read_json,
    ".csv": read_csv,
    ".warc": read_warc,
    ".warc.gz": read_warc,
}


def reader_for(path: Path) -> Reader | None:
    """The reader registered for the file's suffix, or None."""
    name = path.name.lower()
    for suffix in sorted(READERS, key=len, reverse=True):
        if name.endswith(suffix):
            return READERS[suffix]
    return None


def expand_sources(sources: Iterable[Path | str]) -> Iterator[Path]:
    """Files named by ``sources``: files as given, directories recursively (sorted), globs expanded."""
    for source in sources:
        path = Path(source)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        elif path.exists():
            yield path
        else:
            matches = sorted(glob.glob(str(source), recursive=True))
            if not matches:
                raise InputError("no such file, directory or glob match", str(source))
            yield from (Path(m) for m in matches if Path(m).is_file())


def iter_sources(
    sources: Iterable[Path | str], settings: IngestSettings, meta: Path | None = None
) -> Iterator[Article | Skip]:
    """Stream Article records (or Skip records, with the reason) from every source.

    Args:
        sources: files, directories or globs.
        settings: the ingest section of the settings.
        meta: optional sidecar CSV/JSONL keyed by ``file`` (name or relative path) or ``url``.
    """
    sidecar = Sidecar.load(meta) if meta else Sidecar.empty()
    sidecar_path = meta.resolve() if meta else None
    for path in expand_sources(sources):
        if sidecar_path is not None and path.resolve() == sidecar_path:
            continue
        reader = reader_for(path)
        if reader is None:
            logger.info("skipped %s: unsupported file type", path)
            yield Skip(source=str(path), stage="ingest", reason=f"unsupported file type '{path.suffix or path.name}'")
            continue
        yield from _read_one(path, reader, settings, sidecar)


def _read_one(path: Path, reader: Reader, settings: IngestSettings, sidecar: Sidecar) -> Iterator[Article | Skip]:
    try:
        size = path.stat().st_size
        if size == 0:
            raise InputError("empty file", str(path))
        if size > settings.max_bytes and reader not in (read_jsonl, read_warc, read_csv):
            raise InputError(f"file too large ({size:,} bytes > ingest.max_bytes)", str(path))
        for item in reader(path, settings):
            if isinstance(item, Article):
                item = _checked(sidecar.apply(item, path), settings)
            yield item
    except InputError as exc:
        logger.warning("skipped %s: %s", path, exc.reason)
        yield Skip(source=str(path), stage="ingest", reason=exc.reason)


def _checked(article: Article | Skip, settings: IngestSettings) -> Article | Skip:
    if isinstance(article, Article) and len(article.raw_text.strip()) < settings.min_chars:
        logger.warning("skipped %s: too little text", article.source)
        return Skip(
            source=article.source, stage="ingest", reason=f"too little text (< {settings.min_chars} characters)"
        )
    return article
