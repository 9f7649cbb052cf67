"""Gold gate for quote and speaker extraction: the PolNeAR dev split (../shared/eval/quotes-polnear/dev).

Floors live in floors.json under ``quotes_polnear_dev`` with a fingerprint of the split's files; the
scoring is ``dateline eval quotes`` (dateline/evaluate/quotes.py).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from dateline.evaluate.quotes import evaluate

FLOORS = Path(__file__).with_name("floors.json")
BLOCKS = {"direct+partial": "direct", "speech": "speech"}


def split_fingerprint(split: Path) -> str:
    """SHA-1 over the split's text and annotation files (relative path and bytes, sorted)."""
    digest = hashlib.sha1()
    for path in sorted([*split.glob("text/*.txt"), *split.glob("attributions/*.ann")]):
        digest.update(str(path.relative_to(split)).encode("utf-8"))
        digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.mark.gold
@pytest.mark.slow
def test_quotes_stay_above_floors_on_polnear_dev(eval_dir: Path) -> None:
    split = eval_dir / "quotes-polnear" / "dev"
    if not (split / "attributions").is_dir():
        pytest.skip(f"{split} is absent")
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))["quotes_polnear_dev"]
    assert split_fingerprint(split) == floors["fingerprint"], "gold data changed: re-measure before comparing"
    result = evaluate(split)
    for block, key in BLOCKS.items():
        scores = result.blocks[block].scores()
        for metric in ("f1", "speaker_accuracy"):
            floor = float(floors[f"{key}_{metric}"])
            assert scores[metric] >= floor, f"{block} {metric} {scores[metric]:.3f} fell below {floor}"
