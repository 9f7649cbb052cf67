"""The Python API in one call: build a story from paths into an output folder."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from dateline.config import load_settings
from dateline.export import export_story
from dateline.pipeline import BuildReport, ProgressCallback, build
from dateline.store import STORE_NAME, Store


def build_story(
    paths: Sequence[Path | str],
    out: Path,
    config: Path | None = None,
    overrides: dict[str, Any] | None = None,
    meta: Path | None = None,
    on_progress: ProgressCallback | None = None,
) -> tuple[BuildReport, list[Path]]:
    """Build (or update) the story of ``paths`` in ``out`` and write story.json, timeline.md, timeline.html.

    Args:
        paths: files, folders or globs of articles.
        out: output folder; it holds the store ``dateline.sqlite``, so a rerun with more paths
            only processes the new articles.
        config: a dateline.toml; default ``out/dateline.toml`` when present.
        overrides: dotted settings, e.g. ``{"timeline.max_dates": 10}``.
        meta: sidecar metadata file.
        on_progress: ``(stage, done, total)`` callback.

    Returns:
        The build report and the paths written.

    Example:
        >>> report, files = build_story(["examples/demo-corpus"], Path("out"))
        >>> report.story.timeline[0].date
    """
    settings = load_settings(config or out / "dateline.toml", overrides)
    out.mkdir(parents=True, exist_ok=True)
    store = Store.open(out / STORE_NAME)
    try:
        kwargs: dict[str, Any] = {"meta": meta}
        if on_progress is not None:
            kwargs["on_progress"] = on_progress
        report = build(paths, settings, store, **kwargs)
    finally:
        store.close()
    written = export_story(report.story, out) if report.story is not None else []
    return report, [*written, out / STORE_NAME]
