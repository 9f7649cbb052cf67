"""Trigger words: where in a text each pattern of ``patterns.py`` can possibly match.

Speed: every pattern needs at least one word of its group ("July 31" a month name, "two years"
a unit word). One pass over the words of the text (a dict lookup each) finds those words, and a
pattern is then run only in windows around them, instead of being tried at every position of the
text (patterns open with optional modifiers, which Python's ``re`` cannot skip over quickly).
"""

from __future__ import annotations

import re

from dateline.timex.holidays import HOLIDAYS
from dateline.timex.lexicon import MONTHS, SEASONS, UNITS, WEEKDAYS

_WORD = re.compile(r"[A-Za-z]+|\d+")

# Rule groups, each with the rules that cannot match without one of the group's words.
_GROUP_RULES: dict[str, tuple[str, ...]] = {
    "month": ("mdy", "dmy", "md", "dm", "my", "month", "set", "clock", "week_of", "md_second_day"),
    "weekday": ("weekday", "weekday_plural", "set", "clock", "noon"),
    "digit": ("iso", "slash", "clock", "clock24", "decade", "year", "year_period", "century", "duration",
              "duration_adj", "ago"),
    "unit": ("ref_day", "rel_unit", "ago", "year_ago", "year_ago_np", "period_year_back", "set", "duration",
             "duration_adj", "fiscal_year", "bare_unit", "recent_units", "quarter", "quarter_adj", "fin_period",
             "year_end", "in_the_unit", "the_unit", "weekend", "day_part"),
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


def rule_windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """For each rule, the merged (start, end) character windows of ``text`` worth searching."""
    hits: dict[str, list[int]] = {}
    for match in _WORD.finditer(text):
        word = match.group(0)
        groups = ("digit",) if word[0].isdigit() else _GROUPS_OF_WORD.get(word.lower(), ())
        for group in groups:
            hits.setdefault(group, []).append(match.start())
    windows: dict[str, list[tuple[int, int]]] = {}
    for group, starts in hits.items():
        merged = _merge(starts, len(text))
        for rule in _GROUP_RULES[group]:
            windows.setdefault(rule, []).extend(merged)
    return {rule: _union(spans) for rule, spans in windows.items()}


def _merge(starts: list[int], length: int) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start in starts:
        window = (max(0, start - WINDOW_BEFORE), min(length, start + WINDOW_AFTER))
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
