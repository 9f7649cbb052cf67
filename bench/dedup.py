"""The dedup stage alone: seconds and peak memory over the processed articles of a built store.

    .venv/bin/python bench/dedup.py OUT/dateline.sqlite [--workdir DIR] [--source TREE]

The store (any store whose articles went through the date stage, e.g. one written by
``dateline build`` or by bench/scale.py) is copied to the work directory with SQLite's backup API
(the original is only read, and may be in use), every ``duplicate_of`` is cleared so the run does
the work of a first build, and ``dateline.resume.mark_duplicates`` runs on the copy in a fresh
process. Prints the articles, the copies found, the seconds, the RSS before the stage (after the
imports and opening the store) and the peak RSS of the process, and what the stage added to it.
``--source`` measures the ``dateline`` package of another tree (e.g. a copy of an older version).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parents[1]
SOURCE_ENV = "DATELINE_BENCH_SOURCE"  # the tree whose dateline package the child imports
sys.path.insert(0, os.environ.get(SOURCE_ENV, str(ROOT)))


def copy_store(source: Path, target: Path) -> None:
    """Copy ``source`` into ``target`` in one backup step (a consistent snapshot) and clear the copies' marks."""
    target.unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)  # pages=-1: one step under one read lock, so writers of the source do not restart it
        with dst:
            dst.execute(
                "UPDATE articles SET duplicate_of = NULL, json = json_set(json, '$.duplicate_of', NULL) "
                "WHERE duplicate_of IS NOT NULL"
            )
    finally:
        src.close()
        dst.close()


def measure(path: Path) -> dict[str, Any]:
    """Run the dedup stage on the store at ``path``; seconds and memory figures (MiB).

    ``rss_by_decided``: the RSS each time the stage writes decisions, with how many articles were
    decided by then (a stage writing them in batches shows whether its memory grows as it goes).
    """
    from dateline.config import Settings
    from dateline.resume import mark_duplicates
    from dateline.store import Store

    store = Store.open(path)
    articles = store.counts()["articles"]
    process = psutil.Process()
    samples: list[tuple[int, float]] = []
    write = store.set_duplicates

    def sampled_write(canonical_of: dict[str, str | None]) -> int:
        decided = (samples[-1][0] if samples else 0) + len(canonical_of)
        samples.append((decided, process.memory_info().rss / 2**20))
        return write(canonical_of)

    store.set_duplicates = sampled_write  # type: ignore[method-assign]
    before = process.memory_info().rss / 2**20
    start = time.perf_counter()
    copies = mark_duplicates(store, Settings())
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    store.close()
    return {
        "articles": articles,
        "copies": copies,
        "seconds": seconds,
        "rss_before_mb": before,
        "peak_mb": peak,
        "rss_by_decided": samples,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path, nargs="?", help="a built store (dateline.sqlite)")
    parser.add_argument("--workdir", type=Path, default=None, help="where the copy goes (default: a temporary folder)")
    parser.add_argument("--source", type=Path, default=ROOT, help="the tree holding the dateline package to measure")
    parser.add_argument("--measure", type=Path, default=None, help=argparse.SUPPRESS)  # the child process
    args = parser.parse_args()
    if args.measure is not None:
        print(json.dumps(measure(args.measure)))
        return
    if args.store is None:
        parser.error("give the path of a built store")
    with tempfile.TemporaryDirectory(dir=args.workdir) as work:
        copy = Path(work) / "dateline.sqlite"
        copy_store(args.store, copy)
        child = subprocess.run(
            [sys.executable, __file__, "--measure", str(copy)],
            check=True,
            capture_output=True,
            text=True,
            env={**os.environ, SOURCE_ENV: str(args.source.resolve())},
        )
    result = json.loads(child.stdout.splitlines()[-1])
    added = result["peak_mb"] - result["rss_before_mb"]
    print(
        f"dedup: {result['articles']:.0f} articles, {result['copies']:.0f} copies, {result['seconds']:.2f} s, "
        f"RSS before {result['rss_before_mb']:.0f} MiB, peak {result['peak_mb']:.0f} MiB (+{added:.0f} MiB)"
    )
    samples = result["rss_by_decided"]
    quarters = [samples[min(len(samples) - 1, len(samples) * q // 4)] for q in (1, 2, 3, 4)] if samples else []
    print("RSS while deciding: " + ", ".join(f"{mb:.1f} MiB after {n} articles" for n, mb in quarters))


if __name__ == "__main__":
    main()
