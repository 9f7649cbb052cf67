"""timeline.html: one self-contained page (no network, no external assets) to read the story.

The timeline with dates, summaries, quotes and links to the cited sentences, which are
highlighted in the articles below; each article shows its date and how it was found, and its
removed boilerplate apart. Jinja2 with autoescape: article text is untrusted input.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from dateline.export import quote_lines
from dateline.export.spans import highlights_for, render_text
from dateline.story import Story

_ENV = Environment(loader=PackageLoader("dateline.export", "templates"), autoescape=select_autoescape(["html", "j2"]))
_ENV.globals.update(
    is_verbatim=quote_lines.is_verbatim,
    quote_words=quote_lines.quote_words,
    reported_sentence=quote_lines.reported_sentence,
    speaker_label=quote_lines.speaker_label,
)


def render_html(story: Story) -> str:
    """The whole page as a string."""
    sentences = defaultdict(list)
    for s in story.sentences:
        sentences[s.article_id].append(s)
    quotes_by_article = defaultdict(list)
    for q in story.quotes:
        quotes_by_article[q.article_id].append(q)
    cited: dict[str, set[int]] = defaultdict(set)
    for entry in story.timeline:
        for source in entry.sources:
            if source.sentence_index is not None:
                cited[source.article_id].add(source.sentence_index)
    bodies: dict[str, Markup] = {}
    for article in story.articles:
        if article.duplicate_of:
            continue
        spans = highlights_for(
            sentences[article.id], quotes_by_article[article.id], anchor_prefix=f"a-{article.id}-s",
            cited=frozenset(cited[article.id]),
        )
        bodies[article.id] = render_text(article.text, spans)
    template = _ENV.get_template("timeline.html.j2")
    return template.render(
        story=story,
        bodies=bodies,
        quotes={q.id: q for q in story.quotes},
        articles={a.id: a for a in story.articles},
        canonical=[a for a in story.articles if not a.duplicate_of],
    )


def write_html(story: Story, out_dir: Path) -> Path:
    """Write ``out_dir/timeline.html``."""
    path = out_dir / "timeline.html"
    path.write_text(render_html(story), encoding="utf-8")
    return path
