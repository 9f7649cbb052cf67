"""The bar on the five seed articles (../shared/corpora/seeds), checked as a reader would."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from dateline.cli import app

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def story(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("seeds-out")
    result = CliRunner().invoke(app, ["build", str(seeds_dir), "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    built: dict[str, Any] = json.loads((out / "story.json").read_text(encoding="utf-8"))
    return built


def _article(story: dict[str, Any], prefix: str) -> dict[str, Any]:
    return next(a for a in story["articles"] if Path(a["source"]).name.startswith(prefix))


FURNITURE = ["Skip to main content", "Share this post", "About admin", "Check Also", "Home / Latest Updates",
             "Google + Share", "Thumbnail", "Latest news", "Pakistan greenlights deportation plan",
             "Taliban opposes presence of any foreign troops", "UN edging closer"]


def test_site_furniture_is_gone(story: dict[str, Any]) -> None:
    for article in story["articles"]:
        for line in FURNITURE:
            assert line not in article["text"], (line, article["source"])


def test_article_pasted_twice_reads_once_and_yields_each_quote_once(story: dict[str, Any]) -> None:
    article = _article(story, "001_")
    assert article["text"].count("These are hopeful times") == 1
    texts = [q["text"] for q in story["quotes"] if q["article_id"] == article["id"]]
    assert len(texts) == len(set(texts))
    assert sum("These are hopeful times" in t for t in texts) == 1


def test_headline_is_the_title(story: dict[str, Any]) -> None:
    assert _article(story, "001_")["title"] == "NATO Chief Reiterates Support To Intra-Afghan Talks"
    assert _article(story, "002_")["title"].startswith("Ongoing peace push to make NATO")
    assert _article(story, "004_")["title"] == "Khalilzad Embarks On Afghan Peace Mission"


def test_first_article_is_dated_from_its_dateline(story: dict[str, Any]) -> None:
    article = _article(story, "000_")
    assert article["published"] == "2020-01-28"
    assert article["date_method"] == "dateline"


def test_last_article_is_not_dated_before_the_deal_it_reports_as_past(story: dict[str, Any]) -> None:
    article = _article(story, "004_")
    assert article["published_earliest"] is not None and article["published_earliest"] >= "2020-02-29"
    assert article["published"] >= "2020-02-29"
    assert article["date_evidence"], "an estimate says why"


def _speakers_of(story: dict[str, Any], fragment: str) -> set[str | None]:
    return {q["speaker"] for q in story["quotes"] if fragment in q["text"]}


@pytest.mark.parametrize(
    ("fragment", "speaker"),
    [
        ("NATO remains committed to supporting", "Jens Stoltenberg"),
        ("We strongly support the work to establish inter-Afghan dialogue", "Jens Stoltenberg"),  # "he said"
        ("Taliban are escalating violence", "Jens Stoltenberg"),  # "he said" after a quote
        ("firm and credible guarantees", "Jens Stoltenberg"),  # "he added"
        ("we need, of course, to have the Afghan government", "Jens Stoltenberg"),  # "he added"
        ("Peace will require reliable assurances", "Zalmay Khalilzad"),  # "he said"
        ("These are hopeful times", "Zalmay Khalilzad"),
        ("if the Taliban do their part", "Zalmay Khalilzad"),
    ],
)
def test_direct_quotes_carry_their_speaker(story: dict[str, Any], fragment: str, speaker: str) -> None:
    assert _speakers_of(story, fragment) == {speaker}


def test_stoltenberg_spellings_are_one_entity(story: dict[str, Any]) -> None:
    spellings = {"Jens Stoltenberg", "Stoltenberg", "Jen Stoltenberg"}
    owners = [e for e in story["entities"] if spellings & {e["name"], *e["aliases"]}]
    assert len(owners) == 1
    assert {"Stoltenberg", "Jen Stoltenberg"} <= {owners[0]["name"], *owners[0]["aliases"]}


def test_tuesday_in_the_first_article_is_its_publication_day(story: dict[str, Any]) -> None:
    article = _article(story, "000_")
    values = {
        t["value"]
        for t in story["timexes"]
        if t["article_id"] == article["id"] and t["text"].lower().endswith("tuesday")
    }
    assert values == {"2020-01-28"}


def test_timeline_has_the_meeting_and_the_deal(story: dict[str, Any]) -> None:
    dates = {entry["date"] for entry in story["timeline"]}
    assert {"2020-01-28", "2020-02-29"} <= dates
    for entry in story["timeline"]:
        assert entry["sources"], entry


def test_the_doha_deal_and_july_statement_are_placed_on_their_own_days(story: dict[str, Any]) -> None:
    events = {(e["date"], s["sentence"]) for e in story["events"] for s in e["sources"]}
    assert any(day == "2020-02-29" and re.search(r"peace deal", text) for day, text in events)
    assert any(day == "2019-07-31" and "July 31" in text for day, text in events)
    assert dt.date.fromisoformat(min(d for d, _ in events)) < dt.date(2020, 1, 28)
