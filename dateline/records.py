"""Typed records that flow between the pipeline stages.

Every span is a pair of character offsets into ``Article.text`` (the cleaned text), end exclusive.
IDs are stable hashes of content, so a resumed build and a Dask build produce the same records.
The field descriptions are reused by the JSON Schema (``schema/story.schema.json``) and by OpenAPI.
"""

from __future__ import annotations

import hashlib
from datetime import date as Date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

DateMethod = Literal[
    "metadata", "html", "dateline", "folder", "warc", "text-estimate", "collection-estimate", "none"
]
QuoteKind = Literal["direct", "partial", "indirect"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
Precision = Literal["day", "month", "year"]


def stable_id(*parts: str, length: int = 16) -> str:
    """Return a short hex digest of ``parts``: the same input always gives the same id."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:length]


class Record(BaseModel):
    """Base of all records: frozen-ish by convention (stages return copies), extra fields refused."""

    model_config = ConfigDict(extra="forbid")


class Article(Record):
    """One input article: where it came from, its cleaned text and its publication date."""

    id: str = Field(description="Stable hash of the source and raw text.")
    source: str = Field(description="Input path, or url, the article was read from.")
    url: str | None = Field(default=None, description="Canonical url when known.")
    title: str | None = Field(default=None, description="Headline.")
    outlet: str | None = Field(default=None, description="Publisher or site name.")
    author: str | None = Field(default=None, description="Byline, when found.")
    dateline_place: str | None = Field(default=None, description="Place named in the dateline (KABUL).")
    published: Date | None = Field(default=None, description="Publication date (best estimate).")
    published_earliest: Date | None = Field(default=None, description="Earliest possible publication date.")
    published_latest: Date | None = Field(default=None, description="Latest possible publication date.")
    date_method: DateMethod = Field(default="none", description="How the publication date was found.")
    date_evidence: list[str] = Field(default_factory=list, description="Human-readable reasons for the date.")
    fetched: Date | None = Field(default=None, description="When the page was crawled (WARC date), if known.")
    raw_text: str = Field(default="", description="Text as read, before cleaning.")
    html: str | None = Field(default=None, description="Original HTML, kept for date extraction; not exported.")
    text: str = Field(default="", description="Cleaned body text; all spans index into it.")
    removed: list[str] = Field(default_factory=list, description="Lines removed by cleaning, for audit.")
    duplicate_of: str | None = Field(default=None, description="Id of the canonical copy, if a duplicate.")
    language: str = Field(default="en", description="ISO 639-1 language code.")

    @staticmethod
    def make_id(source: str, raw_text: str) -> str:
        """The article id: a hash of where it came from and what it said."""
        return stable_id(source, raw_text)


class Sentence(Record):
    """A sentence of an article's cleaned text."""

    article_id: str = Field(description="Article the sentence belongs to.")
    index: int = Field(description="Position of the sentence in the article, from 0.")
    start: int = Field(description="Start offset in Article.text.")
    end: int = Field(description="End offset in Article.text (exclusive).")
    text: str = Field(description="The sentence text.")


class Mention(Record):
    """A named-entity mention in an article."""

    article_id: str = Field(description="Article of the mention.")
    start: int = Field(description="Start offset in Article.text.")
    end: int = Field(description="End offset in Article.text (exclusive).")
    text: str = Field(description="Mention text as written.")
    label: str = Field(description="spaCy entity label (PERSON, ORG, GPE, ...).")
    entity_id: str | None = Field(default=None, description="Canonical entity, set by the entities stage.")


class Entity(Record):
    """A canonical entity of the story: aliases merged across articles."""

    id: str = Field(description="Stable hash of type and canonical name.")
    name: str = Field(description="Canonical name (the longest well-attested form).")
    type: str = Field(description="PERSON, ORG, GPE, LOC, NORP, EVENT, ...")
    aliases: list[str] = Field(default_factory=list, description="Other surface forms, incl. role nouns.")
    mentions: int = Field(default=0, description="Number of mentions across canonical articles.")


class Timex(Record):
    """A temporal expression with its TIMEX3 normalised value."""

    article_id: str = Field(description="Article of the expression.")
    start: int = Field(description="Start offset in Article.text.")
    end: int = Field(description="End offset in Article.text (exclusive).")
    text: str = Field(description="Expression as written.")
    type: TimexType = Field(description="TIMEX3 type.")
    value: str = Field(description="TIMEX3 value: 2020-01-28, 2019-07, 2018, P3Y, PRESENT_REF, XXXX-WXX-2 ...")


class Quote(Record):
    """Something somebody said, with its speaker and the date it was said."""

    id: str = Field(description="Stable hash of article and span.")
    article_id: str = Field(description="Article the quote is in.")
    text: str = Field(description="Quoted content (without the quote marks for direct quotes).")
    start: int = Field(description="Start offset of the content in Article.text.")
    end: int = Field(description="End offset of the content in Article.text (exclusive).")
    kind: QuoteKind = Field(description="direct (all in quote marks), partial, or indirect speech.")
    speaker_text: str | None = Field(default=None, description="Speaker as written (name, pronoun, role).")
    speaker_start: int | None = Field(default=None, description="Start offset of the speaker mention.")
    speaker_end: int | None = Field(default=None, description="End offset of the speaker mention.")
    speaker_name: str | None = Field(default=None, description="Speaker resolved to a name in the article.")
    speaker: str | None = Field(default=None, description="Canonical entity name of the speaker.")
    speaker_entity_id: str | None = Field(default=None, description="Canonical entity id of the speaker.")
    verb: str | None = Field(default=None, description="Speech verb or cue (said, added, according to).")
    date: Date | None = Field(default=None, description="Date the words were said, else the article date.")
    sources: list[str] = Field(default_factory=list, description="Ids of every article reporting this quote.")


class SourceRef(Record):
    """A citation: one sentence of one article."""

    article_id: str = Field(description="Cited article.")
    sentence: str = Field(description="Cited sentence text.")
    sentence_index: int | None = Field(default=None, description="Index of the sentence in the article.")


class Event(Record):
    """A happening reported by one or more articles, placed in time."""

    id: str = Field(description="Stable hash of the event's sources.")
    date: Date = Field(description="When it happened (first day of the period for month/year precision).")
    precision: Precision = Field(default="day", description="day, month or year.")
    summary: str = Field(description="The most representative sentence.")
    actors: list[str] = Field(default_factory=list, description="Entity names of the people and organisations.")
    places: list[str] = Field(default_factory=list, description="Entity names of places.")
    sources: list[SourceRef] = Field(default_factory=list, description="Sentences reporting the event.")


class TimelineEntry(Record):
    """One date of the timeline: what happened, and the sentences it rests on."""

    date: Date = Field(description="The day.")
    summary: str = Field(description="Selected sentences, joined.")
    sentences: list[str] = Field(default_factory=list, description="The selected sentences, in order.")
    sources: list[SourceRef] = Field(default_factory=list, description="Sentences the summary rests on.")
    quotes: list[str] = Field(default_factory=list, description="Ids of quotes said on that day.")


class Skip(Record):
    """An input, or part of one, that was not processed, and why."""

    source: str = Field(description="Input path or url.")
    stage: str = Field(description="Stage that gave up.")
    reason: str = Field(description="Why, in words a user understands.")


class ArticleAnalysis(Record):
    """Everything the per-article stages produce for one article (the unit stored and resumed)."""

    article: Article
    sentences: list[Sentence] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    timexes: list[Timex] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
