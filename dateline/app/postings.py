"""Date-ordered records with posting lists per entity and per outlet: what makes a filtered list cheap.

A filter by date range is two binary searches; a filter by entity or outlet walks that entity's (or
outlet's) posting list only, so a request never scans every record of a large story. Hand-written
(rather than an SQL query per request) because the records already live in memory as pydantic objects.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Filters:
    """What a list is narrowed to: an entity id, an outlet name, an inclusive date range."""

    entity: str | None = None
    outlet: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def dated(self) -> bool:
        """True when a date bound is set (undated records then never match)."""
        return self.start is not None or self.end is not None


class DatedPostings(Generic[T]):
    """Records sorted by day (undated last) with the positions of each entity's and each outlet's records.

    Example:
        >>> postings = DatedPostings(quotes, lambda q: q.date, lambda q: [q.speaker_entity_id], outlets_of)
        >>> postings.select(Filters(entity="e1", start=dt.date(2031, 2, 1)))
    """

    def __init__(
        self,
        items: Iterable[T],
        day: Callable[[T], dt.date | None],
        entities: Callable[[T], Iterable[str | None]],
        outlets: Callable[[T], Iterable[str | None]],
    ) -> None:
        self.items: list[T] = sorted(items, key=lambda x: _day_key(day(x)))
        self._days = [d for d in (day(x) for x in self.items) if d is not None]
        self._by_entity = _postings(self.items, entities)
        self._by_outlet = _postings(self.items, outlets)

    def __len__(self) -> int:
        return len(self.items)

    def select(self, filters: Filters) -> list[T]:
        """The records passing ``filters``, in date order."""
        lo, hi = self._range(filters)
        lists: list[Sequence[int]] = []
        if filters.entity is not None:
            lists.append(self._by_entity.get(filters.entity, []))
        if filters.outlet is not None:
            lists.append(self._by_outlet.get(filters.outlet, []))
        if not lists:
            return self.items[lo:hi]
        lists.sort(key=len)
        shortest, others = lists[0], [set(other) for other in lists[1:]]
        window = shortest[bisect_left(shortest, lo) : bisect_left(shortest, hi)]
        return [self.items[i] for i in window if all(i in other for other in others)]

    def _range(self, filters: Filters) -> tuple[int, int]:
        """Positions [lo, hi) of the records inside the date range (all of them when there is none)."""
        if not filters.dated:
            return 0, len(self.items)
        lo = bisect_left(self._days, filters.start) if filters.start is not None else 0
        hi = bisect_right(self._days, filters.end) if filters.end is not None else len(self._days)
        return lo, max(lo, hi)


def _day_key(day: dt.date | None) -> tuple[bool, dt.date]:
    return (day is None, day or dt.date.min)


def _postings(items: Sequence[T], keys: Callable[[T], Iterable[str | None]]) -> dict[str, list[int]]:
    postings: dict[str, list[int]] = defaultdict(list)
    for position, item in enumerate(items):
        for key in set(keys(item)):
            if key:
                postings[key].append(position)
    return dict(postings)
