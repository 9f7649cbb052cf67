"""Time stage: the date a sentence is about (governing_date), and the seed articles' dates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dateline.records import Sentence, Timex
from dateline.timex import governing_date, tag_timexes


def sentence_and_timexes(text: str, anchor: date) -> tuple[Sentence, list[Timex]]:
    sentence = Sentence(article_id="a", index=0, start=0, end=len(text), text=text)
    return sentence, tag_timexes("a", text, anchor)


GOVERNING = [
    ("day_precision", "The deal was signed in Doha on February 29th, 2020.", (date(2020, 2, 29), "day")),
    ("day_beats_year", "In 2019, talks broke down on Sept. 7.", (date(2019, 9, 7), "day")),
    ("month_precision", "The envoy visited Kabul in July 2019.", (date(2019, 7, 1), "month")),
    ("year_precision", "The war began in 2001.", (date(2001, 1, 1), "year")),
    ("relative_day", "NATO chiefs met on Tuesday.", (date(2020, 1, 28), "day")),
    ("time_of_day_is_its_day", "Rockets hit the base last night.", (date(2020, 1, 27), "day")),
    ("week_reads_as_month", "Talks stalled last week.", (date(2020, 1, 1), "month")),
]


@pytest.mark.parametrize(("text", "expected"), [g[1:] for g in GOVERNING], ids=[g[0] for g in GOVERNING])
def test_governing_date_prefers_the_most_precise_calendar_date(text: str, expected: tuple[date, str]) -> None:
    assert governing_date(*sentence_and_timexes(text, date(2020, 1, 28))) == expected


@pytest.mark.parametrize(
    "text",
    ["Talks lasted three years.", "The festival is held every year.", "Troops are now leaving.",
     "Growth in the 1990s was fast.", "The NATO chief spoke to reporters."],
    ids=["duration", "set", "present_ref", "decade", "no_timex"],
)  # fmt: skip
def test_governing_date_ignores_durations_sets_refs_and_decades(text: str) -> None:
    assert governing_date(*sentence_and_timexes(text, date(2020, 1, 28))) is None


def test_governing_date_ignores_expressions_outside_the_sentence() -> None:
    text = "It rained. The deal was signed on Feb. 29, 2020."
    timexes = tag_timexes("a", text, date(2020, 3, 1))
    first = Sentence(article_id="a", index=0, start=0, end=10, text=text[:10])
    assert governing_date(first, timexes) is None


def test_governing_date_without_anchor_skips_underspecified_values() -> None:
    assert governing_date(*sentence_and_timexes("NATO chiefs met on Tuesday.", date(2020, 1, 28))) is not None
    sentence = Sentence(article_id="a", index=0, start=0, end=27, text="NATO chiefs met on Tuesday.")
    assert governing_date(sentence, tag_timexes("a", sentence.text, None)) is None


def _seed(seeds_dir: Path, prefix: str) -> str:
    return next(seeds_dir.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("prefix", "anchor", "expected"),
    [("000", date(2020, 1, 28), ("Tuesday", "2020-01-28")),
     ("004", date(2020, 3, 10), ("February 29th, 2020", "2020-02-29")),
     ("001", date(2019, 8, 2), ("July 31", "2019-07-31"))],
    ids=["tuesday_on_its_day", "doha_deal", "khalilzad_july_31"],
)  # fmt: skip
def test_seed_article_dates(seeds_dir: Path, prefix: str, anchor: date, expected: tuple[str, str]) -> None:
    found = [(t.text, t.value) for t in tag_timexes("s", _seed(seeds_dir, prefix), anchor)]
    assert expected in found


def test_seed_articles_have_no_timex_on_troop_numbers(seeds_dir: Path) -> None:
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for timex in tag_timexes("s", text, date(2020, 3, 1)):
            assert not timex.text.replace(",", "").isdigit() or len(timex.text) == 4, timex
