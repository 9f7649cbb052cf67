"""Quote extraction on invented sentences: each construction the quotes stage handles."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from dateline import quotes
from dateline.config import QuoteSettings
from dateline.errors import InputError
from dateline.nlp import mentions_of
from dateline.quotes.spans import Attribution
from dateline.records import Article, Quote


def _extract(nlp: Language, text: str, indirect: bool = True) -> list[Quote]:
    article = Article(id="t", source="test", text=text, published=date(2021, 3, 5))
    doc = nlp(text)
    return quotes.extract_quotes(article, doc, mentions_of("t", doc, nlp), [], QuoteSettings(indirect=indirect))


def _only(found: list[Quote], words: str) -> Quote:
    hits = [q for q in found if words in q.text]
    assert len(hits) == 1, [q.text for q in found]
    return hits[0]


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        ('"The bridge will open in May," Jane Roe said.', "The bridge will open in May,", "Jane Roe"),
        ("“The bridge will open in May,” Jane Roe said.", "The bridge will open in May,", "Jane Roe"),
        ("Jane Roe told reporters: “The bridge will open in May.”", "The bridge will open in May.", "Jane Roe"),
        ('Jane Roe said, "The bridge will open in May."', "The bridge will open in May.", "Jane Roe"),
        (
            "“The bridge will open in May,” said Jane Roe, minister of transport.",
            "The bridge will open in May,",
            "Jane Roe",
        ),
    ],
    ids=["straight-speaker-after", "curly-speaker-after", "colon-speaker-before", "comma-speaker-before", "inverted"],
)
def test_direct_quote_gets_content_and_speaker(nlp: Language, text: str, content: str, speaker: str) -> None:
    quote = _only(_extract(nlp, text), "bridge")
    assert (quote.kind, quote.text, quote.speaker_name) == ("direct", content, speaker)
    assert text[quote.start : quote.end] == content
    assert text[quote.speaker_start or 0 : quote.speaker_end or 0] == quote.speaker_text


def test_quote_split_by_speech_verb_is_one_quote(nlp: Language) -> None:
    text = "“We would welcome new talks,” Jane Roe said, “but the rebels must stop the attacks.”"
    (quote,) = _extract(nlp, text)
    assert quote.text == "We would welcome new talks, but the rebels must stop the attacks."
    assert quote.speaker_name == "Jane Roe"


def test_multi_sentence_quote_is_one_quote(nlp: Language) -> None:
    text = "“The dam is safe. The engineers checked it twice. Nobody needs to leave,” Mayor Tom Bell said."
    (quote,) = _extract(nlp, text)
    assert quote.text.startswith("The dam is safe.") and quote.text.endswith("leave,")
    assert quote.speaker_name == "Tom Bell"


def test_quote_continued_in_next_paragraph_keeps_speaker(nlp: Language) -> None:
    text = (
        "Mayor Tom Bell spoke on Monday.\n\n"
        "“The dam is safe and the engineers checked it twice.\n\n"
        "“Nobody needs to leave their home tonight,” Bell said.\n"
    )
    (quote,) = _extract(nlp, text)
    assert "checked it twice" in quote.text and "tonight" in quote.text
    assert quote.speaker_name == "Tom Bell"


def test_following_quote_without_cue_continues_previous_speaker(nlp: Language) -> None:
    text = "“The dam is safe,” Mayor Tom Bell said. “Nobody needs to leave.”"
    (quote,) = _extract(nlp, text)
    assert quote.text == "The dam is safe, Nobody needs to leave."
    assert quote.speaker_name == "Tom Bell"


def test_partial_quote_inside_reported_speech(nlp: Language) -> None:
    text = "Jane Roe said the new tax was “a disaster for farmers” and should go."
    quote = _only(_extract(nlp, text), "disaster")
    assert quote.kind == "partial"
    assert "the new tax was" in quote.text and quote.speaker_name == "Jane Roe"


def test_indirect_speech_takes_the_content_clause(nlp: Language) -> None:
    text = "The minister Jane Roe said on Monday that the bridge would open in May."
    quote = _only(_extract(nlp, text), "bridge")
    assert quote.kind == "indirect"
    assert quote.text == "that the bridge would open in May"
    assert quote.speaker_name == "Jane Roe" and quote.verb == "said"


def test_indirect_speech_is_dropped_when_disabled(nlp: Language) -> None:
    assert _extract(nlp, "Jane Roe said that the bridge would open in May.", indirect=False) == []


def test_according_to_names_the_speaker(nlp: Language) -> None:
    text = "The bridge will open in May, according to Jane Roe, the transport minister."
    quote = _only(_extract(nlp, text), "bridge")
    assert quote.verb == "according to" and quote.speaker_name == "Jane Roe"
    assert quote.text == "The bridge will open in May"


def test_pronoun_speaker_resolves_to_the_quoted_person_past_other_mentions(nlp: Language) -> None:
    text = (
        "Mayor Tom Bell met the engineers on Monday.\n\n"
        "“The dam is safe,” Bell said.\n\n"
        "He said that Governor Ann Lee had called him about the river.\n\n"
        "“Nobody needs to leave,” he added."
    )
    quote = _only(_extract(nlp, text), "Nobody")
    assert quote.speaker_text == "he" and quote.speaker_name == "Tom Bell"


def test_she_skips_a_man_named_in_between(nlp: Language) -> None:
    text = (
        "Mrs. Ann Lee spoke first.\n\n"
        "“We are ready,” Ann Lee said.\n\n"
        "Mr. Tom Bell listened from the back of the hall.\n\n"
        "“The river will not rise,” she said."
    )
    quote = _only(_extract(nlp, text), "river")
    assert quote.speaker_name == "Ann Lee"


def test_role_noun_speaker_resolves_to_the_named_holder(nlp: Language) -> None:
    text = (
        "Harbour Board chairman Tom Bell and transport minister Ann Lee visited the port on Monday.\n\n"
        "“The port will reopen next week,” the board chairman said."
    )
    quote = _only(_extract(nlp, text), "port will")
    assert quote.speaker_text == "the board chairman" and quote.speaker_name == "Tom Bell"


def test_quote_inside_quote_stays_inside(nlp: Language) -> None:
    text = "“They told us ‘go home’ and we did,” Jane Roe said."
    (quote,) = _extract(nlp, text)
    assert quote.text == "They told us ‘go home’ and we did,"


def test_scare_quote_without_speaker_is_not_a_quote(nlp: Language) -> None:
    assert _extract(nlp, "The so-called “peace dividend” never arrived in the valley.") == []


def test_parse_of_other_text_is_refused(nlp: Language) -> None:
    article = Article(id="t", source="test", text="One text.")
    with pytest.raises(InputError):
        quotes.extract_quotes(article, nlp("Another text."), [], [], QuoteSettings())


def test_quote_id_is_stable(nlp: Language) -> None:
    text = "“The bridge will open in May,” Jane Roe said."
    assert [q.id for q in _extract(nlp, text)] == [q.id for q in _extract(nlp, text)]


@pytest.mark.parametrize(
    ("text", "words", "kind", "speaker"),
    [
        ("''The bridge is safe,'' Mayor Tom Bell said.", "The bridge is safe,", "direct", "Tom Bell"),
        (
            "Jane Roe told reporters:\n\n“We will rebuild the bridge.”",
            "We will rebuild the bridge.",
            "direct",
            "Jane Roe",
        ),
        ("Rep. Jane Roe (D-Ohio): “We will rebuild the bridge.”", "We will rebuild the bridge.", "direct", "Jane Roe"),
        ("Tom Bell shared the news, writing “We will rebuild the bridge.”", "We will rebuild", "direct", "Tom Bell"),
        ("“Will the bridge ‘ever’ open?” Jane Roe asked.", "Will the bridge", "direct", "Jane Roe"),
    ],
    ids=["two-apostrophes", "colon-then-paragraph", "colon-after-name", "participle-before", "question-then-name"],
)
def test_quote_frames(nlp: Language, text: str, words: str, kind: str, speaker: str) -> None:
    quote = _only(_extract(nlp, text), words)
    assert (quote.kind, quote.speaker_name) == (kind, speaker)


@pytest.mark.parametrize(
    ("text", "content", "verb"),
    [
        ("The bridge, she said, would be rebuilt by May.", "The bridge would be rebuilt by May", "said"),
        (
            "As the Daily Planet reported, the bridge will be rebuilt by May.",
            "the bridge will be rebuilt by May",
            "reported",
        ),
        ("Senator Jane Roe urged the council to rebuild the bridge.", "the council to rebuild the bridge", "urged"),
        ("Jane Roe accused the council of wasting money.", "the council of wasting money", "accused"),
    ],
    ids=["parenthetical-cue", "as-reported", "object-and-infinitive", "accused-of"],
)
def test_reported_speech_content(nlp: Language, text: str, content: str, verb: str) -> None:
    quote = _only(_extract(nlp, text), "")
    assert (quote.kind, quote.text, quote.verb) == ("indirect", content, verb)


def test_noun_cue_with_content_clause(nlp: Language) -> None:
    quote = _only(_extract(nlp, "Residents doubted Tom Bell's claim that the bridge was safe."), "bridge")
    assert quote.verb == "claim" and quote.text.startswith("that the bridge was safe")
    assert quote.speaker_name == "Tom Bell"


def test_name_inside_quote_is_not_the_speaker(nlp: Language) -> None:
    text = "“I admire Senator Tom Bell,” Jane Roe said, “and I support his plan.”"
    (quote,) = _extract(nlp, text)
    assert quote.speaker_name == "Jane Roe"


def test_document_is_the_speaker_of_its_words(nlp: Language) -> None:
    text = "Protesters carried a banner that said, “Rebuild the bridge now.”"
    quote = _only(_extract(nlp, text), "Rebuild")
    assert quote.kind == "direct" and quote.speaker_text == "a banner"


def test_role_noun_finds_a_name_the_ner_missed_inside_a_long_title(nlp: Language) -> None:
    text = (
        "Arvenian Foreign Ministry spokeswoman Lidia Kors said that the patrol had withdrawn.\n\n"
        "“Our soldiers will hold their fire,” the ministry spokeswoman said."
    )
    quote = _only(_extract(nlp, text), "hold their fire")
    assert quote.speaker_name == "Lidia Kors"


def test_two_cues_claiming_the_same_words_make_one_quote() -> None:
    # "Officials suggest, and the mayor says, that ...": both cues take the same content span, which
    # would give two Quote records with one id (and a failed store insert).
    suggest = Attribution(parts=[(40, 70)], kind="indirect", cue="suggest", cue_at=10, speaker=None)
    say = Attribution(parts=[(40, 70)], kind="indirect", cue="say", cue_at=30, speaker=None)
    other = Attribution(parts=[(80, 95)], kind="indirect", cue="say", cue_at=75, speaker=None)
    assert [a.cue for a in quotes._one_per_span([suggest, say, other])] == ["suggest", "say"]
    assert quotes._one_per_span([suggest, say, other])[1] is other
