"""Incremental builds: adding articles analyses only the new ones, and a killed build resumes to the same story."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dateline.api import build_story

TOWNS = ["Portville", "Kell Ferry", "Rivertown", "Tavor", "Drevna", "Callis", "Marrow", "Sarnmouth", "Lusk", "Vey"]
PEOPLE = ["Ana Lind", "Tomas Berg", "Mara Velt", "Ruben Holm", "Ilan Dorsey", "Joss Merriden", "Edda Kray", "Pim Osk"]
THINGS = ["the northern quay", "a ferry line", "the salt works", "the river gauges", "a grain depot", "the bridge"]
DEEDS = ["reopened", "closed", "repaired", "sold", "inspected", "flooded", "rebuilt", "fenced off"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def invented_article(number: int) -> str:
    """A short, distinct, fictional news article: dateline, events, a direct and an indirect quote."""
    rng = random.Random(number)
    town, other = rng.sample(TOWNS, 2)
    speaker, critic = rng.sample(PEOPLE, 2)
    thing, deed = rng.choice(THINGS), rng.choice(DEEDS)
    day = 1 + number % 27
    weekday, weeks, families = rng.choice(WEEKDAYS), rng.randint(2, 40), rng.randint(2, 900)
    sentences = [
        f"{town} workers {deed} {thing} on {weekday} after {weeks} weeks of talks with {other}.",
        f"“We waited {rng.randint(3, 90)} days for this,” said {speaker}, who chairs the {town} harbour board.",
        f"{critic} said that the {families} families near {other} would see no change before {day + 1} March.",
        f"The board will meet again in {rng.choice(TOWNS)} on {day + 2} March to vote on {rng.choice(THINGS)}.",
    ]
    rng.shuffle(sentences)
    headline = f"{town} {deed.capitalize()} {thing.split()[-1].capitalize()} In Deal {number}"
    return f"{headline}\n\n{town.upper()} (Coast Wire - {day}th March, 2031) " + "\n\n".join(sentences)


def write_corpus(folder: Path, numbers: range) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for number in numbers:
        (folder / f"{number:03d}.txt").write_text(invented_article(number), encoding="utf-8")
    return folder


def _analyses(store: Path) -> int:
    if not store.exists():
        return 0
    try:
        with sqlite3.connect(f"{store.as_uri()}?mode=ro", uri=True) as db:
            return int(db.execute("SELECT COUNT(*) FROM analyses").fetchone()[0])
    except sqlite3.OperationalError:  # tables not created yet
        return 0


@pytest.mark.usefixtures("nlp")
def test_adding_articles_analyses_only_the_new_ones_and_updates_the_story(tmp_path: Path) -> None:
    first = write_corpus(tmp_path / "first", range(10))
    added = write_corpus(tmp_path / "added", range(10, 12))
    report, _ = build_story([first], tmp_path / "out")
    assert (report.analysed, report.reused) == (10, 0)

    report, _ = build_story([added], tmp_path / "out")
    assert (report.articles_new, report.cleaned, report.analysed, report.reused) == (2, 2, 2, 10)
    assert report.story is not None and len(report.story.articles) == 12

    build_story([first, added], tmp_path / "fresh")
    assert (tmp_path / "out" / "story.json").read_text() == (tmp_path / "fresh" / "story.json").read_text()


@pytest.mark.usefixtures("nlp")
def test_rebuilding_the_same_sources_reuses_every_cleaned_and_analysed_article(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", range(6))
    build_story([corpus], tmp_path / "out")
    report, _ = build_story([corpus], tmp_path / "out")
    assert (report.articles_new, report.cleaned, report.analysed, report.reused) == (0, 0, 0, 6)


@pytest.mark.slow
@pytest.mark.usefixtures("nlp")
def test_a_build_killed_mid_analysis_resumes_to_the_same_story(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", range(40))
    out = tmp_path / "killed"
    command = [sys.executable, "-m", "dateline", "build", str(corpus), "--out", str(out), "--quiet"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 600
    while _analyses(out / "dateline.sqlite") < 3 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    kept = _analyses(out / "dateline.sqlite")
    assert process.returncode == -signal.SIGKILL and 3 <= kept < 40, f"killed too late: {kept} analyses stored"
    assert not (out / "story.json").exists()

    report, _ = build_story([corpus], out)
    assert report.reused >= kept and report.analysed + report.reused == 40
    build_story([corpus], tmp_path / "whole")
    assert (out / "story.json").read_text() == (tmp_path / "whole" / "story.json").read_text()
