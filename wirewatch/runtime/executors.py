"""Where the pure analysis step runs, chosen by `Settings.executor`.

Only analysis (extraction and language analysis, `pipeline.analyse_item`) runs here: it is a
plain function of plain records, so it can move to other processes. Storing, the story stage and
alert matching always stay in the runner's process, the store's single writer.

`local` is the only executor: this process for small batches, a process pool on this machine for
large ones. An unknown name is a ConfigError raised when a runner is made, before any work.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Protocol

from ..config import Settings
from ..errors import ConfigError

# Below this many items a process pool costs more (start-up, model loading) than it saves.
POOL_THRESHOLD = 24


class AnalysisExecutor(Protocol):
    def submit(self, fn: Callable, /, *args) -> Future: ...

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


def _local(*, large: bool, workers: int | None) -> AnalysisExecutor:
    count = workers or default_workers()
    if large and count > 1:
        return ProcessPoolExecutor(max_workers=count)
    return InProcess()


# name -> factory(large=..., workers=...): a new executor registers here.
EXECUTORS: dict[str, Callable[..., AnalysisExecutor]] = {"local": _local}


def check_executor(settings: Settings) -> str:
    """The configured executor's name; ConfigError (one line) when no executor has that name."""
    name = settings.executor
    if name not in EXECUTORS:
        raise ConfigError(f"unknown executor {name!r} in setting 'executor' (known: {', '.join(sorted(EXECUTORS))})")
    return name


def open_executor(settings: Settings, *, large: bool, workers: int | None) -> AnalysisExecutor:
    """An executor for one batch; `large` when the batch has at least POOL_THRESHOLD items."""
    return EXECUTORS[check_executor(settings)](large=large, workers=workers)
