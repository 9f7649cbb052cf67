"""`dateline eval html-dates` and `dateline eval text-dates`: publication dates scored on gold data.

html-dates: a folder with ``test_set/*.html`` and ``eval_mediacloud_2020.json`` (url -> file, gold
date), as htmldate ships it; each page goes through ``ingest.html`` and ``pubdate.date_article``; the
figure is the share of pages dated exactly right.
text-dates: Timeline17 (``<topic>/InputDocs/<YYYY-MM-DD>/*.txt``, the folder is the true date). In
each topic a seeded random share of the articles loses its date; dateline dates them from their text
(``date_article``) and the dated rest (``estimate_dates``). Figures: share of hidden articles whose
point estimate is within 3 days, share whose earliest..latest interval holds the true date, median
interval width; and the same with every date hidden (text alone, no collection).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import random
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

import typer

from dateline import pubdate
from dateline.config import DateSettings
from dateline.errors import InputError
from dateline.ingest.html import article_from_html, decode_html
from dateline.ingest.text import decode_text, folder_date
from dateline.records import Article

logger = logging.getLogger(__name__)

WITHIN_DAYS = 3
EXACT_METHODS = ("metadata", "html", "dateline", "folder")


@dataclass
class HtmlDateScores:
    """Exact-date share on an HTML date set, with the kinds of misses."""

    pages: int = 0
    exact: int = 0
    methods: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    misses: list[tuple[str, str, str]] = field(default_factory=list)

    dated_pages: int = 0
    dated_exact: int = 0

    def add(self, article: Article, truth: dt.date | None, name: str) -> None:
        """Score one page; a page with no gold date is right when no exact date is claimed for it."""
        self.pages += 1
        self.methods[article.date_method] += 1
        claimed = article.published if article.date_method in EXACT_METHODS else None
        if truth is not None:
            self.dated_pages += 1
            self.dated_exact += claimed == truth
        if claimed == truth:
            self.exact += 1
            return
        self.errors[html_date_error(claimed, truth)] += 1
        self.misses.append((name, str(truth), f"{article.published} ({article.date_method})"))

    @property
    def share(self) -> float:
        """Share of pages dated exactly right (pages without a gold date: right when left undated)."""
        return self.exact / self.pages if self.pages else 0.0

    @property
    def dated_share(self) -> float:
        """Share of the pages with a gold date whose date is found exactly."""
        return self.dated_exact / self.dated_pages if self.dated_pages else 0.0

    @property
    def f1(self) -> float:
        """htmldate's benchmark F1, 2tp / (2tp + fp + fn): tp a gold date found, fp a wrong date claimed
        (also on a page without gold date), fn no date on a page with one; an undated page without gold
        date counts in none (htmldate's script reads the gold NaN as a date and counts it a miss)."""
        missed = self.errors["no date"]
        wrong = self.pages - self.exact - missed
        total = 2 * self.dated_exact + wrong + missed
        return 2 * self.dated_exact / total if total else 0.0


def html_date_error(found: dt.date | None, gold: dt.date | None) -> str:
    """The class of a miss: none found, a date where the page has none, off by days, by months, by years."""
    if found is None:
        return "no date"
    if gold is None:
        return "date claimed, page has none"
    gap = abs((found - gold).days)
    if gap <= 3:
        return "off by 1-3 days (time zone)"
    if found.year != gold.year:
        return "wrong year"
    return "off by weeks or months"


def score_html_dates(folder: Path, settings: DateSettings | None = None) -> HtmlDateScores:
    """Date every page of an htmldate-style evaluation folder.

    Args:
        folder: holds ``test_set/`` and ``eval_mediacloud_2020.json`` (or any ``eval_*.json``).
        settings: date settings (defaults when None).
    """
    settings = settings or DateSettings()
    gold_file = folder / "eval_mediacloud_2020.json"
    if not gold_file.exists():
        gold_file = next(iter(sorted(folder.glob("eval_*.json"))), gold_file)
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    scores = HtmlDateScores()
    for url, entry in sorted(gold.items()):
        path = folder / "test_set" / entry["file"]
        dated = pubdate.date_article(_page_article(path, url), settings)
        truth = dt.date.fromisoformat(entry["date"]) if isinstance(entry["date"], str) else None  # NaN: no date
        scores.add(dated, truth, entry["file"])
    return scores


def _page_article(path: Path, url: str) -> Article:
    source = str(path)
    try:
        html = decode_html(path.read_bytes(), source)
    except InputError:
        return Article(id=Article.make_id(source, ""), source=source, url=url)
    try:
        return article_from_html(html, source, url=url)
    except InputError:  # no body found: the markup may still carry the date
        return Article(id=Article.make_id(source, ""), source=source, url=url, html=html)


@dataclass
class TextDateScores:
    """Figures over the articles whose date was hidden."""

    hidden: int = 0
    estimated: int = 0
    within: int = 0
    covered: int = 0
    widths: list[int] = field(default_factory=list)
    methods: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)

    def add(self, article: Article, truth: dt.date) -> None:
        """Score one article whose true date was hidden (an interval without a point still counts as one)."""
        self.hidden += 1
        self.methods[article.date_method] += 1
        if article.published_earliest is not None and article.published_latest is not None:
            self.covered += article.published_earliest <= truth <= article.published_latest
            self.widths.append((article.published_latest - article.published_earliest).days)
        if article.published is None:
            self.errors["no point estimate"] += 1
            return
        self.estimated += 1
        self.within += abs((article.published - truth).days) <= WITHIN_DAYS
        self.errors[text_date_error(article, truth)] += 1

    def figures(self) -> dict[str, float]:
        """Shares over all hidden articles: point estimate given, within 3 days, interval holding the truth
        (articles without an interval count as misses); median width (days) of the intervals given."""
        return {
            "hidden": self.hidden,
            "estimated": self.estimated / self.hidden if self.hidden else 0.0,
            "within_3_days": self.within / self.hidden if self.hidden else 0.0,
            "interval_coverage": self.covered / self.hidden if self.hidden else 0.0,
            "median_width_days": float(statistics.median(self.widths)) if self.widths else 0.0,
            "with_interval": len(self.widths) / self.hidden if self.hidden else 0.0,
        }


