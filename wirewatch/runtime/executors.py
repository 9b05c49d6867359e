"""Where the pure analysis step runs, chosen by `Settings.executor`.

Only analysis (extraction and language analysis, `pipeline.analyse_item`) runs here: it is a
plain function of plain records, so it can move to other processes. Storing, the story stage and
alert matching always stay in the runner's process, the store's single writer.

- `local`: this process for small batches, a process pool on this machine for large ones. It
  takes one job at a time (`submit` -> Future); the runner keeps a window of them in flight.
- `AnalysisPool`: a long-lived pool of worker processes that load the models once each, for a
  service's single articles (`serve`'s pushes, the queue workers): `start` warms every process
  before the service says it is ready, and a pool whose process died is replaced.
- `ray`: Ray Data on a Ray cluster (`ray_executor.py`; the optional extra `wirewatch[ray]`). It
  takes the whole stream of jobs (`map_in_order`) and yields the results in input order.

An unknown name, or `ray` without Ray installed, is a ConfigError raised when a runner is made,
before any work.
"""

from __future__ import annotations

import importlib.util
import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from ..config import Settings
from ..errors import ConfigError

log = logging.getLogger("wirewatch.executors")
# Below this many items a process pool costs more (start-up, model loading) than it saves.
POOL_THRESHOLD = 24


class AnalysisExecutor(Protocol):
    def submit(self, fn: Callable, /, *args) -> Future: ...

    def shutdown(self) -> None: ...


@runtime_checkable
class StreamingExecutor(Protocol):
    """An executor that takes the whole job stream: for cluster frameworks (Ray Data) whose unit
    of work is a dataset, not one call. Jobs are `(key, args)`; a job whose args are None is
    passed through untouched (a failure found before analysis). Yields `(key, fn(*args))`, or
    `(key, exception)` when fn raised, in job order; pulls jobs only as it needs them."""

    def map_in_order(self, fn: Callable, jobs: Iterable[tuple[Any, tuple | None]]) -> Iterator[tuple[Any, Any]]: ...

    def shutdown(self) -> None: ...


class InProcess:
    """Runs work in this process; the small-batch stand-in for a pool with the same interface."""

    def submit(self, fn: Callable, /, *args) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args))
        except BaseException as exc:  # delivered through the future, like a pool would
            future.set_exception(exc)
        return future

    def shutdown(self) -> None:
        pass


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def _local(*, settings: Settings, large: bool, workers: int | None) -> AnalysisExecutor:
    count = workers or default_workers()
    if large and count > 1:
        return ProcessPoolExecutor(max_workers=count)
    return InProcess()


def _ray(*, settings: Settings, large: bool, workers: int | None) -> AnalysisExecutor | StreamingExecutor:
    if not large:  # a handful of items: starting or joining a cluster costs more than it saves
        return InProcess()
    from .ray_executor import RayDataExecutor  # imports ray: only when asked for

    return RayDataExecutor(settings, workers=workers)


@dataclass(frozen=True)
class ExecutorKind:
    open: Callable[..., AnalysisExecutor | StreamingExecutor]  # (settings=, large=, workers=)
    needs: str | None = None  # an importable module it needs ...
    extra: str | None = None  # ... and the pip extra that installs it


# name -> kind: a new executor registers here.
EXECUTORS: dict[str, ExecutorKind] = {
    "local": ExecutorKind(_local),
    "ray": ExecutorKind(_ray, needs="ray", extra="wirewatch[ray]"),
}


def check_executor(settings: Settings) -> str:
    """The configured executor's name; ConfigError (one line) when no executor has that name or
    what it needs is not installed."""
    name = settings.executor
    if name not in EXECUTORS:
        raise ConfigError(f"unknown executor {name!r} in setting 'executor' (known: {', '.join(sorted(EXECUTORS))})")
    kind = EXECUTORS[name]
    if kind.needs and not _importable(kind.needs):
        raise ConfigError(f"executor {name!r} needs {kind.needs}, which is not installed: "
                          f"pip install '{kind.extra}'")
    return name


def _importable(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):  # ValueError: blocked in sys.modules (set to None)
        return False


def open_executor(settings: Settings, *, large: bool,
                  workers: int | None) -> AnalysisExecutor | StreamingExecutor:
    """An executor for one batch; `large` when the batch has at least POOL_THRESHOLD items."""
    return EXECUTORS[check_executor(settings)].open(settings=settings, large=large, workers=workers)


def _ready(hold: float) -> int:
    """A pool process's answer to `AnalysisPool.start`: it has run its initializer (the models are
    loaded). Held a moment so that a process that is ready takes one probe, not all of them."""
    time.sleep(hold)
    return os.getpid()


