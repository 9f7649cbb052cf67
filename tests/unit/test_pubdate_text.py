"""Dating from the text: clues, tense, weekday consistency, honest intervals."""

from __future__ import annotations

import datetime as dt
import random
import re

import pytest

from dateline.pubdate import text_estimate
from dateline.pubdate.clues import extract_clues
from dateline.pubdate.text_estimate import Window
from dateline.records import Timex


def _estimate(text: str, start: dt.date, days: int) -> text_estimate.DateEstimate:
    clues = extract_clues(text)
    latest = clues.latest_past()
    return text_estimate.estimate_from_clues(clues, Window(start, days), lower_bound=latest.date if latest else None)


def test_future_sentences_do_not_make_lower_bounds() -> None:
    clues = extract_clues(
        "The talks ended on March 3, 2021. The council will meet again on April 20, 2021. "
        "Work must be finished by June 1, 2021."
    )
    assert [(d.date.isoformat(), d.future) for d in clues.dates] == [
        ("2021-03-03", False), ("2021-04-20", True), ("2021-06-01", True),
    ]  # fmt: skip
    latest = clues.latest_past()
    assert latest is not None and latest.date == dt.date(2021, 3, 3)


def test_weekday_mentions_keep_their_modifier_and_tense() -> None:
    clues = extract_clues("The mayor resigned last Friday. Talks resumed on Tuesday. She will fly on Sunday.")
    assert [(w.weekday, w.modifier, w.future) for w in clues.weekdays] == [(4, "last", False), (1, "", False),
                                                                          (6, "", True)]  # fmt: skip


def test_repeated_clues_count_once() -> None:
    text = "He spoke on Friday about the July 31 visit. " * 3
    clues = extract_clues(text)
    assert len(clues.weekdays) == 1 and len(clues.month_days) == 1


def test_habitual_weekdays_are_not_clues() -> None:
    assert extract_clues("The market opens on Sundays.").weekdays == []


def test_timex_dates_not_found_by_the_patterns_are_added() -> None:
    text = "The accord of 03/02/2021 still holds."
    timex = Timex(article_id="a", start=14, end=24, text="03/02/2021", type="DATE", value="2021-02-03")
    clues = extract_clues(text, [timex])
    assert [d.date for d in clues.dates] == [dt.date(2021, 2, 3)]


def test_weekday_and_month_day_pin_the_day() -> None:
    # July 31, 2020 was a Friday; "on Friday ... on July 31": published on or just after it.
    estimate = _estimate("The envoy left on Friday. On July 31, he met the minister.", dt.date(2020, 1, 1), 366)
    assert dt.date(2020, 7, 31) <= estimate.published <= dt.date(2020, 8, 3)
    assert estimate.earliest <= dt.date(2020, 7, 31) <= estimate.latest


def test_nothing_is_placed_before_a_date_reported_as_past() -> None:
    text = "The deal was signed on February 29th, 2020 in Doha. Troops would leave by May this year."
    estimate = _estimate(text, dt.date(2020, 1, 1), 731)
    assert estimate.earliest >= dt.date(2020, 2, 29)
    assert estimate.published >= dt.date(2020, 2, 29)
    assert any("2020-02-29" in reason for reason in estimate.evidence)


def test_comment_stamps_bound_the_date_from_above() -> None:
    text = "The minister resigned on Tuesday.\nFebruary 10 , 2011 at 7:36 am | A reader wrote in."
    estimate = _estimate(text, dt.date(2011, 1, 1), 365)
    assert estimate.published <= dt.date(2011, 2, 10)


def test_interval_is_wide_when_the_text_says_little() -> None:
    estimate = _estimate("The ferry sailed again in 2019 after the strike.", dt.date(2019, 1, 1), 730)
    assert (estimate.latest - estimate.earliest).days > 200


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("It happened in 2010. Officials said in 2010 and 2009 that it would end.", 2010),
        ("Plans for 2012 will be set. The crisis began in 2011.", 2011),
        ("No year at all.", None),
    ],
    ids=["past-years", "future-year-ignored", "none"],
)
def test_likely_year_follows_the_years_named(text: str, year: int | None) -> None:
    assert text_estimate.likely_year(extract_clues(text)) == year


def test_text_window_needs_a_year() -> None:
    assert text_estimate.text_window(extract_clues("On Tuesday the mayor resigned.")) is None
    crawl = dt.date(2021, 5, 1)
    window = text_estimate.text_window(extract_clues("The mayor resigned in 2021."), fetched=crawl)
    assert window is not None and window.start == dt.date(2021, 1, 1) and window.end == crawl


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The assembly voted on Thursday, ten days after the accord was signed on March 3.", [(None, 3, 13)]),
        (
            "Talks opened eleven days after the ceasefire took effect. The ceasefire of February 7 held.",
            [(None, 2, 18)],
        ),
        (
            "The board met two weeks to the day after the signing. It was signed in Velmore on May 2, 2021.",
            [(2021, 5, 16)],
        ),
        ("Polls closed three days before the deadline of April 10.", [(None, 4, 7)]),
        ("The strike ended ten days after the talks began.", []),
    ],
    ids=["same-sentence", "event-named-elsewhere", "weeks-full-date", "before", "event-without-date"],
)
def test_offsets_from_stated_dates_are_counted(text: str, expected: list[tuple[int | None, int, int]]) -> None:
    from dateline.pubdate.offsets import find_offset_dates

    assert [(f.year, f.month, f.day) for f in find_offset_dates(text)] == expected


