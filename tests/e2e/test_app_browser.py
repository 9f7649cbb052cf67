"""The web app in a real browser (Debian's chromium driven by Playwright) over the demo story, built for the test.

One invented article joins the demo corpus with script payloads in its title, outlet and quoted text; every
page is opened and nothing may execute. Screenshots are kept in tests/artifacts/ for people to look at.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True)

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "examples" / "demo-corpus"
ARTIFACTS = REPO / "tests" / "artifacts"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
EVIL = {
    "title": "Harbour <script>window.__pwned=1;alert(1)</script> reopens",
    "outlet": 'Quay <img src=x onerror="window.__pwned=2;alert(2)"> Wire',
    "published": "2031-02-15",
    "text": "PORTVILLE - The harbour board reopened the northern quay on Saturday after the talks in Port Callis.\n\n"
    "\u201cWe will rebuild <script>window.__pwned=3;alert(3)</script> the quay <img src=x onerror=alert(4)>,\u201d "
    "harbour master Ana Lind said.\n\nLind said that the <b onmouseover=alert(5)>ferries</b> would run on Monday.",
}


@pytest.fixture(scope="module")
def story_dir(tmp_path_factory: pytest.TempPathFactory, nlp: Any) -> Path:
    """The demo corpus plus the payload article, built by the real pipeline."""
    if not DEMO.is_dir():
        pytest.skip(f"{DEMO} is absent")
    from dateline.api import build_story

    extra = tmp_path_factory.mktemp("extra")
    (extra / "evil.jsonl").write_text(json.dumps(EVIL) + "\n", encoding="utf-8")
    out = tmp_path_factory.mktemp("story")
    report, _ = build_story([DEMO, extra], out, meta=DEMO / "meta.csv", overrides={"on_error": "raise"})
    assert report.ok
    return out


@pytest.fixture(scope="module")
def base_url(story_dir: Path) -> Iterator[str]:
    """The app served by uvicorn on a free loopback port, in a background thread."""
    import uvicorn

    from dateline.app import create_app

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(create_app(story_dir), log_level="warning", lifespan="off", ws="none", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


class Watch:
    """What a page did that it must not: dialogs, script errors, requests to other hosts."""

    def __init__(self) -> None:
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.external: list[str] = []


@pytest.fixture()
def page(browser: Any, base_url: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=base_url)
    watch = Watch()

    def route(request_route: Any) -> None:
        if request_route.request.url.startswith(base_url):
            request_route.continue_()
        else:
            watch.external.append(request_route.request.url)
            request_route.abort()

    context.route("**/*", route)
    def on_dialog(dialog: Any) -> None:
        watch.dialogs.append(dialog.message)
        dialog.dismiss()

    tab = context.new_page()
    tab.on("dialog", on_dialog)
    tab.on("pageerror", lambda error: watch.errors.append(str(error)))
    yield tab
    assert watch.dialogs == [] and watch.errors == [] and watch.external == []
    context.close()


def _shot(page: Any, name: str, full: bool = False) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full)


def test_timeline_shows_dated_entries_with_quotes_sources_and_the_overview(page: Any) -> None:
    page.goto("/")
    assert page.locator("h1").inner_text() == "Timeline"
    entries = page.locator("ol.timeline > li")
    assert entries.count() >= 5
    assert re.match(r"\w+day \d+ \w+ \d{4}$", entries.first.locator(".date").inner_text())
    assert "independent source" in entries.first.locator(".sources summary").inner_text()
    assert page.locator("blockquote").count() > 0
    assert page.locator("svg.chart a.bin").count() > 10 and page.locator("svg.chart .qline").is_visible()
    _shot(page, "timeline")
    _shot(page, "timeline-full", full=True)
    page.get_by_role("link", name=re.compile(r"All events \(\d+\)")).click()
    page.wait_for_url("**/events")
    assert page.locator("h1").inner_text() == "All events"
    assert page.locator("ol.timeline > li").count() == 20 and page.get_by_text("Next →").is_visible()
    _shot(page, "events")


def test_clicking_a_source_opens_the_article_at_the_cited_sentence(page: Any) -> None:
    page.goto("/")
    link = page.locator("ol.timeline .sources a").first
    title = link.inner_text()
    link.click()
    page.wait_for_load_state()
    assert "/articles/" in page.url and "#s" in page.url
    assert page.locator("h1").inner_text() == title
    assert page.locator("span.sent:target").count() == 1
    assert page.locator("article.text span.ent").count() > 0 and page.locator("article.text span.timex").count() > 0
    assert page.get_by_text("How the date was found").is_visible()
    _shot(page, "article")
    page.evaluate("() => window.scrollTo(0, 0)")
    _shot(page, "article-top")


def test_clicking_a_speaker_opens_the_entity_page(page: Any) -> None:
    page.goto("/")
    speaker = page.locator("ol.timeline blockquote cite a").first
    name = speaker.inner_text()
    speaker.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().startswith(name)
    assert page.get_by_role("heading", name=f"Quotes by {name}").is_visible()
    assert page.locator("svg.chart a.bin").count() > 0
    _shot(page, "entity", full=True)


def test_search_from_the_header_highlights_the_words(page: Any) -> None:
    page.goto("/")
    page.get_by_label("Search words").fill("ceasefire")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=ceasefire")
    marks = page.locator("ol.hits mark")
    assert marks.count() > 0 and {m.lower() for m in marks.all_inner_texts()} == {"ceasefire"}
    assert re.match(r"\d+ results? for", page.locator(".active-filters").inner_text())
    _shot(page, "search")


def test_filtering_by_date_keeps_only_entries_in_the_range(page: Any) -> None:
    page.goto("/")
    page.locator("form.filters input[name=start]").fill("2031-02-01")
    page.locator("form.filters input[name=end]").fill("2031-02-14")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url("**/?*start=2031-02-01*")
    dates = page.locator("ol.timeline .date").all_inner_texts()
    assert dates and all(re.search(r"\b(\d+) February 2031", d) for d in dates)
    assert all(1 <= int(re.search(r"(\d+) February", d).group(1)) <= 14 for d in dates)  # type: ignore[union-attr]
    _shot(page, "timeline-filtered")


def test_zooming_the_overview_then_showing_that_period(page: Any) -> None:
    page.goto("/")
    figure = page.locator("figure.overview")
    before = figure.get_attribute("data-window")
    page.get_by_role("button", name="Zoom in").click()
    page.get_by_role("button", name="Zoom in").click()
    after = figure.get_attribute("data-window")
    assert before and after and after != before
    _shot(page, "overview-zoomed")
    page.get_by_role("link", name="Show this period").click()
    page.wait_for_url("**/?*start=*")
    start, end = after.split("/")
    assert f"start={start}" in page.url and f"end={end}" in page.url


def test_quotes_explorer_filters_by_speaker_and_lists_each_quote_once(page: Any) -> None:
    page.goto("/quotes")
    option = page.locator("select[name=speaker] option").nth(1)
    speaker = option.inner_text().rsplit(" (", 1)[0]
    page.locator("select[name=speaker]").select_option(option.get_attribute("value"))
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url("**/quotes?*speaker=*")
    cites = page.locator("blockquote cite a").all_inner_texts()
    assert cites and set(cites) == {speaker}
    texts = page.locator("blockquote").all_inner_texts()
    assert len(texts) == len(set(texts))
    _shot(page, "quotes")


def test_payloads_in_titles_outlets_and_quotes_never_execute(page: Any) -> None:
    page.goto("/search?q=rebuild")
    page.locator("ol.hits h3 a").first.click()
    page.wait_for_load_state()
    assert "<script>" in page.locator("h1").inner_text()  # shown as text
    urls = [page.url, "/", "/events", "/quotes", "/articles", "/entities", "/search?q=pwned", "/search?q=onerror"]
    urls += [a for a in page.locator("a.chip").evaluate_all("els => els.map(e => e.getAttribute('href'))")[:3]]
    for url in urls:
        page.goto(url)
        page.locator("body").hover()
        assert page.evaluate("() => window.__pwned") is None, url
        assert page.locator("img").count() == 0 and page.locator("[onmouseover], [onerror]").count() == 0, url
        assert page.evaluate("() => [...document.scripts].map(s => s.getAttribute('src'))") == ["/static/app.js"], url
    _shot(page, "payload-article")


def test_pages_fit_a_phone_screen(browser: Any, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=base_url, is_mobile=True)
    phone = context.new_page()
    for name, url in (("phone-timeline", "/"), ("phone-quotes", "/quotes"), ("phone-articles", "/articles")):
        phone.goto(url)
        assert phone.evaluate("() => document.documentElement.scrollWidth") <= 391, url
        _shot(phone, name)
    context.close()
