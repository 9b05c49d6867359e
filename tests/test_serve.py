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
