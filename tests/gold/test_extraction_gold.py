"""Gold gate for HTML body extraction: the Zyte article-extraction benchmark (../shared/eval/html-extraction).

Floors live in floors.json under ``html_extraction`` with a fingerprint of the data they were measured
on. Scored as the benchmark's evaluate.py does (4-token shingles, per-page P/R averaged, F1 of the means).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from dateline.evaluate.extraction import score_extraction

FLOORS = Path(__file__).with_name("floors.json")
KEY = "html_extraction"


def fingerprint(folder: Path) -> str:
    """sha1 over ground-truth.json and every page, in name order."""
    digest = hashlib.sha1((folder / "ground-truth.json").read_bytes())
    for path in sorted((folder / "html").glob("*.html.gz")):
        digest.update(path.name.encode("utf-8"))
        digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.mark.gold
@pytest.mark.slow
def test_body_extraction_stays_above_floors(eval_dir: Path) -> None:
    folder = eval_dir / "html-extraction"
    if not (folder / "ground-truth.json").is_file():
        pytest.skip(f"{folder} is absent")
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))[KEY]
    assert fingerprint(folder) == floors["fingerprint"], "gold data changed: re-measure before comparing"
    for cleaned, key in ((False, "f1"), (True, "f1_cleaned")):
        f1 = score_extraction(folder, cleaned=cleaned).figures()["f1"]
        assert f1 >= floors[key], f"{key} {f1:.4f} fell below {floors[key]}"
