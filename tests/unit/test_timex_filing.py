"""Time stage: the day of writing (a wire dateline a day before the stamp) and "overnight" next to the day discussed."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.timex import tag_timexes
from dateline.timex.tagger import filing_day

SATURDAY = date(2021, 6, 12)  # stamped the day after a Friday dateline


def values_of(text: str, anchor: date | None) -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in tag_timexes("t", text, anchor)]


FILING_DAY = [
    ("agency_dateline_a_day_before", "OSLO, June 11 (Xinhua) -- The talks ended.", SATURDAY, date(2021, 6, 11)),
    ("city_and_country_dateline", "LIMA, Peru, June 10 (AP) _ Talks ended.", SATURDAY, date(2021, 6, 10)),
    ("abbreviated_month", "QUITO, Jun. 11 -- The talks ended.", SATURDAY, date(2021, 6, 11)),
    ("dateline_across_new_year", "OSLO, Dec. 31 (AP) -- Talks ended.", date(2022, 1, 1), date(2021, 12, 31)),
    ("same_day_dateline_keeps_the_stamp", "OSLO, June 12 (AP) -- Talks ended.", SATURDAY, SATURDAY),
    ("dateline_after_the_stamp_is_not_trusted", "OSLO, June 14 (AP) -- Talks ended.", SATURDAY, SATURDAY),
    ("dateline_days_before_is_not_trusted", "OSLO, June 2 (AP) -- Talks ended.", SATURDAY, SATURDAY),
    ("no_dateline", "The talks in Oslo ended on June 11.", SATURDAY, SATURDAY),
    ("date_later_in_the_text_is_no_dateline", "Talks ended. OSLO, June 11 (AP) -- more.", SATURDAY, SATURDAY),
    ("impossible_day", "OSLO, June 31 (AP) -- Talks ended.", date(2021, 7, 1), date(2021, 7, 1)),
]


@pytest.mark.parametrize(("text", "anchor", "expected"), [c[1:] for c in FILING_DAY], ids=[c[0] for c in FILING_DAY])
def test_dateline_a_day_or_two_before_the_stamp_is_the_day_of_writing(text: str, anchor: date, expected: date) -> None:
    assert filing_day(text, anchor) == expected


def test_without_an_anchor_there_is_no_filing_day() -> None:
    assert filing_day("OSLO, June 11 (AP) -- Talks ended.", None) is None


def test_today_and_a_bare_weekday_count_from_the_dateline() -> None:
    text = "OSLO, June 11 (Xinhua) -- Norway signed the pact today, a week after talks began on Friday."
    assert values_of(text, SATURDAY) == [
        ("June 11", "2021-06-11"),
        ("today", "2021-06-11"),
        ("a week", "P1W"),
        ("Friday", "2021-06-11"),
    ]


OVERNIGHT = [
    (
        "night_before_the_day_last_named",
        "Tokyo stocks fell Friday after overnight losses in New York.",
        date(2021, 6, 14),
        ("overnight", "2021-06-10TNI"),
    ),
    ("night_before_the_day_of_writing", "Rebels shelled the city overnight.", SATURDAY, ("overnight", "2021-06-11TNI")),
    ("night_before_new_year", "Fireworks lit the sky overnight.", date(2022, 1, 1), ("overnight", "2021-12-31TNI")),
]


@pytest.mark.parametrize(("text", "anchor", "expected"), [c[1:] for c in OVERNIGHT], ids=[c[0] for c in OVERNIGHT])
def test_overnight_is_the_night_running_into_the_day_discussed(
    text: str, anchor: date, expected: tuple[str, str]
) -> None:
    assert expected in values_of(text, anchor)


def test_overnight_does_not_replace_the_day_under_discussion() -> None:
    text = "London shares closed lower Friday after overnight losses, down 4% from the previous Friday."
    assert values_of(text, date(2021, 6, 14))[-1] == ("the previous Friday", "2021-06-04")


def test_overnight_without_anchor_is_underspecified() -> None:
    assert values_of("Rebels shelled the city overnight.", None) == [("overnight", "XXXX-XX-XXTNI")]
