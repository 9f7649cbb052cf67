"""Timeline entries: selected candidates turned into cited TimelineEntry records with their quotes.

Input: (day, candidates) selections and the story's Quote records. Output: TimelineEntry records in
date order, each citing its sentences (SourceRef) and the quotes said that day that it cites or whose
speaker it names. Plain Python. Known limit: a speaker is "named" by a case-sensitive substring match.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date as Date

from dateline.records import Quote, SourceRef, TimelineEntry
from dateline.timeline.candidates import Candidate


def make_entry(day: Date, picks: Sequence[Candidate], quotes: Sequence[Quote]) -> TimelineEntry:
    """One entry: the picked sentences in article order, their citations and the day's quotes.

    Args:
        day: the entry's date.
        picks: the selected candidates (at least one).
        quotes: every quote of the story; those dated ``day`` that overlap a cited sentence, or whose
            speaker is named in the entry, are linked.

    Returns:
        The entry; ``summary`` is the sentences joined by a space.
    """
    ordered = sorted(picks, key=lambda c: (c.published, c.article_id, c.index))
    sentences = [c.text for c in ordered]
    sources = [SourceRef(article_id=c.article_id, sentence=c.sentence, sentence_index=c.index) for c in ordered]
    return TimelineEntry(
        date=day,
        summary=" ".join(sentences),
        sentences=sentences,
        sources=sources,
        quotes=_linked_quotes(day, ordered, quotes),
    )


def _linked_quotes(day: Date, picks: Sequence[Candidate], quotes: Sequence[Quote]) -> list[str]:
    text = " ".join(c.text for c in picks)
    linked: list[str] = []
    for quote in quotes:
        if quote.date != day or quote.id in linked:
            continue
        cited = any(
            quote.article_id == c.article_id and quote.start < c.end and c.start < quote.end for c in picks
        )
        named = any(name and name in text for name in (quote.speaker, quote.speaker_name))
        if cited or named:
            linked.append(quote.id)
    return linked


def entries_from_selection(
    selection: Sequence[tuple[Date, list[int]]], candidates: Sequence[Candidate], quotes: Sequence[Quote]
) -> list[TimelineEntry]:
    """Entries for each (day, candidate indices) pair, sorted by date."""
    entries = [make_entry(day, [candidates[i] for i in picks], quotes) for day, picks in selection]
    return sorted(entries, key=lambda e: e.date)
