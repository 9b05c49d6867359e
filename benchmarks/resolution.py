"""Entity resolution of garbled and look-alike person names, through `wirewatch.analyze`.

    python benchmarks/resolution.py [--cases 2000] [--split heldout] [--seed 1] [--no-baseline]
    python benchmarks/resolution.py --calibrate     # refit names.py's weights on the calibration part

Data: real person names from the shared corpora (CoNLL-2003 train/dev, GUM train/dev, UNER EWT
dev; never WikiGold or a test split), split by surname into a calibration part (the scorer's
weights and threshold were fitted there) and a held-out part (reported here), garbled by the
documented model in benchmarks/garble.py.

Rows:
- product (headline): short articles written from templates here, run through `wirewatch.analyze`.
  A garble case names a person in full once and then by a garbled surname 2-4 times (so the
  garble is the majority spelling) at a sentence start, after "Mr.", as a possessive, after
  "said", inside a sentence; one person of another name is mentioned too. It is merged when the
  full name and every garbled mention are one entity. A miss is an NER miss when some expected
  mention is in no entity at all, else a resolution miss. A distinct-people case names two real
  people who share a surname or have look-alike surnames (nearest other held-out surname), each
  in full and then by their surname; a false merge is any mention of one in the other's entity.
  The baseline row runs the same articles with the resolution as it was before the scorer
  (commit c9bd974: rapidfuzz ratio >= 65 and "a garble is rarer than the name it garbles").
- scorer: `names.same_entity` on the pairs alone (full name, garbled surname), and on the
  distinct-people pairs as full names; plus, for information, a full name against the bare
  surname of another random real person and of the look-alike (no full name of its own to tell
  them apart: a garble and a different real person can be the same string).
- baseline scorer: rapidfuzz ratio >= 65 with the same first letter (the old garble rule).
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import time
import types
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz, process  # noqa: E402
from rapidfuzz.distance import OSA, JaroWinkler  # noqa: E402

from benchmarks.garble import garble_name, garble_surname, person_names, split_name, surname_of  # noqa: E402
from wirewatch.nlp.names import (  # noqa: E402
    MATCH_THRESHOLD,
    _features,
    fold,
    parse_person_name,
    same_entity,
)

BASELINE_COMMIT = "c9bd974"
TARGET_RECALL = 0.95
TARGET_FALSE_MERGES = 0.005

INTRO = [
    "{F} announced a new plan on Monday.",
    "Minister {F} met union leaders in the capital on Monday.",
    "On Monday, {F} presented the budget to parliament.",
    "The proposal was unveiled by {F} at a news conference.",
]
GARBLE_SENTENCES = [
    "{S} said the talks would continue next week.",
    "Later, {S} told reporters the plan was sound.",
    "Aides to {S} declined to comment.",
    "{S}'s office issued a statement on Tuesday.",
    "Critics said {S}'s proposal went too far.",
    "Mr. {S} did not respond to a request for comment.",
    "\"We will not back down,\" said {S}.",
    "The decision, {S} added, was taken after long talks.",
    "In an interview, {S} said the decision was final.",
]
OTHER_PERSON = [
    "{D}, a senior adviser, also attended. {B} said little.",
    "The opposition leader, {D}, was not convinced. {B} called the plan vague.",
]
DISTINCT = (
    "{A} opened the meeting on Monday. {a} said the talks would continue. "
    "Later, {B} arrived from the capital. {b} told reporters the plan was sound. "
    "{b2}'s aides said more talks were planned."
)


def sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass
class Article:
    text: str
    groups: dict[str, list[str]]  # person key -> expected mentions in order of appearance
    order: list[tuple[str, str]] = field(default_factory=list)  # (person key, mention) in text order


def _fill(template: str, key_of: dict[str, str], **values: str) -> tuple[str, list[tuple[str, str]]]:
    """A template filled in, with the (person key, mention) pairs in text order; a mention at a
    sentence start gets a capital ("van Leeuwen" -> "Van Leeuwen")."""
    pieces, order, rest = [], [], template
    while "{" in rest:
        before, _, after = rest.partition("{")
        slot, _, rest = after.partition("}")
        value = values[slot]
        starts_sentence = not "".join(pieces + [before]).strip() or "".join(pieces + [before]).rstrip().endswith(".")
        if starts_sentence and not before.strip():
            value = sentence_case(value)
        pieces.extend([before, value])
        order.append((key_of[slot], value))
    pieces.append(rest)
    return "".join(pieces), order


def garble_article(name: str, other: str, rng: random.Random) -> Article:
    garble = garble_surname(name, rng)
    key_of = {"F": "p", "S": "p", "D": "o", "B": "o"}
    text, order = _fill(rng.choice(INTRO), key_of, F=name)
    sentences = rng.sample(GARBLE_SENTENCES, rng.randint(2, 4))
    other_at = rng.randrange(len(sentences) + 1)
    for n, template in enumerate(sentences):
        if n == other_at:
            part, o = _fill(rng.choice(OTHER_PERSON), key_of, D=other, B=surname_of(other))
            text, order = text + " " + part, order + o
        part, o = _fill(template, key_of, S=garble)
        text, order = text + " " + part, order + o
    if other_at == len(sentences):
        part, o = _fill(rng.choice(OTHER_PERSON), key_of, D=other, B=surname_of(other))
        text, order = text + " " + part, order + o
    groups: dict[str, list[str]] = defaultdict(list)
    for key, mention in order:
        groups[key].append(mention)
    return Article(text, dict(groups), order)


def distinct_article(a: str, b: str) -> Article:
    key_of = {"A": "a", "a": "a", "B": "b", "b": "b", "b2": "b"}
    text, order = _fill(DISTINCT, key_of, A=a, a=surname_of(a), B=b, b=surname_of(b), b2=surname_of(b))
    groups: dict[str, list[str]] = defaultdict(list)
    for key, mention in order:
        groups[key].append(mention)
    return Article(text, dict(groups), order)


def entity_of_mentions(article: Article, text: str, entities) -> list[tuple[str, str | None]]:
    """(person key, entity id or None) for each expected mention, located in text order."""
    spans = [(m.start, m.end, e.id) for e in entities for m in e.mentions]
    found, at = [], 0
    for key, mention in article.order:
        start = text.find(mention, at)
        if start < 0:
            found.append((key, None))
            continue
        end, at = start + len(mention), start + len(mention)
        ids = [eid for s, e, eid in spans if s < end and start < e]
        found.append((key, ids[0] if ids else None))
    return found


def run_articles(articles: list[Article], analyse) -> list[list[tuple[str, str | None]]]:
    results = []
    for article in articles:
        text, entities = analyse(article.text)
        results.append(entity_of_mentions(article, text, entities))
    return results


def score_garbles(results) -> Counter:
    counts: Counter = Counter()
    for found in results:
        mine = [eid for key, eid in found if key == "p"]
        theirs = {eid for key, eid in found if key == "o" and eid}
        counts["cases"] += 1
        if any(eid is None for eid in mine):
            counts["ner_miss"] += 1
        elif len(set(mine)) == 1:
            counts["merged"] += 1
        else:
            counts["resolution_miss"] += 1
        if set(mine) & theirs:
            counts["wrong_person"] += 1
    return counts


def score_distinct(results) -> Counter:
    counts: Counter = Counter()
    for found in results:
        a = {eid for key, eid in found if key == "a" and eid}
        b = {eid for key, eid in found if key == "b" and eid}
        counts["cases"] += 1
        counts["false_merge"] += bool(a & b)
        missed = any(eid is None for _, eid in found)
        counts["ner_miss"] += missed
        counts["found"] += not missed
        counts["false_merge_found"] += bool(a & b) and not missed
    return counts


def product_analyser():
    import wirewatch

    def analyse(text: str):
        document = wirewatch.analyze(text, title="Report")
        return document.text, document.entities

    return analyse


def baseline_resolve():
    """The resolution module as of BASELINE_COMMIT, loaded from git; None when unavailable."""
    try:
        source = subprocess.run(
            ["git", "show", f"{BASELINE_COMMIT}:wirewatch/nlp/resolve.py"], cwd=ROOT,
            capture_output=True, text=True, check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    module = types.ModuleType("wirewatch.nlp._baseline_resolve")
    module.__package__ = "wirewatch.nlp"
    sys.modules[module.__name__] = module
    exec(compile(source, "baseline_resolve.py", "exec"), module.__dict__)
    return module.resolve


class _Swapped:
    """Runs analyze with another resolve function in the analysis module."""

    def __init__(self, resolve) -> None:
        import wirewatch.nlp.analyze as analysis

        self.analysis, self.resolve = analysis, resolve

    def __enter__(self):
        self.saved = self.analysis.resolve
        self.analysis.resolve = self.resolve

    def __exit__(self, *exc):
        self.analysis.resolve = self.saved


def _first_names(name: str) -> str:
    """The first names run together: "Jose Maria" and "Jose-Maria" are one person's."""
    return fold("".join(split_name(name)[0]))[:6]


