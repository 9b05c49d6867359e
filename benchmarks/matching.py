"""Benchmark subscription matching: the presearch index against brute force, same results.

Subscriptions are generated from the ECB+ news corpus (/work/shared/datasets/ecbplus-news) so
their words, phrases and names are ones news really uses: keyword queries (1-3 words of one
article), phrases (2-3 consecutive words), boolean queries ((a OR b) c NOT d), entity queries
(entity:"Name", optionally with a word), type/speaker/source filters, and a few queries no word
can index (NOT-only, dates). ECB+ has no entity annotations, so each article's "entities" are its
runs of capitalised words (a stand-in for the NER stage) and its "quotes" are `"...", said Name`.

Every article is analysed (words, stems, entity names: ArticleFields) and matched against every
subscription through the index (sure hits, pairs of facts + set checks, candidates + the exact compiled
predicate), on one core; rates count both steps, in CPU seconds of this single-threaded process
(the wall-clock rate is shown too: on a shared machine it is lower). The baseline in the same
run is brute force: the same analysis, then the compiled predicate of every subscription. The result must be identical (checked on
--verify articles; the benchmark exits non-zero if it differs). Key frequencies for choosing the
rarest key of a query come from the corpus itself (key_frequencies over all articles).

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/matching.py [--subscriptions 100000] [--verify 100]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from wirewatch.alerts import SubscriptionIndex, key_frequencies  # noqa: E402
from wirewatch.query import ArticleFields, Query, compile_query, parse_query  # noqa: E402
from wirewatch.query.ast import to_query_string  # noqa: E402,F401
from wirewatch.query.tokens import search_tokens  # noqa: E402

SHARED = Path(os.environ.get("WIREWATCH_SHARED", REPO.parent / "shared"))
DEFAULT_DATA = SHARED / "datasets" / "ecbplus-news" / "ecbplus.jsonl"
_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+\b")
_QUOTE = re.compile(r'"([^"]{10,300})[,.]?"\s*(?:said|says|told)\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)+)')
_STOP = set("the a an and or of to in on for with at by from as is was are were be been it this that "
            "said says he she they we you his her their its not but has have had will would".split())


def load_articles(path: Path) -> list[dict]:
    articles = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        text = row.get("text") or ""
        title = row.get("title") or ""
        names = sorted(set(_NAME.findall(title + "\n" + text)))
        entities = [(name, ("PERSON", "ORG", "GPE")[len(name) % 3]) for name in names]
        quotes = [(speaker, said) for said, speaker in _QUOTE.findall(text)]
        articles.append({
            "title": title, "text": text, "source": row.get("source"), "language": "en",
            "published": (row.get("date") or None) and row["date"] + "T12:00:00+00:00",
            "entities": entities, "quotes": quotes, "story_id": row.get("cluster"),
        })
    return articles


def _quoted(value: str) -> str:
    return '"' + value.replace('"', "") + '"'


def generate_queries(articles: list[dict], count: int, rng: random.Random) -> list[str]:
    """Realistic subscriptions drawn from the corpus's own words and names."""
    tokens = [[w for w in search_tokens(a["title"] + " " + a["text"])] for a in articles]
    # People follow distinctive words (a name, a place, "ceasefire"), not "people" or "told":
    # keywords are words found in at most 2% of the corpus's articles.
    document_frequency: dict[str, int] = {}
    for words in tokens:
        for word in set(words):
            document_frequency[word] = document_frequency.get(word, 0) + 1
    distinctive = max(2, int(0.02 * len(articles)))
    content = [[w for w in words if w not in _STOP and len(w) > 2 and not w.isdigit()
                and document_frequency[w] <= distinctive] for words in tokens]
    sources = sorted({a["source"] for a in articles if a["source"]})
    queries: list[str] = []
    while len(queries) < count:
        i = rng.randrange(len(articles))
        words, article = content[i], articles[i]
        if len(words) < 4:
            continue
        kind = rng.random()
        if kind < 0.30:
            query = " ".join(rng.sample(words, rng.randint(1, 3)))
        elif kind < 0.45:
            # a phrase of 2-3 consecutive words, not starting or ending with a stop word, with at
            # least one distinctive word ("of the" is nobody's subscription)
            all_words = tokens[i]
            start = rng.randrange(max(1, len(all_words) - 3))
            phrase = all_words[start:start + rng.randint(2, 3)]
            if (len(phrase) < 2 or phrase[0] in _STOP or phrase[-1] in _STOP
                    or all(document_frequency[w] > distinctive for w in phrase)):
                continue
            query = _quoted(" ".join(phrase))
        elif kind < 0.65:
            a, b, c, d = rng.sample(words, 4)
            query = f"({a} OR {b}) {c} NOT {d}"
        elif kind < 0.85 and article["entities"]:
            name = rng.choice(article["entities"])[0]
            query = f"entity:{_quoted(name)}" + (f" {rng.choice(words)}" if rng.random() < 0.5 else "")
            # (a name found in many articles, e.g. "United States", matches many: that is real)
        elif kind < 0.90 and article["entities"]:
            query = f"type:{rng.choice(('PERSON', 'ORG', 'GPE'))} {rng.choice(words)}"
        elif kind < 0.93 and article["quotes"]:
            query = f"speaker:{_quoted(rng.choice(article['quotes'])[0])}"
        elif kind < 0.97 and sources:
            query = f"source:{_quoted(rng.choice(sources))} {rng.choice(words)}"
        elif kind < 0.999:
            query = f"title:{rng.choice(words)[:5]}*"
        else:  # nothing an article must contain: evaluated for every article ("always checked")
            query = f"after:2013-01-01 NOT {rng.choice(words)}"
        queries.append(query)
    return queries


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog=__doc__.split("\n\n", 1)[1])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="ECB+ JSONL file")
    parser.add_argument("--subscriptions", type=int, default=100_000)
    parser.add_argument("--verify", type=int, default=100,
                        help="articles also matched by brute force, to compare results and time it")
    parser.add_argument("--articles", type=int, default=0, help="use only the first N articles (0: all)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3,
                        help="timed runs of each method; the best is reported (as timeit does)")
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"dataset not found: {args.data} (set WIREWATCH_SHARED or --data)", file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    raw = load_articles(args.data)
    if args.articles > 0:
        raw = raw[:args.articles]
    started = time.perf_counter()
    prepared = [ArticleFields.from_mapping(a) for a in raw]  # also warms the stemming cache, as
    prepare_s = time.perf_counter() - started  # a running service's would be
    texts = generate_queries(raw, args.subscriptions, rng)

    started = time.perf_counter()
    parsed = [parse_query(text, alert_fields=True) for text in texts]
    parse_s = time.perf_counter() - started
    started = time.perf_counter()
    index = SubscriptionIndex(key_frequencies(prepared), sample_size=len(prepared))
    for number, query in enumerate(parsed):
        index.add(number, query)
    index_s = time.perf_counter() - started
    # The index is millions of long-lived objects; without this, every full garbage collection
    # (triggered by the per-article allocations) walks all of them. The service does the same.
    gc.freeze()

    candidates = matches = 0
    match_s = match_cpu = float("inf")
    for _ in range(max(1, args.repeat)):
        results = []
        started, started_cpu = time.perf_counter(), time.process_time()
        for fields in raw:  # the whole per-article cost: analysing the article, then matching it
            results.append(index.matching_ids(ArticleFields.from_mapping(fields)))
        match_s = min(match_s, time.perf_counter() - started)
        match_cpu = min(match_cpu, time.process_time() - started_cpu)
    matches = sum(map(len, results))
    for article in prepared:
        candidates += index.evaluations(article)

    predicates = [compile_query(Query(q.root)) for q in parsed]
    sample = rng.sample(range(len(prepared)), min(args.verify, len(prepared)))
    brute_s = brute_cpu = float("inf")
    for _ in range(max(1, args.repeat)):
        mismatches = 0
        started, started_cpu = time.perf_counter(), time.process_time()
        for i in sample:
            article = ArticleFields.from_mapping(raw[i])
            brute = [n for n, predicate in enumerate(predicates) if predicate(article)]
            mismatches += brute != results[i]
        brute_s = min(brute_s, time.perf_counter() - started)
        brute_cpu = min(brute_cpu, time.process_time() - started_cpu)

    n = len(prepared)
    # Rates per CPU second of this single-threaded process: "on one core", even when the machine
    # is shared with other jobs (wall-clock rates are shown too).
    index_rate, index_wall = n / match_cpu, n / match_s
    brute_rate = len(sample) / brute_cpu if sample else float("nan")
    brute_wall = len(sample) / brute_s if sample else float("nan")
    print(f"{len(texts):,} subscriptions ({index.always_checked} always checked), {n} ECB+ articles, "
          f"best of {max(1, args.repeat)} runs; "
          f"first analysis {prepare_s / n * 1000:.2f} ms/article (cold cache; rates include a warm "
          f"one), parse {parse_s:.1f} s, index build {index_s:.1f} s")
    print()
    print(f"{'method':<34} {'articles/cpu-s':>14} {'ratio':>7} {'articles/wall-s':>15} "
          f"{'evaluated/article':>18} {'matches/article':>16}")
    print(f"{'brute force (compiled, all subs)':<34} {brute_rate:>14.1f} {1.0:>7.1f} {brute_wall:>15.1f} "
          f"{len(texts):>18,} {matches / n:>16.1f}")
    print(f"{'presearch index + exact check':<34} {index_rate:>14.1f} {index_rate / brute_rate:>7.1f} "
          f"{index_wall:>15.1f} {candidates / n:>18,.0f} {matches / n:>16.1f}")
    print()
    print(f"same matches as brute force on {len(sample)} articles: "
          f"{'yes' if not mismatches else f'NO ({mismatches} differ)'}")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
