"""Shared fixtures: the spaCy model (loaded once) and the ../shared folder (skipped when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from dateline.errors import ModelError

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The spaCy pipeline dateline uses; tests skip with a reason when no model is installed."""
    from dateline.nlp import load_model

    try:
        return load_model()
    except ModelError as exc:
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The project's ../shared folder (seeds and gold data); tests skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent")
    return SHARED


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    """The five seed articles."""
    path = shared_dir / "corpora" / "seeds"
    if not path.is_dir():
        pytest.skip(f"{path} is absent")
    return path


@pytest.fixture(scope="session")
def eval_dir(shared_dir: Path) -> Path:
    """Public gold data."""
    path = shared_dir / "eval"
    if not path.is_dir():
        pytest.skip(f"{path} is absent")
    return path
