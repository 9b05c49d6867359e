"""Benchmark the story stage on one wire story republished hundreds of times.

A popular wire story is copied by hundreds of sites within hours; every copy joins one story, and
the stage must not slow down as that story grows. One ECB+ article (with a title, the median
length of those) and `--copies` copies of it (alternately spun, >= 15% of words replaced, and
typo'd: benchmarks/paraphrase.py) are stored in a SQLite store, then `StoryStage` assigns them in
batches of 100 as the product does (decide, append to the log, rebuild and save the story record,
commit). Prints articles per CPU-second per batch and the roles given. Baseline in the same run:
the first batch (a story of 1-100 articles); the figure is the last full batch and its ratio to
that baseline (1.0 = no slowdown).

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/big_story.py [--copies 800] [--data PATH]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from paraphrase import spin_counted, typos  # noqa: E402

from wirewatch.document import Document  # noqa: E402
from wirewatch.runtime.story_stage import StoryStage  # noqa: E402
from wirewatch.store import Store  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "datasets" / "ecbplus-news" / "ecbplus.jsonl"
BATCH = 100


def wire_story(data: Path, copies: int) -> list[Document]:
    rows = [json.loads(line) for line in data.read_text(encoding="utf-8").splitlines() if line.strip()]
    titled = sorted((r for r in rows if r.get("title")), key=lambda r: len(r["text"]))
    base = titled[len(titled) // 2]
    documents = [Document(id="wire", url="https://wire.example/story", title=base["title"],
                          text=base["text"], source="wire.example")]
    for n in range(copies):
        text = spin_counted(base["text"], n)[0] if n % 2 else typos(base["text"], n)
        documents.append(Document(id=f"copy-{n}", url=f"https://site{n}.example/story", title=base["title"],
                                  text=text, source=f"site{n % 50}.example"))
    return documents


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=800, help="copies of the wire story (default 800)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args(argv)
    if not args.data.exists():
        parser.error(f"dataset not found: {args.data}")
    if args.copies < 2 * BATCH:
        parser.error(f"--copies must be at least {2 * BATCH}")
    documents = wire_story(args.data, args.copies)
    rates: list[float] = []
    roles: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as folder, Store.open(f"sqlite:///{folder}/story.db") as store:
        store.add_documents([(document, None, None, None) for document in documents])
        stage = StoryStage(store)
        done = 0
        print(f"one wire story ({len(documents[0].text.split())} words) and {args.copies} copies, "
              f"StoryStage over SQLite, batches of {BATCH}")
        print(f"{'articles':>8}  {'art/CPU-s':>9}  roles")
        while done < len(documents):
            start = time.process_time()
            updates = stage.run(limit=BATCH)
            elapsed = time.process_time() - start
            done += len(updates)
            batch_roles = Counter(update.role for update in updates)
            roles.update(batch_roles)
            if len(updates) == BATCH:
                rates.append(BATCH / elapsed)
            print(f"{done:>8}  {len(updates) / elapsed:>9.1f}  {dict(batch_roles)}")
        stories = len(store.stories(limit=10))
    print(f"\nstories formed: {stories}; roles: {dict(roles)}")
    print(f"baseline (first {BATCH}): {rates[0]:.1f} art/CPU-s; last full batch: {rates[-1]:.1f} "
          f"art/CPU-s; ratio {rates[-1] / rates[0]:.2f}; median {statistics.median(rates):.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
