"""Subscriptions and the alert log through the JSON API, and each subscription's Atom feed."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime, timezone

from wirewatch.alerts import AlertStore
from wirewatch.alerts.outbox import NewAlert

from .test_api import assert_error

HOOK = "json://127.0.0.1:9/hook?token=s3cret"


def subscribe(client, **fields) -> dict:
    response = client.post("/api/subscriptions", json={"query": "ceasefire", "notify": [HOOK], **fields})
    assert response.status_code == 201, response.text
    return response.json()


def test_creating_a_subscription_answers_201_with_links_and_redacted_channels(client):
    created = subscribe(client, name="Ceasefire desk")
    assert created["query"] == "ceasefire" and created["name"] == "Ceasefire desk" and created["paused"] is False
    assert "s3cret" not in str(created["notify"])
    assert created["links"]["feed"] == f"/feeds/subscriptions/{created['id']}.atom"


def test_subscriptions_are_listed_and_fetched_one_by_one(client):
    first, second = subscribe(client), subscribe(client, query="earthquake")
    page = client.get("/api/subscriptions").json()
    assert [s["id"] for s in page["items"]] == [first["id"], second["id"]] and page["total"] == 2
    assert client.get(f"/api/subscriptions/{second['id']}").json()["query"] == "earthquake"
    assert "s3cret" not in client.get("/api/subscriptions").text


def test_bad_subscription_query_is_400_invalid_query(client):
    assert_error(client.post("/api/subscriptions", json={"query": "(unclosed"}), 400, "invalid_query")


def test_refused_channel_and_unknown_fields_are_422(client):
    assert_error(client.post("/api/subscriptions", json={"query": "x", "notify": ["ftp://example.org/x"]}),
                 422, "invalid_input")
    assert_error(client.post("/api/subscriptions", json={"query": "x", "colour": "red"}), 422, "invalid_input")


def test_pausing_and_resuming_with_patch(client):
    created = subscribe(client)
    paused = client.patch(f"/api/subscriptions/{created['id']}", json={"paused": True}).json()
    assert paused["paused"] is True
    assert client.get(f"/api/subscriptions/{created['id']}").json()["paused"] is True
    assert client.patch(f"/api/subscriptions/{created['id']}", json={"paused": False}).json()["paused"] is False


def test_deleting_answers_204_then_404(client):
    created = subscribe(client)
    assert client.delete(f"/api/subscriptions/{created['id']}").status_code == 204
    assert_error(client.get(f"/api/subscriptions/{created['id']}"), 404, "not_found")
    assert_error(client.delete(f"/api/subscriptions/{created['id']}"), 404, "not_found")


def test_subscription_writes_need_the_token_when_one_is_set(serve, settings, store):
    client = serve(settings.with_overrides(api_token="t0ken"), store)
    assert_error(client.post("/api/subscriptions", json={"query": "x"}), 401, "unauthorized")
    created = client.post("/api/subscriptions", json={"query": "x"}, headers={"Authorization": "Bearer t0ken"})
    assert created.status_code == 201
    sub = created.json()["id"]
    assert_error(client.patch(f"/api/subscriptions/{sub}", json={"paused": True}), 401, "unauthorized")
    assert_error(client.delete(f"/api/subscriptions/{sub}"), 401, "unauthorized")
    assert client.get(f"/api/subscriptions/{sub}").status_code == 200  # reads stay open


def test_subscription_writes_must_be_json(client):
    response = client.post("/api/subscriptions", data={"query": "x"})
    assert_error(response, 415, "unsupported_media_type")


def test_alert_log_shows_delivery_status_and_errors(client, store):
    created = subscribe(client)
    alert_store = AlertStore(store)
    alert_store.enqueue([NewAlert(key="k1", kind="alert", subscription_id=created["id"], channel=HOOK,
                                  payload={"title": "Ceasefire"}, story_id="1", article_id=None)])
    now = datetime.now(timezone.utc)
    claimed = alert_store.claim_due(now=now)  # what a delivery worker does before trying the channel
    alert_store.mark_failed_attempt(claimed[0], "connection refused", now=now)
    page = client.get("/api/alerts", params={"subscription": created["id"]}).json()
    assert len(page["items"]) == 1 and page["total"] == 1
    alert = page["items"][0]
    assert alert["attempts"] == 1 and alert["last_error"] == "connection refused" and alert["status"]
    assert "s3cret" not in alert["channel"]
    other = client.get("/api/alerts", params={"subscription": created["id"] + 1}).json()
    assert other["items"] == [] and other["total"] == 0
    assert client.get("/api/alerts", params={"status": "pending"}).json()["total"] == 0
    assert client.get("/api/alerts", params={"limit": 1}).json()["total"] == 1


def test_alert_log_refuses_an_unknown_status(client):
    assert_error(client.get("/api/alerts", params={"status": "lost"}), 422, "invalid_input")


def test_subscription_feed_is_atom_and_404_for_unknown_ones(client):
    created = subscribe(client, name="Desk")
    response = client.get(f"/feeds/subscriptions/{created['id']}.atom")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/atom+xml")
    assert ET.fromstring(response.content).tag == "{http://www.w3.org/2005/Atom}feed"
    assert_error(client.get("/feeds/subscriptions/999.atom"), 404, "not_found")


def test_subscription_endpoints_are_in_the_openapi_schema(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {"get", "post"} <= set(paths["/api/subscriptions"])
    assert {"get", "patch", "delete"} <= set(paths["/api/subscriptions/{subscription_id}"])
    assert "/api/alerts" in paths and "/feeds/subscriptions/{subscription_id}.atom" in paths