def test_offset_day_becomes_a_clue_and_moves_the_estimate() -> None:
    text = "The assembly ratified the accord on Thursday, ten days after it was signed on March 3."
    clues = extract_clues(text)
    assert {(m.month, m.day, m.counted) for m in clues.month_days} == {(3, 3, False), (3, 13, True)}
    estimate = text_estimate.estimate_from_clues(clues, Window(dt.date(2031, 1, 1), 120))
    assert dt.date(2031, 3, 13) <= estimate.published <= dt.date(2031, 3, 17)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"We will finish the road," the minister said on March 3.', [("March 3", False)]),
        ("“We will finish the road,” the minister said on March 3.", [("March 3", False)]),
        ("`` We will finish the road , '' the minister said on March 3 .", [("March 3", False)]),
        ('"We will open it on May 5," she said.', [("May 5", True)]),
        ("The minister said on March 3 that the road will be finished.", [("March 3", True)]),
    ],
    ids=["straight-quote", "curly-quote", "tokenised-quote", "date-inside-the-quote", "cue-outside-any-quote"],
)
def test_future_cue_inside_a_quotation_leaves_the_reporting_clause_past(
    text: str, expected: list[tuple[str, bool]]
) -> None:
    assert [(m.text, m.future) for m in extract_clues(text).month_days] == expected


def test_bare_weekday_that_would_be_the_stated_month_day_makes_that_year_less_likely() -> None:
    # July 31 was a Friday in 2020, a Saturday in 2021: in 2020, "on Friday" just after July 31 would be
    # July 31 itself, a day the text already names by its date, so 2021 is the likelier year.
    text = "The envoy returned to the capital on Friday. On July 31, the talks resumed after a pause."
    estimate = _estimate(text, dt.date(2020, 1, 1), 731)
    assert dt.date(2021, 7, 31) <= estimate.published <= dt.date(2021, 8, 6)


@pytest.mark.parametrize(
    ("text", "penalised"),
    [
        ("The envoy arrived on Friday. On July 31, the talks resumed.", True),
        ("The envoy arrived on Friday, July 31, for the talks.", False),
        ("The envoy arrived on July 31 (Friday) for the talks.", False),
        ("The envoy will arrive on Friday. The talks end on July 31.", False),
    ],
    ids=["weekday-and-date-apart", "weekday-next-to-the-date", "weekday-in-brackets", "weekday-about-the-future"],
)
def test_only_a_weekday_named_apart_from_a_past_month_day_can_coincide_with_it(text: str, penalised: bool) -> None:
    window = Window(dt.date(2020, 7, 1), 62)  # July 31, 2020 was a Friday
    scores = text_estimate._coincidence_scores(extract_clues(text), window)
    assert bool(scores.any()) is penalised


_CLUE_TEXTS = [
    "Talks resumed on 2031-03-04 in the capital. The minister spoke on Friday.",
    "TODAY the talks resume. Tonight's vote was delayed to March 9, 2031.\nThis Evening: 3 arrests.",
    "Ten days after March 3, the ceasefire held. Two weeks before the vote of 4 April, crowds gathered.",
    "Café owners said today that prices rose 12% in 2030, and will rise again by 2032.",
    "Officials met last Tuesday and on Sundays they rest. Next Monday they meet; on 5th of June too.",
    "A 3-2 vote on 2031-13-40 and 1999-02-30 (no dates), then June 31 and Feb 30.",
    "Thiſ morning the convoy left. Nothing else: no digits, no months, no weekdays here.",
    "Mayor Marsh said: “we will decide on May 5” on Thursday, May 1, 2031 at 9:30 am.",
    "Eleven days after the signing, the accord held. The signing of February 7 in Port Callis was brief.",
    "",
]


@pytest.mark.parametrize("text", _CLUE_TEXTS, ids=[f"text-{i}" for i in range(len(_CLUE_TEXTS))])
def test_cheap_tests_before_the_patterns_change_no_clue(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from dateline.pubdate import clues

    quick = extract_clues(text)
    for name in ("_DIGIT", "_MONTH_STEM", "_OFFSET_HINT"):
        monkeypatch.setattr(clues, name, re.compile(""))  # matches everywhere: every pattern runs
    monkeypatch.setattr(clues, "_ISO_HINT", "")
    monkeypatch.setattr(clues, "_WEEKDAY_HINT", "")
    monkeypatch.setattr(clues, "_TODAY_WORDS", ("",))
    assert quick == extract_clues(text)


def test_cheap_tests_change_no_clue_on_generated_sentences(monkeypatch: pytest.MonkeyPatch) -> None:
    from dateline.pubdate import clues

    rng = random.Random(3)
    words = ["Jan", "March", "5", "2031", "2031-04-05", "Friday", "Fridays", "today", "TONIGHT", "this morning",
             "will", "days", "weeks", "after", "before", "since", "the", "ceasefire", "of", ",", ".", "\n", "ſ", "é",
             "next", "last", "\"", "“", "”", "at", "9:30", "pm", "12th", "Sept.", "by", "until", "-", "7", "WO", "n't",
             "won't", "We'LL", "Shall", "going", "to", "is", "due", "plans", "Planned", "set", "expected", "later",
             "this", "be", "held", "deadline", "starting", "upcoming", "scheduled"]  # fmt: skip
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 40))) for _ in range(300)]
    quick = [extract_clues(text) for text in texts]
    for name in ("_DIGIT", "_MONTH_STEM", "_OFFSET_HINT"):
        monkeypatch.setattr(clues, name, re.compile(""))
    monkeypatch.setattr(clues, "_ISO_HINT", "")
    monkeypatch.setattr(clues, "_WEEKDAY_HINT", "")
    monkeypatch.setattr(clues, "_TODAY_WORDS", ("",))
    assert quick == [extract_clues(text) for text in texts]
