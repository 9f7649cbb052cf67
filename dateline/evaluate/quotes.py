"""`dateline eval quotes`: quote and speaker extraction scored on a PolNeAR split.

Input: a split folder (``text/<name>.txt``, ``attributions/<name>_<annotator>.ann`` in brat standoff:
Source, Cue, Content spans joined by an Attribution event). Output: two score blocks, as
../shared/eval/README.md defines them: direct+partial quotes (gold content holds a double quote mark)
and all speech attributions (gold cue is a verb or noun of saying). A prediction matches a gold
attribution when their content overlaps by at least half of the shorter one (one-to-one, largest
overlap first); a matched quote's speaker is right when its mention overlaps the gold Source, or when
a pronoun speaker resolves to a name the Source holds. Predictions that match only gold outside the
block (a belief cue, a ``Discuss`` span) are not counted. Articles with several annotators count once:
each annotator's counts get weight 1/annotators. The extractor is ``dateline.quotes.extract_quotes``.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, TextIO

import typer
from spacy.tokens import Doc

from dateline import nlp as nlp_stage
from dateline import quotes
from dateline.config import QuoteSettings
from dateline.errors import InputError
from dateline.quotes.cues import has_quote_mark, lexicon
from dateline.quotes.direct import find_quote_spans
from dateline.records import Article, Quote

logger = logging.getLogger(__name__)

Ranges = list[tuple[int, int]]
BLOCKS = ("direct+partial", "speech")
ERROR_CLASSES = ("missed", "spurious", "wrong span", "wrong speaker")
# Gold cues that make an attribution "speech": lemmas of English verbs and nouns of saying, writing
# and announcing (VerbNet say/tell/complain/manner-of-speaking classes). Fixed; not tuned on the data.
SAYING_LEMMAS = lexicon(
    """
    say tell add state claim argue announce explain note write tweet post report reply respond
    answer ask insist declare warn promise vow pledge admit acknowledge concede deny confirm reveal
    predict recall suggest urge complain joke boast contend assert maintain remark comment observe
    mention conclude repeat reiterate emphasize emphasise stress testify allege charge counter
    retort quip lament shout scream whisper recount caution assure inform disclose proclaim question
    demand propose recommend accuse criticize criticise praise blame threaten affirm brag clarify
    dispute interject protest rebut swear underscore describe call accord quote cite speak talk tout
    urge statement remark comment claim announcement interview speech tweet testimony assertion
    argument warning promise pledge admission allegation accusation message declaration word letter
    email
    """
)
_PRONOUNS = frozenset(["he", "she", "i", "we", "they", "who", "him", "her", "it", "you"])


@dataclass
class GoldAttribution:
    """One annotated attribution: content, source and cue ranges (character offsets, end exclusive)."""

    content: Ranges
    source: Ranges
    cue: Ranges
    quoted: bool = False
    speech: bool = False


@dataclass
class BlockCounts:
    """Weighted counts of one score block."""

    tp: float = 0.0
    fp: float = 0.0
    fn: float = 0.0
    speaker_right: float = 0.0
    speaker_judged: float = 0.0
    ignored: float = 0.0  # predictions matching only gold outside the block (not counted either way)
    errors: dict[str, float] = field(default_factory=lambda: dict.fromkeys(ERROR_CLASSES, 0.0))

    def scores(self) -> dict[str, float]:
        """Precision, recall, F1 and speaker accuracy."""
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        acc = self.speaker_right / self.speaker_judged if self.speaker_judged else 0.0
        return {"precision": p, "recall": r, "f1": f1, "speaker_accuracy": acc}

    def error_shares(self) -> dict[str, float]:
        """Share of each error class among all errors."""
        total = sum(self.errors.values())
        return {k: (v / total if total else 0.0) for k, v in self.errors.items()}


def read_ann(path: Path) -> tuple[list[GoldAttribution], Ranges]:
    """Attributions and ``Discuss`` spans of one brat ``.ann`` file.

    Raises:
        InputError: when an event refers to a span that is not defined.
    """
    spans: dict[str, tuple[str, Ranges]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2 and " " in fields[1]:
            label, offsets = fields[1].split(" ", 1)
            ranges = [(int(a), int(b)) for a, b in (chunk.split() for chunk in offsets.split(";"))]
            spans[fields[0]] = (label, ranges)
        elif line.startswith("E") and len(fields) >= 2:
            events.append(dict(part.split(":", 1) for part in fields[1].split() if ":" in part))
    gold = []
    for event in events:
        roles: dict[str, Ranges] = {"Content": [], "Source": [], "Cue": []}
        for role, ref in event.items():
            base = re.sub(r"\d+$", "", role)
            if base in roles:
                if ref not in spans:
                    raise InputError(f"event refers to undefined span {ref}", source=str(path))
                roles[base].extend(spans[ref][1])
        if roles["Content"]:
            gold.append(GoldAttribution(content=sorted(roles["Content"]), source=roles["Source"], cue=roles["Cue"]))
    discuss = [r for label, ranges in spans.values() if label == "Discuss" for r in ranges]
    return gold, discuss


def iter_split(split_dir: Path) -> Iterator[tuple[str, str, list[Path]]]:
    """(name, text, annotation files) for each article of a split that has annotations."""
    by_name: dict[str, list[Path]] = {}
    for ann in sorted((split_dir / "attributions").glob("*.ann")):
        by_name.setdefault(ann.stem.rsplit("_", 1)[0], []).append(ann)
    if not by_name:
        raise InputError(f"no .ann files under {split_dir / 'attributions'}")
    for name, anns in sorted(by_name.items()):
        text_path = split_dir / "text" / f"{name}.txt"
        if text_path.exists():
            yield name, text_path.read_text(encoding="utf-8"), anns


def label_gold(gold: list[GoldAttribution], text: str, doc: Doc) -> None:
    """Mark each attribution as quoted (content holds a double quote mark) and as speech (cue lemma)."""
    for item in gold:
        item.quoted = any(has_quote_mark(text[a:b]) for a, b in item.content)
        lemmas: set[str] = set()
        for a, b in item.cue:
            span = doc.char_span(a, b, alignment_mode="expand")
            lemmas.update(t.lemma_.lower() for t in span or [])
        item.speech = bool(lemmas & SAYING_LEMMAS)


def _overlap(a: Ranges, b: Ranges) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def _length(ranges: Ranges) -> int:
    return sum(e - s for s, e in ranges)


def _matches(pred: Ranges, gold: Ranges) -> bool:
    return _overlap(pred, gold) * 2 >= min(_length(pred), _length(gold)) > 0


def _content_of(quote: Quote, quotations: Ranges) -> Ranges:
    """A direct quote's words are those inside quote marks (a quote split by its cue skips the cue)."""
    if quote.kind != "direct":
        return [(quote.start, quote.end)]
    inside = [(max(a, quote.start), min(b, quote.end)) for a, b in quotations if a < quote.end and quote.start < b]
    return inside or [(quote.start, quote.end)]


