"""Linking: each speech cue of an article with its content (quotations and content clauses).

Input: the spaCy Doc and the article's quotations (``direct.find_quote_spans``). Output: Attribution
records (cue, speaker mention, content ranges, kind). Heavy lifting: spaCy's dependency parse (a
quotation belongs to the speech verb its words hang from; a reported clause is the verb's ``ccomp``).
Known limit: a wrong parse (a cue attached to the wrong clause) gives a wrong or missing attribution.
"""

from __future__ import annotations

import logging

from spacy.attrs import LEMMA
from spacy.tokens import Doc, Token

from dateline.nlp import TokenFilter, token_heads
from dateline.quotes import indirect
from dateline.quotes.content import content_ranges
from dateline.quotes.cues import SPEECH_VERBS, is_speech_verb
from dateline.quotes.direct import QuoteSpan
from dateline.quotes.frames import frame_attribution
from dateline.quotes.spans import Attribution, QuoteIndex, merge_ranges, trimmed
from dateline.quotes.speakers import source_of
from dateline.records import QuoteKind

logger = logging.getLogger(__name__)

# How far (characters) an unattributed quotation may follow the previous quote of the same speaker
# and still continue it ("..." he said. "..."). Tuned on PolNeAR train: 60 to 1,000 give the same F1,
# shorter gaps a slightly better speaker accuracy. Re-run `dateline eval quotes` after a change.
CONTINUATION_MAX_GAP = 150
_FULL_QUOTE_BEFORE = ",:\n"
# Dependents of a speech verb that never hold what was said (its subject, "said Tuesday").
_NON_CONTENT_DEPS = frozenset({"nsubj", "nsubjpass", "agent", "npadvmod", "advmod", "dative", "aux", "neg"})
_FULL_QUOTE_LAST = ".,!?…—–-:;"
_SPEECH_VERB_LEMMAS = TokenFilter(LEMMA, lambda lemma: lemma.lower() in SPEECH_VERBS)
# What may precede a quotation that starts a sentence of its own ("" = the start of the text).
_SENTENCE_START_BEFORE = ("", *'.!?\n"”:')


def find_attributions(doc: Doc, index: QuoteIndex, indirect_speech: bool = True) -> list[Attribution]:
    """Every speech act of the article, in text order.

    Args:
        doc: the parsed article text.
        index: its quotations (``QuoteIndex(doc, find_quote_spans(doc.text))``).
        indirect_speech: also return reported speech without quote marks.

    Returns:
        Attributions with content ranges (character offsets into ``doc.text``, end exclusive).
    """
    linked = _link_quotes(doc, index)
    found: list[Attribution] = []
    for i in _SPEECH_VERB_LEMMAS.indices(doc):
        if index.of_index(i) >= 0:
            continue
        token = doc[i]
        if not is_speech_verb(token):
            continue
        attribution = _attribution_for(token, linked.get(token.i, []), index)
        if attribution is not None:
            found.append(attribution)
    found = _add_framed(doc, index, found)
    found.extend(indirect.according_to(doc, index))
    found.extend(indirect.noun_cues(doc, index))
    found.sort(key=lambda a: a.start)
    found = _drop_duplicates(found)
    found = _add_continuations(found, index)
    if not indirect_speech:
        found = [a for a in found if a.kind != "indirect"]
    return found


def _add_framed(doc: Doc, index: QuoteIndex, found: list[Attribution]) -> list[Attribution]:
    """Quotations the parse left without a cue, attributed from the words around them."""
    claimed = {id(q) for a in found for q in a.quotes}
    by_cue = {a.cue_at: a for a in found}
    result = list(found)
    for q_index, span in enumerate(index.spans):
        if id(span) in claimed:
            continue
        framed = frame_attribution(doc, index, q_index, _is_full_quote(index.text, span))
        if framed is None:
            continue
        same_cue = by_cue.get(framed.cue_at)
        if same_cue is not None:
            same_cue.parts = merge_ranges([*same_cue.parts, *framed.parts])
            same_cue.quotes.append(span)
            if same_cue.kind == "indirect":
                same_cue.kind = "partial"
        else:
            result.append(framed)
            by_cue[framed.cue_at] = framed
    return result


def _link_quotes(doc: Doc, index: QuoteIndex) -> dict[int, list[QuoteSpan]]:
    """Map a cue token index to the quotations whose words hang from it in the parse."""
    linked: dict[int, list[QuoteSpan]] = {}
    for q_index, span in enumerate(index.spans):
        cue = _cue_of_quote(doc, index, q_index, span)
        if cue is not None:
            linked.setdefault(cue.i, []).append(span)
    return linked


def _cue_of_quote(doc: Doc, index: QuoteIndex, q_index: int, span: QuoteSpan) -> Token | None:
    inside = doc.char_span(span.start, span.end, alignment_mode="expand")
    if inside is None:
        return None
    heads = token_heads(doc)  # read from the heads column: a Token is built only for heads outside
    for i in range(inside.start, inside.end):
        head = heads[i]
        if index.of_index(head) == q_index:
            continue
        cue = _speech_ancestor(doc[head], index)
        if cue is not None:
            return cue
    return None


def _speech_ancestor(token: Token, index: QuoteIndex) -> Token | None:
    """``token`` or its nearest ancestor that is a speech verb outside quotations, reached through what
    the verb says (not through its subject or its time)."""
    child: Token | None = None
    for candidate in (token, *token.ancestors):
        if index.of_token(candidate) < 0 and is_speech_verb(candidate):
            return None if child is not None and child.dep_ in _NON_CONTENT_DEPS else candidate
        child = candidate
    return None


