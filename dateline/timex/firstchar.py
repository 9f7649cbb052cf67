"""First-character guards: a pattern that fails at once where no match can start, with the same matches.

Input: a compiled pattern; output: the same pattern behind a lookahead for the characters a match can open
with (``(?=[...])``), or the pattern unchanged when that set cannot be told. Speed: Python's ``re`` tries a
pattern at every offset, and a pattern opening with optional modifiers and long alternations ("the past",
"about", "some", a number word, ...) tries dozens of branches at each word boundary; one character-class test
rejects most offsets first (about half the tagging time on news text). Exact by construction: the class is
read from the pattern's own parse tree, is compiled under the same flags (so case folding is the same as
the pattern's), and anything the reader does not know (a negated class, ``.``, a back-reference, an
inline flag, a pattern that can match the empty string) leaves the pattern unguarded.
"""

from __future__ import annotations

import logging
import re
from re import _constants as sre  # type: ignore[attr-defined]  # parse-tree opcodes: no public API
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

logger = logging.getLogger(__name__)

_CATEGORIES = {sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_SPACE: r"\s", sre.CATEGORY_WORD: r"\w"}
_REPEATS = tuple(op for op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)) if op)


class _Unknown(Exception):
    """A construct whose first characters are not read: the pattern stays unguarded."""


def guarded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` behind a lookahead for its possible first characters (same matches, same groups).

    Args:
        pattern: a compiled ``str`` pattern.

    Returns:
        A new pattern with the same flags, groups and matches (offsets included), or ``pattern`` itself
        when its first characters cannot be told.
    """
    first = first_class(pattern)
    if first is None:
        logger.debug("no first-character guard for %.40r", pattern.pattern)
        return pattern
    try:
        return re.compile(f"(?={first})(?:{pattern.pattern})", pattern.flags)
    except re.error:  # e.g. a global inline flag, which must open the pattern
        return pattern


def first_class(pattern: re.Pattern[str]) -> str | None:
    """A character class (regex source) holding every character a match of ``pattern`` can start with, or None."""
    try:
        items, nullable = _first_of_sequence(sre_parse.parse(pattern.pattern, pattern.flags).data)
    except (_Unknown, AttributeError, TypeError, ValueError):  # AttributeError etc.: a future parse-tree layout
        return None
    if nullable or not items:
        return None  # the empty match can start anywhere
    return "[" + "".join(dict.fromkeys(items)) + "]"


def _first_of_sequence(sequence: list[tuple[Any, Any]]) -> tuple[list[str], bool]:
    """(class items of the first consumed character, whether the sequence can consume nothing)."""
    items: list[str] = []
    for op, arg in sequence:
        if op is sre.AT or op in (sre.ASSERT, sre.ASSERT_NOT):
            continue  # zero width: the first character is consumed by what follows
        first, nullable = _first_of_item(op, arg)
        items += first
        if not nullable:
            return items, False
    return items, True


def _first_of_item(op: Any, arg: Any) -> tuple[list[str], bool]:
    if op is sre.LITERAL:
        return [re.escape(chr(arg))], False
    if op is sre.IN:
        return [_class_item(item_op, item_arg) for item_op, item_arg in arg], False
    if op is sre.BRANCH:
        items: list[str] = []
        nullable = False
        for alternative in arg[1]:
            first, empty = _first_of_sequence(alternative.data)
            items += first
            nullable = nullable or empty
        return items, nullable
    if op is sre.SUBPATTERN:
        _group, add_flags, del_flags, sub = arg
        if add_flags or del_flags:
            raise _Unknown("inline flags")  # (?-i:...) would need its own class
        return _first_of_sequence(sub.data)
    if op in _REPEATS:
        low, _high, sub = arg
        first, nullable = _first_of_sequence(sub.data)
        return first, nullable or low == 0
    raise _Unknown(op)


def _class_item(op: Any, arg: Any) -> str:
    if op is sre.LITERAL:
        return re.escape(chr(arg))
    if op is sre.RANGE:
        return re.escape(chr(arg[0])) + "-" + re.escape(chr(arg[1]))
    if op is sre.CATEGORY and arg in _CATEGORIES:
        return _CATEGORIES[arg]
    raise _Unknown(op)  # a negated class or another category
