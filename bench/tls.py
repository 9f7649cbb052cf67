"""Benchmark timeline summarisation: the whole Timeline17 evaluation, and growth with corpus size.

    .venv/bin/python bench/tls.py [--data ../shared/eval/tls-t17] [--rouge perl|reimpl] [--topic NAME] [--cold]

1. Whole evaluation (`dateline eval tls`) in a child process: wall time and the child's peak RSS. With
   --cold the per-topic analysis cache is empty, so temporal tagging of every sentence is included;
   otherwise cached analyses are reused (the figure is then timeline building plus scoring).
2. Growth: one topic's timeline built from 25%, 50% and 100% of its articles (cached analyses, the
   protocol settings of its first gold timeline): best-of-3 seconds of ``build_timeline`` and its
   peak traced memory, with ratios to the 25% run. Linear cost keeps seconds per sentence flat.
Prints figures only; nothing is asserted (tests never assert timings).
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from dateline import timeline
from dateline.config import TimelineSettings
from dateline.evaluate import tls, tls_data
from dateline.records import ArticleAnalysis

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "tls-t17"
SHARES = (0.25, 0.5, 1.0)
REPEATS = 3


def whole_evaluation(data: Path, rouge: str, cold: bool) -> None:
    """Run the evaluation in a child process and print its wall time and peak memory."""
    with tempfile.TemporaryDirectory() as tmp:
        code = (
            "import sys; from pathlib import Path; from dateline.evaluate import tls;"
            + (f"tls.CACHE_DIR = Path({tmp!r}) / 'cache';" if cold else "")
            + f"r = tls.evaluate(Path({str(data)!r}), Path({tmp!r}) / 'pred', rouge={rouge!r});"
            + "a = r['average']; print(a['ar1']['f1'], a['ar2']['f1'], a['date']['f1'])"
        )
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        seconds = time.perf_counter() - started
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    ar1, ar2, date_f1 = (float(x) for x in done.stdout.split())
    print(f"whole T17 evaluation ({'cold: tagging included' if cold else 'cached analyses'}, ROUGE {rouge}):")
    print(f"  {seconds:8.1f} s wall   {peak_mib:8.1f} MiB peak RSS")
    print(f"  AR-1 F1 {ar1:.3f}  AR-2 F1 {ar2:.3f}  date F1 {date_f1:.3f}")


def growth(data: Path, topic_name: str) -> None:
    """Time ``build_timeline`` on 25/50/100% of one topic's articles."""
    topic = next((t for t in tls_data.find_topics(data) if t.name == topic_name), None)
    if topic is None:
        raise SystemExit(f"no topic {topic_name!r} in {data}")
    analyses = sorted(tls.topic_analyses(topic), key=lambda a: a.article.id)  # id order: a stable shuffle
    gold = topic.timelines[0]
    settings = tls.protocol_settings(gold, topic.keywords, 0, TimelineSettings().method)
    print(f"growth on {topic.name} ({len(analyses)} articles, {gold.name}: {len(gold.days)} dates):")
    print("  share  articles  sentences   seconds   us/sentence  peak MiB   time ratio")
    base: float | None = None
    for share in SHARES:
        part = analyses[: max(1, round(share * len(analyses)))]
        n_sentences = sum(len(a.sentences) for a in part)
        best = min(_timed(part, settings) for _ in range(REPEATS))
        tracemalloc.start()
        timeline.build_timeline(part, settings, [])
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        base = base or best
        print(f"  {share:5.0%}  {len(part):8d}  {n_sentences:9d}  {best:8.2f}  {1e6 * best / n_sentences:12.1f}"
              f"  {peak:8.1f}  {best / base:10.2f}")


def _timed(part: list[ArticleAnalysis], settings: TimelineSettings) -> float:
    started = time.perf_counter()
    timeline.build_timeline(part, settings, [])
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--rouge", choices=("perl", "reimpl"), default="perl")
    parser.add_argument("--topic", default="LibyaWar_cnn", help="topic for the growth runs (largest T17 corpus)")
    parser.add_argument("--cold", action="store_true", help="empty analysis cache: include temporal tagging")
    parser.add_argument("--skip-whole", action="store_true", help="only the growth runs")
    args = parser.parse_args()
    growth(args.data, args.topic)
    if not args.skip_whole:
        whole_evaluation(args.data, args.rouge, args.cold)


if __name__ == "__main__":
    main()
