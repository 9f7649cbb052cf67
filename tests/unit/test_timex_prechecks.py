"""The prechecks never skip a window in which the rule's pattern matches."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.evaluate.timex import find_files, read_timeml
from dateline.timex.patterns import PATTERNS
from dateline.timex.prechecks import REQUIRED, lowered_for_checks, may_match

# Invented sentences, each holding at least one expression of the rule (checked below).
MATCHING = [
    ("iso", "The filing is dated 2021-03-04 in the register."),
    ("slash", "Signed on 3/14/19 at the port."),
    ("mdy", "It opened on Monday, MARCH 3, 2014 downtown."),
    ("dmy", "held on the 4th of July 1999 in town"),
    ("md", "due Oct. 30 this year"),
    ("dm", "on 12 August the ship left"),
    ("my", "in March '98 and in May nineteen ninety-six and in June two  thousand"),
    ("clock", "at 9:30 A.M. sharp and 10 o'clock"),
    ("clock24", "at 1430 GMT and by 14:30"),
    ("noon", "around Midnight Tuesday"),
    ("deictic", "late Tonight the vote"),
    ("day_part", "the vote came overnight and in mid-morning"),
    ("rel_unit", "THE PRECEDING\nyear was calm"),
    ("year_ago", "a Year-Earlier rise"),
    ("year_ago_np", "the quarter-ago period"),
    ("period_year_back", "the same period a\tyear ago"),
    ("fiscal_year", "for the fiscal year Ended in May"),
    ("bare_unit", "it took Centuries"),
    ("the_units", "over the Hours ahead"),
    ("recent_units", "in recent Decades"),
    ("nth_day", "the strike entered its third straight Day"),
    ("decade", "in the 1990's and the '80S and the Sixties"),
    ("year", "in fiscal 1998"),
    ("year_period", "the 2001 season"),
    ("quarter", "the second Half of the year"),
    ("quarter_adj", "fiscal third-Quarter profit"),
    ("year_end", "at year's  End"),
    ("the_unit", "for THE\nMonth"),
    ("weekend", "this Weekend"),
    ("week_of", "the week of March 3"),
    ("md_second_day", "on April 24\nOR 25"),
    ("dm_first_day", "on 3rd and 4 March"),
]


def test_table_covers_every_checked_rule() -> None:
    assert {rule for rule, _ in MATCHING} == set(REQUIRED)


@pytest.mark.parametrize(("rule", "text"), MATCHING, ids=[rule for rule, _ in MATCHING])
def test_window_with_a_match_is_never_skipped(rule: str, text: str) -> None:
    match = PATTERNS[rule].search(text)
    assert match is not None
    lowered = lowered_for_checks(text)
    assert may_match(rule, text, lowered, 0, len(text))
    for start, end in [(match.start(), match.end()), (match.start(), len(text)), (0, match.end())]:
        if PATTERNS[rule].search(text, start, end):  # a lookahead may need text after the match
            assert may_match(rule, text, lowered, start, end)


@pytest.mark.parametrize(
    ("rule", "text"),
    [("quarter", "profit rose in the year"), ("decade", "in 1990 and 1991"), ("slash", "on 3-14-19"),
     ("year", "on page 42"), ("the_unit", "for them, a year")],
    ids=["quarter", "decade", "slash", "year", "the_unit"],
)  # fmt: skip
def test_window_without_the_required_word_is_skipped(rule: str, text: str) -> None:
    assert PATTERNS[rule].search(text) is None
    assert not may_match(rule, text, lowered_for_checks(text), 0, len(text))


def test_word_outside_the_window_does_not_count() -> None:
    text = "the quarter ended; profits rose"
    assert not may_match("quarter", text, lowered_for_checks(text), 12, len(text))


@pytest.mark.parametrize("text", ["the ſecond half", "İstanbul's quarter", "the \u212aelvin quarter"])
def test_letters_that_ignorecase_folds_to_ascii_turn_literal_checks_off(text: str) -> None:
    assert lowered_for_checks(text) is None
    assert may_match("weekend", text, None, 0, len(text))


DEMO = Path(__file__).resolve().parents[2] / "examples" / "demo-corpus"


def _unskippable(texts: list[str]) -> list[str]:
    """Every match of a checked rule in ``texts`` whose own window the prechecks would skip (should be none)."""
    missed = []
    for text in texts:
        lowered = lowered_for_checks(text)
        for rule in REQUIRED:
            for match in PATTERNS[rule].finditer(text):
                # The window from the match to the end holds all it consumes and all its lookaheads see.
                if not may_match(rule, text, lowered, match.start(), len(text)):
                    missed.append(f"{rule}: {match.group(0)!r}")
    return missed


def test_no_match_in_the_demo_corpus_is_skipped() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(DEMO.glob("*.txt"))]
    assert texts, DEMO
    assert _unskippable(texts) == []


def test_no_match_in_the_tempeval_texts_is_skipped(shared_dir: Path) -> None:
    folder = shared_dir / "eval" / "timex-tempeval3" / "TBAQ-cleaned"
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent")
    texts = [read_timeml(path).text for path in find_files(folder)]
    assert len(texts) > 200
    assert _unskippable(texts) == []
