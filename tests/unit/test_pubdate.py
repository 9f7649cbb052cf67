"""date_article and the collection estimate: order of methods, crawl bound, estimates from dated neighbours."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dateline import pubdate
from dateline.config import DateSettings
from dateline.records import Article

SETTINGS = DateSettings()

PAGE = """<html><head><title>Ferry strike ends</title>
<meta property="article:published_time" content="2021-03-09T08:00:00+00:00"></head>
<body><article><h1>Ferry strike ends</h1><p>The ferry sailed again on Monday, the operator said.</p></article>
</body></html>"""


def _article(text: str, **fields: object) -> Article:
    return Article(id=Article.make_id("t", text), source=fields.pop("source", "t"), raw_text=text, text=text,
                   **fields)  # type: ignore[arg-type]  # fmt: skip


def test_reader_metadata_is_kept_with_a_point_interval() -> None:
    day = dt.date(2021, 3, 1)
    dated = pubdate.date_article(_article("PORT ALDER, March 9, 2021 (Wire) - Text.", published=day,
                                          date_method="metadata"), SETTINGS)  # fmt: skip
    assert (dated.published, dated.published_earliest, dated.published_latest) == (day, day, day)
    assert dated.date_method == "metadata"


def test_html_date_comes_before_the_dateline() -> None:
    article = _article("PORT ALDER, March 1, 2021 (Wire) - The ferry sailed.", html=PAGE)
    dated = pubdate.date_article(article, SETTINGS)
    assert dated.published == dt.date(2021, 3, 9)
    assert dated.date_method == "html"
    assert dated.date_evidence


def test_dateline_dates_plain_text_and_sets_the_place() -> None:
    dated = pubdate.date_article(_article("PORT ALDER (Coastwire - 28th January, 2020) The vote."), SETTINGS)
    assert dated.published == dt.date(2020, 1, 28) and dated.date_method == "dateline"
    assert dated.dateline_place == "PORT ALDER"


def test_dateline_without_year_takes_it_from_the_crawl_date() -> None:
    dated = pubdate.date_article(_article("PORT ALDER, March 3 (Coastwire) - The vote.",
                                          fetched=dt.date(2021, 3, 4)), SETTINGS)  # fmt: skip
    assert dated.published == dt.date(2021, 3, 3)


def test_crawl_date_is_only_an_upper_bound_of_a_text_estimate() -> None:
    text = "The harbour deal was signed on January 12, 2021. Talks had lasted since 2019."
    dated = pubdate.date_article(_article(text, fetched=dt.date(2021, 2, 1)), SETTINGS)
    assert dated.date_method == "text-estimate"
    assert dated.published_latest is not None and dated.published_latest <= dt.date(2021, 2, 1)
    assert dated.published_earliest is not None and dated.published_earliest >= dt.date(2021, 1, 12)


def test_page_without_any_date_falls_back_to_the_crawl_day() -> None:
    dated = pubdate.date_article(_article("The ferry sailed again.", fetched=dt.date(2021, 2, 1)), SETTINGS)
    assert dated.date_method == "warc"
    assert dated.published_latest == dt.date(2021, 2, 1) and dated.published_earliest is None


def test_text_without_any_clue_stays_undated() -> None:
    dated = pubdate.date_article(_article("The ferry sailed again after the strike."), SETTINGS)
    assert dated.published is None and dated.date_method == "none"


def _collection() -> list[Article]:
    story = ("The Tollby ferry crew ended their strike after the operator Brask Lines agreed a pay rise "
             "of seven percent, union leader Ilse Marrow told reporters in Tollby harbour.")  # fmt: skip
    dated = [
        _article(f"{story} Report {n}.", source=f"d{n}", published=dt.date(2021, 3, 9), date_method="metadata")
        for n in range(3)
    ]
    dated += [
        _article(f"Unrelated council budget news number {n} about parks and libraries in Velmore.", source=f"u{n}",
                 published=dt.date(2021, 1, 5 + n), date_method="metadata")
        for n in range(3)
    ]  # fmt: skip
    undated = _article(f"{story} The first ferry sailed on Tuesday.", source="x")
    return [*dated, pubdate.date_article(undated, SETTINGS)]


def test_collection_places_an_undated_copy_near_its_dated_neighbours() -> None:
    articles = pubdate.estimate_dates(_collection(), SETTINGS)
    estimated = articles[-1]
    assert estimated.date_method == "collection-estimate"
    assert estimated.published is not None
    assert abs((estimated.published - dt.date(2021, 3, 9)).days) <= 3
    assert estimated.published_earliest <= estimated.published <= estimated.published_latest  # type: ignore[operator]
    assert any("same events" in reason for reason in estimated.date_evidence)


def test_collection_leaves_exact_dates_alone() -> None:
    before = _collection()
    after = pubdate.estimate_dates(before, SETTINGS)
    assert after[:-1] == before[:-1]


def test_collection_without_dated_articles_changes_nothing() -> None:
    undated = [_article("The ferry sailed on Tuesday.", source="a"), _article("Strike over.", source="b")]
    assert pubdate.estimate_dates(undated, SETTINGS) == undated


def test_seeds_first_is_dated_by_its_dateline_and_none_before_a_reported_past_date(seeds_dir: Path) -> None:
    articles = []
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        articles.append(pubdate.date_article(_article(text, source=path.name), SETTINGS))
    articles = pubdate.estimate_dates(articles, SETTINGS)
    assert articles[0].published == dt.date(2020, 1, 28) and articles[0].date_method == "dateline"
    for article in articles[1:]:
        assert article.published_earliest is not None and article.published_latest is not None, article.source
        assert article.date_evidence, article.source
    last = articles[-1]
    assert last.published_earliest >= dt.date(2020, 2, 29)  # type: ignore[operator]
    assert last.published is None or last.published >= dt.date(2020, 2, 29)


@pytest.mark.parametrize("method", ["text-estimate", "none"], ids=["text-estimate", "undated"])
def test_estimate_from_collection_reanchors_changed_articles(method: str) -> None:
    from dateline.records import ArticleAnalysis

    articles = _collection()
    articles[-1] = articles[-1].model_copy(update={"date_method": method})
    analyses = [ArticleAnalysis(article=a) for a in articles]
    out = pubdate.estimate_from_collection(analyses, SETTINGS)
    assert out[:-1] == analyses[:-1]
    assert out[-1].article.date_method == "collection-estimate"
    assert all(t.article_id == out[-1].article.id for t in out[-1].timexes)


def test_yearless_dateline_takes_the_collection_year_not_an_older_year_the_text_names() -> None:
    text = "TOLLBY, March 3 (Harbour Post) - The ferry deal signed in 2030 was replaced on Monday."
    alone = pubdate.date_article(_article(text, source="x"), SETTINGS)
    assert alone.date_method == "dateline" and alone.published == dt.date(2030, 3, 3)
    dated = [
        _article(f"Ferry news number {n}.", source=f"d{n}", published=dt.date(2031, 2, 20 + n), date_method="metadata")
        for n in range(3)
    ]
    resolved = pubdate.estimate_dates([*dated, alone], SETTINGS)[-1]
    assert resolved.published == resolved.published_earliest == resolved.published_latest == dt.date(2031, 3, 3)
    assert any("nearest the collection" in reason for reason in resolved.date_evidence)


def test_dateline_with_its_year_is_not_moved_by_the_collection() -> None:
    text = "TOLLBY, March 3, 2030 (Harbour Post) - The ferry sailed again."
    alone = pubdate.date_article(_article(text, source="x"), SETTINGS)
    dated = [_article("Ferry news.", source="d", published=dt.date(2031, 2, 20), date_method="metadata")]
    assert pubdate.estimate_dates([*dated, alone], SETTINGS)[-1].published == dt.date(2030, 3, 3)


def test_html_date_after_the_machine_clock_is_kept_without_a_crawl_date() -> None:
    page = PAGE.replace("2021-03-09", "2091-03-09")
    dated = pubdate.date_article(_article("The ferry sailed again.", html=page), SETTINGS)
    assert dated.date_method == "html" and dated.published == dt.date(2091, 3, 9)


def test_html_date_after_the_crawl_date_is_refused() -> None:
    page = PAGE.replace("2021-03-09", "2091-03-09")
    dated = pubdate.date_article(_article("The ferry sailed again.", html=page, fetched=dt.date(2021, 3, 10)), SETTINGS)
    assert dated.date_method != "html"
