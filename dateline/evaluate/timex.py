"""`dateline eval timex`: temporal expressions scored TempEval-3 style on TimeML (.tml) files.

Input: a folder of TimeML files (searched recursively; a file name seen twice is read once). Each
file gives its creation time (DCT) and the text inside <TEXT>; the tags are stripped and the plain
text is tagged by ``dateline.timex.tag_timexes`` with the DCT as anchor. Scores follow the
official TE3 scorer (evaluation-entities): strict match = same extent, relaxed = overlap (one-to-one),
type/value accuracy over relaxed matches, attribute F1 = relaxed F1 x accuracy; the DCT is not scored.
"""

from __future__ import annotations

import json
import logging
import time
import xml.etree.ElementTree as ET
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated, Any
from xml.sax.saxutils import escape, quoteattr

import typer

from dateline.errors import InputError
from dateline.records import Timex

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class GoldTimex:
    """A gold TIMEX3: character offsets into the document's plain text (end exclusive)."""

    start: int
    end: int
    type: str
    value: str


@dataclass(frozen=True)
class TimemlDoc:
    """One TimeML file: its name, creation date, plain text and gold expressions."""

    name: str
    dct: date
    text: str
    gold: list[GoldTimex]


@dataclass
class Counts:
    """TE3 counts, summed over files."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0

    def add(self, other: Counts) -> None:
        """Add another file's counts to these."""
        for name in asdict(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def scores(self) -> dict[str, float]:
        """Percentages: strict and relaxed P/R/F1, type and value accuracy and F1."""

        def prf(hits: int) -> tuple[float, float, float]:
            p = hits / self.system if self.system else 0.0
            r = hits / self.gold if self.gold else 0.0
            return p, r, (2 * p * r / (p + r) if p + r else 0.0)

        sp, sr, sf = prf(self.strict)
        rp, rr, rf = prf(self.relaxed)
        type_acc = self.type_ok / self.relaxed if self.relaxed else 0.0
        value_acc = self.value_ok / self.relaxed if self.relaxed else 0.0
        figures = {"strict_p": sp, "strict_r": sr, "strict_f1": sf, "relaxed_p": rp, "relaxed_r": rr,
                   "relaxed_f1": rf, "type_accuracy": type_acc, "type_f1": rf * type_acc,
                   "value_accuracy": value_acc, "value_f1": rf * value_acc}  # fmt: skip
        return {k: round(100 * v, 2) for k, v in figures.items()}


@dataclass
class TimexReport:
    """Scores of a run: per file and overall, with the run's settings."""

    files: dict[str, Counts] = field(default_factory=dict)
    total: Counts = field(default_factory=Counts)
    seconds: float = 0.0
    parsed: bool = False

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict: overall scores and counts, then each file's."""
        return {
            "overall": {**self.total.scores(), **asdict(self.total)},
            "files": {name: {**c.scores(), **asdict(c)} for name, c in self.files.items()},
            "seconds": round(self.seconds, 1),
            "tense_from_parse": self.parsed,
        }


def read_timeml(path: Path) -> TimemlDoc:
    """Read a TimeML file: DCT, the plain text of <TEXT>, and its TIMEX3 tags (the DCT's own tag excluded).

    Raises:
        InputError: the file is not XML, or has no DCT or TEXT.
    """
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise InputError(f"not valid TimeML: {exc}", str(path)) from exc
    dct_tag, text_el = root.find("DCT/TIMEX3"), root.find("TEXT")
    if dct_tag is None or text_el is None or not dct_tag.get("value"):
        raise InputError("no DCT or TEXT element", str(path))
    try:
        dct = date.fromisoformat(dct_tag.get("value", "")[:10])
    except ValueError as exc:
        raise InputError(f"DCT value is not a date: {dct_tag.get('value')}", str(path)) from exc
    parts: list[str] = []
    gold: list[GoldTimex] = []
    _walk(text_el, parts, gold)
    return TimemlDoc(name=path.name, dct=dct, text="".join(parts), gold=gold)


def _walk(element: ET.Element, parts: list[str], gold: list[GoldTimex]) -> None:
    if element.text:
        parts.append(element.text)
    for child in element:
        start = sum(map(len, parts))
        _walk(child, parts, gold)
        end = sum(map(len, parts))
        if child.tag == "TIMEX3" and child.get("functionInDocument") != "CREATION_TIME" and end > start:
            gold.append(GoldTimex(start, end, child.get("type", ""), child.get("value", "")))
        if child.tail:
            parts.append(child.tail)


def score_document(gold: list[GoldTimex], predicted: list[Timex]) -> Counts:
    """TE3 counts for one document: predictions matched one-to-one to overlapping gold tags, largest overlap first."""
    pairs = sorted(
        ((min(g.end, p.end) - max(g.start, p.start), gi, pi) for gi, g in enumerate(gold)
         for pi, p in enumerate(predicted) if min(g.end, p.end) > max(g.start, p.start)),
        reverse=True,
    )  # fmt: skip
    counts = Counts(gold=len(gold), system=len(predicted))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    for _, gi, pi in pairs:
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        g, p = gold[gi], predicted[pi]
        counts.relaxed += 1
        counts.strict += int((g.start, g.end) == (p.start, p.end))
        counts.type_ok += int(g.type == p.type)
        counts.value_ok += int(g.value == p.value)
    return counts


def find_files(tml_dir: Path) -> list[Path]:
    """The .tml files under ``tml_dir``, sorted, each file name once."""
    seen: set[str] = set()
    files = []
    for path in sorted(tml_dir.rglob("*.tml")):
        if path.name in seen:
            logger.info("skipping %s: a file of the same name was already read", path)
            continue
        seen.add(path.name)
        files.append(path)
    return files


def evaluate(tml_dir: Path, parse: bool = True, write_tml: Path | None = None) -> TimexReport:
    """Tag every TimeML file under ``tml_dir`` and score it against its gold TIMEX3 tags.

    Args:
        tml_dir: folder of .tml files (recursive).
        parse: give the tagger the spaCy parse (tense of the governing verb); else cue words only.
        write_tml: when set, a folder that receives each file's predictions as TimeML.

    Raises:
        InputError: no .tml file under ``tml_dir``.
    """
    from dateline.timex import tag_timexes  # imported on use, as the other eval commands do

    files = find_files(tml_dir)
    if not files:
        raise InputError("no .tml file found", str(tml_dir))
    nlp = None
    if parse:
        from dateline.nlp import load_model

        nlp = load_model()
    report = TimexReport(parsed=parse)
    started = time.perf_counter()
    for path in files:
        doc = read_timeml(path)
        parsed_doc = nlp(doc.text) if nlp is not None else None
        predicted = tag_timexes(doc.name, doc.text, anchor=doc.dct, doc=parsed_doc)
        counts = score_document(doc.gold, predicted)
        report.files[str(path.relative_to(tml_dir))] = counts
        report.total.add(counts)
        if write_tml is not None:
            write_prediction(write_tml / path.relative_to(tml_dir), doc, predicted)
    report.seconds = time.perf_counter() - started
    return report


def write_prediction(path: Path, doc: TimemlDoc, predicted: list[Timex]) -> None:
    """Write predictions as a minimal TimeML file (DCT + TEXT with TIMEX3 tags), for inspection."""
    pieces, cursor = [], 0
    for index, timex in enumerate(predicted, start=1):
        pieces.append(escape(doc.text[cursor : timex.start]))
        attrs = f'tid="t{index}" type={quoteattr(timex.type)} value={quoteattr(timex.value)}'
        pieces.append(f"<TIMEX3 {attrs}>{escape(timex.text)}</TIMEX3>")
        cursor = timex.end
    pieces.append(escape(doc.text[cursor:]))
    dct = doc.dct.isoformat()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        '<?xml version="1.0" ?>\n<TimeML>\n<DCT><TIMEX3 tid="t0" type="DATE" value="'
        + dct
        + '" functionInDocument="CREATION_TIME">'
        + dct
        + "</TIMEX3></DCT>\n<TEXT>"
        + "".join(pieces)
        + "</TEXT>\n</TimeML>\n",
        encoding="utf-8",
    )


