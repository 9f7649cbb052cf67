"""The HTML pages: server-rendered with Jinja2 (autoescape on) from the same views as the API.

Timeline (and all events), Article, Entity, Quotes explorer, Articles, Entities, Search. Article text
is untrusted: it reaches a page only through autoescaped templates, ``render_text`` (which escapes
every character) or ``views.marked`` (escapes, then adds <mark>). No page loads anything from another
host; the CSS and the chart script are served from /static.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Annotated, Any, Literal, TypeVar
from urllib.parse import urlencode
from weakref import WeakKeyDictionary

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from dateline.app import views
from dateline.app.deps import MAX_TEXT, FormFilters, IndexDep, PageNumber, SearchDep, checked, form_date
from dateline.app.overview import HEIGHT, WIDTH, Chart, build_chart
from dateline.app.postings import Filters
from dateline.app.queries import StoryIndex
from dateline.export.spans import highlights_for, render_text

router = APIRouter(include_in_schema=False)
T = TypeVar("T")
# Rendered charts per loaded story, by (kind, entity, outlet): the same for every request with those filters.
_CHARTS: WeakKeyDictionary[StoryIndex, dict[tuple[str, str | None, str | None], Markup]] = WeakKeyDictionary()
# Charts kept per story (one per entity page visited and per filter combination).
CHARTS_CACHED = 2048

# Items per page of each list page (a screenful or two on a laptop).
ENTRIES_PER_PAGE = 20
QUOTES_PER_PAGE = 30
ROWS_PER_PAGE = 50
HITS_PER_PAGE = 20
# Entities offered in a filter's drop-down (the most mentioned; an entity page links to its own filter).
ENTITY_CHOICES = 300
# Quotes by and about an entity shown on its page (the quotes explorer has them all).
ENTITY_QUOTES = 20
NAV = (("/", "Timeline"), ("/quotes", "Quotes"), ("/entities", "Entities"), ("/articles", "Articles"))


def _link(path: str, **params: Any) -> str:
    """``path`` with the non-empty ``params`` as its query string."""
    kept = {k: v for k, v in params.items() if v not in (None, "", False)}
    return f"{path}?{urlencode(kept)}" if kept else path


ENV = Environment(
    loader=PackageLoader("dateline.app", "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
ENV.globals.update(link=_link, nav=NAV, chart_width=WIDTH, chart_height=HEIGHT)
ENV.filters["longdate"] = lambda d: d.strftime("%A %-d %B %Y") if d else ""
ENV.filters["shortdate"] = lambda d: d.strftime("%-d %b %Y") if d else "undated"
ENV.filters["web_url"] = lambda url: url if url and url.lower().startswith(("http://", "https://")) else None


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A page from ``template`` (autoescaped) with the story's counts in its header."""
    stats = getattr(request.app.state, "stats", None)
    html = ENV.get_template(template).render(request=request, stats=stats, **context)
    return HTMLResponse(html, status_code=status_code)


def _paged(items: Sequence[T], page: int, size: int) -> tuple[Sequence[T], dict[str, int]]:
    pages = max(1, math.ceil(len(items) / size))
    return items[(page - 1) * size : page * size], {"page": page, "pages": pages, "total": len(items)}


def _filter_choices(index: StoryIndex, filters: Filters) -> dict[str, Any]:
    """Options of the entity and outlet drop-downs (the chosen entity always among them)."""
    entities = index.entities_ranked[:ENTITY_CHOICES]
    chosen = index.entities.get(filters.entity or "")
    if chosen is not None and chosen not in entities:
        entities = [chosen, *entities]
    return {
        "entity_choices": entities, "outlets": sorted(index.outlets), "filters": filters, "chosen": chosen,
        "entity_named": index.entity_named,
    }


def _chart_html(
    index: StoryIndex, key: tuple[str, str | None, str | None], make: Callable[[], Chart | None]
) -> Markup:
    """A chart's SVG, rendered once per story, kind and filters (its bars link to the timeline with those filters).

    Args:
        key: ``("overview" | "entity", entity id, outlet)``.
        make: builds the chart when it is not cached.
    """
    cache = _CHARTS.setdefault(index, {})
    if key not in cache:
        if len(cache) >= CHARTS_CACHED:
            cache.clear()
        chart = make()
        captions = ("mentions", "quotes said") if key[0] == "entity" else ("articles", "quotes")
        macros: Any = ENV.get_template("macros.html").module
        params = {"entity": key[1], "outlet": key[2]}
        cache[key] = Markup(macros.chart_svg(chart, params, *captions)) if chart else Markup("")
    return cache[key]


def _overview(index: StoryIndex, filters: Filters) -> Markup:
    """The volume chart of the whole story (bars link to the day's or week's timeline, keeping filters)."""
    marks = [e.date for e in index.story.timeline]
    key = ("overview", filters.entity, filters.outlet)
    return _chart_html(index, key, lambda: build_chart(index.article_days, index.quote_days, marks))


@router.get("/", response_class=HTMLResponse)
async def timeline_page(request: Request, index: IndexDep, filters: FormFilters, page: PageNumber = 1) -> HTMLResponse:
    """The timeline: entries by date with quotes and sources; the overview chart; filters."""
    entries, pager = _paged(index.timeline(filters), page, ENTRIES_PER_PAGE)
    return render(
        request, "timeline.html", view="timeline", items=[views.entry_out(index, e) for e in entries], paging=pager,
        counts={"timeline": pager["total"], "events": len(index.events(filters))},
        **_filter_choices(index, filters), chart_html=_overview(index, filters),
    )


