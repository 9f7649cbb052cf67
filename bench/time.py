"""Speed of the time stage next to spaCy alone on the same texts (the ratio says who is the bottleneck).

    .venv/bin/python bench/time.py [--articles 500] [--repeat 3] [--corpus PATH]

Replicates the corpus (default: ../shared/corpora/seeds, else the demo corpus) to N texts, then
times, in the same run: ``nlp.pipe`` over them (spaCy alone), ``tag_timexes`` without a Doc (cue
words for tense, what re-anchoring uses) and with the Doc. Warm-up first, best of ``--repeat``.
Prints words/s for each and the ratio time-stage speed / spaCy speed (above 1: not the bottleneck).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dateline.nlp import load_model  # noqa: E402
from dateline.timex import tag_timexes  # noqa: E402

DEFAULT_CORPORA = [ROOT.parent / "shared" / "corpora" / "seeds", ROOT / "examples" / "demo-corpus"]
ANCHOR = date(2020, 3, 1)


def load_texts(corpus: Path, count: int) -> list[str]:
    """``count`` texts cycled from the corpus's .txt files."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.rglob("*.txt"))]
    if not texts:
        raise SystemExit(f"no .txt file under {corpus}")
    return [texts[n % len(texts)] for n in range(count)]


def best_of(repeat: int, work: Callable[[], object]) -> float:
    """Fastest wall-clock seconds of ``repeat`` runs of ``work`` (after one warm-up run)."""
    work()
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        timings.append(time.perf_counter() - started)
    return min(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--corpus", type=Path, default=next((c for c in DEFAULT_CORPORA if c.is_dir()), None))
    args = parser.parse_args()
    if args.corpus is None:
        raise SystemExit("no corpus found: pass --corpus")
    texts = load_texts(args.corpus, args.articles)
    words = sum(len(re.findall(r"\S+", t)) for t in texts)
    nlp = load_model()
    docs = list(nlp.pipe(texts))
    spacy_s = best_of(args.repeat, lambda: list(nlp.pipe(texts)))
    plain_s = best_of(args.repeat, lambda: [tag_timexes("b", t, ANCHOR) for t in texts])
    with_doc_s = best_of(args.repeat, lambda: [tag_timexes("b", d.text, ANCHOR, d) for d in docs])
    found = sum(len(tag_timexes("b", t, ANCHOR)) for t in texts)
    print(f"corpus {args.corpus} x{args.articles}: {words:,} words, {found:,} timexes")
    print(f"{'':28}{'seconds':>9}{'words/s':>12}{'ratio vs spaCy':>16}")
    for name, seconds in (("spaCy nlp.pipe", spacy_s), ("tag_timexes (no Doc)", plain_s),
                          ("tag_timexes (with Doc)", with_doc_s)):  # fmt: skip
        print(f"{name:28}{seconds:9.2f}{words / seconds:12,.0f}{spacy_s / seconds:16.1f}")


if __name__ == "__main__":
    main()
