"""End-to-end ingest throughput: local and Ray executors with 1 and 2 workers, against the spaCy
pipeline alone on the same texts, and the single writer's rate on its own.

Texts are ECB+ news articles (../shared/datasets/ecbplus-news/ecbplus.jsonl; without it the script
says so and exits 0), written once as a JSONL file. Every configuration is timed, in one run, as
`wirewatch ingest records.jsonl` runs (`ingest_sources`: read, analyse, store, assign stories;
alerts not delivered) into a fresh SQLite store:

- local, 1 worker: analysis in this process (the pipeline is already loaded: the baseline below
  loads it first);
- local, 2 workers: a process pool (its processes start and load the pipeline inside the time);
- ray, 1 and 2 workers: Ray Data with an actor pool on a local Ray (`ray.init(num_cpus=2)`,
  started before the timing; the actors start and load the pipeline inside the time); skipped
  when Ray is not installed;
- the spaCy pipeline alone: `nlp.pipe` over the same texts, one process (the baseline);
- the single writer alone: storing and the story stage over articles analysed beforehand
  (untimed, as the executors analyse: with what the story stage prepares from the article alone),
  the part that never runs in parallel and so bounds any number of workers; on SQLite and, unless
  `--postgres ''`, on PostgreSQL (a throwaway schema, dropped afterwards). Its CPU milliseconds
  per article in this process are printed too: on a shared machine they move less than the rate.

Times are wall-clock seconds: on a shared machine they depend on the neighbours, so the load
average is printed with the figures and the ratios (measured in the same run) are what to compare.

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/throughput.py --n 300
    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/throughput.py --n 300 --writer-only   # the writer rows alone
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from wirewatch.config import Settings
from wirewatch.nlp.pipeline import load_pipeline
from wirewatch.runtime.runner import IngestFailure, Runner, analyse_or_fail, ingest_sources
from wirewatch.sources import SourceFailure, record_to_item
from wirewatch.store import Store

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("WIREWATCH_SHARED", REPO.parent / "shared"))
DATASET = SHARED / "datasets" / "ecbplus-news" / "ecbplus.jsonl"
SOURCES = ["AP", "Reuters", "AFP", "BBC News", "Al Jazeera"]


def load_records(n: int) -> list[dict]:
    """The first `n` distinct ECB+ texts as JSONL records."""
    records, seen = [], set()
    for line in DATASET.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if row["text"] in seen:
            continue
        seen.add(row["text"])
        index = len(records)
        records.append({"id": row["id"], "text": row["text"], "source": SOURCES[index % len(SOURCES)],
                        "published": f"2026-11-{1 + index % 28:02d}T12:00:00Z"})
        if len(records) == n:
            break
    return records


def nlp_alone(texts: list[str]) -> float:
    nlp = load_pipeline(None)
    list(nlp.pipe(texts[:10]))  # warm-up
    started = time.perf_counter()
    for _ in nlp.pipe(texts):
        pass
    return len(texts) / (time.perf_counter() - started)


def end_to_end(path: Path, folder: Path, name: str, executor: str, workers: int) -> tuple[float, int]:
    with Store.open(f"sqlite:///{folder / f'{name}.db'}") as store:
        started = time.perf_counter()
        summary = ingest_sources([str(path)], store=store, settings=Settings(executor=executor),
                                 workers=workers, deliver=False)
        seconds = time.perf_counter() - started
    if summary.failed:
        print(f"{name}: {len(summary.failed)} failed, e.g. {summary.failed[0].reason}", file=sys.stderr)
    handled = summary.ingested + summary.duplicates
    return handled / seconds, summary.ingested


def analyse_all(records: list[dict]) -> list:
    """Each record's (item, Analysed), analysed in 2 processes as the executors do (with what the
    story stage prepares from the article alone); records that ingest reports as failed (no text)
    are left out: they never reach the writer."""
    settings = Settings()
    items = [item for r in records if not isinstance(item := record_to_item(r, r["id"]), SourceFailure)]
    with ProcessPoolExecutor(max_workers=2) as pool:
        futures = [(item, pool.submit(analyse_or_fail, item, settings, frozenset())) for item in items]
        return [(item, result) for item, future in futures
                if not isinstance(result := future.result(), IngestFailure)]


def writer_alone(analysed: list, url: str, story_batch: int = 50) -> tuple[float, float]:
    """What the runner does after analysis, timed on its own: store each article (with its raw
    input and site lines) and assign stories every `story_batch` articles, as `Runner.run` does.
    Articles per second, and this process's CPU milliseconds per article (what the writer costs
    the cores it shares with the workers; a PostgreSQL server's own CPU is not in it)."""
    with Store.open(url) as store:
        runner = Runner(store, Settings())
        runner.stage.warm_up()  # the story engine restored, as a service does before its first article
        started, cpu = time.perf_counter(), time.process_time()
        for count, (item, result) in enumerate(analysed, 1):
            runner.store_analysed(result, item)
            if count % story_batch == 0:
                runner.assign_stories()
        runner.assign_stories()
        runner.close()
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        return len(analysed) / seconds, 1000 * cpu / len(analysed)


