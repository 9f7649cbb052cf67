"""Frames: the words right around a quotation, searched for its cue when the parse does not link them.

Input: the spaCy Doc, the quotation index and one quotation. Output: an Attribution or None. The frame
is read at token level up to the nearest sentence end, line break or other quotation, so that a wrong
sentence split ("Will he run?" | a staffer wondered.) or a quote-internal root does not lose the cue.
Also handles the colon ("Smith told reporters: ..."; "Rep. Jane Roe (D-Ohio): ...") where the verb
before the colon need not be a speech verb. Known limit: a frame of more than ``FRAME_TOKENS`` tokens
is not searched.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from dateline.quotes.cues import is_speech_verb
from dateline.quotes.direct import QuoteSpan
from dateline.quotes.spans import Attribution, QuoteIndex
from dateline.quotes.speakers import mention_of, source_of
from dateline.records import QuoteKind

# Tokens searched on each side of a quotation (the frame also stops at a sentence end). Tuned on PolNeAR
# train: 12 tokens lose a few cues, 25 and 40 score the same.
FRAME_TOKENS = 25
_TRAILING_LAST = ",?!—–-…"
_BOUNDARY = {".", "!", "?", ";"}
_NP_TAGS = frozenset({"PROPN", "NOUN", "PRON", "DET", "ADJ", "PUNCT"})
# Most words a subject written between a quotation and its cue may have ("Gov. Jane Roe said").
_SHORT_SUBJECT = 4


def frame_attribution(doc: Doc, index: QuoteIndex, q_index: int, full: bool) -> Attribution | None:
    """The speech act a quotation belongs to, read from the words around it.

    Args:
        doc: the parsed article.
        index: its quotations.
        q_index: which quotation.
        full: whether the quotation stands as a clause of its own (decides direct or partial).

    Returns:
        An attribution whose only content is the quotation, or None when the frame holds no cue.
    """
    span = index.spans[q_index]
    before = _tokens_before(doc, index, span)
    cue = frame_cue(doc, index, span, before)
    kind: QuoteKind = "direct" if full else "partial"
    if cue is not None:
        speaker = source_of(cue, index.is_quoted)
        return Attribution([(span.start, span.end)], kind, cue.text, cue.idx, speaker, [span])
    return _colon_attribution(span, before, kind, index)


def frame_cue(doc: Doc, index: QuoteIndex, span: QuoteSpan, before: list[Token] | None = None) -> Token | None:
    """The speech verb of '"...," she wrote' or 'She wrote, "..."' next to a quotation, if any.

    ``before``: the frame before the quotation when the caller has read it already (else it is read here).
    """
    after = _tokens_after(doc, index, span)
    cue = _trailing_cue(index.text, span, after)
    if cue is not None:
        return cue
    return _leading_cue(index.text, span, _tokens_before(doc, index, span) if before is None else before)


def _trailing_cue(text: str, span: QuoteSpan, after: list[Token]) -> Token | None:
    """'"...," she wrote', '"...?’" Smith asked' and, after a full stop, '"...." Smith said.'"""
    cue = next((t for t in after if is_speech_verb(t)), None)
    if cue is None:
        return None
    between = after[: cue.i - after[0].i]
    subject_between = any(t.head is cue and t.dep_ in ("nsubj", "nsubjpass") for t in between)
    if any(t.pos_ in ("VERB", "AUX") for t in between) and not subject_between:
        return None  # the words after the quotation go on with a clause of their own
    open_ended = text[span.start : span.end].rstrip("’'")[-1:] in tuple(_TRAILING_LAST)
    if open_ended:
        return cue  # also '"...," Smith, who chairs the board, said'
    # A quotation closed by a full stop, or a few words in a sentence ('his "most productive" visit'),
    # belongs to a cue only when just a short subject separates them ('"...." Smith said.').
    return cue if len(between) <= _SHORT_SUBJECT and all(t.pos_ in _NP_TAGS for t in between) else None


def _leading_cue(text: str, span: QuoteSpan, before: list[Token]) -> Token | None:
    """'She wrote, "..."', 'She wrote: "..."' and 'writing "..."'."""
    if not before:
        return None
    if is_speech_verb(before[-1]) and before[-1].pos_ == "VERB" and before[-1].dep_ != "amod":
        return before[-1]  # not "the so-called 'peace dividend'"
    if before[-1].text[-1] not in ",:":
        return None
    return next((t for t in reversed(before) if is_speech_verb(t)), None)


def _colon_attribution(span: QuoteSpan, before: list[Token], kind: QuoteKind, index: QuoteIndex) -> Attribution | None:
    """ "X told reporters: '...'", "X apologized: '...'", "Rep. Jane Roe (D-Ohio): '...'"."""
    if not before or not before[-1].text.endswith(":"):  # spaCy may glue "):" into one token
        return None
    clause = before[:-1]
    verbs = [(t, who) for t in clause if t.pos_ in ("VERB", "AUX") and (who := source_of(t, index.is_quoted))]
    if verbs:
        verb, speaker = verbs[-1]
        return Attribution([(span.start, span.end)], kind, verb.text, verb.idx, speaker, [span])
    # ``before`` keeps the colon token, which may carry the closing bracket ("(D-Ohio):").
    named = _last_outside_parentheses(before, lambda t: t.ent_type_ in ("PERSON", "ORG", "NORP"))
    named = named or _last_outside_parentheses(before, lambda t: t.pos_ in ("PROPN", "NOUN"))
    if named is None:
        return None
    colon = before[-1]
    return Attribution([(span.start, span.end)], kind, ":", colon.idx, mention_of(named), [span])


def _last_outside_parentheses(tokens: list[Token], wanted: Callable[[Token], bool]) -> Token | None:
    depth = 0
    for token in reversed(tokens):
        depth += token.text.count(")") - token.text.count("(")
        if depth == 0 and wanted(token):
            return token
    return None


def _tokens_after(doc: Doc, index: QuoteIndex, span: QuoteSpan) -> list[Token]:
    if span.close_at is None:
        return []
    first = doc.char_span(span.close_at, span.outer_end, alignment_mode="expand")
    if first is None:
        return []
    tokens: list[Token] = []
    for token in doc[first.end : first.end + FRAME_TOKENS]:
        if token.is_space or "\n" in token.text or index.of_token(token) >= 0:
            break
        tokens.append(token)
        if token.text in _BOUNDARY or "\n" in token.whitespace_:
            break
    return tokens


def _tokens_before(doc: Doc, index: QuoteIndex, span: QuoteSpan) -> list[Token]:
    mark = doc.char_span(span.open_at, span.start, alignment_mode="expand")
    if mark is None:
        return []
    tokens: list[Token] = []
    for token in reversed(doc[max(0, mark.start - FRAME_TOKENS) : mark.start]):
        if token.is_space and not tokens:
            continue  # the line break after "Smith told reporters:" that ends its paragraph
        line_end = "\n" in token.whitespace_ and (tokens or not token.text.endswith(":"))
        if token.is_space or "\n" in token.text or line_end or token.text in _BOUNDARY:
            break
        if index.of_token(token) >= 0:
            break
        tokens.insert(0, token)
    return tokens
