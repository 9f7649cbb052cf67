"""Dated sentence candidates: every sentence that may appear in a timeline, with the day it is about.

Input: ArticleAnalysis records (sentences + timexes). Output: Candidate records. A sentence whose
temporal expressions name a day is dated by that day ("mentioned"); the first sentences of an article
without such an expression are dated by the publication date and the day before ("published"), as
news is mostly about yesterday and today. Sentences that start inside a multi-sentence quotation are
left out (they make no sense alone). Known limits: one date per sentence; month- or year-precision
mentions are not candidates (a timeline entry is a day).
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date as Date
from datetime import timedelta

from dateline import timex
from dateline.records import ArticleAnalysis, Sentence, Timex

logger = logging.getLogger(__name__)

# Sentences of an article (from the top) dated by its publication date when they mention no day.
# Lead sentences carry the news; 6 as in news-tls (clip_sents=5, inclusive). Tuned on T17 train topics.
LEAD_SENTENCES = 6
# A lead sentence is also a candidate for this many days before the publication date (news-tls pub_end=2).
PUBLICATION_LAG_DAYS = 1
# Sentences shorter or longer than these (in whitespace tokens) are not summary material.
MIN_TOKENS = 6
MAX_TOKENS = 60
# Dateline furniture that ends where the story starts, searched in a sentence's first DATELINE_CHARS
# characters: an agency credit ("TRIPOLI , March 2 -LRB- Reuters -RRB- - ", "(CNN) -- ") or a page's
# time stamp ("Thursday 6 May 2010 17.53 BST "). Everything before it (headline, place, date) is dropped.
_FURNITURE_END = re.compile(
    r"(?:-LRB-|\()\s*(?:[A-Z][A-Za-z.&]*\s*){1,3}(?:-RRB-|\))\s*(?:--?|\u2013|\u2014)\s+(?=\S)"
    r"|\b\d{1,2}[.:]\d{2}\s*(?:[ap]\.?m\.?\s*)?(?:BST|GMT|UTC|CET|CEST|EST|EDT|ET)\s+(?=[A-Z])"
)
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# A chronology entry's own date: "March 17 - ", "16 May : " (the entry's day is the candidate's date).
_ENTRY_DATE = re.compile(
    rf"^\s*(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH})(?:\s*,?\s*\d{{4}})?\s*(?:--?|:|\u2013|\u2014)\s+"
)
DATELINE_CHARS = 300
# What every _FURNITURE_END match contains ("(" or "-LRB-", or a clock time's digits around "." or ":"):
# most sentences lack it, and this one search is cheaper than the full pattern's.
_FURNITURE_HINT = re.compile(r"\(|-LRB-|\d[.:]\d")
# Quote marks: directional ones say which way they face; a straight double quote is read by its neighbours.
# (PTB-tokenised text writes `` and '' for opening and closing double quotes.)
_QUOTE_MARK = re.compile(r"``|''|[\u201c\u201d\u00ab\u00bb\"]")
_OPENERS = frozenset({"``", "\u201c", "\u00ab"})
_CLOSERS = frozenset({"''", "\u201d", "\u00bb"})
# A quote left open for more sentences than this is taken as a stray mark, not a long quotation.
MAX_QUOTE_SENTENCES = 4


@dataclass(frozen=True)
class Candidate:
    """One sentence of one article, dated.

    ``date`` is the day the sentence is taken to be about; ``mentioned`` tells whether that day
    comes from a temporal expression in the sentence (True) or from the publication date (False).
    ``entry`` marks a chronology entry, a sentence that opens with its own date ("March 17 - ...").
    ``start``/``end`` are character offsets into Article.text (end exclusive); ``text`` is the
    sentence without dateline furniture (what a summary shows), ``sentence`` the sentence as written.
    """

    article_id: str
    index: int
    start: int
    end: int
    text: str
    sentence: str
    published: Date
    date: Date
    mentioned: bool
    entry: bool = False


def sentence_day(sentence: Sentence, timexes: Sequence[Timex]) -> Date | None:
    """The day a sentence is about: its governing temporal expression, when that names a day.

    Calendar dates (DATE) are preferred over clock times (TIME): in "at 9:45 pm on April 20" or a
    "2:59 pm on 28 May" comment stamp the clock time alone resolves to the publication day.

    Args:
        sentence: with offsets into Article.text.
        timexes: the article's temporal expressions (any order), offsets into Article.text.

    Returns:
        The day, or None when the sentence is not dated to day precision.
    """
    dates = [t for t in timexes if t.type == "DATE"]
    governing = timex.governing_date(sentence, dates) if dates else None
    if (governing is None or governing[1] != "day") and len(dates) < len(timexes):  # else: the same answer again
        governing = timex.governing_date(sentence, timexes)
    if governing is None or governing[1] != "day":
        return None
    return governing[0]


def _without_furniture(sentence: str) -> str:
    if not _FURNITURE_HINT.search(sentence, 0, DATELINE_CHARS):
        return sentence
    # the last furniture end within reach: a time stamp may precede an agency credit
    ends = [m.end() for m in _FURNITURE_END.finditer(sentence, 0, DATELINE_CHARS)]
    return sentence[ends[-1]:] if ends else sentence


def summary_text(sentence: str) -> str:
    """A sentence without dateline furniture or a chronology entry's leading date, outer spaces stripped.

    "NEW YORK | Fri Feb 25 , 2011 5:08 pm EST NEW YORK -LRB- Reuters -RRB- - Brent oil rose ..." and
    "March 17 - Brent oil rose ..." both become "Brent oil rose ...". Furniture counts only when it
    ends within the first ``DATELINE_CHARS`` characters.
    """
    return _summary(_without_furniture(sentence))


def _summary(without_furniture: str) -> str:
    return _ENTRY_DATE.sub("", without_furniture, count=1).strip()


def is_chronology_entry(sentence: str) -> bool:
    """True for a sentence that opens with a date and a dash or colon, as in a news chronology."""
    return _ENTRY_DATE.match(_without_furniture(sentence)) is not None


def _closes(text: str, mark: re.Match[str], is_open: bool) -> bool:
    """Whether a quote mark closes a quotation (straight quotes: when one is open, or glued to a word before)."""
    if mark.group() in _OPENERS or mark.group() in _CLOSERS:
        return mark.group() in _CLOSERS
    if is_open:
        return True
    before = text[mark.start() - 1] if mark.start() > 0 else " "
    after = text[mark.end()] if mark.end() < len(text) else " "
    return not before.isspace() and (after.isspace() or not after.isalnum())


def inside_quote(texts: Sequence[str]) -> list[bool]:
    """For each of an article's sentences (in order), whether it starts inside a quotation.

    Such a sentence continues a multi-sentence quote ("We will win," she said.) and makes no sense
    alone: either an earlier sentence opened a quote it did not close, or the sentence's first quote
    mark closes one. Hand-written: no library tracks quote state across sentences.
    """
    flags: list[bool] = []
    is_open, open_for = False, 0
    for text in texts:
        if is_open and open_for >= MAX_QUOTE_SENTENCES:
            is_open = False
        starts_inside = is_open
        marks = list(_QUOTE_MARK.finditer(text))
        for position, mark in enumerate(marks):
            closes = _closes(text, mark, is_open)
            starts_inside = starts_inside or (position == 0 and closes)
            is_open = not closes
        open_for = open_for + 1 if is_open and not marks else 0
        flags.append(starts_inside)
    return flags


def _usable(text: str) -> bool:
    n_tokens = len(text.split())
    return MIN_TOKENS <= n_tokens <= MAX_TOKENS


def article_candidates(analysis: ArticleAnalysis) -> Iterable[Candidate]:
    """Yield the dated candidates of one article (none when it has no publication date).

    Args:
        analysis: the article with its sentences and temporal expressions.

    Returns:
        Candidates in sentence order; a lead sentence without a day mention yields one candidate
        per day from the publication date back ``PUBLICATION_LAG_DAYS``.
    """
    article = analysis.article
    published = article.published
    if published is None or article.duplicate_of is not None:
        return
    timexes = sorted(analysis.timexes, key=lambda t: t.start)
    starts = [t.start for t in timexes]
    quoted = inside_quote([s.text for s in analysis.sentences])
    for position, sentence in enumerate(analysis.sentences):
        if quoted[position]:
            continue
        trimmed = _without_furniture(sentence.text)  # once for summary_text and is_chronology_entry
        text = _summary(trimmed)
        if not _usable(text):
            continue
        inside = timexes[bisect_left(starts, sentence.start):bisect_left(starts, sentence.end)]
        day = sentence_day(sentence, inside)
        if day is not None:
            entry = _ENTRY_DATE.match(trimmed) is not None  # is_chronology_entry(sentence.text)
            yield _candidate(sentence, text, published, day, mentioned=True, entry=entry)
        elif position < LEAD_SENTENCES:
            for lag in range(PUBLICATION_LAG_DAYS + 1):
                yield _candidate(sentence, text, published, published - timedelta(days=lag), mentioned=False)


def _candidate(
    sentence: Sentence, text: str, published: Date, day: Date, mentioned: bool, entry: bool = False
) -> Candidate:
    return Candidate(
        article_id=sentence.article_id, index=sentence.index, start=sentence.start, end=sentence.end,
        text=text, sentence=sentence.text, published=published, date=day, mentioned=mentioned, entry=entry,
    )


def collect_candidates(
    analyses: Iterable[ArticleAnalysis], start: Date | None = None, end: Date | None = None
) -> list[Candidate]:
    """All dated candidates of a collection, restricted to ``[start, end]`` (inclusive, either open).

    Args:
        analyses: canonical articles (duplicates are skipped).
        start: first day allowed, or None.
        end: last day allowed, or None.

    Returns:
        The candidates, in input order.
    """
    out: list[Candidate] = []
    for analysis in analyses:
        for cand in article_candidates(analysis):
            if (start is None or cand.date >= start) and (end is None or cand.date <= end):
                out.append(cand)
    logger.debug("%d dated candidates", len(out))
    return out
