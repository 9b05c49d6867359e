"""Issue #17, item 8: one API. An article has one id and one shape in every answer, the sources
live at /api/sources, every list counts its total, and `source:` matches a name or a host.

Each test failed on the API before: search answered record ids, documents store numbers, the
item was wrapped in {"document": ...}, /api/sources counted names, `source:ndtv` found nothing.
"""

from __future__ import annotations

import json

from wirewatch.alerts import AlertStore, validate_subscription

from .conftest import ceasefire_document, cluster, make_document, quake_document

ARTICLE_FIELDS = {"id": str, "title": str, "url": (str, type(None)), "source": (str, type(None)),
                  "site_name": (str, type(None)), "language": (str, type(None)), "published": (str, type(None)),
                  "seen_at": str, "ingested_at": str, "entities": list, "quote": (dict, type(None)), "links": dict}


def _story_world(store) -> dict[str, str]:
    """A ceasefire story (original and copy, with record ids of their own) and an earthquake article without one."""
    stored = {
        "original": store.add_document(ceasefire_document(id="wire-38_5ecbplus", url="https://wire.example/a")).id,
        "copy": store.add_document(ceasefire_document(title="Starmer urges Putin to sign ceasefire", source="Courier",
                                                      tail="The Courier contributed.", id="courier/7")).id,
        "plain": store.add_document(quake_document()).id,
    }
    cluster(store)
    return {"original": "wire-38_5ecbplus", "copy": "courier/7", "plain": str(stored["plain"])}


def test_an_article_has_one_id_in_every_answer_and_the_item_takes_it(client, store):
    ids = _story_world(store)
    listed = {item["title"]: item["id"] for item in client.get("/api/documents").json()["items"]}
    assert set(listed.values()) == set(ids.values())
    hits = client.get("/api/search", params={"q": "ceasefire"}).json()["items"]
    assert {hit["id"] for hit in hits} == {ids["original"], ids["copy"]}
    story_id = client.get("/api/stories", params={"q": "ceasefire"}).json()["items"][0]["id"]
    members = client.get(f"/api/stories/{story_id}").json()["articles"]
    assert {m["id"] for m in members} == {ids["original"], ids["copy"]}
    assert {m["duplicate_of"] for m in members} == {None, ids["original"]}
    entity = client.get("/api/entities/Keir Starmer").json()
    assert set(entity["document_ids"]) == {ids["original"], ids["copy"]}
    assert {q["document"] for q in entity["quotes"]} == {ids["original"], ids["copy"]}
    quotes = client.get("/api/quotes", params={"document": ids["copy"]}).json()["items"]
    assert [q["document"] for q in quotes] == [ids["copy"]]
    preview = client.get("/api/subscriptions/preview", params={"q": "ceasefire"}).json()["items"]
    assert {p["id"] for p in preview} == {ids["original"], ids["copy"]}
    for article_id in ids.values():  # the id every answer gave finds the article, slashes and all
        item = client.get(f"/api/documents/{article_id.replace('/', '%2F')}").json()
        assert item["id"] == article_id and item["links"]["self"].startswith("/api/documents/")
    assert client.get(f"/api/documents/{ids['plain']}").json()["title"] == "Earthquake shakes Crete"


def test_exports_name_articles_by_the_same_id(client, store):
    ids = _story_world(store)
    articles = [json.loads(line) for line in client.get("/api/export/articles").text.splitlines()]
    assert {a["id"] for a in articles} == set(ids.values()) and "record_id" not in articles[0]
    quotes = [json.loads(line) for line in client.get("/api/export/quotes").text.splitlines()]
    assert {q["document"] for q in quotes} == {ids["original"], ids["copy"]}
    stories = [json.loads(line) for line in client.get("/api/export/stories").text.splitlines()]
    assert sorted(a for s in stories for a in s["articles"]) == sorted(ids.values())


def test_a_pushed_article_and_its_alert_carry_the_same_id(client, store):
    spec = validate_subscription("volcano", ["json://127.0.0.1:9/hook"], name=None, digest=None, updates=None, allow_private=True)
    AlertStore(store).add_subscription(spec)
    pushed = client.post("/api/documents", json={"id": "push-volcano", "title": "Volcano",
                                                 "text": "A volcano erupted in Iceland on Sunday night."})
    body = pushed.json()
    assert body["id"] == "push-volcano" and pushed.headers["location"] == "/api/documents/push-volcano"
    again = client.post("/api/documents", json={"id": "push-volcano", "title": "Volcano", "text": "Again."}).json()
    assert again["status"] == "duplicate" and again["id"] == again["duplicate_of"] == "push-volcano"
    plain = client.post("/api/documents", json={"title": "Quiet", "text": "Nothing happened in Oslo on Monday."}).json()
    assert plain["id"] == str(store.document_row_id(plain["id"]))  # no record id: the store's number as text
    alerts = client.get("/api/alerts").json()
    assert [a["article"] for a in alerts["items"]] == ["push-volcano"] and alerts["total"] == 1


def test_the_item_is_bare_and_shares_the_list_items_fields_and_types(client, store):
    store.add_document(ceasefire_document(id="c-1"))
    [listed] = client.get("/api/documents").json()["items"]
    item = client.get("/api/documents/c-1").json()
    assert "document" not in item
    for name, kind in ARTICLE_FIELDS.items():
        assert isinstance(listed[name], kind) and isinstance(item[name], kind), name
        if name not in ("entities",):  # the list shows the top entities, the item all of them
            assert listed[name] == item[name], name
    hit = client.get("/api/search", params={"q": "ceasefire"}).json()["items"][0]
    assert {name: hit[name] for name in ARTICLE_FIELDS} == listed and hit["snippet"] and "score" in hit


