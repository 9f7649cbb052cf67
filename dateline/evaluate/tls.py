"""`dateline eval tls`: timeline summarisation scored on T17 / news-tls style gold data.

Input: a dataset folder (T17 or news-tls layout, see tls_data.py). Output: one predicted timeline per
gold timeline (T17 text format) under PRED_DIR and PRED_DIR/scores.json. Protocol (news-tls): as many
dates as the gold, its mean sentences per date (rounded), the gold's first-to-last day widened by
``window_extension`` days, the topic keywords as the focus; the timeline is built by the same
``dateline.timeline.build_timeline`` that ``dateline build`` runs. Scores: tls_metrics.py (tilse).
"""

from __future__ import annotations

import hashlib
import json
import logging
import pickle
import time
from collections.abc import Callable, Iterable
from datetime import date as Date
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Any

import typer

from dateline import timeline
from dateline.config import TimelineSettings
from dateline.evaluate import tls_data, tls_metrics
from dateline.evaluate.tls_data import GoldTimeline, SourceDoc, TlsTopic
from dateline.records import Article, ArticleAnalysis, Sentence, Timex, stable_id

logger = logging.getLogger(__name__)

Tagger = Callable[[str, str, Date], list[Timex]]
CACHE_DIR = Path.home() / ".cache" / "dateline" / "tls"


def default_tagger(article_id: str, text: str, anchor: Date) -> list[Timex]:
    """dateline's own temporal tagger (``dateline.timex.tag_timexes``), without a spaCy Doc."""
    from dateline import timex  # imported on use: the time stage is only needed when tagging

    return timex.tag_timexes(article_id, text, anchor=anchor, doc=None)


def analyse_doc(doc: SourceDoc, topic: str, tagger: Tagger) -> ArticleAnalysis:
    """Records for one pre-split article: one Sentence per given sentence, timexes tagged per sentence.

    Article.text is the sentences joined by newlines; all offsets index into it.
    """
    article_id = stable_id(topic, doc.source)
    sentences: list[Sentence] = []
    timexes: list[Timex] = []
    offset = 0
    for index, text in enumerate(doc.sentences):
        sentences.append(Sentence(article_id=article_id, index=index, start=offset, end=offset + len(text), text=text))
        for tx in _tag_sentence(tagger, article_id, text, doc):
            timexes.append(tx.model_copy(update={"start": tx.start + offset, "end": tx.end + offset}))
        offset += len(text) + 1
    article = Article(
        id=article_id, source=doc.source, title=doc.title, published=doc.published, date_method="folder",
        text="\n".join(doc.sentences),
    )
    return ArticleAnalysis(article=article, sentences=sentences, timexes=timexes)


def _tag_sentence(tagger: Tagger, article_id: str, text: str, doc: SourceDoc) -> list[Timex]:
    try:
        return tagger(article_id, text, doc.published)
    except ValueError as exc:  # a tagger bug on one odd sentence must not sink a whole evaluation
        logger.warning("timex tagging failed in %s (%s): %.80s", doc.source, exc, text)
        return []


def _code_fingerprint() -> str:
    """Hash of the time stage's source, so cached analyses are redone when the tagger changes."""
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha1()
    for file in sorted([*root.glob("timex/*.py"), root / "timex.py"]):
        if file.is_file():
            digest.update(file.read_bytes())
    return digest.hexdigest()[:12]


def topic_analyses(topic: TlsTopic, tagger: Tagger = default_tagger, cache_dir: Path | None = CACHE_DIR
                   ) -> list[ArticleAnalysis]:
    """The topic's articles as ArticleAnalysis records, cached as a pickle per topic and tagger version.

    Args:
        topic: the topic to read.
        tagger: temporal tagger ``(article_id, sentence_text, publication_day) -> Timex list``.
        cache_dir: where to keep the pickle; None disables caching.
    """
    key = hashlib.sha1(f"{topic.path.resolve()}|{_code_fingerprint()}".encode()).hexdigest()[:16]
    cache = cache_dir / f"{topic.name}-{key}.pkl" if cache_dir is not None else None
    if cache is not None and cache.is_file() and tagger is default_tagger:
        with cache.open("rb") as handle:
            cached: list[ArticleAnalysis] = pickle.load(handle)
        return cached
    analyses = [analyse_doc(doc, topic.name, tagger) for doc in tls_data.iter_docs(topic)]
    if cache is not None and tagger is default_tagger:
        cache.parent.mkdir(parents=True, exist_ok=True)
        with cache.open("wb") as handle:
            pickle.dump(analyses, handle, protocol=pickle.HIGHEST_PROTOCOL)
    return analyses


