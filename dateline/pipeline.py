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
Steps 1-5 stream through the store in batches (dateline.resume), so their memory does not grow
with the collection, and each result is stored as soon as it is made: an interrupted build loses
at most a batch, and a build with more articles only processes what is new or changed.
Steps 6-10 work on the compact records of the whole collection, read back from the store.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from dateline import clean, entities, events, pubdate, quotes, resume, timeline
from dateline.config import Settings
from dateline.engine import Engine, make_engine
from dateline.errors import DatelineError
from dateline.ingest import iter_sources
from dateline.records import Article, Skip
from dateline.store import BATCH_ROWS, Store
from dateline.story import Story

logger = logging.getLogger(__name__)

ProgressCallback = Callable[[str, int, int], None]
STAGES = ("ingest", "clean", "date", "dedup", "analyse", "redate", "entities", "quotes", "events", "timeline")
PARTS_DIR = "parts"  # under the store's folder: the Parquet partitions of the last Dask map
_T = TypeVar("_T")


@dataclass
class BuildReport:
    """What a build did: counts, skips and seconds per stage."""

    articles_read: int = 0
    articles_new: int = 0
    duplicates: int = 0
    analysed: int = 0
    reused: int = 0
    cleaned: int = 0
    estimated_dates: int = 0
    skips: list[Skip] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)  # wall-clock seconds per stage
    cpu_seconds: dict[str, float] = field(default_factory=dict)  # CPU seconds of this process (not Dask workers)
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
        A BuildReport whose ``story`` holds every record; its ``skips`` are every skip the store
        holds (this build's and earlier builds').
    """
    report = BuildReport()
    timer = _StageTimer(report)
    engine = make_engine(settings, parts_dir=store.path.parent / PARTS_DIR)
    try:
        _per_article_stages(sources, settings, store, engine, report, timer, on_progress, meta)
    except BaseException:
        _close_quietly(engine.close)  # the stage's error (or Ctrl-C) is the one the user must see
        raise
    # The engine shuts down while the collection stages run: a LocalCluster takes 1-2 s to stop, mostly waiting.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="dateline-engine-close") as closer:
        closed = closer.submit(_close_quietly, engine.close)
        report.story = _collection_stages(settings, store, report, timer)
    closed.result()
    return report


def _close_quietly(close: Callable[[], None]) -> None:
    """Shut the engine down; a connection lost while doing so is logged, never a failed build.

    By then every result is in the store (and, after the collection stages, the story too): a scheduler
    that went away during shutdown (Dask raises OSError subclasses: CommClosedError, TimeoutError) costs
    nothing the user needs.
    """
    try:
        close()
    except OSError as exc:
        logger.warning("the engine did not shut down cleanly: %s", exc)


def _per_article_stages(
    sources: Iterable[Path | str],
    settings: Settings,
    store: Store,
    engine: Engine,
    report: BuildReport,
    timer: _StageTimer,
    on_progress: ProgressCallback,
    meta: Path | None,
) -> None:
    """Steps 1-5, streamed through the store; the engine starts as soon as there are new articles."""
    if not store.counts()["raw_articles"]:
        engine.start(settings)  # a first build: every article read will be new, so the workers start at once
    with timer("ingest"):  # 1. streamed into the store in batches; each bad file becomes a Skip, never a crash
        _ingest(iter_sources(sources, settings.ingest, meta=meta), store, report, on_progress)
    if report.articles_new:
        engine.start(settings)  # Dask: workers start and load the model while this process cleans, dates, dedups

    with timer("clean"):  # 2. line counts are collection-wide: one streaming pass first, then clean by batch
        stats = resume.line_statistics(store)
        _clean(stats, settings, store, report, on_progress)

    with timer("date"):  # 3. per article: metadata > HTML > dateline > text estimate; only the newly cleaned
        _date(settings, store, on_progress)

    with timer("dedup"):  # 4. copies keep their record, pointing at the canonical one
        on_progress("dedup", 0, 1)
        report.duplicates = resume.mark_duplicates(store, settings)
        on_progress("dedup", 1, 1)

    with timer("analyse"):  # 5. the expensive map, on the engine; resumed from the store
        _analyse(settings, store, engine, report, on_progress)


def _collection_stages(settings: Settings, store: Store, report: BuildReport, timer: _StageTimer) -> Story:
    """Steps 6-10 over the compact records of the whole collection; the story is stored and returned."""
    articles, analyses = resume.load_collection(store, resume.analysis_context(settings))

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

    report.skips = store.skips()
    story = Story.assemble(articles, analyses, index, story_quotes, story_events, entries, report.skips)
    store.put_story(story)
    return story


def _ingest(items: Iterable[Article | Skip], store: Store, report: BuildReport, on_progress: ProgressCallback) -> None:
    for batch in _batches(items, BATCH_ROWS):
        read = [item for item in batch if isinstance(item, Article)]
        for skip in (item for item in batch if isinstance(item, Skip)):
            store.add_skip(skip)
        report.articles_read += len(read)
        report.articles_new += store.add_raw_articles(read)
        store.clear_skips([a.source for a in read], "ingest")  # a file fixed since an earlier build
        on_progress("ingest", report.articles_read, 0)


def _clean(
    stats: clean.LineStatistics, settings: Settings, store: Store, report: BuildReport, on_progress: ProgressCallback
) -> None:
    """Clean the raw articles whose clean key changed (new, or their boilerplate lines changed)."""
    done = 0
    for batch in store.raw_batches():
        stored = store.processed([raw.id for _, raw in batch])
        rows: list[tuple[int, Article, str | None]] = []
        for seq, raw in batch:
            key, previous = stored.get(raw.id, (None, None))
            if previous is not None and key == resume.clean_key(previous, raw.outlet, stats, settings):
                continue  # unchanged since the build that stored it
            cleaned = _guarded(settings, "clean", raw, lambda a: clean.clean_article(a, stats, settings.clean))
            rows.append((seq, cleaned, resume.clean_key(cleaned, raw.outlet, stats, settings)))
        store.put_processed(rows, dated=False)
        report.cleaned += len(rows)
        done += len(batch)
        on_progress("clean", done, stats.articles)


def _date(settings: Settings, store: Store, on_progress: ProgressCallback) -> None:
    done = 0
    for batch in store.undated_batches():
        dated = [
            (seq, _guarded(settings, "date", a, lambda a: pubdate.date_article(a, settings.date)), key)
            for seq, a, key in batch
        ]
        store.put_processed(dated, dated=True)
        done += len(batch)
        on_progress("date", done, 0)


def _guarded(settings: Settings, stage: str, article: Article, fn: Callable[[Article], Article]) -> Article:
    """Apply a per-article function; a failing article is kept unchanged and logged."""
    try:
        return fn(article)
    except DatelineError as exc:
        if settings.on_error == "raise":
            raise
        logger.warning("%s failed for %s: %s", stage, article.source, exc)
        return article


def _analyse(
    settings: Settings, store: Store, engine: Engine, report: BuildReport, on_progress: ProgressCallback
) -> None:
    """Analyse the canonical articles without a valid stored analysis; each result is stored at once."""
    total = store.counts()["canonical"]
    context = resume.analysis_context(settings)
    queue = resume.AnalysisQueue(store, context)
    skipped = 0
    on_progress("analyse", 0, total)
    for result in engine.map_stored(queue, settings, context):
        if isinstance(result, Skip):
            if settings.on_error == "raise":
                raise DatelineError(result.reason)
            store.add_skip(result)
            skipped += 1
        else:
            store.put_stored_analyses([result])  # committed one by one: an interrupted build loses nothing
            store.clear_skips([result.source], "analyse")
            report.analysed += 1
        on_progress("analyse", queue.reused + report.analysed + skipped, total)
    report.reused = queue.reused
    on_progress("analyse", total, total)


def _batches(items: Iterable[_T], size: int) -> Iterator[list[_T]]:
    batch: list[_T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class _StageTimer:
    def __init__(self, report: BuildReport) -> None:
        self.report = report

    def __call__(self, stage: str) -> _StageTimer:
        self.stage = stage
        return self

    def __enter__(self) -> None:
        self.started, self.cpu_started = time.perf_counter(), time.process_time()

    def __exit__(self, *exc: object) -> None:
        self.report.seconds[self.stage] = time.perf_counter() - self.started
        self.report.cpu_seconds[self.stage] = time.process_time() - self.cpu_started
