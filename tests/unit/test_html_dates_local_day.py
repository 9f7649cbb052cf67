"""html_dates: the outlet's day of a UTC stamp, masthead dates, MediaWiki diff pages (invented pages)."""

from __future__ import annotations

import datetime as dt

import lxml.html
import pytest

from dateline.pubdate import html_page_days
from dateline.pubdate.html_dates import date_from_html, published_stamp

_BODY = "<p>The ferry sailed again on its old route, the operator said after the talks ended.</p>"


def _page(head: str = "", body: str = "", headline: str = "Ferry strike ends", lang: str = "en") -> str:
    return (
        f'<html lang="{lang}"><head><title>{headline}</title>{head}</head>'
        f"<body>{body}<h1>{headline}</h1>{_BODY}</body></html>"
    )


def _meta(value: str, key: str = "article:published_time") -> str:
    return f'<meta property="{key}" content="{value}">'


def _zone_script(zone: str) -> str:
    return f'<script>window.config = {{"timezone": {{"short": "X", "long": "{zone}"}}}};</script>'


def _day(html: str, url: str | None = None) -> dt.date | None:
    found = date_from_html(html, url=url)
    return found.date if found else None


def test_day_printed_for_the_stamp_gives_the_local_day_of_a_utc_stamp() -> None:
    html = _page(_meta("2031-03-13T23:40:00Z"), '<p itemprop="datePublished">14 Marzo 2031</p>', lang="it")
    assert _day(html) == dt.date(2031, 3, 14)


def test_time_element_of_the_same_instant_beats_the_zone_the_page_sets() -> None:
    time = '<time datetime="2031-03-20T22:10:00Z">20 March 2031</time>'
    html = _page(_meta("2031-03-20T22:10:00Z") + _zone_script("Australia/Sydney"), time)
    assert _day(html) == dt.date(2031, 3, 20)


def test_time_element_of_another_instant_is_not_read() -> None:
    related = '<time datetime="2031-03-12T10:00:00Z">14 March 2031</time>'
    assert _day(_page(_meta("2031-03-13T23:40:00Z"), related)) == dt.date(2031, 3, 13)


def test_printed_day_outside_the_stamps_possible_local_days_is_ignored() -> None:
    html = _page(_meta("2031-03-13T12:00:00Z"), '<p itemprop="datePublished">17 March 2031</p>')
    assert _day(html) == dt.date(2031, 3, 13)


def test_zone_the_page_configures_gives_the_local_day() -> None:
    html = _page(_meta("2031-03-05T02:41:00.000Z") + _zone_script("America/New_York"))
    found = date_from_html(html)
    assert found is not None and found.date == dt.date(2031, 3, 4)
    assert "America/New_York" in found.evidence


def test_page_naming_two_zones_keeps_the_utc_day() -> None:
    html = _page(_meta("2031-03-05T02:41:00Z") + _zone_script("America/New_York") + _zone_script("Europe/Rome"))
    assert _day(html) == dt.date(2031, 3, 5)


def test_zone_name_outside_a_time_zone_setting_is_not_read() -> None:
    html = _page(_meta("2031-03-05T02:41:00Z"), '<a href="/latin">Latin America/Caribbean</a>')
    assert _day(html) == dt.date(2031, 3, 5)


@pytest.mark.parametrize(
    ("url", "locale", "stamp", "day"),
    [
        ("https://nachrichten.example.at/meldung/1/", "de-at", "2031-03-04T23:30:00Z", dt.date(2031, 3, 5)),
        ("https://news.example.com.au/story/", "en_AU", "2031-03-20T21:10:00Z", dt.date(2031, 3, 21)),
        ("https://news.example.com/story/", "de-at", "2031-03-04T23:30:00Z", dt.date(2031, 3, 4)),
        ("https://news.example.at/story/", "de", "2031-03-04T23:30:00Z", dt.date(2031, 3, 4)),
        ("https://news.example.us/story/", "en-US", "2031-03-05T05:00:00Z", dt.date(2031, 3, 5)),
    ],
    ids=["austria-one-zone-the-day-after", "australia-all-zones-the-day-after", "locale-without-country-domain",
         "domain-without-locale-region", "zones-straddle-midnight"],
)  # fmt: skip
def test_country_named_by_domain_and_locale_gives_the_day_all_its_zones_agree_on(
    url: str, locale: str, stamp: str, day: dt.date
) -> None:
    html = _page(_meta(stamp) + f'<meta name="dc.language" content="{locale}">')
    assert _day(html, url) == day


def test_stamp_without_offset_with_the_clock_of_a_utc_stamp_is_that_utc_stamp() -> None:
    json_ld = '<script type="application/ld+json">{"datePublished": "2031-03-05T02:40:11.312Z"}</script>'
    stamp = published_stamp(_page(_meta("2031-03-05|02h40", "dc.date.created") + json_ld))
    assert stamp is not None and stamp.utc == dt.datetime(2031, 3, 5, 2, 40, 11, tzinfo=dt.UTC)


def test_stamp_without_offset_keeps_its_day_when_the_utc_stamp_has_another_clock() -> None:
    json_ld = '<script type="application/ld+json">{"datePublished": "2031-03-05T06:40:11Z"}</script>'
    stamp = published_stamp(_page(_meta("2031-03-05|02h40", "dc.date.created") + json_ld))
    assert stamp is not None and stamp.instant is None and stamp.day == dt.date(2031, 3, 5)


