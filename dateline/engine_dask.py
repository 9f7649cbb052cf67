"""Dask engine: the per-article analysis as a map over partitions on dask.distributed.

Articles go to the workers in partitions of ``PARTITION_ARTICLES``, smaller at the end of the stream so
the workers finish together. A worker runs the same ``engine.analyse_stream`` as the local engine,
with its own spaCy pipeline loaded once per worker process (``dateline.nlp.load_model`` is cached per
process, so later tasks reuse it), and returns its partition as a Parquet file: one row per article,
the ArticleAnalysis or the Skip as JSON.
The client writes each file under ``parts_dir`` and yields its records; at most
``IN_FLIGHT_PER_WORKER`` partitions per worker are pending, so the client's memory stays flat.
The build calls ``start`` before its single-process stages, so the cluster starts (or is connected
to) in a background thread and every worker loads the model while the client cleans, dates and dedups.
Without a scheduler address, a LocalCluster with one single-threaded worker process per core runs
for the build, with dask's background work turned down and glibc's malloc set for spaCy
(``LOCAL_CLUSTER_CONFIG``; an existing cluster keeps its own settings). Needs the ``dask`` extra
(``pip install 'dateline[dask]'``) on the client and workers.
"""

from __future__ import annotations

import logging
import math
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import ExitStack, closing, contextmanager
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path
from types import ModuleType
from typing import Any, Generic, TypeVar

from dateline.config import Settings
from dateline.engine import analyse_stream, stored_results
from dateline.engine_parts import decode_results, decode_stored, encode_results, encode_stored
from dateline.errors import ConfigError
from dateline.nlp import load_model
from dateline.records import Article, ArticleAnalysis, Skip
from dateline.store_rows import StoredAnalysis

logger = logging.getLogger(__name__)
_R = TypeVar("_R")

# Articles per task: large enough that nlp.pipe batches fill and task overhead (~ms) vanishes, small
# enough that a lost worker costs little and both workers stay busy to the end. Measured with
# bench/scale.py on 1k articles, 2 workers: 16 to 64 within noise; 256 leaves one worker idle at the end.
PARTITION_ARTICLES = 32
# The map's tail: a worker that finishes while another still runs a whole partition idles for up to that
# partition's time (about 3 s at 32 articles). So the engine reads ahead (one partition per worker and per
# TAIL_SHARES), and once the stream's end is in view it cuts what is left into partitions of about
# 1 / (TAIL_SHARES x workers) of it, down to TAIL_MIN_ARTICLES (guided self-scheduling): the last tasks
# are a few articles long, and the workers end within about half a second of each other.
TAIL_SHARES = 2
TAIL_MIN_ARTICLES = 4
# Partitions queued per worker: one running and one waiting keeps workers busy without the client
# holding more than a few partitions of results.
IN_FLIGHT_PER_WORKER = 2
# No dashboard; the scheduler's HTTP endpoint (health, metrics) on a free port: its default, 8787, is
# often taken by another cluster on the machine, and distributed then warns (an error under ``-W error``).
LOCAL_SCHEDULER_OPTIONS: dict[str, Any] = {"dashboard_address": ":0"}
INSTALL_HINT = "pip install 'dateline[dask]'  (or: pip install dask distributed)"
# dask settings in force while the LocalCluster of a build runs (its scheduler and nannies, and the workers they
# spawn, read them at start). Tuned on 160 articles of bench/scale.py's 1k corpus, CPU seconds, issue #8:
LOCAL_CLUSTER_CONFIG: dict[str, Any] = {
    # dask spawns workers with MALLOC_TRIM_THRESHOLD_=65536, so glibc hands freed memory back to the OS at once;
    # spaCy's many short-lived arrays then cost ~10% more CPU per article (18.2 vs 16.4 s and 17.3 vs 15.7 s in
    # one process). None leaves glibc's default (a variable set by the user still applies).
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    # One malloc arena: the task runs on a worker thread, whose own arena cost 3-4% more CPU than the main
    # thread's (18.2 vs 17.4 s and 17.5 vs 16.9 s on 160 articles; the same as the main thread with this).
    "distributed.nanny.pre-spawn-environ.MALLOC_ARENA_MAX": 1,
    # Background work of each server: with dask's defaults the scheduler, 2 nannies and 2 idle workers burn
    # 0.10 core (0.04 in the client process, 0.03 per worker) for the whole build, 0.02 with these; a busy
    # worker spends 4-6% on top of its task's CPU, 1-1.5% with these (2 workers, 15 s idle, 8 s busy).
    "distributed.worker.profile.enabled": False,  # samples task stacks every 10 ms, for the dashboard alone
    "distributed.admin.tick.interval": "200ms",  # event-loop health check (default 20 ms)
    "distributed.admin.system-monitor.interval": "2s",  # CPU/memory/network history (default 500 ms)
    "distributed.worker.memory.monitor-interval": "1s",  # pause/spill checks (default 100 ms)
    "distributed.scheduler.work-stealing-interval": "1s",  # rebalancing queued tasks (default 100 ms)
    # One task per single-threaded worker, the rest queued on the scheduler, which hands the next one to
    # whichever worker frees first. Dask's default (1.1) sends each worker 2 tasks, so at the end of the map
    # one worker could idle while the other still had a partition waiting behind its running one.
    "distributed.scheduler.worker-saturation": 1.0,
}


