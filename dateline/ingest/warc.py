"""WARC files (.warc, .warc.gz): every HTML response record becomes an Article.

Input: a WARC file, streamed record by record (memory bounded by one record). Output: Articles
(via dateline.ingest.html) with ``url``/``source`` = WARC-Target-URI and ``fetched`` = WARC-Date (UTC),
and a Skip, with its reason, for each response that is not a usable HTML page.
Heavy lifting: warcio. Known limits: revisit records (deduplicated crawls) carry no body and are
skipped; a truncated file yields the records before the damage, then a Skip.
"""

from __future__ import annotations

import datetime as dt
import gzip
import logging
import zlib
from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from dateline.config import IngestSettings
from dateline.errors import InputError
from dateline.ingest.fields import parse_date
from dateline.ingest.html import article_from_html, decode_html
from dateline.records import Article, Skip

logger = logging.getLogger(__name__)

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_WARC_START = b"WARC/"
# Bytes allowed after the last complete record (its closing CRLF pair) before the file counts as truncated.
TRAILING_BYTES = 4


def read_warc(path: Path, settings: IngestSettings) -> Iterator[Article | Skip]:
    """Stream the HTML pages of a WARC file as Articles.

    Args:
        path: the .warc or .warc.gz file.
        settings: the ingest section (``max_bytes`` bounds one record's body).

    Yields:
        An Article per HTML response (``fetched`` = the WARC-Date, a date in UTC), a Skip per
        response that cannot be used (not HTML, HTTP error, too large, no article text).

    Raises:
        InputError: when the file is not a WARC at all or breaks off; records read before stay yielded.
    """
    _check_start(path)
    count = 0
    end = 0
    with path.open("rb") as handle:
        try:
            iterator = ArchiveIterator(handle)
            for record in iterator:
                if record.rec_type == "response":
                    count += 1
                    yield _from_record(record, settings)
                else:
                    logger.debug("%s: %s record ignored", path, record.rec_type)
                iterator.read_to_end(record)
                if getattr(record.raw_stream, "limit", 0):
                    raise EOFError("a record is shorter than its Content-Length")
                end = iterator.get_record_offset() + iterator.get_record_length()
        except (ArchiveLoadFailed, EOFError, OSError, zlib.error, ValueError) as exc:
            raise InputError(f"unreadable or truncated WARC {_where(count)} ({exc})", str(path)) from exc
    if path.stat().st_size - end > TRAILING_BYTES:
        raise InputError(f"truncated WARC {_where(count)} (the last record breaks off)", str(path))


def _where(count: int) -> str:
    return f"after {count} response records" if count else "before any response record"


def _check_start(path: Path) -> None:
    """Refuse files that do not open with a WARC header (warcio would read them as empty records)."""
    try:
        with path.open("rb") as raw:
            magic = raw.read(2)
        opener = gzip.open if magic == b"\x1f\x8b" else open
        with opener(path, "rb") as handle:
            start = handle.read(len(_WARC_START))
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(f"unreadable WARC ({exc})", str(path)) from exc
    if start != _WARC_START:
        raise InputError("not a WARC file (no WARC/ header)", str(path))


def _from_record(record: ArcWarcRecord, settings: IngestSettings) -> Article | Skip:
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    source = url or record.rec_headers.get_header("WARC-Record-ID") or "warc record"
    try:
        html = _html_body(record, source, settings)
        article = article_from_html(html, source, url=url or None)
    except InputError as exc:
        logger.info("skipped %s: %s", source, exc.reason)
        return Skip(source=source, stage="ingest", reason=exc.reason)
    fetched = warc_date(record.rec_headers.get_header("WARC-Date"))
    return article.model_copy(update={"fetched": fetched})


def _html_body(record: ArcWarcRecord, source: str, settings: IngestSettings) -> str:
    status = record.http_headers.get_statuscode() if record.http_headers else None
    if status is not None and not str(status).startswith("2"):
        raise InputError(f"HTTP status {status}", source)
    content_type = (record.http_headers.get_header("Content-Type") if record.http_headers else None) or ""
    if content_type and not content_type.lower().startswith(_HTML_TYPES):
        raise InputError(f"not an HTML page ({content_type.split(';')[0].strip()})", source)
    data = record.content_stream().read(settings.max_bytes + 1)
    if len(data) > settings.max_bytes:
        raise InputError("page larger than ingest.max_bytes", source)
    return decode_html(data, source)


def warc_date(value: str | None) -> dt.date | None:
    """The calendar date (UTC) of a WARC-Date header such as ``2020-01-28T09:30:00Z``, else None."""
    return parse_date(value) if value else None
