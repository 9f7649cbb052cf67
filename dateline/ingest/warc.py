"""WARC files (.warc, .warc.gz): every HTML response record becomes an Article.

Input: a WARC file, streamed record by record (memory bounded by one record). Output: Articles
(via dateline.ingest.html) with ``url``/``source`` = WARC-Target-URI and ``fetched`` = WARC-Date (UTC),
and a Skip, with its reason, for each response that is not a usable HTML page.
Heavy lifting: warcio. Known limits: revisit records (deduplicated crawls) carry no body and are
skipped; a truncated file yields the records before the damage, then a Skip.
"""

from __future__ import annotations

import datetime as dt
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
    count = 0
    with path.open("rb") as handle:
        try:
            for record in ArchiveIterator(handle):
                if record.rec_type != "response":
                    logger.debug("%s: %s record ignored", path, record.rec_type)
                    continue
                count += 1
                yield _from_record(record, settings)
        except (ArchiveLoadFailed, EOFError, OSError, zlib.error, ValueError) as exc:
            where = f"after {count} response records" if count else "before any response record"
            raise InputError(f"unreadable or truncated WARC {where} ({exc})", str(path)) from exc


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
