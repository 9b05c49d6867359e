"""`serve`'s pushes with the analysis in a worker process and alerts sent by the delivery thread.

One real service for the module (the app with its warm start, under uvicorn on loopback, one
analysis worker process), a real webhook receiver, everything over HTTP.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from alerts.receivers import WebhookReceiver
from wirewatch.config import Settings
from wirewatch.web.app import create_app
from wirewatch.web.server import BackgroundServer

STRIKE = ("ROTTERDAM – Dockworkers at the Port of Rotterdam began a 48-hour strike on Monday over plans "
          "to automate two container terminals, the union's spokesman Pieter de Vries said.")
OTHER = ("Ferry crews in Norway ended a three-day strike on Friday after the operator agreed to hire 40 more "
         "sailors, the union's leader Kari Nordmann said in Bergen.")


@pytest.fixture(scope="module")
def service(tmp_path_factory) -> Iterator[tuple[httpx.Client, WebhookReceiver]]:
    folder = tmp_path_factory.mktemp("pushes")
    settings = Settings(db=f"sqlite:///{folder / 'pushes.db'}", allow_private_urls=True, host_delay=0,
                        analysis_workers=1, delivery_threads=3)
    with WebhookReceiver() as receiver, BackgroundServer(create_app(settings, warm_up=True)) as server, \
            httpx.Client(base_url=server.url, timeout=60) as client:
        deadline = time.monotonic() + 120
        while (health := client.get("/healthz")).json()["status"] == "starting":
            assert time.monotonic() < deadline, "the service never became ready"
            time.sleep(0.05)
        assert health.status_code == 200, health.text
        for query in ("strike", "union"):  # two subscriptions: two alerts per article
            client.post("/api/subscriptions", json={"query": query, "notify": [receiver.channel(f"/{query}")],
                                                    "updates": "all"}).raise_for_status()
        yield client, receiver


def wait_for(predicate, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_the_first_push_after_ready_is_analysed_by_a_warm_worker_and_alerts_at_once(service):
    client, receiver = service
    ready = client.get("/healthz").json()
    assert ready["analysis_workers"] == 1 and ready["pipelines_loaded"] >= 1, ready
    pushed = client.post("/api/documents", json={"id": "first", "title": "Rotterdam dockworkers strike",
                                                 "text": STRIKE})
    assert pushed.status_code == 201, pushed.text
    assert pushed.json()["story_id"] and pushed.json()["role"] == "original"
    assert client.get("/healthz").json()["pipelines_loaded"] == ready["pipelines_loaded"]  # nothing loaded again
    wait_for(lambda: len(receiver.received) >= 2)
    assert {r.path for r in receiver.received} == {"/strike", "/union"}
    assert all(r.body["article"]["id"] == "first" for r in receiver.received)


def test_concurrent_pushes_store_each_article_once_in_one_story_and_send_each_key_once(service):
    client, receiver = service
    before = len(receiver.received)
    # The same record pushed three times at once, a near copy of it, and an unrelated article.
    bodies = [{"id": "same", "title": "Dockworkers strike again", "text": STRIKE + " Talks resume on Friday."}] * 3
    bodies += [{"id": "copy", "title": "Dockworkers strike again", "text": STRIKE + " Talks resume on Friday!"},
               {"id": "ferry", "title": "Norwegian ferry strike ends", "text": OTHER}]
    with ThreadPoolExecutor(len(bodies)) as pool:
        answers = list(pool.map(lambda body: client.post("/api/documents", json=body), bodies))
    assert all(a.status_code in (200, 201) for a in answers), [a.text for a in answers]
    same = [a.json() for a in answers[:3]]
    assert sorted(a["status"] for a in same) == ["duplicate", "duplicate", "stored"], same
    assert {a["id"] for a in same} == {"same"} and len({a["story_id"] for a in same}) == 1
    assert answers[3].json()["story_id"] == same[0]["story_id"]  # the copy joined the same story
    for article_id in ("same", "copy", "ferry"):
        assert client.get(f"/api/documents/{article_id}").status_code == 200
    listed = client.get("/api/documents", params={"limit": 100}).json()["items"]
    assert Counter(item["id"] for item in listed)["same"] == 1
    # Every alert queued is sent once, by its key, and nothing is left pending.
    wait_for(lambda: all(a["status"] == "sent" for a in client.get("/api/alerts", params={"limit": 100}).json()["items"]))
    time.sleep(0.3)  # a second send of any key would have arrived by now
    keys = receiver.keys()
    assert len(keys) == len(set(keys)), Counter(keys).most_common(3)
    outbox = client.get("/api/alerts", params={"limit": 100}).json()["items"]
    assert len(receiver.received) == len(outbox) > before


def _pool_processes() -> list[multiprocessing.Process]:
    return [p for p in multiprocessing.active_children() if p.pid]


def test_a_killed_worker_fails_only_the_push_it_was_reading_and_the_next_push_works(service):
    client, receiver = service
    assert _pool_processes(), "the analysis worker process should be running"
    for process in _pool_processes():  # killed while idle: the next push retries on a fresh pool
        os.kill(process.pid, signal.SIGKILL)
    pushed = client.post("/api/documents", json={"id": "after-kill", "title": "Strike spreads", "text": OTHER
                                                 + " Dockworkers in Antwerp joined the strike."})
    assert pushed.status_code == 201, pushed.text

    stop = threading.Event()

    def keep_killing() -> None:  # every worker dies while this push is analysed, the fresh one too
        while not stop.is_set():
            for process in _pool_processes():
                try:
                    os.kill(process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            time.sleep(0.02)

    killer = threading.Thread(target=keep_killing)
    killer.start()
    try:
        failed = client.post("/api/documents", json={"id": "killed", "title": "Strike talks", "text": STRIKE
                                                     + " Both sides met in The Hague."})
    finally:
        stop.set()
        killer.join()
    assert failed.status_code == 503, failed.text
    assert "analysis process stopped" in failed.json()["error"]["message"]
    assert client.get("/api/documents/killed").status_code == 404  # nothing of it was kept
    again = client.post("/api/documents", json={"id": "killed", "title": "Strike talks", "text": STRIKE
                                                + " Both sides met in The Hague."})
    assert again.status_code == 201, again.text
    assert client.get("/api/documents/after-kill").status_code == 200


def test_a_slow_receiver_holds_neither_the_push_nor_the_other_subscribers_alerts(service):
    client, receiver = service
    with WebhookReceiver(hold=True) as slow:
        client.post("/api/subscriptions", json={"query": "harbour", "notify": [slow.channel("/slow")],
                                                "updates": "all"}).raise_for_status()
        before = len(receiver.received)
        started = time.monotonic()
        pushed = client.post("/api/documents", json={"id": "harbour", "title": "Harbour strike", "text": STRIKE
                                                     + " The harbour was closed to container ships."})
        assert pushed.status_code == 201, pushed.text
        wait_for(lambda: len(receiver.received) >= before + 2)  # "strike" and "union" went out ...
        assert slow.arrived.wait(10) and not slow.received[1:]  # ... while the slow one still holds its alert
        assert time.monotonic() - started < 10
        slow.release()
        wait_for(lambda: [a["status"] for a in client.get("/api/alerts", params={"limit": 100}).json()["items"]
                          if a["channel"].endswith("/slow")] == ["sent"])


def test_with_analysis_workers_0_pushes_are_analysed_in_the_request_thread(tmp_path):
    """The fallback where processes cannot be used (and `analysis_workers = 0`): no worker, same answers."""
    settings = Settings(db=f"sqlite:///{tmp_path / 'inline.db'}", allow_private_urls=True, host_delay=0,
                        analysis_workers=0)
    before = set(_pool_processes())
    with WebhookReceiver() as receiver, BackgroundServer(create_app(settings, warm_up=True)) as server, \
            httpx.Client(base_url=server.url, timeout=60) as client:
        wait_for(lambda: client.get("/healthz").json()["status"] != "starting", timeout=120)
        assert client.get("/healthz").json()["analysis_workers"] == 0
        client.post("/api/subscriptions", json={"query": "strike", "notify": [receiver.channel()]}).raise_for_status()
        pushed = client.post("/api/documents", json={"id": "inline", "title": "Dockworkers strike", "text": STRIKE})
        assert pushed.status_code == 201 and pushed.json()["story_id"], pushed.text
        wait_for(lambda: len(receiver.received) == 1)
        assert set(_pool_processes()) == before  # no process was started