def require_distributed() -> ModuleType:
    """The ``distributed`` module.

    Raises:
        ConfigError: when dask.distributed is not installed, with the command that installs it.
    """
    level = logging.getLogger("distributed").level
    try:
        import distributed
    except ImportError as exc:
        raise ConfigError(
            f"setting 'engine': 'dask' needs dask.distributed, which is not installed: {INSTALL_HINT}"
        ) from exc
    # Importing distributed sets its logger to INFO (dask's logging config); keep the application's level.
    logging.getLogger("distributed").setLevel(level)
    return distributed


class DaskEngine:
    """Analyse articles on a dask.distributed cluster.

    Example:
        >>> engine = DaskEngine("tcp://scheduler:8786", parts_dir=Path("out/parts"))
        >>> results = list(engine.map_analyse(articles, settings))
    """

    def __init__(
        self, scheduler: str | None = None, parts_dir: Path | None = None, n_workers: int | None = None
    ) -> None:
        """Check that dask.distributed is importable; connect only when there is work.

        Args:
            scheduler: address of a running scheduler (``tcp://host:8786``); None starts a LocalCluster.
            parts_dir: folder for the Parquet partitions returned by the workers; None keeps them in memory.
            n_workers: LocalCluster size; default one worker per core.

        Raises:
            ConfigError: when dask.distributed is not installed.
        """
        self._distributed = require_distributed()
        self.scheduler = scheduler
        self.parts_dir = parts_dir
        self.n_workers = n_workers or os.cpu_count() or 1
        self._running = ExitStack()  # the cluster and client, from ``start`` to ``close``
        self._ready: Future[tuple[Any, list[Any]]] | None = None  # the client and the workers' model loads

    def __enter__(self) -> DaskEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self, settings: Settings) -> None:
        """Start the LocalCluster (or connect to the scheduler) in the background; return at once.

        Each worker then loads the spaCy model before its first partition, so a build that calls this
        before its single-process stages finds the workers ready when the map begins. Calling it again,
        or calling ``map_analyse`` after it, reuses the same cluster; ``close`` shuts it down.
        """
        if self._ready is None:
            starter = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dateline-dask-start")
            self._ready = starter.submit(self._open, settings.nlp.model)
            starter.shutdown(wait=False)  # the thread ends with ``_open``

    def close(self) -> None:
        """Shut down the LocalCluster, or disconnect from the scheduler (after a start still under way)."""
        if self._ready is not None:
            self._ready.exception()  # wait for ``_open``: what it entered must be closed; its error was raised by map
            self._ready = None
        self._running.close()

    def map_analyse(self, articles: Iterable[Article], settings: Settings) -> Iterator[ArticleAnalysis | Skip]:
        """See engine.Engine.map_analyse; results come partition by partition, in completion order.

        Without an earlier ``start``, the cluster starts here and is shut down when the map ends.
        """
        task = _Task(analyse_partition, (settings.model_dump_json(),), decode_results)
        return self._run(articles, settings, task)

    def map_stored(
        self, articles: Iterable[Article], settings: Settings, context: str
    ) -> Iterator[StoredAnalysis | Skip]:
        """See engine.Engine.map_stored: as ``map_analyse``, with the store rows made on the workers.

        Why: parsing each analysis in the client and dumping it again for the store cost about 0.5 ms of
        client CPU per article, taken from the busy workers' cores on a single machine.
        """
        task = _Task(store_partition, (settings.model_dump_json(), context), decode_stored)
        return self._run(articles, settings, task)

    def _run(self, articles: Iterable[Article], settings: Settings, task: _Task[_R]) -> Iterator[_R]:
        stream = iter(articles)
        first = next(stream, None)
        if first is None:
            return
        self._clear_parts()
        owned = self._ready is None
        self.start(settings)
        assert self._ready is not None
        try:
            client, model_loads = self._ready.result()
            self._distributed.wait(model_loads)
            for load in model_loads:
                load.result()  # a worker without the model: raise its ModelError here, once, with its message
            yield from self._map(client, chain([first], stream), task)
        finally:
            if owned:
                self.close()

    def _open(self, model: str) -> tuple[Any, list[Any]]:
        client = self._running.enter_context(self._client())
        model_loads = [
            client.submit(load_worker_model, model, pure=False, workers=[address], allow_other_workers=False)
            for address in client.scheduler_info()["workers"]
        ]  # pinned, one per worker; a single-threaded worker runs it before any partition
        return client, model_loads

    @contextmanager
    def _client(self) -> Iterator[Any]:
        distributed = self._distributed
        if self.scheduler:
            logger.info("dask: connecting to %s", self.scheduler)
            with closing(distributed.Client(self.scheduler)) as client:
                yield client
            return
        logger.info("dask: starting a LocalCluster of %d workers", self.n_workers)
        import dask.config

        with (
            dask.config.set(LOCAL_CLUSTER_CONFIG),
            _environ_restored([*dask.config.get("distributed.nanny.pre-spawn-environ"), "PYTHONHASHSEED"]),
            distributed.LocalCluster(
                n_workers=self.n_workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                scheduler_kwargs=LOCAL_SCHEDULER_OPTIONS,
            ) as cluster,
            # closing(), not the Client's own context: that sets a context variable, which ``start`` would set
            # in its thread and ``close`` reset in another, and contextvars refuse that.
            closing(distributed.Client(cluster)) as client,
        ):
            yield client

    def _map(self, client: Any, articles: Iterator[Article], task: _Task[_R]) -> Iterator[_R]:
        threads = _ThreadCount(client)  # re-read before each partition: workers may join or leave during the build
        partitions = enumerate(_partitions(articles, PARTITION_ARTICLES, threads))
        numbers: dict[str, int] = {}
        pending = self._distributed.as_completed()

        def top_up() -> None:
            limit = IN_FLIGHT_PER_WORKER * threads()
            while pending.count() < limit and (following := next(partitions, None)) is not None:
                number, part = following
                payload = [a.model_dump_json() for a in part]
                future = client.submit(task.function, payload, *task.arguments, pure=False)
                numbers[future.key] = number
                pending.add(future)

        top_up()
        for future in pending:
            data: bytes = future.result()
            future.release()
            top_up()  # keep the workers busy while this partition is stored
            self._write_part(numbers.pop(future.key), data)
            yield from task.decode(data)

    def _clear_parts(self) -> None:
        if self.parts_dir is not None and self.parts_dir.is_dir():
            for old in self.parts_dir.glob("part-*.parquet"):
                old.unlink()

    def _write_part(self, number: int, data: bytes) -> None:
        if self.parts_dir is not None:
            self.parts_dir.mkdir(parents=True, exist_ok=True)
            (self.parts_dir / f"part-{number:05d}.parquet").write_bytes(data)


