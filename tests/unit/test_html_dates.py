"""html_dates: the publication stamp a page states, its local day, and the url date as the outlet's day."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.pubdate.html_dates import date_from_html, published_stamp


def _page(head: str = "", body: str = "<p>The ferry sailed again, the operator said.</p>") -> str:
    title = "Ferry strike ends"
    return f"<html><head><title>{title}</title>{head}</head><body><h1>{title}</h1>{body}</body></html>"


def _meta(value: str, key: str = "article:published_time") -> str:
    return f'<meta property="{key}" content="{value}">'


def _json_ld(value: str) -> str:
    return f'<script type="application/ld+json">{{"@type": "NewsArticle", "datePublished": "{value}"}}</script>'


@pytest.mark.parametrize(
    ("head", "day"),
    [
        (_meta("2021-03-09T00:16:15+03:00"), dt.date(2021, 3, 9)),
        (_meta("2021-03-09T22:40:00-05:00"), dt.date(2021, 3, 9)),
        (_meta("2021-03-09T08:00:00Z"), dt.date(2021, 3, 9)),
        (_meta("2021-03-09"), dt.date(2021, 3, 9)),
    ],
    ids=["east-of-utc-after-midnight", "west-of-utc-late-evening", "utc", "day-only"],
)
def test_stamp_gives_the_local_day_of_its_offset(head: str, day: dt.date) -> None:
    found = date_from_html(_page(head))
    assert found is not None and found.date == day


def test_json_ld_date_in_free_form_is_read() -> None:
    found = date_from_html(_page(_json_ld("Tue, Mar 9 2021 10:01:41 EDT"), "<p>Updated on 2020-05-20.</p>"))
    assert found is not None and found.date == dt.date(2021, 3, 9)
    assert "JSON-LD" in found.evidence


def test_meta_tag_comes_before_json_ld() -> None:
    stamp = published_stamp(_page(_meta("2021-03-08T21:25:06+00:00") + _json_ld("2021-03-09T07:25:06Z")))
    assert stamp is not None and stamp.day == dt.date(2021, 3, 8)


def test_utc_stamp_gives_way_to_the_same_instant_with_a_local_offset() -> None:
    page = _page(_meta("2021-03-08T23:59:50+00:00") + _json_ld("2021-03-09T01:59:50+02:00"))
    found = date_from_html(page)
    assert found is not None and found.date == dt.date(2021, 3, 9)


def test_utc_stamp_keeps_its_day_when_the_local_stamp_is_another_instant() -> None:
    page = _page(_meta("2021-03-08T23:59:50+00:00") + _json_ld("2021-03-09T05:00:00+02:00"))
    found = date_from_html(page)
    assert found is not None and found.date == dt.date(2021, 3, 8)


def test_url_date_is_the_local_day_of_a_utc_stamp_just_after_midnight() -> None:
    page = _page(_meta("2021-03-09T02:18:11Z"))
    found = date_from_html(page, url="https://news.example/2021/03/08/ferry-strike-ends/")
    assert found is not None and found.date == dt.date(2021, 3, 8)
    assert "url" in found.evidence


def test_url_date_that_is_no_local_day_of_the_stamp_loses() -> None:
    page = _page(_meta("2021-03-09T10:04:04Z"))
    found = date_from_html(page, url="https://news.example/politics/ferry/2021/03/08/c3d22ec8/")
    assert found is not None and found.date == dt.date(2021, 3, 9)


def test_url_date_does_not_override_a_stamp_with_a_local_offset() -> None:
    page = _page(_meta("2021-03-09T00:30:00+05:30"))
    found = date_from_html(page, url="https://news.example/2021/03/08/ferry-strike-ends/")
    assert found is not None and found.date == dt.date(2021, 3, 9)


def test_stamp_after_the_crawl_date_is_ignored() -> None:
    found = date_from_html(_page(_meta("2021-03-09T08:00:00+01:00")), fetched=dt.date(2021, 3, 1))
    assert found is None or found.date <= dt.date(2021, 3, 1)


@pytest.mark.parametrize(
    "value",
    ["not a date", "2021-13-40T08:00:00Z", "2021-03-09T08:00:00+25:00", "March 9", "2021", "March 2021", "05/06/2021"],
    ids=["text", "impossible-day", "impossible-offset", "no-year", "year-alone", "no-day", "day-month-order"],
)
def test_unparsable_stamps_are_skipped(value: str) -> None:
    assert published_stamp(_page(_meta(value))) is None


def test_page_without_any_date_has_none() -> None:
    assert date_from_html(_page()) is None
