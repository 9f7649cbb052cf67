"""Command line: thin commands over the library (build, export, serve, eval)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from dateline.cli_eval import eval_app
from dateline.cli_render import ProgressDisplay, configure_logging, fail, print_summary

app = typer.Typer(
    help="Turn a pile of news articles into a dated, sourced timeline.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(eval_app, name="eval")
err = Console(stderr=True)
logger = logging.getLogger("dateline")

Verbose = Annotated[int, typer.Option("--verbose", "-v", count=True, help="-v info, -vv debug with tracebacks.")]


@app.command()
def build(
    paths: Annotated[list[Path], typer.Argument(help="Files, folders or globs of articles.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder (holds the store).")],
    meta: Annotated[Path | None, typer.Option(help="Sidecar CSV/JSONL: file|url,title,outlet,published.")] = None,
    max_dates: Annotated[int | None, typer.Option(help="Number of timeline dates.")] = None,
    sentences_per_date: Annotated[int | None, typer.Option(help="Sentences per timeline entry.")] = None,
    focus: Annotated[str | None, typer.Option(help="Query or entity to focus on, e.g. 'Khalilzad'.")] = None,
    engine: Annotated[str | None, typer.Option(help="local (default) or dask.")] = None,
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler address (tcp://host:8786).")] = None,
    config: Annotated[Path | None, typer.Option(help="dateline.toml (default: OUT/dateline.toml).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary.")] = False,
    json_logs: Annotated[bool, typer.Option(help="Logs as JSON lines on stderr.")] = False,
    verbose: Verbose = 0,
) -> None:
    """Read articles and write story.json, timeline.md, timeline.html and the store into OUT."""
    from dateline.api import build_story

    configure_logging(verbose, json_logs, quiet)
    overrides = {
        "timeline.max_dates": max_dates,
        "timeline.sentences_per_date": sentences_per_date,
        "timeline.focus": focus,
        "engine": engine,
        "scheduler": scheduler,
    }
    with ProgressDisplay(err, disabled=quiet or json_logs) as progress:
        try:
            report, written = build_story(
                paths, out, config=config, overrides=overrides, meta=meta, on_progress=progress
            )
        except Exception as exc:
            fail(err, exc, verbose)
    if not quiet:
        print_summary(err, report, written)
    if not report.ok:
        raise typer.Exit(1)


@app.command()
def export(
    out: Annotated[Path, typer.Argument(help="A build's output folder or its dateline.sqlite.")],
    parquet: Annotated[Path | None, typer.Option(help="Write every table as Parquet into this folder.")] = None,
    formats: Annotated[str, typer.Option(help="Comma-separated: json,markdown,html,parquet.")] = "json,markdown,html",
    verbose: Verbose = 0,
) -> None:
    """Re-export a built story (no processing)."""
    from dateline.export import export_story, write_parquet
    from dateline.store import Store

    configure_logging(verbose, False, False)
    try:
        store = Store.open(out)
        story = store.load_story()
        folder = out if out.is_dir() else out.parent
        written = export_story(story, folder, tuple(f for f in formats.split(",") if f and f != "parquet"))
        if parquet is not None or "parquet" in formats.split(","):
            written.append(write_parquet(story, parquet or folder / "parquet"))
    except Exception as exc:
        fail(err, exc, verbose)
    for path in written:
        typer.echo(str(path))


@app.command()
def serve(
    target: Annotated[Path, typer.Argument(help="A build's output folder or its dateline.sqlite.")],
    host: Annotated[str, typer.Option(help="Address to bind; localhost unless told otherwise.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
    verbose: Verbose = 0,
) -> None:
    """Serve the story as a local web app with an HTTP API."""
    configure_logging(verbose, False, False)
    try:
        from dateline.app import serve as run_server

        run_server(target, host=host, port=port)
    except Exception as exc:
        fail(err, exc, verbose)


def main() -> None:
    """Entry point for ``python -m dateline``."""
    app()
