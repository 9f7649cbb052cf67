"""Web app speed: requests/s and latency (p50, p95) of the main pages and API routes on a ~5,000-article story.

    .venv/bin/python bench/serve.py [--articles 5000] [--base OUTDIR] [--concurrency 8] [--seconds 4]

The story is synthesised, not run through the pipeline (which would take about an hour at this size): a
built story (``--base``, default: the demo corpus built here first) is multiplied into N articles. Copy k
of an article gets new ids, dates shifted by 3*k days, a numbered title and a numbered closing line, and
copies of its sentences, mentions, timexes, quotes and events; every tenth copy adds its timeline entries.
Entities are shared, so the top entities gather thousands of articles (the heavy case for entity pages).
The server (uvicorn, one worker) runs in one process; the clients (httpx, asyncio) in a second process on
loopback. Prints startup time, server memory, and per route: requests, req/s, p50 and p95 in ms, errors
with ``--concurrency`` clients, and the p50 of one client alone (the service time, without queueing).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import multiprocessing as mp
import os
import re
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dateline.records import SourceRef  # noqa: E402
from dateline.store import Store  # noqa: E402
from dateline.story import Story  # noqa: E402

DEMO = ROOT / "examples" / "demo-corpus"
# Days each copy of the base story is shifted by: 250 copies of a two-month story cover about two years.
SHIFT_DAYS = 3
# One copy in this many contributes its timeline entries (a timeline keeps the dates that matter).
TIMELINE_EVERY = 10


def base_story(base: Path | None, work: Path) -> Story:
    """The story to multiply: a built output folder, else the demo corpus built into ``work``."""
    if base is None:
        from dateline.api import build_story

        print(f"building {DEMO} ...", flush=True)
        build_story([DEMO], work / "base", meta=DEMO / "meta.csv")
        base = work / "base"
    store = Store.open(base)
    try:
        return store.load_story()
    finally:
        store.close()


def multiply(story: Story, articles: int) -> Story:
    """``story`` copied until it holds about ``articles`` articles, each copy made distinct (see module doc)."""
    copies = max(1, -(-articles // max(1, len(story.articles))))
    out: dict[str, list[Any]] = {k: [] for k in ("articles", "sentences", "mentions", "quotes", "timexes", "events",
                                                  "timeline")}
    for k in range(copies):
        shift = dt.timedelta(days=SHIFT_DAYS * k)

        def aid(i: str | None, k: int = k) -> str | None:
            return None if i is None else f"{i}-{k}"

        def day(d: dt.date | None, shift: dt.timedelta = shift) -> dt.date | None:
            return None if d is None else d + shift

        for a in story.articles:
            out["articles"].append(a.model_copy(update={
                "id": aid(a.id), "title": f"{a.title or 'Untitled'} [{k}]", "text": f"{a.text}\n\n(Bench copy {k}.)",
                "published": day(a.published), "published_earliest": day(a.published_earliest),
                "published_latest": day(a.published_latest), "duplicate_of": aid(a.duplicate_of),
                "duplicates": [f"{i}-{k}" for i in a.duplicates]}))
        out["sentences"] += [s.model_copy(update={"article_id": aid(s.article_id)}) for s in story.sentences]
        out["mentions"] += [m.model_copy(update={"article_id": aid(m.article_id)}) for m in story.mentions]
        out["timexes"] += [t.model_copy(update={"article_id": aid(t.article_id)}) for t in story.timexes]
        out["quotes"] += [q.model_copy(update={"id": aid(q.id), "article_id": aid(q.article_id), "date": day(q.date),
                                               "sources": [f"{i}-{k}" for i in q.sources]}) for q in story.quotes]
        out["events"] += [e.model_copy(update={"id": aid(e.id), "date": day(e.date), "sources": _refs(e.sources, k)})
                          for e in story.events]
        if k % TIMELINE_EVERY == 0:
            out["timeline"] += [t.model_copy(update={"date": day(t.date), "sources": _refs(t.sources, k),
                                                     "quotes": [f"{i}-{k}" for i in t.quotes]}) for t in story.timeline]
    out["timeline"].sort(key=lambda t: t.date)
    return Story.model_validate({"entities": story.entities, **out})


def _refs(sources: list[SourceRef], k: int) -> list[SourceRef]:
    return [s.model_copy(update={"article_id": f"{s.article_id}-{k}"}) for s in sources]


def routes(story: Story) -> dict[str, list[str]]:
    """Route name -> the URLs requested in turn (ids and words rotate so that no single answer is measured)."""
    canonical = [a.id for a in story.articles if not a.duplicate_of]
    articles = canonical[:: max(1, len(canonical) // 200)]
    entities = [e.id for e in sorted(story.entities, key=lambda e: -e.mentions)[:40]]
    # Distinct words of the titles (first 60), so that searches are not all the same query.
    vocabulary = {w.lower() for a in story.articles for w in re.findall(r"[A-Za-z]{5,}", a.title or "")}
    words = sorted(vocabulary)[:60] or ["river"]
    top = entities[0]
    return {
        "page /": ["/", "/?page=3", f"/?entity={top}"],
        "page /events": ["/events", "/events?page=50"],
        "page /articles/{id}": [f"/articles/{i}" for i in articles],
        "page /entities/{id}": [f"/entities/{i}" for i in entities],
        "page /quotes": ["/quotes", f"/quotes?speaker={top}", "/quotes?q=river&page=2"],
        "page /search": [f"/search?q={w}" for w in words],
        "api /api/timeline": ["/api/timeline", f"/api/timeline?entity={top}&limit=20"],
        "api /api/events": ["/api/events?limit=50", "/api/events?offset=5000&limit=50"],
        "api /api/articles": ["/api/articles?limit=50", "/api/articles?offset=2000&limit=50"],
        "api /api/articles/{id}": [f"/api/articles/{i}" for i in articles],
        "api /api/entities": ["/api/entities", "/api/entities?type=PERSON"],
        "api /api/entities/{id}": [f"/api/entities/{i}" for i in entities],
        "api /api/quotes": ["/api/quotes?limit=50", f"/api/quotes?speaker={top}&limit=50"],
        "api /api/search": [f"/api/search?q={w}" for w in words],
    }


def run_server(folder: str, sock: socket.socket, started: Any) -> None:
    """Server process: build the app (timed), then serve until terminated."""
    import uvicorn

    from dateline.app import create_app

    t0 = time.perf_counter()
    app = create_app(Path(folder))
    started.put(time.perf_counter() - t0)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off", ws="none")
    uvicorn.Server(config).run(sockets=[sock])


def run_clients(base: str, plan: dict[str, list[str]], concurrency: int, seconds: float, cap: int, out: Any) -> None:
    """Client process: for each route, ``concurrency`` clients for ``seconds`` or ``cap`` requests."""
    out.put(asyncio.run(_measure_all(base, plan, concurrency, seconds, cap)))


async def _measure_all(
    base: str, plan: dict[str, list[str]], concurrency: int, seconds: float, cap: int
) -> dict[str, dict[str, float]]:
    import httpx

    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
        results = {}
        for name, urls in plan.items():
            for url in urls[:3]:  # warm-up
                await client.get(url)
            alone = await _measure(client, urls, 1, seconds / 2, cap // 4)
            results[name] = {**await _measure(client, urls, concurrency, seconds, cap), "alone_ms": alone["p50_ms"]}
        return results


async def _measure(client: Any, urls: list[str], concurrency: int, seconds: float, cap: int) -> dict[str, float]:
    latencies: list[float] = []
    errors = 0
    sent = 0
    start = time.perf_counter()
    deadline = start + seconds

    async def worker() -> None:
        nonlocal errors, sent
        while sent < cap and time.perf_counter() < deadline:
            url = urls[sent % len(urls)]
            sent += 1
            t0 = time.perf_counter()
            response = await client.get(url)
            latencies.append(time.perf_counter() - t0)
            errors += response.status_code != 200

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    wall = time.perf_counter() - start
    ordered = sorted(latencies)
    return {
        "requests": len(ordered),
        "rps": len(ordered) / wall,
        "p50_ms": 1000 * statistics.median(ordered),
        "p95_ms": 1000 * ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))],
        "errors": errors,
    }


def _rss_mb(pid: int) -> float | None:
    """Resident memory of a process in MB (Linux /proc), None elsewhere."""
    status = Path(f"/proc/{pid}/status")
    if not status.exists():
        return None
    for line in status.read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=5000, help="Articles in the synthesised story.")
    parser.add_argument("--base", type=Path, default=None, help="A built output folder to multiply.")
    parser.add_argument("--concurrency", type=int, default=8, help="Concurrent clients.")
    parser.add_argument("--seconds", type=float, default=4.0, help="Time spent on each route.")
    parser.add_argument("--max-requests", type=int, default=2000, help="Requests per route at most.")
    args = parser.parse_args()
    ctx = mp.get_context("spawn")
    with tempfile.TemporaryDirectory(prefix="dateline-bench-serve-") as tmp:
        work = Path(tmp)
        t0 = time.perf_counter()
        story = multiply(base_story(args.base, work), args.articles)
        (work / "story").mkdir()
        store = Store.open(work / "story")
        store.put_story(story)
        store.close()
        size = (work / "story" / "dateline.sqlite").stat().st_size / 1e6
        print(f"story: {len(story.articles)} articles, {len(story.quotes)} quotes, {len(story.events)} events, "
              f"{len(story.timeline)} timeline entries, {len(story.mentions)} mentions; store {size:.0f} MB; "
              f"synthesised and stored in {time.perf_counter() - t0:.1f} s", flush=True)
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        base = f"http://127.0.0.1:{sock.getsockname()[1]}"
        started, results = ctx.Queue(), ctx.Queue()
        server = ctx.Process(target=run_server, args=(str(work / "story"), sock, started), daemon=True)
        server.start()
        startup = started.get(timeout=600)
        time.sleep(0.5)
        print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
        print(f"server: startup (load + index) {startup:.1f} s, RSS {_rss_mb(server.pid or 0) or float('nan'):.0f} MB; "
              f"{args.concurrency} clients in another process, {args.seconds:g} s or {args.max_requests} requests "
              "per route", flush=True)
        clients = ctx.Process(target=run_clients, args=(base, routes(story), args.concurrency, args.seconds,
                                                         args.max_requests, results))
        clients.start()
        measured = results.get(timeout=3600)
        clients.join()
        rss = _rss_mb(server.pid or 0)
        server.terminate()
        server.join()
    print(f"\n{'route':<26}{'requests':>9}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'errors':>8}{'1 client p50':>14}")
    for name, m in measured.items():
        print(f"{name:<26}{m['requests']:>9.0f}{m['rps']:>9.1f}{m['p50_ms']:>9.1f}{m['p95_ms']:>9.1f}{m['errors']:>8.0f}"
              f"{m['alone_ms']:>14.1f}")
    print(f"\nserver RSS after the run: {rss or float('nan'):.0f} MB; load average after: "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
