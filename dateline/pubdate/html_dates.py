"""Publication date of an HTML page, from its markup and metadata.

Input: the page HTML, its url and (from a WARC) the crawl date. Output: an HtmlDate (date and how it
was found) or None. Order: a MediaWiki diff page's revision date; the publication timestamp the page
states in its metadata (meta tags, then itemprop, then JSON-LD ``datePublished``; lxml and dateutil
parse them), a UTC one placed on the outlet's day (url date, printed day, configured zone, country:
html_page_days); else htmldate (``original_date=True``: the first publication, not the last update)
with a masthead's "today" set aside, bounded above by the crawl date (else by MAX_DATE, not today).
Known limits: pages that print only a relative date ("3 hours ago") or none at all are left to the text
estimate; a UTC stamp with no such clue keeps its UTC day; a CMS writing local clocks with "Z" misleads it.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass

import lxml.html
from dateutil import parser as date_parser
from htmldate import find_date
from lxml.etree import ParserError

from dateline.pubdate import html_page_days as page_days

logger = logging.getLogger(__name__)

# htmldate refuses dates before this one (its own default floor is 1995-01-01).
MIN_DATE = dt.date(1995, 1, 1)
# Upper bound when no crawl date is known. htmldate's own default is today, which loses the date of any
# page set after the machine's clock (an archive replayed on an old clock, a scenario set in the future);
# a page's own far-future dates (an event calendar) are rarer than that.
MAX_DATE = dt.date(2100, 12, 31)
# Offsets (hours from UTC) of the places news is published from: Hawaii (UTC-10) to Kiribati (UTC+14).
# A UTC stamp can be any local day in this range. Set from geography (UTC-11/-12 are atolls with no
# press), not fitted; one page of the html-dates set depends on it (10:04Z, url date the day before).
WESTMOST_OFFSET_HOURS = -10
EASTMOST_OFFSET_HOURS = 14
_EMPTY_PAGE = "<html><body></body></html>"
# Metadata stating the first publication, most specific first (Open Graph, schema.org, Dublin Core and
# the publishing systems' own names; htmldate's DATE_ATTRIBUTES lists more, some of them too loose).
PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "og:published_time", "article:published",
    "datepublished", "published_time", "publish_date", "publish-date", "publishdate", "pubdate",
    "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.issued", "dcterms.created", "dc.date.created",
)  # fmt: skip
# Day, then optionally clock and offset; the clock may follow a "|" and read "00h23" (French style).
_ISO_STAMP = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:(?:[T ]|\s*\|\s*)(\d{1,2})[:h](\d{2})(?::(\d{1,2}))?(?:[.,]\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?"
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_DEFAULTS = (dt.datetime(2001, 1, 1), dt.datetime(2002, 2, 2))


@dataclass(frozen=True)
class HtmlDate:
    """A publication date read from a page, with the reason."""

    date: dt.date
    evidence: str


def date_from_html(html: str, url: str | None = None, fetched: dt.date | None = None) -> HtmlDate | None:
    """The publication date a page states in its markup or metadata.

    The day is the one printed for the outlet's readers: the local day of the offset the page states
    (``2020-06-29T00:16+03:00`` is June 29th). A stamp in UTC says nothing of the outlet's time zone;
    when the url carries a date that is the same instant's local day somewhere between UTC-10 and UTC+14,
    that url date (written by the outlet's own system) is taken.

    Args:
        html: the page.
        url: its address (dates in urls such as /2020/01/28/ count).
        fetched: the crawl date: the page cannot be published later (days, UTC).

    Returns:
        The date, or None when the page states none.
    """
    latest = fetched or MAX_DATE
    tree = _parse(html)
    revision = page_days.wiki_revision_day(tree) if tree is not None else None
    if revision is not None and MIN_DATE <= revision <= latest:
        return HtmlDate(revision, f"MediaWiki diff page: the revision shown is of {revision.isoformat()}")
    stamp = _published_stamp(tree) if tree is not None else None
    if stamp is not None and MIN_DATE <= stamp.day <= latest:
        return _from_stamp(stamp, url, latest, html, tree)
    found = _find(html, url, latest, extensive=True)
    if found is None:
        return None
    if (found.month, found.day) == (1, 1) and _find(html, url, latest, extensive=False) != found:
        # htmldate's extensive search turns a bare year ("© 2020") into January 1st: not a publication date.
        logger.debug("%s: htmldate gave %s from a year alone; ignored", url or "page", found)
        return None
    if _may_be_masthead(found, url, latest, fetched) and tree is not None and page_days.is_masthead_date(tree, found):
        # htmldate's next pick below the masthead's day, if the page prints it too (a byline, not a script).
        earlier = _find(html, url, found - dt.timedelta(days=1), extensive=True)
        if earlier is not None and earlier in page_days.printed_days(tree):
            return HtmlDate(earlier, f"htmldate found {earlier.isoformat()} in the page markup; "
                                     f"{found.isoformat()} is only its masthead's date")  # fmt: skip
    return HtmlDate(found, f"htmldate found {found.isoformat()} in the page markup")


def _may_be_masthead(found: dt.date, url: str | None, latest: dt.date, fetched: dt.date | None) -> bool:
    """A masthead prints the day the page was fetched (give or take the time zone), not the url's date."""
    if fetched is not None and abs((fetched - found).days) > 1:
        return False
    return _url_date(url, latest) != found


def _from_stamp(stamp: Stamp, url: str | None, latest: dt.date, html: str, tree: lxml.html.HtmlElement) -> HtmlDate:
    url_day = _url_date(url, latest)
    evidence = f"{stamp.source} states {stamp.text!r}"
    if stamp.utc is None or url_day == stamp.day:
        return HtmlDate(stamp.day, evidence)
    if url_day is None:
        return _local_day(stamp, stamp.utc, html, tree, url)
    if _window(stamp.utc)[0] <= url_day <= _window(stamp.utc)[1]:
        return HtmlDate(url_day, f"{evidence} in UTC; the url gives the local day {url_day.isoformat()}")
    return HtmlDate(stamp.day, f"{evidence}; the url date {url_day.isoformat()} is not that day anywhere")


def _window(instant: dt.datetime) -> tuple[dt.date, dt.date]:
    """The local days a UTC instant can be somewhere news is published."""
    return ((instant + dt.timedelta(hours=WESTMOST_OFFSET_HOURS)).date(),
            (instant + dt.timedelta(hours=EASTMOST_OFFSET_HOURS)).date())  # fmt: skip


def _local_day(stamp: Stamp, utc: dt.datetime, html: str, tree: lxml.html.HtmlElement, url: str | None) -> HtmlDate:
    """The outlet's day of a UTC stamp (``utc``): the day the page prints for it, else the day in the zone
    it sets, else the day in its country (when all the country's zones agree), else the UTC day."""
    evidence = f"{stamp.source} states {stamp.text!r} in UTC"
    earliest, latest = _window(utc)
    for day in page_days.stated_publication_days(tree, utc):
        if earliest <= day <= latest:
            return HtmlDate(day, f"{evidence}; the page prints the day {day.isoformat()}")
    zone = page_days.configured_zone(html)
    if zone is not None:
        day = utc.astimezone(zone).date()
        return HtmlDate(day, f"{evidence}; the page sets the time zone {zone.key}: {day.isoformat()}")
    in_country = page_days.country_day(tree, url, utc)
    if in_country is not None:
        return HtmlDate(in_country, f"{evidence}; {in_country.isoformat()} in every time zone of the outlet's country")
    return HtmlDate(stamp.day, evidence)


def _url_date(url: str | None, latest: dt.date) -> dt.date | None:
    """The date htmldate reads from the url alone (an empty page leaves it nothing else)."""
    return _find(_EMPTY_PAGE, url, latest, extensive=False) if url else None


def _find(html: str, url: str | None, latest: dt.date, extensive: bool) -> dt.date | None:
    try:
        found = find_date(html, url=url, original_date=True, extensive_search=extensive,
                          min_date=dt.datetime.combine(MIN_DATE, dt.time()),
                          max_date=dt.datetime.combine(latest, dt.time.max))  # fmt: skip
    except ValueError as exc:  # htmldate raises on markup lxml cannot parse at all
        logger.info("htmldate failed on %s: %s", url or "page", exc)
        return None
    return dt.date.fromisoformat(found) if found else None


@dataclass(frozen=True)
class Stamp:
    """A publication timestamp a page states: its day as written and, when it has an offset, the instant."""

    day: dt.date
    instant: dt.datetime | None
    text: str
    source: str
    clock: dt.datetime | None = None  # the wall-clock time as written (naive), offset or not

    @property
    def utc(self) -> dt.datetime | None:
        """The instant when the stamp is stated in UTC (``Z``, ``+00:00``): it then tells no local day."""
        return self.instant if self.instant is not None and self.instant.utcoffset() == dt.timedelta(0) else None


def published_stamp(html: str) -> Stamp | None:
    """The first publication timestamp a page states in its metadata, if any.

    Meta tags come first (``article:published_time`` and kin), then ``itemprop="datePublished"``
    attributes, then the ``datePublished`` of the page's JSON-LD objects (top level and ``@graph``).

    Args:
        html: the page.

    Returns:
        The stamp: ``day`` is the calendar day as written (the local day of its offset). When the first
        stamp is in UTC and a later one states the same instant with a local offset, the later one is
        returned: only it tells the outlet's day. When the first stamp has a clock but no offset and a
        later one states the same clock in UTC, the UTC one is returned. None when no value parses.
    """
    tree = _parse(html)
    return _published_stamp(tree) if tree is not None else None


def _parse(html: str) -> lxml.html.HtmlElement | None:
    try:
        return lxml.html.document_fromstring(html.encode("utf-8", "replace"))
    except (ParserError, ValueError) as exc:
        logger.info("page not parsed for its metadata: %s", exc)
        return None


def _published_stamp(tree: lxml.html.HtmlElement) -> Stamp | None:
    stamps = [stamp for source, text in _stamp_texts(tree) if (stamp := _parse_stamp(text, source))]
    if not stamps:
        return None
    first = stamps[0]
    if first.utc is not None:
        for other in stamps[1:]:
            if other.instant is not None and other.utc is None and other.instant == first.instant:
                return other
    if first.instant is None and first.clock is not None:
        # A stamp without offset written with the same clock as a later UTC stamp ("2031-03-05|02h40",
        # "2031-03-05T02:40:11Z") is that UTC stamp: its day is UTC's, not necessarily the outlet's.
        for other in stamps[1:]:
            if other.utc is not None and _minute(other.utc.replace(tzinfo=None)) == _minute(first.clock):
                return other
    return first


def _minute(clock: dt.datetime) -> dt.datetime:
    return clock.replace(second=0, microsecond=0)


def _stamp_texts(tree: lxml.html.HtmlElement) -> Iterator[tuple[str, str]]:
    metas: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        metas.setdefault(key, meta.get("content") or "")
    for key in PUBLISHED_META:
        if metas.get(key):
            yield f"meta {key}", metas[key]
    for element in tree.xpath('//*[@itemprop="datePublished"][@content or @datetime]'):
        yield "itemprop datePublished", element.get("content") or element.get("datetime") or ""
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        for value in _json_ld_published(script.text or ""):
            yield "JSON-LD datePublished", value


def _json_ld_published(text: str) -> Iterator[str]:
    try:
        data = json.loads(text, strict=False)
    except json.JSONDecodeError:
        return
    items = data if isinstance(data, list) else [data]
    for item in items:
        if not isinstance(item, dict):
            continue
        graph = item.get("@graph")
        for entry in [item, *(graph if isinstance(graph, list) else [])]:
            if isinstance(entry, dict) and isinstance(entry.get("datePublished"), str):
                yield entry["datePublished"]


def _parse_stamp(text: str, source: str) -> Stamp | None:
    text = text.strip()
    match = _ISO_STAMP.match(text)
    try:
        if match is None:
            return _parse_free_stamp(text, source)
        year, month, day, hour, minute, second, offset = match.groups()
        stated = dt.date(int(year), int(month), int(day))
        if hour is None:
            return Stamp(stated, None, text, source)
        clock = dt.datetime.combine(stated, dt.time(int(hour), int(minute), int(second or 0)))
        if offset is None:
            return Stamp(stated, None, text, source, clock)
        return Stamp(stated, clock.replace(tzinfo=_zone(offset)), text, source, clock)
    except (ValueError, OverflowError):  # out-of-range fields, offsets of a day or more, unparsable text
        return None


def _zone(offset: str) -> dt.timezone:
    if offset == "Z":
        return dt.UTC
    sign = -1 if offset.startswith("-") else 1
    digits = offset[1:].replace(":", "")
    return dt.timezone(sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def _parse_free_stamp(text: str, source: str) -> Stamp | None:
    """A stamp not in ISO form ("Tue, Sep 15 2020 10:01:41 EDT"): its day as written, zone ignored."""
    if not _YEAR.search(text):
        return None
    # dateutil fills a missing year, month or day from its default, and reads 05/06 month first: a
    # complete, unambiguous date comes out the same with two defaults and either order.
    parsed = date_parser.parse(text, ignoretz=True, default=_DEFAULTS[0])
    other = date_parser.parse(text, ignoretz=True, default=_DEFAULTS[1], dayfirst=True)
    return Stamp(parsed.date(), None, text, source) if other.date() == parsed.date() else None
