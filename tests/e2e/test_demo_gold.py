"""End to end: ``dateline build`` on the bundled demo corpus, checked against its hand-written gold.

The gold (examples/demo-gold.json) was written by reading the fictional articles in
examples/demo-corpus, never by running the tool. The first group of tests checks the gold against
the corpus text (no build needed); the rest run the CLI once per module and assert what a reader
would notice: furniture gone, copies marked, dates right or honestly bounded, quotes with the right
speaker, aliases merged, the key days on the timeline, every entry sourced.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import json
import re
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "examples" / "demo-corpus"
GOLD: dict[str, Any] = json.loads((ROOT / "examples" / "demo-gold.json").read_text(encoding="utf-8"))
ARTICLES: list[dict[str, Any]] = GOLD["articles"]
GOLD_BY_KEY = {a["key"]: a for a in ARTICLES}
DATED = [a for a in ARTICLES if a["published"]]
UNDATED = [a for a in ARTICLES if not a["published"]]
SPOKEN = [q for q in GOLD["quotes"] if q["speaker"]]
HARD = [q for q in GOLD["quotes"] if q.get("case")]
PASTED = GOLD["pasted_twice"]["article"]
EXACT_METHODS = {"metadata", "html", "dateline", "folder", "warc"}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

_FOLD = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "…": "..."})

Story = dict[str, Any]


def norm(text: str | None) -> str:
    """Fold curly quotes and dashes, case and runs of whitespace, so substrings compare as a reader would."""
    return " ".join((text or "").translate(_FOLD).lower().split())


# ---------------------------------------------------------------- the gold against the corpus (no build)


def raw_text(gold_article: dict[str, Any]) -> str:
    """The text of a gold article as it sits in the corpus (a file, or a JSONL record's text field)."""
    path = CORPUS / str(gold_article["file"])
    if path.suffix == ".jsonl":
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if record["id"] == gold_article["key"]:
                return str(record["text"])
        raise KeyError(gold_article["key"])
    return path.read_text(encoding="utf-8")


def test_gold_names_every_article_of_the_corpus() -> None:
    files = {p.name for p in CORPUS.iterdir() if p.name != "meta.csv"}
    assert files == {a["file"] for a in ARTICLES}
    assert 18 <= len(ARTICLES) <= 22


@pytest.mark.parametrize("quote", GOLD["quotes"], ids=lambda q: q["id"])
def test_gold_quote_occurs_in_its_article(quote: dict[str, Any]) -> None:
    expected = 2 if quote["article"] == PASTED else 1
    assert norm(raw_text(GOLD_BY_KEY[quote["article"]])).count(norm(quote["text"])) == expected


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a["key"])
def test_gold_boilerplate_and_kept_text_occur_in_the_input(article: dict[str, Any]) -> None:
    text = raw_text(article)
    if article["file"].endswith(".html"):  # page furniture sits inside tags: compare the tag-free text
        text = html.unescape(re.sub(r"<[^>]+>", "\n", text))
    lines = {line.strip() for line in text.splitlines()}
    assert all(line in lines for line in article["boilerplate"])
    assert all(norm(keep) in norm(text) for keep in article["keep"])


@pytest.mark.parametrize("article", UNDATED, ids=lambda a: a["key"])
def test_gold_bounds_hold_the_true_date(article: dict[str, Any]) -> None:
    bounds = article["bounds"]
    assert bounds["earliest"] <= article["true_date"] <= bounds["latest"]


def test_gold_metadata_dates_match_the_sidecar() -> None:
    with (CORPUS / "meta.csv").open(encoding="utf-8") as handle:
        rows = {row["file"]: row for row in csv.DictReader(handle)}
    for name, row in rows.items():
        assert GOLD_BY_KEY[name]["published"] == row["published"][:10]
        assert GOLD_BY_KEY[name]["title"] == row["title"]


def _expected_relative(core: str, anchor: dt.date) -> str | None:
    """The value a relative expression takes on ``anchor``, for the kinds the gold uses."""
    iso = anchor.isocalendar()
    shifts = {"last week": -7, "next week": 7}
    if core in shifts:
        other = (anchor + dt.timedelta(days=shifts[core])).isocalendar()
        return f"{other[0]}-W{other[1]:02d}"
    if core == "this week":
        return f"{iso[0]}-W{iso[1]:02d}"
    offsets = {"two days ago": -2, "tomorrow": 1}
    if core in offsets:
        return (anchor + dt.timedelta(days=offsets[core])).isoformat()
    if core == "june this year":
        return f"{anchor.year}-06"
    return None


