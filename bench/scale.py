"""How dateline scales: throughput, memory and cost growth on synthetic corpora of 1k, 5k and 20k articles.

    .venv/bin/python bench/scale.py [--sizes 1000,5000,20000] [--engines local,dask] [--workdir DIR]
    .venv/bin/python bench/scale.py --incremental 1000      # cost of adding 10% to a built store

Corpora are made from the seed articles (../shared/corpora/seeds), the demo corpus and the
Timeline17 input articles (../shared/eval/tls-t17/*/InputDocs): each synthetic article is a seeded
variant of one of them (a random 80% of its lines, at most MAX_WORDS words) under an invented
outlet, with injected site furniture, near-copies of earlier articles and undated records, written
as JSONL shards. The corpus of n articles is a prefix of every larger one. Every build runs in a
fresh process that samples its memory (and its Dask workers') every SAMPLE_SECONDS; spaCy alone
(``nlp.pipe`` over the same cleaned texts: one process for the local engine, as many as Dask
workers for Dask) runs in another. Prints articles/s, words/s, the ratio to spaCy alone, peak RSS
during the per-article stages and after, and the log-log slope of time against corpus size.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import math
import os
import random
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parents[1]
# Children import the snapshot of the package taken when the run started (see ``snapshot``), so every
# build of one run measures the same code even while the source tree is being edited.
SNAPSHOT_ENV = "DATELINE_BENCH_SOURCE"
sys.path.insert(0, os.environ.get(SNAPSHOT_ENV, str(ROOT)))
SHARED = ROOT.parent / "shared"

from dateline.config import Settings  # noqa: E402

SEED = 2031
MAX_WORDS = 300  # per synthetic article: the T17 leads; keeps the 20k run within hours on 2 cores
KEEP_LINE = 0.8  # share of a base article's lines kept in a variant (two variants: Jaccard ~0.6, not copies)
NEAR_COPY_SHARE = 0.05  # re-published copies of an earlier article with one line changed (dedup must catch)
UNDATED_SHARE = 0.15  # records without a published date (dated from the text or the collection)
SHARD_ARTICLES = 1000
DONE_MARKER = ".done"  # a dot file: the build skips it (a plain "done" was read, and recorded as a skip)
SAMPLE_SECONDS = 0.2
OUTLETS = ("Harbour Herald", "Valley Post", "Delta Wire", "Morning Ledger", "Coast Courier", "Capital Times")
HEADER = ("Skip to main content", "Home / News / World", "Share this article", "Sign up for our newsletter")
FOOTER = ("Follow us on Twitter", "Related articles", "We use cookies to improve your experience.", "Comments (0)")
PER_ARTICLE_STAGES = ("ingest", "clean", "date", "analyse")  # dedup is a collection stage (DESIGN.md)
PER_ARTICLE_PHASES = ("read", "analyse", "per-article")  # memory phases of those stages ("per-article": older runs)


# -- corpus --------------------------------------------------------------------------------------
def load_pool() -> list[dict[str, Any]]:
    """The base articles: text, published date (or None) and origin (seed, demo, t17)."""
    pool: list[dict[str, Any]] = []
    for path in sorted((SHARED / "corpora" / "seeds").glob("*.txt")):
        pool.append({"text": path.read_text(encoding="utf-8"), "published": None, "origin": "seed"})
    demo = ROOT / "examples" / "demo-corpus"
    meta_file = demo / "meta.csv"
    meta = {row["file"]: row for row in csv.DictReader(meta_file.open(encoding="utf-8"))} if meta_file.is_file() else {}
    for path in sorted(demo.glob("*.txt")):
        published = (meta.get(path.name) or {}).get("published") or ""
        pool.append({"text": path.read_text(encoding="utf-8"), "published": published[:10] or None, "origin": "demo"})
    for path in sorted(demo.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            pool.append({"text": row["text"], "published": (row.get("published") or "")[:10] or None, "origin": "demo"})
    for path in sorted((SHARED / "eval" / "tls-t17").glob("*/InputDocs/*/*.txt")):
        pool.append({"text": path.read_text(encoding="utf-8"), "published": path.parent.name, "origin": "t17"})
    pool = [base for base in pool if base["text"].strip()]
    if not pool:
        raise SystemExit(f"no base articles under {SHARED} or {demo}")
    return pool


def synthetic_article(number: int, pool: list[dict[str, Any]]) -> dict[str, Any]:
    """The ``number``-th article of every synthetic corpus (seeded by its number alone)."""
    rng = random.Random(f"{SEED}-{number}")
    outlet = rng.choice(OUTLETS)
    if number > 10 and rng.random() < NEAR_COPY_SHARE:
        original = synthetic_article(rng.randrange(number), pool)
        lines = original["text"].split("\n\n")
        lines[rng.randrange(len(lines))] = f"This article first appeared in {original['outlet']}."
        url = f"https://{_slug(outlet)}.example/{number}"
        return {**original, "url": url, "outlet": outlet, "text": "\n\n".join(lines)}
    base = pool[rng.randrange(len(pool))]
    lines = [line.strip() for line in base["text"].split("\n") if line.strip()]
    body, words = [lines[0]], len(lines[0].split())
    for line in lines[1:]:
        if rng.random() < KEEP_LINE and words + len(line.split()) <= MAX_WORDS:
            body.append(line)
            words += len(line.split())
    header = [x for x in HEADER if rng.random() < 0.7] + [f"{outlet} | Independent news since 1998"]
    footer = [f"© 2031 {outlet}. All rights reserved."] + [x for x in FOOTER if rng.random() < 0.5]
    record = {"url": f"https://{_slug(outlet)}.example/{number}", "outlet": outlet, "origin": base["origin"]}
    if base["published"] and rng.random() >= UNDATED_SHARE:
        record["published"] = base["published"]
    return {**record, "text": "\n\n".join(header + body + footer)}


def write_corpus(first: int, last: int, folder: Path, pool: list[dict[str, Any]]) -> Path:
    """Write articles ``first`` to ``last - 1`` as JSONL shards into ``folder`` (kept when already there)."""
    if (folder / DONE_MARKER).is_file():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    for start in range(first, last, SHARD_ARTICLES):
        rows = (synthetic_article(n, pool) for n in range(start, min(start + SHARD_ARTICLES, last)))
        with (folder / f"part-{start:06d}.jsonl").open("w", encoding="utf-8") as handle:
            handle.writelines(json.dumps(row) + "\n" for row in rows)
    (folder / DONE_MARKER).write_text("")
    return folder


def _slug(outlet: str) -> str:
    return outlet.lower().replace(" ", "")


# -- one build, in its own process -----------------------------------------------------------------
class MemorySampler(threading.Thread):
    """Samples the RSS of this process and of its children (Dask workers) until stopped.

    Peaks are kept per phase: ``read`` (ingest, clean, date), ``dedup``, ``analyse``, ``collection``.
    """

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.phase = "read"
        self.peaks: dict[str, dict[str, float]] = {}
        self._halt = threading.Event()

    def run(self) -> None:
        me = psutil.Process()
        while not self._halt.wait(SAMPLE_SECONDS):
            try:
                children = [c.memory_info().rss for c in me.children(recursive=True)]
            except psutil.Error:
                children = []
            peak = self.peaks.setdefault(self.phase, {"main_mb": 0.0, "worker_mb": 0.0})
            peak["main_mb"] = max(peak["main_mb"], me.memory_info().rss / 2**20)
            peak["worker_mb"] = max(peak["worker_mb"], max(children, default=0) / 2**20)

    def stop(self) -> None:
        self._halt.set()
        self.join()


def run_build(sources: list[str], out: Path, engine: str, result: Path) -> None:
    """Build ``sources`` into ``out`` and write timings, counts and memory peaks to ``result``."""
    from dateline.api import build_story

    sampler = MemorySampler()

    per_article_cpu = 0.0

    def on_progress(stage: str, done: int, total: int) -> None:
        nonlocal per_article_cpu
        if sampler.phase == "collection":
            return
        if stage == "analyse" and total and done >= total:
            sampler.phase = "collection"  # the last analyse call: the collection stages follow
            per_article_cpu = cpu_seconds() - cpu_started
        elif stage in ("dedup", "analyse"):
            sampler.phase = stage

    sampler.start()
    started, cpu_started = time.perf_counter(), cpu_seconds()
    report, _ = build_story(sources, out, overrides={"engine": engine}, on_progress=on_progress)
    seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu_started
    sampler.stop()
    assert report.story is not None
    canonical = [a for a in report.story.articles if a.duplicate_of is None]
    words = sum(len(a.text.split()) for a in canonical)
    per_article = sum(report.seconds.get(s, 0.0) for s in PER_ARTICLE_STAGES)
    figures = {
        "engine": engine, "seconds": seconds, "cpu_seconds": cpu, "per_article_seconds": per_article,
        "per_article_cpu_seconds": per_article_cpu,
        "articles": len(report.story.articles), "canonical": len(canonical), "words": words,
        "duplicates": report.duplicates, "analysed": report.analysed,
        "reused": report.reused, "cleaned": report.cleaned, "stage_seconds": report.seconds,
        "stage_cpu_seconds": report.cpu_seconds, "memory": sampler.peaks,
        "estimated_dates": report.estimated_dates, "timeline": len(report.story.timeline),
    }  # fmt: skip
    result.write_text(json.dumps(figures, indent=1))


def run_spacy(store_path: Path, processes: int, sample: int, result: Path) -> None:
    """Time ``nlp.pipe`` alone over the cleaned canonical texts of a built store (at most ``sample``)."""
    from dateline.engine import truncated_text
    from dateline.nlp import load_model
    from dateline.store import Store

    settings = Settings()
    store = Store.open(store_path)
    texts = [truncated_text(a, settings.nlp.max_chars) for b in store.article_batches(canonical=True) for a in b]
    store.close()
    texts = random.Random(SEED).sample(texts, min(sample, len(texts))) if sample else texts
    nlp = load_model(settings.nlp.model)
    nlp("Warm up the model.")
    started, cpu_started = time.perf_counter(), cpu_seconds()
    for _ in nlp.pipe(texts, batch_size=settings.nlp.batch_size, n_process=processes):
        pass
    seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu_started
    words = sum(len(t.split()) for t in texts)
    figures = {"processes": processes, "texts": len(texts), "words": words, "seconds": seconds, "cpu_seconds": cpu}
    result.write_text(json.dumps(figures))


def cpu_seconds() -> float:
    """CPU seconds of this process and of all its descendants so far: running ones (Dask workers while the build
    goes on) and finished ones (counted by the process that waited for them)."""
    me = psutil.Process()
    total = 0.0
    for process in (me, *me.children(recursive=True)):
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:  # ended between the listing and the read: its parent now counts it
            continue
        total += times.user + times.system + times.children_user + times.children_system
    return total


def snapshot(workdir: Path) -> None:
    """Copy the dateline package into ``workdir/source`` and make the child processes import that copy."""
    target = workdir / "source"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(ROOT / "dateline", target / "dateline", ignore=shutil.ignore_patterns("__pycache__"))
    os.environ[SNAPSHOT_ENV] = str(target)


def _child(*args: str) -> dict[str, Any]:
    result = Path(args[args.index("--result") + 1])
    subprocess.run([sys.executable, "-P", __file__, *args], check=True)  # -P: the snapshot, not bench/, first
    return dict(json.loads(result.read_text()))


# -- the runs --------------------------------------------------------------------------------------
def measure(sizes: list[int], engines: list[str], workdir: Path, sample: int, log: Path) -> list[dict[str, Any]]:
    """Build every size with every engine (fresh stores) and time spaCy alone on the same texts.

    Each finished row is appended to ``log`` (JSON lines) at once, so a long run can be read early.
    """
    pool = load_pool()
    rows = []
    for size in sizes:
        corpus = write_corpus(0, size, workdir / f"corpus-{size}", pool)
        for engine in engines:
            out = workdir / f"out-{size}-{engine}"
            _fresh(out)
            result = str(out / "b.json")
            build = _child("_build", str(corpus), "--out", str(out), "--engine", engine, "--result", result)
            processes = 1 if engine == "local" else psutil.cpu_count() or 1
            spacy = _child("_spacy", str(out), "--processes", str(processes), "--sample", str(sample),
                           "--result", str(out / "spacy.json"))  # fmt: skip
            rows.append({"size": size, **build, "spacy": spacy})
            with log.open("a", encoding="utf-8") as handle:
                handle.write(json.dumps(rows[-1]) + "\n")
            print(_row(rows[-1]), flush=True)
    return rows


def measure_incremental(size: int, workdir: Path) -> dict[str, Any]:
    """Per-article cost of adding the last 10% of ``size`` articles to a store holding the first 90%."""
    pool = load_pool()
    cut = size - size // 10
    head = write_corpus(0, cut, workdir / f"corpus-{size}-head", pool)
    tail = write_corpus(cut, size, workdir / f"corpus-{size}-tail", pool)
    full_out, inc_out = workdir / f"out-{size}-full", workdir / f"out-{size}-incremental"
    _fresh(full_out)
    _fresh(inc_out)
    full = _child("_build", str(head), str(tail), "--out", str(full_out), "--result", str(full_out / "b.json"))
    first = _child("_build", str(head), "--out", str(inc_out), "--result", str(inc_out / "b1.json"))
    added = _child("_build", str(tail), "--out", str(inc_out), "--result", str(inc_out / "b2.json"))
    same = (full_out / "story.json").read_bytes() == (inc_out / "story.json").read_bytes()
    return {"size": size, "full": full, "first": first, "added": added, "same_story": same}


def _fresh(out: Path) -> None:
    for name in ("dateline.sqlite", "dateline.sqlite-wal", "dateline.sqlite-shm"):
        (out / name).unlink(missing_ok=True)
    out.mkdir(parents=True, exist_ok=True)


def slope(points: list[tuple[int, float]]) -> float:
    """Least-squares slope of log(seconds) against log(size)."""
    xs, ys = [math.log(n) for n, _ in points], [math.log(s) for _, s in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def _row(r: dict[str, Any]) -> str:
    sp, mem = r["spacy"], r["memory"]
    rate, spacy_rate = r["canonical"] / r["seconds"], sp["texts"] / sp["seconds"]
    cpu_ratio = (sp["cpu_seconds"] / sp["texts"]) / (r["cpu_seconds"] / r["canonical"])
    per = per_article_mb(r)
    dedup, coll = mem.get("dedup", {}).get("main_mb", 0), mem.get("collection", {}).get("main_mb", 0)
    return (
        f"{r['size']:>6} {r['engine']:>6} {r['seconds']:>7.0f} {r['cpu_seconds']:>7.0f} {rate:>6.2f} "
        f"{r['words'] / r['seconds']:>7.0f} {spacy_rate:>6.2f} {rate / spacy_rate:>6.2f} {cpu_ratio:>6.2f} "
        f"{per['main_mb']:>6.0f} {per['worker_mb']:>6.0f} {dedup:>6.0f} {coll:>6.0f}"
    )


def per_article_mb(r: dict[str, Any]) -> dict[str, float]:
    """Peak RSS (MB) of the build process and of its largest Dask worker during the per-article stages."""
    mem = r["memory"]
    return {k: max(mem.get(p, {}).get(k, 0.0) for p in PER_ARTICLE_PHASES) for k in ("main_mb", "worker_mb")}


def report(rows: list[dict[str, Any]]) -> None:
    """Print the table, the slopes and the seconds per stage."""
    print("\n  size engine  wall s   cpu s  art/s words/s spaCy/s  ratio cpu-ratio MB-art MB-wkr MB-ddp MB-col")
    print("  (MB-art: peak RSS of the build process in ingest/clean/date/analyse; MB-wkr: largest Dask worker;")
    print("   MB-ddp, MB-col: in dedup, in the collection stages; cpu-ratio: spaCy-alone CPU s per article / ours)")
    for row in rows:
        print(_row(row))
    for engine in sorted({r["engine"] for r in rows}):
        mine = sorted((r for r in rows if r["engine"] == engine), key=lambda r: int(r["size"]))
        if len(mine) > 1:
            wall, cpu = (slope([(r["size"], r[k]) for r in mine]) for k in ("seconds", "cpu_seconds"))
            per = slope([(r["size"], r["per_article_seconds"]) for r in mine])
            print(
                f"{engine}: log-log slope of time vs size: wall {wall:.2f}, cpu {cpu:.2f}, per-article stages {per:.2f}"
            )
            first, last = mine[0], mine[-1]
            for key in ("main_mb", "worker_mb") if engine == "dask" else ("main_mb",):
                growth = slope([(r["size"], max(per_article_mb(r)[key], 1.0)) for r in mine])
                low, high = per_article_mb(first)[key], per_article_mb(last)[key]
                print(
                    f"{engine}: per-article peak RSS ({key}) {low:.0f} MB at {first['size']} -> {high:.0f} MB at "
                    f"{last['size']} articles (log-log slope {growth:.2f}; 0 = flat)"
                )
    for row in rows:
        for key, unit in (("stage_seconds", "wall"), ("stage_cpu_seconds", "cpu")):
            stages = ", ".join(f"{k} {v:.1f}" for k, v in row.get(key, {}).items())
            print(f"{row['size']} {row['engine']} {unit} seconds per stage: {stages}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,5000,20000", help="Comma-separated corpus sizes.")
    parser.add_argument("--engines", default="local,dask", help="local, dask or both.")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/dateline-scale"), help="Corpora and stores.")
    parser.add_argument("--spacy-sample", type=int, default=0, help="Texts timed for spaCy alone (0: all).")
    parser.add_argument("--incremental", type=int, default=0, help="Measure adding 10%% to a store of this size.")
    parser.add_argument("--report", type=Path, default=None, help="Print the table of a results-*.jsonl file.")
    args = parser.parse_args()
    started = dt.datetime.now()
    if args.report:
        report([json.loads(line) for line in args.report.read_text(encoding="utf-8").splitlines()])
        return
    args.workdir.mkdir(parents=True, exist_ok=True)
    snapshot(args.workdir)
    if args.incremental:
        found = measure_incremental(args.incremental, args.workdir)
        print(json.dumps(found, indent=1))
        for key, unit in (("per_article_seconds", "s wall"), ("per_article_cpu_seconds", "s cpu")):
            full, added = found["full"][key], found["added"][key]
            print(f"per-article stages: full build {full:.1f} {unit}, adding 10%: {added:.1f} = {added / full:.1%}")
        whole = found["added"]["seconds"] / found["full"]["seconds"]
        print(f"whole second build: {whole:.1%} of a full build; same story as a full build: {found['same_story']}")
        return
    log = args.workdir / f"results-{started:%Y%m%d-%H%M%S}.jsonl"
    report(
        measure([int(s) for s in args.sizes.split(",")], args.engines.split(","), args.workdir, args.spacy_sample, log)
    )


def _internal() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode")
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--engine", default="local")
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--sample", type=int, default=0)
    parser.add_argument("--result", type=Path, required=True)
    args = parser.parse_args()
    if args.mode == "_build":
        run_build(args.paths, args.out, args.engine, args.result)
    else:
        run_spacy(Path(args.paths[0]), args.processes, args.sample, args.result)


if __name__ == "__main__":
    _internal() if len(sys.argv) > 1 and sys.argv[1].startswith("_") else main()
