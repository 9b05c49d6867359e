"""Server-Sent Events: an open page hears about each new article once, in order, resumable."""

from __future__ import annotations

import json
import threading
import time

import httpx

from .conftest import make_document


def read_events(client: httpx.Client, path: str, wanted: int, headers: dict | None = None,
                on_connected=None) -> list[dict]:
    """Collect `wanted` document events from the stream (the server's max age bounds the wait);
    `on_connected()` runs once the server has fixed the point the stream starts after."""
    events, current = [], {}
    with client.stream("GET", path, headers=headers or {}) as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        for line in response.iter_lines():
            if line.startswith(": connected") and on_connected is not None:
                on_connected()
            if line.startswith(("id:", "event:", "data:")):
                name, _, value = line.partition(":")
                current[name] = value.strip()
            elif line == "" and current:
                if current.get("event") == "document":
                    events.append({"id": int(current["id"]), **json.loads(current["data"])})
                    if len(events) == wanted:
                        return events
                current = {}
    return events


def test_new_articles_are_pushed_as_rendered_cards(serve, settings, store):
    client = serve(settings, store, live_poll_seconds=0.05, live_max_seconds=5)
    old = store.add_document(make_document("Old story", "Old.")).id

    def add_later():
        time.sleep(0.3)
        store.add_document(make_document("Fresh <b>story</b>", "New."))

    # stored only after the stream has started: on a loaded machine the request can reach the
    # server after a fixed delay, and the article would then count as already there
    events = read_events(client, "/events/documents", wanted=1,
                         on_connected=lambda: threading.Thread(target=add_later).start())
    assert len(events) == 1 and events[0]["id"] > old
    assert events[0]["title"] == "Fresh <b>story</b>"
    assert "Fresh &lt;b&gt;story&lt;/b&gt;" in events[0]["html"] and 'class="card"' in events[0]["html"]


def test_stream_resumes_after_the_last_event_id(serve, settings, store):
    client = serve(settings, store, live_poll_seconds=0.05, live_max_seconds=5)
    ids = [store.add_document(make_document(f"Story {i}", f"Text {i}.")).id for i in range(3)]
    events = read_events(client, "/events/documents", wanted=2, headers={"Last-Event-ID": str(ids[0])})
    assert [event["id"] for event in events] == ids[1:]


def test_stream_ends_after_its_maximum_age(serve, settings, store):
    client = serve(settings, store, live_poll_seconds=0.05, live_max_seconds=0.3)
    started = time.monotonic()
    assert read_events(client, "/events/documents", wanted=1) == []
    assert time.monotonic() - started < 5
