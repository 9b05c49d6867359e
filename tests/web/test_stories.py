"""Stories over real HTTP: the ranked home page, the story page, its feed, the API and live updates."""

from __future__ import annotations

import re
import threading
import time
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone

import httpx
import pytest

from wirewatch.store import Store

from .conftest import ceasefire_document, cluster, kremlin_document, make_document, quake_document
from .test_api import assert_error
from .test_pages import assert_inert, inventory

ATOM = "{http://www.w3.org/2005/Atom}"


def ceasefire_story(store: Store) -> dict[str, int]:
    """The ceasefire story (original, copy, development) and an unrelated earthquake story."""
    ids = {
        "original": store.add_document(ceasefire_document()).id,
        "copy": store.add_document(ceasefire_document(title="Starmer urges Putin to sign ceasefire",
                                                      tail="The Courier contributed.", source="Courier")).id,
        "quake": store.add_document(quake_document()).id,
        "development": store.add_document(kremlin_document()).id,
    }
    cluster(store)
    return ids


def story_id_of(store: Store, document_id: int) -> str:
    return store.story_of(document_id).story_id


# --- JSON API -------------------------------------------------------------------------------------

def test_api_lists_stories_by_breaking_rank_with_counts_and_links(client, store):
    ceasefire_story(store)
    page = client.get("/api/stories").json()
    assert page["total"] == 2 and page["next"] is None
    first = page["items"][0]
    assert first["title"] == "Starmer urges Putin to sign a ceasefire"  # three sources beat one
    assert first["article_count"] == 3 and first["source_count"] == 3
    assert {"Keir Starmer", "Vladimir Putin"} <= set(first["entities"])
    assert first["links"] == {"self": f"/api/stories/{first['id']}", "html": f"/stories/{first['id']}",
                              "feed": f"/feeds/stories/{first['id']}.atom"}


def test_api_story_pages_follow_next_links(client, store):
    ceasefire_story(store)
    first = client.get("/api/stories", params={"limit": 1}).json()
    second = client.get(first["next"]).json()
    assert len(first["items"]) == len(second["items"]) == 1 and second["next"] is None
    assert first["items"][0]["id"] != second["items"][0]["id"]


def test_api_story_query_keeps_stories_with_a_matching_article(client, store):
    ceasefire_story(store)
    page = client.get("/api/stories", params={"q": "earthquake"}).json()
    assert [item["title"] for item in page["items"]] == ["Earthquake shakes Crete"]
    assert page["total"] == 1  # counted with the query, like every list


def test_api_story_since_drops_stories_not_updated_since(client, store):
    # "Updated" is the arrival clock: the articles' own dates (March 2025) do not count.
    before = datetime.now(timezone.utc) - timedelta(minutes=5)
    ceasefire_story(store)
    page = client.get("/api/stories", params={"since": before.isoformat()}).json()
    assert len(page["items"]) == 2
    later = (datetime.now(timezone.utc) + timedelta(minutes=5)).isoformat()
    assert client.get("/api/stories", params={"since": later}).json()["items"] == []


def test_api_story_bad_query_is_400_and_bad_since_is_422(client):
    assert_error(client.get("/api/stories", params={"q": "(unclosed"}), 400, "invalid_query")
    assert "since" in assert_error(client.get("/api/stories", params={"since": "soon"}), 422, "invalid_input")["message"]


def test_api_story_lists_its_articles_in_time_order_with_roles(client, store):
    ids = ceasefire_story(store)
    story = client.get(f"/api/stories/{story_id_of(store, ids['original'])}").json()
    roles = {a["id"]: (a["role"], a["duplicate_of"]) for a in story["articles"]}
    public = {name: str(doc_id) for name, doc_id in ids.items()}  # no record ids: the store's numbers as text
    assert roles == {public["original"]: ("original", None), public["copy"]: ("copy", public["original"]),
                     public["development"]: ("development", None)}
    assert story["articles"][-1]["id"] == public["development"]  # published last


def test_api_missing_story_is_a_404_error_object(client):
    assert_error(client.get("/api/stories/nope"), 404, "not_found")


