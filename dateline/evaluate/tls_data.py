"""Readers for timeline-summarisation gold data: the Timeline17 layout and the news-tls layout.

Input: a dataset folder. Output: TlsTopic records (keywords + gold timelines) and, per topic, its
articles as SourceDoc records (publication date and sentences). Layouts (../shared/eval/README.md):
T17 ``<topic>/InputDocs/<YYYY-MM-DD>/*.txt`` (one tokenised sentence a line) + ``timelines/*.txt``;
news-tls ``<topic>/articles.preprocessed.jsonl.gz`` + ``timelines.jsonl``. Plain Python; untokenised
news-tls text without a ``sentences`` field is split by spaCy's rule-based sentencizer.
"""

from __future__ import annotations

import gzip
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date as Date
from functools import lru_cache
from pathlib import Path
from typing import IO, Any, Literal

import spacy
from spacy.language import Language

from dateline.errors import InputError

logger = logging.getLogger(__name__)

Layout = Literal["t17", "newstls"]
_DATE_LINE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SEPARATOR = re.compile(r"^-{3,}$")


@dataclass(frozen=True)
class GoldTimeline:
    """One reference timeline: day -> its summary sentences."""

    name: str
    days: dict[Date, list[str]]

    @property
    def mean_sentences(self) -> int:
        """Mean sentences per day, rounded as news-tls does (Python ``round``), at least 1."""
        lengths = [len(s) for s in self.days.values()]
        return max(1, round(sum(lengths) / len(lengths))) if lengths else 1


@dataclass(frozen=True)
class TlsTopic:
    """A topic: its folder, layout, query keywords and gold timelines."""

    name: str
    path: Path
    layout: Layout
    keywords: list[str]
    timelines: list[GoldTimeline]


@dataclass(frozen=True)
class SourceDoc:
    """One input article: publication day and sentences (text as given)."""

    id: str
    source: str
    title: str | None
    published: Date
    sentences: list[str]


def parse_timeline_text(text: str) -> dict[Date, list[str]]:
    """Parse the T17 timeline format: a date line, sentence lines, a line of dashes.

    A date given twice keeps its last block, as tilse's ``Timeline.from_file`` does. A block whose
    first line is not a valid date (T17's MJ timeline has "2011-04-0") is skipped with a warning.
    """
    days: dict[Date, list[str]] = {}
    current: Date | None = None
    skipping = False
    for raw in text.splitlines():
        line = raw.strip()
        if not line or _SEPARATOR.match(line):
            current, skipping = None, False
        elif current is None and not skipping:
            current = _parse_date_line(line)
            if current is None:
                logger.warning("skipped timeline block with a bad date line: %r", line[:60])
                skipping = True
            else:
                days[current] = []
        elif current is not None:
            days[current].append(line)
    return {d: s for d, s in days.items() if s}


def _parse_date_line(line: str) -> Date | None:
    if not _DATE_LINE.match(line):
        return None
    try:
        return Date.fromisoformat(line)
    except ValueError:
        return None


def format_timeline(days: dict[Date, list[str]]) -> str:
    """Write a timeline in the T17 text format (dates ascending, 32 dashes between days)."""
    blocks = [d.isoformat() + "\n" + "".join(s.strip() + "\n" for s in days[d]) for d in sorted(days)]
    return "".join(b + "-" * 32 + "\n" for b in blocks)


def find_topics(dataset_dir: Path) -> list[TlsTopic]:
    """Every topic folder of a dataset, in name order (folders starting with ``_`` or ``.`` are skipped).

    Raises:
        InputError: when the folder holds no topic of either layout.
    """
    if not dataset_dir.is_dir():
        raise InputError("not a folder", source=str(dataset_dir))
    topics = []
    for path in sorted(p for p in dataset_dir.iterdir() if p.is_dir() and p.name[0] not in "._"):
        layout = _layout_of(path)
        if layout is None:
            logger.warning("skipped %s: neither T17 nor news-tls layout", path)
            continue
        topics.append(TlsTopic(path.name, path, layout, _read_keywords(path), _read_timelines(path, layout)))
    if not topics:
        raise InputError("no topic in T17 or news-tls layout", source=str(dataset_dir))
    return topics


