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
    html = _page(_meta("2021-12-05T23:15:00Z"), '<p itemprop="datePublished">06 Dicembre 2021</p>', lang="it")
    assert _day(html) == dt.date(2021, 12, 6)


def test_time_element_of_the_same_instant_beats_the_zone_the_page_sets() -> None:
    time = '<time datetime="2021-10-28T22:22:49Z">28 October 2021</time>'
    html = _page(_meta("2021-10-28T22:22:49Z") + _zone_script("Australia/Sydney"), time)
    assert _day(html) == dt.date(2021, 10, 28)


def test_time_element_of_another_instant_is_not_read() -> None:
    related = '<time datetime="2021-12-04T10:00:00Z">6 December 2021</time>'
    assert _day(_page(_meta("2021-12-05T23:15:00Z"), related)) == dt.date(2021, 12, 5)


def test_printed_day_outside_the_stamps_possible_local_days_is_ignored() -> None:
    html = _page(_meta("2021-12-05T12:00:00Z"), '<p itemprop="datePublished">9 December 2021</p>')
    assert _day(html) == dt.date(2021, 12, 5)


def test_zone_the_page_configures_gives_the_local_day() -> None:
    html = _page(_meta("2021-05-02T02:54:29.000Z") + _zone_script("America/New_York"))
    found = date_from_html(html)
    assert found is not None and found.date == dt.date(2021, 5, 1)
    assert "America/New_York" in found.evidence


def test_page_naming_two_zones_keeps_the_utc_day() -> None:
    html = _page(_meta("2021-05-02T02:54:29Z") + _zone_script("America/New_York") + _zone_script("Europe/Rome"))
    assert _day(html) == dt.date(2021, 5, 2)


def test_zone_name_outside_a_time_zone_setting_is_not_read() -> None:
    html = _page(_meta("2021-05-02T02:54:29Z"), '<a href="/latin">Latin America/Caribbean</a>')
    assert _day(html) == dt.date(2021, 5, 2)


@pytest.mark.parametrize(
    ("url", "locale", "stamp", "day"),
    [
        ("https://ici.example.ca/nouvelle/1/", "fr-ca", "2021-08-25T00:23:33Z", dt.date(2021, 8, 24)),
        ("https://news.example.com.au/story/", "en_AU", "2021-04-24T21:25:06Z", dt.date(2021, 4, 25)),
        ("https://news.example.com/story/", "fr-ca", "2021-08-25T00:23:33Z", dt.date(2021, 8, 25)),
        ("https://news.example.ca/story/", "fr", "2021-08-25T00:23:33Z", dt.date(2021, 8, 25)),
        ("https://news.example.us/story/", "en-US", "2021-08-25T05:00:00Z", dt.date(2021, 8, 25)),
    ],
    ids=["canada-all-zones-the-day-before", "australia-all-zones-the-day-after", "locale-without-country-domain",
         "domain-without-locale-region", "zones-straddle-midnight"],
)  # fmt: skip
def test_country_named_by_domain_and_locale_gives_the_day_all_its_zones_agree_on(
    url: str, locale: str, stamp: str, day: dt.date
) -> None:
    html = _page(_meta(stamp) + f'<meta name="dc.language" content="{locale}">')
    assert _day(html, url) == day


def test_stamp_without_offset_with_the_clock_of_a_utc_stamp_is_that_utc_stamp() -> None:
    json_ld = '<script type="application/ld+json">{"datePublished": "2021-08-25T00:23:33.312Z"}</script>'
    stamp = published_stamp(_page(_meta("2021-08-25|00h23", "dc.date.created") + json_ld))
    assert stamp is not None and stamp.utc == dt.datetime(2021, 8, 25, 0, 23, 33, tzinfo=dt.UTC)


def test_stamp_without_offset_keeps_its_day_when_the_utc_stamp_has_another_clock() -> None:
    json_ld = '<script type="application/ld+json">{"datePublished": "2021-08-25T04:23:33Z"}</script>'
    stamp = published_stamp(_page(_meta("2021-08-25|00h23", "dc.date.created") + json_ld))
    assert stamp is not None and stamp.instant is None and stamp.day == dt.date(2021, 8, 25)


_MASTHEAD = '<header><p class="date">Tuesday, (08 Dec 2021)</p><nav>Home World Sport</nav></header>'


@pytest.mark.parametrize(
    ("body", "day", "masthead"),
    [
        (_MASTHEAD, dt.date(2021, 12, 8), True),
        ("<header><p>Wednesday, December 8, 2021</p></header>", dt.date(2021, 12, 8), True),
        ("<p>Tuesday, 08 Dec 2021 at 4:38 PM</p>", dt.date(2021, 12, 8), False),
        (_MASTHEAD + "<p>By Ann Lee, 08 Dec 2021</p>", dt.date(2021, 12, 8), False),
        ("<header><p>08 Dec 2021</p></header>", dt.date(2021, 12, 8), False),
        ("<header><p>Tuesday, 13 Oct 2021</p></header>", dt.date(2021, 12, 8), False),
        (_MASTHEAD + "<aside><p>Ferry fares rise, 9 Dec 2021</p></aside>", dt.date(2021, 12, 8), False),
    ],
    ids=["weekday-date-above-headline", "month-first", "with-clock-time", "also-printed-below",
         "no-weekday", "another-day", "later-day-printed"],
)  # fmt: skip
def test_masthead_date_is_a_weekday_date_above_the_headline_printed_once(
    body: str, day: dt.date, masthead: bool
) -> None:
    tree = lxml.html.document_fromstring(_page(body=body))
    assert html_page_days.is_masthead_date(tree, day) is masthead


def test_masthead_date_below_the_headline_is_not_a_masthead() -> None:
    html = "<html><body><h1>Ferry strike ends</h1><p>Tuesday, 08 Dec 2021</p></body></html>"
    assert not html_page_days.is_masthead_date(lxml.html.document_fromstring(html), dt.date(2021, 12, 8))


def test_date_after_the_masthead_is_taken_over_it() -> None:
    byline = '<div class="meta"><a href="/time/2021-10-13" title="13 Oct 2021 18:29">13 Oct 2021 18:29</a></div>'
    html = _page(body=_MASTHEAD).replace(_BODY, byline + _BODY)
    found = date_from_html(html)
    assert found is not None and found.date == dt.date(2021, 10, 13)
    assert "masthead" in found.evidence


def _wiki_diff(revision_header: str) -> str:
    json_ld = (
        '<script type="application/ld+json">{"@type": "Article", "datePublished": "2009-07-26T16:22:26Z"}</script>'
    )
    return (
        f"<html><head><title>Ferry - Difference between revisions</title>{json_ld}</head><body>"
        '<table class="diff"><tr><td><div id="mw-diff-otitle1"><a>Revision as of 07:47, 28 March 2021</a></div></td>'
        f'<td><div id="mw-diff-ntitle1"><strong><a href="/index.php?oldid=2">{revision_header}</a> '
        "<span>(edit)</span></strong></div></td></tr></table></body></html>"
    )


@pytest.mark.parametrize(
    "header",
    [
        "Latest revision as of 05:33, 7 April 2021",
        "Revision as of 05:33, 7 April 2021",
        "Version du 7 avril 2021 à 05:33",
    ],
    ids=["latest", "older", "french"],
)
def test_wiki_diff_page_is_dated_by_the_revision_it_shows(header: str) -> None:
    found = date_from_html(_wiki_diff(header), url="https://wiki.example.org/index.php?title=Ferry&diff=2&oldid=1")
    assert found is not None and found.date == dt.date(2021, 4, 7)
    assert "MediaWiki" in found.evidence


def test_wiki_page_without_diff_keeps_its_metadata() -> None:
    html = _wiki_diff("x").replace('id="mw-diff-ntitle1"', 'id="content"')
    found = date_from_html(html)
    assert found is not None and found.date == dt.date(2009, 7, 26)


def test_masthead_date_is_kept_when_the_earlier_date_is_not_printed() -> None:
    image = '<img src="https://cdn.example.com/uploads/2021/10/13/ferry.jpg" alt="ferry">'
    html = _page(body=_MASTHEAD).replace(_BODY, image + _BODY)
    found = date_from_html(html)
    assert found is not None and found.date == dt.date(2021, 12, 8)


def test_masthead_date_is_kept_when_the_url_carries_it() -> None:
    byline = "<p>Updated 13 Oct 2021 18:29</p>"
    html = _page(body=_MASTHEAD).replace(_BODY, byline + _BODY)
    found = date_from_html(html, url="https://news.example.com/2021/12/08/ferry-strike-ends/")
    assert found is not None and found.date == dt.date(2021, 12, 8)


def test_masthead_is_only_the_fetch_day_when_the_crawl_date_is_known() -> None:
    byline = "<p>13 Oct 2021 18:29</p>"
    html = _page(body=_MASTHEAD).replace(_BODY, byline + _BODY)
    found = date_from_html(html, fetched=dt.date(2021, 12, 20))
    assert found is not None and found.date == dt.date(2021, 12, 8)
