"""`dateline eval ...`: score each stage on public gold data (see dateline/evaluate/)."""

from __future__ import annotations

import typer

from dateline.evaluate import dates as _dates
from dateline.evaluate import extraction as _extraction
from dateline.evaluate import quotes as _quotes
from dateline.evaluate import timex as _timex
from dateline.evaluate import tls as _tls

eval_app = typer.Typer(help="Score a stage on public gold data.", no_args_is_help=True)

# Each evaluate module holds a plain scoring function and a thin typer command, registered here.
eval_app.command("tls")(_tls.tls_command)
eval_app.command("quotes")(_quotes.quotes_command)
eval_app.command("timex")(_timex.timex_command)
eval_app.command("extraction")(_extraction.extraction_command)
eval_app.command("html-dates")(_dates.html_dates_command)
eval_app.command("text-dates")(_dates.text_dates_command)
