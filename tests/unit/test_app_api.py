"""Web app and HTTP API on a small invented story whose text, titles, names and quotes carry script payloads."""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from starlette.exceptions import StarletteDeprecationWarning

from dateline.app import create_app
from dateline.app.overview import build_chart
from dateline.app.search import fts_query, split_marks
from dateline.errors import InputError, StoreError
from dateline.records import Entity, Event, Mention, Quote, Sentence, SourceRef, TimelineEntry, Timex
from dateline.store import Store
from dateline.story import Story, StoryArticle

with warnings.catch_warnings():
    # Starlette >= 1.x warns when its test client runs on httpx rather than httpx2; the client works the same.
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

SCRIPT = "<script>alert('x')</script>"
IMG = '<img src=x onerror="alert(1)">'
BODY = f"Harbour master Ana Lind said {SCRIPT} the quay reopens on Monday. Ferry chief Tomas Berg praised Lind. {IMG}"
QUOTE = f"We are ready {IMG}"
TEXT1 = f"{BODY}\n\n\u201c{QUOTE},\u201d Lind said."
Q_START = TEXT1.index(QUOTE)
S2_START = len(BODY) + 2
LIND, BERG, PORT = "e-lind", "e-berg", "e-port"


def _story() -> Story:
    a1 = StoryArticle(
        id="a1", source="a1.txt", url="javascript:alert(3)", title=f"Quay reopens {SCRIPT}", outlet=f"Coast {IMG}",
        published=dt.date(2031, 3, 3), published_earliest=dt.date(2031, 3, 3), published_latest=dt.date(2031, 3, 3),
        date_method="dateline", date_evidence=[f"dateline: PORTVILLE {SCRIPT}"], text=TEXT1,
        removed=[f"Share this {IMG}"], duplicates=["a2"],
    )
    a2 = a1.model_copy(update={"id": "a2", "source": "a2.txt", "duplicate_of": "a1", "duplicates": []})
    a3 = StoryArticle(
        id="a3", source="a3.txt", title="Ferries run again", outlet="Bay Post", published=dt.date(2031, 3, 5),
        date_method="text-estimate", published_earliest=dt.date(2031, 3, 4), published_latest=dt.date(2031, 3, 6),
        text=f"Ferries ran again on Wednesday. \u201c{QUOTE},\u201d Lind said.",
    )
    lind = Entity(id=LIND, name="Ana Lind", type="PERSON", aliases=["Lind", IMG], mentions=3)
    berg = Entity(id=BERG, name=f"Tomas Berg {SCRIPT}", type="PERSON", mentions=1)
    port = Entity(id=PORT, name="Portville", type="GPE", mentions=1)
    sentences = [
        Sentence(article_id="a1", index=0, start=0, end=len(BODY), text=BODY),
        Sentence(article_id="a1", index=1, start=S2_START, end=len(TEXT1), text=TEXT1[S2_START:]),
    ]
    mentions = [
        Mention(article_id="a1", start=15, end=23, text="Ana Lind", label="PERSON", entity_id=LIND),
        Mention(article_id="a1", start=BODY.index("Tomas"), end=BODY.index("Tomas") + 10, text="Tomas Berg",
                label="PERSON", entity_id=BERG),
        Mention(article_id="a1", start=BODY.index("Lind."), end=BODY.index("Lind.") + 4, text="Lind", label="PERSON",
                entity_id=LIND),
    ]
    timex = Timex(article_id="a1", start=BODY.index("Monday"), end=BODY.index("Monday") + 6, text="Monday",
                  type="DATE", value="2031-03-03")
    quote = Quote(id="q1", article_id="a1", text=QUOTE, start=Q_START, end=Q_START + len(QUOTE), kind="direct",
                  speaker_text="Lind", speaker="Ana Lind", speaker_entity_id=LIND, verb="said",
                  date=dt.date(2031, 3, 3), sources=["a1", "a3"])
    about = Quote(id="q2", article_id="a1", text="praised Lind", start=BODY.index("praised"),
                  end=BODY.index("praised") + 12, kind="indirect", speaker="Tomas Berg", speaker_entity_id=BERG,
                  date=dt.date(2031, 3, 3))
    cite = SourceRef(article_id="a1", sentence=BODY, sentence_index=0)
    copy = SourceRef(article_id="a2", sentence=BODY, sentence_index=0)
    entry = TimelineEntry(date=dt.date(2031, 3, 3), summary=BODY, sentences=[BODY], sources=[cite, copy], quotes=["q1"])
    ferries = SourceRef(article_id="a3", sentence="Ferries ran again on Wednesday.", sentence_index=0)
    later = TimelineEntry(date=dt.date(2031, 3, 5), summary="Ferries ran again.", sources=[ferries])
    event = Event(id="ev1", date=dt.date(2031, 3, 3), summary=BODY, actors=[f"Tomas Berg {SCRIPT}"], places=[IMG],
                  sources=[cite])
    return Story(articles=[a1, a2, a3], sentences=sentences, mentions=mentions, entities=[lind, berg, port],
                 quotes=[quote, about], timexes=[timex], events=[event], timeline=[entry, later])


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    folder = tmp_path_factory.mktemp("story")
    store = Store.open(folder)
    store.put_story(_story())
    store.close()
    with TestClient(create_app(folder), raise_server_exceptions=False) as test_client:
        yield test_client


