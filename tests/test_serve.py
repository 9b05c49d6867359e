"""`wirewatch serve` as a user starts it: a real process, the monitor alongside, a fresh store."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import httpx


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_with_monitor_starts_on_a_fresh_sqlite_store_and_accepts_a_push(tmp_path):
    """Regression: the monitor thread and the app once migrated the same new SQLite file at once
    and the server died with 'database is locked'."""
    port = free_port()
    env = {**os.environ, "WIREWATCH_DB": f"sqlite:///{tmp_path / 'serve.db'}"}
    server = subprocess.Popen([sys.executable, "-m", "wirewatch", "serve", "--port", str(port)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            deadline = time.monotonic() + 60
            while True:
                assert server.poll() is None, server.stdout.read().decode()
                try:
                    if client.get("/healthz").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert time.monotonic() < deadline, "server did not answer /healthz"
                time.sleep(0.2)
            pushed = client.post("/api/documents", json={
                "id": "push-1", "title": "Dockworkers strike in Rotterdam",
                "text": "ROTTERDAM – Dockworkers at the Port of Rotterdam began a 48-hour strike on Monday "
                        "over plans to automate two container terminals, the union said.",
            })
            assert pushed.status_code == 201, pushed.text
            assert pushed.json()["story_id"]
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_serve_loads_the_pipeline_before_it_reports_ready(tmp_path):
    """/healthz says `starting` (503, JSON) while the models and story engine load, then `ok`; the
    first push after that loads no pipeline (the count the service reports stays where it was).
    Regression: the first push once paid for loading the pipeline (2.7 s to 6.6 s)."""
    port = free_port()
    env = {**os.environ, "WIREWATCH_DB": f"sqlite:///{tmp_path / 'warm.db'}", "OMP_NUM_THREADS": "1"}
    server = subprocess.Popen([sys.executable, "-m", "wirewatch", "serve", "--no-monitor", "--port", str(port)],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            statuses: list[str] = []
            deadline = time.monotonic() + 90
            while True:
                assert server.poll() is None, server.stdout.read().decode()
                try:
                    response = client.get("/healthz")
                except httpx.TransportError:
                    response = None
                if response is not None:
                    body = response.json()
                    assert response.status_code == (200 if body["status"] == "ok" else 503), body
                    statuses.append(body["status"])
                    if body["status"] == "ok":
                        break
                assert time.monotonic() < deadline, "server never became ready"
                time.sleep(0.05)
            assert statuses[0] == "starting" and set(statuses) == {"starting", "ok"}, statuses
            ready = client.get("/healthz").json()
            # loaded before the service said ok: one per analysis worker process (2 by default)
            assert ready["pipelines_loaded"] == ready["analysis_workers"] >= 1, ready
            pushed = client.post("/api/documents", json={
                "id": "first", "title": "Ferry strike ends",
                "text": "OSLO – Ferry crews ended a three-day strike on Friday after the operator agreed "
                        "to hire 40 more sailors, the union's leader Kari Nordmann said.",
            })
            assert pushed.status_code == 201 and pushed.json()["story_id"], pushed.text
            # the push loaded nothing, in this process or a worker
            assert client.get("/healthz").json()["pipelines_loaded"] == ready["pipelines_loaded"]
    finally:
        server.terminate()
        server.wait(timeout=30)
