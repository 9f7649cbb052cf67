"""Quotation spans: quote marks paired, paragraphs continued, nested quotes kept inside (no model needed)."""

from __future__ import annotations

import pytest

from dateline.quotes.direct import find_quote_spans, quoted_text


def _texts(text: str) -> list[str]:
    return [quoted_text(text, span) for span in find_quote_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"We will win," she said.', ["We will win,"]),
        ("“We will win,” she said.", ["We will win,"]),
        ('“We will win," she said. "Soon.”', ["We will win,", "Soon."]),
        ("„Wir gewinnen“ and «nous gagnons»", ["Wir gewinnen", "nous gagnons"]),
        ('He called it "crooked" and left.', ["crooked"]),
        ('"A," he said, "B."', ["A,", "B."]),
    ],
    ids=["straight", "curly", "mixed-curly-straight", "low-and-guillemets", "scare-quote", "split-by-verb"],
)
def test_quote_marks_are_paired(text: str, expected: list[str]) -> None:
    assert _texts(text) == expected


def test_quote_inside_quote_is_kept_inside() -> None:
    text = "“They told us ‘go home’ and we did,” Roe said."
    assert _texts(text) == ["They told us ‘go home’ and we did,"]


def test_quote_reopened_at_next_paragraph_continues_it() -> None:
    text = "“First part of it.\n\n“Second part of it,” Roe said.\n\nRoe left."
    spans = find_quote_spans(text)
    assert len(spans) == 1
    assert quoted_text(text, spans[0]) == "First part of it.\n\nSecond part of it,"


def test_quote_closed_in_next_paragraph_without_reopening_continues_it() -> None:
    text = '"I went to the council.\n\nWe agreed on the plan," Kay said.'
    spans = find_quote_spans(text)
    assert len(spans) == 1
    assert text[spans[0].start : spans[0].end] == "I went to the council.\n\nWe agreed on the plan,"


def test_unclosed_quote_ends_at_its_paragraph() -> None:
    text = "“This one never closes.\n\nA plain paragraph follows.\n\n“Another,” Roe said."
    assert _texts(text) == ["This one never closes.", "Another,"]


def test_offsets_exclude_the_marks() -> None:
    text = 'Roe said: "Yes."'
    (span,) = find_quote_spans(text)
    assert text[span.open_at] == '"' and text[span.start : span.end] == "Yes."