class _Elements(HTMLParser):
    """What a browser would build from a page: tags, script sources, event-handler attributes, links."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.scripts: list[str | None] = []
        self.handlers: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        values = dict(attrs)
        if tag == "script":
            self.scripts.append(values.get("src"))
        self.handlers += [name for name in values if name.startswith("on")]
        self.links += [v for k, v in values.items() if k in ("href", "src", "action") and v]


PAGES = [
    "/", "/events", "/articles", "/articles?copies=true", "/articles/a1", "/articles/a2", "/articles/a3",
    "/entities", f"/entities/{LIND}", f"/entities/{BERG}", "/quotes", f"/quotes?speaker={LIND}", "/search?q=ready",
    "/search?q=quay&kind=article", f"/?entity={BERG}", "/nope", "/articles/%3Cscript%3E", "/?start=%3Cscript%3E",
]
API = [
    "/api/story", "/api/timeline", "/api/events", "/api/articles?copies=true", "/api/articles/a1", "/api/entities",
    f"/api/entities/{BERG}", "/api/quotes", "/api/search?q=ready", "/api/openapi.json",
]


@pytest.mark.parametrize("url", PAGES, ids=PAGES)
def test_every_page_escapes_the_payloads_of_article_text_titles_names_and_quotes(client: TestClient, url: str) -> None:
    page = client.get(url)
    assert page.status_code in (200, 404, 422)
    assert page.headers["content-type"].startswith("text/html")
    elements = _Elements()
    elements.feed(page.text)
    assert elements.scripts == ["/static/app.js"]
    assert elements.handlers == [] and "img" not in elements.tags
    assert not any(link.lower().startswith(("javascript:", "http:", "https:", "//")) for link in elements.links)
    assert "<script>alert" not in page.text and "<img src=x" not in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]


def test_escaped_payloads_are_shown_as_text(client: TestClient) -> None:
    html = client.get("/articles/a1").text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in html


@pytest.mark.parametrize("url", API, ids=API)
def test_api_answers_json_that_a_browser_will_not_sniff_as_html(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-content-type-options"] == "nosniff"


def test_api_keeps_untrusted_text_as_data(client: TestClient) -> None:
    article = client.get("/api/articles/a1").json()
    assert article["article"]["title"] == f"Quay reopens {SCRIPT}"
    assert [m["text"] for m in article["mentions"]] == ["Ana Lind", "Tomas Berg", "Lind"]


@pytest.mark.parametrize(
    "url",
    ["/api/articles/nope", "/api/entities/nope", "/articles/nope", "/entities/nope", "/api/nope", "/nope"],
    ids=["api-article", "api-entity", "article-page", "entity-page", "api-route", "page-route"],
)
def test_unknown_ids_are_404(client: TestClient, url: str) -> None:
    assert client.get(url).status_code == 404


BAD = [
    "/api/timeline?limit=0", "/api/timeline?limit=100000", "/api/quotes?offset=-1", "/api/timeline?start=2031-13-01",
    "/api/timeline?start=2031-03-05&end=2031-03-01", "/api/timeline?entity=nobody", "/api/events?outlet=Nowhere",
    "/api/quotes?kind=shouted", "/api/quotes?speaker=nobody", "/api/search?q=", "/api/search", "/api/search?q=a&kind=x",
    "/api/articles?copies=maybe", "/?page=0", "/?start=yesterday", "/?entity=nobody", "/quotes?kind=shouted",
    "/quotes?end=2031-01-01&start=2031-02-01", "/search?q=x&page=abc", "/articles?outlet=Nowhere",
]


@pytest.mark.parametrize("url", BAD, ids=BAD)
def test_bad_parameters_are_422(client: TestClient, url: str) -> None:
    assert client.get(url).status_code == 422


ODD = ['"', "quay\" OR (NEAR", "a\x00b", "*", "-", "'; DROP TABLE quotes; --", "ü" * 150, "NEAR(quay ready)", "^"]


@pytest.mark.parametrize("query", ODD, ids=[f"q{n}" for n in range(len(ODD))])
def test_search_never_fails_on_odd_input(client: TestClient, query: str) -> None:
    assert client.get("/api/search", params={"q": query}).status_code == 200
    assert client.get("/search", params={"q": query}).status_code == 200
    assert client.get("/quotes", params={"q": query}).status_code == 200


def test_lists_are_paged_with_a_total(client: TestClient) -> None:
    first = client.get("/api/articles?copies=true&limit=2").json()
    rest = client.get("/api/articles?copies=true&limit=2&offset=2").json()
    assert (first["total"], len(first["items"]), len(rest["items"])) == (3, 2, 1)
    assert {a["id"] for a in first["items"] + rest["items"]} == {"a1", "a2", "a3"}
    assert client.get("/api/articles").json()["total"] == 2  # copies left out by default


def test_quote_reported_by_several_articles_is_listed_once_with_every_source(client: TestClient) -> None:
    quotes = client.get("/api/quotes?kind=direct").json()["items"]
    assert len(quotes) == 1 and [s["id"] for s in quotes[0]["sources"]] == ["a1", "a3"]
    page = client.get("/quotes?kind=direct").text
    assert page.count('<blockquote class="direct"') == 1 and "Reported by 2 articles" in page


@pytest.mark.parametrize(
    ("query", "dates"),
    [
        ("", ["2031-03-03", "2031-03-05"]),
        (f"entity={BERG}", ["2031-03-03"]),
        (f"entity={LIND}", ["2031-03-03"]),  # Lind is quoted on that day
        ("outlet=Bay Post", ["2031-03-05"]),
        ("start=2031-03-04", ["2031-03-05"]),
        ("start=2031-03-01&end=2031-03-03", ["2031-03-03"]),
    ],
    ids=["all", "entity-in-cited-sentence", "entity-quoted", "outlet", "from", "range"],
)
def test_timeline_filters(client: TestClient, query: str, dates: list[str]) -> None:
    assert [e["date"] for e in client.get(f"/api/timeline?{query}").json()["items"]] == dates


def test_timeline_counts_copies_of_one_article_as_one_independent_source(client: TestClient) -> None:
    entry = client.get("/api/timeline?limit=1").json()["items"][0]
    assert len(entry["sources"]) == 2 and entry["independent_sources"] == 1
    assert entry["quotes"][0]["speaker"] == "Ana Lind"
    assert "1 independent source" in client.get("/?end=2031-03-03").text


def test_events_filter_by_actor_name_and_by_date(client: TestClient) -> None:
    assert client.get(f"/api/events?entity={BERG}").json()["total"] == 1
    assert client.get("/api/events?start=2031-03-04").json()["total"] == 0


def test_quotes_filter_by_speaker_outlet_and_date(client: TestClient) -> None:
    assert [q["id"] for q in client.get(f"/api/quotes?speaker={BERG}").json()["items"]] == ["q2"]
    assert [q["id"] for q in client.get("/api/quotes?outlet=Bay Post").json()["items"]] == ["q1"]
    assert client.get("/api/quotes?start=2031-03-04").json()["total"] == 0
    assert client.get("/api/quotes?q=READY").json()["total"] == 1


def test_article_detail_has_its_spans_and_the_page_highlights_them(client: TestClient) -> None:
    detail = client.get("/api/articles/a1").json()
    assert len(detail["sentences"]) == 2 and detail["timexes"][0]["value"] == "2031-03-03"
    html = client.get("/articles/a1").text
    for css in ('class="quote direct"', 'class="timex"', 'class="ent ent-person"', 'class="sent cited"', 'id="s1"'):
        assert css in html, css
    assert "Removed as boilerplate" in html and "1 copy of this article" in html


def test_a_copy_links_to_its_original_and_a_quote_is_highlighted_in_every_report(client: TestClient) -> None:
    assert "This article is a copy of" in client.get("/articles/a2").text
    assert 'class="quote direct"' in client.get("/articles/a3").text  # located by its text in the other report


def test_article_page_links_only_web_urls(client: TestClient) -> None:
    assert 'href="javascript' not in client.get("/articles/a1").text


def test_estimated_date_is_shown_with_its_interval(client: TestClient) -> None:
    assert "between 4 Mar 2031 and 6 Mar 2031" in client.get("/articles/a3").text


def test_entity_detail_has_quotes_by_and_about_and_its_company(client: TestClient) -> None:
    lind = client.get(f"/api/entities/{LIND}").json()
    assert [q["id"] for q in lind["quotes_by"]] == ["q1"]
    assert [q["id"] for q in lind["quotes_about"]] == ["q2"]
    assert lind["mentions_by_date"] == [{"date": "2031-03-03", "count": 2}]
    assert [c["entity"]["id"] for c in lind["cooccurring"]] == [BERG]
    assert "Often named with" in client.get(f"/entities/{LIND}").text


def test_entities_filter_by_type_and_alias(client: TestClient) -> None:
    assert client.get("/api/entities?type=GPE").json()["items"][0]["id"] == PORT
    assert client.get("/api/entities?q=lind").json()["total"] == 1


def test_search_hits_mark_the_matched_words(client: TestClient) -> None:
    found = client.get("/api/search?q=ready").json()
    assert {h["kind"] for h in found["items"]} == {"article", "quote"} and found["total"] == 3
    hit = found["items"][0]
    start, end = hit["marks"][0]
    assert hit["snippet"][start:end].lower() == "ready"
    assert "<mark>ready</mark>" in client.get("/search?q=ready").text
    assert client.get("/api/search?q=ready&kind=quote&limit=1&offset=0").json()["total"] == 1


def test_openapi_lists_every_route_with_typed_responses(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    routes = {"/api/timeline", "/api/events", "/api/articles", "/api/articles/{article_id}", "/api/entities",
              "/api/entities/{entity_id}", "/api/quotes", "/api/search"}
    assert routes <= set(schema["paths"])
    assert "Page_QuoteOut_" in schema["components"]["schemas"]
    assert client.get("/docs").status_code == 404  # Swagger UI would load its assets from a CDN


def test_a_missing_store_is_an_input_error_and_an_unbuilt_store_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        create_app(tmp_path / "absent")
    Store.open(tmp_path).close()
    with pytest.raises(StoreError, match="no finished build"):
        create_app(tmp_path)


@pytest.mark.parametrize(
    ("snippet", "plain", "marks"),
    [
        ("a \x02b\x03 c", "a b c", [(2, 3)]),
        ("\x02a\x03\x02b\x03", "ab", [(0, 1), (1, 2)]),
        ("stray \x03 close \x02open", "stray  close open", [(13, 17)]),
        ("\x02\x03empty", "empty", []),
    ],
    ids=["one", "adjacent", "stray-markers", "empty-mark"],
)
def test_snippet_markers_become_balanced_offsets(snippet: str, plain: str, marks: list[tuple[int, int]]) -> None:
    assert split_marks(snippet) == (plain, marks)


def test_fts_query_quotes_every_word_and_drops_control_characters() -> None:
    assert fts_query('quay" OR\x00 x') == '"quay""" "OR" "x"'


