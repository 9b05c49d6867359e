"""One public id names exactly one article, whichever way the articles arrived.

Regression: an article's public id was its record's own id when it had one, else the store's
number as text, and `GET /api/documents/{id}` looked a record id up first. A record whose own id
is a number ("id": "7") then shared its id with the article stored as number 7 without a record
id: lists, search, stories, quotes, exports, previews and alerts named two articles by one id,
and the link of one of them opened the other. Each test here failed on that code.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html import unescape
from urllib.parse import unquote

import feedparser
import pytest

from wirewatch.alerts import AlertStore, validate_subscription
from wirewatch.config import Settings
from wirewatch.web.templating import path_segment

from stores import ENGINES, fresh_store_url

from .conftest import ceasefire_document, cluster, make_document


@pytest.fixture(params=ENGINES)
def settings(request, tmp_path) -> Iterator[Settings]:
    with fresh_store_url(request.param, tmp_path) as url:
        yield Settings(db=url, allow_private_urls=True, host_delay=0)


def _plain(n: int):
    return make_document(f"Harbour report {n}", f"Harbour report number {n}: ferries ran late in Piraeus on day {n}.")


def _title_of(client, article_id: str) -> str:
    answer = client.get(f"/api/documents/{path_segment(article_id)}")
    assert answer.status_code == 200, (article_id, answer.text)
    assert answer.json()["id"] == article_id
    return answer.json()["title"]


def _assert_one_article_per_id(client) -> dict[str, str]:
    items = client.get("/api/documents", params={"limit": 100}).json()["items"]
    ids = [item["id"] for item in items]
    assert len(set(ids)) == len(ids), ids
    for item in items:  # the id and the link each answer gives open that article, not another
        assert _title_of(client, item["id"]) == item["title"]
        assert client.get(item["links"]["self"]).json()["title"] == item["title"]
        assert client.get(item["links"]["html"]).status_code == 200
    return {item["title"]: item["id"] for item in items}


def test_a_numeric_record_id_arriving_after_that_store_number_gets_an_id_of_its_own(client, store):
    plain = [store.add_document(_plain(n)).id for n in range(3)]
    taken = str(plain[1])  # the id "Harbour report 1" was handed out under
    store.add_document(make_document("Numbered record", "A record whose own id is a number.", id=taken))
    ids = _assert_one_article_per_id(client)
    assert ids["Harbour report 1"] == taken  # an id already handed out keeps naming its article
    assert ids["Numbered record"] != taken
    for n, row_id in enumerate(plain):  # articles without record ids keep their store numbers
        assert ids[f"Harbour report {n}"] == str(row_id)


def test_a_store_number_reached_after_a_numeric_record_id_took_it_gets_an_id_of_its_own(client, store):
    first = store.add_document(make_document("Numbered record", "A record whose own id is a number.", id="3")).id
    later = [store.add_document(_plain(n)).id for n in range(4)]
    assert first != 3
    ids = _assert_one_article_per_id(client)
    assert ids["Numbered record"] == "3"  # the record keeps the id its source gave it
    for n, row_id in enumerate(later):  # the others keep their store numbers, but for number 3
        # (SQLite stores one as number 3 and names it otherwise; PostgreSQL skips the number)
        assert ids[f"Harbour report {n}"] == (str(row_id) if row_id != 3 else "~3")


def test_non_numeric_record_ids_keep_their_ids(client, store):
    store.add_document(_plain(0))
    store.add_document(make_document("Guid record", "A feed guid.", id="https://wire.example/guid/9"))
    store.add_document(make_document("Slash record", "A record id with a slash.", id="courier/7"))
    ids = _assert_one_article_per_id(client)
    assert ids["Guid record"] == "https://wire.example/guid/9" and ids["Slash record"] == "courier/7"


def _clashing_world(store) -> dict[str, str]:
    """Two articles without record ids (store numbers 1 and 2) and a ceasefire story (store numbers
    3 and 4) whose articles carry record ids "1", the number another article is named by, and "3",
    the store number of the first of them."""
    quiet = [store.add_document(_plain(n)).id for n in range(2)]
    assert quiet == [1, 2]
    store.add_document(ceasefire_document(id="1", url="https://wire.example/a"))
    store.add_document(ceasefire_document(title="Starmer urges Putin to sign ceasefire", source="Courier",
                                          tail="The Courier contributed.", id="3"))
    cluster(store)
    return {item.title: item.public_id for item in store.documents(limit=10)}


def test_every_face_names_each_article_by_an_id_that_opens_it(client, store):
    _clashing_world(store)
    ids = _assert_one_article_per_id(client)
    ceasefire = {ids["Starmer urges Putin to sign a ceasefire"], ids["Starmer urges Putin to sign ceasefire"]}
    assert ids["Harbour report 0"] == "1" and ids["Harbour report 1"] == "2"
    assert len(ceasefire) == 2 and not ceasefire & {"1", "2"}

    hits = client.get("/api/search", params={"q": "ceasefire"}).json()["items"]
    assert {hit["id"] for hit in hits} == ceasefire
    story_id = client.get("/api/stories", params={"q": "ceasefire"}).json()["items"][0]["id"]
    members = client.get(f"/api/stories/{story_id}").json()["articles"]
    assert {m["id"] for m in members} == ceasefire
    assert {m["duplicate_of"] for m in members} <= ceasefire | {None}
    entity = client.get("/api/entities/Keir Starmer").json()
    assert set(entity["document_ids"]) == ceasefire
    assert {q["document"] for q in entity["quotes"]} == ceasefire
    quotes = client.get("/api/quotes").json()["items"]
    assert {q["document"] for q in quotes} == ceasefire
    for article_id in ceasefire:
        assert [q["document"] for q in client.get("/api/quotes", params={"document": article_id}).json()["items"]] \
            == [article_id]
    assert client.get("/api/quotes", params={"document": "1"}).json()["items"] == []  # "1" is a quiet report
    preview = client.get("/api/subscriptions/preview", params={"q": "ceasefire"}).json()["items"]
    assert {p["id"] for p in preview} == ceasefire

    articles = [json.loads(line) for line in client.get("/api/export/articles").text.splitlines()]
    assert {a["id"]: a["title"] for a in articles} == {v: k for k, v in ids.items()}
    exported_quotes = [json.loads(line) for line in client.get("/api/export/quotes").text.splitlines()]
    assert {q["document"] for q in exported_quotes} == ceasefire
    stories = [json.loads(line) for line in client.get("/api/export/stories").text.splitlines()]
    assert sorted(a for s in stories for a in s["articles"]) == sorted(ids.values())
    assert any(set(s["articles"]) == ceasefire for s in stories)


def test_a_pushed_numeric_id_gets_an_id_that_opens_it(client, store):
    spec = validate_subscription("volcano", ["json://127.0.0.1:9/hook"], name=None, digest=None, updates=None,
                                 allow_private=True)
    AlertStore(store).add_subscription(spec)
    plain = [store.add_document(_plain(n)).id for n in range(2)]
    pushed = client.post("/api/documents", json={"id": str(plain[0]), "title": "Pushed volcano",
                                                 "text": "A volcano erupted in Iceland on Sunday night."})
    assert pushed.status_code == 201, pushed.text
    body = pushed.json()
    assert body["id"] != str(plain[0])
    assert _title_of(client, body["id"]) == "Pushed volcano"
    assert client.get(pushed.headers["location"]).json()["title"] == "Pushed volcano"
    assert _title_of(client, str(plain[0])) == "Harbour report 0"
    again = client.post("/api/documents", json={"id": str(plain[0]), "title": "Pushed volcano", "text": "Again."})
    assert again.status_code == 200 and again.json()["id"] == body["id"]
    assert [a["article"] for a in client.get("/api/alerts").json()["items"]] == [body["id"]]
    _assert_one_article_per_id(client)


def _article_links(html: str) -> list[tuple[str, str]]:
    """(href, anchor text) of every link to an article page."""
    return [(href, unescape(text).strip()) for href, text in
            re.findall(r'<a[^>]*href="(/articles/[^"?]+)"[^>]*>([^<]*)</a>', html)]


def test_page_and_feed_links_open_the_article_they_name(client, store):
    """Pages linked articles by store number: "/articles/1" opened the record whose own id is "1"."""
    _clashing_world(store)
    story_id = client.get("/api/stories", params={"q": "ceasefire"}).json()["items"][0]["id"]
    titles = {item.public_id: item.title for item in store.documents(limit=10)}
    pages = ["/articles", f"/stories/{story_id}", "/entities/Keir Starmer"]
    checked = 0
    for page in pages:
        for href, text in _article_links(client.get(page).text):
            opened = client.get(href)
            assert opened.status_code == 200, (page, href)
            title = re.search(r"<h1>([^<]*)</h1>", opened.text).group(1)
            if text in titles.values():  # a link showing an article's title opens that article
                assert unescape(title) == text, (page, href)
                checked += 1
    assert checked >= 4
    for href, _ in _article_links(client.get(f"/stories/{story_id}").text):  # the members, by their ids
        assert unquote(href.removeprefix("/articles/")) in titles
    for feed in ("/feeds/latest", f"/feeds/stories/{story_id}.atom"):
        parsed = feedparser.parse(client.get(feed).content)
        assert parsed.entries
        for entry in parsed.entries:
            [related] = [link.href for link in entry.links if link.rel == "related"]
            assert titles[unquote(related.rsplit("/articles/", 1)[1])] == entry.title