def _speaker_right(quote: Quote, gold: GoldAttribution, text: str) -> bool:
    mention = (quote.speaker_start, quote.speaker_end)
    if mention[0] is not None and mention[1] is not None and _overlap([(mention[0], mention[1])], gold.source):
        return True
    if quote.speaker_text and quote.speaker_text.lower() in _PRONOUNS and quote.speaker_name:
        source_words = {w.lower() for a, b in gold.source for w in re.findall(r"[\w-]+", text[a:b])}
        return quote.speaker_name.split()[-1].lower() in source_words
    return False


def score_article(
    predicted: list[Quote], gold: list[GoldAttribution], discuss: Ranges, text: str, block: str
) -> BlockCounts:
    """Counts of one block for one annotator's file (weight 1).

    Args:
        predicted: the extractor's quotes for the article.
        gold: the annotator's attributions, labelled by ``label_gold``.
        discuss: ``Discuss`` spans (predictions matching them are not counted).
        text: the article text.
        block: "direct+partial" or "speech".
    """
    in_block = [g for g in gold if (g.quoted if block == "direct+partial" else g.speech)]
    others = [g.content for g in gold if g not in in_block] + [[r] for r in discuss]
    quotations = [(span.start, span.end) for span in find_quote_spans(text)]
    preds = [q for q in predicted if block == "speech" or q.kind in ("direct", "partial")]
    contents = [_content_of(q, quotations) for q in preds]
    counts = BlockCounts()
    matched = _match(contents, [g.content for g in in_block])
    for i, j in matched.items():
        counts.tp += 1
        if in_block[j].source:
            right = _speaker_right(preds[i], in_block[j], text)
            counts.speaker_judged += 1
            counts.speaker_right += right
            counts.errors["wrong speaker"] += not right
    for i, content in enumerate(contents):
        if i in matched:
            continue
        if any(_matches(content, o) for o in others):
            counts.ignored += 1
            continue
        counts.fp += 1
        counts.errors["wrong span" if any(_overlap(content, g.content) for g in in_block) else "spurious"] += 1
    hit = set(matched.values())
    for j, g in enumerate(in_block):
        if j not in hit:
            counts.fn += 1
            counts.errors["wrong span" if any(_overlap(c, g.content) for c in contents) else "missed"] += 1
    return counts


