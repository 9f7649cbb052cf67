"""Time stage: temporal expressions tagged and normalised to TIMEX3 values against the article's date.

Input: an article's text, its publication date (the anchor) and optionally its spaCy Doc. Output:
Timex records (DATE, TIME, DURATION, SET) with character offsets and values such as 2020-01-28,
2019-07, 1998-W31, P3Y, PRESENT_REF. Hand-written rules in HeidelTime's style: ``patterns.py`` finds,
``dates``/``relative``/``periods``/``durations``/``holidays`` normalise, ``anchor.py`` reads tense.
Known limits: English only; dates anchored on events ("two days after the vote") keep the text's last date.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date
from typing import Literal

from spacy.tokens import Doc

from dateline.records import Sentence, Timex
from dateline.timex import tagger, values

__all__ = ["governing_date", "tag_timexes"]

logger = logging.getLogger(__name__)


def tag_timexes(article_id: str, text: str, anchor: date | None, doc: Doc | None = None) -> list[Timex]:
    """Tag and normalise the temporal expressions of one text.

    Args:
        article_id: id copied into every record.
        text: the article's cleaned text; offsets in the result index into it (end exclusive).
        anchor: the document creation date (a calendar date, no time zone); a wire dateline a day or two
            before it ("OSLO, June 11 (AP) --") replaces it as the day of writing. None when unknown:
            absolute dates are still resolved and relative ones keep X placeholders for what the
            anchor would have given ("Tuesday" -> XXXX-WXX-2, "July 31" -> XXXX-07-31,
            "yesterday" -> XXXX-XX-XX, "last month" -> XXXX-XX); durations, sets and REF values
            are the same as with an anchor.
        doc: the spaCy parse of ``text`` (same offsets), used for the tense of the governing verb;
            without it, tense is read from cue words around the expression.

    Returns:
        Timex records in text order, none overlapping.

    Example:
        >>> [t.value for t in tag_timexes("a", "He left on Tuesday.", date(2020, 1, 30))]
        ['2020-01-28']
    """
    found = tagger.find(text, anchor, doc)
    logger.debug("%s: %d temporal expressions", article_id, len(found))
    return [
        Timex(article_id=article_id, start=f.start, end=f.end, text=text[f.start : f.end], type=f.type, value=f.value)
        for f in found
    ]


def governing_date(sentence: Sentence, timexes: Sequence[Timex]) -> tuple[date, Literal["day", "month", "year"]] | None:
    """The date at which a sentence's event happens, from the temporal expressions inside it.

    Day-precision dates (and times) win over months, months over years; among equals the first in
    the sentence wins (news puts the main event's date early). Durations, sets, REF values,
    decades and underspecified values (XXXX) are ignored.

    Args:
        sentence: the sentence (its ``start``/``end`` are offsets into the article text).
        timexes: the article's Timex records (any order; those outside the sentence are ignored).

    Returns:
        (first day of the period, precision), or None when no expression in the sentence dates it.
    """
    rank = {"day": 0, "month": 1, "year": 2}
    best: tuple[int, int, date, Literal["day", "month", "year"]] | None = None
    for timex in timexes:
        if timex.type not in {"DATE", "TIME"} or not (sentence.start <= timex.start and timex.end <= sentence.end):
            continue
        parsed = values.to_date(timex.value.split("T")[0])
        if parsed is None:
            continue
        key = (rank[parsed[1]], timex.start, parsed[0], parsed[1])
        if best is None or key[:2] < best[:2]:
            best = key
    return None if best is None else (best[2], best[3])
