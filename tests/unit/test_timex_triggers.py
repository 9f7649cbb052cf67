"""Time stage: trigger windows never hide a match that a search of the whole text would find."""

from __future__ import annotations

import pytest

from dateline.timex.patterns import PATTERNS
from dateline.timex.triggers import _trigger_hits, _trigger_hits_by_word, rule_windows

TEXTS = [
    "KABUL (Agency - 28th January, 2020) NATO chiefs met on Tuesday, two days after the vote.",
    "Net rose in the year-earlier third quarter of fiscal 1989 and in the first nine months of the year.",
    "He left at 3:30 p.m. Friday; the next day, early next year, sometime this spring, since the 1990s.",
    "In nineteen ninety-six, the 20th century, last Christmas and each Thursday were recalled annually.",
    "Troops are now leaving; recently, in the past, they stayed for years, more than two thousand years.",
    "A two-year deal, signed three days earlier, ends a week from now; talks began 18 months ago.",
    "İstanbul talks ended two years ago; the 30-day truce began Monday.",
]


@pytest.mark.parametrize("text", TEXTS, ids=[f"text_{n}" for n in range(len(TEXTS))])
def test_every_whole_text_match_lies_inside_a_window_of_its_rule(text: str) -> None:
    windows = rule_windows(text)
    for rule, pattern in PATTERNS.items():
        for match in pattern.finditer(text):
            inside = any(start <= match.start() and match.end() <= end for start, end in windows.get(rule, []))
            assert inside, (rule, match.group(0))


def test_text_without_trigger_words_has_no_windows() -> None:
    assert rule_windows("The envoy spoke to reporters in Brussels.") == {}


def test_fast_word_scan_finds_the_same_trigger_words_as_a_scan_word_by_word() -> None:
    text = "Early Monday, two-year-old MAYDAY ago:Ago; 3-day talks, years later, Mayor Maya met in May."
    assert _trigger_hits(text) == _trigger_hits_by_word(text, {"digit": [text.index("3-day")]})
