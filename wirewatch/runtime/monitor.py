"""The monitoring service: poll due sources, process what is new, deliver alerts, repeat.

`wirewatch run` drives it in the foreground (`--once`: one full cycle, then exit); `wirewatch
serve` runs it in a background thread next to the web app. Every step reads and writes the store,
so stopping it at any point loses nothing: the next cycle picks up where it stopped.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from datetime import datetime, timezone

from ..alerts import DeliveryReport
from ..config import Settings
from ..ingest import ingest
from ..store import Store
from .alerting import Alerting
from .story_stage import StoryStage

log = logging.getLogger("wirewatch.monitor")


@dataclass
class CycleReport:
    polled: int = 0
    new_articles: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    delivery: DeliveryReport = field(default_factory=DeliveryReport)

    def to_dict(self) -> dict:
        return {
            "polled": self.polled, "new_articles": self.new_articles,
            "failures": [{"source": url, "reason": reason} for url, reason in self.failures],
            "alerts_sent": self.delivery.sent, "alerts_retrying": self.delivery.retrying,
            "alerts_failed": self.delivery.failed,
        }


class Monitor:
    def __init__(self, store: Store, settings: Settings, *, stage: StoryStage | None = None,
                 alerting: Alerting | None = None, lock: threading.Lock | None = None) -> None:
        self.store = store
        self.settings = settings
        self.stage = stage or StoryStage(store)
        self.alerting = alerting or Alerting(store, settings)
        self._lock = lock or threading.Lock()  # shared with a Processor in the same process

    def cycle(self, now: datetime | None = None) -> CycleReport:
        """Poll every due source once, assign stories to anything left unassigned, deliver."""
        report = CycleReport()
        for feed in self.store.due_feeds(now):
            with self._lock:
                summary = ingest([feed.url], store=self.store, settings=self.settings, stage=self.stage,
                                 alerting=self.alerting, deliver=False, workers=1)
            report.polled += 1
            report.new_articles += summary.ingested
            stored_anything = summary.ingested or summary.duplicates
            error = summary.failed[0].reason if summary.failed and not stored_anything else None
            if error:
                report.failures.append((feed.url, error))
                log.warning("source %s failed: %s", feed.url, error)
            self.store.record_fetch(feed, status="error" if error else "ok", error=error,
                                    new_articles=summary.ingested)
            log.info("polled %s: %d new, %d duplicates", feed.url, summary.ingested, summary.duplicates)
        with self._lock:
            self.stage.run(on_assigned=self.alerting.on_assigned)
        report.delivery = self.alerting.deliver()
        return report

    def run_forever(self, stop: threading.Event, *, tick: float = 5.0) -> None:
        """Cycle until `stop` is set; wake at least every `tick` seconds for due retries."""
        while not stop.is_set():
            try:
                self.cycle()
            except Exception:  # a broken cycle must not end the service; the next one retries
                log.exception("monitor cycle failed")
            due = self.store.next_feed_due()
            wait = tick
            if due is not None:
                wait = min(tick, max(0.0, (due - datetime.now(timezone.utc)).total_seconds()))
            stop.wait(max(0.2, wait))

    def close(self) -> None:
        with self._lock:
            self.stage.save()
