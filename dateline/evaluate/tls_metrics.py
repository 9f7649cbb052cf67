"""Timeline metrics as tilse and news-tls define them: alignment ROUGE-1/2 and date F1.

Input: a predicted and a gold timeline (day -> sentences). Output: precision/recall/F1 triples.
ROUGE uses tilse's many-to-one date-content alignment (``align_date_content_costs_many_to_one``,
Martschat & Markert 2017) with the Perl ROUGE-1.5.5 tilse bundles ("perl", needs Debian's
libxml-parser-perl) or tilse's faster Python re-implementation ("reimpl", ~4% lower on T17).
Averages follow news-tls: mean precision and mean recall over timelines, F1 from those two.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from datetime import date as Date
from functools import lru_cache
from typing import Any, Literal

logger = logging.getLogger(__name__)

RougeKind = Literal["perl", "reimpl"]


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1 (all in [0, 1])."""

    precision: float
    recall: float

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall (0 when both are 0)."""
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def as_dict(self) -> dict[str, float]:
        """``{"precision", "recall", "f1"}``."""
        return {**asdict(self), "f1": self.f1}


@dataclass(frozen=True)
class TimelineScores:
    """Alignment ROUGE-1, alignment ROUGE-2 and date selection of one timeline (or an average)."""

    rouge1: PRF
    rouge2: PRF
    dates: PRF

    def as_dict(self) -> dict[str, dict[str, float]]:
        """Nested dict for JSON."""
        return {"ar1": self.rouge1.as_dict(), "ar2": self.rouge2.as_dict(), "date": self.dates.as_dict()}


def date_prf(predicted: set[Date], gold: set[Date]) -> PRF:
    """Date selection precision/recall: exact day matches (news-tls ``evaluate_dates``)."""
    shared = len(predicted & gold)
    return PRF(shared / len(predicted) if predicted else 0.0, shared / len(gold) if gold else 0.0)


@lru_cache(maxsize=2)
def _evaluator(kind: RougeKind) -> Any:
    # Imported here: tilse (and its Perl ROUGE) is only needed to score, not to build timelines.
    from tilse.evaluation import rouge

    return rouge.TimelineRougeEvaluator(
        measures=["rouge_1", "rouge_2"], rouge_computation="original" if kind == "perl" else "reimpl"
    )


def alignment_rouge(
    predicted: dict[Date, list[str]], gold: dict[Date, list[str]], kind: RougeKind = "perl"
) -> tuple[PRF, PRF]:
    """Alignment-based ROUGE-1 and ROUGE-2 (tilse ``align_date_content_costs_many_to_one``).

    Args:
        predicted: day -> sentences (whitespace tokenised text is scored as given).
        gold: day -> sentences of one reference timeline.
        kind: "perl" (ROUGE-1.5.5, stemming and stop word removal as tilse sets them) or "reimpl".

    Returns:
        (ROUGE-1, ROUGE-2); both zero for an empty prediction.
    """
    if not predicted or not gold:
        return PRF(0.0, 0.0), PRF(0.0, 0.0)
    from tilse.data.timelines import GroundTruth, Timeline

    result = _evaluator(kind).evaluate_align_date_content_costs_many_to_one(
        Timeline(predicted), GroundTruth([Timeline(gold)])
    )
    r1, r2 = result["rouge_1"], result["rouge_2"]
    return PRF(r1["precision"], r1["recall"]), PRF(r2["precision"], r2["recall"])


def score_timeline(
    predicted: dict[Date, list[str]], gold: dict[Date, list[str]], kind: RougeKind = "perl"
) -> TimelineScores:
    """All three scores of one predicted timeline against one gold timeline."""
    rouge1, rouge2 = alignment_rouge(predicted, gold, kind)
    return TimelineScores(rouge1, rouge2, date_prf(set(predicted), set(gold)))


def average_scores(scores: list[TimelineScores]) -> TimelineScores:
    """news-tls averaging: mean precision and mean recall over timelines; F1 computed from those means."""
    if not scores:
        return TimelineScores(PRF(0.0, 0.0), PRF(0.0, 0.0), PRF(0.0, 0.0))

    def mean(pick: str) -> PRF:
        parts: list[PRF] = [getattr(s, pick) for s in scores]
        return PRF(sum(p.precision for p in parts) / len(parts), sum(p.recall for p in parts) / len(parts))

    return TimelineScores(mean("rouge1"), mean("rouge2"), mean("dates"))