def writer_alone_postgres(analysed: list, base: str) -> dict[str, tuple[float, float]]:
    from ingest import drop_schema, postgres_schema_url  # benchmarks/ingest.py, beside this file

    try:
        url, schema = postgres_schema_url(base)
    except Exception as exc:  # noqa: BLE001 - no server: report and skip
        print(f"PostgreSQL skipped: {str(exc).strip().splitlines()[0]}", file=sys.stderr)
        return {}
    try:
        return {"single writer alone, PostgreSQL": writer_alone(analysed, url)}
    finally:
        drop_schema(base, schema)


def writer_rows(analysed: list, folder: Path, postgres: str) -> dict[str, tuple[float, float]]:
    rows = {"single writer alone, SQLite (store + stories)": writer_alone(analysed, f"sqlite:///{folder / 'w.db'}")}
    if postgres:
        rows.update(writer_alone_postgres(analysed, postgres))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=300, help="articles (default 300)")
    parser.add_argument("--postgres", default=os.environ.get("WIREWATCH_TEST_POSTGRES",
                                                            "postgresql://postgres@127.0.0.1:5432/test"),
                        help="PostgreSQL server URL for the writer alone (a throwaway schema); '' to skip")
    parser.add_argument("--writer-only", action="store_true",
                        help="only the single writer alone (the articles are still analysed first, untimed)")
    args = parser.parse_args(argv)
    if not DATASET.is_file():
        print(f"skipped: dataset not found at {DATASET} (set WIREWATCH_SHARED)")
        return 0
    try:
        import ray
    except ImportError:
        ray = None
    records = load_records(args.n)
    texts = [r["text"] for r in records]
    load_before = os.getloadavg()
    rows: dict[str, float] = {}
    writer_cpu: dict[str, float] = {}  # row -> CPU ms per article, for the writer-alone rows
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "records.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        if args.writer_only:
            analysed = analyse_all(records)
            print(f"{len(analysed)} of {len(records)} ECB+ articles analysed; {os.cpu_count()} cores; "
                  f"load average {os.getloadavg()[0]:.1f}")
            for name, (rate, cpu) in writer_rows(analysed, folder, args.postgres).items():
                print(f"{name:<48} {rate:>8.1f} articles/s   {cpu:.1f} ms CPU/article")
            return 0
        rows["spaCy pipeline alone (nlp.pipe, 1 process)"] = nlp_alone(texts)
        rows["ingest, local, 1 worker"], stored = end_to_end(path, folder, "local1", "local", 1)
        rows["ingest, local, 2 workers"], _ = end_to_end(path, folder, "local2", "local", 2)
        if ray is not None:
            started_here = not ray.is_initialized()  # a caller's Ray (a test session's) is reused
            if started_here:
                ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
            rows["ingest, ray, 1 worker"], _ = end_to_end(path, folder, "ray1", "ray", 1)
            rows["ingest, ray, 2 workers"], _ = end_to_end(path, folder, "ray2", "ray", 2)
            if started_here:
                ray.shutdown()
        else:
            print("ray: skipped (pip install 'wirewatch[ray]')")
        analysed = analyse_all(records)
        for name, (rate, cpu) in writer_rows(analysed, folder, args.postgres).items():
            rows[name], writer_cpu[name] = rate, cpu
    load_after = os.getloadavg()
    words = sum(len(t.split()) for t in texts)
    print(f"{len(records)} ECB+ articles ({words / len(records):.0f} words each on average), {stored} stored; "
          f"{os.cpu_count()} cores; load average {load_before[0]:.1f} before, {load_after[0]:.1f} after")
    nlp = rows["spaCy pipeline alone (nlp.pipe, 1 process)"]
    for name, rate in rows.items():
        cpu = f"   {writer_cpu[name]:.1f} ms CPU/article" if name in writer_cpu else ""
        print(f"{name:<48} {rate:>8.1f} articles/s   {rate / nlp:>5.2f}x the NLP alone{cpu}")
    one, two = rows["ingest, local, 1 worker"], rows["ingest, local, 2 workers"]
    print(f"local: 2 workers / 1 worker = {two / one:.2f} (target >= 1.7)")
    if "ingest, ray, 1 worker" in rows:
        print(f"ray: 2 workers / 1 worker = {rows['ingest, ray, 2 workers'] / rows['ingest, ray, 1 worker']:.2f} "
              f"(target >= 1.7)")
    print(f"whole pipeline (local, 1 worker) / NLP alone = {one / nlp:.2f} (target >= 0.70)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
