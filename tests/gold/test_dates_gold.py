"""Gold gates for publication dates: HTML pages (../shared/eval/html-dates) and Timeline17 plain text.

Floors live in floors.json under ``html_dates`` and ``text_dates_t17``, each with a fingerprint of the
data measured. The Timeline17 gate hides half of each topic's dates (seed 0) and then all of them, on
three topics (``GATE_TOPICS``) so that it runs in about a minute; the whole-dataset figures come from
``dateline eval text-dates`` and are in docs/EVALUATION.md.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dateline.evaluate.dates import load_t17, score_html_dates, score_text_dates

GATE_TOPICS = ("H1N1_guardian", "MJ_bbc", "haiti_bbc")
GoldFloors = Callable[..., dict[str, Any]]  # the gold_floors fixture (tests/gold/conftest.py)


@pytest.mark.gold
def test_html_dates_stay_above_floors(eval_dir: Path, gold_floors: GoldFloors) -> None:
    folder = eval_dir / "html-dates"
    if not (folder / "test_set").is_dir():
        pytest.skip(f"{folder} is absent")
    paths = sorted(folder.glob("eval_*.json")) + sorted((folder / "test_set").glob("*.html"))
    floors = gold_floors("html_dates", paths, folder)
    scores = score_html_dates(folder)
    assert scores.share >= float(floors["share"]), f"exact share {scores.share:.3f} fell below {floors['share']}"
    assert scores.dated_share >= float(floors["dated_share"])


@pytest.mark.gold
@pytest.mark.slow
def test_text_dates_stay_above_floors(eval_dir: Path, tmp_path: Path, gold_floors: GoldFloors) -> None:
    folder = eval_dir / "tls-t17"
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent")
    for topic in GATE_TOPICS:
        (tmp_path / topic).symlink_to(folder / topic, target_is_directory=True)
    paths = [path for items in load_t17(tmp_path).values() for path, _ in items]
    floors = gold_floors("text_dates_t17_gate", paths, tmp_path)
    for prefix, hide, collection in (("half", 0.5, True), ("all", 1.0, False)):
        figures = score_text_dates(tmp_path, hide=hide, seed=0, collection=collection).figures()
        for metric in ("within_3_days", "interval_coverage"):
            floor = float(floors[f"{prefix}_{metric}"])
            assert figures[metric] >= floor, f"{prefix} {metric} {figures[metric]:.3f} fell below {floor}"
