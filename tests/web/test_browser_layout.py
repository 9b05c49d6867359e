"""Every page at a desktop width (1366 px) and a phone's (390 px), in Debian's chromium.

Issue #17 measured 4 px chart text and a Sources table wider than a phone. One seeded store for
the module: the bundled samples plus the things that widen pages in real use (an unbroken word
longer than a phone is wide, a long URL, a long source name, a failing feed, a subscription with
a long query and channel, an alert with a long error). Skipped where chromium or playwright is
missing, like test_browser.py.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from .conftest import cluster, make_document

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} not found (apt-get install -y chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")

LONG_WORD = "Rechtsschutzversicherungsgesellschaften" * 3
LONG_URL = "https://news.example/" + "a-very-long-path-segment-" * 8 + "?utm_source=" + "x" * 60
WIDTHS = [1366, 390]

# Where each page's parts may be wider than the screen: nowhere, except inside a box that scrolls.
LAYOUT = """() => {
  const width = document.documentElement.clientWidth;
  const inside = (r) => r.left >= -1 && r.right <= width + 1;
  const scroller = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === 'auto' || o === 'scroll') return p;
    }
    return null;
  };
  const wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || inside(r) || el.closest('.skip')) continue;  // .skip waits off-screen for focus
    const box = scroller(el);
    if (box && inside(box.getBoundingClientRect())) continue;
    wide.push(`${el.tagName.toLowerCase()}.${el.getAttribute('class') || ''} ${Math.round(r.left)}..${Math.round(r.right)}`);
  }
  return {scroll: document.documentElement.scrollWidth, client: width, wide: wide.slice(0, 5)};
}"""

# The size chart text is drawn at: its CSS size, times the SVG's scale for text inside an SVG.
CHART_TEXT = """() => {
  const sizes = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el.closest('.chart') || el.closest('title') || !node.textContent.trim()) continue;  // <title>: hover text
    if (getComputedStyle(el).visibility === 'hidden') continue;
    const svg = el.closest('svg');
    const scale = svg ? svg.getBoundingClientRect().width / svg.viewBox.baseVal.width : 1;
    sizes.push([node.textContent.trim(), parseFloat(getComputedStyle(el).fontSize) * scale]);
  }
  const ticks = [...document.querySelectorAll('.chart-tick')].filter(t => getComputedStyle(t).visibility !== 'hidden')
    .map(t => { const range = document.createRange(); range.selectNodeContents(t); const r = range.getBoundingClientRect(); return [r.left, r.right]; });
  const overlaps = ticks.slice(1).filter((t, i) => t[0] < ticks[i][1]).length;
  return {sizes, ticks: ticks.length, overlaps};
}"""


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def seeded(samples_store) -> dict:
    """The samples plus the wide things; returns the paths of every page to visit."""
    from wirewatch.alerts import AlertStore
    from wirewatch.alerts.subscriptions import validate_subscription
    from wirewatch.document import Entity, Mention
    from wirewatch.store import NewAlert

    settings, store = samples_store
    text = f"Keir Starmer spoke again about {LONG_WORD} at {LONG_URL} today."
    wide_id = store.add_document(make_document(
        f"Undated note on {LONG_WORD}", text, published=None, source=f"Source {LONG_WORD}", url=LONG_URL,
        entities=[Entity("e1", "Keir Starmer", "PERSON", [Mention("Keir Starmer", 0, 12)])])).id
    cluster(store)
    feed = store.add_feed(LONG_URL, name=f"Feed {LONG_WORD}")
    store.record_fetch(feed, status="error", error=f"HTTP 503 from {LONG_URL}")
    alerts = AlertStore(store)
    channel = LONG_URL.replace("https://", "json://")
    sub = alerts.add_subscription(validate_subscription(f'entity:"Keir Starmer" OR {LONG_WORD}', [channel],
                                                        name=f"Desk {LONG_WORD}", allow_private=True))
    story_id = store.story_of(wide_id).story_id
    alerts.enqueue([NewAlert(key="wide", kind="alert", subscription_id=sub.id, channel=channel, story_id=story_id,
                             article_id=wide_id, payload={"story": {"title": LONG_WORD}})])
    now = datetime.now(timezone.utc)
    [claimed] = alerts.claim_due(now=now)
    alerts.mark_failed_attempt(claimed, f"webhook answered 500 at {LONG_URL}", now=now)
    ceasefire = next(s for s in store.stories(limit=50) if s.articles >= 5)
    starmer = store.entity("Keir Starmer").entity.id
    return {
        "settings": settings, "store": store, "story": f"/stories/{ceasefire.id}", "entity": f"/entities/{starmer}",
        "pages": ["/", "/?sort=sources", "/articles", f"/articles/{wide_id}", "/articles/1", "/search?q=ceasefire",
                  f"/search?q={LONG_WORD}", f"/stories/{ceasefire.id}", f"/stories/{story_id}", "/entities",
                  f"/entities/{starmer}", "/sources", "/subscriptions", f"/subscriptions/{sub.id}", "/alerts",
                  "/submit", "/docs", "/articles/no-such-article"],
    }


@pytest.fixture
def site(serve, seeded) -> str:
    return str(serve(seeded["settings"], seeded["store"]).base_url)


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_is_wider_than_the_screen_and_every_nav_has_alerts(browser, site, seeded, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        for path in seeded["pages"]:
            page.goto(site + path)
            layout = page.evaluate(LAYOUT)
            assert layout["scroll"] <= layout["client"] and layout["wide"] == [], (width, path, layout)
            nav = page.get_by_role("navigation", name="Main")
            assert nav.get_by_role("link", name="Alerts", exact=True).count() == 1, path
            current = nav.locator("[aria-current=page]").all_inner_texts()
            assert current == (["Alerts"] if path == "/alerts" else current), path
        page.goto(site + "/")
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Alerts", exact=True).click()
        page.wait_for_url("**/alerts")
        assert page.get_by_role("navigation", name="Main").locator("[aria-current=page]").inner_text() == "Alerts"
        assert page.locator(".alert-row").count() == 1
    finally:
        page.close()


def test_chart_text_is_legible_on_a_phone(browser, site, seeded):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        for path in ("/", seeded["story"], seeded["entity"], "/sources"):
            page.goto(site + path)
            assert page.locator(".chart").count() >= 1, path
            drawn = page.evaluate(CHART_TEXT)
            small = [(text, round(size, 1)) for text, size in drawn["sizes"] if size < 11]
            assert drawn["sizes"] and small == [], (path, small)
            assert drawn["overlaps"] == 0, (path, drawn)
            if path != "/sources":
                assert drawn["ticks"] >= 1 and "(UTC)" in page.locator(".chart-title").first.inner_text(), path
        page.goto(site + seeded["entity"])
        assert "without a publication date" in page.locator(".chart-note").inner_text()  # not drawn at its arrival
    finally:
        page.close()


def test_search_with_speaker_and_entity_finds_the_statements(browser, site, seeded):
    store = seeded["store"]
    page = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        page.goto(site + "/search")
        page.get_by_role("searchbox", name="Query").fill("speaker:Stemmer AND entity:Kremlin")
        page.get_by_role("button", name="Search").click()
        page.wait_for_url("**/search?q=*")
        titles = page.locator(".result .card-title").all_inner_texts()
        assert "Kremlin to study ceasefire plan as Starmer readies military talks" in titles
        assert not any("earthquake" in t.lower() for t in titles), titles
        assert f"{store.count_search('speaker:Stemmer AND entity:Kremlin')} results" in page.locator(".lede").inner_text()
        page.locator("[data-search-shortcut]").fill('entity:"Keir Starmer"')
        page.locator("[data-search-shortcut]").press("Enter")
        page.wait_for_url("**/search?q=entity*")
        titles = page.locator(".result .card-title").all_inner_texts()
        assert "Kremlin to study ceasefire plan as Starmer readies military talks" in titles
        assert not any("earthquake" in t.lower() for t in titles), titles
    finally:
        page.close()
