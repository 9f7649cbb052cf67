"""Highlighted article HTML: the segment sweep wraps exactly the spans covering each segment."""

from __future__ import annotations

import itertools
import random

import pytest
from markupsafe import escape

from dateline.export.spans import Highlight, escape_text, render_text


def _reference_render(text: str, highlights: list[Highlight]) -> str:
    """render_text as first written: every highlight tested against every segment."""
    cuts = {0, len(text)}
    for h in highlights:
        cuts.update((max(0, min(h.start, len(text))), max(0, min(h.end, len(text)))))
    bounds = sorted(cuts)
    order = sorted(highlights, key=lambda h: (h.start, -h.end))
    anchored: set[str] = set()
    parts = ["<p>"]
    for start, end in itertools.pairwise(bounds):
        segment = text[start:end]
        active = [h for h in order if h.start <= start and end <= h.end]
        for n, chunk in enumerate(segment.split("\n\n")):
            if n:
                parts.append("</p><p>")
            inner = str(escape(chunk))
            for h in reversed(active if inner else []):
                attrs = f' class="{escape(h.css)}"' + (f' title="{escape(h.title)}"' if h.title else "")
                if h.anchor and h.anchor not in anchored:
                    anchored.add(h.anchor)
                    attrs += f' id="{escape(h.anchor)}"'
                inner = f"<span{attrs}>{inner}</span>"
            parts.append(inner)
    parts.append("</p>")
    return "".join(parts).replace("\n", "<br>")


@pytest.mark.parametrize("seed", range(8), ids=[f"seed-{s}" for s in range(8)])
def test_rendered_text_equals_the_segment_by_segment_render(seed: int) -> None:
    rng = random.Random(seed)
    text = "".join(rng.choice(["a", "b ", "<", "&", '"', "'", "\n", "\n\n", "é"]) for _ in range(rng.randint(0, 80)))
    highlights = []
    for n in range(rng.randint(0, 12)):
        start = rng.randint(-3, len(text) + 3)
        end = start + rng.randint(-2, 30)  # some empty, reversed or past the end
        css, title = rng.choice([("sent", ""), ("quote direct", 'Holm "x" (direct)'), ("ent ent-person", "PERSON")])
        highlights.append(Highlight(start, end, css, title, anchor=rng.choice(["", f"s{n}", "s0"])))
    assert str(render_text(text, highlights)) == _reference_render(text, highlights)


@pytest.mark.parametrize(
    "text", ["", "plain", "<b>&amp;\"x\" 'y'</b>", "é ü \u2019"], ids=["empty", "plain", "all", "unicode"]
)
def test_escape_text_equals_markupsafe_escape(text: str) -> None:
    assert escape_text(text) == str(escape(text))