def _layout_of(path: Path) -> Layout | None:
    if (path / "InputDocs").is_dir() and (path / "timelines").is_dir():
        return "t17"
    if (path / "timelines.jsonl").is_file() and _newstls_articles(path) is not None:
        return "newstls"
    return None


def _newstls_articles(path: Path) -> Path | None:
    for name in ("articles.preprocessed.jsonl.gz", "articles.preprocessed.jsonl", "articles.jsonl.gz"):
        if (path / name).is_file():
            return path / name
    return None


def _read_keywords(path: Path) -> list[str]:
    file = path / "keywords.json"
    if not file.is_file():
        return []
    data = json.loads(file.read_text(encoding="utf-8"))
    return [str(k) for k in data] if isinstance(data, list) else [str(data)]


def _read_timelines(path: Path, layout: Layout) -> list[GoldTimeline]:
    if layout == "t17":
        files = sorted((path / "timelines").glob("*.txt"))
        found = [GoldTimeline(f.stem, parse_timeline_text(f.read_text(encoding="utf-8", errors="replace")))
                 for f in files]
    else:
        found = []
        for line in (path / "timelines.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip() and (raw := json.loads(line)):
                found.append(GoldTimeline(str(len(found)), _newstls_days(raw)))
    return [t for t in found if t.days]


def _newstls_days(raw: list[Any]) -> dict[Date, list[str]]:
    days: dict[Date, list[str]] = {}
    for stamp, sentences in raw:
        days[Date.fromisoformat(str(stamp)[:10])] = [s.strip() for s in sentences if s.strip()]
    return days


def iter_docs(topic: TlsTopic) -> Iterator[SourceDoc]:
    """The topic's articles, in a stable order (T17: by folder date then file name; news-tls: file order)."""
    if topic.layout == "t17":
        yield from _t17_docs(topic.path)
    else:
        yield from _newstls_docs(topic.path)


def _t17_docs(path: Path) -> Iterator[SourceDoc]:
    for day_dir in sorted((path / "InputDocs").iterdir()):
        try:
            published = Date.fromisoformat(day_dir.name)
        except ValueError:
            logger.warning("skipped %s: folder name is not a date", day_dir)
            continue
        for file in sorted(day_dir.glob("*.txt")):
            lines = [ln.strip() for ln in file.read_text(encoding="utf-8", errors="replace").splitlines()]
            source = str(file.relative_to(path))
            yield SourceDoc(source, source, None, published, [ln for ln in lines if ln])


def _newstls_docs(path: Path) -> Iterator[SourceDoc]:
    file = _newstls_articles(path)
    assert file is not None  # _layout_of checked it
    with _open_text(file) as handle:
        for n, line in enumerate(handle):
            if not line.strip():
                continue
            record = json.loads(line)
            try:
                published = Date.fromisoformat(str(record["time"])[:10])
            except (KeyError, ValueError):
                logger.warning("skipped %s line %d: no ISO 'time'", file, n + 1)
                continue
            yield SourceDoc(str(record.get("id", n)), f"{file.name}:{n + 1}", record.get("title"), published,
                            _newstls_sentences(record))


def _open_text(file: Path) -> IO[str]:
    """A text handle on a plain or gzipped file."""
    return gzip.open(file, "rt", encoding="utf-8") if file.suffix == ".gz" else file.open(encoding="utf-8")


def _newstls_sentences(record: dict[str, Any]) -> list[str]:
    given = record.get("sentences")
    if isinstance(given, list) and given and isinstance(given[0], dict) and "raw" in given[0]:
        return [str(s["raw"]).strip() for s in given if str(s["raw"]).strip()]
    text = str(record.get("text") or "")
    return [s.text.strip() for para in text.split("\n") if para.strip() for s in _sentencizer()(para).sents
            if s.text.strip()]


@lru_cache(maxsize=1)
def _sentencizer() -> Language:
    """spaCy's rule-based sentence splitter (no model download, fast)."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp
