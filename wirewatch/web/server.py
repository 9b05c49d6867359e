"""`wirewatch serve`: the web app under uvicorn, refusing an unprotected public bind."""

from __future__ import annotations

import threading
import time

import uvicorn

from ..config import Settings
from ..errors import ConfigError
from .app import create_app
from .security import check_bind_address

GRACEFUL_SHUTDOWN_SECONDS = 3


def serve(settings: Settings, *, host: str, port: int, monitor: bool = True) -> None:
    """Run the web UI and API until interrupted.

    Raises ConfigError, before opening anything, when `host` is reachable from other machines
    and no API token protects writes; StoreError when the store cannot be opened.
    """
    check_bind_address(host, settings)
    if not 0 < port < 65536:
        raise ConfigError(f"port must be between 1 and 65535, not {port}")
    app = create_app(settings, bind_host=host, warm_up=True)
    stop = threading.Event()
    if monitor:
        _start_monitor(app, settings, stop)
    # Open live-update streams would otherwise hold a Ctrl+C shutdown for their whole lifetime.
    uvicorn.run(app, host=host, port=port, log_level="info", proxy_headers=False, server_header=False,
                timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_SECONDS)
    stop.set()


def _start_monitor(app, settings: Settings, stop: threading.Event) -> None:
    """The monitoring service and the queue workers in threads, sharing the app's store, story
    stage and alerting, so one process has one story engine and one writer of the assignment log.
    On PostgreSQL the monitor queues what it fetches and the workers (of this and any other
    `serve` or `run` sharing the database) analyse it."""
    from ..runtime.monitor import Monitor
    from ..runtime.workers import QueueWorkers, worker_count
    from ..store import WorkQueue

    runner = app.state.web.runner
    dialect = runner.store.dialect
    queue = WorkQueue(runner.store)
    service = Monitor(runner.store, settings, runner=runner, queue=queue if dialect == "postgresql" else None)
    QueueWorkers(runner, queue, settings, count=worker_count(settings, dialect)).start(stop)
    threading.Thread(target=service.run_forever, args=(stop,), name="wirewatch-monitor", daemon=True).start()


class BackgroundServer:
    """The app under a real uvicorn on an ephemeral loopback port, in a thread; a context manager.

    For tests, benchmarks and the screenshot script: the app is exercised over real sockets,
    exactly as a browser would use it.
    """

    def __init__(self, app, *, host: str = "127.0.0.1") -> None:
        config = uvicorn.Config(app, host=host, port=0, log_level="warning", lifespan="on",
                                server_header=False, timeout_graceful_shutdown=0.5)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self.url = ""

    def __enter__(self) -> "BackgroundServer":
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the web server did not start")
            time.sleep(0.01)
        host, port = self._server.servers[0].sockets[0].getsockname()[:2]
        self.url = f"http://{host}:{port}"
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)
