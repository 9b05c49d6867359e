"""`serve`'s outbox sender: one thread, woken the moment a push commits its alerts.

A push's alerts used to be sent inside its request: the publisher waited for every webhook, a
slow receiver held the answer, and a push's sends queued behind its neighbours' analysis on the
GIL. The push now commits its article, story and alerts (the outbox rows) and wakes this thread;
the thread claims what is due and sends it through a small pool of sender threads (the
`delivery_threads` setting), so a dozen webhooks go out at once. The outbox's guarantees hold as
before: every alert is claimed under a lease before it is sent, so no key goes out twice, and a
failed send is retried with backoff. The thread also wakes every `tick` seconds for retries.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from ..alerts import DeliveryReport

log = logging.getLogger("wirewatch.delivery")


class DeliveryThread:
    def __init__(self, deliver: Callable[[], DeliveryReport], *, limit: int = 100, tick: float = 5.0) -> None:
        self._deliver = deliver
        self._limit = limit  # a call that sent this many may have left more due: go again at once
        self._tick = tick
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()

    def wake(self) -> None:
        """Something may be due now (a push committed its alerts): send it without waiting."""
        with self._start_lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._loop, name="wirewatch-delivery", daemon=True)
                self._thread.start()
        self._wake.set()

    def _loop(self) -> None:
        while not self._stop.is_set():
            self._wake.wait(self._tick)
            self._wake.clear()  # before sending: a push committed meanwhile wakes the next round
            if self._stop.is_set():
                return
            try:
                report = self._deliver()
            except Exception:  # the store went away: the outbox keeps the alerts, the next round sends them
                log.exception("delivery round failed")
                continue
            if report.attempted >= self._limit:
                self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
