"""Throughput of the whole NLP analysis (`analyze_text`) on one core, and the MT-flag rate.

Reads real news articles from ECB+ (../shared/datasets/ecbplus-news/ecbplus.jsonl), runs the
spaCy pipeline alone (the baseline) and then the whole analysis over the same articles, and
prints words per second for both and their ratio. It also prints how many articles the
machine-translation flag marks (ECB+ is professionally edited news: the target is at most 2%).
Run it with OMP_NUM_THREADS=1 (the analysis itself is single-threaded).

Times are CPU seconds of this process by default (`--clock cpu`): for a single-threaded run that
is the wall time one free core would take, and it stays meaningful on a machine shared with
other jobs, where wall time (`--clock wall`) mostly measures the neighbours.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from wirewatch.nlp.analyze import analyze_text
from wirewatch.nlp.pipeline import load_pipeline

SHARED = Path(os.environ.get("WIREWATCH_SHARED") or Path(__file__).resolve().parents[1] / ".." / "shared")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=300, help="articles timed (default 300)")
    parser.add_argument("--repeat", type=int, default=3, help="best of N timed passes")
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: the shipped one)")
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared datasets folder")
    parser.add_argument("--show-flagged", action="store_true", help="print flagged articles")
    parser.add_argument("--clock", default="cpu", choices=["cpu", "wall"],
                        help="CPU time of this process (default) or wall-clock time")
    args = parser.parse_args()
    path = args.shared / "datasets" / "ecbplus-news" / "ecbplus.jsonl"
    if not path.is_file():
        print(f"ECB+ not found at {path}", file=sys.stderr)
        return 2
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = [r["text"] for r in records]
    timed = texts[: args.articles]
    words = sum(len(t.split()) for t in timed)
    nlp = load_pipeline(args.model)
    for text in timed[:20]:  # warm-up
        analyze_text(text, nlp=nlp)

    clock = time.process_time if args.clock == "cpu" else time.perf_counter

    def best(run) -> float:
        times = []
        for _ in range(args.repeat):
            started = clock()
            run()
            times.append(clock() - started)
        return min(times)

    pipeline_s = best(lambda: [nlp(t) for t in timed])
    analysis_s = best(lambda: [analyze_text(t, nlp=nlp) for t in timed])
    flagged = []
    for record in records:
        _, _, quality = analyze_text(record["text"], nlp=nlp)
        if quality.machine_translation_suspected:
            flagged.append((record.get("id"), quality.signals))
    print(f"ECB+: {len(timed)} articles, {words} words timed ({args.clock} time, best of "
          f"{args.repeat}); pipeline: {', '.join(nlp.pipe_names)}; MT flag over all {len(records)}")
    print(f"{'measure':<28}{'value':>12}{'ratio':>8}")
    print(f"{'spaCy pipeline alone, w/s':<28}{words / pipeline_s:>12,.0f}{1.0:>8.2f}")
    print(f"{'analyze_text, w/s':<28}{words / analysis_s:>12,.0f}{pipeline_s / analysis_s:>8.2f}")
    print(f"{'MT-flagged articles':<28}{len(flagged):>12d}{len(flagged) / len(records):>8.1%}")
    if args.show_flagged:
        for record_id, signals in flagged:
            print(record_id, signals)
    return 0


if __name__ == "__main__":
    sys.exit(main())
