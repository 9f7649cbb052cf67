"""Views: records of the story index turned into the typed responses the API returns and the pages render.

Input: a StoryIndex and records from it. Output: models of dateline.app.schemas, with cited articles
resolved to titles and outlets, quote ids to quotes, and the number of independent sources counted.
Pure functions; nothing here touches the store.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

from markupsafe import Markup, escape

from dateline.app.queries import StoryIndex
from dateline.app.schemas import (
    ArticleDetail,
    ArticleRef,
    ArticleSummary,
    DateCount,
    EntityCount,
    EntityDetail,
    EventOut,
    Outlet,
    QuoteOut,
    SearchHit,
    SourceOut,
    StoryStats,
    TimelineEntryOut,
)
from dateline.app.search import Hit
from dateline.records import Entity, Event, Quote, SourceRef, TimelineEntry
from dateline.story import StoryArticle

# Quotes listed on an entity's page and in its API response (the quotes explorer pages through the rest).
ENTITY_QUOTES_SHOWN = 50


def article_ref(index: StoryIndex, article_id: str) -> ArticleRef:
    """A link to an article (an id missing from the story keeps only its id)."""
    article = index.articles.get(article_id)
    if article is None:
        return ArticleRef(id=article_id)
    return ArticleRef(
        id=article.id,
        title=article.title,
        outlet=article.outlet,
        published=article.published,
        date_method=article.date_method,
        duplicate_of=article.duplicate_of,
    )


def source_out(index: StoryIndex, source: SourceRef) -> SourceOut:
    """A cited sentence with its article."""
    return SourceOut(
        article=article_ref(index, source.article_id), sentence=source.sentence, sentence_index=source.sentence_index
    )


def quote_out(index: StoryIndex, quote: Quote) -> QuoteOut:
    """A quote with every article reporting it."""
    return QuoteOut(
        id=quote.id,
        text=quote.text,
        kind=quote.kind,
        speaker=quote.speaker,
        speaker_entity_id=quote.speaker_entity_id if quote.speaker_entity_id in index.entities else None,
        speaker_text=quote.speaker_text,
        verb=quote.verb,
        date=quote.date,
        article_id=quote.article_id,
        sources=[article_ref(index, i) for i in index.quote_sources(quote)],
    )


def entry_out(index: StoryIndex, entry: TimelineEntry) -> TimelineEntryOut:
    """A timeline entry with its sources and quotes resolved."""
    sources = [source_out(index, s) for s in entry.sources]
    return TimelineEntryOut(
        date=entry.date,
        summary=entry.summary,
        sentences=entry.sentences or [entry.summary],
        sources=sources,
        independent_sources=index.independent(s.article_id for s in entry.sources),
        outlets=sorted({s.article.outlet for s in sources if s.article.outlet}),
        quotes=[quote_out(index, index.quotes[i]) for i in entry.quotes if i in index.quotes],
    )


def event_out(index: StoryIndex, event: Event) -> EventOut:
    """An event with its sources resolved."""
    return EventOut(
        id=event.id,
        date=event.date,
        precision=event.precision,
        summary=event.summary,
        actors=event.actors,
        places=event.places,
        sources=[source_out(index, s) for s in event.sources],
        independent_sources=index.independent(s.article_id for s in event.sources),
    )


def article_summary(index: StoryIndex, article: StoryArticle) -> ArticleSummary:
    """An article as listed."""
    return ArticleSummary(
        **article_ref(index, article.id).model_dump(),
        source=article.source,
        published_earliest=article.published_earliest,
        published_latest=article.published_latest,
        duplicates=len(article.duplicates),
        quotes=len(index.quotes_in_article.get(article.id, ())),
        words=len(article.text.split()),
    )


def article_detail(index: StoryIndex, article: StoryArticle) -> ArticleDetail:
    """An article with its spans."""
    return ArticleDetail(
        article=article,
        sentences=index.sentences.get(article.id, []),
        mentions=index.mentions.get(article.id, []),
        timexes=index.timexes.get(article.id, []),
        quotes=[quote_out(index, q) for q in index.quotes_in_article.get(article.id, [])],
    )


def entity_detail(
    index: StoryIndex, entity: Entity, quotes_shown: int = ENTITY_QUOTES_SHOWN, by_day: bool = True
) -> EntityDetail:
    """An entity with its timeline of mentions, its quotes and its company.

    Args:
        quotes_shown: quotes by, and about, the entity included (the totals count them all).
        by_day: include the mentions per day (a page draws its own chart and leaves them out).
    """
    said = index.quotes_by_speaker.get(entity.id, [])
    about = index.quotes_about.get(entity.id, [])
    days: Counter[dt.date] = index.entity_days.get(entity.id, Counter()) if by_day else Counter()
    return EntityDetail(
        entity=entity,
        mentions_by_date=[DateCount(date=d, count=n) for d, n in sorted(days.items())],
        articles=len(index.entity_articles.get(entity.id, ())),
        quotes_by=[quote_out(index, q) for q in said[:quotes_shown]],
        quotes_by_total=len(said),
        quotes_about=[quote_out(index, q) for q in about[:quotes_shown]],
        quotes_about_total=len(about),
        cooccurring=[EntityCount(entity=e, count=n) for e, n in index.cooccurring(entity.id)],
    )


def search_hit(index: StoryIndex, hit: Hit) -> SearchHit:
    """A search hit with its article (for a quote: the article of its canonical report)."""
    quote = index.quotes.get(hit.id) if hit.kind == "quote" else None
    return SearchHit(
        kind=hit.kind,
        id=hit.id,
        article=article_ref(index, quote.article_id if quote else hit.id),
        speaker=(quote.speaker or quote.speaker_text) if quote else None,
        snippet=hit.snippet,
        marks=hit.marks,
        score=round(hit.score, 4),
    )


def story_stats(index: StoryIndex) -> StoryStats:
    """Counts over the story, and its outlets."""
    dated = [a.published for a in index.canonical if a.published]
    story = index.story
    return StoryStats(
        articles=len(index.canonical),
        copies=len(story.articles) - len(index.canonical),
        quotes=len(story.quotes),
        entities=len(story.entities),
        events=len(story.events),
        timeline=len(story.timeline),
        first=min(dated, default=None),
        last=max(dated, default=None),
        outlets=[Outlet(name=n, articles=c) for n, c in sorted(index.outlets.items(), key=lambda p: (-p[1], p[0]))],
    )


def marked(snippet: str, marks: Sequence[tuple[int, int]]) -> Markup:
    """Escaped ``snippet`` with the ``marks`` ranges wrapped in <mark> (safe to put in a page)."""
    parts: list[str] = []
    at = 0
    for start, end in sorted(marks):
        if start < at:
            continue
        parts += [str(escape(snippet[at:start])), "<mark>", str(escape(snippet[start:end])), "</mark>"]
        at = end
    parts.append(str(escape(snippet[at:])))
    return Markup("".join(parts))