def look_alike_pairs(names: list[str], rng: random.Random, limit: int) -> list[tuple[str, str]]:
    """(A, B): distinct real people with different first names whose surnames are the same or
    nearest look-alikes among the other names (Jaro-Winkler)."""
    by_core: dict[str, list[str]] = defaultdict(list)
    for name in names:
        by_core[fold(split_name(name)[2])].append(name)
    cores = sorted(by_core)
    shared, alike = [], []
    for core, group in by_core.items():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                short, long = sorted((a.split(), b.split()), key=len)
                if long[-len(short):] == short:
                    continue  # "Sanchez Vicario" / "Arantxa Sanchez Vicario": one person
                if _first_names(a) != _first_names(b):
                    shared.append((a, b))
    for core in cores:
        best = process.extract(core, cores, scorer=JaroWinkler.similarity, limit=2)
        other = next((c for c, _, _ in best if c != core), None)
        if other is None:
            continue
        a, b = by_core[core][0], rng.choice(by_core[other])
        if _first_names(a) != _first_names(b):
            alike.append((a, b))
    rng.shuffle(shared)
    rng.shuffle(alike)
    return shared[: limit // 2] + alike[: limit - min(len(shared), limit // 2)], len(shared), len(alike)


def old_garble_rule(full: str, other: str) -> bool:
    a = fold(split_name(full)[2])
    b = fold(split_name(other)[2]) if " " in other.strip() else fold(other)
    if a == b:
        return True
    if len(a) < 4 or len(b) < 4 or a[0] != b[0]:
        return False
    return fuzz.ratio(a, b) >= 65.0


def pair_rows(names: list[str], pairs: list[tuple[str, str]], rng: random.Random) -> list[tuple[str, float, float, str]]:
    positives = [(n, garble_surname(n, rng)) for n in names]
    randoms = []
    for n in names:
        b = rng.choice(names)
        while fold(split_name(b)[2]) == fold(split_name(n)[2]):
            b = rng.choice(names)
        randoms.append((n, surname_of(b)))
    lookalike_bare = [(a, surname_of(b)) for a, b in pairs if fold(split_name(a)[2]) != fold(split_name(b)[2])]
    rows = []
    for label, decide in (("scorer", same_entity), ("baseline scorer (ratio>=65)", old_garble_rule)):
        rows.append((
            label,
            sum(decide(a, b) for a, b in positives) / len(positives),
            sum(decide(a, b) for a, b in pairs) / max(1, len(pairs)),
            f"random bare {sum(decide(a, b) for a, b in randoms) / len(randoms):.4f}, "
            f"look-alike bare {sum(decide(a, b) for a, b in lookalike_bare) / max(1, len(lookalike_bare)):.3f}",
        ))
    return rows, len(positives)


def calibrate(seed: int) -> None:
    """Fit the logistic regression of names.py on the calibration part and print the weights."""
    import numpy as np

    rng = random.Random(seed)
    names = person_names("calibration")
    cores = sorted({fold(split_name(n)[2]) for n in names})
    by_first: dict[str, list[str]] = defaultdict(list)
    for n in names:
        by_first[n.split()[0]].append(n)
    positives, negatives, alike = [], [], []
    for n in names:
        core = fold(split_name(n)[2])
        positives += [(n, garble_surname(n, rng)), (n, garble_surname(n, rng)), (n, garble_name(n, rng))]
        for _ in range(2):
            b = rng.choice(names)
            while fold(split_name(b)[2]) == core:
                b = rng.choice(names)
            negatives.append((n, surname_of(b)))
        same_first = [m for m in by_first[n.split()[0]] if fold(split_name(m)[2]) != core]
        b = rng.choice(same_first) if same_first else rng.choice(names)
        # same first name and a surname within two edits: the corpus spelling one person twice
        # ("Aslan Maskhadov" / "Aslan Mashadov"), not two people
        if OSA.distance(fold(split_name(b)[2]), core) > 2 or b.split()[0] != n.split()[0]:
            negatives.append((n, b))
        best = process.extract(core, cores, scorer=JaroWinkler.similarity, limit=2)
        other = next(c for c, _, _ in best if c != core)
        alike.append((n, surname_of(rng.choice([m for m in names if fold(split_name(m)[2]) == other]))))

    def matrix(pairs):
        return np.array([_features(parse_person_name(a), parse_person_name(b)) for a, b in pairs])

    P, N, L = matrix(positives), matrix(negatives), matrix(alike)
    X = np.vstack([P, N])
    y = np.r_[np.ones(len(P)), np.zeros(len(N))]
    w = np.zeros(X.shape[1])
    ridge = np.diag(np.r_[0.0, np.ones(len(w) - 1)])
    for _ in range(30):  # Newton's method, L2 = 1 on all but the bias
        p = 1 / (1 + np.exp(-X @ w))
        w -= np.linalg.solve((X * (p * (1 - p))[:, None]).T @ X + ridge, X.T @ (p - y) + ridge @ w)
    print(f"calibration: {len(names)} names, {len(P)} garbles, {len(N)} distinct-people pairs")
    print("WEIGHTS =", tuple(round(float(v), 3) for v in w))
    for t in (0.5, 0.7, 0.8, 0.9, 0.95):
        def rate(M):
            return float(np.mean(1 / (1 + np.exp(-M @ w)) >= t))
        print(f"  threshold {t}: recall {rate(P):.4f}  false merges {rate(N):.4f}  look-alike bare {rate(L):.3f}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=2000, help="garble articles (and pairs)")
    parser.add_argument("--distinct", type=int, default=600, help="distinct-people articles")
    parser.add_argument("--split", default="heldout", choices=("heldout", "calibration"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-baseline", action="store_true", help="skip the old resolution row")
    parser.add_argument("--calibrate", action="store_true", help="refit the scorer's weights")
    args = parser.parse_args(argv)
    if args.calibrate:
        calibrate(args.seed)
        return
    rng = random.Random(args.seed)
    names = person_names(args.split)
    chosen = [names[i % len(names)] for i in rng.sample(range(len(names)), min(args.cases, len(names)))]
    while len(chosen) < args.cases:
        chosen.append(rng.choice(names))
    garble_articles = []
    for name in chosen:
        other = rng.choice(names)
        while fold(split_name(other)[2]) == fold(split_name(name)[2]):
            other = rng.choice(names)
        garble_articles.append(garble_article(name, other, rng))
    pairs, n_shared, n_alike = look_alike_pairs(names, rng, args.distinct)
    distinct_articles = [distinct_article(a, b) for a, b in pairs]

    print(f"split {args.split}: {len(names)} names; {len(garble_articles)} garble articles, "
          f"{len(distinct_articles)} distinct-people articles ({n_shared} shared-surname pairs, "
          f"{n_alike} look-alike pairs available); threshold {MATCH_THRESHOLD}")
    print(f"example: {garble_articles[0].text}")
    rows = []
    analyse = product_analyser()
    variants = [("product (wirewatch.analyze)", None)]
    old = None if args.no_baseline else baseline_resolve()
    if old is not None:
        variants.append((f"baseline: resolution at {BASELINE_COMMIT}", old))
    for label, swapped in variants:
        started = time.perf_counter()
        if swapped is None:
            g, d = run_articles(garble_articles, analyse), run_articles(distinct_articles, analyse)
        else:
            with _Swapped(swapped):
                g, d = run_articles(garble_articles, analyse), run_articles(distinct_articles, analyse)
        rows.append((label, score_garbles(g), score_distinct(d), time.perf_counter() - started))

    print()
    print(f"{'row':34} {'merge recall':>12} {'of NER-found':>12} {'NER miss':>9} {'res. miss':>9} "
          f"{'wrong person':>12} {'false merges':>12}")
    for label, g, d, seconds in rows:
        found = g["cases"] - g["ner_miss"]
        print(f"{label:34} {g['merged'] / g['cases']:12.4f} {g['merged'] / max(1, found):12.4f} "
              f"{g['ner_miss'] / g['cases']:9.4f} {g['resolution_miss'] / g['cases']:9.4f} "
              f"{g['wrong_person'] / g['cases']:12.4f} {d['false_merge'] / max(1, d['cases']):12.4f}"
              f"   ({seconds:.0f}s; distinct people: NER miss {d['ner_miss'] / max(1, d['cases']):.3f}, "
              f"false merges when all found {d['false_merge_found'] / max(1, d['found']):.4f})")
    pair_results, n_pairs = pair_rows(chosen, pairs, rng)
    for label, recall, false_merges, extra in pair_results:
        print(f"{label:34} {recall:12.4f} {'':12} {'':9} {'':9} {'':12} {false_merges:12.4f}   ({extra})")
    headline_g, headline_d = rows[0][1], rows[0][2]
    recall = headline_g["merged"] / headline_g["cases"]
    false_merges = headline_d["false_merge"] / max(1, headline_d["cases"])
    if len(rows) > 1:
        base = rows[1][1]["merged"] / rows[1][1]["cases"]
        print(f"\nmerge recall vs baseline: {recall:.4f} / {base:.4f} = {recall / max(base, 1e-9):.2f}x")
    print(f"targets: merge recall >= {TARGET_RECALL} ({'met' if recall >= TARGET_RECALL else 'NOT met'}), "
          f"false merges <= {TARGET_FALSE_MERGES} ({'met' if false_merges <= TARGET_FALSE_MERGES else 'NOT met'})"
          f"; scorer pairs: {n_pairs}")


if __name__ == "__main__":
    main()
