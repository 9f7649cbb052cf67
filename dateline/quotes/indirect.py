"""Reported speech without a speech verb of its own: "according to X", "Trump's claim that ...".

Input: the spaCy Doc and the quotation index. Output: Attribution records whose content is the clause
the cue qualifies. Heavy lifting: spaCy's dependency parse (the clause is the subtree of the verb that
"according to" modifies, minus the "according to X" phrase). "X said that ..." is found by
``attribution`` from the verb's ``ccomp``. Known limit: "according to" inside a noun phrase ("the plan,
according to officials, ...") takes the whole sentence as content.
"""

from __future__ import annotations

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Token

from dateline.nlp import TokenFilter, string_indices
from dateline.quotes.content import token_runs
from dateline.quotes.cues import SPEECH_NOUNS
from dateline.quotes.spans import Attribution, QuoteIndex, merge_ranges, trimmed
from dateline.quotes.speakers import SpeakerMention, mention_of
from dateline.records import QuoteKind

_SPEECH_NOUN_LEMMAS = TokenFilter(LEMMA, lambda lemma: lemma.lower() in SPEECH_NOUNS)


def according_to(doc: Doc, index: QuoteIndex) -> list[Attribution]:
    """Attributions cued by "according to X" outside quotations.

    Args:
        doc: the parsed article.
        index: its quotations.

    Returns:
        One attribution per cue, its content the clause it qualifies (offsets into ``doc.text``).
    """
    found = []
    for i in string_indices(doc, LOWER, ("according",)):
        token = doc[i]
        if i + 1 >= len(doc) or doc[i + 1].lower_ != "to" or index.of_token(token) >= 0:
            continue
        attribution = _according(token, doc[token.i + 1], index)
        if attribution is not None:
            found.append(attribution)
    return found


def _according(cue: Token, to: Token, index: QuoteIndex) -> Attribution | None:
    objects = [c for c in to.children if c.dep_ == "pobj"]
    if not objects:
        return None
    text = index.text
    clause_head = cue.head if cue.head.pos_ in ("VERB", "AUX") else cue.sent.root
    excluded = {t.i for t in cue.subtree}
    sent = cue.sent
    tokens = [t for t in clause_head.subtree if t.i not in excluded and sent.start <= t.i < sent.end]
    ranges = token_runs(tokens)
    parts = merge_ranges([trimmed(text, s, e) for s, e in ranges])
    if not parts:
        return None
    quotes = [index.spans[i] for i in {index.of_token(t) for t in tokens} if i >= 0]
    kind: QuoteKind = "partial" if quotes else "indirect"
    return Attribution(
        parts=parts, kind=kind, cue="according to", cue_at=cue.idx, speaker=mention_of(objects[0]), quotes=quotes
    )


def noun_cues(doc: Doc, index: QuoteIndex) -> list[Attribution]:
    """Attributions cued by a noun of saying with a content clause ("Trump's claim that ...").

    Args:
        doc: the parsed article.
        index: its quotations.

    Returns:
        One attribution per noun cue outside quotations whose "that" clause is attached to it; the
        speaker is the possessor ("Trump's") or the "by"/"from" object, when written.
    """
    found = []
    for i in _SPEECH_NOUN_LEMMAS.indices(doc):
        token = doc[i]
        if token.pos_ != "NOUN" or index.of_token(token) >= 0:
            continue
        clause = next((c for c in token.rights if c.dep_ in ("acl", "ccomp") and _has_that(c)), None)
        if clause is None:
            continue
        text = index.text
        parts = merge_ranges([trimmed(text, s, e) for s, e in token_runs(list(clause.subtree))])
        if not parts:
            continue
        quotes = [q for q in index.spans_between(parts[0][0], parts[-1][1])]
        speaker = _noun_speaker(token)
        kind: QuoteKind = "partial" if quotes else "indirect"
        found.append(Attribution(parts, kind, token.text, token.idx, speaker, quotes))
    return found


def _has_that(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


def _noun_speaker(noun: Token) -> SpeakerMention | None:
    for child in noun.children:
        if child.dep_ == "poss":
            return mention_of(child)
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                return mention_of(objects[0])
    return None
