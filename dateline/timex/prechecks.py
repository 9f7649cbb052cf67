"""Prechecks: skip a pattern's search window when a word the pattern must consume is not in it.

Input: a rule name of ``patterns.PATTERNS``, the text, its lower-cased copy and a (start, end) window;
output: whether the pattern could match inside the window. Speed: Python's ``re`` tries a pattern at
every offset of a window (patterns open with optional modifiers, so it cannot skip ahead); ``str.find``
for a required word, or a small regex made of a required piece of the pattern, costs far less.
Conservative by construction: every requirement below is text the pattern consumes in every match
(never only inside a lookbehind, which may see before the window), so a skipped window held no match.
"""

from __future__ import annotations

import re

# One requirement: the window holds at least one of these. A str is a lower-case literal searched in the
# lower-cased text; a Pattern is a mandatory piece of the rule's pattern (same flags) searched in the text.
Requirement = tuple[str | re.Pattern[str], ...]

_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"(?:1[0-9]|20)\d\d")  # the digits of patterns.YEAR
_SHORT_YEAR = re.compile(r"'\d\d")  # patterns.SHORT_YEAR
_THE_UNIT = re.compile(r"the\s+(?:year|month|week|day)", re.IGNORECASE)  # the extent of "the_unit"
# "clock24": its time zone is matched case-sensitively and ends in "T" (GMT, UTC, EST); the other form has a colon.
_ZONE_T_OR_COLON = re.compile("[T:]")
_DATE_DASHES = re.compile(r"\d-[01]\d-[0-3]\d")  # the middle of an ISO date
_DAY_AND_DAY = re.compile(r"\d\s+(?:and|or)\s+\d", re.IGNORECASE)  # "24 and 25"
_AND_DAY = re.compile(r"\s(?:and|or)\s+\d", re.IGNORECASE)  # "3rd and 4"
_PLURAL_UNITS = ("years", "months", "weeks", "days", "decades")

# Characters other than ASCII letters that IGNORECASE matches to an ASCII letter (found by trying every code
# point); "ı" and "ſ" do not lower-case to "i" and "s", so the lower-cased text would hide a match.
_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")

# What each rule must consume (see ``patterns._RAW``); rules not listed are always searched.
REQUIRED: dict[str, tuple[Requirement, ...]] = {
    "iso": ((_DATE_DASHES,),),
    "slash": (("/",),),
    "mdy": ((_YEAR,),),
    "dmy": ((_YEAR,),),
    "md": ((_DIGIT,),),
    "dm": ((_DIGIT,),),
    "my": ((_YEAR, _SHORT_YEAR, "nineteen", "thousand"),),
    "clock": ((_DIGIT,), ("am", "pm", "a.", "p.", "o'clock")),
    "clock24": ((_ZONE_T_OR_COLON,),),
    "noon": (("noon", "midnight", "midday"),),
    "deictic": (("today", "yesterday", "tomorrow", "tonight"),),
    "day_part": (("morning", "afternoon", "evening", "night", "mid"),),
    "rel_unit": (("this", "last", "next", "past", "coming", "previous", "current", "following", "prior", "same",
                  "that", "latest", "recent", "present", "preceding"),),
    "year_ago": (("year-", "quarter-", "month-", "week-"),),
    "year_ago_np": (("year-", "quarter-", "month-", "week-"),),
    "period_year_back": (("period", "quarter"), ("year",)),
    "fiscal_year": (("ended", "ending"),),  # in a lookahead, which cannot see past the window's end
    "bare_unit": ((*_PLURAL_UNITS, "hours", "minutes", "centuries"),),
    "the_units": ((*_PLURAL_UNITS, "hours", "centuries"),),
    "recent_units": (_PLURAL_UNITS,),
    "nth_day": (("day",),),
    "decade": (("0s", "0's", "ties"),),
    "year": ((_YEAR,),),
    "year_period": ((_YEAR,),),
    "quarter": (("quarter", "half", "period"),),
    "quarter_adj": (("-quarter", "-half"),),
    "year_end": (("end",),),
    "the_unit": ((_THE_UNIT,),),
    "weekend": (("weekend",),),
    "week_of": (("week",), (_DIGIT,)),
    "md_second_day": ((_DAY_AND_DAY,),),
    "dm_first_day": ((_AND_DAY,),),
}  # fmt: skip


def lowered_for_checks(text: str) -> str | None:
    """``text`` lower-cased for the literal checks, or None when lower-casing could hide a match.

    None when a character lower-cases to more than one (offsets would shift) or is one that
    IGNORECASE matches to an ASCII letter without lower-casing to it; literal checks then pass.
    """
    lowered = text.lower()
    if len(lowered) != len(text) or _FOLDS_TO_ASCII.search(text):
        return None
    return lowered


def may_match(rule: str, text: str, lowered: str | None, start: int, end: int) -> bool:
    """Whether the pattern of ``rule`` could match inside ``text[start:end]``.

    Args:
        rule: a key of ``patterns.PATTERNS``.
        text: the whole text.
        lowered: ``lowered_for_checks(text)`` (None: literal requirements are not checked).
        start: start of the window (character offset into ``text``).
        end: end of the window (exclusive).

    Returns:
        False only when a requirement of the rule is absent from the window (no match is possible).
    """
    for requirement in REQUIRED.get(rule, ()):
        for alt in requirement:  # plain loops: a generator per window cost as much as the finds
            if isinstance(alt, str):
                if lowered is None or lowered.find(alt, start, end) >= 0:
                    break
            elif alt.search(text, start, end) is not None:
                break
        else:
            return False
    return True
