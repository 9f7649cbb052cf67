"""Article text as safe HTML with the extracted spans highlighted (shared by the page and the app).

Every character of the article is escaped; highlights are wrapped around elementary segments
(between any two span boundaries), so overlapping spans never produce broken markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from markupsafe import Markup

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
    attributes: dict[int, str] = {}  # by id(): a frozen dataclass hashes all its fields on every lookup
    parts: list[str] = ["<p>"]
    # The highlights covering each segment, in ``order``: a sweep over the segments (left to right) adds
    # those starting by the segment and drops those ending before its end, which never cover a later one.
    active: list[Highlight] = []
    waiting = 0
    for start, end in pairwise(bounds):
        while waiting < len(order) and order[waiting].start <= start:
            active.append(order[waiting])
            waiting += 1
        active = [h for h in active if end <= h.end]
        segment = text[start:end]
        chunks = segment.split("\n\n") if "\n\n" in segment else [segment]
        for n, chunk in enumerate(chunks):
            if n:
                parts.append("</p><p>")
            parts.append(_wrap(escape_text(chunk), active, anchored, attributes))
    parts.append("</p>")
    return Markup("".join(parts).replace("\n", "<br>"))


def escape_text(text: str) -> str:
    """``str(markupsafe.escape(text))`` for a plain string, without making a Markup object per call.

    The same replacements as markupsafe's (its pure-Python version): ``& < > ' "``.
    """
    return (
        text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;").replace("'", "&#39;").replace('"', "&#34;")
    )


def _wrap(inner: str, active: list[Highlight], anchored: set[str], attributes: dict[int, str]) -> str:
    if not inner:
        return inner
    for h in reversed(active):
        attrs = attributes.get(id(h))
        if attrs is None:  # escape_text: markupsafe's escape builds a Markup object per call (~3 µs each)
            attrs = attributes[id(h)] = f' class="{escape_text(h.css)}"' + (
                f' title="{escape_text(h.title)}"' if h.title else ""
            )
        if h.anchor and h.anchor not in anchored:
            anchored.add(h.anchor)
            attrs += f' id="{escape_text(h.anchor)}"'
        inner = f"<span{attrs}>{inner}</span>"
    return inner
