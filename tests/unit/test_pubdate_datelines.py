"""Datelines and date stamps at the top of an article, and the date-shaped strings they are made of."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.pubdate import patterns
from dateline.pubdate.datelines import find_dateline


@pytest.mark.parametrize(
    ("text", "expected", "place"),
    [
        ("Harbour vote\n\nVELMORE (Coast Wire / Nordpress - 28th January, 2020) The council voted.",
         dt.date(2020, 1, 28), "VELMORE"),
        ("PORT ALDER, March 3, 2021 (Coastwire) - Ferries resumed.", dt.date(2021, 3, 3), "PORT ALDER"),
        ("KESSLING | Wed Apr 15 , 2009 5:56 am EDT KESSLING -LRB- Wire -RRB- - Scientists said.",
         dt.date(2009, 4, 15), "KESSLING"),
        ("Ferry strike ends\nPosted on January 5, 2021 by admin\nThe strike ended.", dt.date(2021, 1, 5), None),
        ("Ferry strike ends\nUpdated: 6 Jan 2021\nPublished: 4 Jan 2021\nThe strike ended.", dt.date(2021, 1, 4), None),
        ("Send us an e-mail .\nFriday , April 30 , 2010 ; 2:30 PM A huge slick reached the coast.",
         dt.date(2010, 4, 30), None),
        ("Mara Quill | 15:13 UK time , Tuesday , 9 June 2009 One of the awkward things.", dt.date(2009, 6, 9), None),
        ("Island news\n12 May 2010\nThe mayor resigned on Tuesday.", dt.date(2010, 5, 12), None),
    ],
    ids=["agency-parens", "place-date-agency", "place-bar-stamp", "posted-on", "published-not-updated",
         "weekday-date-time", "byline-time-date", "date-alone-on-line"],
)  # fmt: skip
def test_dateline_forms_give_the_publication_date(text: str, expected: dt.date, place: str | None) -> None:
    found = find_dateline(text)
    assert found is not None
    assert found.date == expected
    assert found.place == place


def test_dateline_without_year_keeps_month_and_day() -> None:
    found = find_dateline("PORT ALDER, March 3 (Coastwire) - Ferries resumed on Tuesday.")
    assert found is not None
    assert (found.year, found.month, found.day) == (None, 3, 3)
    assert found.date is None


@pytest.mark.parametrize(
    "text",
    [
        "The council met on March 3, 2021 to discuss the harbour.",
        "Ferry strike ends\nUpdated: 6 Jan 2021\nThe strike ended after three weeks.",
        "The ferry sailed.\n" * 10 + "February 10 , 2011 at 7:36 am | A reader wrote in.",
        "No dates here at all, only 1,000 troops and 2,500 boats.",
    ],
    ids=["date-in-prose", "updated-only", "comment-stamp-far-down", "no-date"],
)
def test_texts_without_a_dateline_give_none(text: str) -> None:
    assert find_dateline(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on February 29th, 2020 in Doha", [(2020, 2, 29)]),
        ("Sept. 4 , 2008 and 2020-01-28T10:00", [(2008, 9, 4), (2020, 1, 28)]),
        ("28 of January 2020", [(2020, 1, 28)]),
        ("February 30, 2020 and May 2020", []),
    ],
    ids=["ordinal", "abbrev-and-iso", "day-of-month", "invalid-and-month-year"],
)
def test_full_dates_are_found_and_validated(text: str, expected: list[tuple[int, int, int]]) -> None:
    assert [(m.year, m.month, m.day) for m in patterns.find_full_dates(text)] == expected


def test_month_days_without_year_exclude_full_dates_and_numbers() -> None:
    found = patterns.find_month_days("On July 31 and 5 May, not March 3, 2020, nor Mar 3,000 boats; may 4")
    assert [(m.month, m.day) for m in found] == [(7, 31), (5, 5)]


@pytest.mark.parametrize(
    ("text", "stamp"),
    [
        ("At 9:59 pm on 09 Jun 2009 , a reader wrote", True),
        ("6:30 pm ET February 11 , 2013 RETWEET", True),
        ("February 10 , 2011 at 7:36 am | reply", True),
        ("The deal of February 29, 2020 was signed.", False),
    ],
    ids=["clock-before", "clock-zone-before", "clock-after", "prose"],
)
def test_dates_next_to_a_clock_time_are_stamps(text: str, stamp: bool) -> None:
    (match,) = patterns.find_full_dates(text)
    assert patterns.is_stamp(text, match) is stamp
