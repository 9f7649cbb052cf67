"""Days a page prints for its readers, used to read its publication stamp and htmldate's pick.

Input: a parsed page (lxml tree). Output: calendar days and time zones the page states outside its
machine-readable stamps: the text of its ``datePublished`` and ``<time>`` elements, the IANA zone its
scripts configure, its country (domain and locale), the date its masthead prints (today's, not the
article's), and a MediaWiki diff's revision date. Heavy lifting: dateparser (texts in any language),
zoneinfo and tzdata's zone.tab. Known limits: the masthead test reads English names only.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
from collections.abc import Iterator
from importlib import resources
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import dateparser
import lxml.html
from dateutil import parser as date_parser

logger = logging.getLogger(__name__)

# Longest element text read as a date: a byline date ("Sunday, 6 December 2020, 00:15 CET") fits; longer
# texts are paragraphs that merely contain a date.
MAX_DATE_TEXT = 60
# dateparser must find a whole date: a month and year alone is no day.
_DATEPARSER_SETTINGS = {"REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False}
# A time zone a page's scripts configure: a "timezone"/"tz"/"time_zone" key followed (within a nested
# object such as {"short": "ET", "long": "America/New_York"}) by an IANA area/location name.
_ZONE_SETTING = re.compile(
    r"""(?i:["']?\b(?:time_?zone|tz)["']?\s*[:=])[^;\n]{0,40}?["']?"""
    r"""((?:Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific)/[A-Z][A-Za-z_\-]+(?:/[A-Z][A-Za-z_\-]+)?)"""
)
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_WEEKDAY = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?"
_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY_FIRST = rf"\d{{1,2}}\s+{_MONTH},?\s+(?:19|20)\d\d"
_MONTH_FIRST = rf"{_MONTH}\s+\d{{1,2}},?\s+(?:19|20)\d\d"
# An English date in running text, with the weekday name before it when there is one.
_TEXT_DATE = re.compile(rf"\b(?:({_WEEKDAY}),?\s*\(?\s*)?({_DAY_FIRST}|{_MONTH_FIRST})\b")
# A clock time right after a date ("Mar 4, 2031 at 9:05 PM", "4 Mar 2031, 21:05"): an item's time stamp.
_CLOCK = re.compile(r"^\W{0,4}(?:at\s+|@\s*)?\d{1,2}[:.h]\d{2}")
# Metadata declaring the page's locale ("de-at", "en_AU"); the region is the country it is written for.
_LOCALE_KEYS = ("og:locale", "dc.language", "content-language", "language", "locale")
_REGION = re.compile(r"^[A-Za-z]{2,3}[-_]([A-Za-z]{2})$")
# Country-code domains whose code is not the ISO 3166 one.
_CCTLD_COUNTRY = {"uk": "gb"}
_VISIBLE_TEXT = "//body//text()[not(ancestor::script)][not(ancestor::style)][not(ancestor::noscript)]"


def stated_publication_days(tree: lxml.html.HtmlElement, instant: dt.datetime) -> list[dt.date]:
    """The days a page prints for its publication stamp, in page order.

    Read from the text of elements marked ``itemprop="datePublished"`` and of ``<time>`` elements whose
    ``datetime`` is the stamp's instant: what the reader sees, in the outlet's own time zone and
    language ("04 Marzo 2031", "4 March 2031"). Other ``<time>`` elements (related stories,
    comments) are left out.

    Args:
        tree: the parsed page.
        instant: the publication stamp (timezone-aware).

    Returns:
        Calendar days as printed (no time zone).
    """
    days = []
    languages = page_languages(tree)
    for element in tree.xpath('//*[@itemprop="datePublished"] | //time[@datetime]'):
        if element.get("itemprop") != "datePublished" and _instant(element.get("datetime", "")) != instant:
            continue
        text = " ".join(element.text_content().split())
        if not text or len(text) > MAX_DATE_TEXT or not re.search(r"\d", text):
            continue
        day = _any_language_day(text, languages)
        if day is not None:
            days.append(day)
    return days


def _any_language_day(text: str, languages: list[str] | None) -> dt.date | None:
    """A whole date written in the page's language or English ("04 Marzo 2031"), else None.

    With no language known, dateparser tries all it knows: about 7 s once per process to load them.
    """
    try:
        parsed: dt.datetime | None = dateparser.parse(text, languages=languages, settings=_DATEPARSER_SETTINGS)
    except ValueError:  # a language dateparser does not know ("x-default", "zxx"): English only, not all of them
        parsed = dateparser.parse(text, languages=["en"], settings=_DATEPARSER_SETTINGS)
    return parsed.date() if parsed is not None else None


def page_languages(tree: lxml.html.HtmlElement) -> list[str] | None:
    """The languages a page declares (``lang``, ``og:locale``...) as primary subtags, then English."""
    tags = [tree.get("lang") or "", *(meta.get("content") or "" for meta in _locale_metas(tree))]
    languages = {tag.strip().replace("_", "-").split("-")[0].lower() for tag in tags} - {""}
    return [*sorted(languages - {"en"}), "en"] if languages else None


def _locale_metas(tree: lxml.html.HtmlElement) -> Iterator[lxml.html.HtmlElement]:
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("http-equiv") or "").lower()
        if key in _LOCALE_KEYS:
            yield meta


def _instant(value: str) -> dt.datetime | None:
    try:
        parsed = date_parser.isoparse(value.strip())
    except (ValueError, OverflowError):
        return None
    return parsed if parsed.tzinfo is not None else None


def configured_zone(html: str) -> ZoneInfo | None:
    """The IANA time zone a page's scripts set (``"timezone": "Europe/Rome"``), when it names one only.

    Args:
        html: the page source.

    Returns:
        The zone, or None when the page configures none, several, or an unknown one.
    """
    names = {match.group(1) for match in _ZONE_SETTING.finditer(html)}
    if len(names) != 1:
        return None
    try:
        return ZoneInfo(names.pop())
    except (ZoneInfoNotFoundError, ValueError):
        return None


def is_masthead_date(tree: lxml.html.HtmlElement, day: dt.date) -> bool:
    """Whether ``day`` is printed on the page only as its masthead's date: today's, not the article's.

    News sites print the current day in their header ("Tuesday, 04 Mar 2031"), above every article;
    htmldate can take it for the publication date. The day counts as the masthead's when the first
    date in the page text is it, above the first ``<h1>`` headline, written with its weekday name and no
    clock time, and the page prints that day nowhere else and no later day.

    Args:
        tree: the parsed page.
        day: a date found in the page (htmldate's pick).

    Returns:
        True when the page prints ``day`` only in that masthead form.
    """
    text = _visible_text(tree)
    headline = " ".join(" ".join(tree.xpath("(//h1)[1]//text()")).split())
    top = text.find(headline) if headline else -1  # a masthead is printed above the headline
    mentions = _mentions(text)
    if not mentions:
        return False
    first, first_day = mentions[0]
    if first_day != day or first.group(1) is None or _CLOCK.match(text[first.end() :]):
        return False
    if not _WEEKDAY_NAMES[day.weekday()].startswith(first.group(1).lower().rstrip(".")):
        return False  # a masthead prints today's weekday right ("Monthly", "Sunshine" are no weekdays)
    if top >= 0 and first.start() > top:
        return False
    # Today's date: printed once, and no later date anywhere on the page.
    return sum(parsed == day for _, parsed in mentions) == 1 and all(parsed <= day for _, parsed in mentions)


def printed_days(tree: lxml.html.HtmlElement) -> list[dt.date]:
    """The dates the page text prints in English ("13 Oct 2020", "Monday Apr 13, 2020"), in page order."""
    return [day for _, day in _mentions(_visible_text(tree))]


def _visible_text(tree: lxml.html.HtmlElement) -> str:
    return " ".join(" ".join(tree.xpath(_VISIBLE_TEXT)).split())


def _mentions(text: str) -> list[tuple[re.Match[str], dt.date]]:
    found = [(match, _english_day(match.group(2))) for match in _TEXT_DATE.finditer(text)]
    return [(match, day) for match, day in found if day is not None]


def _english_day(text: str) -> dt.date | None:
    try:
        parsed: dt.datetime = date_parser.parse(text, default=dt.datetime(2001, 1, 1))
    except (ValueError, OverflowError):
        return None
    return parsed.date()


def wiki_revision_day(tree: lxml.html.HtmlElement) -> dt.date | None:
    """The day of the revision a MediaWiki diff page shows ("Latest revision as of 21:05, 4 March 2031").

    A diff page (``index.php?diff=...``) is about one edit; its JSON-LD ``datePublished`` is the day
    the wiki article was created, years before. The new revision's header (``#mw-diff-ntitle1``)
    prints the edit's time in the wiki's language and zone.

    Args:
        tree: the parsed page.

    Returns:
        The revision's day as printed, or None when the page is no MediaWiki diff or the date does not parse.
    """
    headers = tree.xpath('//*[@id="mw-diff-ntitle1"]')
    if not headers:
        return None
    text = " ".join(headers[0].text_content().split())
    # From the first digit to the year: "21:05, 4 March 2031", "4 mars 2031" (the clock may follow it).
    found = re.search(r"\d.*?\b\d{4}\b", text)
    return _any_language_day(found.group(0), page_languages(tree)) if found else None


def country_day(tree: lxml.html.HtmlElement, url: str | None, instant: dt.datetime) -> dt.date | None:
    """The local day of ``instant`` in the outlet's country, when every zone of that country agrees.

    The country is taken only when two independent signs name it: the url's country-code domain
    (``.ca``) and the region of a locale the page declares (``<meta name="dc.language" content="de-at">``,
    ``og:locale``, ``lang``). A language alone says little (Spanish is written from UTC-8 to UTC+1, and
    content-management systems default to en-US); so does a domain alone.

    Args:
        tree: the parsed page.
        url: its address.
        instant: a timezone-aware instant (the publication stamp).

    Returns:
        The day, or None when the country is unknown or its zones straddle midnight at that instant.
    """
    host = (urlsplit(url).hostname or "") if url else ""
    country = _CCTLD_COUNTRY.get(host.rsplit(".", 1)[-1], host.rsplit(".", 1)[-1]).upper()
    if len(country) != 2 or country not in _page_regions(tree):
        return None
    zones = _country_zones().get(country)
    if not zones:
        return None
    days = {instant.astimezone(ZoneInfo(zone)).date() for zone in zones}
    return days.pop() if len(days) == 1 else None


def _page_regions(tree: lxml.html.HtmlElement) -> set[str]:
    tags = [tree.get("lang") or "", *(meta.get("content") or "" for meta in _locale_metas(tree))]
    return {match.group(1).upper() for tag in tags if (match := _REGION.search(tag.strip()))}


@functools.cache
def _country_zones() -> dict[str, list[str]]:
    """Country code -> IANA zones, from the tz database's zone.tab (shipped by the tzdata package)."""
    zones: dict[str, list[str]] = {}
    text = resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            fields = line.split("\t")
            zones.setdefault(fields[0], []).append(fields[2])
    return zones
