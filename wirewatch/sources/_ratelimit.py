"""Per-host politeness: at least `delay` seconds between two requests to the same host."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class HostRateLimiter:
    """Spaces requests per host on a monotonic clock.

    Each caller reserves the next free slot for its host under a lock and then sleeps outside
    it, so threads fetching from different hosts never wait for each other.
    """

    def __init__(
        self,
        delay: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._delay = max(0.0, delay)
        self._clock = clock
        self._sleep = sleep
        self._next_slot: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, host: str) -> None:
        """Block until a request to `host` is allowed, and count it as made."""
        if self._delay <= 0:
            return
        key = host.lower()
        with self._lock:
            now = self._clock()
            slot = max(now, self._next_slot.get(key, now))
            self._next_slot[key] = slot + self._delay
        if slot > now:
            self._sleep(slot - now)
