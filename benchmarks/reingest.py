"""Re-ingest of stored records: how much cheaper it is than their first ingest.

A record already in the store (same id, same canonical URL or byte-identical raw input) is
recognised by one store lookup before extraction and NLP. The script writes --n JSONL records made
from the ECB+ texts (as benchmarks/ingest.py does), times `ingest` of them into a fresh store (the
whole pipeline), then times `ingest` of the same file again, and of the same records without their
ids and URLs (recognised by the raw input alone). Both are the function behind `wirewatch ingest`.

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
from wirewatch.document import Document  # noqa: E402
from wirewatch.runtime.runner import IngestSummary, ingest_sources  # noqa: E402
from wirewatch.store import Store  # noqa: E402


def storable_documents(n: int) -> list[Document]:
    """`n` records that each store as a new article: ECB+ has a few empty texts (reported, never
    stored) and texts that differ only in spacing or case (stored once): those are left out, so
    the second ingest re-reads exactly the stored records."""
    out: list[Document] = []
    seen: set[str] = set()
    pool = make_documents(n + 50)
    for d in pool:
        if d.text.strip() and d.content_hash not in seen:
            seen.add(d.content_hash)
            out.append(d)
    return out[:n]


def write_records(path: Path, docs: list[Document], *, with_keys: bool) -> None:
    with path.open("w", encoding="utf-8") as out:
        for d in docs:
            record = {"title": d.title, "text": d.text, "published": d.published.isoformat(), "source": d.source}
            if with_keys:
                record = {"id": d.id, "url": d.url, **record}
            out.write(json.dumps(record) + "\n")


def timed_ingest(url: str, path: Path, workers: int | None) -> tuple[float, IngestSummary]:
    with Store.open(url) as store:
        started = time.perf_counter()
        summary = ingest_sources([str(path)], store=store, settings=Settings(), workers=workers)
        return time.perf_counter() - started, summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=None, help="analysis processes (default: one per core)")
    parser.add_argument("--db", default=None, help="store URL (default: a fresh SQLite file)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        keyed, bare = Path(folder) / "records.jsonl", Path(folder) / "records-bare.jsonl"
        docs = storable_documents(args.n)
        write_records(keyed, docs, with_keys=True)
        write_records(bare, docs, with_keys=False)
        url = args.db or f"sqlite:///{Path(folder) / 'reingest.db'}"
        first_s, first = timed_ingest(url, keyed, args.workers)
        again_s, again = timed_ingest(url, keyed, args.workers)
        bare_s, bare_summary = timed_ingest(url, bare, args.workers)
    print(f"{args.n} records, {first.ingested} stored ({len(first.failed)} failed, {first.duplicates} duplicates)")
    print("| run | seconds | records/s | recognised before analysis | speed-up |")
    print("|---|---|---|---|---|")
    print(f"| first ingest | {first_s:.1f} | {args.n / first_s:.1f} | {first.skipped_known} | 1x |")
    for name, seconds, summary in (("same file again (id)", again_s, again),
                                   ("same records without id or URL (raw input)", bare_s, bare_summary)):
        print(f"| {name} | {seconds:.2f} | {args.n / seconds:.0f} | {summary.skipped_known} | "
              f"{first_s / seconds:.0f}x |")
    if again.skipped_known < first.ingested or again.ingested or bare_summary.ingested:
        print(f"unexpected: {again.to_dict()} / {bare_summary.to_dict()}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
