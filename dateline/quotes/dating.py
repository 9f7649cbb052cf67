"""When a quote was said: a date expression attached to its cue ("said on Tuesday"), else the article date.

Input: Quote records, their Article and its Timex records (``dateline.timex.tag_timexes``). Output:
the quotes with ``date`` set. Plain offset arithmetic over the timexes (their values are already
normalised by the time stage). Known limit: only day-precise values are used; "said last month" keeps
the article date.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from datetime import date as Date

from dateline.records import Article, Quote, Timex

logger = logging.getLogger(__name__)

_DAY_VALUE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_SENTENCE_STOP = re.compile(r"[.!?]\s|\n")
# How far (characters) from the cue verb a date expression may sit and still date the cue (the frame also
# stops at the sentence end). Set by hand for "said on July 31" / "On Sunday, X said"; no gold data.
CUE_WINDOW = 120


def assign_dates(quotes: list[Quote], article: Article, timexes: list[Timex]) -> list[Quote]:
    """(Re)set each quote's date from a timex attached to its cue, else the article's publication date.

    Args:
        quotes: quotes of ``article``.
        article: the article; ``published`` is a date in the article's own timezone (or None).
        timexes: the article's temporal expressions (offsets into ``article.text``).

    Returns:
        New Quote records (the inputs are not changed).
    """
    day_timexes = [(t, d) for t in timexes if (d := _day_of(t)) is not None]
    dated = []
    for quote in quotes:
        when = _cue_date(quote, article, day_timexes) or article.published
        dated.append(quote.model_copy(update={"date": when}))
    return dated


def _day_of(timex: Timex) -> Date | None:
    if timex.type not in ("DATE", "TIME"):
        return None
    match = _DAY_VALUE.match(timex.value)
    if match is None:
        return None
    try:
        return Date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _cue_date(quote: Quote, article: Article, timexes: list[tuple[Timex, Date]]) -> Date | None:
    cue_at = _cue_offset(quote, article.text)
    if cue_at is None:
        return None
    low, high = _cue_frame(quote, article.text, cue_at)
    best: tuple[int, Date] | None = None
    for timex, day in timexes:
        if not (low <= timex.start and timex.end <= high):
            continue
        if article.published is not None and day > article.published:
            continue  # a plan or a deadline, not when the words were said
        distance = abs(timex.start - cue_at)
        if best is None or distance < best[0]:
            best = (distance, day)
    return best[1] if best else None


def _cue_offset(quote: Quote, text: str) -> int | None:
    """Where the cue verb is written: next to the speaker mention, else next to the content."""
    if not quote.verb:
        return None
    anchors = [a for a in (quote.speaker_start, quote.speaker_end, quote.start, quote.end) if a is not None]
    best: int | None = None
    for anchor in anchors:
        low = max(0, anchor - CUE_WINDOW)
        for found in whole_word_offsets(text[low : anchor + CUE_WINDOW], quote.verb):
            at = low + found
            if quote.start <= at < quote.end and quote.kind != "direct":
                continue
            if best is None or abs(at - anchor) < abs(best - anchor):
                best = at
    return best


def whole_word_offsets(window: str, word: str) -> Iterator[int]:
    """Offsets of ``word`` in ``window`` with a word boundary on both sides, left to right, not overlapping.

    The same matches as ``re.finditer(rf"\\b{re.escape(word)}\\b", window)`` (``\\b`` as in ``re``: a
    word character is alphanumeric or "_", and the window's ends count as non-word). Why hand-written:
    a pattern opening with ``\\b`` has no literal prefix, so ``re`` tries it at every offset of the
    window; ``str.find`` jumps to the candidates (the date step spent most of its time there).
    """
    if not word:
        return
    opens_word, closes_word = _is_word(word[0]), _is_word(word[-1])  # the window has these at a match's ends
    at = window.find(word)
    while at >= 0:
        end = at + len(word)
        if (at > 0 and _is_word(window[at - 1])) != opens_word and (
            end < len(window) and _is_word(window[end])
        ) != closes_word:
            yield at
            at = window.find(word, end)
        else:
            at = window.find(word, at + 1)


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _cue_frame(quote: Quote, text: str, cue_at: int) -> tuple[int, int]:
    """The words around the cue that are not content: its sentence, cut where the content begins/ends."""
    low = max(0, cue_at - CUE_WINDOW)
    stops = [m.end() for m in _SENTENCE_STOP.finditer(text, low, cue_at)]
    low = stops[-1] if stops else low
    stop = _SENTENCE_STOP.search(text, cue_at, cue_at + CUE_WINDOW)
    high = stop.start() + 1 if stop else min(len(text), cue_at + CUE_WINDOW)
    if quote.start <= low < quote.end:
        low = quote.end  # content before the cue: '"...," X said on Tuesday.'
    if low < quote.start < high and cue_at < quote.start:
        high = quote.start  # content after the cue: 'On Sunday, X said that ...'
    elif quote.start <= cue_at < quote.end:
        low, high = max(low, cue_at), min(high, quote.end)  # a cue splitting a direct quote
    return low, high