def _attribution_for(cue: Token, quotes: list[QuoteSpan], index: QuoteIndex) -> Attribution | None:
    text = index.text
    clause = [trimmed(text, s, e) for s, e in content_ranges(cue)]
    clause = [(s, e) for s, e in clause if e > s]
    if not quotes and not clause:
        return None
    # Quotations inside the reported clause belong to it too (kind partial), even when their words
    # hang from a speech verb nested in the clause ("X said Y called it 'a disaster'").
    quotes = quotes + [q for q in _quotations_in(index, clause) if q not in quotes]
    parts, kind = _content(text, clause, quotes)
    return Attribution(
        parts=parts, kind=kind, cue=cue.text, cue_at=cue.idx, speaker=source_of(cue, index.is_quoted), quotes=quotes
    )


def _quotations_in(index: QuoteIndex, ranges: list[tuple[int, int]]) -> list[QuoteSpan]:
    if not ranges:
        return []
    low, high = ranges[0][0], ranges[-1][1]
    return [q for q in index.spans_between(low, high) if any(q.open_at < e and s < q.outer_end for s, e in ranges)]


def _content(
    text: str, clause: list[tuple[int, int]], quotes: list[QuoteSpan]
) -> tuple[list[tuple[int, int]], QuoteKind]:
    """Content ranges and kind: direct when everything said is in quote marks."""
    if not quotes:
        return merge_ranges(clause), "indirect"
    quoted = [(q.start, q.end) for q in quotes]
    outside = [r for r in clause if not _covered(r, quotes)]
    if not outside and all(_is_full_quote(text, q) for q in quotes):
        return quoted, "direct"
    return merge_ranges(quoted + clause), "partial"


def _covered(part: tuple[int, int], quotes: list[QuoteSpan]) -> bool:
    return any(q.open_at <= part[0] and part[1] <= q.outer_end for q in quotes)


def _is_full_quote(text: str, quote: QuoteSpan) -> bool:
    """A quotation standing as a sentence or clause of its own (not a few words inside a sentence)."""
    last_inside = text[quote.end - 1] if quote.end > quote.start else ""
    starts_alone = _char_before(text, quote.open_at) in ("", *_FULL_QUOTE_BEFORE)
    return starts_alone or (last_inside in _FULL_QUOTE_LAST and text[quote.start].isupper())


def _char_before(text: str, at: int) -> str:
    """The last character before ``at`` that is not a space or tab ("" at the start of the text)."""
    i = at - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return text[i] if i >= 0 else ""


def _drop_duplicates(found: list[Attribution]) -> list[Attribution]:
    """Of two attributions with (nearly) the same content, keep the one with quotations, a direct one
    before one that merely contains it ("posted a sign that said '...'"), else the longer.

    A clause reported inside another ("X said that Y claimed Z") is kept: both are speech acts.
    """
    # Only attributions whose content hulls overlap can share words: the hull test skips the pair sums.
    hulls = {id(a): _hull(a) for a in found}
    kept: list[Attribution] = []
    for attribution in found:
        low, high = hulls[id(attribution)]
        clash = next(
            (k for k in kept if hulls[id(k)][0] < high and low < hulls[id(k)][1] and _same_content(k, attribution)),
            None,
        )
        if clash is None:
            kept.append(attribution)
        elif _rank(attribution) > _rank(clash):
            kept[kept.index(clash)] = attribution
    return kept


def _hull(a: Attribution) -> tuple[int, int]:
    """The offsets from the first to the last character of ``a``'s content (its parts may be unordered)."""
    return (min(s for s, _ in a.parts), max(e for _, e in a.parts)) if a.parts else (0, 0)


def _same_content(a: Attribution, b: Attribution) -> bool:
    shared = sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a.parts for s2, e2 in b.parts)
    longer = max(sum(e - s for s, e in a.parts), sum(e - s for s, e in b.parts))
    return shared * 2 > longer or (a.cue_at == b.cue_at and shared > 0)


def _rank(a: Attribution) -> tuple[bool, bool, int]:
    return (bool(a.quotes), a.kind == "direct", sum(e - s for s, e in a.parts))


def _add_continuations(found: list[Attribution], index: QuoteIndex) -> list[Attribution]:
    """Give each quotation no cue claimed to the quote just before it ("..." he said. "More.")."""
    claimed = {id(q) for a in found for q in a.quotes}
    result = list(found)
    for span in index.spans:
        if id(span) in claimed or _char_before(index.text, span.open_at) not in _SENTENCE_START_BEFORE:
            continue
        previous = _previous_quote(result, span.open_at)
        if previous is None or span.open_at - previous.end > CONTINUATION_MAX_GAP:
            logger.debug("quotation at %d has no speaker; dropped", span.start)
            continue
        if _other_cue_between(result, previous, span):
            continue
        previous.parts.append((span.start, span.end))
        previous.quotes.append(span)
        claimed.add(id(span))
    return result


def _previous_quote(found: list[Attribution], at: int) -> Attribution | None:
    before = [a for a in found if a.quotes and a.end <= at and a.speaker is not None]
    return max(before, key=lambda a: a.end) if before else None


def _other_cue_between(found: list[Attribution], previous: Attribution, span: QuoteSpan) -> bool:
    return any(a is not previous and previous.end <= a.start < span.open_at for a in found)
