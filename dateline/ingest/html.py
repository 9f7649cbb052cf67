"""HTML pages (.html, .htm, .html.gz): the article body and its metadata, one Article per page.

Input: a file of HTML (or HTML bytes from a WARC record). Output: an Article whose ``raw_text`` is the
extracted body, with title, author, outlet (site name) and url, keeping the page in ``Article.html``
for the date stage. Heavy lifting: trafilatura (body and metadata) and its ``decode_file`` (charset).
Known limits: one article per page; pages whose body is rendered by JavaScript have no text to find.
"""

from __future__ import annotations

import gzip
import logging
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import trafilatura
from trafilatura.settings import Document
from trafilatura.utils import decode_file

from dateline.config import IngestSettings
from dateline.errors import InputError
from dateline.records import Article, Skip

logger = logging.getLogger(__name__)

# trafilatura options, chosen by body F1 on the Zyte article-extraction benchmark
# (`dateline eval extraction`); the comparison of the alternatives is in dateline/evaluate/extraction.py.
# Re-run that command after changing them.
EXTRACT_OPTIONS: dict[str, Any] = {"include_comments": False, "favor_precision": True}

# Signatures of files that are not text: a PDF, image or archive renamed .html.
_BINARY_SIGNS = (b"%PDF-", b"\x89PNG", b"PK\x03\x04", b"\xff\xd8\xff", b"GIF8")
_MARKUP = re.compile(rb"<\s*(html|head|body|div|p|article|meta|title|span|table)\b", re.IGNORECASE)


def read_html(path: Path, settings: IngestSettings) -> Iterator[Article | Skip]:
    """Read one HTML page (optionally gzipped) into an Article.

    Args:
        path: the .html/.htm/.html.gz file.
        settings: the ingest section (its ``max_bytes`` bounds the decompressed size).

    Yields:
        One Article, with ``html`` set and ``raw_text`` = the extracted body.

    Raises:
        InputError: truncated gzip, binary content, no markup, or no article text found.
    """
    source = str(path)
    data = _read_bytes(path, settings.max_bytes)
    html = decode_html(data, source)
    yield article_from_html(html, source)


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    if not path.name.lower().endswith(".gz"):
        return path.read_bytes()
    try:
        with gzip.open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(f"unreadable gzip file ({exc})", str(path)) from exc
    if len(data) > max_bytes:
        raise InputError("decompressed page larger than ingest.max_bytes", str(path))
    return data


def decode_html(data: bytes, source: str) -> str:
    """Decode the bytes of an HTML page, refusing binary data and files without markup.

    Args:
        data: the page bytes (already decompressed).
        source: path or url, for error messages.

    Raises:
        InputError: when the bytes are binary, empty, or hold no HTML markup.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with a BOM: its NUL bytes are not binary
        data = data.decode("utf-16", errors="replace").encode("utf-8")
    head = data[:8192]
    if not data.strip():
        raise InputError("empty page", source)
    if b"\x00" in head or head.lstrip().startswith(_BINARY_SIGNS):
        raise InputError("binary file, not HTML", source)
    if not _MARKUP.search(data[:200_000]):
        raise InputError("no HTML markup found", source)
    return decode_file(data)


def article_from_html(html: str, source: str, url: str | None = None, options: dict[str, Any] | None = None) -> Article:
    """Extract the body and metadata of a page into a raw Article (undated: the date stage dates it).

    Args:
        html: the decoded page.
        source: path or url the page came from (becomes ``Article.source``).
        url: the page url when known (WARC target); else trafilatura's canonical url, if any.
        options: trafilatura options; None = EXTRACT_OPTIONS (only the extraction benchmark passes others).

    Raises:
        InputError: when trafilatura finds no article text.
    """
    chosen = EXTRACT_OPTIONS if options is None else options
    document = trafilatura.bare_extraction(html, url=url, with_metadata=True, **chosen)
    body = (document.text or "").strip() if isinstance(document, Document) else ""
    if not isinstance(document, Document) or not body:
        raise InputError("no article text found in the HTML", source)
    page_url = url or _clean(document.url)
    return Article(
        id=Article.make_id(source, body),
        source=source,
        url=page_url,
        title=_clean(document.title),
        outlet=_clean(document.sitename) or _clean(document.hostname),
        author=_clean(document.author),
        raw_text=body,
        html=html,
        date_method="none",
    )


def _clean(value: Any) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text or None
