"""The story: every record of a build, as one typed object (what story.json holds)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from pydantic import Field

from dateline.entities import EntityIndex
from dateline.records import (
    Article,
    ArticleAnalysis,
    Entity,
    Event,
    Mention,
    Quote,
    Record,
    Sentence,
    Skip,
    TimelineEntry,
    Timex,
)

STORY_FORMAT = "dateline-story/1"


class StoryArticle(Record):
    """An article as exported: metadata, cleaned text, removed lines; no raw text or HTML."""

    id: str
    source: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    dateline_place: str | None = None
    published: dt.date | None = None
    published_earliest: dt.date | None = None
    published_latest: dt.date | None = None
    date_method: str = "none"
    date_evidence: list[str] = Field(default_factory=list)
    text: str = ""
    removed: list[str] = Field(default_factory=list)
    duplicate_of: str | None = None
    duplicates: list[str] = Field(default_factory=list, description="Ids of the copies of this article.")
    language: str = "en"


class Story(Record):
    """Everything a build extracted. Spans index into the ``text`` of their article."""

    format: str = Field(default=STORY_FORMAT, description="Version of this layout.")
    articles: list[StoryArticle] = Field(default_factory=list)
    sentences: list[Sentence] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    timexes: list[Timex] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    timeline: list[TimelineEntry] = Field(default_factory=list)
    skips: list[Skip] = Field(default_factory=list)

    @classmethod
    def assemble(
        cls,
        articles: Sequence[Article],
        analyses: Sequence[ArticleAnalysis],
        index: EntityIndex,
        quotes: Sequence[Quote],
        events: Sequence[Event],
        timeline: Sequence[TimelineEntry],
        skips: Sequence[Skip],
    ) -> Story:
        """Gather the records of a build; analysed articles carry their final (re)dated form."""
        final = {a.article.id: a.article for a in analyses}
        copies: dict[str, list[str]] = {}
        for article in articles:
            if article.duplicate_of:
                copies.setdefault(article.duplicate_of, []).append(article.id)
        exported = [
            StoryArticle(
                **final.get(a.id, a).model_dump(exclude={"raw_text", "html", "fetched"}),
                duplicates=sorted(copies.get(a.id, [])),
            )
            for a in articles
        ]
        return cls(
            articles=exported,
            sentences=[s for a in analyses for s in a.sentences],
            mentions=[m for a in analyses for m in a.mentions],
            entities=index.entities(),
            quotes=list(quotes),
            timexes=[t for a in analyses for t in a.timexes],
            events=list(events),
            timeline=list(timeline),
            skips=list(skips),
        )

    def article(self, article_id: str) -> StoryArticle | None:
        """The article with this id, or None."""
        return next((a for a in self.articles if a.id == article_id), None)
