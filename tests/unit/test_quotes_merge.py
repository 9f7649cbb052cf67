"""Story-level merging of quotes and the date a quote was said (records built by hand, no model)."""

from __future__ import annotations

import random
from datetime import date

import pytest

from dateline import quotes
from dateline.quotes import merge
from dateline.records import Article, Quote, Timex


def _quote(
    article_id: str, text: str, day: date | None = None, speaker: str | None = "Jane Roe", **kw: object
) -> Quote:
    fields: dict[str, object] = {
        "id": f"{article_id}-{len(text)}",
        "article_id": article_id,
        "text": text,
        "start": 0,
        "end": len(text),
        "kind": "direct",
        "speaker_name": speaker,
        "date": day,
        "sources": [article_id],
    }
    fields.update(kw)
    return Quote.model_validate(fields)


WORDS = "We will open the bridge in May and the ferry will keep running until then"


@pytest.mark.parametrize(
    "copy",
    [
        WORDS,
        f"“{WORDS}.”",
        WORDS.upper(),
        "We will open the bridge in May",
        "We will open the brige in May and the ferry will keep running until then",
    ],
    ids=["identical", "quote-marks-and-punctuation", "case", "truncated", "typo"],
)
def test_copies_of_a_quote_merge_with_all_sources(copy: str) -> None:
    merged = quotes.merge_across_articles([_quote("b", copy, date(2021, 3, 6)), _quote("a", WORDS, date(2021, 3, 5))])
    assert len(merged) == 1
    assert merged[0].article_id == "a"  # the earliest report is canonical
    assert merged[0].sources == ["a", "b"]


def test_different_quotes_stay_apart() -> None:
    merged = quotes.merge_across_articles([_quote("a", WORDS), _quote("b", "The ferry is too old to keep running")])
    assert len(merged) == 2


def test_same_words_by_different_speakers_stay_apart() -> None:
    merged = quotes.merge_across_articles([_quote("a", WORDS), _quote("b", WORDS, speaker="Tom Bell")])
    assert len(merged) == 2


def test_short_stock_phrase_is_not_merged_by_containment() -> None:
    merged = quotes.merge_across_articles(
        [_quote("a", "thank you"), _quote("b", "thank you all for coming tonight to the hall")]
    )
    assert len(merged) == 2


def test_merging_a_large_story_compares_few_pairs() -> None:
    rng = random.Random(7)
    vocabulary = [f"word{i}" for i in range(400)]
    texts = [" ".join(rng.choices(vocabulary, k=15)) for _ in range(3000)]
    many = [_quote(f"a{i:04d}", text) for i, text in enumerate(texts)] + [_quote("z", texts[5])]
    assert sum(len(b) for b in merge._blocks([merge.normalise(q.text) for q in many])) < len(many)
    merged = quotes.merge_across_articles(many)
    assert len(merged) == 3000
    assert next(q for q in merged if q.text == texts[5]).sources == ["a0005", "z"]


def test_quote_syndicated_to_many_articles_compares_each_copy_with_few_groups(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    copies = [_quote(f"a{i:04d}", f"{WORDS} (copy {i})", date(2021, 3, 5)) for i in range(2000)]
    calls = 0
    real = merge._same_quote

    def counting(*args: object) -> bool:
        nonlocal calls
        calls += 1
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(merge, "_same_quote", counting)
    merged = quotes.merge_across_articles(copies)
    assert len(merged) == 1 and len(merged[0].sources) == 2000
    assert calls < 3 * len(copies)  # all pairs would be about two million


def _article(text: str) -> Article:
    return Article(id="a", source="test", text=text, published=date(2019, 8, 2))


def _timex(text: str, words: str, value: str) -> Timex:
    start = text.index(words)
    return Timex(article_id="a", start=start, end=start + len(words), text=words, type="DATE", value=value)


def test_date_comes_from_timex_attached_to_the_cue() -> None:
    text = "“We will conclude the agreement,” Roe said on July 31."
    quote = _quote(
        "a", "We will conclude the agreement,", start=1, end=32, speaker_start=34, speaker_end=37, verb="said"
    )
    (dated,) = quotes.assign_dates([quote], _article(text), [_timex(text, "July 31", "2019-07-31")])
    assert dated.date == date(2019, 7, 31)


def test_date_before_the_speaker_dates_the_quote() -> None:
    text = "On Sunday, spokesman Tom Bell said that the talks would resume."
    start = text.index("that")
    quote = _quote("a", text[start:-1], start=start, end=len(text) - 1, speaker_start=21, speaker_end=29, verb="said")
    (dated,) = quotes.assign_dates([quote], _article(text), [_timex(text, "Sunday", "2019-07-28")])
    assert dated.date == date(2019, 7, 28)


def test_date_inside_the_content_does_not_date_the_quote() -> None:
    text = "Roe said that the talks would resume on July 30 in Doha."
    start = text.index("that")
    quote = _quote("a", text[start:-1], start=start, end=len(text) - 1, speaker_start=0, speaker_end=3, verb="said")
    (dated,) = quotes.assign_dates([quote], _article(text), [_timex(text, "July 30", "2019-07-30")])
    assert dated.date == date(2019, 8, 2)


def test_future_date_near_the_cue_is_ignored() -> None:
    text = "“We will be there,” Roe said of the summit on August 20."
    quote = _quote("a", "We will be there,", start=1, end=18, speaker_start=20, speaker_end=23, verb="said")
    (dated,) = quotes.assign_dates([quote], _article(text), [_timex(text, "August 20", "2019-08-20")])
    assert dated.date == date(2019, 8, 2)


def test_quotes_by_speaker_are_in_time_order() -> None:
    late, early = _quote("a", "late words", date(2021, 5, 1)), _quote("b", "early words", date(2021, 1, 1))
    assert [q.text for q in quotes.quotes_by_speaker([late, early])["Jane Roe"]] == ["early words", "late words"]


def test_headline_fragment_does_not_replace_the_full_quote_of_its_article() -> None:
    headline = _quote("a", "We will open the bridge in May", date(2021, 3, 5), start=0)
    body = _quote("a", WORDS, date(2021, 3, 5), start=200)
    merged = quotes.merge_across_articles([headline, body])
    assert [q.text for q in merged] == [WORDS]