def protocol_settings(gold: GoldTimeline, keywords: list[str], window_extension: int, method: str
                      ) -> TimelineSettings:
    """The standard protocol's settings for one gold timeline (dates, length, window, query)."""
    first, last = min(gold.days), max(gold.days)
    return TimelineSettings(
        method=method,
        max_dates=len(gold.days),
        sentences_per_date=gold.mean_sentences,
        focus=", ".join(keywords) or None,
        start=(first - timedelta(days=window_extension)).isoformat(),
        end=(last + timedelta(days=window_extension)).isoformat(),
    )


def predict(analyses: list[ArticleAnalysis], settings: TimelineSettings) -> dict[Date, list[str]]:
    """Run the library's timeline builder and keep day -> sentences."""
    return {e.date: e.sentences for e in timeline.build_timeline(analyses, settings, [])}


def evaluate(
    dataset_dir: Path,
    out_dir: Path,
    window_extension: int = 0,
    rouge: tls_metrics.RougeKind = "perl",
    method: str = TimelineSettings().method,
    topics: Iterable[str] | None = None,
    tagger: Tagger = default_tagger,
) -> dict[str, Any]:
    """Build and score one timeline per gold timeline; write predictions and ``scores.json``.

    Args:
        dataset_dir: T17 or news-tls layout.
        out_dir: predictions go to ``out_dir/<topic>/<timeline name>.txt``.
        window_extension: days added on both sides of the gold first-to-last window.
        rouge: "perl" (ROUGE-1.5.5, the published figures) or "reimpl" (faster, lower).
        method: timeline method name (``dateline.timeline.METHODS``).
        topics: restrict to these topic names (None: all).
        tagger: temporal tagger used to read the articles.

    Returns:
        The scores dict also written to ``scores.json``: ``timelines`` (per timeline), ``average``,
        ``seconds_per_topic``.
    """
    wanted = set(topics) if topics is not None else None
    per_timeline: list[dict[str, Any]] = []
    all_scores: list[tls_metrics.TimelineScores] = []
    seconds: dict[str, float] = {}
    for topic in tls_data.find_topics(dataset_dir):
        if wanted is not None and topic.name not in wanted:
            continue
        started = time.perf_counter()
        analyses = topic_analyses(topic, tagger)
        for gold in topic.timelines:
            settings = protocol_settings(gold, topic.keywords, window_extension, method)
            predicted = predict(analyses, settings)
            target = out_dir / topic.name / f"{gold.name}.txt"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(tls_data.format_timeline(predicted), encoding="utf-8")
            scores = tls_metrics.score_timeline(predicted, gold.days, rouge)
            all_scores.append(scores)
            per_timeline.append({"topic": topic.name, "timeline": gold.name, **scores.as_dict()})
            logger.info("%s/%s: %s", topic.name, gold.name, scores.as_dict())
        seconds[topic.name] = round(time.perf_counter() - started, 2)
    result = {
        "dataset": str(dataset_dir), "rouge": rouge, "method": method, "window_extension": window_extension,
        "timelines": per_timeline, "average": tls_metrics.average_scores(all_scores).as_dict(),
        "seconds_per_topic": seconds,
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "scores.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    return result


def tls_command(
    dataset_dir: Annotated[Path, typer.Argument(help="Dataset folder in the T17 or news-tls layout.")],
    out: Annotated[Path, typer.Option("--out", help="Folder for predicted timelines and scores.json.")],
    window_extension: Annotated[int, typer.Option(help="Days added to both ends of the gold window.")] = 0,
    rouge: Annotated[str, typer.Option(help="perl (ROUGE-1.5.5, published figures) or reimpl.")] = "perl",
    method: Annotated[str, typer.Option(help="Timeline method.")] = TimelineSettings().method,
) -> None:
    """Score timeline summarisation (alignment ROUGE-1/2 F1, date F1) against gold timelines."""
    from rich.console import Console
    from rich.table import Table

    if rouge not in ("perl", "reimpl"):
        raise typer.BadParameter("--rouge must be perl or reimpl")
    result = evaluate(dataset_dir, out, window_extension, rouge, method)  # type: ignore[arg-type]
    table = Table("topic", "timeline", "AR-1 F1", "AR-2 F1", "date F1")
    keys = ("ar1", "ar2", "date")
    for row in result["timelines"]:
        table.add_row(row["topic"], row["timeline"], *(f"{row[k]['f1']:.3f}" for k in keys))
    avg = result["average"]
    table.add_row("[b]average[/b]", str(len(result["timelines"])), *(f"{avg[k]['f1']:.3f}" for k in keys))
    Console().print(table)
    Console().print(f"scores written to {out / 'scores.json'}")
