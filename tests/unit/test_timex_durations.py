"""Time stage: durations, sets and times of day; value arithmetic helpers."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.timex import tag_timexes, values
from dateline.timex.numerals import parse_number, parse_spoken_year

ANCHOR = date(2020, 1, 28)


def typed(text: str) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in tag_timexes("t", text, ANCHOR)]


DURATIONS = [
    ("years", "Talks lasted three years.", ("three years", "P3Y")),
    ("adjective_without_the", "It signed the two-year deal.", ("two-year", "P2Y")),
    ("digits_hours", "The siege lasted 24 hours.", ("24 hours", "PT24H")),
    ("written_compound_number", "In the last twenty four hours, stocks fell.", ("the last twenty four hours", "PT24H")),
    ("vague_amount", "It took several weeks.", ("several weeks", "PXW")),
    ("hour_and_a_half", "The meeting lasted an hour and a half.", ("an hour and a half", "PT1H30M")),
    ("fraction_digits", "He served 2 1/2 years.", ("2 1/2 years", "P2Y6M")),
    ("decades_in_years", "It lasted almost two decades.", ("almost two decades", "P20Y")),
    ("modifier_included", "He waited more than four hours.", ("more than four hours", "PT4H")),
    ("first_nine_months", "Sales rose in the first nine months.", ("the first nine months", "P9M")),
    ("the_past_n_months", "Prices rose over the past two months.", ("the past two months", "P2M")),
    ("later_is_not_in_the_extent", "Three days later, he left.", ("Three days", "P3D")),
    ("bare_plural_unit", "The plan was discussed for years.", ("years", "PXY")),
    ("fiscal_year_ended", "Net rose in the year ended Sept. 30.", ("the year", "P1Y")),
]


@pytest.mark.parametrize(("text", "expected"), [d[1:] for d in DURATIONS], ids=[d[0] for d in DURATIONS])
def test_duration_gets_an_iso_8601_value(text: str, expected: tuple[str, str]) -> None:
    assert (expected[0], "DURATION", expected[1]) in typed(text)


SETS = [
    ("every_year", "The festival is held every year.", ("every year", "P1Y")),
    ("each_weekday", "They meet each Thursday.", ("each Thursday", "XXXX-WXX-4")),
    ("each_month_name", "Orangemen march each July.", ("each July", "XXXX-07")),
    ("annually_as_adverb", "The fair is held annually.", ("annually", "P1Y")),
    ("count_of_times_a_year", "The board meets twice a year.", ("twice a year", "P1Y")),
    ("every_other_week", "They talk every other week.", ("every other week", "P2W")),
    ("every_season", "The festival takes place every summer.", ("every summer", "XXXX-SU")),
]


@pytest.mark.parametrize(("text", "expected"), [s[1:] for s in SETS], ids=[s[0] for s in SETS])
def test_recurring_time_is_a_set(text: str, expected: tuple[str, str]) -> None:
    assert (expected[0], "SET", expected[1]) in typed(text)


WEEKDAY_PARTS = [
    ("evening_is_a_time", "The vote was on Friday evening.", ("Friday evening", "TIME", "2020-01-24TEV")),
    ("morning_is_a_time", "Troops left Monday morning.", ("Monday morning", "TIME", "2020-01-27TMO")),
    ("night_is_the_day", "Rebels attacked Sunday night.", ("Sunday night", "DATE", "2020-01-26")),
]


@pytest.mark.parametrize(("text", "expected"), [w[1:] for w in WEEKDAY_PARTS], ids=[w[0] for w in WEEKDAY_PARTS])
def test_weekday_with_part_of_day_keeps_the_part_except_night(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in typed(text)


RATES = [
    ("money_a_year", "The plan will save $500 million a year."),
    ("count_a_week", "The airline adds 700 seats a week."),
    ("percent_annually", "Profits should grow 8.5% annually."),
    ("amount_annually", "The plant would make 10,000 units annually."),
    ("per_second", "The chip runs 15 million instructions per second."),
]


@pytest.mark.parametrize("text", [r[1] for r in RATES], ids=[r[0] for r in RATES])
def test_unit_of_a_rate_after_an_amount_is_not_tagged(text: str) -> None:
    assert typed(text) == []


def test_adjective_quarterly_is_not_a_set() -> None:
    assert typed("Magna cut its quarterly dividend.") == []


TIMES = [
    ("clock_am", "The blast came at 10 a.m.", ("10 a.m.", "2020-01-28T10:00")),
    ("clock_pm_weekday", "He left at 3:30 p.m. Friday.", ("3:30 p.m. Friday", "2020-01-24T15:30")),
    ("noon_weekday", "The deadline passed at noon Thursday.", ("noon Thursday", "2020-01-23T12:00")),
    ("this_morning", "He spoke this morning.", ("this morning", "2020-01-28TMO")),
    ("tonight", "He speaks tonight.", ("tonight", "2020-01-28TNI")),
    ("last_night", "Rockets hit the base last night.", ("last night", "2020-01-27TNI")),
    ("twenty_four_hour_clock", "It began at 14:30 GMT.", ("14:30 GMT", "2020-01-28T14:30")),
]


@pytest.mark.parametrize(("text", "expected"), [t[1:] for t in TIMES], ids=[t[0] for t in TIMES])
def test_time_of_day_is_on_the_right_day(text: str, expected: tuple[str, str]) -> None:
    assert (expected[0], "TIME", expected[1]) in typed(text)


SHIFTS = [
    ("quarter_a_year_back", "1989-Q3", -1, "Y", "1988-Q3"),
    ("week_across_year", "2020-W01", -1, "W", "2019-W52"),
    ("day_into_leap_day", "2020-03-01", -1, "D", "2020-02-29"),
    ("month_across_year", "2019-12", 1, "M", "2020-01"),
    ("season_keeps_its_code", "2019-SU", 1, "Y", "2020-SU"),
    ("not_a_calendar_value", "PRESENT_REF", 1, "Y", None),
]


@pytest.mark.parametrize(("value", "amount", "unit", "expected"), [s[1:] for s in SHIFTS], ids=[s[0] for s in SHIFTS])
def test_shift_value_keeps_granularity(value: str, amount: int, unit: str, expected: str | None) -> None:
    assert values.shift_value(value, amount, unit) == expected


def test_add_months_clamps_to_month_end() -> None:
    assert values.add_months(date(2020, 1, 31), 1) == date(2020, 2, 29)


@pytest.mark.parametrize(
    ("text", "number"),
    [("twenty four", 24), ("1,000", 1000), ("one hundred and five", 105), ("2 1/2", 2.5), ("a", 1), ("troops", None)],
    ids=["compound", "thousands", "hundred_and", "fraction", "article", "not_a_number"],
)
def test_parse_number_reads_digits_and_words(text: str, number: float | None) -> None:
    assert parse_number(text) == number


def test_parse_spoken_year_reads_two_word_years() -> None:
    assert (parse_spoken_year("nineteen ninety-six"), parse_spoken_year("two thousand and one")) == (1996, 2001)
