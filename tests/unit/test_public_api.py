"""The public API: what `dateline.__all__` promises is importable and documented."""

from __future__ import annotations

import dateline


def test_every_exported_member_exists_and_has_a_docstring() -> None:
    for name in dateline.__all__:
        member = getattr(dateline, name)
        if name != "__version__":
            assert member.__doc__, f"dateline.{name} has no docstring"


def test_exports_are_sorted_and_unique() -> None:
    assert list(dateline.__all__) == sorted(set(dateline.__all__))
