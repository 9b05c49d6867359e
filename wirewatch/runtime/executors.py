"""Where the pure analysis step runs, chosen by `Settings.executor`.

Only analysis (extraction and language analysis, `pipeline.analyse_item`) runs here: it is a
plain function of plain records, so it can move to other processes. Storing, the story stage and
alert matching always stay in the runner's process, the store's single writer.

- `local`: this process for small batches, a process pool on this machine for large ones. It
  takes one job at a time (`submit` -> Future); the runner keeps a window of them in flight.
- `ray`: Ray Data on a Ray cluster (`ray_executor.py`; the optional extra `wirewatch[ray]`). It
  takes the whole stream of jobs (`map_in_order`) and yields the results in input order.

An unknown name, or `ray` without Ray installed, is a ConfigError raised when a runner is made,
before any work.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from ..config import Settings
from ..errors import ConfigError

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
