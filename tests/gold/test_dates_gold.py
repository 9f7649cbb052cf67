"""Gold gates for publication dates: HTML pages (../shared/eval/html-dates) and Timeline17 plain text.

Floors live in floors.json under ``html_dates`` and ``text_dates_t17``, each with a fingerprint of the
data measured. The Timeline17 gate hides half of each topic's dates (seed 0) and then all of them, on
three topics (``GATE_TOPICS``) so that it runs in about a minute; the whole-dataset figures come from
``dateline eval text-dates`` and are in docs/EVALUATION.md.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from dateline.evaluate.dates import load_t17, score_html_dates, score_text_dates

FLOORS = Path(__file__).with_name("floors.json")
GATE_TOPICS = ("H1N1_guardian", "MJ_bbc", "haiti_bbc")


def _digest(paths: list[Path], root: Path) -> str:
    digest = hashlib.sha1()
    for path in paths:
        digest.update(str(path.relative_to(root)).encode("utf-8"))
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _floors(key: str) -> dict[str, float | str]:
    floors: dict[str, float | str] = json.loads(FLOORS.read_text(encoding="utf-8"))[key]
    return floors


@pytest.mark.gold
def test_html_dates_stay_above_floors(eval_dir: Path) -> None:
    folder = eval_dir / "html-dates"
    if not (folder / "test_set").is_dir():
        pytest.skip(f"{folder} is absent")
    floors = _floors("html_dates")
    paths = sorted(folder.glob("eval_*.json")) + sorted((folder / "test_set").glob("*.html"))
    assert _digest(paths, folder) == floors["fingerprint"], "gold data changed: re-measure before comparing"
    scores = score_html_dates(folder)
    assert scores.share >= float(floors["share"]), f"exact share {scores.share:.3f} fell below {floors['share']}"
    assert scores.dated_share >= float(floors["dated_share"])


@pytest.mark.gold
@pytest.mark.slow
def test_text_dates_stay_above_floors(eval_dir: Path, tmp_path: Path) -> None:
    folder = eval_dir / "tls-t17"
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent")
    floors = _floors("text_dates_t17_gate")
    for topic in GATE_TOPICS:
        (tmp_path / topic).symlink_to(folder / topic, target_is_directory=True)
    paths = [path for items in load_t17(tmp_path).values() for path, _ in items]
    assert _digest(paths, tmp_path) == floors["fingerprint"], "gold data changed: re-measure before comparing"
    for prefix, hide, collection in (("half", 0.5, True), ("all", 1.0, False)):
        figures = score_text_dates(tmp_path, hide=hide, seed=0, collection=collection).figures()
        for metric in ("within_3_days", "interval_coverage"):
            floor = float(floors[f"{prefix}_{metric}"])
            assert figures[metric] >= floor, f"{prefix} {metric} {figures[metric]:.3f} fell below {floor}"
