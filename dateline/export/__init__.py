"""Export stage: writers for each output format, chosen by name.

Input: a Story. Output: files in a directory. ``EXPORTERS`` maps a format name to its writer;
each writer takes ``(story, out_dir)`` and returns the path it wrote.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from dateline.export.html import write_html
from dateline.export.markdown import write_markdown
from dateline.export.story_json import write_json
from dateline.story import Story

Exporter = Callable[[Story, Path], Path]

EXPORTERS: dict[str, Exporter] = {
    "json": write_json,
    "markdown": write_markdown,
    "html": write_html,
}


def write_parquet(story: Story, out_dir: Path) -> Path:
    """Every table as Parquet (needs pyarrow): see dateline.export.parquet."""
    from dateline.export.parquet import write_parquet as write

    return write(story, out_dir)


EXPORTERS["parquet"] = write_parquet
DEFAULT_FORMATS = ("json", "markdown", "html")


def export_story(story: Story, out_dir: Path, formats: tuple[str, ...] = DEFAULT_FORMATS) -> list[Path]:
    """Write the story in each format; returns the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    return [EXPORTERS[name](story, out_dir) for name in formats]
