"""What the CLI shows people: logging setup, a rich progress bar per stage, the summary table."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from types import TracebackType
from typing import NoReturn

import typer
from rich.console import Console
from rich.logging import RichHandler
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from dateline.errors import ConfigError, InputError
from dateline.pipeline import STAGES, BuildReport


class _JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return json.dumps({"level": record.levelname, "logger": record.name, "message": record.getMessage()})


def configure_logging(verbose: int, json_logs: bool, quiet: bool) -> None:
    """Logs to stderr: warnings by default, -v info, -vv debug; JSON lines with --json-logs."""
    level = logging.DEBUG if verbose >= 2 else logging.INFO if verbose == 1 else logging.WARNING
    if quiet and not verbose:
        level = logging.ERROR
    handler: logging.Handler
    if json_logs:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(_JsonFormatter())
    else:
        handler = RichHandler(console=Console(stderr=True), show_path=False, show_time=verbose >= 2)
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(level)
    for noisy in ("trafilatura", "htmldate", "distributed", "asyncio"):
        logging.getLogger(noisy).setLevel(max(level, logging.WARNING))


def fail(console: Console, exc: BaseException, verbose: int) -> NoReturn:
    """One red line ``ErrorType: message``; the traceback only with -vv. Exit 2 for bad usage."""
    if verbose >= 2:
        console.print_exception()
    console.print(f"[red]{type(exc).__name__}: {exc}[/red]")
    raise typer.Exit(2 if isinstance(exc, ConfigError | InputError) else 1)


class ProgressDisplay:
    """A rich progress bar with one task per stage; a callable ``(stage, done, total)``."""

    def __init__(self, console: Console, disabled: bool = False) -> None:
        self._progress = Progress(
            TextColumn("{task.description:>9}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=console, disable=disabled, transient=False,
        )
        self._tasks: dict[str, TaskID] = {}

    def __enter__(self) -> ProgressDisplay:
        self._progress.__enter__()
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None) -> None:
        self._progress.__exit__(kind, value, tb)

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage not in self._tasks:
            self._tasks[stage] = self._progress.add_task(stage, total=total or None)
        self._progress.update(self._tasks[stage], completed=done, total=total or None)


def print_summary(console: Console, report: BuildReport, written: list[Path]) -> None:
    """The end-of-run table: counts, skips by reason, seconds per stage, and where the files are."""
    story = report.story
    table = Table(title="dateline build", show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    rows = [
        ("articles read", report.articles_read),
        ("new this run", report.articles_new),
        ("duplicates", report.duplicates),
        ("analysed / reused", f"{report.analysed} / {report.reused}"),
        ("estimated dates", report.estimated_dates),
        ("entities", len(story.entities) if story else 0),
        ("quotes", len(story.quotes) if story else 0),
        ("events", len(story.events) if story else 0),
        ("timeline entries", len(story.timeline) if story else 0),
        ("skipped", len(report.skips)),
    ]
    for what, count in rows:
        table.add_row(what, str(count))
    for reason, count in sorted(report.skip_reasons().items()):
        table.add_row(f"  skipped: {reason}", str(count))
    for stage in STAGES:
        if stage in report.seconds:
            table.add_row(f"seconds: {stage}", f"{report.seconds[stage]:.2f}")
    console.print(table)
    for path in written:
        console.print(f"wrote {path}")