def text_date_error(article: Article, truth: dt.date) -> str:
    """Class of a (possible) miss: right, interval holds it, interval too early/late, dateline wrong."""
    assert article.published is not None
    if abs((article.published - truth).days) <= WITHIN_DAYS:
        return "within 3 days"
    if article.date_method == "dateline":
        return "dateline wrong"
    earliest = article.published_earliest or dt.date.min
    latest = article.published_latest or dt.date.max
    if earliest <= truth <= latest:
        return "point off, interval holds"
    return "interval too late" if truth < earliest else "interval too early"


def load_t17(folder: Path) -> dict[str, list[tuple[Path, dt.date]]]:
    """Timeline17 articles per topic: (path, folder date), sorted by path."""
    topics: dict[str, list[tuple[Path, dt.date]]] = {}
    for topic in sorted(p for p in folder.iterdir() if (p / "InputDocs").is_dir()):
        items = []
        for path in sorted((topic / "InputDocs").glob("*/*.txt")):
            day = folder_date(path)
            if day is not None:
                items.append((path, day))
        topics[topic.name] = items
    return topics


def score_text_dates(
    folder: Path, hide: float = 0.5, seed: int = 0, collection: bool = True, settings: DateSettings | None = None
) -> TextDateScores:
    """Hide a share of each topic's dates and score how well dateline recovers them.

    Args:
        folder: the Timeline17 folder.
        hide: share of each topic's articles whose date is hidden (1.0 = all).
        seed: random seed of the choice (per topic, ``random.Random(f"{seed}:{topic}")``).
        collection: also use the dated articles (``estimate_dates``); False = text alone.
        settings: date settings.
    """
    settings = settings or DateSettings()
    scores = TextDateScores()
    for topic, items in load_t17(folder).items():
        rng = random.Random(f"{seed}:{topic}")
        hidden = set(rng.sample(range(len(items)), round(hide * len(items))))
        articles = [_t17_article(path, None if i in hidden else day) for i, (path, day) in enumerate(items)]
        articles = [pubdate.date_article(a, settings) if i in hidden else a for i, a in enumerate(articles)]
        if collection:
            articles = pubdate.estimate_dates(articles, settings)
        for i in sorted(hidden):
            scores.add(articles[i], items[i][1])
        logger.info("%s: %d hidden of %d", topic, len(hidden), len(items))
    return scores


def _t17_article(path: Path, day: dt.date | None) -> Article:
    text = decode_text(path.read_bytes(), str(path))
    return Article(
        id=Article.make_id(str(path), text), source=str(path), raw_text=text, text=text,
        published=day, published_earliest=day, published_latest=day,
        date_method="folder" if day else "none",
    )  # fmt: skip


def html_dates_command(
    folder: Annotated[Path, typer.Argument(help="htmldate evaluation folder (test_set/, eval_*.json).")],
    show_misses: Annotated[bool, typer.Option(help="List every page dated wrongly.")] = False,
) -> None:
    """Share of HTML pages whose publication date is found exactly."""
    from rich.console import Console

    console = Console()
    scores = score_html_dates(folder)
    console.print(
        f"html-dates: {scores.exact}/{scores.pages} pages right = {scores.share:.3f} "
        f"(pages with a gold date: {scores.dated_exact}/{scores.dated_pages} = {scores.dated_share:.3f})"
    )
    console.print(f"F1 as htmldate's benchmark counts it (2tp / (2tp + fp + fn)): {scores.f1:.3f}")
    console.print("methods: " + ", ".join(f"{k} {v}" for k, v in scores.methods.most_common()))
    console.print("misses: " + ", ".join(f"{k} {v}" for k, v in scores.errors.most_common()))
    for file, gold, found in scores.misses if show_misses else []:
        console.print(f"  {file}: gold {gold}, found {found}")


def text_dates_command(
    folder: Annotated[Path, typer.Argument(help="Timeline17 folder (<topic>/InputDocs/<date>/*.txt).")],
    hide: Annotated[float, typer.Option(help="Share of each topic's dates hidden.")] = 0.5,
    seed: Annotated[int, typer.Option(help="Random seed of the hidden choice.")] = 0,
) -> None:
    """Dates of plain-text articles estimated with part (then all) of the dates hidden."""
    from rich.console import Console
    from rich.table import Table

    table = Table("setting", "hidden", "estimated", "within 3 days", "interval holds", "median width (days)")
    runs = [(f"hide {hide:.0%} + collection", hide, True), ("all hidden, text alone", 1.0, False)]
    errors: dict[str, Counter[str]] = {}
    for name, share, collection in runs:
        scores = score_text_dates(folder, share, seed, collection)
        f = scores.figures()
        table.add_row(name, str(scores.hidden), f"{f['estimated']:.3f}", f"{f['within_3_days']:.3f}",
                      f"{f['interval_coverage']:.3f}", f"{f['median_width_days']:.0f}")  # fmt: skip
        errors[name] = scores.errors
    console = Console()
    console.print(table)
    for name, counts in errors.items():
        console.print(f"{name}: " + ", ".join(f"{k} {v}" for k, v in counts.most_common()))
