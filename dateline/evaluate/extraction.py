"""`dateline eval extraction`: article body from HTML, scored as the Zyte article-extraction benchmark does.

Input: a folder with ``html/<id>.html.gz`` and ``ground-truth.json`` ({id: {articleBody, url}}).
Each page goes through ``dateline.ingest.html`` (trafilatura with EXTRACT_OPTIONS) and, optionally,
dateline's clean stage. Score: the benchmark's evaluate.py: per page, TP/FP/FN over 4-token shingles
(``\\w+`` tokens), normalised to sum 1; precision and recall averaged over pages; F1 of the two means.
Alternatives compared with ``--compare`` (body F1, this set, trafilatura 2.3): default options .953,
favor_recall .952, favor_precision .959, include_tables=False .950, include_comments=False .960,
include_comments=False + favor_recall .959, include_comments=False + favor_precision .964 (chosen).
"""

from __future__ import annotations

import gzip
import json
import logging
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import typer

from dateline import clean
from dateline.config import CleanSettings
from dateline.errors import InputError
from dateline.ingest import html as html_reader
from dateline.records import Article

logger = logging.getLogger(__name__)

_TOKEN = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)
SHINGLE = 4
# trafilatura option sets compared by `--compare` (EXTRACT_OPTIONS in dateline.ingest.html is the pick).
ALTERNATIVES: dict[str, dict[str, Any]] = {
    "trafilatura defaults": {},
    "favor_recall": {"favor_recall": True},
    "favor_precision": {"favor_precision": True},
    "no tables": {"include_tables": False},
    "no comments": {"include_comments": False},
    "no comments, favor_recall": {"include_comments": False, "favor_recall": True},
    "no comments, favor_precision": {"include_comments": False, "favor_precision": True},
}

Counts = tuple[float, float, float]


def shingle_counts(true: str, pred: str) -> Counts:
    """TP, FP, FN over 4-token shingles, normalised to sum 1 (the benchmark's string_shingle_matching)."""
    gold, found = _shingles(true), _shingles(pred)
    tp = fp = fn = 0.0
    for key in gold.keys() | found.keys():
        tp += min(gold[key], found[key])
        fp += max(0, found[key] - gold[key])
        fn += max(0, gold[key] - found[key])
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    grams = (tuple(tokens[i : i + SHINGLE]) for i in range(max(1, len(tokens) - SHINGLE + 1)))
    return Counter(g for g in grams if g)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


@dataclass
class ExtractionScores:
    """Per-page counts and the benchmark's averaged figures."""

    counts: dict[str, Counts] = field(default_factory=dict)
    failed: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, float]:
        """precision, recall (means over pages) and F1 of the two."""
        values = list(self.counts.values())
        precision = statistics.mean(_precision(*c) for c in values if c[0] + c[1] > 0)
        recall = statistics.mean(_recall(*c) for c in values if c[0] + c[2] > 0)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": precision, "recall": recall, "f1": f1}


def extract_body(html: str, source: str, options: dict[str, Any] | None = None) -> str:
    """The body dateline reads from a page (``options`` None: EXTRACT_OPTIONS); '' when none is found."""
    try:
        return html_reader.article_from_html(html, source, options=options).raw_text
    except InputError:
        return ""


def score_extraction(folder: Path, options: dict[str, Any] | None = None, cleaned: bool = False) -> ExtractionScores:
    """Score body extraction on a benchmark folder.

    Args:
        folder: holds ``html/*.html.gz`` and ``ground-truth.json``.
        options: trafilatura options (None: dateline's EXTRACT_OPTIONS).
        cleaned: also run dateline's clean stage (line statistics over the whole set) on each body.
    """
    gold = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    bodies: dict[str, str] = {}
    for key in sorted(gold):
        path = folder / "html" / f"{key}.html.gz"
        with gzip.open(path, "rb") as handle:
            html = html_reader.decode_html(handle.read(), str(path))
        bodies[key] = extract_body(html, str(path), options)
    if cleaned:
        bodies = _cleaned(bodies)
    scores = ExtractionScores()
    for key, body in bodies.items():
        if not body:
            scores.failed.append(key)
        scores.counts[key] = shingle_counts(gold[key].get("articleBody", ""), body)
    return scores


def _cleaned(bodies: dict[str, str]) -> dict[str, str]:
    articles = [Article(id=k, source=k, raw_text=v) for k, v in bodies.items()]
    stats = clean.line_statistics(articles)
    return {a.id: clean.clean_article(a, stats, CleanSettings()).text for a in articles}


def extraction_command(
    folder: Annotated[Path, typer.Argument(help="Benchmark folder (html/*.html.gz, ground-truth.json).")],
    compare: Annotated[bool, typer.Option(help="Also score the alternative trafilatura option sets.")] = False,
) -> None:
    """Token-shingle precision/recall/F1 of the article body against the gold articleBody."""
    from rich.console import Console
    from rich.table import Table

    table = Table("extraction", "precision", "recall", "F1", "no body", title=f"extraction: {folder}")
    runs: list[tuple[str, dict[str, Any] | None, bool]] = [
        (f"dateline ingest {html_reader.EXTRACT_OPTIONS}", None, False),
        ("dateline ingest + clean", None, True),
    ]
    runs += [(name, options, False) for name, options in ALTERNATIVES.items()] if compare else []
    for name, options, cleaned in runs:
        scores = score_extraction(folder, options, cleaned)
        f = scores.figures()
        table.add_row(name, f"{f['precision']:.3f}", f"{f['recall']:.3f}", f"{f['f1']:.3f}", str(len(scores.failed)))
    Console().print(table)
