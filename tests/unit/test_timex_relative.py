"""Time stage: relative expressions (deictic and anaphoric), tense, REF values, and no-anchor behaviour."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from dateline.timex import tag_timexes

TUESDAY = date(2020, 1, 28)  # a Tuesday, in ISO week 2020-W05


def values_of(text: str, anchor: date | None) -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in tag_timexes("t", text, anchor)]


RELATIVE = [
    ("weekday_written_on_that_day", "NATO chiefs met in Brussels on Tuesday.", TUESDAY, ("Tuesday", "2020-01-28")),
    (
        "friday_written_on_a_friday",
        "Bombs exploded outside the embassies Friday.",
        date(1998, 8, 7),
        ("Friday", "1998-08-07"),
    ),
    ("weekday_past", "He flew home on Friday.", TUESDAY, ("Friday", "2020-01-24")),
    ("last_weekday", "They met last Monday.", TUESDAY, ("last Monday", "2020-01-27")),
    ("next_weekday", "They meet next Monday.", TUESDAY, ("next Monday", "2020-02-03")),
    ("last_week", "Talks stalled last week.", TUESDAY, ("last week", "2020-W04")),
    ("earlier_this_week", "He spoke earlier this week.", TUESDAY, ("earlier this week", "2020-W05")),
    ("two_days_ago", "It began two days ago.", TUESDAY, ("two days ago", "2020-01-26")),
    ("months_ago_crosses_year", "It began three months ago.", TUESDAY, ("three months ago", "2019-10")),
    ("years_ago", "The war began two years ago.", TUESDAY, ("two years ago", "2018")),
    ("next_month", "Talks resume next month.", TUESDAY, ("next month", "2020-02")),
    ("next_month_crosses_year", "Talks resume next month.", date(2019, 12, 15), ("next month", "2020-01")),
    ("this_year", "Troops leave this year.", TUESDAY, ("this year", "2020")),
    ("last_year_crosses_year", "Troops left last year.", date(2020, 1, 2), ("last year", "2019")),
    ("yesterday_is_leap_day", "The deal was signed yesterday.", date(2020, 3, 1), ("yesterday", "2020-02-29")),
    ("tomorrow_crosses_year", "Voting starts tomorrow.", date(2019, 12, 31), ("tomorrow", "2020-01-01")),
    ("today", "The envoy arrives today.", TUESDAY, ("today", "2020-01-28")),
    ("this_weekend", "Crowds are expected this weekend.", TUESDAY, ("this weekend", "2020-W05-WE")),
    ("the_past_decade", "Attacks rose over the past decade.", TUESDAY, ("the past decade", "P10Y")),
    (
        "holiday_last_occurrence",
        "He was found Thanksgiving Day on a tube.",
        date(1999, 12, 1),
        ("Thanksgiving Day", "1999-11-25"),
    ),
]


@pytest.mark.parametrize(("text", "anchor", "expected"), [r[1:] for r in RELATIVE], ids=[r[0] for r in RELATIVE])
def test_relative_expression_counts_from_the_document_date(text: str, anchor: date, expected: tuple[str, str]) -> None:
    assert expected in values_of(text, anchor)


ANAPHORIC = [
    ("the_day_before", "Talks ended on March 3. The day before, envoys met.", ("The day before", "2020-03-02")),
    ("the_next_day", "Talks ended on March 3. The next day, envoys left.", ("The next day", "2020-03-04")),
    ("that_day", "The vote was on Feb. 10. That day the count began.", ("That day", "2020-02-10")),
    ("earlier_that_day", "The vote was on Feb. 10. Earlier that day, polls shut.", ("Earlier that day", "2020-02-10")),
    ("bare_clock_time_on_last_day", "He was shot on Feb. 10. Police came at 10 p.m.", ("10 p.m.", "2020-02-10T22:00")),
]


@pytest.mark.parametrize(("text", "expected"), [a[1:] for a in ANAPHORIC], ids=[a[0] for a in ANAPHORIC])
def test_anaphoric_expression_counts_from_the_date_the_text_gave(text: str, expected: tuple[str, str]) -> None:
    assert expected in values_of(text, date(2020, 3, 15))


TENSE = [
    ("future_weekday_goes_forward", "The envoy will arrive on Friday.", "2020-01-31"),
    ("past_weekday_goes_back", "The envoy arrived on Friday.", "2020-01-24"),
    ("modal_weekday_goes_forward", "The envoy may arrive as soon as Friday.", "2020-01-31"),
    ("future_month_goes_forward", "Elections will be held in October.", "2020-10"),
    ("past_month_goes_back", "Elections were held in December.", "2019-12"),
]


@pytest.mark.parametrize(("text", "value"), [t[1:] for t in TENSE], ids=[t[0] for t in TENSE])
def test_tense_of_the_verb_decides_direction_of_bare_weekday_or_month(text: str, value: str) -> None:
    assert [v for _, v in values_of(text, TUESDAY)] == [value]


@pytest.mark.parametrize(("text", "value"), [t[1:] for t in TENSE], ids=[t[0] for t in TENSE])
def test_tense_from_the_parse_agrees_with_cue_words(nlp: Language, text: str, value: str) -> None:
    doc = nlp(text)
    assert [t.value for t in tag_timexes("t", text, TUESDAY, doc)] == [value]


REFS = [
    ("now", "Troops are now leaving.", ("now", "PRESENT_REF")),
    ("currently", "He currently heads the mission.", ("currently", "PRESENT_REF")),
    ("recently", "The envoy recently met them.", ("recently", "PAST_REF")),
    ("the_past", "In the past, talks failed.", ("the past", "PAST_REF")),
    ("the_future", "Talks may resume in the future.", ("the future", "FUTURE_REF")),
    ("soon", "Talks will resume soon.", ("soon", "FUTURE_REF")),
]


@pytest.mark.parametrize(("text", "expected"), [r[1:] for r in REFS], ids=[r[0] for r in REFS])
def test_vague_reference_gets_a_ref_value(text: str, expected: tuple[str, str]) -> None:
    assert values_of(text, TUESDAY) == [expected]


def test_the_future_of_something_is_not_a_time() -> None:
    assert values_of("It is vital to the future of both nations.", TUESDAY) == []


def test_the_future_after_about_is_a_future_reference() -> None:
    assert values_of("Villagers worry about the future.", TUESDAY) == [("the future", "FUTURE_REF")]


def test_as_soon_as_is_not_a_future_reference() -> None:
    assert values_of("Shares fell as soon as trading opened.", TUESDAY) == []


NO_ANCHOR = [
    ("weekday", "NATO chiefs met on Tuesday.", ("Tuesday", "XXXX-WXX-2")),
    ("yesterday", "The deal was signed yesterday.", ("yesterday", "XXXX-XX-XX")),
    ("last_week", "Talks stalled last week.", ("last week", "XXXX-WXX")),
    ("next_month", "Talks resume next month.", ("next month", "XXXX-XX")),
    ("duration_unchanged", "Talks lasted three years.", ("three years", "P3Y")),
    ("ref_unchanged", "Troops are now leaving.", ("now", "PRESENT_REF")),
]


@pytest.mark.parametrize(("text", "expected"), [n[1:] for n in NO_ANCHOR], ids=[n[0] for n in NO_ANCHOR])
def test_without_anchor_relative_values_are_underspecified(text: str, expected: tuple[str, str]) -> None:
    assert values_of(text, None) == [expected]


@pytest.mark.parametrize(
    "text",
    ["Over 2,500 years ago the monks taught patience.", "The sea was higher 125,000 years ago.", "two millennia ago"],
    ids=["before-year-one", "far-before-year-one", "millennia"],
)
def test_ago_beyond_the_calendar_is_a_past_reference(text: str) -> None:
    found = tag_timexes("a", text, date(2009, 5, 18))
    assert [(t.text.split()[-1], t.value) for t in found] == [("ago", "PAST_REF")]


@pytest.mark.parametrize(
    "text",
    ["He told USA Today that he would run.", 'The envoy said on ABC\'s "This Week" that talks failed.'],
    ids=["newspaper_name", "programme_title"],
)
def test_relative_word_inside_a_title_is_not_tagged(text: str) -> None:
    assert values_of(text, TUESDAY) == []


def test_sentence_initial_today_is_still_the_day() -> None:
    assert values_of("Today, the talks resume.", TUESDAY) == [("Today", TUESDAY.isoformat())]
