"""Exporters: the committed schema matches the records; pages escape untrusted text."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pyarrow.parquet as pq

from dateline.export import export_story
from dateline.export.parquet import write_parquet
from dateline.export.spans import Highlight, render_text
from dateline.export.story_json import schema_text
from dateline.records import Quote, Sentence, SourceRef, TimelineEntry
from dateline.story import Story, StoryArticle

SCHEMA = Path(__file__).resolve().parents[2] / "schema" / "story.schema.json"
EVIL = 'Officials said <script>alert(1)</script> and <img src=x onerror="alert(2)"> today.'


def _story() -> Story:
    article = StoryArticle(
        id="a1", source="a.txt", title="<b>Quay</b> reopens", text=EVIL, published=dt.date(2031, 3, 4)
    )
    sentence = Sentence(article_id="a1", index=0, start=0, end=len(EVIL), text=EVIL)
    quote = Quote(
        id="q1", article_id="a1", text="<script>", start=15, end=23, kind="partial", speaker="Ana <i>Lind</i>"
    )
    entry = TimelineEntry(date=dt.date(2031, 3, 4), summary=EVIL, sentences=[EVIL], quotes=["q1"],
                          sources=[SourceRef(article_id="a1", sentence=EVIL, sentence_index=0)])
    return Story(articles=[article], sentences=[sentence], quotes=[quote], timeline=[entry])


def test_committed_json_schema_matches_the_records() -> None:
    assert SCHEMA.read_text(encoding="utf-8") == schema_text(), "run: python -m dateline.export.schema_file"


def test_html_page_escapes_article_text_and_loads_nothing_external(tmp_path: Path) -> None:
    export_story(_story(), tmp_path)
    page = (tmp_path / "timeline.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "onerror=\"alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "src=\"http" not in page and "href=\"http" not in page
    assert 'href="#a-a1-s0"' in page and 'id="a-a1-s0"' in page  # the entry links to its cited sentence


def test_story_json_and_markdown_cite_sources(tmp_path: Path) -> None:
    export_story(_story(), tmp_path)
    story = json.loads((tmp_path / "story.json").read_text(encoding="utf-8"))
    assert story["timeline"][0]["sources"][0]["article_id"] == "a1"
    markdown = (tmp_path / "timeline.md").read_text(encoding="utf-8")
    assert "## 2031-03-04" in markdown and "Sources:" in markdown


def test_highlights_nest_without_breaking_markup() -> None:
    html = render_text("abcdef\n\nghij", [Highlight(0, 4, "sent"), Highlight(2, 9, "quote", "x")])
    assert html.count("<span") == html.count("</span>")
    assert "</p><p>" in html


def test_parquet_writes_every_table(tmp_path: Path) -> None:
    write_parquet(_story(), tmp_path)
    assert pq.read_table(tmp_path / "quotes.parquet").num_rows == 1
    assert pq.read_table(tmp_path / "events.parquet").num_rows == 0


def _quoted_story(kind: str, text: str, verb: str = "said") -> Story:
    story = _story()
    quote = Quote(id="q1", article_id="a1", text=text, start=0, end=5, kind=kind, speaker="Ana Lind", verb=verb)  # type: ignore[arg-type]
    return story.model_copy(update={"quotes": [quote]})


def test_only_direct_quotes_are_shown_in_quote_marks(tmp_path: Path) -> None:
    export_story(_quoted_story("indirect", 'that the quay would "reopen soon"'), tmp_path)
    markdown = (tmp_path / "timeline.md").read_text(encoding="utf-8")
    assert '- Ana Lind said that the quay would "reopen soon".' in markdown
    assert "“that the quay" not in markdown
    page = (tmp_path / "timeline.html").read_text(encoding="utf-8")
    assert "Ana Lind said that the quay would &#34;reopen soon&#34;." in page


def test_according_to_reads_as_a_sentence_and_direct_quote_keeps_one_line(tmp_path: Path) -> None:
    export_story(_quoted_story("indirect", "the quay is closed", verb="according to"), tmp_path)
    assert "- The quay is closed, according to Ana Lind." in (tmp_path / "timeline.md").read_text(encoding="utf-8")
    export_story(_quoted_story("direct", "We open.\n\nWe stay open."), tmp_path)
    assert "- > “We open. We stay open.” — Ana Lind" in (tmp_path / "timeline.md").read_text(encoding="utf-8")
