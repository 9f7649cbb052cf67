"""`dateline eval ...`: score each stage on public gold data (see dateline/evaluate/)."""

from __future__ import annotations

import typer

eval_app = typer.Typer(help="Score a stage on public gold data.", no_args_is_help=True)

# Each evaluate module holds a plain scoring function and a thin typer command, registered here.
