"""Entities and quotes over real HTTP: the index, one entity's page, the API, who said what."""

from __future__ import annotations

from .conftest import ceasefire_document, kremlin_document, quake_document
from .test_api import assert_error
from .test_pages import assert_inert, inventory
from .test_stories import ceasefire_story, story_id_of


# --- JSON API -------------------------------------------------------------------------------------

def test_api_lists_entities_most_reported_first_with_total(client, store):
    ceasefire_story(store)
    page = client.get("/api/entities").json()
    names = [item["name"] for item in page["items"]]
    assert names[:2] == ["Keir Starmer", "Vladimir Putin"]  # in all three ceasefire articles
    assert page["total"] == len(names) and page["items"][0]["documents"] == 3
    assert page["items"][0]["links"]["html"] == f"/entities/{page['items'][0]['id']}"


def test_api_entities_filter_by_type_and_name(client, store):
    ceasefire_story(store)
    places = client.get("/api/entities", params={"type": "gpe"}).json()
    assert {item["name"] for item in places["items"]} == {"Ukraine", "Crete"} and places["total"] == 2
    named = client.get("/api/entities", params={"name": "putin"}).json()
    assert [item["name"] for item in named["items"]] == ["Vladimir Putin"]


def test_api_entity_type_must_be_a_word(client):
    assert "type" in assert_error(client.get("/api/entities", params={"type": "P<x>"}), 422, "invalid_input")["message"]


def test_api_entity_by_id_name_or_misspelling_is_the_same_identity(client, store):
    ceasefire_story(store)
    by_name = client.get("/api/entities/Keir Starmer").json()
    assert client.get(f"/api/entities/{by_name['id']}").json()["id"] == by_name["id"]
    assert client.get("/api/entities/Stemmer").json()["id"] == by_name["id"]


def test_api_entity_detail_has_spellings_timeline_company_quotes_and_stories(client, store):
    ids = ceasefire_story(store)
    entity = client.get("/api/entities/Keir Starmer").json()
    assert {"text": "Stemmer", "count": 2} in entity["aliases"]
    assert entity["timeline"] == [{"day": "2025-03-02", "documents": 2}, {"day": "2025-03-03", "documents": 1}]
    assert entity["related"][0]["name"] == "Vladimir Putin" and entity["related"][0]["shared_documents"] == 3
    assert {q["text"] for q in entity["quotes"]} == {"Putin must prove he is serious about peace,"}
    assert [s["id"] for s in entity["stories"]] == [story_id_of(store, ids["original"])]
    assert sorted(entity["document_ids"]) == sorted(str(ids[k]) for k in ("original", "copy", "development"))


def test_api_entity_timeline_counts_publication_days_and_undated_articles_apart(client, store):
    """Regression: the timeline counted an undated article on the day it arrived (its facts fall
    back to the arrival time), a day it was never published on."""
    ceasefire_story(store)
    store.add_document(ceasefire_document(title="Starmer repeats his call", published=None,
                                          tail="He spoke again on the phone.", source="Late Desk"))
    entity = client.get("/api/entities/Keir Starmer").json()
    assert entity["timeline"] == [{"day": "2025-03-02", "documents": 2}, {"day": "2025-03-03", "documents": 1}]
    assert entity["undated_documents"] == 1


def test_api_quote_of_an_undated_article_has_no_publication_date(client, store):
    """Regression: a quote from an undated article showed its arrival time as `published`."""
    store.add_document(ceasefire_document(published=None, source="Late Desk"))
    [quote] = client.get("/api/quotes", params={"speaker": "Keir Starmer"}).json()["items"]
    assert quote["published"] is None


def test_api_missing_entity_is_a_404_error_object(client):
    assert_error(client.get("/api/entities/Nobody Known"), 404, "not_found")


def test_api_quotes_by_speaker_whatever_the_spelling(client, store):
    ceasefire_story(store)
    for spelling in ("Keir Starmer", "Stemmer", "starmer"):
        page = client.get("/api/quotes", params={"speaker": spelling}).json()
        assert len(page["items"]) == 2, spelling  # the original and its copy
        assert {q["speaker"] for q in page["items"]} == {"Keir Starmer"}


