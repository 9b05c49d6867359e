"""Real receivers on loopback for delivery tests: a webhook endpoint and an SMTP server."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Received:
    path: str
    headers: dict[str, str]  # lower-case names
    body: dict[str, Any]


class WebhookReceiver:
    """Accepts POSTs on 127.0.0.1; fails the first `fail_first` with HTTP 503.

    With `hold=True` it records each request, then does not answer until `release()` (the crash
    test kills the sender while it waits); with `delay` it answers each request that much later
    (the crash-injection test widens the window in which a kill lands mid-send).
    """

    def __init__(self, *, fail_first: int = 0, hold: bool = False, delay: float = 0.0) -> None:
        self.received: list[Received] = []
        self.fail_first = fail_first
        self.hold = hold
        self.delay = delay
        self.arrived = threading.Event()
        self._released = threading.Event()
        self._lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                with receiver._lock:
                    receiver.received.append(Received(self.path, {k.lower(): v for k, v in self.headers.items()}, body))
                    failing = len(receiver.received) <= receiver.fail_first
                receiver.arrived.set()
                if receiver.hold:
                    receiver._released.wait(30)
                elif receiver.delay:
                    receiver._released.wait(receiver.delay)
                status = 503 if failing else 200
                try:
                    self.send_response(status)
                    self.send_header("Content-Length", "2")
                    self.end_headers()
                    self.wfile.write(b"ok")
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()

    @property
    def port(self) -> int:
        return self._httpd.server_address[1]

    def channel(self, path: str = "/hook") -> str:
        return f"json://127.0.0.1:{self.port}{path}"

    def release(self) -> None:
        self._released.set()

    def keys(self) -> list[str]:
        return [r.headers.get("idempotency-key", "") for r in self.received]

    def close(self) -> None:
        self.release()
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> "WebhookReceiver":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
