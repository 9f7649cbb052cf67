"""Typed responses of the HTTP API (pydantic); the HTML pages render the same objects.

Record models (Entity, Sentence, Mention, Timex, StoryArticle) are reused as they are, so their field
descriptions reach the OpenAPI schema. Views add what a reader needs next to a record: titles and
outlets of cited articles, the number of independent sources, quotes resolved from their ids.
"""

from __future__ import annotations

import datetime as dt
from typing import Generic, TypeVar

from pydantic import BaseModel, Field

from dateline.records import Entity, Mention, Precision, QuoteKind, Sentence, Timex
from dateline.story import StoryArticle

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One page of a list: ``items`` are results ``offset`` to ``offset + limit`` of ``total``."""

    total: int = Field(description="Number of results matching the filters.")
    limit: int = Field(description="Page size asked for.")
    offset: int = Field(description="Index of the first item in the whole result list.")
    items: list[T] = Field(description="The results of this page.")


class ArticleRef(BaseModel):
    """A link to an article: enough to show its title, outlet and date."""

    id: str = Field(description="Article id.")
    title: str | None = Field(default=None, description="Headline.")
    outlet: str | None = Field(default=None, description="Publisher.")
    published: dt.date | None = Field(default=None, description="Publication date (best estimate).")
    date_method: str = Field(default="none", description="How the publication date was found.")
    duplicate_of: str | None = Field(default=None, description="Canonical copy, when this is a copy.")


class SourceOut(BaseModel):
    """A cited sentence with the article it comes from."""

    article: ArticleRef = Field(description="The cited article.")
    sentence: str = Field(description="Cited sentence text.")
    sentence_index: int | None = Field(default=None, description="Index of the sentence in the article.")


class QuoteOut(BaseModel):
    """A quote, once, with every article reporting it."""

    id: str = Field(description="Quote id.")
    text: str = Field(description="Quoted content.")
    kind: QuoteKind = Field(description="direct, partial or indirect.")
    speaker: str | None = Field(default=None, description="Canonical speaker name, when resolved.")
    speaker_entity_id: str | None = Field(default=None, description="Speaker entity id, when resolved.")
    speaker_text: str | None = Field(default=None, description="Speaker as written in the article.")
    verb: str | None = Field(default=None, description="Speech verb or cue.")
    date: dt.date | None = Field(default=None, description="When the words were said.")
    article_id: str = Field(description="Article of the canonical report (the span's offsets index into it).")
    sources: list[ArticleRef] = Field(description="Every article reporting the quote, canonical report first.")


class TimelineEntryOut(BaseModel):
    """A timeline date: what happened, the quotes of the day and the sources."""

    date: dt.date = Field(description="The day.")
    summary: str = Field(description="Selected sentences, joined.")
    sentences: list[str] = Field(description="The selected sentences, in order.")
    sources: list[SourceOut] = Field(description="Sentences the summary rests on.")
    independent_sources: int = Field(description="Distinct cited articles, copies of one article counted once.")
    outlets: list[str] = Field(description="Outlets of the cited articles.")
    quotes: list[QuoteOut] = Field(description="Quotes said on that day.")


class EventOut(BaseModel):
    """A happening reported by one or more articles."""

    id: str = Field(description="Event id.")
    date: dt.date = Field(description="When it happened (first day of the period).")
    precision: Precision = Field(description="day, month or year.")
    summary: str = Field(description="The most representative sentence.")
    actors: list[str] = Field(description="People and organisations.")
    places: list[str] = Field(description="Places.")
    sources: list[SourceOut] = Field(description="Sentences reporting the event.")
    independent_sources: int = Field(description="Distinct reporting articles, copies counted once.")


class ArticleSummary(ArticleRef):
    """An article in a list."""

    source: str = Field(description="Input path or url.")
    published_earliest: dt.date | None = Field(default=None, description="Earliest possible publication date.")
    published_latest: dt.date | None = Field(default=None, description="Latest possible publication date.")
    duplicates: int = Field(default=0, description="Number of copies of this article.")
    quotes: int = Field(default=0, description="Number of quotes found in it.")
    words: int = Field(default=0, description="Words in the cleaned text.")


class ArticleDetail(BaseModel):
    """An article with every span extracted from it (offsets index into ``article.text``)."""

    article: StoryArticle = Field(description="Metadata, cleaned text, removed lines and copies.")
    sentences: list[Sentence] = Field(description="Sentences of the text.")
    mentions: list[Mention] = Field(description="Named-entity mentions.")
    timexes: list[Timex] = Field(description="Temporal expressions with their values.")
    quotes: list[QuoteOut] = Field(description="Quotes reported by this article.")


class DateCount(BaseModel):
    """A count on one day."""

    date: dt.date
    count: int


class EntityCount(BaseModel):
    """An entity and a count (e.g. articles shared with another entity)."""

    entity: Entity
    count: int = Field(description="Articles in which both entities are mentioned.")


class EntityDetail(BaseModel):
    """An entity: aliases, mentions over time, quotes by and about it, co-occurring entities."""

    entity: Entity = Field(description="The canonical entity.")
    mentions_by_date: list[DateCount] = Field(description="Mentions per publication day of the mentioning articles.")
    articles: int = Field(description="Canonical articles mentioning the entity.")
    quotes_by: list[QuoteOut] = Field(description="Quotes the entity said (first 50).")
    quotes_by_total: int = Field(description="Number of quotes the entity said.")
    quotes_about: list[QuoteOut] = Field(description="Quotes naming the entity, said by someone else (first 50).")
    quotes_about_total: int = Field(description="Number of quotes naming the entity.")
    cooccurring: list[EntityCount] = Field(description="Entities most often mentioned in the same articles.")


class SearchHit(BaseModel):
    """A full-text hit; ``marks`` are [start, end) character offsets of the matched words in ``snippet``."""

    kind: str = Field(description="article or quote.")
    id: str = Field(description="Article id or quote id.")
    article: ArticleRef = Field(description="The article (for a quote: the article of its canonical report).")
    speaker: str | None = Field(default=None, description="Speaker, for a quote.")
    snippet: str = Field(description="Plain-text excerpt around the matched words.")
    marks: list[tuple[int, int]] = Field(description="Offsets of the matched words in the snippet, end exclusive.")
    score: float = Field(description="BM25 relevance (higher is better).")


class Outlet(BaseModel):
    """An outlet and the number of its canonical articles."""

    name: str
    articles: int


class StoryStats(BaseModel):
    """Counts over the whole story."""

    articles: int
    copies: int
    quotes: int
    entities: int
    events: int
    timeline: int
    first: dt.date | None = None
    last: dt.date | None = None
    outlets: list[Outlet]