def test_api_quotes_of_one_document_link_to_it(client, store):
    doc_id = store.add_document(ceasefire_document()).id
    store.add_document(quake_document())
    page = client.get("/api/quotes", params={"document": doc_id}).json()
    assert [q["document"] for q in page["items"]] == [str(doc_id)]
    assert page["items"][0]["links"] == {"document": f"/api/documents/{doc_id}", "html": f"/articles/{doc_id}"}
    assert page["items"][0]["cue"] == "said" and page["items"][0]["speaker_entity"]


def test_api_quotes_page_through_with_next(client, store):
    ceasefire_story(store)
    first = client.get("/api/quotes", params={"limit": 1}).json()
    assert len(first["items"]) == 1 and first["next"]
    second = client.get(first["next"]).json()
    assert len(second["items"]) == 1 and second["next"] is None


def test_api_quotes_refuse_speaker_and_document_together(client):
    assert_error(client.get("/api/quotes", params={"speaker": "x", "document": 1}), 400, "bad_request")


def test_new_endpoints_are_in_the_openapi_schema_and_docs(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/stories", "/api/stories/{story_id}", "/api/entities", "/api/entities/{key}",
                 "/api/quotes", "/feeds/stories/{story_id}.atom"):
        assert path in paths, path
    docs = client.get("/docs").text
    assert "EntityDetailOut" in docs and "StoryDetailOut" in docs and "/api/quotes" in docs


# --- pages -----------------------------------------------------------------------------------------

def test_entity_index_lists_identities_with_type_filters(client, store):
    ceasefire_story(store)
    page = client.get("/entities").text
    starmer = store.entity("Keir Starmer").entity.id
    assert f'<a href="/entities/{starmer}">Keir Starmer</a>' in page
    filters = [a["href"] for t, a in inventory(page) if t == "a" and "type=" in (a.get("href") or "")]
    assert "/entities?type=PERSON&name=" in filters
    people = client.get("/entities", params={"type": "person"}).text
    assert "Keir Starmer" in people and "Crete" not in people and "2 identities of type PERSON" in people


def test_entity_index_filters_by_name(client, store):
    ceasefire_story(store)
    page = client.get("/entities", params={"name": "krem"}).text
    assert "Kremlin" in page and "Keir Starmer" not in page


def test_entity_page_shows_spellings_quotes_company_and_stories(client, store):
    ids = ceasefire_story(store)
    page = client.get("/entities/Stemmer").text
    assert "<h1>Keir Starmer</h1>" in page
    assert 'Stemmer <span class="flag">variant</span>' in page
    assert "“Putin must prove he is serious about peace,”" in page
    putin = store.entity("Vladimir Putin").entity.id
    assert f'href="/entities/{putin}">Vladimir Putin</a> <span class="muted">3 shared articles</span>' in page
    assert f'href="/stories/{story_id_of(store, ids["original"])}"' in page
    assert '<svg class="chart-plot"' in page and 'class="chart-bar"' in page
    assert_inert(page)


def test_missing_entity_is_an_html_404_page(client):
    response = client.get("/entities/Nobody Known")
    assert response.status_code == 404 and "Nobody Known" in response.text


def test_article_mentions_and_speakers_link_to_entity_pages_by_id(client, store):
    doc_id = store.add_document(ceasefire_document()).id
    starmer = store.entity("Keir Starmer").entity.id
    page = client.get(f"/articles/{doc_id}").text
    assert f'<a class="mention ent-person" href="/entities/{starmer}"' in page
    assert f'<p class="quote-by"><a href="/entities/{starmer}">Keir Starmer</a>' in page


def test_hostile_entity_names_stay_inert(client, store):
    from wirewatch.document import Entity, Mention

    from .conftest import make_document

    name = '<img src=x onerror=alert(1)>'
    text = f"{name} spoke."
    doc = make_document("Hostile entity", text, entities=[Entity("e1", name, "PERSON", [Mention(name, 0, len(name))])])
    store.add_document(doc)
    entity_id = store.entities()[0].id
    for path in ("/entities", f"/entities/{entity_id}", "/articles"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert_inert(response.text)
        assert "&lt;img src=x onerror=alert(1)&gt;" in response.text, path


def test_development_without_quotes_still_shows_on_the_entity_page(client, store):
    store.add_document(kremlin_document())
    page = client.get("/entities/Kremlin").text
    assert "No quotes attributed to Kremlin." in page and "Not part of any story yet." in page
