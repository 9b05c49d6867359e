#!/usr/bin/env python3
"""Article body extraction quality and speed: wirewatch `extract` against plain trafilatura.

Data, in ../shared/datasets (or $WIREWATCH_SHARED/datasets):
- the Scrapinghub article-extraction-benchmark (181 pages, `ground-truth.json` +
  `html/<id>.html[.gz]`) in article-extraction-benchmark;
- Mozilla Readability's test pages (90 real pages, `pages.tar.xz` + `gold.json`, whose gold text
  is Readability.js's reviewed output) in readability-testpages, scored on its 39 news pages and
  on all 90. Its non-news pages are the development half (`--readability dev`); the news pages
  are for reporting.
Metric, as the Scrapinghub benchmark's own evaluate.py computes it: `\\w+` tokens, 4-token
shingles counted as multisets, per-page TP/FP/FN normalised by their sum, precision and recall
averaged over pages, F1 from the two averages. Only the body is compared (the ground truths have
no title), so wirewatch is scored on `Extracted.text`.

Speed is CPU time per page (`time.process_time`), both extractors run on the same bytes, page by
page in alternating order, so a busy machine slows both alike.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import statistics
import sys
import tarfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

_TOKEN = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)
_DEFAULT_SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"


# --- the benchmark's metric -------------------------------------------------------------------

def _shingles(text: str, n: int = 4) -> Counter:
    tokens = _TOKEN.findall(text or "")
    return Counter(
        tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n]
    )


def shingle_matching(true: str, pred: str) -> tuple[float, float, float]:
    """Normalised (TP, FP, FN) of one page, as evaluate.py's string_shingle_matching."""
    truth, predicted = _shingles(true), _shingles(pred)
    tp = sum((truth & predicted).values())
    fp = sum((predicted - truth).values())
    fn = sum((truth - predicted).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def score(pages: list[tuple[float, float, float]]) -> dict[str, float]:
    precision = statistics.mean(_precision(*p) for p in pages if p[0] + p[1] > 0)
    recall = statistics.mean(_recall(*p) for p in pages if p[0] + p[2] > 0)
    return {"precision": precision, "recall": recall, "f1": 2 * precision * recall / (precision + recall)}


# --- the extractors ---------------------------------------------------------------------------

def trafilatura_extractor() -> Callable[[bytes, str], str]:
    import trafilatura

    def run(html: bytes, url: str) -> str:
        return trafilatura.extract(html, favor_precision=True, include_comments=False) or ""

    return run


def wirewatch_extractor() -> Callable[[bytes, str], str]:
    from wirewatch.document import SourceItem
    from wirewatch.errors import InputError
    from wirewatch.extract import extract

    def run(html: bytes, url: str) -> str:
        try:
            return extract(SourceItem(content=html, content_type="text/html", url=url)).text
        except InputError:
            return ""

    return run


def load_pages(folder: Path, limit: int | None) -> list[tuple[str, bytes, str, str]]:
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth)[:limit]:
        plain, packed = folder / "html" / f"{page_id}.html", folder / "html" / f"{page_id}.html.gz"
        html = plain.read_bytes() if plain.exists() else gzip.decompress(packed.read_bytes())
        pages.append((page_id, html, truth[page_id].get("url") or "", truth[page_id]["articleBody"]))
    return pages


def load_readability_pages(folder: Path, subset: str) -> dict[str, list[tuple[str, bytes, str, str]]]:
    """The readability test pages by row: "news" (39), "all" (90) or only "dev" (the 51 others)."""
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    sources: dict[str, bytes] = {}
    with tarfile.open(folder / "pages.tar.xz") as archive:
        for member in archive.getmembers():
            if member.isfile():
                sources[Path(member.name).name] = archive.extractfile(member).read()
    pages = {
        page_id: (page_id, sources[entry["file"]], entry.get("url") or "", entry["text"])
        for page_id, entry in sorted(gold.items())
    }
    news = [pages[i] for i in pages if gold[i].get("news")]
    others = [pages[i] for i in pages if not gold[i].get("news")]
    if subset == "dev":
        return {"non-news (dev)": others}
    rows = {"news": news, "all": list(pages.values())}
    return rows if subset == "all" else {"news": news}


