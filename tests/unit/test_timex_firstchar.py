"""First-character guards give the same matches as the bare patterns, and stay off where they cannot be told."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dateline.evaluate.timex import find_files, read_timeml
from dateline.timex.firstchar import first_class, guarded
from dateline.timex.patterns import _RAW, PATTERNS


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\bfoo|bar", "[fb]"),
        (r"(?:the\s+)?day", "[td]"),
        (r"(?<=at\s)\d+", r"[\d]"),
        (r"[a-c]x|y?z", "[a-cyz]"),
        (r"(?:about\s+)*\b(?P<n>one|two)", "[aot]"),
    ],
    ids=["branch", "optional-prefix", "lookbehind-skipped", "class-and-optional", "repeat-and-group"],
)
def test_first_class_lists_every_opening_character(pattern: str, expected: str) -> None:
    assert first_class(re.compile(pattern)) == expected


@pytest.mark.parametrize(
    "pattern",
    [r"x?", r"[^a]b", r".b", r"(?-i:a)b", r"(a)?\1b", r"\b(?:a|)"],
    ids=["can-be-empty", "negated-class", "any-char", "inline-flag", "backreference", "empty-branch"],
)
def test_patterns_it_cannot_read_stay_unguarded(pattern: str) -> None:
    compiled = re.compile(pattern, re.IGNORECASE)
    assert guarded(compiled) is compiled


def test_guarded_pattern_keeps_groups_and_flags() -> None:
    bare = re.compile(r"\b(?P<word>today|tomorrow)\b|(?P<num>\d+) days", re.IGNORECASE)
    guard = guarded(bare)
    assert guard is not bare
    assert guard.groupindex == bare.groupindex and guard.flags == bare.flags
    text = "TODAY, in 3 days or Tomorrow"
    assert [m.groupdict() for m in guard.finditer(text)] == [m.groupdict() for m in bare.finditer(text)]


# Invented text with letters that IGNORECASE folds to ASCII letters, and expressions at the edges.
TRICKY = [
    "ſome ſeconds later, \u212aelvin and İstanbul met on Monday.",
    "2020-01-02T10:00 and 3/4/21; '98 and the 1990s, Sept. 3, 1999",
    "About two-and-a-half years ago, nearly 30 days earlier, the Year-ago quarter",
]


def _all_matches(texts: list[str], patterns: dict[str, re.Pattern[str]]) -> list[tuple[str, int, int]]:
    return [(rule, *m.span()) for text in texts for rule, p in patterns.items() for m in p.finditer(text)]


def test_every_timex_pattern_is_guarded() -> None:
    assert all(p.pattern.startswith("(?=[") for p in PATTERNS.values())


def test_guarded_timex_patterns_find_the_same_matches_in_tricky_text() -> None:
    bare = {rule: re.compile(rx, re.IGNORECASE) for rule, rx in _RAW.items()}
    assert _all_matches(TRICKY, PATTERNS) == _all_matches(TRICKY, bare)


DEMO = Path(__file__).resolve().parents[2] / "examples" / "demo-corpus"


def test_guarded_timex_patterns_find_the_same_matches_in_the_demo_corpus() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(DEMO.glob("*.txt"))]
    assert texts, DEMO
    bare = {rule: re.compile(rx, re.IGNORECASE) for rule, rx in _RAW.items()}
    assert _all_matches(texts, PATTERNS) == _all_matches(texts, bare)


def test_guarded_timex_patterns_find_the_same_matches_in_the_tempeval_texts(shared_dir: Path) -> None:
    folder = shared_dir / "eval" / "timex-tempeval3" / "TBAQ-cleaned"
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent")
    texts = [read_timeml(path).text for path in find_files(folder)]
    bare = {rule: re.compile(rx, re.IGNORECASE) for rule, rx in _RAW.items()}
    assert _all_matches(texts, PATTERNS) == _all_matches(texts, bare)
