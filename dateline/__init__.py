"""dateline: turn a pile of news articles into a dated, sourced timeline.

    >>> from dateline import build_story
    >>> report, files = build_story(["examples/demo-corpus"], Path("out"))
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from dateline.config import Settings, load_settings
from dateline.errors import ConfigError, DatelineError, InputError, ModelError, StoreError
from dateline.records import (
    Article,
    ArticleAnalysis,
    Entity,
    Event,
    Mention,
    Quote,
    Sentence,
    Skip,
    TimelineEntry,
    Timex,
)

if TYPE_CHECKING:
    from dateline.api import build_story
    from dateline.pipeline import BuildReport, build
    from dateline.store import Store
    from dateline.story import Story

# The pipeline pulls in spaCy and scikit-learn (seconds to import); the web app and the records do not
# need them, so these names load on first use (PEP 562).
_LAZY = {
    "build_story": "dateline.api",
    "BuildReport": "dateline.pipeline",
    "build": "dateline.pipeline",
    "Store": "dateline.store",
    "Story": "dateline.story",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'dateline' has no attribute {name!r}")


logging.getLogger(__name__).addHandler(logging.NullHandler())

__version__ = "0.1.0"
__all__ = [
    "Article",
    "ArticleAnalysis",
    "BuildReport",
    "ConfigError",
    "DatelineError",
    "Entity",
    "Event",
    "InputError",
    "Mention",
    "ModelError",
    "Quote",
    "Sentence",
    "Settings",
    "Skip",
    "Store",
    "StoreError",
    "Story",
    "TimelineEntry",
    "Timex",
    "__version__",
    "build",
    "build_story",
    "load_settings",
]