def run_benchmark(pages: list[tuple[str, bytes, str, str]]) -> dict[str, dict]:
    extractors = {"trafilatura": trafilatura_extractor(), "wirewatch": wirewatch_extractor()}
    for run in extractors.values():  # warm-up: imports, models, caches
        run(pages[0][1], pages[0][2])
    matches: dict[str, list] = {name: [] for name in extractors}
    seconds = dict.fromkeys(extractors, 0.0)
    names = list(extractors)
    for index, (_, html, url, truth) in enumerate(pages):
        for name in names if index % 2 == 0 else reversed(names):
            start = time.process_time()
            text = extractors[name](html, url)
            seconds[name] += time.process_time() - start
            matches[name].append(shingle_matching(truth, text))
    results = {}
    for name in names:
        results[name] = {**score(matches[name]), "pages_per_s": len(pages) / max(seconds[name], 1e-9)}
    base, ours = results["trafilatura"], results["wirewatch"]
    results["ratio"] = {"f1": ours["f1"] / base["f1"], "pages_per_s": ours["pages_per_s"] / base["pages_per_s"]}
    return results


def _print_table(label: str, pages: int, results: dict[str, dict]) -> None:
    print(f"{label}, {pages} pages")
    print(f"{'extractor':<12} {'precision':>9} {'recall':>7} {'F1':>7} {'pages/s':>8}")
    for name in ("trafilatura", "wirewatch"):
        r = results[name]
        print(f"{name:<12} {r['precision']:>9.4f} {r['recall']:>7.4f} {r['f1']:>7.4f} {r['pages_per_s']:>8.1f}")
    ratio = results["ratio"]
    lead = results["wirewatch"]["f1"] - results["trafilatura"]["f1"]
    print(f"{'ratio':<12} {'':>9} {'':>7} {ratio['f1']:>7.3f} {ratio['pages_per_s']:>8.2f}"
          f"   (wirewatch / trafilatura; F1 lead {lead:+.4f})")
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dataset", type=Path, default=None,
                        help="Scrapinghub benchmark folder (default: ../shared/datasets/article-extraction-benchmark)")
    parser.add_argument("--readability-dataset", type=Path, default=None,
                        help="readability test pages folder (default: ../shared/datasets/readability-testpages)")
    parser.add_argument("--readability", choices=("all", "news", "dev", "none"), default="all",
                        help="readability rows: news and all 90 (default), news only, the non-news "
                             "development pages only, or none")
    parser.add_argument("--skip-scrapinghub", action="store_true", help="score only the readability pages")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N Scrapinghub pages (by id)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    shared = Path(os.environ.get("WIREWATCH_SHARED", _DEFAULT_SHARED))
    folder = args.dataset or shared / "datasets" / "article-extraction-benchmark"
    readability = args.readability_dataset or shared / "datasets" / "readability-testpages"
    sets: dict[str, list[tuple[str, bytes, str, str]]] = {}
    if not args.skip_scrapinghub:
        if not (folder / "ground-truth.json").is_file():
            print(f"error: benchmark data not found in {folder}", file=sys.stderr)
            return 2
        sets["article-extraction-benchmark"] = load_pages(folder, args.limit)
    if args.readability != "none":
        if not (readability / "gold.json").is_file():
            print(f"error: readability test pages not found in {readability}", file=sys.stderr)
            return 2
        for row, pages in load_readability_pages(readability, args.readability).items():
            sets[f"readability-testpages {row}"] = pages
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    results = {label: run_benchmark(pages) for label, pages in sets.items()}
    if args.json:
        if list(results) == ["article-extraction-benchmark"]:  # the one-set shape older callers read
            pages = sets["article-extraction-benchmark"]
            print(json.dumps({"pages": len(pages), **results["article-extraction-benchmark"]}, indent=2))
        else:
            print(json.dumps({label: {"pages": len(sets[label]), **r} for label, r in results.items()}, indent=2))
        return 0
    for label, result in results.items():
        _print_table(label, len(sets[label]), result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
