"""Store throughput: bulk ingest through Store.add_documents and search latency, SQLite and PostgreSQL.

Documents come from the ECB+ news texts (../shared/datasets/ecbplus-news/ecbplus.jsonl), repeated
with small variations until there are --n of them. For each engine the script stores them in
batches into a fresh database, then runs ~50 varied queries (words, phrases, OR, NOT, prefixes,
filters) and reports the median and p99 latency. The baseline, measured in the same run, is a
plain INSERT of the same rows (same JSON serialisation and compression) into a table with no
full-text index and no duplicate checks; the ratio says what dedup + FTS cost.

    .venv/bin/python benchmarks/ingest.py --n 3000 --postgres postgresql://postgres@127.0.0.1:5432/test
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import quote

from wirewatch.document import Document
from wirewatch.errors import StoreError
from wirewatch.store import Store
from wirewatch.store.raw import compress_raw

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("WIREWATCH_SHARED", REPO.parent / "shared"))
DATASET = SHARED / "datasets" / "ecbplus-news" / "ecbplus.jsonl"
SOURCES = ["AP", "Reuters", "The Guardian", "BBC News", "AFP", "Al Jazeera", "CNN"]


def make_documents(n: int) -> list[Document]:
    records = [json.loads(line) for line in DATASET.read_text(encoding="utf-8").splitlines() if line.strip()]
    start = datetime(2025, 1, 1, tzinfo=timezone.utc)
    docs: list[Document] = []
    seen: set[str] = set()  # ECB+ repeats a few texts; every benchmark document must be new
    i = -1
    while len(docs) < n:
        i += 1
        record = records[i % len(records)]
        round_ = i // len(records)
        text = record["text"] if round_ == 0 else f"Update {round_}: {record['text']}\n\nThis report was revised."
        first_line = text.split("\n", 1)[0]
        docs.append(Document(
            id=f"{record['id']}-{round_}",
            url=f"https://news.example/{record['id']}/{round_}?utm_source=bench",
            title=" ".join(first_line.split()[:10]),
            text=text,
            source=SOURCES[i % len(SOURCES)],
            language="en",
            published=start + timedelta(hours=7 * i),
        ))
        if docs[-1].content_hash in seen:
            docs.pop()
        else:
            seen.add(docs[-1].content_hash)
    return docs


def make_queries(docs: list[Document], count: int = 50) -> list[str]:
    rng = random.Random(7)
    words = Counter(w.lower() for d in docs[:1000] for w in d.text.split() if w.isalpha() and len(w) > 4)
    common = [w for w, _ in words.most_common(400)]
    queries = []
    shapes = ["word", "two", "or", "phrase", "prefix", "not", "source", "after", "title", "filters"]
    for i in range(count):
        a, b = rng.sample(common, 2)
        shape = shapes[i % len(shapes)]
        if shape == "word":
            queries.append(a)
        elif shape == "two":
            queries.append(f"{a} {b}")
        elif shape == "or":
            queries.append(f"{a} OR {b}")
        elif shape == "phrase":
            doc = rng.choice(docs).text.split()
            at = rng.randrange(max(1, len(doc) - 2))
            queries.append('"' + " ".join(doc[at:at + 2]).replace('"', "") + '"')
        elif shape == "prefix":
            queries.append(a[:4] + "*")
        elif shape == "not":
            queries.append(f"{a} -{b}")
        elif shape == "source":
            queries.append(f'{a} source:"{rng.choice(SOURCES)}"')
        elif shape == "after":
            queries.append(f"{a} after:2025-06-01")
        elif shape == "title":
            queries.append(f"title:{a}")
        else:
            queries.append(f"source:AP after:2025-03-01 before:2025-09-30")
    return queries


def baseline_rows(docs: list[Document]) -> list[tuple]:
    return [
        (d.id, d.url, d.title, d.source, d.published.isoformat(), d.language, d.text,
         json.dumps(d.to_dict()), compress_raw(d.text.encode()), datetime.now(timezone.utc).isoformat())
        for d in docs
    ]


BASELINE_TABLE = ("CREATE TABLE plain_documents (id INTEGER PRIMARY KEY, ext_id TEXT, url TEXT, title TEXT, "
                  "source TEXT, published TEXT, language TEXT, text TEXT, data TEXT, raw {blob}, ingested_at TEXT)")
BASELINE_INSERT = ("INSERT INTO plain_documents (ext_id, url, title, source, published, language, text, data, raw, "
                   "ingested_at) VALUES ({marks})")


def baseline_sqlite(docs: list[Document], batch: int, folder: Path) -> float:
    conn = sqlite3.connect(folder / "baseline.db")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute(BASELINE_TABLE.format(blob="BLOB"))
    started = time.perf_counter()
    for i in range(0, len(docs), batch):
        with conn:
            conn.executemany(BASELINE_INSERT.format(marks=", ".join("?" * 10)), baseline_rows(docs[i:i + batch]))
    elapsed = time.perf_counter() - started
    conn.close()
    return len(docs) / elapsed


def baseline_postgres(docs: list[Document], batch: int, url: str) -> float:
    import psycopg

    with psycopg.connect(url) as conn:
        conn.execute(BASELINE_TABLE.format(blob="BYTEA").replace("id INTEGER PRIMARY KEY", "id BIGSERIAL PRIMARY KEY"))
        conn.commit()
        started = time.perf_counter()
        for i in range(0, len(docs), batch):
            with conn.cursor() as cursor:
                cursor.executemany(BASELINE_INSERT.format(marks=", ".join(["%s"] * 10)), baseline_rows(docs[i:i + batch]))
            conn.commit()
        return len(docs) / (time.perf_counter() - started)


def measure_store(url: str, docs: list[Document], batch: int, queries: list[str]) -> dict:
    with Store.open(url) as store:
        started = time.perf_counter()
        for i in range(0, len(docs), batch):
            store.add_documents((d, d.text.encode(), "text/plain", "bench") for d in docs[i:i + batch])
        rate = len(docs) / (time.perf_counter() - started)
        assert store.count_documents() == len(docs), "benchmark documents were deduplicated unexpectedly"
        for query in queries[:5]:  # warm caches
            store.search(query)
        latencies, hits = [], 0
        for query in queries:
            t0 = time.perf_counter()
            hits += len(store.search(query, limit=20))
            latencies.append((time.perf_counter() - t0) * 1000)
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(round(0.99 * (len(latencies) - 1))))]
    return {"rate": rate, "median": statistics.median(latencies), "p99": p99, "hits": hits}


def measure_end_to_end(url: str, docs: list[Document], folder: Path, workers: int | None) -> dict:
    """`wirewatch ingest records.jsonl` as a user runs it: extraction, language analysis, store,
    story assignment; the JSONL file is written first and not timed."""
    from wirewatch.config import Settings
    from wirewatch.runtime.runner import ingest_sources

    path = folder / "records.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for d in docs:
            out.write(json.dumps({"id": d.id, "url": d.url, "title": d.title, "text": d.text,
                                  "published": d.published.isoformat(), "source": d.source}) + "\n")
    words = sum(len(d.text.split()) for d in docs)
    with Store.open(url) as store:
        started = time.perf_counter()
        summary = ingest_sources([str(path)], store=store, settings=Settings(), workers=workers)
        seconds = time.perf_counter() - started
        stories = store.count_stories()
    if summary.failed:
        print(f"{len(summary.failed)} records failed, e.g. {summary.failed[0].reason}", file=sys.stderr)
    return {"rate": summary.ingested / seconds, "words": words / seconds, "stored": summary.ingested,
            "stories": stories}


def postgres_schema_url(base: str) -> tuple[str, str]:
    import psycopg

    schema = f"wirewatch_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(base, autocommit=True, connect_timeout=3) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    separator = "&" if "?" in base else "?"
    return f"{base}{separator}options={quote(f'-csearch_path={schema}')}", schema


def drop_schema(base: str, schema: str) -> None:
    import psycopg

    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=3000, help="number of documents to store (default 3000)")
    parser.add_argument("--batch", type=int, default=500, help="documents per add_documents call (default 500)")
    parser.add_argument("--queries", type=int, default=50, help="number of search queries (default 50)")
    parser.add_argument("--postgres", default=os.environ.get("WIREWATCH_TEST_POSTGRES",
                                                            "postgresql://postgres@127.0.0.1:5432/test"),
                        help="PostgreSQL server URL (a throwaway schema is created and dropped); '' to skip")
    parser.add_argument("--end-to-end", type=int, default=0, metavar="N",
                        help="also time `ingest` of N JSONL records through the whole pipeline (extraction, "
                             "NLP, store, stories) on each engine; the store-only rate is its baseline")
    parser.add_argument("--workers", type=int, default=None, help="analysis processes for --end-to-end (default: one per core)")
    args = parser.parse_args(argv)
    if not DATASET.is_file():
        print(f"dataset not found: {DATASET} (set WIREWATCH_SHARED)", file=sys.stderr)
        return 2
    docs = make_documents(args.n)
    queries = make_queries(docs, args.queries)
    rows = []
    e2e_rows = []
    e2e_docs = make_documents(args.end_to_end) if args.end_to_end else []
    with tempfile.TemporaryDirectory() as folder:
        base = baseline_sqlite(docs, args.batch, Path(folder))
        result = measure_store(f"sqlite:///{Path(folder) / 'store.db'}", docs, args.batch, queries)
        rows.append(("sqlite", result, base))
        if e2e_docs:
            e2e_rows.append(("sqlite", measure_end_to_end(f"sqlite:///{Path(folder) / 'e2e.db'}", e2e_docs,
                                                          Path(folder), args.workers), result["rate"]))
    if args.postgres:
        try:
            url, schema = postgres_schema_url(args.postgres)
        except Exception as exc:  # noqa: BLE001 - any connection failure: report and skip
            print(f"PostgreSQL skipped: {str(exc).strip().splitlines()[0]}", file=sys.stderr)
        else:
            try:
                result = measure_store(url, docs, args.batch, queries)
                base = baseline_postgres(docs, args.batch, url)
                rows.append(("postgresql", result, base))
                if e2e_docs:
                    e2e_url, e2e_schema = postgres_schema_url(args.postgres)
                    try:
                        with tempfile.TemporaryDirectory() as folder:
                            e2e_rows.append(("postgresql", measure_end_to_end(e2e_url, e2e_docs, Path(folder),
                                                                              args.workers), result["rate"]))
                    finally:
                        drop_schema(args.postgres, e2e_schema)
            except StoreError as exc:
                print(f"PostgreSQL failed: {exc}", file=sys.stderr)
            finally:
                drop_schema(args.postgres, schema)
    print(f"{args.n} documents, batches of {args.batch}, {len(queries)} queries (limit 20)")
    print(f"{'engine':<11} {'store art/s':>12} {'plain INSERT art/s':>19} {'ratio':>6} "
          f"{'search median ms':>17} {'search p99 ms':>14}")
    for engine, result, base in rows:
        print(f"{engine:<11} {result['rate']:>12.0f} {base:>19.0f} {result['rate'] / base:>6.2f} "
              f"{result['median']:>17.2f} {result['p99']:>14.2f}")
    if e2e_rows:
        print(f"\nend to end: `ingest` of {args.end_to_end} JSONL records (extraction, NLP, store, stories)")
        print(f"{'engine':<11} {'ingest art/s':>13} {'words/s':>9} {'stories':>8} {'store-only art/s':>17} {'ratio':>6}")
        for engine, result, store_rate in e2e_rows:
            print(f"{engine:<11} {result['rate']:>13.1f} {result['words']:>9.0f} {result['stories']:>8} "
                  f"{store_rate:>17.0f} {result['rate'] / store_rate:>6.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
