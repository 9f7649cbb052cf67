"""Role nouns: "NATO Secretary General Jens Stoltenberg" links a role to a name.

Used by the entities stage to learn role aliases from appositions in the text, and to resolve a
speaker given only as a role ("the NATO chief", "the US envoy") to the person holding it.
Hand-written: no library links English role descriptions to names; the lexicon below is
general English vocabulary of office and function, not names from any corpus.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Heads of role phrases: offices and functions that news writers use in place of a name.
ROLE_HEADS = frozenset(
    [
        "president", "minister", "secretary", "envoy", "ambassador", "representative", "spokesman", "spokeswoman",
        "spokesperson", "chief", "head", "leader", "chairman", "chairwoman", "chair", "director", "commander",
        "general", "governor", "mayor", "senator", "negotiator", "mediator", "official", "officer", "adviser",
        "advisor", "premier", "chancellor", "prosecutor", "judge", "ceo", "founder", "diplomat", "lawmaker",
        "deputy", "counsel", "coordinator", "administrator", "king", "queen", "prince",
    ]
)
# Heads that stand for any top office ("the NATO chief" = its Secretary General).
GENERIC_HEADS = frozenset({"chief", "head", "leader", "boss", "official"})
# Words that describe but do not restrict a role ("special", "senior").
SOFT_MODIFIERS = frozenset({"special", "senior", "top", "former", "acting", "deputy", "new", "the", "a", "an", "s"})
_CONNECTORS = {"of", "for", "the", "and", "on", "to"}
_TOKEN = re.compile(r"[\w.&’'-]+")


@dataclass(frozen=True)
class Role:
    """A role phrase reduced to its head noun and its restricting modifiers."""

    phrase: str
    head: str
    modifiers: frozenset[str]


def parse_role(phrase: str) -> Role | None:
    """Reduce a role phrase to head and modifiers, or None when it has no role head.

    The head is the last role word, except a trailing "General" ("NATO Secretary General" → head
    ``secretary``, modifiers ``{nato}``).
    """
    words = [w.lower().strip(".'’") for w in _TOKEN.findall(phrase)]
    words = [w for w in words if w and w not in _CONNECTORS]
    heads = [w for w in words if w in ROLE_HEADS]
    if not heads:
        return None
    modifiers = frozenset(w for w in words if w not in ROLE_HEADS and w not in SOFT_MODIFIERS)
    return Role(phrase=phrase.strip(), head=heads[-1] if heads[-1] != "general" else heads[0], modifiers=modifiers)


def role_before(text: str, start: int, floor: int = 0) -> str | None:
    """The role phrase written right before a name ("US Special Envoy| Zalmay Khalilzad"), or None.

    Args:
        text: the article text.
        start: offset of the name.
        floor: the phrase may not start before this offset (the end of the previous person's name).
    """
    line_start = max(text.rfind("\n", 0, start), text.rfind(". ", 0, start), text.rfind(", ", 0, start)) + 1
    line_start = max(line_start, floor)
    words = text[line_start:start].split()
    phrase: list[str] = []
    for word in reversed(words[-7:]):
        bare = word.strip(",.;:'’\"“”()")
        if not bare or bare != word.rstrip("-"):
            break
        if bare.lower() == "and":  # "Minister Brannick and Water Minister Velt": two people, two roles
            break
        if bare[0].isupper() or bare.lower() in _CONNECTORS or bare.lower() in ROLE_HEADS:
            phrase.insert(0, bare)
        else:
            break
    while phrase and phrase[0].lower() in _CONNECTORS:
        phrase.pop(0)
    text_phrase = " ".join(phrase)
    return text_phrase if phrase and parse_role(text_phrase) else None


def role_after(text: str, end: int) -> str | None:
    """An appositive role right after a name ("Jane Roe, minister of water,"), or None."""
    match = re.match(r",\s+((?:the\s+)?[\w’'.& -]{3,80}?)(?:,|\.|\s+said|$)", text[end : end + 100])
    if not match:
        return None
    phrase = match.group(1)
    role = parse_role(phrase)
    first = phrase.split()[0].lower() if phrase.split() else ""
    if role is None or (first not in ROLE_HEADS and first != "the" and not phrase[0].isupper()):
        return None
    return phrase


def matches(query: Role, held: Role) -> bool:
    """True when a role noun used for a speaker (``query``) fits a role a person was given."""
    same_head = query.head == held.head or query.head in GENERIC_HEADS or held.head in query.modifiers
    return same_head and query.modifiers <= (held.modifiers | {held.head})