class AnalysisPool:
    """Worker processes for a service's analyses, each loading the models once (`initializer`).

    `processes` 0 runs every job in the calling thread (`InProcess`). Processes come from a
    forkserver: the pool starts while this process has threads (uvicorn's, the monitor's), which
    `fork` must not copy. When a process dies (killed, out of memory) the executor breaks: every
    job in it raises `BrokenProcessPool`; `call` then starts a fresh pool (warmed in the background)
    and tries the job once more."""

    def __init__(self, processes: int, *, initializer: Callable[..., object] | None = None,
                 initargs: tuple = ()) -> None:
        if processes < 0:
            raise ConfigError(f"analysis processes must be 0 or more, not {processes}")
        self.processes = processes
        self._initializer = initializer
        self._initargs = initargs
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | InProcess | None = None
        self._pids: set[int] = set()  # every process seen ready: each loaded the models once
        self._in_flight = 0  # jobs submitted through call/call_each and not finished yet

    @property
    def loads(self) -> int:
        """Worker processes that loaded the models so far (a replaced process counts again)."""
        return len(self._pids)

    def _current(self) -> ProcessPoolExecutor | InProcess:
        with self._lock:
            if self._pool is None:
                self._pool = (ProcessPoolExecutor(self.processes, mp_context=multiprocessing.get_context("forkserver"),
                                                  initializer=self._initializer, initargs=self._initargs)
                              if self.processes > 0 else InProcess())
            return self._pool

    @property
    def in_flight(self) -> int:
        """Jobs submitted through `call` or `call_each` and not finished: 0 when every process is idle."""
        return self._in_flight

    def call(self, fn: Callable, /, *args, attempts: int = 2) -> object:
        """`fn(*args)` in a pool process (what it raises, raised here). A job the death of a
        process cut short is tried again on a fresh pool, up to `attempts` in all: a process
        killed from outside costs a retry, while an input that kills its process every time
        raises BrokenProcessPool after the last attempt."""
        return self.call_each([(fn, args)], attempts=attempts)[0]

    def call_each(self, calls: list[tuple[Callable, tuple]], *, attempts: int = 2) -> list[object]:
        """Every `fn(*args)` of `calls` at once, each in a pool process (side by side where
        processes are idle), their results in order; the first exception a job raised is raised
        here once all have finished. Retried as a whole like `call`."""
        for attempt in range(attempts):
            pool = self._current()
            with self._lock:
                self._in_flight += len(calls)
            try:
                futures = [pool.submit(fn, *args) for fn, args in calls]
                wait(futures)
                return [future.result() for future in futures]
            except BrokenProcessPool:
                self._replace(pool)
                if attempt + 1 == attempts:
                    raise
            finally:
                with self._lock:
                    self._in_flight -= len(calls)
        raise ValueError("attempts must be 1 or more")

    def start(self, *, timeout: float = 300.0) -> None:
        """Start every process and return once each has loaded the models, so the first job costs
        what the tenth does. Raises what starting processes raises (OSError where a platform
        cannot), BrokenProcessPool when one dies while loading, TimeoutError after `timeout`."""
        pool = self._current()
        if self.processes == 0:
            return
        deadline = time.monotonic() + timeout
        seen: set[int] = set()
        while len(seen) < self.processes:
            # One probe per process at once: the executor starts a process for each job no idle
            # one takes, and one held a moment lets a ready sibling take the next.
            probes = [pool.submit(_ready, 0.2) for _ in range(self.processes)]
            done, pending = wait(probes, timeout=max(0.0, deadline - time.monotonic()))
            if pending:
                raise TimeoutError(f"the analysis processes were not ready within {timeout:.0f} s")
            seen.update(probe.result() for probe in done)
        self._pids.update(seen)

    def _replace(self, broken: ProcessPoolExecutor | InProcess) -> None:
        """Shut the broken pool and start a fresh one, warmed in the background. Every job the
        break failed calls this; only the first (the pool still current) replaces it."""
        with self._lock:
            if self._pool is not broken:
                return
            self._pool = None
        log.warning("an analysis process died; starting a fresh pool of %d", self.processes)
        broken.shutdown(wait=False, cancel_futures=True)
        threading.Thread(target=self._warm_quietly, name="wirewatch-pool-warm", daemon=True).start()

    def _warm_quietly(self) -> None:
        try:
            self.start()
        except (OSError, BrokenProcessPool, TimeoutError) as exc:  # the next job reports it
            log.warning("warming the fresh analysis pool failed: %s", exc)

    def shutdown(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown()
