"""Numbers written in words or digits, as they appear inside temporal expressions.

"twenty four" -> 24, "1,000" -> 1000, "nineteen ninety-six" -> 1996 (as a year), "28th" -> 28.
Hand-written because the vocabulary is small and fixed; no library call is needed for it.
"""

from __future__ import annotations

import re

from dateline.timex.lexicon import NUMBER_WORDS, ORDINAL_WORDS

_TENS = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
_UNITS_WORDS = {w for w, n in NUMBER_WORDS.items() if 1 <= n <= 9 and w not in {"a", "an", "single", "couple"}}
_TEENS = {w for w, n in NUMBER_WORDS.items() if 10 <= n <= 19 and w != "dozen"}

# A number written in words: "twenty four", "twenty-six", "one hundred and twenty", "a dozen".
NUMBER_WORD_RE = (
    r"(?:(?:" + "|".join(sorted(_TENS)) + r")(?:[\s-](?:" + "|".join(sorted(_UNITS_WORDS)) + r"))?"
    r"|" + "|".join(sorted(_TEENS | _UNITS_WORDS, key=len, reverse=True)) + r"|a\s+dozen|a\s+couple\s+of|a|an)"
    r"(?:\s+(?:hundred|thousand)(?:\s+(?:and\s+)?\w+(?:-\w+)?)?)?"
)
DIGITS_RE = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+|\s+1/2|½)?"
NUMBER_RE = rf"(?:{DIGITS_RE}|{NUMBER_WORD_RE})"


def parse_number(text: str) -> float | None:
    """The value of a number written in digits or words, or None when it is not a number.

    Args:
        text: "18", "1,000", "2.5", "twenty four", "twenty-six", "a", "one hundred and five".

    Returns:
        The number (a float, so "2.5" and "half" fit), or None.
    """
    cleaned = re.sub(r"^a\s+couple(?:\s+of)?$", "two", text.strip().lower().replace(",", ""))
    half = re.fullmatch(r"(\d+)\s*(?:1/2|½)", cleaned)
    if half:
        return int(half.group(1)) + 0.5
    if re.fullmatch(r"\d+(?:\.\d+)?", cleaned):
        return float(cleaned)
    words = [w for w in re.split(r"[\s-]+", cleaned) if w not in {"and", "of"}]
    if not words:
        return None
    total, current = 0.0, 0.0
    for word in words:
        if word == "hundred":
            current = max(current, 1.0) * 100
        elif word == "thousand":
            total += max(current, 1.0) * 1000
            current = 0.0
        elif word == "half":
            current += 0.5
        elif word in NUMBER_WORDS:
            current += NUMBER_WORDS[word]
        else:
            return None
    return total + current


def parse_ordinal(text: str) -> int | None:
    """The value of an ordinal ("3rd", "third", "twenty-first", "28th"), or None."""
    cleaned = text.strip().lower()
    match = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?", cleaned)
    if match:
        return int(match.group(1))
    return ORDINAL_WORDS.get(cleaned)


def parse_spoken_year(text: str) -> int | None:
    """A year written in words: "nineteen ninety-six" -> 1996, "two thousand" -> 2000, "two thousand and one"."""
    words = [w for w in re.split(r"[\s-]+", text.strip().lower()) if w != "and"]
    if len(words) >= 2 and words[1] == "thousand":
        rest = parse_number(" ".join(words[2:])) if words[2:] else 0.0
        head = NUMBER_WORDS.get(words[0])
        return None if head is None or rest is None else int(head * 1000 + rest)
    if len(words) >= 2 and words[0] in _TEENS | _TENS:
        century = parse_number(words[0])
        rest = parse_number(" ".join(words[1:]))
        if century is not None and rest is not None and 10 <= century <= 20 and rest < 100:
            return int(century * 100 + rest)
    return None
