"""A real HTTP server on 127.0.0.1 for tests, with routes the test programs.

Tests talk to it over real sockets, so the code under test runs exactly as in production
(no mocked transports). Typical use (see tests/sources/conftest.py for the `http_server`
fixture)::

    with LocalHTTPServer() as server:
        server.route("/feed.xml", body=rss_bytes, content_type="application/rss+xml")
        server.route("/page", body=b"<html>...", etag='"v1"')   # answers 304 on If-None-Match
        server.redirect("/old", "/page")
        server.gzip_bomb("/bomb", decoded_size=50 * 1024 * 1024)
        fetch(server.url("/page"))
        assert server.requests_for("/page")[0].headers["user-agent"].startswith("wirewatch")

Routes match the request path exactly (with its query string first, then without it); anything
else answers 404. Every request is recorded (method, path, headers, monotonic arrival time) in
`server.requests`, in arrival order, so tests can assert what was asked for and when.

To reuse it from another test folder, put the `tests` folder on sys.path in that folder's
conftest.py (as tests/sources/conftest.py does) and `from httpserver import LocalHTTPServer`.
"""

from __future__ import annotations

import gzip
import socket
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str  # with the query string
    headers: dict[str, str]  # lower-case names
    time: float  # time.monotonic() when the request line was read


@dataclass
class Response:
    """What a route answers. Build one directly for `route(..., handler=...)`."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering (timeouts, slow servers)
    send_content_length: bool = True  # False: no Content-Length, body ends when the socket closes


@dataclass
class _Route:
    response: Response
    etag: str | None = None
    last_modified: str | None = None
    handler: Callable[[RecordedRequest], Response] | None = None


class LocalHTTPServer:
    """A threaded HTTP/1.0 server on an ephemeral loopback port; a context manager."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self._routes: dict[str, _Route] = {}
        self._requests: list[RecordedRequest] = []
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer((host, 0), self._handler_class())
        self._httpd.daemon_threads = True  # a deliberately slow route must not block shutdown
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()

    # -- lifecycle -------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str = "/") -> str:
        return self.base_url + (path if path.startswith("/") else "/" + path)

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> LocalHTTPServer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- programming routes ----------------------------------------------------------------

    def route(
        self,
        path: str,
        body: bytes | str = b"",
        *,
        status: int = 200,
        content_type: str | None = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
        delay: float = 0.0,
        etag: str | None = None,
        last_modified: str | None = None,
        send_content_length: bool = True,
        handler: Callable[[RecordedRequest], Response] | None = None,
    ) -> None:
        """Answer GET/HEAD `path` with this response (replacing any earlier route for it).

        With `etag` / `last_modified`, the route sends those validators and answers 304 (empty
        body) to a request whose If-None-Match / If-Modified-Since matches them exactly.
        With `handler`, the response is computed per request instead.
        """
        all_headers = dict(headers or {})
        if content_type is not None:
            all_headers.setdefault("Content-Type", content_type)
        if etag is not None:
            all_headers["ETag"] = etag
        if last_modified is not None:
            all_headers["Last-Modified"] = last_modified
        payload = body.encode("utf-8") if isinstance(body, str) else body
        response = Response(status, payload, all_headers, delay, send_content_length)
        with self._lock:
            self._routes[path] = _Route(response, etag, last_modified, handler)

    def redirect(self, path: str, to: str, *, status: int = 302) -> None:
        """Answer `path` with a redirect to `to` (a path on this server or any URL)."""
        location = self.url(to) if to.startswith("/") else to
        self.route(path, status=status, content_type=None, headers={"Location": location})

    def gzip_bomb(self, path: str, *, decoded_size: int, encoding: str = "gzip") -> int:
        """Serve `decoded_size` zero bytes compressed (gzip or deflate); return the wire size."""
        zeros = b"\0" * decoded_size
        body = gzip.compress(zeros, compresslevel=9) if encoding == "gzip" else zlib.compress(zeros, 9)
        self.route(path, body, content_type="text/html", headers={"Content-Encoding": encoding})
        return len(body)

    # -- what was requested ----------------------------------------------------------------

    @property
    def requests(self) -> list[RecordedRequest]:
        with self._lock:
            return list(self._requests)

    def requests_for(self, path: str) -> list[RecordedRequest]:
        """Requests whose path (query string included, or ignored if `path` has none) matches."""
        return [
            r for r in self.requests
            if r.path == path or ("?" not in path and urlsplit(r.path).path == path)
        ]

    # -- the request handler ---------------------------------------------------------------

    def _record(self, request: RecordedRequest) -> _Route | None:
        with self._lock:
            self._requests.append(request)
            return self._routes.get(request.path) or self._routes.get(urlsplit(request.path).path)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"  # one request per connection: simple and predictable

            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                self._answer(send_body=True)

            def do_HEAD(self) -> None:  # noqa: N802
                self._answer(send_body=False)

            def _answer(self, *, send_body: bool) -> None:
                request = RecordedRequest(
                    method=self.command,
                    path=self.path,
                    headers={k.lower(): v for k, v in self.headers.items()},
                    time=time.monotonic(),
                )
                route = server._record(request)
                if route is None:
                    response = Response(404, b"not found", {"Content-Type": "text/plain"})
                elif route.handler is not None:
                    response = route.handler(request)
                elif _matches_validators(route, request):
                    response = Response(304, b"", _validator_headers(route))
                else:
                    response = route.response
                if response.delay:
                    time.sleep(response.delay)
                try:
                    self.send_response(response.status)
                    for name, value in response.headers.items():
                        self.send_header(name, value)
                    if response.send_content_length and response.status != 304:
                        self.send_header("Content-Length", str(len(response.body)))
                    self.end_headers()
                    if send_body and response.status != 304:
                        self.wfile.write(response.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (size limit, timeout): that is what tests test

            def log_message(self, format: str, *args: object) -> None:
                pass  # keep test output clean; the request log is in server.requests

        return Handler


def _matches_validators(route: _Route, request: RecordedRequest) -> bool:
    # As in HTTP: when the client sends If-None-Match, the ETag decides alone.
    if route.etag is not None and "if-none-match" in request.headers:
        return request.headers["if-none-match"] == route.etag
    if route.last_modified is not None:
        return request.headers.get("if-modified-since") == route.last_modified
    return False


def _validator_headers(route: _Route) -> dict[str, str]:
    headers = {}
    if route.etag is not None:
        headers["ETag"] = route.etag
    if route.last_modified is not None:
        headers["Last-Modified"] = route.last_modified
    return headers


# A chunked 200 answer's status line and headers, for servers that trickle what follows.
STATUS_AND_HEADERS = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"


class TrickleServer:
    """Answers every connection by sending `before` at once, then `trickle` one byte per `every` s."""

    def __init__(self, before: bytes, trickle: bytes, every: float) -> None:
        self.before, self.trickle, self.every = before, trickle, every
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(8)
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}/feed.xml"
        self.stopped = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while not self.stopped.is_set():
            try:
                connection, _ = self.socket.accept()
            except OSError:
                return
            threading.Thread(target=self._answer, args=(connection,), daemon=True).start()

    def _answer(self, connection: socket.socket) -> None:
        with connection:
            try:
                connection.recv(65536)
                connection.sendall(self.before)
                for byte in self.trickle:
                    if self.stopped.wait(self.every):
                        return
                    connection.sendall(bytes([byte]))
            except OSError:  # the client gave up: what the test wants
                return

    def close(self) -> None:
        self.stopped.set()
        self.socket.close()
