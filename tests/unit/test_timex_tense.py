"""Time stage: which way a bare weekday or month points, from its lead-in words and the governing verb."""

from __future__ import annotations

from datetime import date
from typing import Literal

import pytest
from spacy.language import Language

from dateline.timex import tag_timexes

FRIDAY = date(2031, 2, 7)


def values_of(text: str, anchor: date, nlp: Language | None = None) -> list[tuple[str, str]]:
    doc = nlp(text) if nlp is not None else None
    return [(t.text, t.value) for t in tag_timexes("t", text, anchor, doc)]


LEAD_INS = [
    ("by_weekday_is_ahead", "A hotline is to be opened by Monday.", FRIDAY, ("Monday", "2031-02-10")),
    ("until_weekday_crosses_year", "Talks run until Friday.", date(2020, 12, 30), ("Friday", "2021-01-01")),
    ("by_weekday_lands_on_leap_day", "Ballots are counted by Saturday.", date(2020, 2, 27), ("Saturday", "2020-02-29")),
    ("by_friday_written_on_a_friday", "Envoys meet by Friday.", FRIDAY, ("Friday", "2031-02-07")),
    ("as_early_as_is_ahead", "A deal can be signed as early as Monday.", FRIDAY, ("Monday", "2031-02-10")),
    ("as_recently_as_goes_back_a_year", "He threatened to quit as recently as Tuesday.", date(2021, 1, 1),
     ("Tuesday", "2020-12-29")),
    ("since_is_behind", "Rebels have held the pass since Monday.", FRIDAY, ("Monday", "2031-02-03")),
    ("past_verb_keeps_by_behind", "The troops had left by Monday.", FRIDAY, ("Monday", "2031-02-03")),
    ("no_later_than_month_is_ahead", "The report is due no later than February.", date(2020, 5, 10),
     ("February", "2021-02")),
    ("effective_day_is_ahead_of_a_past_verb", "The bank created a new post, effective Feb. 1.", date(2019, 10, 28),
     ("Feb. 1", "2020-02-01")),
    ("became_effective_stays_behind", "The pact became effective June 1.", date(2019, 10, 28),
     ("June 1", "2019-06-01")),
]  # fmt: skip


@pytest.mark.parametrize(("text", "anchor", "expected"), [c[1:] for c in LEAD_INS], ids=[c[0] for c in LEAD_INS])
def test_lead_in_words_set_the_direction_from_cue_words(text: str, anchor: date, expected: tuple[str, str]) -> None:
    assert values_of(text, anchor) == [expected]


@pytest.mark.parametrize(("text", "anchor", "expected"), [c[1:] for c in LEAD_INS], ids=[c[0] for c in LEAD_INS])
def test_lead_in_words_set_the_direction_from_the_parse(
    nlp: Language, text: str, anchor: date, expected: tuple[str, str]
) -> None:
    assert values_of(text, anchor, nlp) == [expected]


def test_as_recently_as_is_not_a_vague_past_reference() -> None:
    assert values_of("She objected as recently as Friday.", FRIDAY) == [("Friday", "2031-02-07")]


PARSED = [
    ("planned_event_is_ahead", "They planned a large rally on Saturday.", ("Saturday", "2031-02-08")),
    ("planning_day_is_behind", "On Thursday, the ministry planned to send aid.", ("Thursday", "2031-02-06")),
    ("planned_participle_is_not_a_plan", "A service planned for Saturday was canceled.", ("Saturday", "2031-02-01")),
    ("pluperfect_schedule_is_behind", "The offer had been scheduled to expire Wednesday.", ("Wednesday", "2031-02-05")),
    ("can_is_ahead", "The ministers can sign it on Monday.", ("Monday", "2031-02-10")),
    ("modal_perfect_is_behind", "The chip may have caused a drop on Wednesday.", ("Wednesday", "2031-02-05")),
    ("could_not_is_behind", "The owner could not be reached Wednesday.", ("Wednesday", "2031-02-05")),
    ("present_passive_is_not_past", "A ruling is expected by Tuesday.", ("Tuesday", "2031-02-11")),
    ("present_perfect_deadline_is_ahead", "The court has given them until Tuesday.", ("Tuesday", "2031-02-11")),
    ("present_perfect_since_is_behind", "Rebels have held the pass since Tuesday.", ("Tuesday", "2031-02-04")),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in PARSED], ids=[c[0] for c in PARSED])
def test_governing_verb_decides_the_direction_of_a_weekday(nlp: Language, text: str, expected: tuple[str, str]) -> None:
    assert values_of(text, FRIDAY, nlp) == [expected]


@pytest.mark.parametrize(
    "text",
    ["The army sent as many as 2,500 troops by land.", "He stood by Mondale until the end.",
     "Some 16,000 people marched until dark."],
    ids=["troop_number", "name_not_weekday", "crowd_number"],
)  # fmt: skip
def test_lead_in_words_alone_tag_nothing(text: str) -> None:
    assert values_of(text, FRIDAY) == []


ANAPHORIC_WEEKDAYS = [
    ("previous_weekday_counts_from_the_day_mentioned", "Shares fell on Friday, down 4% from the previous Friday.",
     [("Friday", "2031-02-07"), ("the previous Friday", "2031-01-31")]),
    ("following_weekday_crosses_year", "They met on Dec. 30, 2030. The following Monday they signed.",
     [("Dec. 30, 2030", "2030-12-30"), ("The following Monday", "2031-01-06")]),
    ("last_weekday_counts_from_the_document_date", "They met on Jan. 2. They spoke again last Monday.",
     [("Jan. 2", "2031-01-02"), ("last Monday", "2031-02-03")]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in ANAPHORIC_WEEKDAYS], ids=[c[0] for c in ANAPHORIC_WEEKDAYS]
)
def test_previous_or_following_weekday_counts_from_the_last_date_given(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert values_of(text, FRIDAY) == expected


def test_parse_of_another_text_is_ignored_for_tense(nlp: Language) -> None:
    text = "Envoys will meet Tuesday."
    other = nlp("Envoys have met on Tuesday.")  # past tense: would point back
    found = tag_timexes("t", text, FRIDAY, other)
    assert [(t.text, t.value) for t in found] == [("Tuesday", "2031-02-11")]


def test_parse_of_the_same_text_is_used_for_tense(nlp: Language) -> None:
    text = "The vote, which was delayed Tuesday, passed."
    assert [(t.text, t.value) for t in tag_timexes("t", text, FRIDAY, nlp(text))] == [("Tuesday", "2031-02-04")]


def test_tense_is_read_once_and_only_when_a_normaliser_asks() -> None:
    from dateline.timex.tagger import _TenseOnDemand

    reads: list[str] = []

    def read() -> Literal["past"]:
        reads.append("read")
        return "past"

    ctx = _TenseOnDemand(read, anchor=date(2020, 1, 30), reference=None, text="left on Tuesday", start=8)
    assert reads == []
    assert ctx.tense == "past" and ctx.tense == "past"
    assert reads == ["read"]
