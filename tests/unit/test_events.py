"""Events stage: dated event mentions clustered into events, each summarised by its most central sentence."""

from __future__ import annotations

import datetime as dt

from dateline.events import EventMention, _most_central, content_words
from dateline.records import Sentence

DAY = dt.date(2031, 3, 4)


def _mention(article: str, index: int, text: str) -> EventMention:
    sentence = Sentence(article_id=article, index=index, start=0, end=len(text), text=text)
    return EventMention(article, sentence, DAY, "day", content_words(text), [], [])


def test_event_summary_is_the_sentence_the_other_reports_share_most() -> None:
    wire = "Negotiators signed the Vessa water accord in Halden on Tuesday after three rounds of talks."
    members = [
        _mention("a", 1, "Farmers downstream welcomed the accord signed in Halden."),
        *(_mention(f"copy{n}", 2, wire) for n in range(50)),  # syndicated copies of one wire sentence
        _mention("b", 0, "The Vessa accord was signed in Halden by negotiators after talks."),
    ]
    assert _most_central(members).sentence.text == wire


def test_equally_central_sentences_prefer_the_earliest_in_its_article() -> None:
    text = "Negotiators signed the Vessa water accord in Halden."
    members = [_mention("a", 5, text), _mention("b", 1, text), _mention("c", 3, text)]
    assert _most_central(members).article_id == "b"
