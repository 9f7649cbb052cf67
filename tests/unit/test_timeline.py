"""Timeline method: dates from mentions and publication, per-day selection without repeats, focus, citations."""

from __future__ import annotations

from datetime import date

import pytest

from dateline import timeline
from dateline.config import TimelineSettings
from dateline.errors import ConfigError
from dateline.records import Article, ArticleAnalysis, Quote, Sentence, Timex
from dateline.timeline import candidates, vectors


def make_analysis(article_id: str, published: date, lines: list[tuple[str, str | None, str | None]]) -> ArticleAnalysis:
    """An article of one sentence per line; each line may carry one DATE timex (its text, its value)."""
    sentences, timexes, offset = [], [], 0
    for index, (text, timex_text, value) in enumerate(lines):
        sentences.append(Sentence(article_id=article_id, index=index, start=offset, end=offset + len(text), text=text))
        if timex_text is not None and value is not None:
            start = offset + text.index(timex_text)
            timexes.append(Timex(article_id=article_id, start=start, end=start + len(timex_text), text=timex_text,
                                 type="DATE", value=value))
        offset += len(text) + 1
    article = Article(id=article_id, source=article_id, published=published, text="\n".join(t for t, _, _ in lines))
    return ArticleAnalysis(article=article, sentences=sentences, timexes=timexes)


SIEGE = "Rebels seized the northern town of Arden on March 3 after two days of heavy fighting ."
SIEGE_2 = "On March 3 rebel fighters seized Arden , the army said , after fighting in the hills ."
TALKS = "Peace talks between the rebels and the government opened in Brill with two mediators present ."
WEATHER = "A heavy storm brought snow to the capital and closed several schools for the whole day ."


def corpus() -> list[ArticleAnalysis]:
    """Three articles published on March 10 and 11; March 3 is only ever mentioned."""
    return [
        make_analysis("a", date(2021, 3, 10), [(SIEGE, "March 3", "2021-03-03"), (TALKS, None, None)]),
        make_analysis("b", date(2021, 3, 10), [(SIEGE_2, "March 3", "2021-03-03"), (WEATHER, None, None)]),
        make_analysis("c", date(2021, 3, 11), [(SIEGE, "March 3", "2021-03-03"), (TALKS, None, None)]),
    ]


def test_a_day_only_mentioned_is_selected_first() -> None:
    entries = timeline.build_timeline(corpus(), TimelineSettings(max_dates=1, sentences_per_date=1))
    assert [e.date for e in entries] == [date(2021, 3, 3)]


def test_same_sentence_is_never_repeated_across_days() -> None:
    entries = timeline.build_timeline(corpus(), TimelineSettings(max_dates=5, sentences_per_date=2))
    chosen = [s for e in entries for s in e.sentences]
    assert len(chosen) == len(set(chosen))
    assert not {SIEGE, SIEGE_2} <= set(chosen)  # two wordings of one event: only one is kept


def test_every_entry_cites_its_sentences() -> None:
    entries = timeline.build_timeline(corpus(), TimelineSettings(max_dates=3, sentences_per_date=1))
    assert entries
    for entry in entries:
        assert [s.sentence for s in entry.sources] == entry.sentences
        assert all(s.article_id in {"a", "b", "c"} and s.sentence_index is not None for s in entry.sources)


def test_focus_keeps_off_topic_sentences_out() -> None:
    settings = TimelineSettings(max_dates=5, sentences_per_date=2, focus="rebels, Arden")
    chosen = [s for e in timeline.build_timeline(corpus(), settings) for s in e.sentences]
    assert WEATHER not in chosen
    assert chosen


def test_window_limits_the_dates() -> None:
    settings = TimelineSettings(max_dates=5, sentences_per_date=1, start="2021-03-09", end="2021-03-31")
    entries = timeline.build_timeline(corpus(), settings)
    assert entries and all(e.date >= date(2021, 3, 9) for e in entries)


def test_quotes_of_the_day_in_a_cited_sentence_are_linked() -> None:
    quote = Quote(id="q1", article_id="a", text="rebels seized", start=0, end=10, kind="indirect",
                  date=date(2021, 3, 3))
    other_day = quote.model_copy(update={"id": "q2", "date": date(2021, 3, 4)})
    entries = timeline.build_timeline(corpus(), TimelineSettings(max_dates=1, sentences_per_date=1),
                                      quotes=[quote, other_day])
    cites_a = any(s.article_id == "a" for s in entries[0].sources)
    assert entries[0].quotes == (["q1"] if cites_a else [])


@pytest.mark.parametrize(
    ("settings", "error"),
    [
        pytest.param(TimelineSettings(method="nope"), "timeline.method", id="unknown-method"),
        pytest.param(TimelineSettings(start="March"), "timeline.start", id="bad-start"),
    ],
)
def test_bad_settings_raise_config_error_naming_the_key(settings: TimelineSettings, error: str) -> None:
    with pytest.raises(ConfigError, match=error):
        timeline.build_timeline(corpus(), settings)


def test_no_articles_give_no_entries() -> None:
    assert timeline.build_timeline([], TimelineSettings()) == []


@pytest.mark.parametrize(
    ("focus", "terms"),
    [
        pytest.param("bp, oil, spill", ["bp", "oil", "spill"], id="comma-list"),
        pytest.param("IraqWar", ["iraq", "war"], id="camel-case-label"),
        pytest.param(None, [], id="none"),
    ],
)
def test_query_terms(focus: str | None, terms: list[str]) -> None:
    assert vectors.query_terms(focus) == terms


def test_query_term_found_nowhere_is_ignored() -> None:
    mask = vectors.query_mask(["rebels took arden", "snow fell"], ["bpoil", "rebels"])
    assert mask.tolist() == [True, False]
    assert vectors.query_mask(["snow fell"], ["bpoil"]).tolist() == [True]


@pytest.mark.parametrize(
    ("sentences", "inside"),
    [
        pytest.param(["He said : `` We will fight on .", "We will win . ''", "Then it rained ."], [False, True, False],
                     id="ptb-quote-over-two-sentences"),
        pytest.param(["She said: \u201cWe will fight on.", "We will win,\u201d she added.", "After."],
                     [False, True, False], id="curly-quote-over-two-sentences"),
        pytest.param(['We will win," she said.', "The army attacked."], [True, False], id="opens-with-a-closing-mark"),
        pytest.param(['"We will win," she said.', "The army attacked."], [False, False],
                     id="whole-quote-in-one-sentence"),
        pytest.param(['The "contingency plans" were ready.', "Next."], [False, False], id="scare-quotes"),
        pytest.param(["He said : `` One .", "Two .", "Three .", "Four .", "Five .", "Six ."],
                     [False, True, True, True, True, False], id="stray-opener-expires"),
    ],
)
def test_sentences_inside_a_quotation_are_found(sentences: list[str], inside: list[bool]) -> None:
    assert candidates.inside_quote(sentences) == inside


def test_summary_never_starts_inside_a_multi_sentence_quote() -> None:
    opener = "The rebel commander told reporters on March 3 : `` We have taken the town of Arden tonight ."
    inside = "We will hold Arden until the government talks to us about the future , '' he said on March 3 ."
    lines: list[tuple[str, str | None, str | None]] = [(t, "March 3", "2021-03-03") for t in (opener, inside)]
    article = make_analysis("q", date(2021, 3, 4), lines)
    chosen = [s for e in timeline.build_timeline([article], TimelineSettings(max_dates=2, sentences_per_date=2))
              for s in e.sentences]
    assert opener in chosen
    assert inside not in chosen
