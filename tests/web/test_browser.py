"""End to end in a real headless browser (Debian's chromium through Playwright).

Skipped, with the reason, where /usr/bin/chromium or the playwright package is missing
(`apt-get install -y chromium`, `pip install playwright`; never `playwright install`).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from .conftest import ceasefire_document, cluster, kremlin_document, make_document, quake_document

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} not found (apt-get install -y chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")

HOSTILE_TITLE = 'Alert <script>window.pwned="title"</script><img src=x onerror="window.pwned=\'img\'">'
HOSTILE_TEXT = ('Body <script>window.pwned="text"</script> <img src=x onerror="window.pwned=\'text-img\'"> '
                '<svg onload="window.pwned=\'svg\'"></svg> end.')


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    opened = context.new_page()
    opened.csp_violations = []  # console errors the browser reports for blocked content
    opened.dialogs = []
    opened.on("console", lambda msg: msg.type == "error" and "Content Security Policy" in msg.text
              and opened.csp_violations.append(msg.text))
    opened.on("dialog", lambda dialog: (opened.dialogs.append(dialog.message), dialog.dismiss()))
    yield opened
    context.close()


def test_reader_follows_home_to_story_to_entity_to_article(page, serve, samples_store):
    settings, store = samples_store
    client = serve(settings, store)
    page.goto(str(client.base_url) + "/")
    page.locator(".story-card .card-title a").first.wait_for()
    assert page.locator(".story-card").count() >= 5
    page.locator(".story-card", has_text="5 sources").locator(".card-title a").click()
    page.wait_for_url("**/stories/**")
    assert "ceasefire" in page.locator("h1").inner_text().lower()
    assert page.locator(".timeline-item").count() == 5
    assert page.locator(".role-development").count() >= 1 and page.locator(".said-by").count() >= 2
    assert page.locator(".chart svg .chart-bar").count() >= 2
    page.locator(".speaker-name a", has_text="Keir Starmer").click()
    page.wait_for_url("**/entities/**")
    assert page.locator("h1").inner_text() == "Keir Starmer"
    assert page.locator(".story-side table", has_text="Stemmer").count() == 1  # the garbled spelling, resolved
    page.locator(".quotes .quote-by a").first.click()
    page.wait_for_url("**/articles/**")
    assert page.locator(".story-link a").count() == 1
    assert page.locator(".article-body .quote").count() >= 3
    assert page.locator(".article-body a.mention").count() >= 5
    assert page.csp_violations == []


def test_latest_articles_stay_reachable_from_the_header(page, serve, samples_store):
    settings, store = samples_store
    client = serve(settings, store)
    page.goto(str(client.base_url) + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Latest").click()
    page.wait_for_url("**/articles")
    assert page.locator(".card").count() == store.count_documents()
    page.locator(".card .chip").first.click()
    page.wait_for_url("**/entities/**")
    assert page.locator("h1").inner_text()


def test_search_from_the_masthead_shows_highlighted_results(page, serve, samples_store):
    settings, store = samples_store
    client = serve(settings, store)
    page.goto(str(client.base_url) + "/sources")
    page.keyboard.press("/")  # the shortcut focuses the search box
    page.keyboard.type("ceasefire")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=ceasefire")
    assert page.locator(".result").count() >= 2
    assert page.locator(".snippet mark").first.inner_text().lower().startswith("ceasefire")


def test_article_with_script_and_img_onerror_renders_inert(page, serve, settings, store):
    from wirewatch.document import Entity, Mention

    entity = Entity("e1", HOSTILE_TITLE, "PERSON", [Mention("Body", 0, 4)])
    doc_id = store.add_document(make_document(HOSTILE_TITLE, HOSTILE_TEXT, source="<img src=x onerror=alert(1)>",
                                              entities=[entity])).id
    cluster(store)
    story_id = store.story_of(doc_id).story_id
    entity_id = store.entities()[0].id
    client = serve(settings, store)
    for path in ("/", "/articles", f"/articles/{doc_id}", "/search?q=body", "/sources", f"/stories/{story_id}",
                 "/entities", f"/entities/{entity_id}"):
        page.goto(str(client.base_url) + path)
        page.wait_for_load_state("load")
        assert page.evaluate("window.pwned") is None, path
        assert page.locator("main img, main script, main svg[onload]").count() == 0, path
    assert page.dialogs == []
    assert "&lt;script&gt;" in page.goto(str(client.base_url) + f"/articles/{doc_id}").text()  # escaped source…
    assert page.locator("h1").inner_text() == HOSTILE_TITLE  # …shown to the reader as plain text
    page.goto(str(client.base_url) + f"/stories/{story_id}")
    assert page.locator("h1").inner_text() == HOSTILE_TITLE


def test_new_articles_appear_live_on_the_latest_page(page, serve, settings, store):
    store.add_document(make_document("Already here", "Old text."))
    client = serve(settings, store, live_poll_seconds=0.1, live_max_seconds=30)
    page.goto(str(client.base_url) + "/articles")
    page.locator("[data-live-status].is-live").wait_for(timeout=5000)
    store.add_document(make_document("Breaking: dock strike", "New text."))
    card = page.locator(".card.is-new", has_text="Breaking: dock strike")
    card.wait_for(timeout=5000)
    assert page.locator(".card").first.inner_text().find("Breaking: dock strike") >= 0
    assert "1 new" in page.locator("[data-live-status]").inner_text()
    assert page.csp_violations == []


def test_developing_story_moves_to_the_top_of_home_live(page, serve, settings, store):
    store.add_document(ceasefire_document())
    store.add_document(quake_document(published=make_document("x", "x").published.replace(day=5)))
    cluster(store)
    client = serve(settings, store, live_poll_seconds=0.1, live_max_seconds=30)
    page.goto(str(client.base_url) + "/")
    page.locator("[data-live-status].is-live").wait_for(timeout=5000)
    assert page.locator(".story-card").count() == 2
    store.add_document(kremlin_document())
    cluster(store)
    updated = page.locator(".story-card.is-new", has_text="2 articles")
    updated.wait_for(timeout=5000)
    assert page.locator(".story-card").count() == 2  # replaced, not duplicated
    assert "Starmer urges Putin" in page.locator(".story-card").first.inner_text()
    assert "1 updated" in page.locator("[data-live-status]").inner_text()
    assert page.csp_violations == []


def test_adding_an_article_through_the_form_shows_it(page, serve, settings, store):
    client = serve(settings, store)
    page.goto(str(client.base_url) + "/submit")
    page.get_by_label("Title", exact=False).first.fill("Port cranes halted")
    page.get_by_role("textbox", name="Article", exact=True).fill("Workers halted the port cranes in Rotterdam on Monday, the union said.")
    page.get_by_role("button", name="Analyse and store").click()
    page.wait_for_url("**/articles/**")
    assert page.locator("h1").inner_text() == "Port cranes halted"
    assert store.count_documents() == 1
    assert page.locator(".story-link .role-original").count() == 1  # assigned to its story at once


def test_chromium_is_the_debian_one():
    assert shutil.which("chromium") == str(CHROMIUM) or CHROMIUM.exists()


def test_subscription_is_previewed_as_you_type_created_listed_and_paused(page, serve, samples_store):
    settings, store = samples_store
    from wirewatch.alerts import AlertStore

    alert_store = AlertStore(store)
    client = serve(settings, store)
    try:
        page.goto(str(client.base_url) + "/")
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Subscriptions").click()
        page.wait_for_url("**/subscriptions")
        page.locator("input[name=query]").press_sequentially('entity:"Keir Starmer"', delay=10)
        page.locator(".preview-item").first.wait_for(timeout=5000)
        page.wait_for_function("document.querySelector('[data-preview-status]').textContent.indexOf('matched') >= 0")
        titles = page.locator(".preview-item .preview-title").all_inner_texts()
        assert len(titles) >= 2
        assert "Keir Starmer" in page.locator(".preview-why").first.inner_text()
        assert not any("earthquake" in t.lower() or "quake" in t.lower() for t in titles), titles
        page.locator("input[name=query]").fill("ceasefire AND")  # a query that does not parse: the error, inline
        page.locator("[data-preview-error]:not([hidden])").wait_for(timeout=5000)
        assert page.locator(".preview-item").count() == 0
        page.locator("input[name=query]").fill('entity:"Keir Starmer"')
        page.locator(".preview-item").first.wait_for(timeout=5000)
        page.locator("input[name=name]").fill('Starmer <script>window.pwned=1</script>')
        page.locator("textarea[name=notify]").fill("json://127.0.0.1:9/hook?token=s3cret")
        page.locator("select[name=updates]").select_option("all")
        page.get_by_role("button", name="Create subscription").click()
        page.wait_for_url(re.compile(r".*/subscriptions/\d+\?notice=created"))
        assert page.locator("h1").inner_text() == "Starmer <script>window.pwned=1</script>"
        page.get_by_role("link", name="Subscriptions").first.click()
        page.wait_for_url("**/subscriptions")
        row = page.locator(".subscription-row", has_text="Starmer")
        assert row.count() == 1 and "s3cret" not in row.inner_text() and "json://127.0.0.1:9/hook" in row.inner_text()
        row.get_by_role("button", name="Pause").click()
        page.wait_for_url(re.compile(r".*/subscriptions\?notice=paused"))
        paused_row = page.locator(".subscription-row.is-paused", has_text="Starmer")
        assert paused_row.count() == 1 and paused_row.get_by_role("button", name="Resume").count() == 1
        assert "Paused" in page.locator(".notice").inner_text()
        assert [s.paused for s in alert_store.subscriptions()] == [True]
        assert page.evaluate("window.pwned") is None and page.csp_violations == []
    finally:
        for sub in alert_store.subscriptions():
            alert_store.delete_subscription(sub.id)


@pytest.mark.parametrize("width", [1366, 390])
def test_reader_switches_story_order_with_the_selector(page, serve, settings, store, width):
    from .test_story_orders import BIG, FRESH, SAME_SOURCE, build

    build(store)
    client = serve(settings, store)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(str(client.base_url) + "/")
    selector = page.get_by_role("navigation", name="Order stories")
    for label, first in [("Biggest", SAME_SOURCE), ("Most sources", BIG), ("Latest", FRESH), ("Breaking", FRESH)]:
        selector.get_by_role("link", name=label, exact=True).click()
        page.wait_for_load_state()
        assert page.locator(".story-card .card-title a").first.inner_text() == first, label
        assert selector.locator("[aria-current]").inner_text() == label
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), label
    assert page.csp_violations == []


def test_search_results_download_as_csv(page, serve, samples_store, tmp_path):
    import csv

    settings, store = samples_store
    client = serve(settings, store)
    page.goto(str(client.base_url) + "/search?q=ceasefire")
    with page.expect_download() as waiting:
        page.locator("a.export-link", has_text="CSV").click()
    download = waiting.value
    assert download.suggested_filename == "wirewatch-articles.csv"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    with saved.open(newline="", encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert rows and all("ceasefire" in (row["title"] + row["text"]).lower() for row in rows)
