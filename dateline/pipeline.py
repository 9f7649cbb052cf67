"""The orchestrator: runs the stages of DESIGN.md in order over a store.

    1. ingest    read every source into raw Article records (streamed)          dateline.ingest
    2. clean     boilerplate lines out, using line counts over the collection    dateline.clean
    3. date      publication date from metadata, HTML, dateline or the text      dateline.pubdate
    4. dedup     exact and near-duplicate articles marked (MinHash LSH)           dateline.dedup
    5. analyse   per canonical article: nlp, mentions, timexes, quotes            dateline.analysis
    6. redate    undated articles estimated from the dated collection            dateline.pubdate
    7. entities  mentions merged into canonical entities; speakers linked         dateline.entities
    8. quotes    the same quote in several articles merged                        dateline.quotes
    9. events    dated sentence mentions clustered across articles                dateline.events
   10. timeline  dates and sentences selected                                     dateline.timeline

Only this module knows the order, the store, resume and the engine. Stages are plain functions.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from dateline import analysis, clean, dedup, entities, events, pubdate, quotes, timeline
from dateline.config import Settings
from dateline.engine import make_engine
from dateline.errors import DatelineError
from dateline.ingest import iter_sources
from dateline.records import Article, ArticleAnalysis, Skip
from dateline.store import Store
from dateline.story import Story

logger = logging.getLogger(__name__)

ProgressCallback = Callable[[str, int, int], None]
STAGES = ("ingest", "clean", "date", "dedup", "analyse", "redate", "entities", "quotes", "events", "timeline")


@dataclass
class BuildReport:
    """What a build did: counts, skips and seconds per stage."""

    articles_read: int = 0
    articles_new: int = 0
    duplicates: int = 0
    analysed: int = 0
    reused: int = 0
    estimated_dates: int = 0
    skips: list[Skip] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    story: Story | None = None

    @property
    def ok(self) -> bool:
        """True when the build produced at least one usable article."""
        return self.story is not None and bool(self.story.articles)

    def skip_reasons(self) -> dict[str, int]:
        """Number of skips per reason."""
        counts: dict[str, int] = {}
        for skip in self.skips:
            counts[skip.reason] = counts.get(skip.reason, 0) + 1
        return counts


def _no_progress(stage: str, done: int, total: int) -> None:
    return None


def build(
    sources: Iterable[Path | str],
    settings: Settings,
    store: Store,
    on_progress: ProgressCallback = _no_progress,
    meta: Path | None = None,
) -> BuildReport:
    """Build (or update) the story in ``store`` from ``sources``.

    Articles already in the store are kept; only new or changed articles go through the
    per-article stages. The collection stages always run over the whole store.

    Args:
        sources: files, directories or globs to read.
        settings: validated settings.
        store: the open SQLite store.
        on_progress: called as ``(stage, done, total)``; total 0 when unknown.
        meta: optional sidecar CSV/JSONL with per-article metadata.

    Returns:
        A BuildReport whose ``story`` holds every record.
    """
    report = BuildReport()
    timer = _StageTimer(report)

    with timer("ingest"):  # 1. streamed; each bad file becomes a Skip, never a crash
        for item in iter_sources(sources, settings.ingest, meta=meta):
            if isinstance(item, Skip):
                report.skips.append(item)
                store.add_skip(item)
                continue
            report.articles_read += 1
            report.articles_new += store.add_raw_article(item)
            on_progress("ingest", report.articles_read, 0)
    raw = store.raw_articles()

    with timer("clean"):  # 2. line counts are collection-wide, so cleaning waits for ingest
        stats = clean.line_statistics(raw)
        cleaned = _map(settings, "clean", raw, lambda a: clean.clean_article(a, stats, settings.clean), report, on_progress)

    with timer("date"):  # 3. per article: metadata > HTML > dateline > text estimate
        dated = _map(settings, "date", cleaned, lambda a: pubdate.date_article(a, settings.date), report, on_progress)

    with timer("dedup"):  # 4. copies keep their record, pointing at the canonical one
        articles = dedup.mark_duplicates(dated, settings.dedup)
        report.duplicates = sum(a.duplicate_of is not None for a in articles)
        store.put_articles(articles)

    with timer("analyse"):  # 5. the expensive map; resumed from the store
        analyses = _analyse(articles, settings, store, report, on_progress)

    with timer("redate"):  # 6. undated articles placed using the dated ones
        analyses = pubdate.estimate_from_collection(analyses, settings.date)
        report.estimated_dates = sum(a.article.date_method.endswith("estimate") for a in analyses)

    with timer("entities"):  # 7.
        index = entities.build_index(analyses)
        analyses = [entities.link(a, index) for a in analyses]

    with timer("quotes"):  # 8.
        story_quotes = quotes.merge_across_articles([q for a in analyses for q in a.quotes])

    with timer("events"):  # 9.
        story_events = events.cluster_events(analyses, index, settings.events)

    with timer("timeline"):  # 10.
        entries = timeline.build_timeline(analyses, settings.timeline, quotes=story_quotes)

    story = Story.assemble(articles, analyses, index, story_quotes, story_events, entries, report.skips)
    store.put_story(story)
    report.story = story
    return report


def _map(settings, stage, items, fn, report, on_progress):  # type: ignore[no-untyped-def]
    """Apply a per-article function; a failing article is kept unchanged and logged."""
    out: list[Article] = []
    for done, article in enumerate(items, 1):
        try:
            out.append(fn(article))
        except DatelineError as exc:
            if settings.on_error == "raise":
                raise
            logger.warning("%s failed for %s: %s", stage, article.source, exc)
            out.append(article)
        on_progress(stage, done, len(items))
    return out


def _analyse(
    articles: list[Article], settings: Settings, store: Store, report: BuildReport, on_progress: ProgressCallback
) -> list[ArticleAnalysis]:
    canonical = [a for a in articles if a.duplicate_of is None]
    done: list[ArticleAnalysis] = []
    todo: list[Article] = []
    for article in canonical:
        cached = store.get_analysis(article)
        if cached is not None:
            done.append(cached)
        else:
            todo.append(article)
    report.reused = len(done)
    on_progress("analyse", len(done), len(canonical))
    engine = make_engine(settings)
    for result in engine.map_analyse(todo, settings):
        if isinstance(result, Skip):
            if settings.on_error == "raise":
                raise DatelineError(result.reason)
            report.skips.append(result)
            store.add_skip(result)
        else:
            store.put_analysis(result)  # stored one by one: an interrupted build loses nothing
            done.append(result)
            report.analysed += 1
        on_progress("analyse", len(done), len(canonical))
    order = {a.id: i for i, a in enumerate(canonical)}
    return sorted(done, key=lambda r: order.get(r.article.id, 0))


class _StageTimer:
    def __init__(self, report: BuildReport) -> None:
        self.report = report

    def __call__(self, stage: str) -> "_StageTimer":
        self.stage = stage
        return self

    def __enter__(self) -> None:
        self.started = time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        self.report.seconds[self.stage] = time.perf_counter() - self.started
