"""Where `serve` analyses pushed articles: worker processes that load the models once each.

A push's analysis (extraction, spaCy, resolution, quotes: most of its CPU time) holds the GIL
when it runs in the request's thread, so concurrent pushes queue behind each other on one core.
Here it runs in `analysis_workers` processes (default min(2, CPUs)); storing, the story stage and
the alert decisions stay in the service's process, the single writer. The warm start (`warm`)
starts every process and waits until each has loaded the models, so the first push after
`/healthz` says ok costs what the tenth does.

A process that dies (killed, out of memory) costs a retry on a fresh pool; an article whose
analysis kills its process twice gets a `WorkerError` (HTTP 503) and is not stored, and the
pushes around it go on. Where processes cannot be started (no process semaphores in some
sandboxes and serverless runtimes, a platform without `forkserver`), or with
`analysis_workers = 0`, pushed articles are analysed in the request's thread, as before.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from ..config import Settings
from ..document import SourceItem
from ..errors import ConfigError, WirewatchError, WorkerError
from ..pipeline import Analysed
from .analysis import analyse_article, read_entities
from .executors import AnalysisPool
from .warm import load_models

log = logging.getLogger("wirewatch.pushes")

T = TypeVar("T")

# A plain-text push at least this long (about 400 words) is read by the NER models side by side
# when every analysis process is idle (`PushAnalysis.analyse_article`). Below it, the two extra
# hand-overs and the extraction each process repeats cost about what reading side by side saves.
SIDE_BY_SIDE_CHARS = 2_500


def push_workers(settings: Settings) -> int:
    """Analysis processes for pushed articles: the setting, else min(2, CPUs). ConfigError below 0."""
    count = settings.analysis_workers
    if count is None:
        return min(2, os.cpu_count() or 1)
    if count < 0:
        raise ConfigError(f"analysis_workers must be 0 or more, not {count}")
    return count


class PushAnalysis:
    """The pushed articles' analysis pool; one per service runner."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.pool = AnalysisPool(push_workers(settings), initializer=load_models, initargs=(settings,))

    @property
    def processes(self) -> int:
        return self.pool.processes

    @property
    def loads(self) -> int:
        """Pipelines loaded by the worker processes (one each; a replaced process loads again)."""
        return self.pool.loads

    def warm(self) -> None:
        """Start every worker and wait until each has loaded the models (in this process when
        there are none, or when processes cannot be started here)."""
        if self.pool.processes == 0:
            load_models(self.settings)
            return
        try:
            self.pool.start()
        except (OSError, NotImplementedError, ValueError, BrokenProcessPool) as exc:
            # No semaphores or forkserver here, or a worker died while loading: loading the models
            # here says why if it is them (a missing pipeline: the warm-up fails with that reason);
            # if they load, pushes are analysed in the request's thread.
            log.warning("cannot start analysis processes (%s): pushed articles are analysed in the "
                        "request's thread", exc or type(exc).__name__)
            self.pool.shutdown()
            self.pool = AnalysisPool(0)
            load_models(self.settings)

    def analyse(self, fn: Callable[..., T], /, *args) -> T:
        """`fn(*args)` in a worker; what it raises is raised here. WorkerError when the worker
        died twice on it."""
        try:
            return self.pool.call(fn, *args)  # type: ignore[return-value]
        except BrokenProcessPool:
            raise WorkerError("the analysis process stopped twice while reading this article (killed or out "
                              "of memory); it was not stored: push it again or check the service's memory") from None

    def analyse_article(self, item: SourceItem, settings: Settings, recurring: frozenset[str]) -> Analysed:
        """`analyse_article` in a worker. A long plain-text article arriving while every worker
        is idle is read by the statistical NERs side by side first, one model per process, and
        then analysed with those readings (the same result, as nlp/layout.py sets a reading where
        it would run its model): its wait is the longest model's, not the sum of them. The NERs
        are half of a long article's analysis; the rest depends on their result."""
        readings = None
        if self._side_by_side(item):
            shares = self.pool.processes
            try:
                parts = self.pool.call_each([(read_entities, (item, settings, recurring, share, shares))
                                             for share in range(shares)])
                readings = {name: reading for part in parts for name, reading in part.items()}  # type: ignore[union-attr]
            except (WirewatchError, BrokenProcessPool):
                # Unusable input, or a process that died: the analysis itself says why (it is
                # retried on a fresh pool and reports what it meets).
                readings = None
        return self.analyse(analyse_article, item, settings, recurring, readings)

    def _side_by_side(self, item: SourceItem) -> bool:
        return (self.pool.processes >= 2 and self.pool.in_flight == 0
                and item.content_type == "text/plain" and len(item.content) >= SIDE_BY_SIDE_CHARS)

    def close(self) -> None:
        self.pool.shutdown()