@router.get("/events", response_class=HTMLResponse)
async def events_page(request: Request, index: IndexDep, filters: FormFilters, page: PageNumber = 1) -> HTMLResponse:
    """Every event (not only those the timeline selected), with the timeline's filters."""
    events, pager = _paged(index.events(filters), page, ENTRIES_PER_PAGE)
    return render(
        request, "timeline.html", view="events", items=[views.event_out(index, e) for e in events], paging=pager,
        counts={"timeline": len(index.timeline(filters)), "events": pager["total"]},
        **_filter_choices(index, filters), chart_html=_overview(index, filters),
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
async def article_page(request: Request, index: IndexDep, article_id: str) -> HTMLResponse:
    """One article: highlighted text, how its date was found, its copies, removed boilerplate."""
    article = index.articles.get(article_id)
    if article is None:
        raise HTTPException(status_code=404, detail="No article with this id in the story.")
    mentions = index.mentions.get(article.id, [])
    spans = highlights_for(
        index.sentences.get(article.id, []), index.located_quotes(article), mentions,
        index.timexes.get(article.id, []), cited=index.cited.get(article.id, frozenset()),
    )
    named: Counter[str] = index.article_entities.get(article.id, Counter())
    people = sorted(((index.entities[i], n) for i, n in named.items() if i in index.entities), key=lambda p: -p[1])
    return render(
        request, "article.html", article=article, body=render_text(article.text, spans),
        detail=views.article_detail(index, article), entities=people,
        original=views.article_ref(index, article.duplicate_of) if article.duplicate_of else None,
        copies=[views.article_ref(index, i) for i in article.duplicates],
    )


@router.get("/articles", response_class=HTMLResponse)
async def articles_page(
    request: Request, index: IndexDep, filters: FormFilters, copies: bool = False, page: PageNumber = 1
) -> HTMLResponse:
    """Articles by date, filtered by entity, outlet, dates."""
    rows, pager = _paged(index.article_list(filters, copies=copies), page, ROWS_PER_PAGE)
    return render(
        request, "articles.html", rows=[views.article_summary(index, a) for a in rows], paging=pager,
        copies=copies, **_filter_choices(index, filters),
    )


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
async def entity_page(request: Request, index: IndexDep, entity_id: str) -> HTMLResponse:
    """One entity: aliases, mentions over time, quotes by and about it, co-occurring entities."""
    entity = index.entities.get(entity_id)
    if entity is None:
        raise HTTPException(status_code=404, detail="No entity with this id in the story.")
    detail = views.entity_detail(index, entity, quotes_shown=ENTITY_QUOTES, by_day=False)
    days = index.entity_days.get(entity.id, Counter())
    said = index.quotes_by_speaker.get(entity.id, [])
    chart = _chart_html(
        index, ("entity", entity.id, None), lambda: build_chart(days, Counter(q.date for q in said if q.date))
    )
    return render(request, "entity.html", detail=detail, chart_html=chart, shown=ENTITY_QUOTES)


@router.get("/entities", response_class=HTMLResponse)
async def entities_page(
    request: Request,
    index: IndexDep,
    type: Annotated[str, Query(max_length=20)] = "",
    q: Annotated[str, Query(max_length=MAX_TEXT)] = "",
    page: PageNumber = 1,
) -> HTMLResponse:
    """Entities, most mentioned first, by type and name."""
    rows, pager = _paged(index.entity_list(type or None, q.strip() or None), page, ROWS_PER_PAGE)
    said = {e.id: len(index.quotes_by_speaker.get(e.id, ())) for e in rows}
    types = sorted({e.type for e in index.entities_ranked})
    return render(request, "entities.html", rows=rows, said=said, paging=pager, types=types, type=type, q=q)


@router.get("/quotes", response_class=HTMLResponse)
async def quotes_page(
    request: Request,
    index: IndexDep,
    speaker: Annotated[str, Query(max_length=MAX_TEXT)] = "",
    kind: Literal["", "direct", "partial", "indirect"] = "",
    q: Annotated[str, Query(max_length=MAX_TEXT)] = "",
    outlet: Annotated[str, Query(max_length=MAX_TEXT)] = "",
    start: Annotated[str, Query(max_length=MAX_TEXT)] = "",
    end: Annotated[str, Query(max_length=MAX_TEXT)] = "",
    page: PageNumber = 1,
) -> HTMLResponse:
    """Quotes explorer: each quote once with every article reporting it; by speaker, kind, words, outlet, dates."""
    chosen = Filters(speaker.strip() or None, outlet.strip() or None, form_date("start", start), form_date("end", end))
    filters = checked(index, chosen)
    found = index.quote_list(filters, kind=kind or None, text=q.strip() or None)
    rows, pager = _paged(found, page, QUOTES_PER_PAGE)
    return render(
        request, "quotes.html", quotes=[views.quote_out(index, x) for x in rows], paging=pager, filters=filters,
        speakers=index.speakers(), outlets=sorted(index.outlets), kind=kind, q=q,
    )


@router.get("/search", response_class=HTMLResponse)
async def search_page(
    request: Request,
    index: IndexDep,
    search_index: SearchDep,
    q: Annotated[str, Query(max_length=MAX_TEXT)] = "",
    kind: Literal["", "article", "quote"] = "",
    page: PageNumber = 1,
) -> HTMLResponse:
    """Full-text search over articles and quotes, with the matched words highlighted."""
    total, hits = search_index.search(q, kind=kind or None, limit=HITS_PER_PAGE, offset=(page - 1) * HITS_PER_PAGE)
    pager = {"page": page, "pages": max(1, math.ceil(total / HITS_PER_PAGE)), "total": total}
    shown = [(views.search_hit(index, h), views.marked(h.snippet, h.marks)) for h in hits]
    return render(request, "search.html", q=q, kind=kind, hits=shown, paging=pager)
