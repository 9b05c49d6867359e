"""Warm start: load what the first article would otherwise wait for, before a service says it is ready.

The analysis loads its models on first use (language identification, the extraction stack, the
spaCy pipeline, the name and gender tables) and the story stage restores its engine from the
store: seconds on a cold process, paid by whichever push came first. `serve` and `run` call
`warm_up` before they report ready, so the first push costs what the tenth does. The models are
per process (loaded once whatever the number of runners); the story engine is per runner. A
service that analyses pushes in worker processes (runtime/pushes.py) warms those instead: each
worker loads the models once, and the service reports ready when every one has.

Loading the models means analysing a long made-up article (warm_article.py) through the push's
own function (`analyse_article`), so that every lazily loaded table and first-time path is done.
The service then warms its own side: the subscription index, matching and the alert messages
(over a throwaway index: nothing is written), the notification channels (Apprise, the TLS
context) and its sender threads.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..config import Settings
from ..alerts.channels import prepare_channels
from ..document import SourceItem
from .analysis import analyse_article
from .story_stage import StoryStage
from .warm_article import WARM_BODY, WARM_TITLE

if TYPE_CHECKING:
    from ..alerts.delivery import Senders
    from .alerting import Alerting
    from .pushes import PushAnalysis

log = logging.getLogger("wirewatch.warm")

def _samples() -> tuple[SourceItem, ...]:
    """The made-up article (warm_article.py) as plain text and as HTML (the markup extraction path)."""
    paragraphs = "".join(f"<p>{paragraph}</p>" for paragraph in WARM_BODY.split("\n\n"))
    return (
        SourceItem(content=f"{WARM_TITLE}\n\n{WARM_BODY}", content_type="text/plain", origin="<warm-up>"),
        SourceItem(content=f"<html><head><title>{WARM_TITLE}</title></head><body><article><h1>{WARM_TITLE}"
                           f"</h1>{paragraphs}</article></body></html>",
                   content_type="text/html", url="https://example.invalid/warm-up", origin="<warm-up>"),
    )


_models_lock = threading.Lock()
_models_loaded = False


def load_models(settings: Settings) -> None:
    """Load every model the analysis uses, once per process (later calls return at once)."""
    global _models_loaded
    with _models_lock:
        if _models_loaded:
            return
        for item in _samples():  # what a push runs: the analysis and the story preparation
            analyse_article(item, settings, frozenset())
        _models_loaded = True


@dataclass
class Readiness:
    """What /healthz reports: starting until the warm-up finished, ok after, failed with the reason."""

    status: str = "starting"  # starting | ok | failed
    message: str | None = None
    pushes: "PushAnalysis | None" = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict:
        from ..nlp.pipeline import pipelines_loaded  # here: importing spaCy takes seconds

        # This process's pipelines and its analysis workers' (one each, a replaced worker's too):
        # the count stays put across pushes once the service is ready.
        loaded = pipelines_loaded() + (self.pushes.loads if self.pushes is not None else 0)
        out: dict = {"status": self.status, "pipelines_loaded": loaded}
        if self.pushes is not None:
            out["analysis_workers"] = self.pushes.processes
        if self.message:
            out["message"] = self.message
        return out


class WarmUp:
    """Warms a runner's models and story engine in a background thread, reporting its readiness."""

    def __init__(self, settings: Settings, stage: StoryStage, lock: threading.RLock, *,
                 pushes: "PushAnalysis | None" = None, alerting: "Alerting | None" = None,
                 senders: "Senders | None" = None) -> None:
        self._settings = settings
        self._stage = stage
        self._lock = lock  # the runner's: the story stage is warmed as it is run, one thread at a time
        self._pushes = pushes  # the service's analysis workers: warmed instead of this process's models
        self._alerting = alerting  # its subscription index, matching and messages
        self._senders = senders  # a service's sender threads and channels
        self.readiness = Readiness(pushes=pushes)
        self._done = threading.Event()
        self._running = threading.Lock()  # serve's app and its monitor thread both ask: one warms

    def run(self) -> Readiness:
        """Warm up now (blocking); the readiness says how it went. Safe to call more than once."""
        with self._running:
            if self._done.is_set():
                return self.readiness
            try:
                if self._pushes is not None:
                    self._pushes.warm()
                else:
                    load_models(self._settings)
                with self._lock:
                    self._stage.warm_up()
                if self._alerting is not None:
                    self._alerting.warm_up(WARM_TITLE, WARM_BODY)
                if self._senders is not None:
                    prepare_channels(allow_private=self._settings.allow_private_urls)
                    self._senders.start()
            except Exception as exc:  # a model that cannot load or a store that cannot be read: say so
                log.exception("warm-up failed")
                self.readiness = Readiness("failed", str(exc).strip().splitlines()[0] if str(exc).strip()
                                           else type(exc).__name__, pushes=self._pushes)
            else:
                self.readiness = Readiness("ok", pushes=self._pushes)
                log.info("ready: analysis models and story engine loaded")
            self._done.set()
            return self.readiness

    def start(self) -> threading.Thread:
        thread = threading.Thread(target=self.run, name="wirewatch-warm-up", daemon=True)
        thread.start()
        return thread
