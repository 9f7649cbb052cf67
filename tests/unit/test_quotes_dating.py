"""The cue finder of the quote-dating step: whole-word matches, found the way ``re``'s ``\\b`` finds them."""

from __future__ import annotations

import re

import pytest

from dateline.quotes.dating import whole_word_offsets


@pytest.mark.parametrize(
    ("window", "word"),
    [
        ("he said it, she said.", "said"),
        ("unsaid and said_ and said", "said"),
        ("said", "said"),
        ("", "said"),
        ("Rep. Roe (D-Ohio): yes: no", ":"),
        ("a:b then :c", ":"),
        ("re-iterated, reiterated", "re-iterated"),
        ("according to him, according tonight", "according to"),
        ("élan said élan", "élan"),
        ("aaaa aa", "aa"),
        ("x_said said2 said", "said"),
    ],
    ids=[
        "two-hits",
        "inside-words-skipped",
        "whole-window",
        "empty-window",
        "colon-needs-word-chars-around",
        "colon-between-words",
        "hyphenated",
        "two-words",
        "accented",
        "self-overlapping",
        "underscore-and-digit-are-word-chars",
    ],
)
def test_whole_word_offsets_match_the_regex_word_boundary(window: str, word: str) -> None:
    expected = [m.start() for m in re.finditer(rf"\b{re.escape(word)}\b", window)]
    assert list(whole_word_offsets(window, word)) == expected


def test_empty_word_has_no_offsets() -> None:
    assert list(whole_word_offsets("anything", "")) == []