def load_worker_model(model: str) -> str:
    """The task that loads the spaCy model into a worker process (cached there); returns the model's name."""
    return str(load_model(model).meta.get("name", model))


def analyse_partition(articles_json: Sequence[str], settings_json: str) -> bytes:
    """The task run on a worker: analyse one partition and return it as a Parquet file.

    Args:
        articles_json: the partition's articles, as Article JSON.
        settings_json: the build's Settings, as JSON.

    Returns:
        Parquet bytes (see ``encode_results``).
    """
    settings = Settings.model_validate_json(settings_json)
    articles = (Article.model_validate_json(text) for text in articles_json)
    return encode_results(analyse_stream(articles, settings))


def store_partition(articles_json: Sequence[str], settings_json: str, context: str) -> bytes:
    """The task run on a worker for ``map_stored``: analyse one partition, return its store rows as Parquet.

    Args:
        articles_json: the partition's articles, as Article JSON.
        settings_json: the build's Settings, as JSON.
        context: the build's analysis context (``dateline.resume.analysis_context``, made by the client).

    Returns:
        Parquet bytes (see ``encode_stored``).
    """
    settings = Settings.model_validate_json(settings_json)
    articles = (Article.model_validate_json(text) for text in articles_json)
    return encode_stored(stored_results(analyse_stream(articles, settings), context))


