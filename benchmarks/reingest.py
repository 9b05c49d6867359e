"""Re-ingest of stored records: how much cheaper it is than their first ingest.

A record already in the store (same id, same canonical URL or byte-identical raw input) is
recognised by one store lookup before extraction and NLP. The script writes --n JSONL records made
from the ECB+ texts (as benchmarks/ingest.py does) and times `ingest` of them into a fresh store
(the whole pipeline). It then re-reads exactly the records that were stored (ECB+ has a few that
are reported as empty or repeat another's text; those would need analysis again), as the same
records (known by id) and without their ids and URLs (known by raw input alone). All three runs
call the function behind `wirewatch ingest`.

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/reingest.py --n 1000
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ingest import make_documents  # noqa: E402  (the same records as the ingest benchmark)

from wirewatch.config import Settings  # noqa: E402
from wirewatch.runtime.runner import IngestEvent, IngestSummary, ingest_sources  # noqa: E402
from wirewatch.store import Store  # noqa: E402


def write_records(path: Path, records: list[dict]) -> None:
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")


def timed_ingest(url: str, path: Path, workers: int | None) -> tuple[float, IngestSummary, list[str]]:
    """Seconds, the summary, and the origins (path:line) of the records stored."""
    stored: list[str] = []

    def on_event(event: IngestEvent) -> None:
        if event.status == "stored":
            stored.append(event.origin)

    with Store.open(url) as store:
        started = time.perf_counter()
        summary = ingest_sources([str(path)], store=store, settings=Settings(), workers=workers, on_event=on_event)
        return time.perf_counter() - started, summary, stored


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=None, help="analysis processes (default: one per core)")
    parser.add_argument("--db", default=None, help="store URL (default: a fresh SQLite file)")
    args = parser.parse_args(argv)
    records = [{"id": d.id, "url": d.url, "title": d.title, "text": d.text, "published": d.published.isoformat(),
                "source": d.source} for d in make_documents(args.n)]
    with tempfile.TemporaryDirectory() as folder:
        first_path = Path(folder) / "records.jsonl"
        write_records(first_path, records)
        url = args.db or f"sqlite:///{Path(folder) / 'reingest.db'}"
        first_s, first, origins = timed_ingest(url, first_path, args.workers)
        stored = [records[int(origin.rsplit(":", 1)[1]) - 1] for origin in origins]
        keyed, bare = Path(folder) / "stored.jsonl", Path(folder) / "stored-bare.jsonl"
        write_records(keyed, stored)
        write_records(bare, [{k: v for k, v in r.items() if k not in ("id", "url")} for r in stored])
        again_s, again, _ = timed_ingest(url, keyed, args.workers)
        bare_s, bare_summary, _ = timed_ingest(url, bare, args.workers)
    n = len(stored)
    print(f"{args.n} records: {first.ingested} stored, {len(first.failed)} failed, {first.duplicates} duplicates")
    print("| run | records | seconds | records/s | recognised before analysis | speed-up per record |")
    print("|---|---|---|---|---|---|")
    print(f"| first ingest | {args.n} | {first_s:.1f} | {args.n / first_s:.1f} | {first.skipped_known} | 1x |")
    for name, seconds, summary in (("the stored records again (known by id)", again_s, again),
                                   ("the same without id or URL (known by raw input)", bare_s, bare_summary)):
        print(f"| {name} | {n} | {seconds:.2f} | {n / seconds:.0f} | {summary.skipped_known} | "
              f"{(n / seconds) / (args.n / first_s):.0f}x |")
    if again.skipped_known != n or bare_summary.skipped_known != n:
        print(f"unexpected: {again.to_dict()} / {bare_summary.to_dict()}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
