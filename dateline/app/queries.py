"""Read model of the web app: a built Story loaded once, with the in-memory indexes pages and API need.

Input: a Story (from the store). Output: filtered, date-ordered record lists and per-entity aggregates
(mentions per day, quotes by and about, co-occurrence), answered from dicts built once at startup so a
request never scans the whole story's text. Full-text search lives apart (dateline.app.search, FTS5).
Known limit: the story is read at startup; restart the server after a new build.
"""

from __future__ import annotations

import datetime as dt
import logging
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from dateline.app.postings import DatedPostings, Filters
from dateline.errors import InputError
from dateline.records import Entity, Event, Quote, SourceRef, TimelineEntry
from dateline.story import Story, StoryArticle

logger = logging.getLogger(__name__)

_LATEST = dt.date.max


class _InArticle(Protocol):
    @property
    def article_id(self) -> str: ...


R = TypeVar("R", bound=_InArticle)


@dataclass(frozen=True)
class _Keys:
    """What a timeline entry or event can be filtered on."""

    entities: frozenset[str]
    outlets: frozenset[str]


class StoryIndex:
    """A story with lookups by id, by entity, by outlet and by date. Read-only once built.

    Example:
        >>> index = StoryIndex(Store.open(Path("out")).load_story())
        >>> index.timeline(Filters(entity=index.entities_ranked[0].id))
    """

    def __init__(self, story: Story) -> None:
        self.story = story
        self.articles = {a.id: a for a in story.articles}
        self.canonical = sorted((a for a in story.articles if not a.duplicate_of), key=_article_order)
        self.entities = {e.id: e for e in story.entities}
        self.entities_ranked = sorted(story.entities, key=lambda e: (-e.mentions, e.name))
        self.quotes = {q.id: q for q in story.quotes}
        self.quotes_sorted = sorted(story.quotes, key=lambda q: (q.date or _LATEST, q.id))
        self.sentences = _by_article(story.sentences, key=lambda s: s.index)
        self.mentions = _by_article(story.mentions, key=lambda m: m.start)
        self.timexes = _by_article(story.timexes, key=lambda t: t.start)
        self.outlets = Counter(a.outlet for a in self.canonical if a.outlet)
        self.article_days = Counter(a.published for a in self.canonical if a.published)
        self.quote_days = Counter(q.date for q in story.quotes if q.date)
        self._names = self._name_lookup()
        self._index_mentions()
        self._index_quotes()
        self.cited = self._cited_sentences()
        entry_keys = {id(e): self._keys(e.sources, e.quotes, ()) for e in story.timeline}
        self._timeline = DatedPostings(
            story.timeline, lambda e: e.date, lambda e: entry_keys[id(e)].entities, lambda e: entry_keys[id(e)].outlets
        )
        event_keys = {id(e): self._keys(e.sources, (), (*e.actors, *e.places)) for e in story.events}
        self._events = DatedPostings(
            sorted(story.events, key=lambda e: (e.date, e.id)), lambda e: e.date,
            lambda e: event_keys[id(e)].entities, lambda e: event_keys[id(e)].outlets,
        )
        self._canonical = self._article_postings(self.canonical)
        self._all_articles = self._article_postings(sorted(story.articles, key=_article_order))
        self._quotes = DatedPostings(
            self.quotes_sorted, lambda q: q.date, lambda q: (q.speaker_entity_id,), lambda q: self.quote_outlets[q.id]
        )
        self._quote_words = {q.id: f"{q.text}\n{q.speaker or ''}".casefold() for q in story.quotes}
        self._cooccurring: dict[str, list[tuple[Entity, int]]] = {}
        logger.info("indexed %d articles, %d quotes, %d entities", len(story.articles), len(story.quotes),
                    len(story.entities))

    # -- building ----------------------------------------------------------------------------
    def _name_lookup(self) -> dict[str, str]:
        """Lower-cased names and aliases to entity ids; a name wins over another entity's alias."""
        names: dict[str, str] = {}
        for entity in reversed(self.entities_ranked):
            for alias in entity.aliases:
                names[alias.lower()] = entity.id
        for entity in reversed(self.entities_ranked):
            names[entity.name.lower()] = entity.id
        return names

    def _cited_sentences(self) -> dict[str, frozenset[int]]:
        """Per article, the indexes of its sentences that a timeline entry cites."""
        cited: dict[str, set[int]] = defaultdict(set)
        for entry in self.story.timeline:
            for source in entry.sources:
                if source.sentence_index is not None:
                    cited[source.article_id].add(source.sentence_index)
        return {i: frozenset(s) for i, s in cited.items()}

    def _index_mentions(self) -> None:
        self.sentence_entities: dict[tuple[str, int], set[str]] = defaultdict(set)
        self.entity_articles: dict[str, set[str]] = defaultdict(set)
        self.article_entities: dict[str, Counter[str]] = defaultdict(Counter)
        self.entity_days: dict[str, Counter[dt.date]] = defaultdict(Counter)
        for article_id, mentions in self.mentions.items():
            sentences = self.sentences.get(article_id, [])
            starts = [s.start for s in sentences]
            published = self.articles[article_id].published if article_id in self.articles else None
            for mention in mentions:
                if mention.entity_id is None:
                    continue
                at = bisect_right(starts, mention.start) - 1
                if at >= 0:
                    self.sentence_entities[(article_id, sentences[at].index)].add(mention.entity_id)
                self.entity_articles[mention.entity_id].add(article_id)
                self.article_entities[article_id][mention.entity_id] += 1
                if published is not None:
                    self.entity_days[mention.entity_id][published] += 1

    def _index_quotes(self) -> None:
        self.quotes_in_article: dict[str, list[Quote]] = defaultdict(list)
        self.quotes_by_speaker: dict[str, list[Quote]] = defaultdict(list)
        self.quotes_about: dict[str, list[Quote]] = defaultdict(list)
        self.quote_outlets: dict[str, frozenset[str]] = {}
        self._mention_starts = {i: [m.start for m in ms] for i, ms in self.mentions.items()}
        for quote in self.quotes_sorted:
            sources = self.quote_sources(quote)
            for article_id in sources:
                self.quotes_in_article[article_id].append(quote)
            self.quote_outlets[quote.id] = frozenset(
                a.outlet for a in (self.articles.get(i) for i in sources) if a is not None and a.outlet
            )
            if quote.speaker_entity_id:
                self.quotes_by_speaker[quote.speaker_entity_id].append(quote)
            for entity_id in sorted(self._named_in(quote) - {quote.speaker_entity_id}):
                self.quotes_about[entity_id].append(quote)

    def _named_in(self, quote: Quote) -> set[str]:
        """Entities mentioned inside the quote's span."""
        mentions = self.mentions.get(quote.article_id, [])
        starts = self._mention_starts.get(quote.article_id, [])
        first = bisect_left(starts, quote.start)
        return {
            m.entity_id for m in mentions[first:] if m.start < quote.end and m.end <= quote.end and m.entity_id
        }

    def _keys(self, sources: Sequence[SourceRef], quote_ids: Iterable[str], names: Iterable[str]) -> _Keys:
        entities: set[str] = set()
        outlets: set[str] = set()
        for source in sources:
            if source.sentence_index is not None:
                entities |= self.sentence_entities.get((source.article_id, source.sentence_index), set())
            article = self.articles.get(source.article_id)
            if article is not None and article.outlet:
                outlets.add(article.outlet)
        for quote_id in quote_ids:
            quote = self.quotes.get(quote_id)
            if quote is not None and quote.speaker_entity_id:
                entities.add(quote.speaker_entity_id)
        entities |= {self._names[n.lower()] for n in names if n.lower() in self._names}
        return _Keys(frozenset(entities), frozenset(outlets))

    def _article_postings(self, articles: list[StoryArticle]) -> DatedPostings[StoryArticle]:
        """Articles by date, posted under every entity their canonical copy mentions and their outlet."""
        return DatedPostings(
            articles, lambda a: a.published, lambda a: self.article_entities.get(self.canonical_id(a.id), {}).keys(),
            lambda a: (a.outlet,),
        )

    # -- lookups -----------------------------------------------------------------------------
    def check(self, filters: Filters) -> None:
        """Refuse filters that cannot match anything by mistake.

        Raises:
            InputError: unknown entity id or outlet, or a start date after the end date.
        """
        if filters.entity is not None and filters.entity not in self.entities:
            raise InputError(f"unknown entity id {filters.entity!r}")
        if filters.outlet is not None and filters.outlet not in self.outlets:
            raise InputError(f"unknown outlet {filters.outlet!r}")
        if filters.start and filters.end and filters.start > filters.end:
            raise InputError(f"start date {filters.start} is after end date {filters.end}")

    def entity_named(self, name: str) -> Entity | None:
        """The entity with this name or alias (case-insensitive), if any."""
        entity_id = self._names.get(name.lower())
        return self.entities.get(entity_id) if entity_id else None

    def canonical_id(self, article_id: str) -> str:
        """The id of the canonical copy of an article (itself when it is not a copy)."""
        article = self.articles.get(article_id)
        return article.duplicate_of if article is not None and article.duplicate_of else article_id

    def independent(self, article_ids: Iterable[str]) -> int:
        """Number of distinct articles, all copies of one article counted once."""
        return len({self.canonical_id(i) for i in article_ids})

    def quote_sources(self, quote: Quote) -> list[str]:
        """Every article reporting the quote, its own article first."""
        return [quote.article_id, *(i for i in quote.sources if i != quote.article_id)]

    def timeline(self, filters: Filters) -> list[TimelineEntry]:
        """Timeline entries passing ``filters`` (entity in a cited sentence or speaking; outlet cited), by date."""
        return self._timeline.select(filters)

    def events(self, filters: Filters) -> list[Event]:
        """Every event passing ``filters`` (entity in a source sentence or among actors and places), by date."""
        return self._events.select(filters)

    def article_list(self, filters: Filters, copies: bool = False) -> list[StoryArticle]:
        """Articles (canonical only unless ``copies``) passing ``filters`` (entity mentioned), undated last."""
        return (self._all_articles if copies else self._canonical).select(filters)

    def quote_list(self, filters: Filters, kind: str | None = None, text: str | None = None) -> list[Quote]:
        """Quotes by the entity ``filters.entity`` (the speaker) passing the other filters, by date.

        Args:
            filters: entity is the speaker; outlet is that of any reporting article; dates bound the quote's date.
            kind: direct, partial or indirect.
            text: words that the quote's text or speaker name contains (case-insensitive).
        """
        found = self._quotes.select(filters)
        if kind is not None:
            found = [q for q in found if q.kind == kind]
        if text:
            needle = text.casefold()
            found = [q for q in found if needle in self._quote_words[q.id]]
        return found

    def entity_list(self, entity_type: str | None = None, name: str | None = None) -> list[Entity]:
        """Entities by mentions (most first), optionally of one type or whose name or alias contains ``name``."""
        needle = name.casefold() if name else None
        return [
            e
            for e in self.entities_ranked
            if (entity_type is None or e.type == entity_type)
            and (needle is None or any(needle in n.casefold() for n in (e.name, *e.aliases)))
        ]

    def speakers(self) -> list[tuple[Entity, int]]:
        """Entities that said something, with their number of quotes, most quoted first."""
        pairs = [(self.entities[i], len(qs)) for i, qs in self.quotes_by_speaker.items() if i in self.entities]
        return sorted(pairs, key=lambda p: (-p[1], p[0].name))

    def cooccurring(self, entity_id: str, limit: int = 15) -> list[tuple[Entity, int]]:
        """Entities mentioned in the same articles as ``entity_id``, by number of shared articles."""
        if entity_id not in self._cooccurring:
            counts: Counter[str] = Counter()
            for article_id in self.entity_articles.get(entity_id, ()):
                counts.update(self.article_entities[article_id].keys())
            counts.pop(entity_id, None)
            pairs = [(self.entities[i], n) for i, n in counts.items() if i in self.entities]
            self._cooccurring[entity_id] = sorted(pairs, key=lambda p: (-p[1], p[0].name))[:limit]
        return self._cooccurring[entity_id]

    def located_quotes(self, article: StoryArticle) -> list[Quote]:
        """The article's quotes with offsets into its own text (copies found by exact text), for highlighting."""
        located: list[Quote] = []
        for quote in self.quotes_in_article.get(article.id, []):
            if quote.article_id == article.id:
                located.append(quote)
                continue
            start = article.text.find(quote.text) if quote.text else -1
            if start >= 0:
                located.append(quote.model_copy(update={"start": start, "end": start + len(quote.text)}))
        return located


def _article_order(article: StoryArticle) -> tuple[dt.date, str, str]:
    return (article.published or _LATEST, article.title or "", article.id)


def _by_article(records: Iterable[R], key: Callable[[R], int]) -> dict[str, list[R]]:
    grouped: dict[str, list[R]] = defaultdict(list)
    for record in records:
        grouped[record.article_id].append(record)
    for items in grouped.values():
        items.sort(key=key)
    return dict(grouped)
