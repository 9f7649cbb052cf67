"""Time stage: vague stretches ("over the years"), ordinal days, 24-hour clocks and sentence-initial deictic words."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from dateline.timex import tag_timexes

MONDAY = date(2031, 3, 10)  # a Monday


def typed(text: str, nlp: Language | None = None) -> list[tuple[str, str, str]]:
    doc = nlp(text) if nlp is not None else None
    return [(t.text, t.type, t.value) for t in tag_timexes("t", text, MONDAY, doc)]


VAGUE_STRETCHES = [
    ("weeks_ahead", "Prices may keep rising in the weeks ahead.", ("the weeks ahead", "DURATION", "PXW")),
    ("years_to_come", "The dam will stand for the years to come.", ("the years to come", "DURATION", "PXY")),
    ("over_the_years", "Over the years the village emptied.", ("the years", "DURATION", "PXY")),
    ("first_hours_of_an_event", "Hundreds fled in the first hours of the storm.", ("the first hours", "DURATION",
                                                                                  "PTXH")),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), [v[1:] for v in VAGUE_STRETCHES], ids=[v[0] for v in VAGUE_STRETCHES])
def test_plural_unit_after_the_is_a_vague_duration(text: str, expected: tuple[str, str, str]) -> None:
    assert typed(text) == [expected]


@pytest.mark.parametrize(
    "text",
    ["In the years of the famine, trade stopped.", "She lived in the days when trams ran here."],
    ids=["named_by_an_event", "bare_in_the_days"],
)
def test_plural_unit_without_a_time_tail_is_not_tagged(text: str) -> None:
    assert typed(text) == []


def test_early_hours_of_a_weekday_leave_the_weekday_as_the_expression() -> None:
    assert typed("Police raided the flat in the early hours of Sunday.") == [("Sunday", "DATE", "2031-03-09")]


def test_the_past_before_a_count_is_not_a_past_reference() -> None:
    assert all(value != "PAST_REF" for _, _, value in typed("Riots broke out for the past three winters."))


ORDINAL_DAYS = [
    ("copula_present", "It is the fourth day of the strike.", ("the fourth day", "DATE", "2031-03-10")),
    ("entered_after_a_weekday", "On Saturday the siege entered its ninth day.", ("its ninth day", "DATE",
                                                                                 "2031-03-08")),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), [o[1:] for o in ORDINAL_DAYS], ids=[o[0] for o in ORDINAL_DAYS])
def test_ordinal_day_of_an_ongoing_event_is_the_day_written_about(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in typed(text)


def test_ordinal_day_without_a_copula_is_not_tagged() -> None:
    assert typed("He vowed to act on his first day in office.") == []


CLOCKS = [
    ("local_time", "Polls closed at 19:30 local time.", ("19:30 local time", "TIME", "2031-03-10T19:30")),
    ("after_at", "The ferry leaves at 07:45 each morning.", ("07:45", "TIME", "2031-03-10T07:45")),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CLOCKS], ids=[c[0] for c in CLOCKS])
def test_24_hour_clock_after_at_or_with_local_time_is_a_time(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in typed(text)


def test_ratio_with_a_colon_is_not_a_clock() -> None:
    assert typed("The board voted 10:15 against the bid.") == []


def test_yesterday_after_a_sentence_ending_in_a_capitalised_word_is_the_day() -> None:
    assert typed("Shares fell on Friday. Yesterday, they rose.")[-1] == ("Yesterday", "DATE", "2031-03-09")


def test_plan_verb_in_the_present_after_a_weekday_points_ahead(nlp: Language) -> None:
    assert typed("On Thursday, the league plans to screen an advertisement.", nlp) == [
        ("Thursday", "DATE", "2031-03-13")
    ]


def test_pluperfect_above_a_complement_keeps_the_weekday_behind(nlp: Language) -> None:
    assert typed("The offer had been due to expire Friday evening.", nlp) == [
        ("Friday evening", "TIME", "2031-03-07TEV")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Engineers say the island will one day be under water.", ("one day", "DATE", "FUTURE_REF")),
        ("She hopes she one day returns home.", ("one day", "DATE", "FUTURE_REF")),
        ("He hopes to sail there some day.", ("some day", "DATE", "FUTURE_REF")),
        ("The strike lasted one day.", ("one day", "DURATION", "P1D")),
    ],
    ids=["after_a_modal", "after_a_subject_pronoun", "some_day", "length_of_time"],
)
def test_one_day_after_a_modal_or_subject_is_some_future_day(text: str, expected: tuple[str, str, str]) -> None:
    assert typed(text) == [expected]


def test_the_last_days_of_an_event_are_not_tagged() -> None:
    assert typed("He spent the last days of the siege in a cellar.") == []


def test_last_as_a_verb_before_a_plural_unit_gives_a_duration() -> None:
    assert typed("Such talks can last years.") == [("years", "DURATION", "PXY")]


def test_march_before_a_noun_after_a_determiner_is_the_month() -> None:
    assert typed("The March vote will decide it.") == [("March", "DATE", "2031-03")]


def test_march_of_an_organisation_is_not_a_month() -> None:
    assert typed("The March of Dimes raised money.") == []


def test_future_verb_does_not_push_a_month_naming_a_noun_ahead(nlp: Language) -> None:
    text = "The bank will try to sell itself under a November agreement with shareholders."
    assert typed(text, nlp) == [("November", "DATE", "2030-11")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He died on March 3. Two men came to the house the day after his death.", ("the day", "DATE", "2031-03-04")),
        ("The vote was on March 3. Envoys met the day before the vote.", ("the day", "DATE", "2031-03-02")),
        ("Shares fell on March 3, the day before the crash.", ("the day", "DATE", "2031-03-03")),
    ],
    ids=["after_counts_forward", "before_counts_back", "apposition_renames_the_day"],
)
def test_the_day_before_or_after_an_event_counts_from_the_day_last_named(
    text: str, expected: tuple[str, str, str]
) -> None:
    assert typed(text)[-1] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ship was seized on April 2 near the coast.", ("April 2", "2030-04-02")),
        ("The ship was seized on March 12 near the coast.", ("March 12", "2031-03-12")),
        ("The ship will sail on April 2.", ("April 2", "2031-04-02")),
        ("The dividend, declared on Friday, is payable April 2.", ("April 2", "2031-04-02")),
    ],
    ids=["past_on_day_is_over", "two_days_ahead_left_to_the_bias", "future_on_day_ahead", "payable_keeps_ahead"],
)
def test_past_tense_event_on_a_named_day_is_the_last_such_day(
    nlp: Language, text: str, expected: tuple[str, str]
) -> None:
    assert expected in [(t, v) for t, _, v in typed(text, nlp)]


def test_weekday_written_with_the_date_picks_the_year_it_fits() -> None:
    # June 20 is a Friday in 2031, not in 2030: the weekday outweighs the past tense of "said"
    assert typed("The paper said in an editorial on Friday, June 20: the court erred.") == [
        ("Friday, June 20", "DATE", "2031-06-20")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The polls closed at 8 p.m. on Friday.", ("8 p.m.", "TIME", "2031-03-07T20:00")),
        ("The polls close at 8 p.m. on Friday, March 14.", ("8 p.m.", "TIME", "2031-03-14T20:00")),
    ],
    ids=["weekday", "weekday_and_date"],
)
def test_clock_time_takes_the_day_named_after_it(nlp: Language, text: str, expected: tuple[str, str, str]) -> None:
    assert typed(text, nlp)[0] == expected


def test_first_of_two_days_before_the_month_is_a_date_of_its_own() -> None:
    assert typed("The talks, held on 3 and 4 March, failed.") == [
        ("3", "DATE", "2031-03-03"),
        ("4 March", "DATE", "2031-03-04"),
    ]


def test_lower_case_word_ending_in_t_is_not_a_time_zone() -> None:
    assert [t for t, _, _ in typed("The ferry docked 1030 that day.")] == ["that day"]
