"""Gold gate for timeline summarisation on Timeline17 (../shared/eval/tls-t17), all 19 gold timelines.

Floors live in floors.json under ``tls_t17`` with a fingerprint of the gold timelines and keywords. The
gate scores with tilse's Python ROUGE ("reimpl": 1-2 min with a warm cache; Perl ROUGE: 8-18 min); the
published-comparable Perl figures are in the issue's closing note. With a cold analysis cache the
temporal tagging of 4,650 articles comes first (22 minutes wall on the shared 2-core machine).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from dateline.evaluate import tls

FLOORS = Path(__file__).with_name("floors.json")


def _fingerprint(folder: Path) -> str:
    digest = hashlib.sha1()
    for path in sorted([*folder.glob("*/timelines/*.txt"), *folder.glob("*/keywords.json")]):
        digest.update(str(path.relative_to(folder)).encode("utf-8"))
        digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.mark.gold
@pytest.mark.slow
def test_t17_timelines_stay_above_floors(eval_dir: Path, tmp_path: Path) -> None:
    folder = eval_dir / "tls-t17"
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent")
    floors: dict[str, float | str] = json.loads(FLOORS.read_text(encoding="utf-8"))["tls_t17"]
    assert _fingerprint(folder) == floors["fingerprint"], "gold data changed: re-measure before comparing"
    result = tls.evaluate(folder, tmp_path / "pred", rouge="reimpl")
    assert len(result["timelines"]) == 19
    average = result["average"]
    for metric in ("ar1", "ar2", "date"):
        floor = float(floors[f"{metric}_f1"])
        assert average[metric]["f1"] >= floor, f"{metric} F1 {average[metric]['f1']:.4f} fell below {floor}"