def _match(predicted: list[Ranges], gold: list[Ranges]) -> dict[int, int]:
    """One-to-one matches (prediction index -> gold index), largest overlap first."""
    pairs = sorted(
        ((_overlap(p, g), i, j) for i, p in enumerate(predicted) for j, g in enumerate(gold) if _matches(p, g)),
        reverse=True,
    )
    matched: dict[int, int] = {}
    used: set[int] = set()
    for _, i, j in pairs:
        if i not in matched and j not in used:
            matched[i] = j
            used.add(j)
    return matched


def _add(total: BlockCounts, part: BlockCounts, weight: float) -> None:
    total.tp += weight * part.tp
    total.fp += weight * part.fp
    total.fn += weight * part.fn
    total.speaker_right += weight * part.speaker_right
    total.speaker_judged += weight * part.speaker_judged
    total.ignored += weight * part.ignored
    for key, value in part.errors.items():
        total.errors[key] += weight * value


@dataclass
class QuoteEvaluation:
    """Scores of a split: counts per block, articles, words and quotes-stage seconds."""

    blocks: dict[str, BlockCounts]
    articles: int
    words: int
    seconds: float

    def as_dict(self) -> dict[str, object]:
        """JSON-ready figures."""
        return {
            "articles": self.articles,
            "words_per_second": self.words / self.seconds if self.seconds else 0.0,
            **{b: {**c.scores(), "errors": c.error_shares(), "ignored": c.ignored} for b, c in self.blocks.items()},
        }


def evaluate(split_dir: Path, limit: int = 0, dump: Path | None = None) -> QuoteEvaluation:
    """Run the extractor over a PolNeAR split and score it.

    Args:
        split_dir: folder with ``text/`` and ``attributions/``.
        limit: score only the first N articles (0 = all).
        dump: optional JSONL file receiving each article's predictions and gold, for error analysis.

    Returns:
        Weighted counts per block, and the quotes stage's own time (the spaCy parse excluded).
    """
    nlp = nlp_stage.load_model()
    blocks = {b: BlockCounts() for b in BLOCKS}
    articles = words = 0
    seconds = 0.0
    out = dump.open("w", encoding="utf-8") if dump else None
    try:
        for name, text, anns in iter_split(split_dir):
            if limit and articles >= limit:
                break
            doc = nlp_stage.parse(nlp, text)
            article = Article(id=name, source=name, text=text)
            mentions = nlp_stage.mentions_of(name, doc, nlp)
            began = time.perf_counter()
            predicted = quotes.extract_quotes(article, doc, mentions, [], QuoteSettings())
            seconds += time.perf_counter() - began
            articles += 1
            words += len(text.split())
            for ann in anns:
                gold, discuss = read_ann(ann)
                label_gold(gold, text, doc)
                for block in BLOCKS:
                    _add(blocks[block], score_article(predicted, gold, discuss, text, block), 1 / len(anns))
                if out:
                    _dump(out, name, ann.stem, predicted, gold)
    finally:
        if out:
            out.close()
    return QuoteEvaluation(blocks=blocks, articles=articles, words=words, seconds=seconds)


def _dump(out: TextIO, name: str, annotator: str, predicted: list[Quote], gold: list[GoldAttribution]) -> None:
    record = {
        "article": name,
        "annotator": annotator,
        "predicted": [q.model_dump(mode="json", exclude={"sources", "date"}) for q in predicted],
        "gold": [g.__dict__ for g in gold],
    }
    out.write(json.dumps(record) + "\n")


def quotes_command(
    split_dir: Annotated[Path, typer.Argument(help="A PolNeAR split folder (text/, attributions/).")],
    limit: Annotated[int, typer.Option(help="Score only the first N articles (0 = all).")] = 0,
    dump: Annotated[Path | None, typer.Option(help="Write predictions and gold per article (JSONL).")] = None,
) -> None:
    """Score quote and speaker extraction (P/R/F1, speaker accuracy, error classes) on PolNeAR."""
    from rich.console import Console
    from rich.table import Table

    result = evaluate(split_dir, limit, dump)
    scores = Table("block", "P", "R", "F1", "speaker acc", "gold", "ignored", title=f"quotes: {split_dir}")
    errors = Table("block", *ERROR_CLASSES, title="share of errors by class")
    for block, counts in result.blocks.items():
        s, e = counts.scores(), counts.error_shares()
        figures = (f"{s[k]:.3f}" for k in ("precision", "recall", "f1", "speaker_accuracy"))
        scores.add_row(block, *figures, f"{counts.tp + counts.fn:.0f}", f"{counts.ignored:.0f}")
        errors.add_row(block, *(f"{e[k]:.0%}" for k in ERROR_CLASSES))
    console = Console()
    console.print(scores)
    console.print(errors)
    rate = result.words / result.seconds if result.seconds else 0.0
    console.print(f"{result.articles} articles, quotes stage {rate:,.0f} words/s (spaCy parse excluded)")