@pytest.mark.parametrize(
    ("days", "unit", "bins"),
    [(1, "day", 15), (30, "day", 31), (200, "week", 29), (2000, "month", 66)],
    ids=["short-span-padded", "day", "week", "month"],
)
def test_overview_bins_by_day_week_or_month_with_the_span(days: int, unit: str, bins: int) -> None:
    first = dt.date(2031, 3, 3)
    last = first + dt.timedelta(days=days)
    chart = build_chart({first: 2, last: 1}, {first: 5})
    assert chart is not None and chart.unit == unit and len(chart.bins) == bins
    assert chart.bins[0].start <= first and last <= chart.bins[-1].end
    assert sum(b.articles for b in chart.bins) == 3 and sum(b.quotes for b in chart.bins) == 5


def test_a_story_without_dates_outlets_or_entities_still_renders_every_page(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    store.put_story(Story(articles=[StoryArticle(id="u1", source="u.txt", text="Nothing dated here.")]))
    store.close()
    with TestClient(create_app(tmp_path)) as bare:
        for url in ("/", "/events", "/articles", "/articles/u1", "/entities", "/quotes", "/search?q=nothing"):
            assert bare.get(url).status_code == 200, url
        assert "No dated entries" in bare.get("/").text
        assert bare.get("/api/search?q=nothing").json()["total"] == 1
