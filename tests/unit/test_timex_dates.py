"""Time stage: absolute, partial and calendar expressions, normalised against an anchor date."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.timex import tag_timexes


def tagged(text: str, anchor: date | None) -> list[tuple[str, str, str]]:
    """(text, type, value) of every expression, checking that offsets point at the text."""
    found = tag_timexes("t", text, anchor)
    for timex in found:
        assert text[timex.start : timex.end] == timex.text
    return [(t.text, t.type, t.value) for t in found]


ABSOLUTE = [
    (
        "ordinal_leap_day",
        "The deal was signed on February 29th, 2020 in Doha.",
        ("February 29th, 2020", "DATE", "2020-02-29"),
    ),
    (
        "day_before_month",
        "KABUL (Agency - 28th January, 2020) Talks began.",
        ("28th January, 2020", "DATE", "2020-01-28"),
    ),
    ("the_nth_of_month", "It ends on the 3rd of March 2021.", ("the 3rd of March 2021", "DATE", "2021-03-03")),
    ("abbreviated_month", "Shares rose on Oct. 15, 1999, traders said.", ("Oct. 15, 1999", "DATE", "1999-10-15")),
    ("iso", "Filed 2019-07-31 in court.", ("2019-07-31", "DATE", "2019-07-31")),
    ("us_slashes", "Dated 7/31/2019 and signed.", ("7/31/2019", "DATE", "2019-07-31")),
    ("month_year", "The plant opened in August 1988.", ("August 1988", "DATE", "1988-08")),
    ("spoken_year", "It happened in nineteen ninety-six on a technicality.", ("nineteen ninety-six", "DATE", "1996")),
    (
        "month_spoken_year",
        "Since January nineteen ninety-seven, prices fell.",
        ("January nineteen ninety-seven", "DATE", "1997-01"),
    ),
    ("bare_year_after_since", "Troops have been there since 2018.", ("2018", "DATE", "2018")),
    ("decade", "Growth in the 1990s was fast.", ("the 1990s", "DATE", "199")),
    ("decade_apostrophe", "Music of the '90s is back.", ("the '90s", "DATE", "199")),
    ("decade_word", "Prices in the nineties were low.", ("the nineties", "DATE", "199")),
    ("century", "The worst war of the 20th century ended.", ("the 20th century", "DATE", "19")),
    ("century_words", "Plans for the twenty-first century were drawn.", ("the twenty-first century", "DATE", "20")),
    ("fiscal_year", "Sales in fiscal 1989 rose.", ("fiscal 1989", "DATE", "1989")),
    ("first_half_of_year", "Profit fell in the first half of 2020.", ("the first half of 2020", "DATE", "2020-H1")),
    ("season_with_year", "It was built in the summer of 1999.", ("the summer of 1999", "DATE", "1999-SU")),
    ("holiday_with_year", "They married on Christmas 1998.", ("Christmas 1998", "DATE", "1998-12-25")),
]


@pytest.mark.parametrize(("text", "expected"), [(t, e) for _, t, e in ABSOLUTE], ids=[i for i, _, _ in ABSOLUTE])
def test_absolute_expression_is_resolved_whatever_the_anchor(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in tagged(text, date(2020, 3, 1))
    assert expected in tagged(text, None)


PARTIAL = [
    ("month_day_past_last_month", "Khalilzad said on July 31 that talks ended.", date(2019, 8, 5), "2019-07-31"),
    (
        "month_day_future_crosses_year",
        "The plant will reopen Jan. 2, officials said.",
        date(2019, 12, 28),
        "2020-01-02",
    ),
    ("month_day_past_crosses_year", "He was arrested Dec. 30 in Ohio.", date(2020, 1, 4), "2019-12-30"),
    (
        "dividend_payable_ahead_in_past_sentence",
        "It declared a dividend payable Dec. 15.",
        date(1989, 10, 26),
        "1989-12-15",
    ),
    ("leap_day_without_year", "The deal was signed on Feb. 29 in Doha.", date(2020, 3, 2), "2020-02-29"),
    ("bare_month_after_preposition", "Elections are due in May.", date(2020, 3, 1), "2020-05"),
    ("month_this_year", "They must leave by May this year.", date(2020, 3, 1), "2020-05"),
    ("month_last_year", "The vote was held in July last year.", date(2020, 3, 1), "2019-07"),
    ("last_month_name", "Sales fell last April.", date(1989, 10, 27), "1989-04"),
    ("last_month_name_in_same_month", "Sales fell last April.", date(1989, 4, 20), "1988-04"),
    ("early_next_year", "It will close early next year.", date(1989, 10, 27), "1990"),
]


@pytest.mark.parametrize(("text", "anchor", "value"), [p[1:] for p in PARTIAL], ids=[p[0] for p in PARTIAL])
def test_partial_date_takes_its_year_from_anchor_and_tense(text: str, anchor: date, value: str) -> None:
    assert value in [v for _, _, v in tagged(text, anchor)]


def test_partial_date_without_anchor_keeps_x_for_the_year() -> None:
    assert tagged("Khalilzad said on July 31 that talks ended.", None) == [("July 31", "DATE", "XXXX-07-31")]


def test_impossible_date_is_not_produced() -> None:
    values = [v for _, _, v in tagged("It was signed on February 29th, 2019.", date(2019, 3, 1))]
    assert "2019-02-29" not in values


QUARTERS = [
    (
        "numbered_quarter_this_year",
        "Profit rose in the third quarter.",
        date(1989, 10, 26),
        ("the third quarter", "1989-Q3"),
    ),
    (
        "quarter_still_ahead_is_last_years",
        "Profit rose in the fourth quarter.",
        date(1990, 2, 10),
        ("the fourth quarter", "1989-Q4"),
    ),
    (
        "adjectival_quarter_without_the",
        "It released the third-quarter results.",
        date(1989, 10, 26),
        ("third-quarter", "1989-Q3"),
    ),
    (
        "quarter_of_year",
        "Sales in the second quarter of 1990 rose.",
        date(1989, 10, 26),
        ("the second quarter of 1990", "1990-Q2"),
    ),
    ("the_quarter_is_last_completed", "Sales rose in the quarter.", date(1989, 10, 26), ("the quarter", "1989-Q3")),
    (
        "year_earlier_quarter",
        "Profit rose in the third quarter from the year-earlier quarter.",
        date(1989, 10, 26),
        ("the year-earlier quarter", "1988-Q3"),
    ),
    (
        "a_year_earlier_after_quarter",
        "Profit rose in the third quarter from $5 a year earlier.",
        date(1989, 10, 26),
        ("a year earlier", "1988-Q3"),
    ),
    ("quarter_ended_is_a_date", "It lost $5 in the quarter ended Sept. 30.", date(1989, 10, 26),
     ("the quarter", "1989-Q3")),
    ("fiscal_quarter_by_middle_month", "In the quarter ended July 31, it lost $5.", date(1989, 10, 26),
     ("the quarter", "1989-Q2")),
    ("quarter_ended_january_is_last_years_q4", "Sales in the quarter ended Jan. 31 rose.", date(2020, 3, 2),
     ("the quarter", "2019-Q4")),
    ("quarter_ended_explicit_year", "The quarter ending Dec. 31, 1988 was weak.", date(1989, 10, 26),
     ("The quarter", "1988-Q4")),
    ("quarter_ended_leap_day", "In the quarter ended Feb. 29, sales rose.", date(2020, 4, 10),
     ("the quarter", "2020-Q1")),
]  # fmt: skip


@pytest.mark.parametrize(("text", "anchor", "expected"), [q[1:] for q in QUARTERS], ids=[q[0] for q in QUARTERS])
def test_fiscal_quarter_is_normalised(text: str, anchor: date, expected: tuple[str, str]) -> None:
    assert expected in [(t, v) for t, _, v in tagged(text, anchor)]


def test_year_earlier_counts_from_the_quarter_that_ended() -> None:
    text = "Net rose in the quarter ended Sept. 30 from $3 a year earlier."
    assert [v for _, _, v in tagged(text, date(1989, 10, 26))] == ["1989-Q3", "1989-09-30", "1988-Q3"]


YEAR_BACK_PERIODS = [
    ("corresponding_period_last_year", "Net rose in the third quarter from $1 in the corresponding period last year.",
     ("the corresponding period last year", "1988-Q3")),
    ("quarter_a_year_ago", "Net was $9 in the third quarter. For the quarter a year ago, it earned $5.",
     ("the quarter a year ago", "1988-Q3")),
    ("last_years_quarter", "Sales for last year's quarter were $3.", ("last year's quarter", "1988-Q3")),
    ("last_years_numbered_quarter", "Sales fell in last year's fourth quarter.",
     ("last year's fourth quarter", "1988-Q4")),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"), [y[1:] for y in YEAR_BACK_PERIODS], ids=[y[0] for y in YEAR_BACK_PERIODS]
)
def test_period_a_year_back_is_the_quarter_under_discussion(text: str, expected: tuple[str, str]) -> None:
    assert expected in [(t, v) for t, _, v in tagged(text, date(1989, 11, 1))]


def test_last_year_alone_is_still_the_year() -> None:
    assert [(t, v) for t, _, v in tagged("Troops came last year.", date(1989, 11, 1))] == [("last year", "1988")]


def test_year_ended_stays_a_duration() -> None:
    assert ("the year", "DURATION", "P1Y") in tagged("For the year ended Sept. 30, it earned $5.", date(1989, 10, 26))


def test_repeated_year_earlier_counts_from_the_quarter_not_from_itself() -> None:
    text = "Net rose in the third quarter from $3 a year earlier. Sales fell from $9 a year earlier."
    assert [v for _, _, v in tagged(text, date(1989, 10, 26))] == ["1989-Q3", "1988-Q3", "1988-Q3"]


SEASONS = [
    ("this_summer", "The talks resume this summer.", date(2020, 3, 1), "2020-SU"),
    ("last_winter_early_in_year", "Snow fell last winter.", date(2020, 2, 1), "2019-WI"),
    ("next_spring_after_spring", "It opens next spring.", date(2020, 7, 1), "2021-SP"),
]


@pytest.mark.parametrize(("text", "anchor", "value"), [s[1:] for s in SEASONS], ids=[s[0] for s in SEASONS])
def test_season_is_resolved_relative_to_anchor(text: str, anchor: date, value: str) -> None:
    assert [v for _, _, v in tagged(text, anchor)] == [value]


NOT_DATES = [
    ("troops_with_comma", "The US will pull 1,000 troops out."),
    ("bare_thousands", "About 16,000 people marched."),
    ("two_thousand_five_hundred", "Some 2,500 soldiers remain."),
    ("quantity_four_digits", "It sent about 1500 troops there."),
    ("money", "He paid $2,019 for it."),
    ("may_the_verb", "The talks may fail."),
    ("march_the_verb", "Protesters march on the capital."),
    ("fall_the_verb", "Prices fall when supply rises."),
    ("age", "The 6-year-old boy and his 44-year-old father arrived."),
    ("show_title", "He spoke on 60 Minutes about it."),
    ("no_date_at_all", "The NATO chief spoke to reporters in Brussels."),
    ("a_quarter_of", "A quarter of the votes were counted."),
]


@pytest.mark.parametrize("text", [t for _, t in NOT_DATES], ids=[i for i, _ in NOT_DATES])
def test_number_or_word_that_is_not_a_date_is_not_tagged(text: str) -> None:
    assert tagged(text, date(2020, 3, 1)) == []


DAY_SPANS = [
    ("second_day_of_a_pair", "The summit is held on April 24 and 25.", date(1999, 2, 10),
     [("April 24", "1999-04-24"), ("25", "1999-04-25")]),
    ("pair_across_leap_day", "Polls open on Feb. 28 and 29.", date(2020, 1, 10),
     [("Feb. 28", "2020-02-28"), ("29", "2020-02-29")]),
    ("week_of_a_day", "Talks open the week of March 6.", date(2000, 2, 10), [("the week of March 6", "2000-W10")]),
    ("week_of_crosses_year", "Snow fell during the week of Dec. 29, 2020.", date(2021, 2, 1),
     [("the week of Dec. 29, 2020", "2020-W53")]),
    ("numbers_after_and_are_not_days", "Between May 3 and 2,000 troops left.", date(1999, 6, 1),
     [("May 3", "1999-05-03")]),
    ("descending_pair_is_not_two_days", "Scores were May 9 and 2 points.", date(1999, 6, 1), [("May 9", "1999-05-09")]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "anchor", "expected"), [d[1:] for d in DAY_SPANS], ids=[d[0] for d in DAY_SPANS])
def test_day_pairs_and_weeks_of_a_day(text: str, anchor: date, expected: list[tuple[str, str]]) -> None:
    assert [(t, v) for t, _, v in tagged(text, anchor)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("The sale should be completed around Nov. 1.", [("around Nov. 1", "2019-11-01")]),
     ("The deal is expected to close around year end.", [("around year end", "2019")]),
     ("Lawyers sought ways to get around Monday's ruling.", [("Monday", "2019-10-28")])],
    ids=["around_a_day", "around_year_end", "not_before_a_possessive"],
)  # fmt: skip
def test_around_in_front_of_a_date_is_in_its_extent(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(t.text, t.value) for t in tag_timexes("t", text, date(2019, 10, 28))] == expected
