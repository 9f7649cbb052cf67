"""Content: what a speech verb reports, read from its dependents in the spaCy parse.

Input: a cue token. Output: character ranges of the reported content: a clause ("said that ..."), an
infinitive ("vowed to fight", "urged voters to turn out"), an object ("announced a plan", "accused X of
Y"), or, for a parenthetical cue ("The plan, he said, failed"; "as X reported"), the clause around it.
Heavy lifting: spaCy's dependency labels. Known limit: a content clause split by a second speech act
("said X but added Y") is cut at that act.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

from dateline.nlp import token_offsets
from dateline.quotes.cues import is_speech_verb, lexicon

CLAUSE_DEPS = ("ccomp", "parataxis")
# Verbs whose direct object is what was said ("announced a plan", "cited a poll"). PolNeAR train.
OBJECT_CONTENT_VERBS = lexicon(
    """
    announce cite criticize criticise report propose deny confirm reveal praise blame acknowledge
    admit mention predict demand repeat tweet write post recount recommend dispute allege claim
    promise pledge suggest accuse question deride denounce condemn dismiss reject endorse blast slam
    bemoan decry lambaste mock ridicule label defend
    """
)
# Verbs whose object is the addressee: it is content only with the infinitive after it ("urged X to Y").
ADDRESSEE_VERBS = frozenset(
    ["tell", "ask", "inform", "assure", "warn", "remind", "brief", "notify", "urge", "advise", "caution"]
)
# Prepositions that introduce what was said after particular verbs ("accused X of", "called for").
CONTENT_PREPOSITIONS = {
    "accuse": {"of"},
    "warn": {"of", "against", "about"},
    "call": {"for", "on"},
    "ask": {"for", "about"},
    "talk": {"about"},
    "speak": {"about", "of"},
    "complain": {"about", "of"},
    "write": {"about", "of"},
    "tweet": {"about"},
    "describe": {"as"},
    "defend": {"as", "against"},
    "refer": {"to"},
    "criticize": {"for"},
    "criticise": {"for"},
    "blame": {"for"},
    "praise": {"for"},
    "blast": {"for"},
    "slam": {"for"},
    "mock": {"for"},
    "argue": {"for", "against"},
    "press": {"for"},
    "testify": {"about"},
}
# Cues that only count with a clause, a quotation or one of the frames above ("continued", "pointed").
_FRAMED_ONLY = frozenset(["continue", "point", "indicate", "agree", "disagree", "charge", "answer", "estimate"])


def content_ranges(cue: Token) -> list[tuple[int, int]]:
    """Character ranges of what ``cue`` reports (may be empty).

    Args:
        cue: a speech verb outside quotations.

    Returns:
        Sorted, non-overlapping (start, end) offsets into the article text, end exclusive; the words of
        other speech acts nested inside are cut out.
    """
    clauses = [c for c in cue.children if (c.dep_ in CLAUSE_DEPS and c.i > cue.i) or c.dep_ == "ccomp"]
    if clauses:
        return token_runs(t for c in clauses for t in _own_subtree(c))
    lemma = cue.lemma_.lower()
    if lemma in _FRAMED_ONLY:
        return []
    children = _complements(cue, lemma)
    if children:
        return token_runs(t for c in children for t in _own_subtree(c))
    return _around(cue)


def _complements(cue: Token, lemma: str) -> list[Token]:
    """Object, infinitive and content-prepositional dependents to the right of the cue."""
    right = [c for c in cue.rights]
    xcomp = [c for c in right if c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)]
    xcomp += [c for c in right if c.dep_ == "advcl" and any(m.lower_ == "for" for m in c.children if m.dep_ == "mark")]
    objects = [c for c in right if c.dep_ in ("dobj", "oprd") and c.pos_ != "PRON"]
    preps = [c for c in right if c.dep_ == "prep" and c.lower_ in CONTENT_PREPOSITIONS.get(lemma, set())]
    if xcomp:
        return ([o for o in objects if o.dep_ == "dobj"] if lemma in ADDRESSEE_VERBS else []) + xcomp
    if lemma in ADDRESSEE_VERBS:
        return []
    if preps:
        return [o for o in objects if o.i < preps[0].i] + preps
    if lemma in OBJECT_CONTENT_VERBS:
        return objects
    return []


def _around(cue: Token) -> list[tuple[int, int]]:
    """The clause a parenthetical cue interrupts ("X, he said, Y") or qualifies ("As X reported, Y")."""
    marked = any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children)
    if cue.dep_ == "parataxis" or (marked and cue.dep_ == "advcl"):
        head, excluded = cue.head, {t.i for t in cue.subtree}
    elif marked and cue.dep_ == "ROOT":
        head, excluded = cue, _frame_tokens(cue)  # "As X reported, Y" parsed with Y under the cue
    else:
        return []
    sent = cue.sent
    return token_runs(t for t in head.subtree if t.i not in excluded and sent.start <= t.i < sent.end)


def _frame_tokens(cue: Token) -> set[int]:
    """The words of "as X reported (on Tuesday)": the cue with everything but its clausal dependents."""
    frame = {cue.i}
    for child in cue.children:
        if child.dep_ not in ("advcl", "ccomp", "conj", "parataxis") and child.dep_ != "punct":
            frame.update(t.i for t in child.subtree)
    return frame


def _own_subtree(head: Token) -> list[Token]:
    """``head``'s subtree without the subtrees of speech verbs coordinated or adjoined inside it."""
    subtree = list(head.subtree)  # walked once: Token.subtree is a recursive generator
    cut: set[int] = set()
    for token in subtree:
        if token.i != head.i and token.dep_ in ("conj", "advcl") and is_speech_verb(token):
            cut.update(t.i for t in token.subtree)
            cut.update(c.i for c in token.head.children if c.dep_ == "cc" and c.i < token.i)
    return [t for t in subtree if t.i not in cut] if cut else subtree


def token_runs(tokens: Iterable[Token]) -> list[tuple[int, int]]:
    """Character ranges (start, end exclusive) of the runs of consecutive tokens among ``tokens``."""
    tokens = list(tokens)
    return index_runs(tokens[0].doc, (t.i for t in tokens)) if tokens else []


def index_runs(doc: Doc, indices: Iterable[int]) -> list[tuple[int, int]]:
    """Character ranges (start, end exclusive) of the runs of consecutive token indices among ``indices``."""
    starts, ends = token_offsets(doc)
    runs: list[tuple[int, int]] = []
    previous = -2
    for i in sorted(set(indices)):
        if i == previous + 1 and runs:
            runs[-1] = (runs[-1][0], ends[i])
        else:
            runs.append((starts[i], ends[i]))
        previous = i
    return runs
