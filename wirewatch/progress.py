"""The CLI's progress display for `wirewatch ingest` (and `demo`), on stderr.

When the number of items is known beforehand (`sources.count_items`), the display shows it with
a percentage and an estimated time left; otherwise it counts up. On a terminal it is a Rich
progress bar that disappears when done. Elsewhere (a log file, a pipe, CI) it writes a plain line
each time another tenth of the work is done, and every `interval` seconds while it runs, so a
long job leaves a readable trace. It never writes to stdout: `--format json` output stays one
JSON document.
"""

from __future__ import annotations

import time
from types import TracebackType
from typing import Any

from rich.console import Console


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


class IngestProgress:
    """Feed it each item's outcome (`on_event`, an `IngestEvent`) inside `with`."""

    def __init__(self, total: int | None, *, console: Console | None = None, enabled: bool = True,
                 interval: float = 15.0) -> None:
        self.total = total
        self.console = console or Console(stderr=True)
        self.enabled = enabled
        self.interval = interval
        self.counts = {"stored": 0, "duplicate": 0, "failed": 0}
        self.done = 0
        self._bar: Any = None
        self._task: Any = None
        self._start = time.monotonic()
        self._last_line = self._start
        self._last_tenth = 0
        self._first_done: float | None = None  # the rate is measured from here: before the first
        # item, the time went into loading the language model, not into items

    def __enter__(self) -> "IngestProgress":
        self._start = self._last_line = time.monotonic()
        if not self.enabled:
            return self
        if self.console.is_terminal:
            self._bar = self._rich_bar()
            self._bar.__enter__()
            self._task = self._bar.add_task("ingest", total=self.total, stored=0, dups=0, failed=0)
        elif self.total is not None:
            self.console.print(f"ingesting {self.total} items", highlight=False)
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._bar is not None:
            self._bar.__exit__(kind, error, trace)
        elif self.enabled and self.total is None and self.done:
            self._line()  # an unknown total gets no tenths: say where it ended

    def on_event(self, event: Any) -> None:
        self.counts[event.status] = self.counts.get(event.status, 0) + 1
        self.done += 1
        if self._first_done is None:
            self._first_done = time.monotonic()
        if not self.enabled:
            return
        if self._bar is not None:
            self._bar.update(self._task, advance=1, stored=self.counts["stored"],
                             dups=self.counts["duplicate"], failed=self.counts["failed"])
            return
        now = time.monotonic()
        tenth = self.done * 10 // self.total if self.total else 0
        if tenth > self._last_tenth or now - self._last_line >= self.interval:
            self._last_tenth, self._last_line = tenth, now
            self._line()

    def _line(self) -> None:
        elapsed = time.monotonic() - self._start
        counts = (f"{self.counts['stored']} new · {self.counts['duplicate']} duplicates · "
                  f"{self.counts['failed']} failed · {_clock(elapsed)} elapsed")
        if self.total:
            shown = min(self.done, self.total)  # a count is an estimate; never show 103%
            line = f"ingesting: {shown}/{self.total} ({shown * 100 // self.total}%) · {counts}"
            if self._first_done is not None and 1 < self.done < self.total:
                rate = (self.done - 1) / max(time.monotonic() - self._first_done, 1e-6)
                line += f" · about {_clock((self.total - self.done) / rate)} left"
        else:
            line = f"ingesting: {self.done} items · {counts}"
        self.console.print(line, highlight=False, soft_wrap=True)

    def _rich_bar(self) -> Any:
        # Imported here: rich.progress is only needed while ingesting, not for the CLI's start.
        from rich.progress import (
            BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TaskProgressColumn, TextColumn,
            TimeElapsedColumn, TimeRemainingColumn,
        )

        counts = TextColumn("{task.fields[stored]} new · {task.fields[dups]} duplicates · "
                            "{task.fields[failed]} failed")
        if self.total is None:
            columns = [SpinnerColumn(), TextColumn("[bold]ingesting[/bold]"), BarColumn(bar_width=None),
                       TextColumn("{task.completed} items ·"), counts, TimeElapsedColumn()]
        else:
            columns = [SpinnerColumn(), TextColumn("[bold]ingesting[/bold]"), BarColumn(bar_width=None),
                       MofNCompleteColumn(), TaskProgressColumn(), counts, TimeElapsedColumn(),
                       TextColumn("ETA"), TimeRemainingColumn()]
        return Progress(*columns, console=self.console, transient=True)
