"""Ingest stage: every supported format read; bad input skipped with a reason, never a crash."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

import pytest

from dateline.config import IngestSettings
from dateline.ingest import iter_sources
from dateline.records import Article, Skip

BODY = "The harbour board voted on Monday to reopen the northern quay after six weeks of repairs."


def _read(*paths: Path, meta: Path | None = None) -> tuple[list[Article], list[Skip]]:
    items = list(iter_sources(paths, IngestSettings(), meta=meta))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Skip)]


def test_folder_is_read_recursively_and_unknown_files_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / "sub" / "b.txt").write_text(BODY + " More.")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    articles, skips = _read(tmp_path)
    assert len(articles) == 2
    assert [s.reason for s in skips] == ["unsupported file type '.docx'"]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "binary file (NUL bytes), not text"),
        ("short.txt", b"Too short.", "too little text (< 40 characters)"),
    ],
    ids=["empty", "binary", "too-short"],
)
def test_bad_text_file_is_skipped_with_its_reason(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    (tmp_path / name).write_bytes(content)
    (tmp_path / "good.txt").write_text(BODY)
    articles, skips = _read(tmp_path)
    assert len(articles) == 1
    assert [(Path(s.source).name, s.reason) for s in skips] == [(name, reason)]


def test_latin1_text_is_decoded(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(("Le maire de Sète a déclaré que " + BODY).encode("latin-1"))
    articles, _ = _read(tmp_path)
    assert "Sète a déclaré" in articles[0].raw_text


def test_jsonl_keeps_good_records_and_skips_malformed_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "1", "title": "Quay reopens", "text": BODY, "time": "2031-03-04 00:00:00", "url": "http://x/1"}),
        "{not json",
        json.dumps({"title": "No text here"}),
        "",
        json.dumps({"text": BODY + " Second.", "published": "2031-03-05"}),
    ]
    path = tmp_path / "articles.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write("\n".join(lines))
    articles, skips = _read(path)
    assert [a.published for a in articles] == [dt.date(2031, 3, 4), dt.date(2031, 3, 5)]
    assert articles[0].title == "Quay reopens" and articles[0].date_method == "metadata"
    assert [s.reason for s in skips] == ["malformed JSON (Expecting property name enclosed in double quotes)",
                                         "no text in column 'text'"]
    assert skips[0].source.endswith("#L2")


def test_csv_needs_its_text_column(tmp_path: Path) -> None:
    (tmp_path / "good.csv").write_text(f'title,body\nQuay,"{BODY}"\n')
    _, skips = _read(tmp_path / "good.csv")
    assert skips[0].reason == "no 'text' column (set ingest.text_column)"
    settings = IngestSettings(text_column="body")
    items = list(iter_sources([tmp_path / "good.csv"], settings))
    assert isinstance(items[0], Article) and items[0].title == "Quay"


def test_sidecar_metadata_fills_title_outlet_and_date(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY)
    meta = tmp_path / "meta.csv"
    meta.write_text(
        "file,url,title,outlet,published\na.txt,http://coast.example/a,Quay Reopens,Coast Wire,2031-03-04\n"
    )
    articles, skips = _read(tmp_path, meta=meta)
    assert not skips, "the sidecar itself is not read as an article"
    assert (articles[0].outlet, articles[0].published, articles[0].date_method) == (
        "Coast Wire", dt.date(2031, 3, 4), "metadata")


def test_timeline17_folder_name_is_the_publication_date(tmp_path: Path) -> None:
    folder = tmp_path / "InputDocs" / "2011-02-11"
    folder.mkdir(parents=True)
    (folder / "1.htm.txt").write_text(BODY)
    articles, _ = _read(tmp_path)
    assert (articles[0].published, articles[0].date_method) == (dt.date(2011, 2, 11), "folder")


def test_missing_path_is_an_input_error(tmp_path: Path) -> None:
    from dateline.errors import InputError

    with pytest.raises(InputError, match="no such file"):
        _read(tmp_path / "nope")
