"""Gold gate for timeline summarisation on Timeline17 (../shared/eval/tls-t17).

The gate scores three topics of different size and source (``GATE_TOPICS``, one not used for tuning)
with tilse's Python ROUGE ("reimpl"), so that it runs in a couple of minutes from a cold analysis cache
on a CI machine. The whole-dataset, published-comparable figures (19 timelines, Perl ROUGE) come from
``dateline eval tls`` and are in docs/EVALUATION.md. Floors live in floors.json under ``tls_t17_gate``
with a fingerprint of the gated gold timelines and keywords.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dateline.evaluate import tls

GoldFloors = Callable[..., dict[str, Any]]  # the gold_floors fixture (tests/gold/conftest.py)
GATE_TOPICS = ("H1N1_guardian", "MJ_bbc", "haiti_bbc")


@pytest.mark.gold
@pytest.mark.slow
def test_t17_gate_timelines_stay_above_floors(eval_dir: Path, tmp_path: Path, gold_floors: GoldFloors) -> None:
    folder = eval_dir / "tls-t17"
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent")
    gold = [p for t in GATE_TOPICS for p in (*folder.glob(f"{t}/timelines/*.txt"), folder / t / "keywords.json")]
    floors = gold_floors("tls_t17_gate", sorted(gold), folder)
    result = tls.evaluate(folder, tmp_path / "pred", rouge="reimpl", topics=GATE_TOPICS)
    assert len(result["timelines"]) == 3
    average = result["average"]
    for metric in ("ar1", "ar2", "date"):
        floor = float(floors[f"{metric}_f1"])
        assert average[metric]["f1"] >= floor, f"{metric} F1 {average[metric]['f1']:.4f} fell below {floor}"
