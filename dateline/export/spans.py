"""Article text as safe HTML with the extracted spans highlighted (shared by the page and the app).

Every character of the article is escaped; highlights are wrapped around elementary segments
(between any two span boundaries), so overlapping spans never produce broken markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from markupsafe import Markup, escape

from dateline.records import Mention, Quote, Sentence, Timex


@dataclass(frozen=True)
class Highlight:
    """A span to highlight: character offsets, a CSS class and a tooltip."""

    start: int
    end: int
    css: str
    title: str = ""
    anchor: str = ""


def highlights_for(
    sentences: Sequence[Sentence],
    quotes: Sequence[Quote] = (),
    mentions: Sequence[Mention] = (),
    timexes: Sequence[Timex] = (),
    anchor_prefix: str = "s",
    cited: frozenset[int] = frozenset(),
) -> list[Highlight]:
    """The highlights of one article: sentences (anchors), quotes, entity mentions, timexes."""
    spans = [
        Highlight(s.start, s.end, "sent cited" if s.index in cited else "sent", anchor=f"{anchor_prefix}{s.index}")
        for s in sentences
    ]
    spans += [
        Highlight(q.start, q.end, f"quote {q.kind}", f"{q.speaker or q.speaker_text or '?'} ({q.kind})") for q in quotes
    ]
    spans += [Highlight(m.start, m.end, f"ent ent-{m.label.lower()}", m.label) for m in mentions]
    spans += [Highlight(t.start, t.end, "timex", f"{t.type} {t.value}") for t in timexes]
    return spans


def render_text(text: str, highlights: Sequence[Highlight]) -> Markup:
    """Escaped HTML paragraphs of ``text`` with ``highlights`` wrapped in spans."""
    cuts = {0, len(text)}
    for h in highlights:
        cuts.update((max(0, min(h.start, len(text))), max(0, min(h.end, len(text)))))
    bounds = sorted(cuts)
    order = sorted(highlights, key=lambda h: (h.start, -h.end))
    anchored: set[str] = set()
    parts: list[str] = ["<p>"]
    for start, end in pairwise(bounds):
        segment = text[start:end]
        active = [h for h in order if h.start <= start and end <= h.end]
        chunks = segment.split("\n\n") if "\n\n" in segment else [segment]
        for n, chunk in enumerate(chunks):
            if n:
                parts.append("</p><p>")
            parts.append(_wrap(str(escape(chunk)), active, anchored))
    parts.append("</p>")
    return Markup("".join(parts).replace("\n", "<br>"))


def _wrap(inner: str, active: list[Highlight], anchored: set[str]) -> str:
    if not inner:
        return inner
    for h in reversed(active):
        attrs = f' class="{escape(h.css)}"'
        if h.title:
            attrs += f' title="{escape(h.title)}"'
        if h.anchor and h.anchor not in anchored:
            anchored.add(h.anchor)
            attrs += f' id="{escape(h.anchor)}"'
        inner = f"<span{attrs}>{inner}</span>"
    return inner
