#!/usr/bin/env python3
"""Web page latency over real HTTP for a store of N articles (default 10,000).

Builds a throwaway SQLite store of synthetic articles (with entities and quotes, like analysed
ones), serves the app with uvicorn on 127.0.0.1 and times sequential GETs with httpx. The
baseline, measured in the same run, is /static/app.css (a static file: the server's floor).
Target: the home page's median under 200 ms at 10,000 articles.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone

WORDS = ("ceasefire talks harbour strike minister election storm market vote court ruling border "
         "sanctions summit inflation earthquake ferry union pay deal parliament protest bank rates").split()
NAMES = [("Keir Starmer", "PERSON"), ("Vladimir Putin", "PERSON"), ("NATO", "ORG"), ("Ukraine", "GPE"),
         ("European Union", "ORG"), ("Rotterdam", "GPE"), ("Emmanuel Macron", "PERSON"), ("Reuters", "ORG")]
SOURCES = ["Daily Compass", "Northern Ledger", "Harbour Times", "State", "Courier", "Wire Service"]


def synthetic_document(i: int, rng: random.Random):
    from wirewatch.document import Document, Entity, Mention, Quote

    paragraphs = []
    for _ in range(8):
        paragraphs.append(" ".join(rng.choice(WORDS) for _ in range(60)).capitalize() + ".")
    name, kind = rng.choice(NAMES)
    lead = f"{name} said on Monday that talks would continue. "
    quote_text = "We will keep working for peace"
    text = lead + f'"{quote_text}," {name} said.\n\n' + "\n\n".join(paragraphs)
    quote_start = len(lead) + 1
    speaker_start = quote_start + len(quote_text) + 3
    return Document(
        title=f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} {rng.choice(WORDS)} update {i}",
        text=text,
        published=datetime(2025, 3, 1, tzinfo=timezone.utc) + timedelta(minutes=7 * i),
        language="en", source=rng.choice(SOURCES), url=f"https://news.example/{i}", id=f"bench-{i}",
        entities=[Entity("e1", name, kind, [Mention(name, 0, len(name)), Mention(name, speaker_start, speaker_start + len(name))])],
        quotes=[Quote(quote_text, name, "e1", Mention(name, speaker_start, speaker_start + len(name)), "said",
                      quote_start, quote_start + len(quote_text))],
    )


def build_store(url: str, count: int) -> None:
    from wirewatch.store import Store

    rng = random.Random(7)
    with Store.open(url) as store:
        have = store.count_documents()
        batch = []
        for i in range(have, count):
            batch.append((synthetic_document(i, rng), None, None, "benchmark"))
            if len(batch) == 500:
                store.add_documents(batch)
                batch = []
        if batch:
            store.add_documents(batch)


def time_get(client, path: str, repeats: int) -> list[float]:
    client.get(path).raise_for_status()  # warm: first-request costs (template compile) are not latency
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        response = client.get(path)
        samples.append(time.perf_counter() - started)
        response.raise_for_status()
    return samples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=10_000, help="articles in the store (default 10000)")
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page (default 30)")
    parser.add_argument("--db", help="store URL to use (and fill up to --documents); default: a temporary SQLite file")
    args = parser.parse_args()

    import httpx

    from wirewatch.config import Settings
    from wirewatch.store import Store
    from wirewatch.web.app import create_app
    from wirewatch.web.server import BackgroundServer

    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite:///{tmp}/bench.db"
        started = time.perf_counter()
        build_store(url, args.documents)
        print(f"store: {args.documents} articles ready in {time.perf_counter() - started:.1f} s ({url.split(':')[0]})")
        settings = Settings(db=url)
        with Store.open(url) as store, BackgroundServer(create_app(settings, store)) as server, \
                httpx.Client(base_url=server.url, timeout=30) as client:
            middle = store.count_documents() // 2 or 1
            pages = [
                ("baseline: /static/app.css", "/static/app.css"),
                ("home /", "/"),
                ("home page 40", "/?page=40"),
                ("article", f"/articles/{middle}"),
                ("search 'ceasefire talks'", "/search?q=ceasefire+talks"),
                ("search + source filter", "/search?q=harbour&source=Courier"),
                ("sources", "/sources"),
                ("api documents", "/api/documents"),
                ("api search", "/api/search?q=strike"),
                ("atom feed search", "/feeds/search?q=summit"),
            ]
            results = [(name, time_get(client, path, args.requests)) for name, path in pages]
    baseline = statistics.median(results[0][1])
    print(f"\n{'page':<28}{'median ms':>11}{'p90 ms':>9}{'x baseline':>12}")
    for name, samples in results:
        median = statistics.median(samples)
        p90 = sorted(samples)[int(0.9 * (len(samples) - 1))]
        print(f"{name:<28}{median * 1000:>11.1f}{p90 * 1000:>9.1f}{median / baseline:>12.1f}")
    home = statistics.median(results[1][1]) * 1000
    print(f"\nhome page median {home:.1f} ms at {args.documents} articles: "
          f"{'within' if home < 200 else 'OVER'} the 200 ms target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
