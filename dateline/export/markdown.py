"""timeline.md: the timeline as Markdown, each entry with its quotes and sources."""

from __future__ import annotations

from pathlib import Path

from dateline.export.quote_lines import is_verbatim, quote_words, reported_sentence, speaker_label
from dateline.story import Story


def render_markdown(story: Story) -> str:
    """The timeline as a Markdown document."""
    titles = {a.id: (a.title or a.source, a.outlet, a.url) for a in story.articles}
    quotes = {q.id: q for q in story.quotes}
    lines = ["# Timeline", ""]
    if not story.timeline:
        lines.append("_No dated entries were found._")
    for entry in story.timeline:
        lines += [f"## {entry.date.isoformat()}", ""]
        lines += [f"- {sentence}" for sentence in (entry.sentences or [entry.summary])]
        for quote_id in entry.quotes:
            quote = quotes.get(quote_id)
            if quote and is_verbatim(quote):
                lines.append(f"- > “{quote_words(quote)}” — {speaker_label(quote)}")
            elif quote:
                lines.append(f"- {reported_sentence(quote)}")
        lines += ["", "Sources:"]
        for n, source in enumerate(entry.sources, 1):
            title, outlet, url = titles.get(source.article_id, (source.article_id, None, None))
            label = f"{title} ({outlet})" if outlet else title
            link = f"[{label}]({url})" if url else label
            lines.append(f"{n}. {link}: “{source.sentence}”")
        lines.append("")
    return "\n".join(lines)


def write_markdown(story: Story, out_dir: Path) -> Path:
    """Write ``out_dir/timeline.md``."""
    path = out_dir / "timeline.md"
    path.write_text(render_markdown(story), encoding="utf-8")
    return path
