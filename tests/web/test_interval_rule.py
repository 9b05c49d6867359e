"""The poll interval rule lives in the store: the JSON API and the Sources form refuse a too-short
interval with the same message the CLI prints (tests/test_rules.py), and store nothing."""

from __future__ import annotations

import html

from .test_api import assert_error
from .test_feeds_page import add_form

MESSAGE = "the poll interval must be between 30 seconds and 7 days, not 10 seconds"


def test_api_refuses_a_too_short_interval_with_the_store_message(client, store):
    error = assert_error(client.post("/api/sources", json={"url": "https://example.com/f", "interval_seconds": 10}),
                         422, "invalid_input")
    assert error["message"] == MESSAGE
    assert store.feeds() == []


def test_form_refuses_a_too_short_interval_with_the_store_message(client, store):
    response = add_form(client, "https://example.com/feed.xml", interval="10", discover_feeds="0")
    assert response.status_code == 422
    assert MESSAGE in html.unescape(response.text)
    assert store.feeds() == []


def test_api_accepts_the_shortest_interval(client, store):
    response = client.post("/api/sources", json={"url": "https://example.com/f", "interval_seconds": 30})
    assert response.status_code == 201, response.text
    assert [feed.interval_seconds for feed in store.feeds()] == [30]
