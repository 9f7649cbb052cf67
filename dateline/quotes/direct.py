"""Direct quotes: the stretches of an article's text between double quote marks.

Input: the article text. Output: ``QuoteSpan`` records (character offsets, marks excluded), one per
quotation, a quotation that runs over several paragraphs being one span. Plain string scanning (no
library pairs quote marks with paragraph continuation); straight marks are told apart by the characters
around them. Single quotes are left alone (they nest inside, or are apostrophes). Known limit: a
missing closing mark ends the quotation at its paragraph's end unless a stray closing mark follows.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from dateline.quotes.cues import AMBIGUOUS_QUOTES, CLOSE_QUOTES, DOUBLE_QUOTES, OPEN_QUOTES

logger = logging.getLogger(__name__)

_OPENERS_BEFORE = " \t\n([{—–-/:;,"


@dataclass(frozen=True)
class QuoteSpan:
    """A quotation: ``start``/``end`` are its content offsets (marks excluded), end exclusive.

    ``open_at`` is the offset of the opening mark and ``close_at`` the offset of the closing mark
    (None when the quotation was never closed); ``marks`` lists inner paragraph-opening marks.
    """

    start: int
    end: int
    open_at: int
    close_at: int | None
    marks: tuple[int, ...] = ()


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Every double-quoted stretch of ``text``, in order.

    Args:
        text: the article text.

    Returns:
        Non-overlapping spans; a quotation continued in the next paragraph (opening mark repeated at the
        paragraph start, or a closing mark found there) is one span across the paragraph break.
    """
    marks = [(i, _role(text, i)) for i, ch in enumerate(text) if ch in DOUBLE_QUOTES]
    spans: list[QuoteSpan] = []
    index = 0
    while index < len(marks):
        at, role = marks[index]
        if role == "close":
            index += 1  # a stray closing mark
            continue
        span, index = _scan_from(text, marks, index)
        if span is not None:
            spans.append(span)
    return spans


def _scan_from(text: str, marks: list[tuple[int, str]], index: int) -> tuple[QuoteSpan | None, int]:
    """Follow one quotation from the opening mark ``marks[index]``; return it and the next mark index."""
    open_at = marks[index][0]
    inner: list[int] = []
    paragraph_end = _paragraph_end(text, open_at)
    index += 1
    while index < len(marks):
        at, role = marks[index]
        if at > paragraph_end:
            if not _continues(text, marks, index, paragraph_end):
                break
            if role == "open" and _at_paragraph_start(text, at):
                inner.append(at)
                paragraph_end = _paragraph_end(text, at)
                index += 1
                continue
            paragraph_end = _paragraph_end(text, at)
        if role == "open" and at > open_at + 1 and text[at - 1] not in " \t\n":
            role = "close"  # an opener glued to a word closes ("... end“ he said" typos)
        if role in ("close", "either"):
            return _span(text, open_at, at, inner), index + 1
        # An opening mark inside an open quotation: the first one was never closed.
        return _unclosed(text, open_at, inner), index
    return _unclosed(text, open_at, inner), index


def _continues(text: str, marks: list[tuple[int, str]], index: int, paragraph_end: int) -> bool:
    """An unclosed quotation goes on into the next paragraph when that paragraph opens with a quote
    mark (the newspaper convention) or holds a closing mark before any opening one."""
    at, role = marks[index]
    next_start = _next_paragraph_start(text, paragraph_end)
    if next_start is None or at >= _paragraph_end(text, next_start):
        return False
    if role == "open":
        return _at_paragraph_start(text, at)
    return True


def _span(text: str, open_at: int, close_at: int, inner: list[int]) -> QuoteSpan | None:
    start, end = _trim(text, open_at + 1, close_at)
    if end <= start:
        return None
    return QuoteSpan(start=start, end=end, open_at=open_at, close_at=close_at, marks=tuple(inner))


def _unclosed(text: str, open_at: int, inner: list[int]) -> QuoteSpan | None:
    last_open = inner[-1] if inner else open_at
    start, end = _trim(text, open_at + 1, _paragraph_end(text, last_open))
    if end - start < 2:
        return None
    logger.debug("quotation opened at %d is not closed; ended at its paragraph", open_at)
    return QuoteSpan(start=start, end=end, open_at=open_at, close_at=None, marks=tuple(inner))


def _role(text: str, i: int) -> str:
    """'open', 'close' or 'either' for the quote mark at ``i``."""
    ch = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if ch in OPEN_QUOTES:
        return "open"
    if ch in CLOSE_QUOTES:
        # Some feeds print ” for both marks: a ” after a space and before a word opens.
        return "open" if before in _OPENERS_BEFORE and after.isalnum() else "close"
    if ch in AMBIGUOUS_QUOTES:
        if before in _OPENERS_BEFORE and not after.isspace():
            return "open"
        if not before.isspace() and (after.isspace() or not after.isalnum()):
            return "close"
    return "either"


def _paragraph_end(text: str, at: int) -> int:
    end = text.find("\n", at)
    return len(text) if end < 0 else end


def _next_paragraph_start(text: str, paragraph_end: int) -> int | None:
    i = paragraph_end
    while i < len(text) and text[i].isspace():
        i += 1
    return i if i < len(text) else None


def _at_paragraph_start(text: str, at: int) -> bool:
    line_start = text.rfind("\n", 0, at) + 1
    return not text[line_start:at].strip()


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def quoted_text(text: str, span: QuoteSpan) -> str:
    """The words of ``span`` without the paragraph-opening marks inside it."""
    inner = set(span.marks)
    return "".join(ch for i, ch in enumerate(text[span.start : span.end], span.start) if i not in inner)