def test_posted_article_is_assigned_to_its_story_before_the_answer(client, store):
    first = client.post("/api/documents", json={"text": ceasefire_document().text, "title": "Ceasefire call",
                                                  "source": "Wire"}).json()
    again = client.post("/api/documents", json={"text": ceasefire_document().text + "\n\nTalks among European leaders are expected to continue in Paris next week.",
                                                  "title": "Ceasefire call", "source": "Courier"})
    assert again.status_code == 201
    body = again.json()
    assert first["story_id"] and first["role"] == "original"
    assert body["story_id"] == first["story_id"] and body["role"] == "copy" and body["duplicate_of"] == first["id"]
    assert store.story(first["story_id"]).articles == 2


# --- pages -----------------------------------------------------------------------------------------

def test_home_ranks_story_cards_with_sources_entities_and_newest_quote(client, store):
    ids = ceasefire_story(store)
    page = client.get("/").text
    story_id = story_id_of(store, ids["original"])
    assert page.index("Starmer urges Putin to sign a ceasefire") < page.index("Earthquake shakes Crete")
    assert "3 sources" in page and "3 articles" in page and "1 source" in page
    assert f'href="/stories/{story_id}"' in page
    starmer = store.entity("Keir Starmer").entity.id
    assert f'<a class="chip" href="/entities/{starmer}">Keir Starmer</a>' in page
    assert "Putin must prove he is serious about peace," in page
    assert f'data-live="/events/stories?after=4"' in page


def test_story_page_shows_the_timeline_with_roles_and_a_chart(client, store):
    ids = ceasefire_story(store)
    page = client.get(f"/stories/{story_id_of(store, ids['original'])}").text
    roles = [a.get("class") for t, a in inventory(page) if t == "span" and (a.get("class") or "").startswith("role ")]
    assert roles == ["role role-original", "role role-copy", "role role-development"]
    assert "1 first report, 1 development, 1 copy" in page
    assert f'href="/articles/{ids["development"]}"' in page and "Ledger" in page
    assert '<svg class="chart-plot"' in page and page.count('class="chart-bar"') >= 2


def test_story_page_groups_quotes_by_speaker_once_with_every_source(client, store):
    ids = ceasefire_story(store)
    page = client.get(f"/stories/{story_id_of(store, ids['original'])}").text
    assert page.count("“Putin must prove he is serious about peace,”") == 1  # the copy repeats it
    starmer = store.entity("Keir Starmer").entity.id
    assert f'<h3 class="speaker-name"><a href="/entities/{starmer}">Keir Starmer</a>' in page
    assert f'<a href="/articles/{ids["original"]}">Wire</a>, <a href="/articles/{ids["copy"]}">Courier</a>' in page


def test_story_page_links_entities_to_their_pages_and_offers_a_feed(client, store):
    ids = ceasefire_story(store)
    story_id = story_id_of(store, ids["original"])
    page = client.get(f"/stories/{story_id}").text
    kremlin = store.entity("Kremlin").entity.id
    assert f'<a class="chip" href="/entities/{kremlin}">Kremlin</a>' in page
    assert f'href="/feeds/stories/{story_id}.atom"' in page
    assert_inert(page)


def test_missing_story_is_an_html_404_page(client):
    response = client.get("/stories/404404")
    assert response.status_code == 404 and "404404" in response.text
    assert response.headers["content-type"].startswith("text/html")


def test_article_page_links_to_its_story_and_names_its_role(client, store):
    ids = ceasefire_story(store)
    page = client.get(f"/articles/{ids['copy']}").text
    assert f'href="/stories/{story_id_of(store, ids["copy"])}"' in page
    assert '<span class="role role-copy">copy</span>' in page
    assert f'repeats <a href="/articles/{ids["original"]}">' in page


def test_article_submitted_through_the_form_lands_in_a_story(client, store):
    form = client.get("/submit")
    token = next(a["value"] for t, a in inventory(form.text) if t == "input" and a.get("name") == "csrf_token")
    response = client.post("/submit", data={"csrf_token": token, "text": ceasefire_document().text,
                                            "title": "Ceasefire call", "source": "Wire"})
    assert response.status_code == 303
    article = client.get(response.headers["location"]).text
    assert "Part of the story" in article and store.count_stories() == 1


