"""HTML reader: body, metadata and raw HTML kept; bad files become Skips with a reason."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from dateline.config import IngestSettings
from dateline.errors import InputError
from dateline.ingest import iter_sources
from dateline.ingest.html import article_from_html, decode_html, read_html
from dateline.records import Article, Skip

BODY = (
    "The harbour council of Lindmark voted on Tuesday to rebuild the old lighthouse, ending a dispute "
    "that had divided the fishing town for more than two years. "
)
PAGE = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Lindmark votes to rebuild lighthouse | Coast Herald</title>
<meta property="og:site_name" content="Coast Herald">
<meta name="author" content="Mara Quill">
<link rel="canonical" href="https://coastherald.example/lighthouse-vote">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>Lindmark votes to rebuild lighthouse</h1>
<p>{BODY * 2}</p>
<p>“We have waited long enough,” said the council leader, Ostra Venn, after the vote. The work is to
start in the spring and should take eighteen months, the council said in a statement.</p>
<p>Opponents of the plan had argued that the money would be better spent on the harbour wall,
which storms damaged last winter.</p>
</article>
<footer>Share this article · Cookie settings · © Coast Herald</footer>
</body></html>"""


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_page_body_goes_to_raw_text_and_metadata_to_fields(tmp_path: Path) -> None:
    path = _write(tmp_path, "vote.html", PAGE.encode("utf-8"))
    (article,) = list(read_html(path, IngestSettings()))
    assert isinstance(article, Article)
    assert "rebuild the old lighthouse" in article.raw_text
    assert "Cookie settings" not in article.raw_text and "Sport" not in article.raw_text
    assert article.title == "Lindmark votes to rebuild lighthouse"
    assert article.outlet == "Coast Herald"
    assert article.author == "Mara Quill"
    assert article.url == "https://coastherald.example/lighthouse-vote"
    assert article.html is not None and "<article>" in article.html
    assert article.id == Article.make_id(str(path), article.raw_text)


def test_gzipped_page_reads_like_plain_one(tmp_path: Path) -> None:
    path = _write(tmp_path, "vote.html.gz", gzip.compress(PAGE.encode("utf-8")))
    (article,) = list(read_html(path, IngestSettings()))
    assert isinstance(article, Article) and "lighthouse" in article.raw_text


def test_latin1_page_is_decoded_by_its_declared_charset() -> None:
    page = PAGE.replace('charset="utf-8"', 'charset="iso-8859-1"').replace("Ostra Venn", "Østra Venn")
    data = page.replace("“", '"').replace("”", '"').replace("·", "-").replace("©", "(c)").encode("iso-8859-1")
    html = decode_html(data, "latin.html")
    assert "Østra Venn" in html


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.html", b"", "empty file"),
        ("blank.html", b"   \n\n ", "empty page"),
        ("photo.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary file, not HTML"),
        ("nul.html", b"<html>\x00\x00\x01\x02 binary junk</html>", "binary file, not HTML"),
        ("notes.html", b"just some words with no markup at all, long enough to be read", "no HTML markup found"),
        ("nav.html", b"<html><head><title>t</title></head><body><div></div></body></html>", "no article text found"),
        ("broken.html.gz", gzip.compress(PAGE.encode("utf-8"))[:60], "unreadable gzip file"),
    ],
    ids=["empty-file", "whitespace", "png-renamed", "nul-bytes", "plain-text", "no-body", "truncated-gzip"],
)
def test_bad_html_files_become_skips_with_reason(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    path = _write(tmp_path, name, data)
    (item,) = list(iter_sources([path], IngestSettings()))
    assert isinstance(item, Skip)
    assert item.stage == "ingest"
    assert item.reason.startswith(reason)


def test_article_from_html_raises_input_error_without_body() -> None:
    with pytest.raises(InputError, match="no article text"):
        article_from_html("<html><body><p></p></body></html>", "empty.html")
