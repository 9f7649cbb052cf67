"""The gold gates' floors (floors.json), each checked against a fingerprint of the data it was measured on."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

FLOORS = Path(__file__).with_name("floors.json")
GoldFloors = Callable[[str, Iterable[Path], Path], dict[str, Any]]


def fingerprint(paths: Iterable[Path], root: Path) -> str:
    """SHA-1 over each file's path relative to ``root`` and its bytes, in the order given."""
    digest = hashlib.sha1()
    for path in paths:
        digest.update(str(path.relative_to(root)).encode("utf-8"))
        digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture
def gold_floors() -> GoldFloors:
    """``gold_floors(key, paths, root)``: the floors under ``key``, after checking the data is what they were
    measured on (a different data set fails loudly instead of being compared with the wrong floors)."""

    def load(key: str, paths: Iterable[Path], root: Path) -> dict[str, Any]:
        floors: dict[str, Any] = json.loads(FLOORS.read_text(encoding="utf-8"))[key]
        assert fingerprint(paths, root) == floors["fingerprint"], "gold data changed: re-measure before comparing"
        return floors

    return load