def timex_command(
    tml_dir: Annotated[Path, typer.Argument(help="Folder of TimeML .tml files (searched recursively).")],
    out: Annotated[Path | None, typer.Option("--out", help="Write the scores as JSON to this file.")] = None,
    write_tml: Annotated[Path | None, typer.Option("--write-tml", help="Write predictions as TimeML here.")] = None,
    parse: Annotated[bool, typer.Option("--parse/--no-parse", help="Use the spaCy parse for tense.")] = True,
    per_file: Annotated[bool, typer.Option("--per-file/--overall-only", help="Print a row per file.")] = True,
) -> None:
    """Score temporal expression tagging (TempEval-3: strict/relaxed extent F1, type and value F1)."""
    from rich.console import Console
    from rich.table import Table

    report = evaluate(tml_dir, parse=parse, write_tml=write_tml)
    console = Console()
    if per_file:
        files = Table("file", "gold", "system", "strict F1", "relaxed F1", "value F1", title="per file")
        for name, counts in report.files.items():
            scores = counts.scores()
            files.add_row(name, str(counts.gold), str(counts.system),
                          *(f"{scores[k]:.1f}" for k in ("strict_f1", "relaxed_f1", "value_f1")))  # fmt: skip
        console.print(files)
    total = report.total.scores()
    overall = Table(
        "overall", "P", "R", "F1", "accuracy", title=f"{report.total.gold} gold, {report.total.system} system"
    )
    for kind in ("strict", "relaxed"):
        overall.add_row(f"{kind} extent", *(f"{total[f'{kind}_{k}']:.1f}" for k in ("p", "r", "f1")), "")
    for kind in ("type", "value"):
        overall.add_row(kind, "", "", f"{total[f'{kind}_f1']:.1f}", f"{total[f'{kind}_accuracy']:.1f}")
    console.print(overall)
    console.print(f"{len(report.files)} files in {report.seconds:.0f} s (tense from parse: {parse})")
    if out is not None:
        out.write_text(json.dumps(report.to_json(), indent=2), encoding="utf-8")
