"""Trigger words: where in a text each pattern of ``patterns.py`` can possibly match.

Speed: every pattern needs at least one word of its group ("July 31" a month name, "two years"
a unit word). The text's words, collected by ``re`` and intersected with the trigger words, locate
those words, and a pattern is then run only in windows around them, instead of being tried at every
position of the text (patterns open with optional modifiers, which Python's ``re`` cannot skip over
quickly).
"""

from __future__ import annotations

import re
import string

from dateline.timex.holidays import HOLIDAYS
from dateline.timex.lexicon import MONTHS, SEASONS, UNITS, WEEKDAYS

_LETTERS = re.compile(r"[A-Za-z]+")
_DIGITS = re.compile(r"\d+")
_ASCII_LETTERS = frozenset(string.ascii_letters)

# Rule groups, each with the rules that cannot match without one of the group's words.
_GROUP_RULES: dict[str, tuple[str, ...]] = {
    "month": ("mdy", "dmy", "md", "dm", "my", "month", "set", "clock", "week_of", "md_second_day", "dm_first_day"),
    "weekday": ("weekday", "weekday_plural", "set", "clock", "noon"),
    # durations, "N years ago" and centuries need a unit word: the unit and century groups find them
    "digit": ("iso", "slash", "clock", "clock24", "decade", "year", "year_period"),
    "unit": ("ref_day", "rel_unit", "year_ago", "year_ago_np", "period_year_back", "set", "duration",
             "fiscal_year", "bare_unit", "recent_units", "quarter", "quarter_adj", "fin_period",
             "year_end", "in_the_unit", "the_unit", "the_units", "nth_day", "weekend", "day_part"),
    "unit_hyphen": ("duration_adj",),  # a unit word right after a hyphen: "a two-year deal"
    "ago": ("ago",),  # the word that ends "two years ago", "three days earlier", "a week from now"
    "season": ("season", "rel_unit", "set"),
    "day_part": ("day_part", "deictic", "noon", "ref_day", "set", "weekday_plural"),
    "deictic": ("deictic", "clock", "noon", "day_part"),
    "ref": ("ref",),
    "adverb": ("set_adverb",),
    "spoken": ("spoken_year",),
    "decade": ("decade",),
    "century": ("century",),
    "holiday": ("holiday",),
}  # fmt: skip

_UNIT_FORMS = {w for u in UNITS for w in (u, u + "s")} | {"centuries", "millennia", "weekends", "hours"}
_GROUP_WORDS: dict[str, set[str]] = {
    "month": set(MONTHS),
    "weekday": set(WEEKDAYS) | {d + "s" for d in WEEKDAYS if len(d) > 4},
    "unit": _UNIT_FORMS | {"half", "period", "halves", "periods"},
    "season": set(SEASONS) | {s + "s" for s in SEASONS},
    "day_part": {"morning", "afternoon", "evening", "night", "mornings", "evenings", "nights", "overnight", "noon",
                 "midnight", "midday", "mid"},
    "deictic": {"today", "yesterday", "tomorrow", "tonight"},
    "ago": {"ago", "earlier", "hence", "back", "now"},
    "ref": {"now", "currently", "current", "nowadays", "presently", "present", "these", "recently", "lately",
            "formerly", "past", "future", "soon", "time", "term"},
    "adverb": {"annually", "yearly", "daily", "weekly", "monthly", "hourly", "nightly", "quarterly", "biannually",
               "biweekly"},
    "spoken": {"nineteen", "thousand"},
    "decade": {"twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"},
    "century": {"century", "centuries"},
    "holiday": {re.sub(r"\W.*", "", name.removeprefix("the ")) for name in HOLIDAYS},
}  # fmt: skip
_GROUPS_OF_WORD: dict[str, tuple[str, ...]] = {}
for _group, _words in _GROUP_WORDS.items():
    for _word in _words:
        _GROUPS_OF_WORD[_word] = (*_GROUPS_OF_WORD.get(_word, ()), _group)

# Characters searched before and after the start of a trigger word: room for the longest modifier before
# it ("the end of the first half of 1990") and for the word and what follows ("September 30, 2019").
# Checked on TimeBank: the same expressions as searching the whole text.
WINDOW_BEFORE = 90
WINDOW_AFTER = 75
# Groups whose expressions are short around their word ("the foreseeable future", "the mid-twenty-first
# century", "annually"): narrower windows, fewer characters for their patterns to scan (same matches).
_GROUP_WINDOWS: dict[str, tuple[int, int]] = {"ref": (30, 40), "adverb": (5, 25), "century": (40, 20),
                                              "decade": (25, 25), "ago": (WINDOW_BEFORE, 15),
                                              "unit_hyphen": (WINDOW_BEFORE, 30)}  # fmt: skip
_TRIGGER_WORDS = frozenset(_GROUPS_OF_WORD)


def rule_windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """For each rule, the merged (start, end) character windows of ``text`` worth searching."""
    hits = _trigger_hits(text)
    windows: dict[str, list[tuple[int, int]]] = {}
    for group, starts in hits.items():
        merged = _merge(starts, len(text), *_GROUP_WINDOWS.get(group, (WINDOW_BEFORE, WINDOW_AFTER)))
        for rule in _GROUP_RULES[group]:
            windows.setdefault(rule, []).extend(merged)
    return {rule: _union(spans) for rule, spans in windows.items()}


def _trigger_hits(text: str) -> dict[str, list[int]]:
    """Start offsets of the trigger words of each group, sorted.

    Speed: the words of the text are collected in C (``findall``) and intersected with the trigger
    words; Python then visits only the few trigger words present, not every word of the text.
    """
    hits: dict[str, list[int]] = {}
    digits = [m.start() for m in _DIGITS.finditer(text)]
    if digits:
        hits["digit"] = digits
    lowered = text.lower()
    if len(lowered) != len(text):  # a character whose lower case is longer ("İ"): offsets would shift
        return _trigger_hits_by_word(text, hits)
    for word in _TRIGGER_WORDS.intersection(_LETTERS.findall(lowered)):
        groups = _GROUPS_OF_WORD[word]
        start = lowered.find(word)
        while start >= 0:
            end = start + len(word)
            if (start == 0 or text[start - 1] not in _ASCII_LETTERS) and (
                end == len(text) or text[end] not in _ASCII_LETTERS
            ):
                _add(hits, groups, start, text)
            start = lowered.find(word, end)
    for starts in hits.values():
        starts.sort()
    return hits


def _trigger_hits_by_word(text: str, hits: dict[str, list[int]]) -> dict[str, list[int]]:
    for match in _LETTERS.finditer(text):
        groups = _GROUPS_OF_WORD.get(match.group(0).lower(), ())
        if groups:
            _add(hits, groups, match.start(), text)
    return hits


def _add(hits: dict[str, list[int]], groups: tuple[str, ...], start: int, text: str) -> None:
    for group in groups:
        hits.setdefault(group, []).append(start)
    if "unit" in groups and start and text[start - 1] == "-":
        hits.setdefault("unit_hyphen", []).append(start)


def _merge(starts: list[int], length: int, before: int, after: int) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start in starts:
        window = (max(0, start - before), min(length, start + after))
        if merged and window[0] <= merged[-1][1]:
            merged[-1] = (merged[-1][0], window[1])
        else:
            merged.append(window)
    return merged


def _union(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    result: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if result and start <= result[-1][1]:
            result[-1] = (result[-1][0], max(end, result[-1][1]))
        else:
            result.append((start, end))
    return result
