"""Gold gate for the time stage: TempEval-3 scores on TBAQ-cleaned (../shared/eval/timex-tempeval3).

Floors live in floors.json under ``timex_tempeval3`` with a fingerprint of the data they were
measured on; a different data set fails loudly instead of comparing against the wrong floors.
Runs without the spaCy parse (tense from cue words) so it takes seconds, not minutes.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from dateline.evaluate.timex import evaluate, find_files

FLOORS = Path(__file__).with_name("floors.json")
KEY = "timex_tempeval3"


def fingerprint(tml_dir: Path) -> str:
    """sha1 over the relative path and bytes of every .tml file scored (the files ``evaluate`` reads)."""
    digest = hashlib.sha1()
    for path in find_files(tml_dir):
        digest.update(str(path.relative_to(tml_dir)).encode("utf-8"))
        digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.mark.gold
def test_timex_scores_stay_above_floors(eval_dir: Path) -> None:
    tml_dir = eval_dir / "timex-tempeval3" / "TBAQ-cleaned"
    if not tml_dir.is_dir():
        pytest.skip(f"{tml_dir} is absent")
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))[KEY]
    assert fingerprint(tml_dir) == floors["fingerprint"], "gold data changed: re-measure before comparing"
    scores = evaluate(tml_dir, parse=False).total.scores()
    for metric in ("strict_f1", "relaxed_f1", "value_f1", "type_f1"):
        assert scores[metric] >= floors[metric], f"{metric} {scores[metric]} fell below {floors[metric]}"
