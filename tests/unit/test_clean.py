"""Clean stage: site furniture out, repeated content collapsed, headline and byline found."""

from __future__ import annotations

import ftfy
import pytest

from dateline import clean
from dateline.clean import FTFY_CONFIG, clean_article, fix_text, line_statistics
from dateline.config import CleanSettings
from dateline.records import Article


def _article(text: str, outlet: str | None = None, source: str = "a.txt") -> Article:
    return Article(id=Article.make_id(source, text), source=source, raw_text=text, outlet=outlet)


def _clean(text: str, others: list[Article] | None = None) -> Article:
    article = _article(text)
    stats = line_statistics([article, *(others or [])])
    return clean_article(article, stats, CleanSettings())


BODY = "The harbour board voted on Monday to reopen the northern quay after six weeks of repairs."


@pytest.mark.parametrize(
    "furniture",
    ["Skip to main content", "Share this post", "About admin", "Thumbnail", "Latest news",
     "Google + Share On Whatsapp", "We use cookies to improve your experience.", "Home / News / Quay reopens"],
    ids=["skip-link", "share", "about-admin", "thumbnail", "latest-news", "share-buttons", "cookies", "breadcrumb"],
)
def test_site_furniture_line_is_removed_and_kept_for_audit(furniture: str) -> None:
    cleaned = _clean(f"Quay Reopens After Repairs\n{furniture}\n{BODY}")
    assert furniture not in cleaned.text
    assert furniture in cleaned.removed
    assert BODY in cleaned.text


def test_check_also_teaser_block_is_dropped_to_the_end() -> None:
    text = (
        f"Quay Reopens After Repairs\n{BODY}\nDock workers welcomed the decision.\nAbout admin\nCheck Also\n"
        "Ferry fares to rise in spring\nPORTVILLE – In a surprise move, the ferry company …"
    )
    cleaned = _clean(text)
    assert "Ferry fares" not in cleaned.text
    assert "Ferry fares to rise in spring" in cleaned.removed
    assert cleaned.text.endswith("Dock workers welcomed the decision.")


def test_body_pasted_twice_reads_once() -> None:
    paragraphs = [BODY, "Harbour master Ana Lind said the work had gone to plan and under budget.",
                  "Shipping firms had diverted cargo to the southern docks during the closure."]
    body = "\n\n".join(paragraphs)
    text = "Quay Reopens After Repairs\n\n" + body + "\n\nQuay Reopens After Repairs\n\n" + body
    cleaned = _clean(text)
    for paragraph in paragraphs:
        assert cleaned.text.count(paragraph) == 1


def test_lede_repeated_by_dateline_paragraph_is_collapsed() -> None:
    lede = "The harbour board voted to reopen the northern quay after six weeks of repairs"
    text = f"Quay Reopens\n\n{lede}\n\nPORTVILLE (Coast Wire - 3rd March, 2031) {lede}.\n\nMore follows here today."
    cleaned = _clean(text)
    assert cleaned.text.count(lede) == 1
    assert "PORTVILLE (Coast Wire" in cleaned.text


def test_headline_is_the_title_and_byline_becomes_author() -> None:
    cleaned = _clean(
        f"Home / Latest / Quay Reopens After Repairs\nQuay Reopens After Repairs\nCoast Wire Report\n{BODY}"
    )
    assert cleaned.title == "Quay Reopens After Repairs"
    assert cleaned.author == "Coast Wire Report"
    assert "Coast Wire Report" not in cleaned.text


def test_line_recurring_across_an_outlets_articles_is_boilerplate() -> None:
    promo = "Download our app for breaking alerts"
    others = [
        _article(
            f"Story {n} headline here\nBody sentence number {n} is long enough.\n{promo}", "Coast Wire", f"{n}.txt"
        )
        for n in range(3)
    ]
    article = _article(f"Quay Reopens After Repairs\n{BODY}\n{promo}", "Coast Wire")
    cleaned = clean_article(article, line_statistics([article, *others]), CleanSettings())
    assert promo not in cleaned.text


def test_prose_sentence_shared_by_two_articles_is_kept() -> None:
    other = _article(f"Another headline for this\n{BODY}", source="b.txt")
    cleaned = _clean(f"Quay Reopens After Repairs\n{BODY}", [other])
    assert BODY in cleaned.text


