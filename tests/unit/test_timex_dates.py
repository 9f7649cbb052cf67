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
]


@pytest.mark.parametrize(("text", "anchor", "expected"), [q[1:] for q in QUARTERS], ids=[q[0] for q in QUARTERS])
def test_fiscal_quarter_is_normalised(text: str, anchor: date, expected: tuple[str, str]) -> None:
    assert expected in [(t, v) for t, _, v in tagged(text, anchor)]


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
