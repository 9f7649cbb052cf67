"""Gold gate for the time stage: TempEval-3 scores on TBAQ-cleaned (../shared/eval/timex-tempeval3).

Floors live in floors.json under ``timex_tempeval3`` with a fingerprint of the data they were
measured on; a different data set fails loudly instead of comparing against the wrong floors.
Runs without the spaCy parse (tense from cue words) so it takes seconds, not minutes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dateline.evaluate.timex import evaluate, find_files

GoldFloors = Callable[..., dict[str, Any]]  # the gold_floors fixture (tests/gold/conftest.py)
KEY = "timex_tempeval3"


@pytest.mark.gold
def test_timex_scores_stay_above_floors(eval_dir: Path, gold_floors: GoldFloors) -> None:
    tml_dir = eval_dir / "timex-tempeval3" / "TBAQ-cleaned"
    if not tml_dir.is_dir():
        pytest.skip(f"{tml_dir} is absent")
    floors = gold_floors(KEY, find_files(tml_dir), tml_dir)
    scores = evaluate(tml_dir, parse=False).total.scores()
    for metric in ("strict_f1", "relaxed_f1", "value_f1", "type_f1"):
        assert scores[metric] >= floors[metric], f"{metric} {scores[metric]} fell below {floors[metric]}"