def test_mojibake_is_fixed_and_curly_quotes_kept() -> None:
    cleaned = _clean("Quay Reopens After Repairs\nâ€œWe are ready,â€\x9d said the harbour master on Monday morning.")
    assert "“We are ready,”" in cleaned.text


def test_section_path_line_is_furniture_but_a_sentence_with_slashes_is_not() -> None:
    cleaned = _clean(
        f"Coast Wire | Politics | Harbour\nQuay Reopens After Repairs\n{BODY}\n"
        "The 24/7 service / ferry line resumes soon."
    )
    assert "Coast Wire | Politics | Harbour" in cleaned.removed
    assert "The 24/7 service / ferry line resumes soon." in cleaned.text


def test_related_coverage_block_is_dropped() -> None:
    cleaned = _clean(
        f"Quay Reopens After Repairs\n{BODY}\nWorkers cheered.\nMore text.\nRelated coverage\nFerry fares to rise"
    )
    assert "Ferry fares to rise" in cleaned.removed


def test_by_line_under_the_headline_becomes_the_author() -> None:
    cleaned = _clean(f"Quay Reopens After Repairs\nBy Oskar Lind\n{BODY}")
    assert cleaned.author == "Oskar Lind"
    assert "By Oskar Lind" not in cleaned.text


def test_sentence_shared_by_syndicated_copies_is_not_boilerplate() -> None:
    shared = "The talks are scheduled to run until Thursday."
    articles = [
        _article(f"Story {n} opens here with its own words.\n\n{shared}\n\nShare this post", source=f"{n}.txt")
        for n in range(3)
    ]
    stats = line_statistics(articles)
    cleaned = clean_article(articles[0], stats, CleanSettings())
    assert shared in cleaned.text
    assert "Share this post" not in cleaned.text


def test_line_of_one_article_is_kept_in_a_small_outlet() -> None:
    own = "The talks are scheduled to run until Thursday."
    articles = [
        _article(f"Story {n} has words of its own.\n\n" + (own if n == 0 else "Nothing else."), "Post", f"{n}.txt")
        for n in range(3)
    ]
    cleaned = clean_article(articles[0], line_statistics(articles), CleanSettings())
    assert own in cleaned.text


@pytest.mark.parametrize(
    "raw",
    [
        "The caf\u00c3\u00a9 reopened.\nPlain line.\n",
        "Windows line\r\nends\rhere",
        "Tom &amp; Jerry\nStill &amp; here",
        "<p>markup</p>\nso &amp; stays escaped",
        "colour\x1b[31m code and a \x07 bell\n\n\nend",
        "ﬁne ligature and ＦＵＬＬ width, \u201ccurly\u201d quotes kept",
        "",
    ],
    ids=["mojibake", "crlf", "entities", "entities-after-markup", "control-chars", "ligature-width", "empty"],
)
def test_fix_text_repairs_exactly_what_ftfy_repairs(raw: str) -> None:
    assert fix_text(raw) == ftfy.fix_text(raw, FTFY_CONFIG)


def test_mojibake_in_one_line_is_repaired_in_the_cleaned_text() -> None:
    raw = "Minister says the caf\u00c3\u00a9 talks resume on Monday in the capital.\nA second plain line of text."
    cleaned = clean_article(_article(raw), line_statistics([]), CleanSettings())
    assert "café talks" in cleaned.text


@pytest.mark.parametrize(
    "line",
    [
        "Share on WhatsApp",
        "Please SHARE ON WHATSAPP before you go",
        "We accept all cookies!",
        "Click here to Accept Cookies.",
        "whatsappish and cookiesque words only",
        "This site uses cookies",
        "ſhare on whatſapp",  # non-ASCII: long s folds to s under IGNORECASE, so the full pattern decides
        "Skip to main content",
        "The harbour board voted on Monday to reopen the quay.",
        "Read more: the quay story",
    ],
)
def test_furniture_shortcut_answers_like_the_whole_pattern(line: str) -> None:
    assert clean._furniture_match(line) == (clean.FURNITURE.match(line) is not None)