@pytest.mark.parametrize("timex", GOLD["timexes"], ids=lambda t: f"{t['article']}:{t['text']}")
def test_gold_timex_values_agree_with_the_calendar(timex: dict[str, Any]) -> None:
    core = timex["text"].lower()
    assert core in norm(raw_text(GOLD_BY_KEY[timex["article"]]))
    anchor = dt.date.fromisoformat(GOLD_BY_KEY[timex["article"]]["true_date"])
    if core in WEEKDAYS:
        assert all(dt.date.fromisoformat(v).weekday() == WEEKDAYS.index(core) for v in timex["values"])
        assert all(abs((dt.date.fromisoformat(v) - anchor).days) <= 7 for v in timex["values"])
    elif (expected := _expected_relative(core, anchor)) is not None:
        assert timex["values"] == [expected]


# ---------------------------------------------------------------- the build


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Story:
    """story.json of one ``dateline build`` of the demo corpus (with its sidecar)."""
    from typer.testing import CliRunner

    from dateline.cli import app

    out = tmp_path_factory.mktemp("demo-story")
    args = ["build", str(CORPUS), "--meta", str(CORPUS / "meta.csv"), "--out", str(out)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, f"{result.output}\n{result.exception!r}"
    loaded: Story = json.loads((out / "story.json").read_text(encoding="utf-8"))
    return loaded


def find_article(story: Story, key: str) -> dict[str, Any]:
    """The story article for a gold key: by url for JSONL records, else by file name of its source."""
    gold = GOLD_BY_KEY[key]
    for article in story["articles"]:
        if gold["file"].endswith(".jsonl"):
            if gold["url"] in (article.get("url"), article["source"]):
                return dict(article)
        elif Path(str(article["source"])).name == gold["file"]:
            return dict(article)
    raise AssertionError(f"article {key} is missing from story.json")


def ids_for(story: Story, key: str) -> set[str]:
    """The article's id plus its canonical copy or its copies: quotes may live on either."""
    article = find_article(story, key)
    ids = {article["id"]} | ({article["duplicate_of"]} if article.get("duplicate_of") else set())
    return ids | {a["id"] for a in story["articles"] if a.get("duplicate_of") in ids}


def entities_by_id(story: Story) -> dict[str, dict[str, Any]]:
    return {e["id"]: e for e in story["entities"]}


def quotes_in(story: Story, key: str, needle: str) -> list[dict[str, Any]]:
    """Quotes of the article (or its copies) whose text contains the gold substring."""
    ids = ids_for(story, key)
    return [
        q
        for q in story["quotes"]
        if (q["article_id"] in ids or ids & set(q.get("sources") or [])) and norm(needle) in norm(q["text"])
    ]


def speaker_is(quote: dict[str, Any], name: str, entities: dict[str, dict[str, Any]]) -> bool:
    """True when the quote's canonical speaker is ``name`` (a title before the name is tolerated)."""
    candidates = [quote.get("speaker")]
    if quote.get("speaker_entity_id") in entities:
        candidates.append(entities[quote["speaker_entity_id"]]["name"])
    target = norm(name)
    return any(c and (norm(c) == target or norm(c).endswith(" " + target)) for c in candidates)


def kind_ok(found: dict[str, Any], gold: dict[str, Any]) -> bool:
    """The found kind is the gold kind, or its accepted second kind (reported clauses holding a quoted fragment)."""
    return found["kind"] in {gold["kind"], gold.get("kind_also")}


def entity_forms(entity: dict[str, Any]) -> set[str]:
    return {norm(entity["name"])} | {norm(a) for a in entity.get("aliases") or []}


def test_story_has_the_contract_sections(story: Story) -> None:
    assert {"articles", "entities", "quotes", "timexes", "events", "timeline"} <= set(story)


def test_every_article_is_read_once(story: Story) -> None:
    found = [find_article(story, a["key"])["id"] for a in ARTICLES]
    assert len(set(found)) == len(ARTICLES) == len(story["articles"])


@pytest.mark.parametrize("article", [a for a in ARTICLES if a["outlet"]], ids=lambda a: a["key"])
def test_outlet_from_metadata(story: Story, article: dict[str, Any]) -> None:
    assert find_article(story, article["key"]).get("outlet") == article["outlet"]


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a["key"])
def test_boilerplate_is_gone(story: Story, article: dict[str, Any]) -> None:
    text = find_article(story, article["key"])["text"]
    lines = {line.strip() for line in text.splitlines()}
    left = [b for b in article["boilerplate"] if b in lines or (len(b) > 25 and norm(b) in norm(text))]
    assert not left, f"boilerplate left in the cleaned text: {left}"


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a["key"])
def test_body_text_is_kept(story: Story, article: dict[str, Any]) -> None:
    text = norm(find_article(story, article["key"])["text"])
    assert all(norm(keep) in text for keep in article["keep"])


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a["key"])
def test_title_is_the_headline(story: Story, article: dict[str, Any]) -> None:
    assert norm(find_article(story, article["key"]).get("title")) == norm(article["title"])


