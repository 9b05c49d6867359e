"""Alert latency: `wirewatch serve` running, 1,000 subscriptions, articles pushed at a steady rate.

What a subscriber experiences: the time from `POST /api/documents` leaving the publisher to the
webhook receiver holding the alert. The service runs as its own process (`wirewatch serve`, the
monitor alongside, SQLite store); the receiver is a real HTTP server on loopback. Subscriptions
are generated from ECB+ vocabulary (keywords, phrases, boolean and entity queries) — most never
match; one per pushed article's topic does, plus a broad one, so every push produces alerts.
Baseline, measured in the same run: the push request's own duration (analysis + store + story +
match + delivery attempt happen inside it, so latency / push time shows what waiting adds).

The first push is measured like the others: the server reports ready (`/healthz` 200, after its
warm start) before any push, and nothing is pushed to warm it. Pushes leave on a fixed schedule,
each from its own thread, so a slow answer delays no later push (as with independent publishers).

    .venv/bin/python benchmarks/latency.py --articles 60 --rate 5
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("WIREWATCH_SHARED", REPO.parent / "shared"))
DATASET = SHARED / "datasets" / "ecbplus-news" / "ecbplus.jsonl"
WORDS = ["earthquake", "robbery", "strike", "election", "ceasefire", "flood", "arrest", "merger", "trial",
         "fire", "shooting", "hurricane", "resigns", "acquire", "piracy", "rehab", "tsunami", "protest"]


class Receiver:
    """Webhook endpoint recording when each alert (by article URL) first arrived."""

    def __init__(self) -> None:
        self.arrivals: dict[str, float] = {}
        self.count = 0
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
                now = time.perf_counter()
                url = (body.get("article") or {}).get("url")
                receiver.count += 1
                if url and url not in receiver.arrivals:
                    receiver.arrivals[url] = now
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def port(self) -> int:
        return self.server.server_address[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def make_subscriptions(records: list[dict], n: int, hook: str, rng: random.Random) -> list[dict]:
    vocabulary = sorted({w.strip('.,"()').lower() for r in records[:300] for w in r["text"].split()
                         if len(w) > 6 and w.isalpha()})
    names = sorted({" ".join(pair) for r in records[:300] for pair in zip(r["text"].split(), r["text"].split()[1:])
                    if pair[0].istitle() and pair[1].istitle() and pair[0].isalpha() and pair[1].isalpha()})
    subs = [{"query": "lang:en", "notify": [hook], "updates": "all", "name": "everything"}]
    for word in WORDS:
        subs.append({"query": word, "notify": [hook], "updates": "all"})
    while len(subs) < n:
        kind = rng.random()
        if kind < 0.4:
            query = " ".join(rng.sample(vocabulary, 2))
        elif kind < 0.6:
            query = f'"{rng.choice(names)}"'
        elif kind < 0.8:
            a, b, c = rng.sample(vocabulary, 3)
            query = f"({a} OR {b}) AND NOT {c}"
        else:
            query = f'entity:"{rng.choice(names)}"'
        subs.append({"query": query, "notify": [hook + f"/{len(subs)}"]})
    return subs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subscriptions", type=int, default=1000)
    parser.add_argument("--articles", type=int, default=60, help="articles to push (default 60)")
    parser.add_argument("--rate", type=float, default=1.0, help="pushes per second (default 1.0)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--per-push", action="store_true",
                        help="also print each push in push order: words, request ms, push -> webhook ms")
    args = parser.parse_args(argv)
    if not DATASET.is_file():
        print(f"dataset not found: {DATASET} (set WIREWATCH_SHARED)", file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    records = [json.loads(line) for line in DATASET.read_text(encoding="utf-8").splitlines() if line.strip()]
    pushed = rng.sample(records, args.articles)
    receiver = Receiver()
    hook = f"json://127.0.0.1:{receiver.port}/hook"
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        db = f"sqlite:///{Path(folder) / 'latency.db'}"
        env = {**os.environ, "WIREWATCH_ALLOW_PRIVATE_URLS": "1", "WIREWATCH_DB": db}
        server = subprocess.Popen([sys.executable, "-m", "wirewatch", "serve", "--port", str(port)], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            with httpx.Client(base_url=base, timeout=30) as client:
                ready_by = time.perf_counter() + 120
                while True:  # 503 "starting" until the warm start is done
                    try:
                        if client.get("/healthz").status_code == 200:
                            break
                    except httpx.TransportError:
                        pass
                    if time.perf_counter() > ready_by:
                        raise SystemExit("wirewatch serve did not report ready within 120 s")
                    time.sleep(0.1)
                started = time.perf_counter()
                for sub in make_subscriptions(records, args.subscriptions, hook, rng):
                    client.post("/api/subscriptions", json=sub).raise_for_status()
                setup = time.perf_counter() - started
                load_before = os.getloadavg()
                sent_at: dict[str, float] = {}
                request_ms: list[float] = []
                request_by_url: dict[str, float] = {}
                failures: list[str] = []
                lock = threading.Lock()

                def push(i: int, record: dict) -> None:
                    url = f"https://bench.example/{record['id']}"
                    t0 = time.perf_counter()
                    with lock:
                        sent_at[url] = t0
                    try:
                        with httpx.Client(base_url=base, timeout=60) as own:
                            own.post("/api/documents", json={
                                "id": f"bench-{i}-{record['id']}", "url": url,
                                "title": record.get("title") or " ".join(record["text"].split()[:12]),
                                "text": record["text"], "source": record.get("source") or "ECB+",
                            }).raise_for_status()
                    except httpx.HTTPError as exc:
                        with lock:
                            failures.append(f"{url}: {exc}")
                        return
                    with lock:
                        request_ms.append((time.perf_counter() - t0) * 1000)
                        request_by_url[url] = request_ms[-1]

                threads = []
                interval = 1.0 / args.rate
                next_push = time.perf_counter()
                for i, record in enumerate(pushed):
                    time.sleep(max(0.0, next_push - time.perf_counter()))
                    next_push += interval
                    thread = threading.Thread(target=push, args=(i, record))
                    thread.start()
                    threads.append(thread)
                for thread in threads:
                    thread.join()
                if failures:
                    print(f"{len(failures)} pushes failed, first: {failures[0]}", file=sys.stderr)
                deadline = time.perf_counter() + 30
                while time.perf_counter() < deadline and not all(u in receiver.arrivals for u in sent_at):
                    time.sleep(0.05)
        finally:
            server.terminate()
            server.wait(timeout=20)
    latencies = sorted((receiver.arrivals[u] - t) * 1000 for u, t in sent_at.items() if u in receiver.arrivals)
    missing = len(sent_at) - len(latencies)

    def pct(values: list[float], q: float) -> float:
        return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]

    if args.per_push:
        print(f"{'push':>4} {'words':>6} {'request ms':>10} {'webhook ms':>10}")
        for i, record in enumerate(pushed):
            url = f"https://bench.example/{record['id']}"
            arrived = receiver.arrivals.get(url)
            webhook = f"{(arrived - sent_at[url]) * 1000:.0f}" if arrived and url in sent_at else "-"
            print(f"{i + 1:>4} {len(record['text'].split()):>6} {request_by_url.get(url, float('nan')):>10.0f} {webhook:>10}")
    request_ms.sort()
    load_after = os.getloadavg()
    print(f"{args.subscriptions} subscriptions (set up in {setup:.1f} s), {len(sent_at)} articles pushed at "
          f"{args.rate}/s, first push included, {receiver.count} webhook calls received, {missing} articles "
          f"without an alert; load average before {load_before[0]:.2f}, after {load_after[0]:.2f}, "
          f"{os.cpu_count()} CPUs")
    print(f"{'measure':<32} {'median ms':>10} {'p99 ms':>8}")
    print(f"{'push -> webhook holds alert':<32} {statistics.median(latencies):>10.0f} {pct(latencies, 0.99):>8.0f}")
    print(f"{'baseline: push request itself':<32} {statistics.median(request_ms):>10.0f} {pct(request_ms, 0.99):>8.0f}")
    print(f"{'ratio':<32} {statistics.median(latencies) / statistics.median(request_ms):>10.2f} "
          f"{pct(latencies, 0.99) / pct(request_ms, 0.99):>8.2f}")
    return 0 if not missing else 1


if __name__ == "__main__":
    sys.exit(main())
