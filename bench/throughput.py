"""Whole-pipeline throughput next to spaCy alone on the same texts, and peak memory.

    .venv/bin/python bench/throughput.py [--articles 2000] [--corpus PATH ...]

Replicates the corpus (default: ../shared/corpora/seeds, else the demo corpus) to N articles,
each copy made distinct (a numbered line), so dedup does not collapse them; the analysis is
therefore done N times. Prints articles/s, words/s, seconds per stage, the ratio to
``nlp.pipe`` over the same cleaned texts in the same run, and peak RSS.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dateline.config import Settings  # noqa: E402
from dateline.nlp import load_model  # noqa: E402
from dateline.pipeline import build  # noqa: E402
from dateline.store import Store  # noqa: E402

DEFAULT_CORPORA = [ROOT.parent / "shared" / "corpora" / "seeds", ROOT / "examples" / "demo-corpus"]


def replicate(corpus: Path, count: int, into: Path) -> list[Path]:
    """Write ``count`` distinct .txt copies of the corpus's .txt articles into ``into``."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.rglob("*.txt"))]
    paths = []
    for n in range(count):
        # A marker in every paragraph keeps copies below the dedup threshold: each one is analysed.
        text = texts[n % len(texts)].replace("\n\n", f" [copy {n}]\n\n")
        path = into / f"{n:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--corpus", type=Path, default=None)
    args = parser.parse_args()
    corpus = args.corpus or next(p for p in DEFAULT_CORPORA if p.is_dir())
    settings = Settings()
    settings.dedup.threshold = 0.99  # every copy is analysed: this measures analysis throughput
    nlp = load_model()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        replicate(corpus, args.articles, folder)
        store = Store.open(Path(tmp) / "out")
        nlp("warm up the model.")
        started = time.perf_counter()
        report = build([folder], settings, store)
        total = time.perf_counter() - started
        story = report.story
        assert story is not None
        texts = [a.text for a in story.articles if a.duplicate_of is None]
        words = sum(len(t.split()) for t in texts)
        started = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=settings.nlp.batch_size):
            pass
        spacy_seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    analysed = len(texts)
    print(f"corpus: {corpus} x{args.articles} ({analysed} analysed, {report.duplicates} duplicates, {words:,} words)")
    print(f"pipeline : {total:8.1f} s  {analysed / total:7.1f} articles/s  {words / total:9.0f} words/s")
    print(
        f"spaCy    : {spacy_seconds:8.1f} s  {analysed / spacy_seconds:7.1f} articles/s"
        f"  {words / spacy_seconds:9.0f} words/s"
    )
    print(f"ratio    : pipeline throughput = {spacy_seconds / total:.2f} x spaCy alone")
    print(f"peak RSS : {peak_mb:.0f} MB")
    print("seconds per stage: " + ", ".join(f"{k} {v:.1f}" for k, v in report.seconds.items()))


if __name__ == "__main__":
    main()
