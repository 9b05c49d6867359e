"""Atom feeds: valid for feed readers, escaped, and honest about bad queries."""

from __future__ import annotations

import feedparser

from .conftest import make_document


def test_search_feed_is_atom_with_one_entry_per_match(client, store):
    store.add_document(make_document("Cranes stop", "The harbour cranes stopped.", url="https://news.example/c",
                                     source="Wire"))
    store.add_document(make_document("Unrelated", "Nothing to see."))
    response = client.get("/feeds/search", params={"q": "cranes"})
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title == "wirewatch: cranes"
    assert [entry.title for entry in feed.entries] == ["Cranes stop"]
    entry = feed.entries[0]
    assert entry.link == "https://news.example/c" and entry.author == "Wire"
    assert "cranes stopped" in entry.summary
    assert '<summary type="html">The harbour &lt;mark&gt;cranes&lt;/mark&gt; stopped.</summary>' in response.text


def test_feed_entries_link_to_the_article_page_when_the_original_is_not_http(client, store):
    doc_id = store.add_document(make_document("Local", "Cranes here.", url="javascript:alert(1)")).id
    entry = feedparser.parse(client.get("/feeds/search", params={"q": "cranes"}).content).entries[0]
    assert entry.link.endswith(f"/articles/{doc_id}")


def test_markup_and_control_characters_in_titles_are_escaped_or_dropped(client, store):
    store.add_document(make_document("<b>Bold</b> \x01cranes & co", "Cranes."))
    response = client.get("/feeds/search", params={"q": "cranes"})
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.entries[0].title == "<b>Bold</b> cranes & co"
    assert b"<b>" not in response.content


def test_latest_feed_lists_newest_articles(client, store):
    store.add_document(make_document("First", "One."))
    store.add_document(make_document("Second", "Two."))
    feed = feedparser.parse(client.get("/feeds/latest").content)
    assert [entry.title for entry in feed.entries] == ["Second", "First"]


def test_bad_query_feed_is_a_400_error_object(client):
    response = client.get("/feeds/search", params={"q": "NOT"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_query"


def test_a_vertical_tab_in_a_title_leaves_every_feed_well_formed(client, store):
    """Both feed kinds share one writer: XML-invalid characters are dropped in every feed (the
    subscription feed once wrote a raw U+000B, which no XML parser accepts)."""
    import xml.etree.ElementTree as ET

    created = client.post("/api/subscriptions", json={"query": "ceasefire", "notify": []})
    assert created.status_code == 201, created.text
    posted = client.post("/api/documents", json={
        "title": "Ceasefire\x0b agreed\x0c at last", "text": "The two sides agreed a ceasefire on Monday.",
        "source": "Wire\x0b",
    })
    assert posted.status_code == 201, posted.text
    atom = "{http://www.w3.org/2005/Atom}"
    for path in (f"/feeds/subscriptions/{created.json()['id']}.atom", "/feeds/latest",
                 "/feeds/search?q=ceasefire"):
        response = client.get(path)
        assert response.status_code == 200, (path, response.text)
        root = ET.fromstring(response.content)  # raises on ill-formed XML
        titles = [entry.findtext(f"{atom}title") for entry in root.iter(f"{atom}entry")]
        assert len(titles) == 1 and "Ceasefire agreed at last" in titles[0], (path, titles)
        assert not feedparser.parse(response.content).bozo, path
