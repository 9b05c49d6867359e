"""Warm start: load what the first article would otherwise wait for, before a service says it is ready.

The analysis loads its models on first use (language identification, the extraction stack, the
spaCy pipeline, the name and gender tables) and the story stage restores its engine from the
store: seconds on a cold process, paid by whichever push came first. `serve` and `run` call
`warm_up` before they report ready, so the first push costs what the tenth does. The models are
per process (loaded once whatever the number of runners); the story engine is per runner. A
service that analyses pushes in worker processes (runtime/pushes.py) warms those instead: each
worker loads the models once, and the service reports ready when every one has.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..config import Settings
from ..document import SourceItem
from ..pipeline import analyse_item
from .story_stage import StoryStage

if TYPE_CHECKING:
    from .pushes import PushAnalysis

log = logging.getLogger("wirewatch.warm")

# Made-up articles that reach every lazily loaded part: English text with people, places and a
# quote (spaCy, resolution, quotes, gender), and HTML (the markup extraction path).
_SAMPLES = (
    SourceItem(
        content="Harbour talks resume\n\nLISBON – Talks between the harbour authority and the dockers' union "
                "resumed on Tuesday, said Ana Ferreira, who chairs the authority. \"We want an agreement "
                "this week,\" Ferreira told reporters in Lisbon.",
        content_type="text/plain", origin="<warm-up>",
    ),
    SourceItem(
        content="<html><head><title>Harbour talks resume</title></head><body><article><h1>Harbour talks "
                "resume</h1><p>Talks between the harbour authority and the dockers' union resumed on "
                "Tuesday in Lisbon, the union said.</p></article></body></html>",
        content_type="text/html", url="https://example.invalid/warm-up", origin="<warm-up>",
    ),
)

_models_lock = threading.Lock()
_models_loaded = False


def load_models(settings: Settings) -> None:
    """Load every model the analysis uses, once per process (later calls return at once)."""
    global _models_loaded
    with _models_lock:
        if _models_loaded:
            return
        for item in _SAMPLES:
            analyse_item(item, settings=settings)
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
                 pushes: "PushAnalysis | None" = None) -> None:
        self._settings = settings
        self._stage = stage
        self._lock = lock  # the runner's: the story stage is warmed as it is run, one thread at a time
        self._pushes = pushes  # the service's analysis workers: warmed instead of this process's models
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
