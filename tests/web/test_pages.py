"""The HTML pages over real HTTP: what they show, and that untrusted text stays inert."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from html.parser import HTMLParser

import pytest

from wirewatch.document import Removed

from .conftest import make_document, quoted_document

HOSTILE_TITLE = '<script>alert("title")</script><img src=x onerror=alert(1)>'
HOSTILE_TEXT = ('Breaking: <script>window.pwned = 1</script> and <img src=x onerror="window.pwned=2"> '
                'plus <a href="javascript:alert(3)">click</a> and <style>body{display:none}</style>.')


class _Inventory(HTMLParser):
    """Every element, attribute and script of a page, as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def inventory(page: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Inventory()
    parser.feed(page)
    return parser.tags


def assert_inert(page: str) -> None:
    """Only our own external script and stylesheet; no inline code, handlers or styles."""
    for tag, attrs in inventory(page):
        if tag == "script":
            assert attrs.get("src") == "/static/app.js", attrs
        assert tag not in ("style", "img", "iframe", "object", "embed"), tag
        assert "style" not in attrs, (tag, attrs)
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        for name in ("href", "src", "action"):
            assert not (attrs.get(name) or "").strip().lower().startswith("javascript:"), (tag, attrs)


@pytest.fixture
def hostile_id(store) -> int:
    doc = make_document(HOSTILE_TITLE, HOSTILE_TEXT, url="javascript:alert(4)", source="<b>Evil</b> Wire",
                        removed=[Removed("<script>alert(5)</script>", "boilerplate")], authors=["<i>x</i>"])
    return store.add_document(doc).id


def test_latest_lists_the_newest_articles_first(client, store):
    start = datetime(2025, 3, 1, tzinfo=timezone.utc)
    for i in range(3):
        store.add_document(make_document(f"Story {i}", f"Text {i}.", published=start + timedelta(days=i)))
    page = client.get("/articles").text
    assert page.index("Story 2") < page.index("Story 1") < page.index("Story 0")
    assert "3 articles in the store" in page


def test_latest_card_shows_source_entities_linked_to_their_pages_and_quote(client, store):
    store.add_document(quoted_document())
    page = client.get("/articles").text
    assert "Wire" in page and "We will not stop," in page
    assert '<a class="chip ent-person" href="/entities/Keir%20Starmer"' in page


def test_latest_pages_through_older_articles(client, store):
    for i in range(30):
        store.add_document(make_document(f"Numbered story {i:02d}", f"Text {i}."))
    first, second = client.get("/articles").text, client.get("/articles?page=2").text
    assert "Numbered story 29" in first and "Numbered story 00" not in first and 'rel="next"' in first
    assert "Numbered story 00" in second and "Numbered story 29" not in second and 'rel="next"' not in second


def test_home_shows_a_chart_of_articles_over_time(client, store):
    store.add_document(make_document("Dated", "Text."))
    page = client.get("/").text
    assert '<svg class="chart-plot"' in page and 'class="chart-bar"' in page


def test_empty_store_says_how_to_get_articles(client):
    page = client.get("/").text
    assert "No stories yet" in page and "wirewatch ingest" in page
    assert "No articles yet" in client.get("/articles").text


def test_home_points_to_the_latest_articles_while_no_story_exists(client, store):
    store.add_document(make_document("Unclustered", "Text."))
    page = client.get("/").text
    assert "1 article stored, none grouped into stories yet" in page and 'href="/articles"' in page


def test_article_page_marks_mentions_and_quotes(client, store):
    doc_id = store.add_document(quoted_document()).id
    page = client.get(f"/articles/{doc_id}").text
    assert 'class="mention ent-person"' in page
    assert '<span class="quote" title="Keir Starmer — said">We will not stop,</span>' in page
    assert "Who said what" in page


def test_article_page_shows_what_was_removed_and_why_and_quality_flags(client, store):
    doc = make_document("Flagged", "Body.", removed=[Removed("Sign up for breaking news alerts", "newsletter")])
    doc.quality.machine_translation_suspected = True
    doc.quality.signals = ["name spelled several ways: Starmer / Stemmer"]
    page = client.get(f"/articles/{store.add_document(doc).id}").text
    assert "newsletter" in page and "Sign up for breaking news alerts" in page
    assert "machine translation suspected" in page and "Starmer / Stemmer" in page


def test_article_page_links_to_the_original_safely(client, store):
    doc_id = store.add_document(make_document("Linked", "Body.", url="https://news.example/a")).id
    page = client.get(f"/articles/{doc_id}").text
    link = next(attrs for tag, attrs in inventory(page) if tag == "a" and attrs.get("href") == "https://news.example/a")
    assert "noopener" in link["rel"] and "noreferrer" in link["rel"]


def test_missing_article_is_an_html_404_page(client):
    response = client.get("/articles/424242")
    assert response.status_code == 404 and response.headers["content-type"].startswith("text/html")
    assert "424242" in response.text


def test_hostile_article_renders_inert_on_every_page(client, hostile_id):
    for path in ("/articles", f"/articles/{hostile_id}", "/search?q=breaking", "/sources"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert_inert(response.text)
        assert "&lt;script&gt;" in response.text or path == "/sources", path


def test_hostile_article_text_is_shown_as_text(client, hostile_id):
    page = client.get(f"/articles/{hostile_id}").text
    assert "&lt;img src=x onerror=&#34;window.pwned=2&#34;&gt;" in page or "&lt;img src=x onerror=&quot;window.pwned=2&quot;&gt;" in page
    assert "&lt;b&gt;Evil&lt;/b&gt; Wire" in page


def test_search_page_shows_highlighted_snippets(client, store):
    store.add_document(make_document("Harbour news", "The harbour cranes stopped on Monday."))
    page = client.get("/search", params={"q": "cranes"}).text
    assert "<mark>cranes</mark>" in page and "Harbour news" in page


def test_search_filters_become_part_of_the_query(client, store):
    store.add_document(make_document("From wire", "Cranes again.", source="Wire"))
    store.add_document(make_document("From courier", "Cranes once more.", source="Courier"))
    page = client.get("/search", params={"q": "cranes", "source": "Courier"}).text
    assert "From courier" in page and "From wire" not in page
    assert "(cranes) AND source:Courier" in page


def test_search_date_filters_are_checked(client):
    response = client.get("/search", params={"q": "x", "after": "yesterday"})
    assert response.status_code == 400 and "after must be a date" in response.text


def test_bad_query_shows_the_message_on_the_search_page(client):
    response = client.get("/search", params={"q": "(unclosed"})
    assert response.status_code == 400
    assert 'role="alert"' in response.text and "Traceback" not in response.text


def test_search_pages_keep_the_filters(client, store):
    for i in range(25):
        store.add_document(make_document(f"Crane story {i}", f"Cranes number {i}.", source="Wire"))
    page = client.get("/search", params={"q": "cranes", "source": "Wire"}).text
    next_link = next(a["href"] for t, a in inventory(page) if t == "a" and a.get("rel") == "next")
    assert "source=Wire" in next_link and "page=2" in next_link
    assert client.get(next_link).text.count('class="result"') == 5


def test_sources_page_lists_sources_with_counts_and_a_chart(client, store):
    store.add_document(make_document("One", "Text one.", source="Wire"))
    store.add_document(make_document("Two", "Text two.", source="Wire"))
    page = client.get("/sources").text
    assert "Wire" in page and '<td class="num">2</td>' in page and '<figure class="chart chart-rows"' in page


def test_pages_load_only_our_own_static_files(client):
    for path in ("/static/app.css", "/static/app.js", "/static/favicon.svg"):
        assert client.get(path).status_code == 200, path
    links = [a.get("href") or a.get("src") for t, a in inventory(client.get("/").text) if t in ("link", "script")]
    assert all(link.startswith("/") for link in links if link)


def test_samples_render_on_every_page(serve, samples_store):
    settings, store = samples_store
    client = serve(settings, store)
    home = client.get("/articles").text
    assert_inert(home)
    article_links = [a["href"] for t, a in inventory(home) if t == "a" and (a.get("href") or "").startswith("/articles/")]
    assert len(article_links) >= 5
    for link in article_links:
        response = client.get(link)
        assert response.status_code == 200, link
        assert_inert(response.text)
    search = client.get("/search", params={"q": "ceasefire"}).text
    assert "<mark>" in search.lower()
