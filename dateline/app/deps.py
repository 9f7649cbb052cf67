"""FastAPI dependencies shared by the API and the pages: the loaded story, search, paging and filters.

The pages read their filters from HTML forms, where an empty field arrives as an empty string; the API
takes typed parameters. Both end in the same Filters, checked against the story (unknown ids -> 422).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Annotated, TypeVar, cast

from fastapi import Depends, HTTPException, Query, Request

from dateline.app.postings import Filters
from dateline.app.queries import StoryIndex
from dateline.app.schemas import Page
from dateline.app.search import SearchIndex
from dateline.errors import InputError

T = TypeVar("T")
U = TypeVar("U")

# Largest page the API serves, and the furthest it pages: bounds the work of one request.
MAX_LIMIT = 500
MAX_OFFSET = 100_000
# Length bound of free-text parameters (ids are 16 hex digits; names and queries are short).
MAX_TEXT = 200


def get_index(request: Request) -> StoryIndex:
    """The story index loaded at startup."""
    return cast(StoryIndex, request.app.state.index)


def get_search(request: Request) -> SearchIndex:
    """The full-text search over the store."""
    return cast(SearchIndex, request.app.state.search)


IndexDep = Annotated[StoryIndex, Depends(get_index)]
SearchDep = Annotated[SearchIndex, Depends(get_search)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Index of the first result.")]
Text = Annotated[str | None, Query(max_length=MAX_TEXT)]


def checked(index: StoryIndex, filters: Filters) -> Filters:
    """``filters`` when they make sense for this story.

    Raises:
        HTTPException: 422 for an unknown entity or outlet, or a start date after the end date.
    """
    try:
        index.check(filters)
    except InputError as exc:
        raise HTTPException(status_code=422, detail=exc.reason) from exc
    return filters


def api_filters(
    index: IndexDep,
    entity: Annotated[str | None, Query(max_length=MAX_TEXT, description="Entity id.")] = None,
    outlet: Annotated[str | None, Query(max_length=MAX_TEXT, description="Outlet name.")] = None,
    start: Annotated[dt.date | None, Query(description="First day, inclusive (YYYY-MM-DD).")] = None,
    end: Annotated[dt.date | None, Query(description="Last day, inclusive (YYYY-MM-DD).")] = None,
) -> Filters:
    """Filters of an API list route."""
    return checked(index, Filters(entity=entity, outlet=outlet, start=start, end=end))


def form_date(name: str, value: str) -> dt.date | None:
    """A date from a form field ('' means none).

    Raises:
        HTTPException: 422 when the value is not a YYYY-MM-DD date.
    """
    if not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as exc:
        raise HTTPException(status_code=422, detail=f"{name}: not a date (use YYYY-MM-DD)") from exc


def form_filters(
    index: IndexDep,
    entity: Annotated[str, Query(max_length=MAX_TEXT)] = "",
    outlet: Annotated[str, Query(max_length=MAX_TEXT)] = "",
    start: Annotated[str, Query(max_length=MAX_TEXT)] = "",
    end: Annotated[str, Query(max_length=MAX_TEXT)] = "",
) -> Filters:
    """Filters of a page (from its form)."""
    filters = Filters(
        entity=entity.strip() or None,
        outlet=outlet.strip() or None,
        start=form_date("start", start),
        end=form_date("end", end),
    )
    return checked(index, filters)


ApiFilters = Annotated[Filters, Depends(api_filters)]
FormFilters = Annotated[Filters, Depends(form_filters)]
PageNumber = Annotated[int, Query(ge=1, le=MAX_OFFSET, description="Page number, from 1.")]


def paginate(items: Sequence[T], limit: int, offset: int, convert: Callable[[T], U]) -> Page[U]:
    """One page of ``items``, each converted, with the total."""
    page = [convert(i) for i in items[offset : offset + limit]]
    return Page[U](total=len(items), limit=limit, offset=offset, items=page)
