"""Field helpers shared by the record readers: dates and the Article built from a mapping."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dateline.config import IngestSettings
from dateline.errors import InputError
from dateline.records import Article

_DATE_KEYS = ("published", "date", "time", "publish_date", "pubdate")


def parse_date(value: Any) -> dt.date | None:
    """An ISO date or timestamp (``2020-01-28``, ``2020-01-28 00:00:00``, ``...T12:00Z``), else None."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip().replace("Z", "+00:00")
    for candidate in (text, text[:10]):
        try:
            return dt.datetime.fromisoformat(candidate).date()
        except ValueError:
            continue
    return None


def article_from_mapping(row: dict[str, Any], source: str, settings: IngestSettings) -> Article:
    """Build a raw Article from a JSON object or CSV row.

    Raises:
        InputError: when the text column is missing or empty.
    """
    text = row.get(settings.text_column)
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"no text in column '{settings.text_column}'", source)
    date_value = row.get(settings.date_column)
    if date_value in (None, ""):
        date_value = next((row[k] for k in _DATE_KEYS if row.get(k) not in (None, "")), None)
    published = parse_date(date_value)
    url = _str_or_none(row.get(settings.url_column))
    text = text.replace("\r\n", "\n")
    return Article(
        id=Article.make_id(url or source, text),
        source=url or source,
        url=url,
        title=_str_or_none(row.get(settings.title_column)),
        outlet=_str_or_none(row.get(settings.outlet_column)),
        author=_str_or_none(row.get("author")),
        raw_text=text,
        published=published,
        published_earliest=published,
        published_latest=published,
        date_method="metadata" if published else "none",
        date_evidence=[f"record field: {date_value}"] if published else [],
    )


def _str_or_none(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None
