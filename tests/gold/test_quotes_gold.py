"""Gold gate for quote and speaker extraction: the PolNeAR dev split (../shared/eval/quotes-polnear/dev).

Floors live in floors.json under ``quotes_polnear_dev`` with a fingerprint of the split's files; the
scoring is ``dateline eval quotes`` (dateline/evaluate/quotes.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dateline.evaluate.quotes import evaluate

GoldFloors = Callable[..., dict[str, Any]]  # the gold_floors fixture (tests/gold/conftest.py)
BLOCKS = {"direct+partial": "direct", "speech": "speech"}


@pytest.mark.gold
@pytest.mark.slow
def test_quotes_stay_above_floors_on_polnear_dev(eval_dir: Path, gold_floors: GoldFloors) -> None:
    split = eval_dir / "quotes-polnear" / "dev"
    if not (split / "attributions").is_dir():
        pytest.skip(f"{split} is absent")
    files = sorted([*split.glob("text/*.txt"), *split.glob("attributions/*.ann")])
    floors = gold_floors("quotes_polnear_dev", files, split)
    result = evaluate(split)
    for block, key in BLOCKS.items():
        scores = result.blocks[block].scores()
        for metric in ("f1", "speaker_accuracy"):
            floor = float(floors[f"{key}_{metric}"])
            assert scores[metric] >= floor, f"{block} {metric} {scores[metric]:.3f} fell below {floor}"
