"""Exceptions raised by dateline.

    DatelineError
    ├── InputError(reason)   an input file or record cannot be used; the run skips it
    ├── ConfigError          a bad setting; names the key
    ├── ModelError           the spaCy model (or another optional model) is not installed
    └── StoreError           the SQLite store cannot be opened or written
"""

from __future__ import annotations


class DatelineError(Exception):
    """Base of every error dateline raises on purpose."""


class InputError(DatelineError):
    """An input cannot be used. ``reason`` is shown to the user next to the source."""

    def __init__(self, reason: str, source: str = "") -> None:
        super().__init__(f"{source}: {reason}" if source else reason)
        self.reason = reason
        self.source = source


class ConfigError(DatelineError):
    """A setting is invalid; the message names the key."""


class ModelError(DatelineError):
    """A required model is missing; the message says what to install."""


class StoreError(DatelineError):
    """The store cannot be opened, read or written."""