@dataclass(frozen=True)
class _Task(Generic[_R]):
    """What a map runs on the workers: the partition function, its arguments after the partition, the decoder."""

    function: Callable[..., bytes]
    arguments: tuple[str, ...]
    decode: Callable[[bytes], Iterator[_R]]


@contextmanager
def _environ_restored(names: Iterable[str]) -> Iterator[None]:
    """Put these environment variables of this process back as they were on exit.

    A nanny writes its pre-spawn environment (``MALLOC_ARENA_MAX``, ``OMP_NUM_THREADS``...) into the client
    process's ``os.environ`` before spawning its worker; the build's own process and its later children keep theirs.
    """
    saved = {name: os.environ.get(name) for name in names}
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


class _ThreadCount:
    """The cluster's worker threads, asked of the scheduler at most every ``max_age`` seconds (an RPC each)."""

    def __init__(self, client: Any, max_age: float = 1.0) -> None:
        self._client = client
        self._max_age = max_age
        self._value = 1
        self._asked = -math.inf

    def __call__(self) -> int:
        now = time.monotonic()
        if now - self._asked > self._max_age:
            self._value = max(1, sum(self._client.nthreads().values()))
            self._asked = now
        return self._value


def _partitions(articles: Iterator[Article], size: int, workers: Callable[[], int]) -> Iterator[list[Article]]:
    """Partitions of ``size`` articles, shrinking once the end of the stream is in view.

    Args:
        articles: the stream; at most ``size * (1 + TAIL_SHARES * workers())`` articles are read ahead.
        size: articles per partition before the tail.
        workers: the current number of workers (asked before each partition: they may join or leave).
    """
    ahead: deque[Article] = deque()
    while True:
        shares = TAIL_SHARES * max(1, workers())
        wanted = size * (1 + shares)
        ahead.extend(islice(articles, wanted - len(ahead)))
        if not ahead:
            return
        cut = size if len(ahead) >= wanted else min(size, max(TAIL_MIN_ARTICLES, -(-len(ahead) // shares)))
        if len(ahead) - cut < TAIL_MIN_ARTICLES and len(ahead) <= size:
            cut = len(ahead)  # no last partition smaller than the floor
        yield [ahead.popleft() for _ in range(cut)]
