"""dateline: turn a pile of news articles into a dated, sourced timeline.

    >>> from dateline import build_story
    >>> report, files = build_story(["examples/demo-corpus"], Path("out"))
"""

from __future__ import annotations

import logging

from dateline.api import build_story
from dateline.config import Settings, load_settings
from dateline.errors import ConfigError, DatelineError, InputError, ModelError, StoreError
from dateline.pipeline import BuildReport, build
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
from dateline.store import Store
from dateline.story import Story

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
