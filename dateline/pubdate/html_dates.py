"""Publication date of an HTML page, from its markup and metadata.

Input: the page HTML, its url and (from a WARC) the crawl date. Output: an HtmlDate (date and how it
was found) or None. Heavy lifting: htmldate (``original_date=True``: the first publication, not the
last update), bounded above by the crawl date (else by MAX_DATE, not today). Known limits: pages that
print only a relative date ("3 hours ago") or none at all are left to the text estimate.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from htmldate import find_date

logger = logging.getLogger(__name__)

# htmldate refuses dates before this one (its own default floor is 1995-01-01).
MIN_DATE = dt.date(1995, 1, 1)
# Upper bound when no crawl date is known. htmldate's own default is today, which loses the date of any
# page set after the machine's clock (an archive replayed on an old clock, a scenario set in the future);
# a page's own far-future dates (an event calendar) are rarer than that.
MAX_DATE = dt.date(2100, 12, 31)


@dataclass(frozen=True)
class HtmlDate:
    """A publication date read from a page, with the reason."""

    date: dt.date
    evidence: str


def date_from_html(html: str, url: str | None = None, fetched: dt.date | None = None) -> HtmlDate | None:
    """The publication date a page states in its markup or metadata.

    Args:
        html: the page.
        url: its address (dates in urls such as /2020/01/28/ count).
        fetched: the crawl date: the page cannot be published later (days, UTC).

    Returns:
        The date, or None when the page states none.
    """
    found = _find(html, url, fetched, extensive=True)
    if found is None:
        return None
    if (found.month, found.day) == (1, 1) and _find(html, url, fetched, extensive=False) != found:
        # htmldate's extensive search turns a bare year ("© 2020") into January 1st: not a publication date.
        logger.debug("%s: htmldate gave %s from a year alone; ignored", url or "page", found)
        return None
    return HtmlDate(found, f"htmldate found {found.isoformat()} in the page markup")


def _find(html: str, url: str | None, fetched: dt.date | None, extensive: bool) -> dt.date | None:
    latest = dt.datetime.combine(fetched or MAX_DATE, dt.time.max)
    try:
        found = find_date(html, url=url, original_date=True, extensive_search=extensive,
                          min_date=dt.datetime.combine(MIN_DATE, dt.time()), max_date=latest)  # fmt: skip
    except ValueError as exc:  # htmldate raises on markup lxml cannot parse at all
        logger.info("htmldate failed on %s: %s", url or "page", exc)
        return None
    return dt.date.fromisoformat(found) if found else None