def test_entity_ids_are_the_registrys_everywhere(client, store):
    store.add_document(ceasefire_document(id="c-1"))
    starmer = client.get("/api/entities/Keir Starmer").json()["id"]
    assert isinstance(starmer, int)
    [listed] = client.get("/api/documents").json()["items"]
    item = client.get("/api/documents/c-1").json()
    assert {e["name"]: e["id"] for e in listed["entities"]}["Keir Starmer"] == starmer
    assert {e["name"]: e["id"] for e in item["entities"]}["Keir Starmer"] == starmer
    assert item["quotes"][0]["speaker_entity"] == starmer
    assert client.get("/api/quotes").json()["items"][0]["speaker_entity"] == starmer


def test_api_sources_are_the_monitored_sources_and_counts_stay_reachable(client, store):
    feed = store.add_feed("https://www.ndtv.com/rss", name="NDTV")
    store.add_document(make_document("Monsoon arrives", "The monsoon reached Kerala on Monday.", source="www.ndtv.com"))
    sources = client.get("/api/sources").json()
    assert [(s["id"], s["url"], s["name"]) for s in sources["items"]] == [(feed.id, "https://www.ndtv.com/rss", "NDTV")]
    assert sources["total"] == 1 and "articles" in sources["items"][0]
    assert client.get(f"/api/sources/{feed.id}").json()["name"] == "NDTV"
    counts = client.get("/api/sources/counts").json()
    assert counts["items"] == [{"name": "www.ndtv.com", "documents": 1}] and counts["total"] == 1


def test_every_list_counts_its_total(client, store):
    _story_world(store)
    for path, params in (("/api/documents", {}), ("/api/search", {"q": "ceasefire"}), ("/api/stories", {}),
                         ("/api/stories", {"q": "ceasefire"}), ("/api/stories", {"since": "2000-01-01"}),
                         ("/api/entities", {}), ("/api/quotes", {}), ("/api/sources", {}),
                         ("/api/sources/counts", {}), ("/api/subscriptions", {}), ("/api/alerts", {})):
        page = client.get(path, params=params).json()
        assert isinstance(page["total"], int), (path, params)
    assert client.get("/api/stories", params={"q": "ceasefire"}).json()["total"] == 1


SOURCES = ["www.ndtv.com", "NDTV", "sports.ndtv.com", "NDTV News", "edition.cnn.com", "The Guardian", "news.com.au",
           "ndtv"]


def _fill_sources(store) -> None:
    for n, source in enumerate(SOURCES):
        store.add_document(make_document(f"Report {n}", f"Harbour report number {n} from the wire.", source=source,
                                         id=f"s-{n}"))


def _sources_found(client, query: str, path: str = "/api/search") -> set[str]:
    items = client.get(path, params={"q": query, "limit": 50}).json()["items"]
    return {item["source"] for item in items}


def test_source_matches_a_name_or_a_host_in_any_case(client, store):
    _fill_sources(store)
    ndtv = {"www.ndtv.com", "NDTV", "sports.ndtv.com", "ndtv"}
    assert _sources_found(client, "source:ndtv") == ndtv
    assert _sources_found(client, "source:NDTV harbour") == ndtv
    assert _sources_found(client, 'source:"www.ndtv.com"') == {"www.ndtv.com", "sports.ndtv.com"}
    assert _sources_found(client, "source:ndtv.com") == {"www.ndtv.com", "sports.ndtv.com"}
    assert _sources_found(client, "source:https://www.ndtv.com/") == {"www.ndtv.com", "sports.ndtv.com"}
    assert _sources_found(client, "source:cnn") == {"edition.cnn.com"}
    assert _sources_found(client, 'source:"the guardian"') == {"The Guardian"}
    assert _sources_found(client, "source:guardian") == set()  # a name matches whole, not word by word
    assert _sources_found(client, "source:au") == set()  # never by the top-level domain alone
    assert _sources_found(client, "source:news") == {"news.com.au"}  # a host label, not a name's word
    assert _sources_found(client, "harbour -source:ndtv") == set(SOURCES) - ndtv


def test_subscriptions_match_source_as_search_does(client, store):
    _fill_sources(store)
    for query in ("source:ndtv", 'source:"www.ndtv.com"', "source:ndtv.com", "source:com", "source:news",
                  "source:cnn", "source:AU", 'source:"the guardian"', "harbour -source:ndtv",
                  "source:ndtv OR source:cnn", "source:%", "source:_dtv"):
        searched = _sources_found(client, query)
        previewed = _sources_found(client, query, "/api/subscriptions/preview")
        assert searched == previewed, query


def test_a_subscription_to_source_alerts_for_an_article_from_that_host(client, store):
    for query in ("source:ndtv", "source:ndtv monsoon"):  # the index's lookup, then its evaluation
        spec = validate_subscription(query, ["json://127.0.0.1:9/hook"], name=None, digest=None, updates=None, allow_private=True)
        AlertStore(store).add_subscription(spec)
    client.post("/api/documents", json={"id": "n-1", "title": "Monsoon arrives", "source": "www.ndtv.com",
                                        "text": "The monsoon reached Kerala on Monday, the weather office said."})
    client.post("/api/documents", json={"id": "o-1", "title": "Monsoon elsewhere", "source": "Other Wire",
                                        "text": "The monsoon reached Goa on Tuesday, officials said."})
    alerts = client.get("/api/alerts").json()["items"]
    assert sorted((a["subscription"], a["article"]) for a in alerts) == [(1, "n-1"), (2, "n-1")]
