"""WARC reader: HTML responses become Articles with url and crawl date; the rest is skipped with a reason."""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dateline.config import IngestSettings
from dateline.ingest import iter_sources
from dateline.ingest.warc import read_warc, warc_date
from dateline.records import Article, Skip

PAGE = (
    "<html><head><title>Ferry service to Tollby resumes</title></head><body><article>"
    "<h1>Ferry service to Tollby resumes</h1>"
    "<p>The ferry between Tollby and the mainland sailed again on Monday after a three-week strike by "
    "its crew ended with a pay deal, the operator said.</p>"
    "<p>Islanders had relied on a single water taxi during the strike, and the island shop ran out of "
    "fresh milk twice, residents told the Tollby Gazette.</p>"
    "</article></body></html>"
)


def _record(writer: WARCWriter, url: str, body: bytes, content_type: str = "text/html; charset=utf-8",
            status: str = "200 OK", date: str = "2021-03-09T23:10:00Z") -> None:  # fmt: skip
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url, "response", payload=BytesIO(body), length=len(body), http_headers=headers,
        warc_headers_dict={"WARC-Date": date},
    )  # a known length: warcio then needs no temporary buffer
    writer.write_record(record)


def _warc(path: Path, gzip: bool = True) -> Path:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        _record(writer, "https://gazette.example/ferry", PAGE.encode())
        _record(writer, "https://gazette.example/logo.png", b"\x89PNG....", content_type="image/png")
        _record(writer, "https://gazette.example/old", b"gone", status="404 Not Found")
        _record(writer, "https://gazette.example/ferry-2", PAGE.replace("Monday", "Tuesday").encode())
    return path


@pytest.mark.parametrize("gzip", [True, False], ids=["warc-gz", "warc"])
def test_html_responses_become_articles_with_url_and_crawl_date(tmp_path: Path, gzip: bool) -> None:
    path = _warc(tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc"), gzip=gzip)
    items = list(read_warc(path, IngestSettings()))
    articles = [i for i in items if isinstance(i, Article)]
    assert [a.url for a in articles] == ["https://gazette.example/ferry", "https://gazette.example/ferry-2"]
    assert all(a.source == a.url for a in articles)
    assert articles[0].fetched == dt.date(2021, 3, 9)
    assert "ferry between Tollby" in articles[0].raw_text
    assert articles[0].html is not None
    assert articles[0].date_method == "none"  # the crawl date is only an upper bound: the date stage decides


def test_non_html_and_failed_responses_are_skipped_with_reason(tmp_path: Path) -> None:
    path = _warc(tmp_path / "crawl.warc.gz")
    skips = {s.source: s.reason for s in read_warc(path, IngestSettings()) if isinstance(s, Skip)}
    assert skips == {
        "https://gazette.example/logo.png": "not an HTML page (image/png)",
        "https://gazette.example/old": "HTTP status 404",
    }


@pytest.mark.parametrize(
    ("gzip", "cut_at"),
    [(False, "header"), (False, "body"), (True, "body")],
    ids=["warc-cut-in-header", "warc-cut-in-body", "warc-gz-cut"],
)
def test_truncated_warc_keeps_records_before_the_break_and_skips_the_rest(
    tmp_path: Path, gzip: bool, cut_at: str
) -> None:
    full = _warc(tmp_path / "full.warc", gzip=gzip).read_bytes()
    end = full.rindex(b"WARC/1.") + 200 if cut_at == "header" else len(full) - 100
    cut = tmp_path / ("cut.warc.gz" if gzip else "cut.warc")
    cut.write_bytes(full[:end])
    items = list(iter_sources([cut], IngestSettings()))
    assert isinstance(items[0], Article)
    assert isinstance(items[-1], Skip)
    assert "truncated WARC" in items[-1].reason


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"", "empty file"), (b"this is not a warc file at all\n" * 5, "not a WARC file")],
    ids=["empty", "not-warc"],
)
def test_unreadable_warc_files_become_skips(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "bad.warc.gz"
    path.write_bytes(data)
    (item,) = list(iter_sources([path], IngestSettings()))
    assert isinstance(item, Skip) and reason in item.reason


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2021-03-09T23:10:00Z", dt.date(2021, 3, 9)), ("2021-03-09", dt.date(2021, 3, 9)), (None, None)],
    ids=["timestamp", "date", "missing"],
)
def test_warc_date_is_the_utc_calendar_day(value: str | None, expected: dt.date | None) -> None:
    assert warc_date(value) == expected
