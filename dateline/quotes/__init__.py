"""Quotes stage: who said what, and when, in one article; and the same quote across articles.

Input: an Article, its spaCy Doc, its NER Mentions and Timexes. Output: Quote records, direct (all in
quote marks), partial (quoted words inside reported speech) and indirect ("X said that ..."; "according
to X"), each with its speaker mention, the speaker's full name in the article, the cue and the date.
Heavy lifting: spaCy's dependency parse (cue, subject, content clause); quote marks, pronoun and role
resolution are hand-written (see the submodules). Known limits: English only; speakers are resolved
within one article (the entities stage links them across the story); a wrong parse loses the cue.

    direct.py       quotation spans (quote marks, paragraph continuation)
    attribution.py  cue <-> content linking, continuation of a speaker's quotes
    content.py      what a speech verb reports (clause, infinitive, object, parenthetical)
    frames.py       cues read from the words around a quotation ('"...," she wrote'; "X:")
    indirect.py     "according to X", "X's claim that ..."
    speakers.py     speaker mention + in-article resolution of pronouns and role nouns
    cues.py         speech verbs and nouns
    spans.py        the working Attribution record, quotation lookups
    dating.py       the date a quote was said
    merge.py        one quote across the articles that report it
"""

from __future__ import annotations

import logging

from spacy.tokens import Doc

from dateline.config import QuoteSettings
from dateline.errors import InputError
from dateline.quotes.attribution import find_attributions
from dateline.quotes.dating import assign_dates
from dateline.quotes.direct import find_quote_spans, quoted_text
from dateline.quotes.merge import merge_across_articles
from dateline.quotes.spans import Attribution, QuoteIndex
from dateline.quotes.speakers import SpeakerResolver
from dateline.records import Article, Mention, Quote, Timex, stable_id

__all__ = ["assign_dates", "extract_quotes", "merge_across_articles", "quotes_by_speaker"]

logger = logging.getLogger(__name__)


def extract_quotes(
    article: Article, doc: Doc, mentions: list[Mention], timexes: list[Timex], settings: QuoteSettings
) -> list[Quote]:
    """Find every quote of one article, with its speaker, cue and date.

    Args:
        article: the cleaned article; all offsets index ``article.text``.
        doc: ``nlp(article.text)``.
        mentions: the article's NER mentions (``dateline.nlp.mentions_of``).
        timexes: the article's temporal expressions (``dateline.timex.tag_timexes``).
        settings: the quotes section of the settings.

    Returns:
        Quotes in text order. ``start``/``end`` bound the content (without the quote marks of a direct
        quote); a quote split by its cue ("A," she said, "B") is one Quote whose text joins the parts and
        whose span runs from the first part to the last.

    Raises:
        InputError: when ``doc`` is not the parse of ``article.text``.
    """
    if not _parse_of(doc, article.text):
        raise InputError("the parse does not match the article text", source=article.source)
    index = QuoteIndex(doc, find_quote_spans(article.text), article.text)
    attributions = find_attributions(doc, index, indirect_speech=settings.indirect)
    resolver = SpeakerResolver(doc, mentions, article.text, quoted=lambda offset: index.at(offset) >= 0)
    quotes = [_to_quote(article, attribution, resolver) for attribution in _one_per_span(attributions)]
    logger.debug("article %s: %d quotations, %d quotes", article.id, len(index.spans), len(quotes))
    return assign_dates(quotes, article, timexes)


def _one_per_span(attributions: list[Attribution]) -> list[Attribution]:
    """The first attribution of each content span: two cues can claim the same words ("suggest" and "say")."""
    seen: set[tuple[int, int]] = set()
    kept = []
    for attribution in attributions:
        if (attribution.start, attribution.end) not in seen:
            seen.add((attribution.start, attribution.end))
            kept.append(attribution)
    return kept


def _parse_of(doc: Doc, text: str) -> bool:
    """Cheap check that ``doc`` is the parse of ``text`` (Doc.text rebuilds the whole string)."""
    if len(doc) == 0:
        return not text.strip()
    probes = (doc[0], doc[len(doc) // 2], doc[-1])
    last = doc[-1]
    return last.idx + len(last.text_with_ws) == len(text) and all(
        text[t.idx : t.idx + len(t.text)] == t.text for t in probes
    )


def _to_quote(article: Article, attribution: Attribution, resolver: SpeakerResolver) -> Quote:
    speaker = attribution.speaker
    name = resolver.resolve(speaker) if speaker is not None else None
    return Quote(
        id=stable_id(article.id, str(attribution.start), str(attribution.end)),
        article_id=article.id,
        text=_text_of(article.text, attribution),
        start=attribution.start,
        end=attribution.end,
        kind=attribution.kind,
        speaker_text=speaker.text if speaker else None,
        speaker_start=speaker.start if speaker else None,
        speaker_end=speaker.end if speaker else None,
        speaker_name=name,
        verb=attribution.cue,
        date=article.published,
        sources=[article.id],
    )


def _text_of(text: str, attribution: Attribution) -> str:
    """The content words; quote marks removed for direct quotes, parts joined by a space."""
    if attribution.kind == "direct":
        by_start = {q.start: q for q in attribution.quotes}
        pieces = [quoted_text(text, by_start[s]) if s in by_start else text[s:e] for s, e in attribution.parts]
    else:
        pieces = [text[s:e] for s, e in attribution.parts]
    return " ".join(p.strip() for p in pieces if p.strip())


def quotes_by_speaker(quotes: list[Quote]) -> dict[str, list[Quote]]:
    """Each speaker's quotes in time order (speaker = canonical name, else resolved name, else as written).

    Args:
        quotes: quotes of any number of articles.

    Returns:
        Speaker -> quotes sorted by date (undated last), then article and offset.
    """
    by_speaker: dict[str, list[Quote]] = {}
    for quote in quotes:
        who = quote.speaker or quote.speaker_name or quote.speaker_text
        if who:
            by_speaker.setdefault(who, []).append(quote)
    for items in by_speaker.values():
        items.sort(key=lambda q: (q.date is None, q.date, q.article_id, q.start))
    return by_speaker
