"""Direct quotes: the stretches of an article's text between double quote marks.

Input: the article text. Output: ``QuoteSpan`` records (character offsets, marks excluded), one per
quotation, a quotation that runs over several paragraphs being one span. Plain string scanning (no
library pairs quote marks with paragraph continuation); straight marks are told apart by the characters
around them. Single quotes are left alone (they nest inside, or are apostrophes); two apostrophes ('') count
as a double mark. Known limit: a
missing closing mark ends the quotation at its paragraph's end unless a stray closing mark follows.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from dateline.quotes.cues import CLOSE_QUOTES, DOUBLE_QUOTES, OPEN_QUOTES

logger = logging.getLogger(__name__)

_OPENERS_BEFORE = " \t\n([{—–-/:;,"
# A double quote mark: one of the double quote characters, or two apostrophes as typed by some
# newsrooms (''like this'').
_MARK = re.compile("''|[" + re.escape(DOUBLE_QUOTES) + "]")


@dataclass(frozen=True)
class QuoteSpan:
    """A quotation: ``start``/``end`` are its content offsets (marks excluded), end exclusive.

    ``open_at`` is the offset of the opening mark, ``close_at`` that of the closing mark (None when
    the quotation was never closed) and ``outer_end`` the offset just past the closing mark (or the
    content end); ``marks`` lists the inner paragraph-opening marks as (offset, length).
    """

    start: int
    end: int
    open_at: int
    close_at: int | None
    outer_end: int
    marks: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class _Mark:
    at: int
    length: int
    role: str  # "open", "close" or "either"


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Every double-quoted stretch of ``text``, in order.

    Args:
        text: the article text.

    Returns:
        Non-overlapping spans; a quotation continued in the next paragraph (opening mark repeated at the
        paragraph start, or a closing mark found there) is one span across the paragraph break.
    """
    marks = [_Mark(m.start(), len(m.group()), _role(text, m.start(), m.end())) for m in _MARK.finditer(text)]
    spans: list[QuoteSpan] = []
    index = 0
    while index < len(marks):
        if marks[index].role == "close":
            index += 1  # a stray closing mark
            continue
        span, index = _scan_from(text, marks, index)
        if span is not None:
            spans.append(span)
    return spans


def _scan_from(text: str, marks: list[_Mark], index: int) -> tuple[QuoteSpan | None, int]:
    """Follow one quotation from the opening mark ``marks[index]``; return it and the next mark index."""
    opening = marks[index]
    inner: list[_Mark] = []
    paragraph_end = _paragraph_end(text, opening.at)
    index += 1
    while index < len(marks):
        mark = marks[index]
        role = mark.role
        if mark.at > paragraph_end:
            if not _continues(text, mark, paragraph_end):
                break
            if role == "open" and _at_paragraph_start(text, mark.at):
                inner.append(mark)
                paragraph_end = _paragraph_end(text, mark.at)
                index += 1
                continue
            paragraph_end = _paragraph_end(text, mark.at)
        if role == "open" and text[mark.at - 1] not in " \t\n":
            role = "close"  # an opener glued to a word closes ("... end“ he said" typos)
        if role in ("close", "either"):
            return _span(text, opening, mark, inner), index + 1
        # An opening mark inside an open quotation: the first one was never closed.
        return _unclosed(text, opening, inner), index
    return _unclosed(text, opening, inner), index


def _continues(text: str, mark: _Mark, paragraph_end: int) -> bool:
    """An unclosed quotation goes on into the next paragraph when that paragraph opens with a quote
    mark (the newspaper convention) or holds a closing mark before any opening one."""
    next_start = _next_paragraph_start(text, paragraph_end)
    if next_start is None or mark.at >= _paragraph_end(text, next_start):
        return False
    if mark.role == "open":
        return _at_paragraph_start(text, mark.at)
    return True


def _span(text: str, opening: _Mark, closing: _Mark, inner: list[_Mark]) -> QuoteSpan | None:
    start, end = _trim(text, opening.at + opening.length, closing.at)
    if end <= start:
        return None
    marks = tuple((m.at, m.length) for m in inner)
    return QuoteSpan(start, end, opening.at, closing.at, closing.at + closing.length, marks)


def _unclosed(text: str, opening: _Mark, inner: list[_Mark]) -> QuoteSpan | None:
    last_open = inner[-1].at if inner else opening.at
    start, end = _trim(text, opening.at + opening.length, _paragraph_end(text, last_open))
    if end - start < 2:
        return None
    logger.debug("quotation opened at %d is not closed; ended at its paragraph", opening.at)
    return QuoteSpan(start, end, opening.at, None, end, tuple((m.at, m.length) for m in inner))


def _role(text: str, at: int, end: int) -> str:
    """'open', 'close' or 'either' for the quote mark ``text[at:end]``."""
    mark = text[at:end]
    before = text[at - 1] if at > 0 else " "
    after = text[end] if end < len(text) else " "
    if mark in OPEN_QUOTES:
        return "open"
    if mark in CLOSE_QUOTES:
        # Some feeds print ” for both marks: a ” after a space and before a word opens.
        return "open" if before in _OPENERS_BEFORE and after.isalnum() else "close"
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
    inner = {at + k for at, length in span.marks for k in range(length)}
    return "".join(ch for i, ch in enumerate(text[span.start : span.end], span.start) if i not in inner)
