"""The CLI on small invented corpora: exit codes, skips, reruns, resume."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dateline.cli import app

ARTICLES = {
    "a.txt": "Quay Reopens After Repairs\n\nPORTVILLE (Coast Wire - 3rd March, 2031) The harbour board voted on Monday "
    "to reopen the northern quay after six weeks of repairs.\n\n“We are ready,” harbour master Ana Lind said.",
    "b.txt": "Ferry Strike Called Off\n\nPORTVILLE, March 5 (Coast Wire) - Ferry crews called off a planned strike "
    "on Wednesday after the company raised its pay offer.\n\nUnion leader Tomas Berg said that the deal was fair.",
}


def _corpus(folder: Path, extra: dict[str, bytes] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    for name, data in (extra or {}).items():
        (folder / name).write_bytes(data)
    return folder


def _build(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["build", *args, "--quiet"])
    return result.exit_code, result.output


@pytest.mark.usefixtures("nlp")
def test_bad_files_are_skipped_and_listed_while_good_ones_are_built(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "in", {"broken.html": b"\x00\x01\x02" * 100, "empty.txt": b""})
    code, output = _build(str(corpus), "--out", str(tmp_path / "out"))
    assert code == 0, output
    story = json.loads((tmp_path / "out" / "story.json").read_text())
    assert len(story["articles"]) == 2
    assert {Path(s["source"]).name for s in story["skips"]} == {"broken.html", "empty.txt"}
    for name in ("timeline.md", "timeline.html", "dateline.sqlite"):
        assert (tmp_path / "out" / name).is_file()


@pytest.mark.usefixtures("nlp")
def test_rerun_is_identical_and_reuses_every_analysis(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "in")
    out = tmp_path / "out"
    _build(str(corpus), "--out", str(out))
    first = (out / "story.json").read_text()
    _build(str(corpus), "--out", str(out))
    assert (out / "story.json").read_text() == first


@pytest.mark.usefixtures("nlp")
def test_second_build_adds_new_articles_to_the_story(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = tmp_path / "first"
    first.mkdir()
    (first / "a.txt").write_text(ARTICLES["a.txt"])
    _build(str(first), "--out", str(out))
    second = tmp_path / "second"
    second.mkdir()
    (second / "b.txt").write_text(ARTICLES["b.txt"])
    code, output = _build(str(second), "--out", str(out))
    assert code == 0, output
    story = json.loads((out / "story.json").read_text())
    assert len(story["articles"]) == 2


def test_nothing_usable_exits_1_and_bad_setting_exits_2(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    assert _build(str(tmp_path / "in"), "--out", str(tmp_path / "out"))[0] == 1
    (tmp_path / "out" / "dateline.toml").write_text("[timeline]\nmax_dates = 'many'\n")
    code, output = _build(str(tmp_path / "in"), "--out", str(tmp_path / "out"))
    assert code == 2 and "timeline.max_dates" in output
