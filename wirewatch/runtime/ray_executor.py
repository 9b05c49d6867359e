"""The `ray` executor: analysis with Ray Data on a Ray cluster, results back in input order.

The runner hands over its stream of jobs; they are cut into chunks of CHUNK, and each chunk is
one Ray Data dataset: `from_items` (the pickled jobs), then `map_batches` over an actor pool of
`workers` actors (one CPU each), each of which loads the spaCy pipeline once when it starts and
then analyses every batch it is given. Results stream back to this process as Ray produces them;
a reorder buffer hands them to the runner in input order, so the store, the story stage and alert
matching (the single writer, in this process) see exactly what the local executor would give them.

Jobs are pickled here and results on the actors, so Ray Data moves plain bytes (Arrow binary
columns) and never has to understand wirewatch's records. Every node must have the same wirewatch
installed (`pip install 'wirewatch[ray]'`) and the spaCy pipeline the settings name.

Ray is joined at `Settings.ray_address` ("auto", "HOST:PORT", or unset: a Ray already started in
this process, else the one `RAY_ADDRESS` or a local `ray start` names, else a new local one); a
Ray started here keeps running until the process exits, so later batches reuse it.
"""

from __future__ import annotations

import logging
import pickle
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any

import numpy as np
import ray
import ray.data

from ..config import Settings
from ..errors import ConfigError

# Jobs per dataset. Each dataset starts its own actor pool (the pipeline loads once per actor,
# a few seconds), and the driver holds a chunk's items until they are stored; bigger chunks pay
# the start-up less often, smaller ones hold less memory.
CHUNK = 2000
# Items per `map_batches` call on an actor: small, so short batches keep every actor busy.
BATCH = 8


class _Analyser:
    """One Ray Data actor: loads the pipeline once, then runs `fn` over every job of each batch."""

    def __init__(self, settings: Settings, fn: Callable) -> None:
        from ..nlp.pipeline import load_pipeline

        load_pipeline(settings.spacy_model)  # once per actor, before the first batch
        self.fn = fn

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        results = []
        for blob in batch["job"]:
            try:
                result: Any = self.fn(*pickle.loads(blob))
            except Exception as exc:  # this job's failure, delivered to the runner like a pool's
                result = exc
            results.append(_dumps(result))
        return {"index": batch["index"], "result": np.array(results, dtype=object)}


def _dumps(value: Any) -> bytes:
    try:
        return pickle.dumps(value)
    except Exception as exc:  # an exception that cannot be pickled travels as its repr
        return pickle.dumps(RuntimeError(f"{value!r} (unpicklable: {exc})"))


class RayDataExecutor:
    """A `StreamingExecutor` over Ray Data (see the module docstring)."""

    def __init__(self, settings: Settings, *, workers: int | None = None) -> None:
        if not ray.is_initialized():
            try:
                ray.init(address=settings.ray_address, include_dashboard=False, log_to_driver=False,
                         logging_level=logging.WARNING)
            except (ConnectionError, RuntimeError, ValueError) as exc:  # no cluster there
                where = f"at {settings.ray_address}" if settings.ray_address else "on this machine"
                reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                raise ConfigError(f"cannot join a Ray cluster {where} (setting 'ray_address'): {reason}") from None
        cpus = max(1, int(ray.cluster_resources().get("CPU", 1)))
        # One actor per CPU by default; never more actors than CPUs, which would wait forever.
        self.workers = min(workers or cpus, cpus)
        self.settings = settings
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False  # the CLI draws its own
        context.print_on_execution_start = False
        # Not a line per dataset on stderr ("execution finished", "progress bars disabled").
        logging.getLogger("ray.data").setLevel(logging.ERROR)

    def map_in_order(self, fn: Callable, jobs: Iterable[tuple[Any, tuple | None]]) -> Iterator[tuple[Any, Any]]:
        stream = iter(jobs)
        while chunk := list(islice(stream, CHUNK)):
            yield from self._run_chunk(fn, chunk)

    def _run_chunk(self, fn: Callable, chunk: list[tuple[Any, tuple | None]]) -> Iterator[tuple[Any, Any]]:
        rows = [{"index": i, "job": pickle.dumps(args)} for i, (_, args) in enumerate(chunk) if args is not None]
        done: dict[int, Any] = {}
        position = 0

        def ready() -> Iterator[tuple[Any, Any]]:
            nonlocal position
            while position < len(chunk):
                key, args = chunk[position]
                if args is not None:
                    if position not in done:
                        return
                    result = pickle.loads(done.pop(position))
                else:
                    result = None
                chunk[position] = (None, None)  # let the item go once it is handed over
                position += 1
                yield key, result

        if rows:
            dataset = ray.data.from_items(rows, override_num_blocks=max(1, min(len(rows) // BATCH, 4 * self.workers)))
            analysed = dataset.map_batches(
                _Analyser, fn_constructor_kwargs={"settings": self.settings, "fn": fn},
                batch_size=BATCH, batch_format="numpy", num_cpus=1,
                compute=ray.data.ActorPoolStrategy(size=self.workers),
            )
            for batch in analysed.iter_batches(batch_size=None, batch_format="numpy"):
                for index, blob in zip(batch["index"], batch["result"]):
                    done[int(index)] = blob
                yield from ready()
        yield from ready()
        if position < len(chunk):  # Ray lost results: never skip an item silently
            raise RuntimeError(f"Ray returned {position} of {len(chunk)} results")

    def shutdown(self) -> None:
        pass  # a Ray started here serves later batches too; it stops when the process exits
