"""Small span helpers shared by the quote modules: the Attribution record and token/quote lookups.

An Attribution is the quote stage's working record (one speech act: its cue, its speaker mention and
the content ranges); ``dateline.quotes`` turns each into a ``Quote``. Offsets are characters into the
article text, end exclusive.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

import numpy as np
from spacy.attrs import IDX
from spacy.tokens import Doc, Token

from dateline.quotes.direct import QuoteSpan
from dateline.quotes.speakers import SpeakerMention
from dateline.records import QuoteKind

_EDGE_PUNCT = " \t\n,.;:!?—–-\"“”„«»'‘’()[]"


@dataclass
class Attribution:
    """One speech act found in an article (before it becomes a Quote record)."""

    parts: list[tuple[int, int]]
    kind: QuoteKind
    cue: str | None
    cue_at: int | None
    speaker: SpeakerMention | None
    quotes: list[QuoteSpan] = field(default_factory=list)

    @property
    def start(self) -> int:
        """Start offset of the first content part."""
        return self.parts[0][0]

    @property
    def end(self) -> int:
        """End offset of the last content part."""
        return self.parts[-1][1]


class QuoteIndex:
    """Which quotation (if any) holds a character offset or a token of one article."""

    def __init__(self, doc: Doc, spans: list[QuoteSpan], text: str | None = None) -> None:
        self.doc = doc
        self.text = doc.text if text is None else text  # Doc.text is rebuilt from the tokens on every access
        self.spans = spans
        self._starts = [s.open_at for s in spans]
        self._token_quote = self._quote_of_tokens(doc)

    def _quote_of_tokens(self, doc: Doc) -> list[int]:
        """``at(token.idx)`` for every token, read from the offsets column (no Token objects built)."""
        if not self.spans or not len(doc):
            return [-1] * len(doc)
        offsets = doc.to_array(IDX).astype(np.int64)
        ends = np.array([s.outer_end for s in self.spans], dtype=np.int64)
        holder = np.searchsorted(np.array(self._starts, dtype=np.int64), offsets, side="right") - 1
        inside = (holder >= 0) & (offsets < ends[np.maximum(holder, 0)])
        return np.where(inside, holder, -1).tolist()  # type: ignore[no-any-return]

    def at(self, offset: int) -> int:
        """Index of the quotation whose marks enclose ``offset`` (marks included), else -1."""
        i = bisect_right(self._starts, offset) - 1
        if i < 0:
            return -1
        span = self.spans[i]
        return i if span.open_at <= offset < span.outer_end else -1

    def spans_between(self, low: int, high: int) -> list[QuoteSpan]:
        """Quotations that start before ``high`` and end after ``low``."""
        first = max(0, bisect_right(self._starts, low) - 1)
        last = bisect_right(self._starts, high)
        return [s for s in self.spans[first:last] if s.outer_end > low]

    def of_token(self, token: Token) -> int:
        """Index of the quotation holding ``token``, else -1."""
        return self._token_quote[token.i]

    def of_index(self, i: int) -> int:
        """Index of the quotation holding the token at index ``i`` of the doc, else -1."""
        return self._token_quote[i]

    def is_quoted(self, token: Token) -> bool:
        """Whether ``token`` is inside a quotation (its marks included)."""
        return self._token_quote[token.i] >= 0


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``/``end`` moved inwards past spaces, quote marks and edge punctuation."""
    while start < end and text[start] in _EDGE_PUNCT:
        start += 1
    while end > start and text[end - 1] in _EDGE_PUNCT:
        end -= 1
    return start, end


def merge_ranges(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted union of character ranges (touching ranges are joined)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(r for r in ranges if r[1] > r[0]):
        if merged and start <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