@pytest.mark.parametrize("article", DATED, ids=lambda a: a["key"])
def test_dated_article_has_its_date(story: Story, article: dict[str, Any]) -> None:
    found = find_article(story, article["key"])
    assert (found.get("published") or "")[:10] == article["published"], found.get("date_method")


@pytest.mark.parametrize("article", UNDATED, ids=lambda a: a["key"])
def test_undated_article_interval_holds_the_true_date(story: Story, article: dict[str, Any]) -> None:
    found = find_article(story, article["key"])
    earliest, latest = found.get("published_earliest"), found.get("published_latest")
    assert earliest and latest, f"no interval for an undated article ({found.get('date_method')})"
    assert earliest[:10] <= article["true_date"] <= latest[:10]


@pytest.mark.parametrize("article", UNDATED, ids=lambda a: a["key"])
def test_undated_article_is_not_passed_off_as_exact(story: Story, article: dict[str, Any]) -> None:
    assert find_article(story, article["key"]).get("date_method") not in EXACT_METHODS


@pytest.mark.parametrize("article", UNDATED, ids=lambda a: a["key"])
def test_undated_point_estimate_within_defensible_bounds(story: Story, article: dict[str, Any]) -> None:
    published = find_article(story, article["key"]).get("published")
    if published is not None:
        assert article["bounds"]["earliest"] <= published[:10] <= article["bounds"]["latest"]


def test_syndicated_copy_is_marked_duplicate(story: Story) -> None:
    for first, second in GOLD["duplicates"]:
        a, b = find_article(story, first), find_article(story, second)
        assert a.get("duplicate_of") == b["id"] or b.get("duplicate_of") == a["id"]


def test_no_other_article_is_marked_duplicate(story: Story) -> None:
    allowed = {frozenset((find_article(story, x)["id"], find_article(story, y)["id"])) for x, y in GOLD["duplicates"]}
    marked = {frozenset((a["id"], a["duplicate_of"])) for a in story["articles"] if a.get("duplicate_of")}
    assert marked <= allowed


def test_pasted_twice_article_reads_once(story: Story) -> None:
    text = norm(find_article(story, PASTED)["text"])
    assert {s: text.count(norm(s)) for s in GOLD["pasted_twice"]["once"]} == dict.fromkeys(
        GOLD["pasted_twice"]["once"], 1
    )


@pytest.mark.parametrize("quote", [q for q in GOLD["quotes"] if q["article"] == PASTED], ids=lambda q: q["id"])
def test_pasted_twice_article_yields_each_quote_once(story: Story, quote: dict[str, Any]) -> None:
    kinds = [q["kind"] for q in quotes_in(story, PASTED, quote["text"])]
    assert kinds and len(kinds) == len(set(kinds)), f"quote found {len(kinds)} times: {kinds}"


def test_quote_recall_with_the_right_speaker(story: Story) -> None:
    entities = entities_by_id(story)
    missed = [
        q["id"]
        for q in SPOKEN
        if not any(speaker_is(f, q["speaker"], entities) for f in quotes_in(story, q["article"], q["text"]))
    ]
    recall = 1 - len(missed) / len(SPOKEN)
    assert recall >= GOLD["floors"]["quote_recall_with_speaker"], f"recall {recall:.2f}; missed {missed}"


def test_quote_kind_agreement(story: Story) -> None:
    found = [(q, quotes_in(story, q["article"], q["text"])) for q in GOLD["quotes"]]
    found = [(q, f) for q, f in found if f]
    wrong = [q["id"] for q, f in found if not any(kind_ok(x, q) for x in f)]
    agreement = 1 - len(wrong) / max(len(found), 1)
    assert agreement >= GOLD["floors"]["quote_kind_agreement"], f"kind agreement {agreement:.2f}; wrong {wrong}"