def test_hostile_story_text_stays_inert_on_home_story_and_entity_pages(client, store):
    hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>'
    doc = make_document(f"Strike {hostile}", f"Dock workers {hostile} walked out.", source=f"Wire {hostile}")
    doc_id = store.add_document(doc).id
    cluster(store)
    story_id = story_id_of(store, doc_id)
    for path in ("/", f"/stories/{story_id}", f"/articles/{doc_id}"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert_inert(response.text)
        assert "&lt;script&gt;" in response.text, path


# --- Atom feed --------------------------------------------------------------------------------------

def test_story_feed_lists_its_articles_newest_first_with_their_roles(client, store):
    ids = ceasefire_story(store)
    response = client.get(f"/feeds/stories/{story_id_of(store, ids['original'])}.atom")
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries][0] == "Kremlin will study Starmer's ceasefire plan"
    assert entries[0].findtext(f"{ATOM}summary") == "New development from Ledger."
    assert len(entries) == 3


def test_missing_story_feed_is_a_404_error_object(client):
    assert_error(client.get("/feeds/stories/nope.atom"), 404, "not_found")


# --- live updates ----------------------------------------------------------------------------------

def read_story_events(client: httpx.Client, path: str, wanted: int) -> list[dict]:
    import json

    events, current = [], {}
    with client.stream("GET", path) as response:
        for line in response.iter_lines():
            if line.startswith(("id:", "event:", "data:")):
                name, _, value = line.partition(":")
                current[name] = value.strip()
            elif line == "" and current:
                if current.get("event") == "story":
                    events.append({"seq": int(current["id"]), **json.loads(current["data"])})
                    if len(events) == wanted:
                        return events
                current = {}
    return events


def test_story_stream_pushes_a_story_when_it_gains_an_article(serve, settings, store):
    client = serve(settings, store, live_poll_seconds=0.05, live_max_seconds=5)
    store.add_document(ceasefire_document())
    cluster(store)

    def develop_later():
        time.sleep(0.3)
        store.add_document(kremlin_document())
        cluster(store)

    threading.Thread(target=develop_later).start()
    events = read_story_events(client, "/events/stories", wanted=1)
    assert len(events) == 1 and events[0]["seq"] == 2 and events[0]["articles"] == 2
    assert 'class="card story-card"' in events[0]["html"] and "2 articles" in events[0]["html"]


def test_story_stream_resumes_after_the_last_event_id(serve, settings, store):
    ids = ceasefire_story(store)
    client = serve(settings, store, live_poll_seconds=0.05, live_max_seconds=5)
    events = read_story_events(client, "/events/stories?after=2", wanted=2)
    assert [e["seq"] for e in events] == [3, 4]
    assert events[-1]["id"] == story_id_of(store, ids["development"])


# --- both engines ------------------------------------------------------------------------------------

def test_stories_and_entities_work_on_both_engines(db_url, settings, serve):
    with Store.open(db_url) as store:
        ceasefire_story(store)
        client = serve(settings.with_overrides(db=db_url), store)
        stories = client.get("/api/stories").json()
        assert stories["total"] == 2 and stories["items"][0]["article_count"] == 3
        assert client.get(f"/stories/{stories['items'][0]['id']}").status_code == 200
        entity = client.get("/api/entities/Stemmer").json()
        assert entity["name"] == "Keir Starmer" and entity["stories"][0]["id"] == stories["items"][0]["id"]
        assert client.get(f"/entities/{entity['id']}").status_code == 200


def test_home_page_and_api_page_through_the_store_ranking(client, store):

    topics = [("Volcano erupts near Naples", "Lava and ash forced villagers from slopes of Vesuvius overnight."),
              ("Chess champion retains title", "The grandmaster won the deciding rapid game in Madrid."),
              ("Wheat prices climb", "Drought across Kansas farmland lifted futures contracts sharply."),
              ("Orchestra announces tour", "Violinists and cellists will perform symphonies in Tokyo and Seoul."),
              ("Satellite launch delayed", "Engineers postponed the rocket countdown after a valve fault.")]
    for i, (title, text) in enumerate(topics):
        store.add_document(make_document(title, text, source=f"Source {i % 2}"))
    ceasefire_story(store)
    expected = [s.id for s in store.stories(limit=100)]
    assert len(expected) >= 6
    assert [s.id for s in store.stories(limit=2, offset=3)] == expected[3:5]
    home = re.findall(r'<li class="card story-card" data-id="([^"]+)"', client.get("/").text)
    assert home == expected
    api = client.get("/api/stories", params={"limit": 2, "offset": 3}).json()["items"]
    assert [item["id"] for item in api] == expected[3:5]
