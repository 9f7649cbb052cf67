"""The HTTP API: JSON routes over the loaded story, typed by dateline.app.schemas (OpenAPI at /api/openapi.json).

Every list is paged with ``limit``/``offset`` and carries its ``total``. Unknown ids answer 404, bad
parameters 422 (FastAPI validation, or a filter naming an unknown entity or outlet).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query

from dateline.app import views
from dateline.app.deps import MAX_TEXT, ApiFilters, IndexDep, Limit, Offset, SearchDep, Text, paginate
from dateline.app.postings import Filters
from dateline.app.schemas import (
    ArticleDetail,
    ArticleSummary,
    EntityDetail,
    EventOut,
    Page,
    QuoteOut,
    SearchHit,
    StoryStats,
    TimelineEntryOut,
)
from dateline.records import Entity, QuoteKind

router = APIRouter(prefix="/api", tags=["story"])
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "No record with this id."}}
BAD: dict[int | str, dict[str, Any]] = {422: {"description": "A parameter is malformed or names nothing in the story."}}


@router.get("/story", response_model=StoryStats)
async def story_stats(index: IndexDep) -> StoryStats:
    """Counts over the whole story and its outlets."""
    return views.story_stats(index)


@router.get("/timeline", response_model=Page[TimelineEntryOut], responses=BAD)
async def timeline(
    index: IndexDep, filters: ApiFilters, limit: Limit = 50, offset: Offset = 0
) -> Page[TimelineEntryOut]:
    """Timeline entries in date order, filtered by entity (in a cited sentence or speaking), outlet, dates."""
    return paginate(index.timeline(filters), limit, offset, lambda e: views.entry_out(index, e))


@router.get("/events", response_model=Page[EventOut], responses=BAD)
async def events(index: IndexDep, filters: ApiFilters, limit: Limit = 50, offset: Offset = 0) -> Page[EventOut]:
    """Every event in date order, with the same filters as the timeline."""
    return paginate(index.events(filters), limit, offset, lambda e: views.event_out(index, e))


@router.get("/articles", response_model=Page[ArticleSummary], responses=BAD)
async def articles(
    index: IndexDep,
    filters: ApiFilters,
    copies: Annotated[bool, Query(description="Include copies of other articles.")] = False,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[ArticleSummary]:
    """Articles by publication date (undated last), filtered by mentioned entity, outlet, dates."""
    found = index.article_list(filters, copies=copies)
    return paginate(found, limit, offset, lambda a: views.article_summary(index, a))


@router.get("/articles/{article_id}", response_model=ArticleDetail, responses=NOT_FOUND)
async def article(index: IndexDep, article_id: str) -> ArticleDetail:
    """One article: metadata, cleaned text, removed lines, copies, and its sentences, mentions, timexes, quotes."""
    found = index.articles.get(article_id)
    if found is None:
        raise HTTPException(status_code=404, detail="no article with this id")
    return views.article_detail(index, found)


@router.get("/entities", response_model=Page[Entity], responses=BAD)
async def entities(
    index: IndexDep,
    type: Annotated[str | None, Query(max_length=20, description="PERSON, ORG, GPE, ...")] = None,
    q: Annotated[str | None, Query(max_length=MAX_TEXT, description="Part of a name or alias.")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[Entity]:
    """Entities, most mentioned first."""
    return paginate(index.entity_list(type, q), limit, offset, lambda e: e)


@router.get("/entities/{entity_id}", response_model=EntityDetail, responses=NOT_FOUND)
async def entity(index: IndexDep, entity_id: str) -> EntityDetail:
    """One entity: aliases, mentions per day, quotes by and about it, co-occurring entities."""
    found = index.entities.get(entity_id)
    if found is None:
        raise HTTPException(status_code=404, detail="no entity with this id")
    return views.entity_detail(index, found)


@router.get("/quotes", response_model=Page[QuoteOut], responses=BAD)
async def quotes(
    index: IndexDep,
    filters: ApiFilters,
    speaker: Annotated[str | None, Query(max_length=MAX_TEXT, description="Speaker entity id.")] = None,
    kind: Annotated[QuoteKind | None, Query(description="direct, partial or indirect.")] = None,
    q: Text = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[QuoteOut]:
    """Quotes (each once, with every article reporting it), by date; ``q`` matches text or speaker."""
    if speaker is not None and filters.entity is not None and speaker != filters.entity:
        raise HTTPException(status_code=422, detail="give the speaker once (speaker or entity)")
    chosen = Filters(entity=speaker or filters.entity, outlet=filters.outlet, start=filters.start, end=filters.end)
    if chosen.entity is not None and chosen.entity not in index.entities:
        raise HTTPException(status_code=422, detail=f"unknown entity id {chosen.entity!r}")
    found = index.quote_list(chosen, kind=kind, text=q)
    return paginate(found, limit, offset, lambda quote: views.quote_out(index, quote))


@router.get("/search", response_model=Page[SearchHit], responses=BAD)
async def search(
    index: IndexDep,
    search_index: SearchDep,
    q: Annotated[str, Query(min_length=1, max_length=MAX_TEXT, description="Words to find (all must occur).")],
    kind: Annotated[Literal["article", "quote"] | None, Query(description="Only articles or only quotes.")] = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> Page[SearchHit]:
    """Full-text search (SQLite FTS5, BM25) over article titles and texts and quote texts and speakers."""
    total, hits = search_index.search(q, kind=kind, limit=limit, offset=offset)
    return Page[SearchHit](total=total, limit=limit, offset=offset, items=[views.search_hit(index, h) for h in hits])
