"""How often the machine-translation flag fires: on edited news and on MT-style copies of it.

Two paths, each a row:

- the product path: every article, as a JSON Lines feed, through `wirewatch.ingest.ingest` (what
  `wirewatch ingest` runs: extraction, the shipped NLP pipeline, the store, the story stage) into
  a fresh SQLite store; the flags are read back from the store. Each copy arrives after its
  original, at a seeded random place among the other articles, as in a feed, so the story stage
  can find the original it rewrites (wirewatch/stories/substitution.py);
- `wirewatch.analyze` on each article alone (the per-article evidence: names spelled two ways,
  odd collocations, mixed apostrophes).

Sets:

- originals: the 982 ECB+ articles (professionally edited news, with ECB+'s own reprints of one
  wire story by several sites; the flag should stay off, target <= 1%);
- copies: one machine-translation-style copy of each (benchmarks/mt_copies.py: names garbled
  consistently, literal synonyms, clause reordering, function-word slips, continental numbers;
  target >= 90% flagged);
- the shipped sample `samples/ceasefire-article.txt` (a real round-trip translation).

Baseline in the same run: the phrase list the flag used before (three garbled fixed phrases
taken from the sample article), applied to the same texts. `--split ecbplus-dev` runs ECB+
topics 1-25 only and `--split dev` the CoNLL-2003 dev documents (what thresholds were chosen on).

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/mt_signal.py [--limit N] [--split ecbplus|ecbplus-dev|dev]
        [--path both|product|analyze]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from mt_copies import load_garbler, mt_copy  # noqa: E402

import wirewatch  # noqa: E402
from wirewatch.config import Settings  # noqa: E402
from wirewatch.errors import InputError  # noqa: E402
from wirewatch.ingest import ingest  # noqa: E402
from wirewatch.store import Store  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("WIREWATCH_SHARED") or ROOT.parent / "shared")
OLD_PHRASES = ("willed coalition", "coalition of the willed", "willing alliance")  # the former flag's list


def ecbplus_texts(shared: Path, topics: range | None = None) -> list[tuple[str, str]]:
    """(title, body) of every ECB+ article (of `topics` only, when given); an untitled one gets
    its id as the title, so that the extraction does not take its first sentence for the title."""
    path = shared / "datasets" / "ecbplus-news" / "ecbplus.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(row.get("title") or f"ECB+ {row['id']}", row["text"]) for row in rows
            if topics is None or row["topic"] in topics]


def conll_dev_texts(shared: Path) -> list[tuple[str, str]]:
    """CoNLL-2003 dev documents of 80+ words, detokenised (a held-out set for choosing thresholds)."""
    documents, sentence, current = [], [], []
    for line in (shared / "datasets" / "conll2003" / "conllpp_dev.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-") or not line.strip():
            if sentence:
                current.append(_detokenise(sentence))
                sentence = []
            if line.startswith("-DOCSTART-") and current:
                documents.append("\n".join(current))
                current = []
            continue
        sentence.append(line.split()[0])
    if sentence:
        current.append(_detokenise(sentence))
    if current:
        documents.append("\n".join(current))
    return [(f"CoNLL-2003 dev {i}", text) for i, text in enumerate(documents) if len(text.split()) >= 80]


def _detokenise(tokens: list[str]) -> str:
    text = " ".join(tokens)
    text = re.sub(r" ([,.;:!?)%])", r"\1", text)
    return re.sub(r"\( ", "(", text).replace(" n't", "n't").replace(" 's", "'s")


def flag_rates(texts: list[tuple[str, str]]) -> tuple[float, float, Counter, float, int]:
    """(share flagged by wirewatch, share flagged by the old phrase list, signal kinds, words/s,
    articles refused as holding no article text -- counted as not flagged)."""
    flagged = old = words = refused = 0
    kinds: Counter = Counter()
    started = time.process_time()
    for title, text in texts:
        try:
            document = wirewatch.analyze(text, title=title, content_type="text/plain")
        except InputError:  # a title with no body: nothing to judge
            refused += 1
            continue
        words += len(text.split())
        flagged += document.quality.machine_translation_suspected
        for signal in document.quality.signals:
            kinds[signal.split(":")[0]] += 1
        old += any(phrase in text.lower() for phrase in OLD_PHRASES)
    elapsed = time.process_time() - started
    return flagged / len(texts), old / len(texts), kinds, words / elapsed, refused


def product_rates(originals: list[tuple[str, str]], copies: list[tuple[str, str]], seed: int,
                  keep: Path | None = None) -> tuple[float, float, Counter, float, int]:
    """(share of originals flagged, share of copies flagged, signal kinds on copies, articles/s,
    articles not stored) through the product's ingest path into a fresh SQLite store (kept at
    `keep` when given, for a look at what was flagged). The feed: the originals in a seeded order,
    each copy at a random place after its original."""
    rng = random.Random(seed)
    order = list(range(len(originals)))
    rng.shuffle(order)
    placed = [(float(place), 0, f"original-{i}", originals[i]) for place, i in enumerate(order)]
    for place, i in enumerate(order):
        placed.append((rng.uniform(place, len(order)), 1, f"copy-{i}", copies[i]))
    placed.sort(key=lambda item: (item[0], item[1]))
    kinds: Counter = Counter()
    with tempfile.TemporaryDirectory() as folder:
        feed = Path(folder) / "feed.jsonl"
        with open(feed, "w", encoding="utf-8") as handle:
            for _, _, key, (title, text) in placed:
                handle.write(json.dumps({"id": key, "title": title, "text": text}) + "\n")
        started = time.perf_counter()
        database = keep or Path(folder) / "store.db"
        with Store.open(f"sqlite:///{database}") as store:
            ingest([str(feed)], store=store, settings=Settings(), workers=1, deliver=False)
            elapsed = time.perf_counter() - started
            flagged: dict[str, bool] = {}
            for _, _, key, _ in placed:
                stored = store.get_document(key)
                if stored is None:  # refused (no article text) or a duplicate of an earlier record
                    continue
                flagged[key] = stored.document.quality.machine_translation_suspected
                if key.startswith("copy-"):
                    for signal in stored.document.quality.signals:
                        kinds[re.sub(r"\d+", "N", signal.split(":")[0])] += 1
    originals_flagged = sum(flagged.get(f"original-{i}", False) for i in range(len(originals)))
    copies_flagged = sum(flagged.get(f"copy-{i}", False) for i in range(len(copies)))
    return (originals_flagged / len(originals), copies_flagged / len(copies), kinds, len(placed) / elapsed,
            len(placed) - len(flagged))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--split", choices=["ecbplus", "ecbplus-dev", "dev"], default="ecbplus")
    parser.add_argument("--path", choices=["both", "product", "analyze"], default="both")
    parser.add_argument("--keep-store", type=Path, default=None, help="build the product path's store here and keep it")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    texts = (ecbplus_texts(args.shared) if args.split == "ecbplus"
             else ecbplus_texts(args.shared, range(1, 26)) if args.split == "ecbplus-dev" else conll_dev_texts(args.shared))
    texts = texts[:args.limit] if args.limit else texts
    garble, source = load_garbler()
    copies = [mt_copy(text, args.seed * 7919 + i, garble, title)[::-1] for i, (title, text) in enumerate(texts)]
    print(f"machine-translation flag; {args.split}: {len(texts)} articles; copies garbled by {source}")
    if args.path in ("both", "product"):
        originals, copied, kinds, speed, missing = product_rates(texts, copies, args.seed, args.keep_store)
        print(f"{'path':40s} {'originals':>9s} {'copies':>9s}")
        print(f"{'product (ingest -> store -> story stage)':40s} {originals:9.3%} {copied:9.3%}  "
              f"{speed:.1f} articles/s; signals on copies: {dict(kinds.most_common())}"
              + (f" ({missing} not stored)" if missing else ""))
    if args.path in ("both", "analyze"):
        print(f"{'set':34s} {'analyze':>9s} {'old phrase list':>15s} {'words/s':>8s}  signals")
        for name, items in ((f"originals ({args.split})", texts), ("MT-style copies", copies)):
            rate, old, kinds, speed, refused = flag_rates(items)
            print(f"{name:34s} {rate:9.3%} {old:15.3%} {speed:8.0f}  {dict(kinds.most_common())}"
                  + (f" ({refused} refused: no article text)" if refused else ""))
    sample = ROOT / "samples" / "ceasefire-article.txt"
    if sample.is_file():
        document = wirewatch.analyze(sample.read_text(encoding="utf-8"))
        old = any(phrase in sample.read_text(encoding="utf-8").lower() for phrase in OLD_PHRASES)
        print(f"{'samples/ceasefire-article.txt':34s} {str(document.quality.machine_translation_suspected):>9s} "
              f"{str(old):>15s}  {document.quality.signals}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