@pytest.mark.parametrize("quote", HARD, ids=lambda q: q["case"])
def test_hard_case_quote(story: Story, quote: dict[str, Any]) -> None:
    entities = entities_by_id(story)
    found = quotes_in(story, quote["article"], quote["text"])
    assert found, f"quote not found: {quote['text']!r}"
    if quote["speaker"] is None:
        assert not any(speaker_is(f, name, entities) for f in found for name in quote.get("not_speaker", []))
        return
    got = [(f.get("speaker"), f["kind"]) for f in found]
    assert any(speaker_is(f, quote["speaker"], entities) and kind_ok(f, quote) for f in found), got


@pytest.mark.parametrize("entity", GOLD["entities"], ids=lambda e: e["name"])
def test_alias_set_is_one_entity(story: Story, entity: dict[str, Any]) -> None:
    wanted = {norm(entity["name"])} | {norm(a) for a in entity["aliases"]}
    holders = [e["name"] for e in story["entities"] if entity_forms(e) & wanted]
    assert any(wanted <= entity_forms(e) for e in story["entities"]), f"forms spread over {holders}"


@pytest.mark.parametrize("pair", GOLD["must_not_merge"], ids=lambda p: " vs ".join(p))
def test_distinct_people_are_not_merged(story: Story, pair: list[str]) -> None:
    merged = [e["name"] for e in story["entities"] if {norm(p) for p in pair} <= entity_forms(e)]
    assert not merged


@pytest.mark.parametrize("link", GOLD["role_links"], ids=lambda r: r["role"])
def test_role_noun_is_not_given_to_another_person(story: Story, link: dict[str, Any]) -> None:
    holders = {
        e["name"]
        for e in story["entities"]
        if e.get("type") == "PERSON" and any(norm(link["role"]) in norm(a) for a in e.get("aliases") or [])
    }
    assert all(norm(h) == norm(link["name"]) or norm(h).endswith(" " + norm(link["name"])) for h in holders), holders


@pytest.mark.parametrize("timex", GOLD["timexes"], ids=lambda t: f"{t['article']}:{t['text']}")
def test_relative_expression_is_normalised(story: Story, timex: dict[str, Any]) -> None:
    ids = ids_for(story, timex["article"])
    found = [t for t in story["timexes"] if t["article_id"] in ids and timex["text"].lower() in norm(t["text"])]
    values = sorted({str(t["value"]) for t in found})
    assert found, f"{timex['text']!r} not tagged"
    assert all(any(v.startswith(e) for e in timex["values"]) for v in values), values
    assert all(any(v.startswith(e) for v in values) for e in timex["values"]), values


@pytest.mark.parametrize("key_date", GOLD["timeline"], ids=lambda d: d["date"])
def test_timeline_has_the_key_date(story: Story, key_date: dict[str, Any]) -> None:
    entries = [e for e in story["timeline"] if str(e["date"])[:10] == key_date["date"]]
    assert entries, f"no timeline entry for {key_date['date']} ({key_date['what']})"
    said = norm(" ".join([entries[0]["summary"], *entries[0].get("sentences", [])]))
    assert any(re.search(rf"\b{re.escape(w)}", said) for w in key_date["any_of"]), entries[0]["summary"]


def _period_start(period: str) -> str:
    return period + ("-01-01" if len(period) == 4 else "-01")


def test_timeline_dates_fall_in_the_story(story: Story) -> None:
    window = GOLD["timeline_window"]
    periods = {_period_start(p) for p in window["earlier_periods"] + window["later_periods"]}
    stray = [
        e["date"]
        for e in story["timeline"]
        if not window["first"] <= str(e["date"])[:10] <= window["last"] and str(e["date"])[:10] not in periods
    ]
    assert not stray, f"timeline days on which nothing in the story happened: {stray}"


def test_every_timeline_entry_cites_its_sources(story: Story) -> None:
    texts = {a["id"]: norm(a["text"]) for a in story["articles"]}
    quote_ids = {q["id"] for q in story["quotes"]}
    assert story["timeline"]
    for entry in story["timeline"]:
        assert entry["sources"], f"{entry['date']} cites nothing"
        for source in entry["sources"]:
            assert source["article_id"] in texts, source
            assert source["sentence"].strip() and norm(source["sentence"]) in texts[source["article_id"]], source
        assert set(entry.get("quotes") or []) <= quote_ids
