"""Plain-text dumps: one article per file, taken as it is (cleaning comes later).

Also holds the byte decoding every reader shares: UTF-8 first, then charset detection
(charset-normalizer, already a dependency of trafilatura), refusing binary data.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterator
from pathlib import Path

from charset_normalizer import from_bytes

from dateline.config import IngestSettings
from dateline.errors import InputError
from dateline.records import Article, Skip

logger = logging.getLogger(__name__)

# A text with more than this share of control characters (other than whitespace) is binary.
# Tuned on PDFs, images and zip files renamed .txt: they score > 0.1, real text ~0.
MAX_CONTROL_SHARE = 0.02
_DATE_FOLDER = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def decode_text(data: bytes, source: str) -> str:
    """Decode bytes to text, or raise InputError when they are binary or undecodable.

    Args:
        data: the raw file content.
        source: path or url, for the error message.
    """
    if b"\x00" in data[:8192]:
        raise InputError("binary file (NUL bytes), not text", source)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _decode_legacy(data, source)
    sample = text[:20000]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    if sample and control / len(sample) > MAX_CONTROL_SHARE:
        raise InputError("binary file (control characters), not text", source)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode_legacy(data: bytes, source: str) -> str:
    # Windows-1252 first: it is what non-UTF-8 English news pages are in, and detectors mistake
    # short latin texts for Baltic or Cyrillic code pages.
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        if best is None:
            raise InputError("cannot detect the text encoding", source) from None
        logger.info("%s: decoded as %s", source, best.encoding)
        return str(best)


def folder_date(path: Path) -> dt.date | None:
    """The date of a ``.../YYYY-MM-DD/file`` layout (Timeline17), else None."""
    match = _DATE_FOLDER.match(path.parent.name)
    if not match:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def read_text(path: Path, settings: IngestSettings) -> Iterator[Article | Skip]:
    """Read one .txt article. A ``YYYY-MM-DD`` parent folder gives its publication date."""
    text = decode_text(path.read_bytes(), str(path))
    source = str(path)
    published = folder_date(path)
    yield Article(
        id=Article.make_id(source, text),
        source=source,
        raw_text=text,
        published=published,
        published_earliest=published,
        published_latest=published,
        date_method="folder" if published else "none",
        date_evidence=[f"folder name {path.parent.name}"] if published else [],
    )