_MASTHEAD = '<header><p class="date">Tuesday, 04 Mar 2031</p><nav>Home World Sport</nav></header>'


@pytest.mark.parametrize(
    ("body", "day", "masthead"),
    [
        (_MASTHEAD, dt.date(2031, 3, 4), True),
        ("<header><p>Tuesday, March 4, 2031</p></header>", dt.date(2031, 3, 4), True),
        ("<p>Tuesday, 04 Mar 2031 at 4:38 PM</p>", dt.date(2031, 3, 4), False),
        (_MASTHEAD + "<p>By Ann Lee, 04 Mar 2031</p>", dt.date(2031, 3, 4), False),
        ("<header><p>04 Mar 2031</p></header>", dt.date(2031, 3, 4), False),
        ("<header><p>Tuesday, 11 Feb 2031</p></header>", dt.date(2031, 3, 4), False),
        (_MASTHEAD + "<aside><p>Ferry fares rise, 5 Mar 2031</p></aside>", dt.date(2031, 3, 4), False),
        ("<header><p>Wednesday, 04 Mar 2031</p></header>", dt.date(2031, 3, 4), False),
        ("<header><p>Tues. 04 Mar 2031</p></header>", dt.date(2031, 3, 4), True),
        ("<header><p>Monthly 04 Mar 2031</p></header>", dt.date(2031, 3, 4), False),
    ],
    ids=["weekday-date-above-headline", "month-first", "with-clock-time", "also-printed-below",
         "no-weekday", "another-day", "later-day-printed", "wrong-weekday", "abbreviated-weekday", "not-a-weekday"],
)  # fmt: skip
def test_masthead_date_is_a_weekday_date_above_the_headline_printed_once(
    body: str, day: dt.date, masthead: bool
) -> None:
    tree = lxml.html.document_fromstring(_page(body=body))
    assert html_page_days.is_masthead_date(tree, day) is masthead


def test_masthead_date_below_the_headline_is_not_a_masthead() -> None:
    html = "<html><body><h1>Ferry strike ends</h1><p>Tuesday, 04 Mar 2031</p></body></html>"
    assert not html_page_days.is_masthead_date(lxml.html.document_fromstring(html), dt.date(2031, 3, 4))


def test_date_after_the_masthead_is_taken_over_it() -> None:
    byline = '<div class="meta"><a href="/time/2031-02-11" title="11 Feb 2031 18:29">11 Feb 2031 18:29</a></div>'
    html = _page(body=_MASTHEAD).replace(_BODY, byline + _BODY)
    found = date_from_html(html)
    assert found is not None and found.date == dt.date(2031, 2, 11)
    assert "masthead" in found.evidence


def _wiki_diff(revision_header: str) -> str:
    json_ld = (
        '<script type="application/ld+json">{"@type": "Article", "datePublished": "2009-07-26T16:22:26Z"}</script>'
    )
    return (
        f"<html><head><title>Ferry - Difference between revisions</title>{json_ld}</head><body>"
        '<table class="diff"><tr><td><div id="mw-diff-otitle1"><a>Revision as of 08:10, 1 March 2031</a></div></td>'
        f'<td><div id="mw-diff-ntitle1"><strong><a href="/index.php?oldid=2">{revision_header}</a> '
        "<span>(edit)</span></strong></div></td></tr></table></body></html>"
    )


@pytest.mark.parametrize(
    "header",
    [
        "Latest revision as of 21:05, 4 March 2031",
        "Revision as of 21:05, 4 March 2031",
        "Version du 4 mars 2031 à 21:05",
    ],
    ids=["latest", "older", "french"],
)
def test_wiki_diff_page_is_dated_by_the_revision_it_shows(header: str) -> None:
    found = date_from_html(_wiki_diff(header), url="https://wiki.example.org/index.php?title=Ferry&diff=2&oldid=1")
    assert found is not None and found.date == dt.date(2031, 3, 4)
    assert "MediaWiki" in found.evidence


def test_wiki_page_without_diff_keeps_its_metadata() -> None:
    html = _wiki_diff("x").replace('id="mw-diff-ntitle1"', 'id="content"')
    found = date_from_html(html)
    assert found is not None and found.date == dt.date(2009, 7, 26)


def test_masthead_date_is_kept_when_the_earlier_date_is_not_printed() -> None:
    image = '<img src="https://cdn.example.com/uploads/2031/02/11/ferry.jpg" alt="ferry">'
    html = _page(body=_MASTHEAD).replace(_BODY, image + _BODY)
    found = date_from_html(html)
    assert found is not None and found.date == dt.date(2031, 3, 4)


def test_masthead_date_is_kept_when_the_url_carries_it() -> None:
    byline = "<p>Updated 11 Feb 2031 18:29</p>"
    html = _page(body=_MASTHEAD).replace(_BODY, byline + _BODY)
    found = date_from_html(html, url="https://news.example.com/2031/03/04/ferry-strike-ends/")
    assert found is not None and found.date == dt.date(2031, 3, 4)


def test_masthead_is_only_the_fetch_day_when_the_crawl_date_is_known() -> None:
    byline = "<p>11 Feb 2031 18:29</p>"
    html = _page(body=_MASTHEAD).replace(_BODY, byline + _BODY)
    found = date_from_html(html, fetched=dt.date(2031, 3, 16))
    assert found is not None and found.date == dt.date(2031, 3, 4)
