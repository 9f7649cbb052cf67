"""Events stage: dated event mentions clustered across articles into events.

Input: ArticleAnalysis records (sentences, timexes, linked mentions) and the entity index.
Output: Event records, each with its date and precision, actors, places and every source sentence.
A mention is a sentence with a governing temporal expression (dateline.timex.governing_date), or an
article's lead sentence dated by its publication date. Mentions merge when they share the date
and enough content words (leader clustering inside each date bucket: no all-pairs step over the
corpus). Known limits: one event reported with different dates by two outlets stays two events.
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from spacy.lang.en.stop_words import STOP_WORDS

from dateline import timex
from dateline.config import EventSettings
from dateline.entities import PLACE_LABELS, EntityIndex
from dateline.records import ArticleAnalysis, Event, Mention, Precision, Sentence, SourceRef, Timex, stable_id

logger = logging.getLogger(__name__)

# Lead sentences (dated by publication) that count as event mentions; later ones need a timex.
LEAD_SENTENCES = 2
# Dates from these methods are trusted for lead sentences; estimates are not precise enough.
TRUSTED_DATE_METHODS = {"metadata", "html", "folder", "dateline", "warc"}
_WORD = re.compile(r"[a-z][a-z'-]+")
_Spanned = TypeVar("_Spanned", Timex, Mention)


@dataclass
class EventMention:
    """One sentence reporting something that happened on a date."""

    article_id: str
    sentence: Sentence
    date: dt.date
    precision: Precision
    words: frozenset[str]
    actors: list[str]
    places: list[str]


@dataclass
class _Cluster:
    leader: EventMention
    members: list[EventMention] = field(default_factory=list)


def content_words(text: str) -> frozenset[str]:
    """Lower-case content words of a sentence (stop words dropped)."""
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in STOP_WORDS and len(w) > 2)


def event_mentions(analysis: ArticleAnalysis, index: EntityIndex) -> list[EventMention]:
    """The dated event mentions of one article."""
    article = analysis.article
    found = []
    # Each sentence is given only the timexes and mentions starting inside it (a stable sort keeps the
    # order of those starting together, which decides governing_date's ties), not the whole article's.
    timexes = _Starts(analysis.timexes)
    mentions = _Starts(analysis.mentions)
    for sentence in analysis.sentences:
        dated = timex.governing_date(sentence, timexes.within(sentence))
        if (
            dated is None
            and sentence.index < LEAD_SENTENCES + 1
            and article.published
            and article.date_method in TRUSTED_DATE_METHODS
            and not _is_title(sentence, article.title)
        ):
            dated = (article.published, "day")
        if dated is None:
            continue
        actors, places = _participants(mentions.within(sentence), sentence, index)
        found.append(
            EventMention(article.id, sentence, dated[0], dated[1], content_words(sentence.text), actors, places)
        )
    return found


def cluster_events(
    analyses: Sequence[ArticleAnalysis], index: EntityIndex, settings: EventSettings
) -> list[Event]:
    """Cluster the event mentions of all articles into events, earliest first."""
    buckets: dict[tuple[dt.date, str], list[EventMention]] = defaultdict(list)
    for analysis in analyses:
        for mention in event_mentions(analysis, index):
            buckets[(mention.date, mention.precision)].append(mention)
    events = []
    for (day, precision), mentions in sorted(buckets.items()):
        for cluster in _leader_clusters(mentions, settings.similarity):
            events.append(_to_event(day, precision, cluster))  # type: ignore[arg-type]
    logger.info("%d events from %d dates", len(events), len(buckets))
    return events


def _leader_clusters(mentions: list[EventMention], threshold: float) -> list[_Cluster]:
    """Each mention joins the first cluster whose leader it is most similar to, if similar enough, else leads one.

    The similar leaders are found through an index of the leaders' words: a leader sharing no word has
    similarity 0, so only those sharing one are scored (with the same integer ratio as ``_jaccard``).
    """
    if threshold <= 0:  # a leader sharing nothing qualifies too: score every one
        return _leader_clusters_all_pairs(mentions, threshold)
    clusters: list[_Cluster] = []
    leaders_with: dict[str, list[int]] = defaultdict(list)
    for mention in sorted(mentions, key=lambda m: (-len(m.words), m.article_id, m.sentence.index)):
        shared = Counter(itertools.chain.from_iterable(leaders_with.get(w, ()) for w in mention.words))
        best, best_similarity = -1, 0.0
        for number, common in shared.items():
            similarity = common / (len(clusters[number].leader.words) + len(mention.words) - common)
            if similarity > best_similarity or (similarity == best_similarity and number < best):
                best, best_similarity = number, similarity
        if best >= 0 and best_similarity >= threshold:
            clusters[best].members.append(mention)
        else:
            for word in mention.words:
                leaders_with[word].append(len(clusters))
            clusters.append(_Cluster(leader=mention, members=[mention]))
    return clusters


def _leader_clusters_all_pairs(mentions: list[EventMention], threshold: float) -> list[_Cluster]:
    clusters: list[_Cluster] = []
    for mention in sorted(mentions, key=lambda m: (-len(m.words), m.article_id, m.sentence.index)):
        best = max(clusters, key=lambda c: _jaccard(c.leader.words, mention.words), default=None)
        if best is not None and _jaccard(best.leader.words, mention.words) >= threshold:
            best.members.append(mention)
        else:
            clusters.append(_Cluster(leader=mention, members=[mention]))
    return clusters


def _to_event(day: dt.date, precision: Precision, cluster: _Cluster) -> Event:
    members = sorted(cluster.members, key=lambda m: (m.article_id, m.sentence.index))
    summary = _most_central(cluster.members).sentence.text
    actors = sorted({a for m in members for a in m.actors})
    places = sorted({p for m in members for p in m.places})
    sources = [
        SourceRef(article_id=m.article_id, sentence=m.sentence.text, sentence_index=m.sentence.index) for m in members
    ]
    event_id = stable_id(day.isoformat(), *(f"{s.article_id}:{s.sentence_index}" for s in sources))
    return Event(
        id=event_id, date=day, precision=precision, summary=summary, actors=actors, places=places, sources=sources
    )


def _most_central(members: list[EventMention]) -> EventMention:
    # Syndicated copies repeat a sentence word for word: scoring each distinct word set once, weighted by
    # how often it occurs, keeps a cluster of 2,000 copies from costing 4 million comparisons.
    counts = Counter(m.words for m in members)
    score = {words: sum(n * _jaccard(words, other) for other, n in counts.items()) for words in counts}
    return max(members, key=lambda m: (score[m.words], -m.sentence.index))


class _Starts(Generic[_Spanned]):
    """Records with offsets, sorted by start (stably), to take those starting inside a sentence."""

    def __init__(self, records: Sequence[_Spanned]) -> None:
        self.records: list[_Spanned] = sorted(records, key=lambda r: r.start)
        self.starts: list[int] = [r.start for r in self.records]

    def within(self, sentence: Sentence) -> list[_Spanned]:
        """The records starting in ``[sentence.start, sentence.end]``, in their original relative order."""
        return self.records[bisect_left(self.starts, sentence.start) : bisect_right(self.starts, sentence.end)]


def _participants(mentions: Sequence[Mention], sentence: Sentence, index: EntityIndex) -> tuple[list[str], list[str]]:
    actors: set[str] = set()
    places: set[str] = set()
    for mention in mentions:
        if mention.start < sentence.start or mention.end > sentence.end or not mention.entity_id:
            continue
        entity = index.get(mention.entity_id)
        if entity is None:
            continue
        (places if entity.type in PLACE_LABELS else actors).add(entity.name)
    return sorted(actors), sorted(places)


def _is_title(sentence: Sentence, title: str | None) -> bool:
    return bool(title) and sentence.text.strip() == (title or "").strip()


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0
