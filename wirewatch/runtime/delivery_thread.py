"""`serve`'s outbox sender: one thread, woken the moment a push commits its alerts.

A push's alerts used to be sent inside its request: the publisher waited for every webhook, a
slow receiver held the answer, and a push's sends queued behind its neighbours' analysis on the
GIL. The push now commits its article, story and alerts (the outbox rows), claims what is due and
hands it to the sender threads (the `delivery_threads` setting, alerts.delivery.Senders) without
waiting: a dozen webhooks go out at once, while the push answers, and a slow receiver holds one
sender thread, not the next push's alerts. A sender that finishes wakes this thread, which
records the outcomes in one transaction and claims whatever is still due (more alerts than free
senders, retries). The outbox's guarantees hold as before: every alert is claimed
under a lease before it is sent, so no key goes out twice, and a failed send is retried with
backoff. The thread also wakes every `tick` seconds for retries, and once a burst of
subscription changes is over checks that the subscription index took them all, rebuilding it
where it did not (runtime/alerting.py).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable


log = logging.getLogger("wirewatch.delivery")


class DeliveryThread:
    def __init__(self, deliver: Callable[[], object], *, tick: float = 5.0) -> None:
        self._deliver = deliver  # one round: claims what free sender threads can take, returns at once
        self._tick = tick
        self._cond = threading.Condition()
        self._pending = False  # a round is asked for now
        self._due_at: float | None = None  # ... or at this time (monotonic)
        self._stopped = False
        self._thread: threading.Thread | None = None

    def wake(self) -> None:
        """Something may be due now (a push committed its alerts): send it without waiting."""
        with self._cond:
            self._pending = True
            self._start()
            self._cond.notify()

    def wake_in(self, delay: float) -> None:
        """A round `delay` seconds from now, or from the last call if another comes meanwhile (a
        burst of subscription changes costs one index rebuild, after it)."""
        with self._cond:
            self._due_at = time.monotonic() + delay
            self._start()
            self._cond.notify()

    def _start(self) -> None:
        if self._thread is None and not self._stopped:
            self._thread = threading.Thread(target=self._loop, name="wirewatch-delivery", daemon=True)
            self._thread.start()

    def _loop(self) -> None:
        last_round = time.monotonic()
        while True:
            with self._cond:
                while not self._stopped:
                    now = time.monotonic()
                    if self._pending or (self._due_at is not None and now >= self._due_at) \
                            or now >= last_round + self._tick:
                        break
                    until = last_round + self._tick if self._due_at is None else min(last_round + self._tick,
                                                                                     self._due_at)
                    self._cond.wait(until - now)
                if self._stopped:
                    return
                self._pending = False  # before the round: a push committed meanwhile asks for the next
                if self._due_at is not None and time.monotonic() >= self._due_at:
                    self._due_at = None
            try:
                self._deliver()
            except Exception:  # the store went away: the outbox keeps the alerts, the next round sends them
                log.exception("delivery round failed")
            last_round = time.monotonic()

    def stop(self, timeout: float = 5.0) -> None:
        with self._cond:
            self._stopped = True
            self._cond.notify()
        if self._thread is not None:
            self._thread.join(timeout)
