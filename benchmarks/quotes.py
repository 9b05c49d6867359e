"""Direct-quote detection and attribution on PolNeAR (whole articles as input).

Gold: the attributions of the split whose content is a direct quotation — at least a quarter of
the content's non-space characters lie inside double quotation marks and one quoted stretch has
two or more words, counting the quotation marks right outside an annotated piece (annotators
sometimes leave a piece's opening mark out). Multiply annotated articles use their first
annotation file. PolNeAR's README asks that the test split be used for final numbers
only: develop against `--split dev`.

wirewatch reads each article as `wirewatch.analyze` reads plain text: the first line is the
title, quotes are found in the body after it (offsets shifted back); a gold quote in a headline
counts as missed.

A predicted quote matches a gold content when at least half of its characters lie in the content's
annotated pieces (a partial quote in reported speech, "X told Y that China remained “open to
dialogue”", can only ever cover the quoted part of its content). A (speaker, quote) pair is right
when the quote matches and `speaker_mention` overlaps the gold source span.

Two countings, both printed:
- one-to-one (the headline): each gold quote is matched by at most one prediction and each
  prediction matches at most one gold quote (a maximum bipartite matching, computed separately
  for quotes and for pairs). Before matching, the predicted fragments of one split gold quote
  ("“A,” he said. “B.”", two quotes for wirewatch, one for PolNeAR) that have the same speaker
  (entity, or the same speaker words when unresolved; an unattributed fragment never merges)
  become one prediction. Precision is matched predictions over predictions, recall matched gold
  quotes over gold quotes.
- any-match (the first versions of this benchmark): a prediction counts when it matches any gold
  quote, a gold quote when any prediction matches it; several predictions can share one gold
  quote, so it overstates both.

Baseline, measured in the same run and scored the same way: every paired quotation mark (no
filtering) attributed to the nearest PERSON mention of the NER in the same paragraph.

PolNeAR text is copyrighted: it is read from ../shared and never copied or shipped.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from wirewatch.nlp.analyze import analyze_text
from wirewatch.nlp.pipeline import load_pipeline
from wirewatch.nlp.quotes import find_quote_spans

SHARED = Path(os.environ.get("WIREWATCH_SHARED") or Path(__file__).resolve().parents[1] / ".." / "shared")
_DOUBLE_QUOTED = re.compile(r"[“\"]([^“”\"]*)[”\"]?")


@dataclass
class GoldQuote:
    start: int
    end: int
    sources: list[tuple[int, int]]
    pieces: list[tuple[int, int]]  # the annotated content spans (a split quote has several)


@dataclass
class Predicted:
    start: int
    end: int
    speaker: tuple[int, int] | None
    speaker_key: str | tuple[int, int] | None = None  # entity id, else the speaker words' span
    pieces: list[tuple[int, int]] = field(default_factory=list)  # merged fragments (else whole)
    speakers: list[tuple[int, int]] = field(default_factory=list)  # every fragment's speaker

    def __post_init__(self) -> None:
        self.pieces = self.pieces or [(self.start, self.end)]
        self.speakers = self.speakers or ([self.speaker] if self.speaker else [])
        if self.speaker_key is None and self.speaker is not None:
            self.speaker_key = self.speaker


def _spans(offsets: str) -> list[tuple[int, int]]:
    return [tuple(int(x) for x in part.split()) for part in offsets.split(";")]  # type: ignore[misc]


def _quoted_fraction(content: str) -> float:
    inside, quoted, total = False, 0, 0
    for ch in content:
        if ch == "“":
            inside = True
        elif ch == "”":
            inside = False
        elif ch == '"':
            inside = not inside
        elif not ch.isspace():
            total += 1
            quoted += inside
    return quoted / total if total else 0.0


def is_direct(content: str) -> bool:
    longest = max((len(s.split()) for s in _DOUBLE_QUOTED.findall(content)), default=0)
    return _quoted_fraction(content) >= 0.25 and longest >= 2


_MARKS = "“”\"‘’'"


def _with_adjacent_marks(text: str, pieces: list[tuple[int, int]]) -> str:
    """The content's words with the quotation marks right outside its annotated pieces: an
    annotator sometimes leaves a piece's opening mark out ("“A,” Graham said. “B”" annotated
    as "“A,”" and "B”"), which would make a direct quote look like reported speech."""
    words = []
    for start, end in pieces:
        start -= start > 0 and text[start - 1] in _MARKS and text[start] not in _MARKS
        end += end < len(text) and text[end] in _MARKS and text[end - 1] not in _MARKS
        words.append(text[start:end])
    return " ".join(words)


def read_gold(ann: Path, text: str | None = None) -> list[GoldQuote]:
    """The direct quotes of one annotation file (`text`: the article, to see the marks next to
    the annotated pieces)."""
    spans: dict[str, tuple[str, list[tuple[int, int]], str]] = {}
    events = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            label, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = (label, _spans(offsets), parts[2] if len(parts) > 2 else "")
        elif parts[0].startswith("E"):
            roles = defaultdict(list)
            for item in parts[1].split():
                if ":" in item:
                    role, ref = item.split(":", 1)
                    roles[re.sub(r"\d+$", "", role)].append(ref)
            events.append(roles)
    gold = []
    for roles in events:
        contents = [spans[r] for r in roles.get("Content", []) if r in spans]
        if not contents:
            continue
        pieces = [p for c in contents for p in c[1]]
        words = " ".join(c[2] for c in contents) if text is None else _with_adjacent_marks(text, pieces)
        if not is_direct(words):
            continue
        sources = [p for r in roles.get("Source", []) if r in spans for p in spans[r][1]]
        gold.append(GoldQuote(min(s for s, _ in pieces), max(e for _, e in pieces), sources, pieces))
    return gold


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _covered(pred: Predicted, gold: GoldQuote) -> int:
    return sum(_overlap(mine, piece) for mine in pred.pieces for piece in gold.pieces)


def matches(pred: Predicted, gold: GoldQuote) -> bool:
    """At least half of the predicted quote's characters lie in the gold content."""
    size = sum(e - s for s, e in pred.pieces)
    return size > 0 and _covered(pred, gold) * 2 >= size


def speaker_right(pred: Predicted, gold: GoldQuote) -> bool:
    return any(_overlap(mine, s) > 0 for mine in pred.speakers for s in gold.sources)


def merge_fragments(predicted: list[Predicted], gold: list[GoldQuote]) -> list[Predicted]:
    """One prediction for the fragments of one gold quote that share an attributed speaker.

    A fragment belongs to the gold quote it matches with the most characters; fragments with
    no speaker, or matching no gold quote, stay as they are.
    """
    groups: dict[tuple[int, object], list[Predicted]] = defaultdict(list)
    merged: list[Predicted] = []
    for pred in predicted:
        owners = [(i, _covered(pred, g)) for i, g in enumerate(gold) if matches(pred, g)]
        if pred.speaker_key is None or not owners:
            merged.append(pred)
            continue
        owner = max(owners, key=lambda item: item[1])[0]
        groups[owner, pred.speaker_key].append(pred)
    for fragments in groups.values():
        if len(fragments) == 1:
            merged.append(fragments[0])
            continue
        merged.append(Predicted(
            min(p.start for p in fragments), max(p.end for p in fragments), fragments[0].speaker,
            fragments[0].speaker_key, [piece for p in fragments for piece in p.pieces],
            [s for p in fragments for s in p.speakers],
        ))
    return sorted(merged, key=lambda p: p.start)


def maximum_matching(edges: dict[int, list[int]]) -> int:
    """Size of a maximum bipartite matching (Kuhn's augmenting paths; graphs here are tiny)."""
    owner: dict[int, int] = {}

    def augment(left: int, seen: set[int]) -> bool:
        for right in edges.get(left, ()):
            if right in seen:
                continue
            seen.add(right)
            if right not in owner or augment(owner[right], seen):
                owner[right] = left
                return True
        return False

    return sum(augment(left, set()) for left in edges)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _scores(counts: dict[str, int]) -> dict[str, float]:
    qp = counts["quote_tp_p"] / max(counts["pred"], 1)
    qr = counts["quote_tp_r"] / max(counts["gold"], 1)
    pp = counts["pair_tp_p"] / max(counts["pred"], 1)
    pr = counts["pair_tp_r"] / max(counts["gold"], 1)
    return {
        "quotes": counts["pred"], "gold": counts["gold"], "quote_p": qp, "quote_r": qr,
        "quote_f1": _f1(qp, qr), "pair_p": pp, "pair_r": pr, "pair_f1": _f1(pp, pr),
    }


def score_one_to_one(pairs: list[tuple[list[Predicted], list[GoldQuote]]]) -> dict[str, float]:
    """The headline: split fragments merged, then each gold quote matched at most once."""
    counts: dict[str, int] = defaultdict(int)
    for predicted, gold in pairs:
        predicted = merge_fragments(predicted, gold)
        counts["pred"] += len(predicted)
        counts["gold"] += len(gold)
        quote_edges = {i: [j for j, g in enumerate(gold) if matches(p, g)] for i, p in enumerate(predicted)}
        pair_edges = {
            i: [j for j in quote_edges[i] if speaker_right(p, gold[j])] for i, p in enumerate(predicted)
        }
        quote_matched, pair_matched = maximum_matching(quote_edges), maximum_matching(pair_edges)
        counts["quote_tp_p"] += quote_matched
        counts["quote_tp_r"] += quote_matched
        counts["pair_tp_p"] += pair_matched
        counts["pair_tp_r"] += pair_matched
    return _scores(counts)


def score_any_match(pairs: list[tuple[list[Predicted], list[GoldQuote]]]) -> dict[str, float]:
    """Every prediction that matches some gold quote counts, and every gold quote matched."""
    counts: dict[str, int] = defaultdict(int)
    for predicted, gold in pairs:
        counts["pred"] += len(predicted)
        counts["gold"] += len(gold)
        counts["quote_tp_p"] += sum(any(matches(p, g) for g in gold) for p in predicted)
        counts["quote_tp_r"] += sum(any(matches(p, g) for p in predicted) for g in gold)
        counts["pair_tp_p"] += sum(any(matches(p, g) and speaker_right(p, g) for g in gold) for p in predicted)
        counts["pair_tp_r"] += sum(any(matches(p, g) and speaker_right(p, g) for p in predicted) for g in gold)
    return _scores(counts)


SCORINGS = {"one-to-one": score_one_to_one, "any-match": score_any_match}


def body_start(text: str) -> int:
    """Where the body starts: PolNeAR's first line is the headline, and `wirewatch.analyze`
    takes a plain text's first line as the title and finds quotes in the body only."""
    first_break = text.find("\n")
    if first_break == -1:
        return 0
    return len(text) - len(text[first_break:].lstrip("\n"))


def baseline(text: str, nlp, offset: int = 0) -> list[Predicted]:
    """Every paired mark of the body, attributed to the nearest PERSON in its paragraph."""
    doc = nlp(text)
    persons = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"]
    predicted = []
    for span in find_quote_spans(text):
        if span.start < offset:
            continue
        para_start = text.rfind("\n", 0, span.start) + 1
        para_end = text.find("\n", span.end)
        para_end = len(text) if para_end == -1 else para_end
        near = [p for p in persons if para_start <= p[0] and p[1] <= para_end and not span.start <= p[0] < span.end]
        speaker = min(near, key=lambda p: min(abs(p[0] - span.end), abs(span.start - p[1])), default=None)
        predicted.append(Predicted(span.start, span.end, speaker))
    return predicted


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", default="test", choices=["train", "dev", "test"])
    parser.add_argument("--limit", type=int, default=0, help="first N articles only (0: all)")
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: the shipped one)")
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared datasets folder")
    parser.add_argument("--errors", action="store_true", help="print missed and wrong pairs")
    args = parser.parse_args()
    root = args.shared / "datasets" / "polnear" / "data" / args.split
    if not (root / "text").is_dir():
        print(f"PolNeAR texts not found at {root}", file=sys.stderr)
        return 2
    nlp = load_pipeline(args.model)
    by_doc: dict[str, Path] = {}
    for ann in sorted((root / "attributions").glob("*.ann")):
        by_doc.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    documents = sorted(by_doc.items())
    if args.limit:
        documents = documents[: args.limit]
    ours, base = [], []
    started = time.perf_counter()
    for name, ann in documents:
        text = (root / "text" / f"{name}.txt").read_text(encoding="utf-8")
        gold = read_gold(ann, text)
        offset = body_start(text)
        _, quotes, _ = analyze_text(text[offset:], nlp=nlp)
        predicted = [
            Predicted(
                q.start + offset, q.end + offset,
                (q.speaker_mention.start + offset, q.speaker_mention.end + offset) if q.speaker_mention else None,
                q.speaker_entity,
            )
            for q in quotes
        ]
        ours.append((predicted, gold))
        base.append((baseline(text, nlp, offset), gold))
        if args.errors:
            _print_errors(name, text, merge_fragments(predicted, gold), gold)
    elapsed = time.perf_counter() - started
    gold_count = sum(len(g) for _, g in ours)
    print(f"PolNeAR {args.split}: {len(documents)} articles, {gold_count} direct quotes, {elapsed:.1f}s")
    print(f"{'counting':<11}{'metric':<10}{'wirewatch':>11}{'baseline':>10}{'ratio':>8}")
    for counting, scoring in SCORINGS.items():
        ours_score, base_score = scoring(ours), scoring(base)
        for key in ("quotes", "quote_p", "quote_r", "quote_f1", "pair_p", "pair_r", "pair_f1"):
            a, b = ours_score[key], base_score[key]
            shown = (f"{a:>11d}{b:>10d}" if key == "quotes" else f"{a:>11.3f}{b:>10.3f}")
            print(f"{counting:<11}{key:<10}{shown}{(a / b if b else float('nan')):>8.2f}")
    return 0


def _print_errors(name: str, text: str, predicted: list[Predicted], gold: list[GoldQuote]) -> None:
    """Gold quotes no prediction matches, matched ones with the wrong speaker, and extras."""
    for g in gold:
        hits = [p for p in predicted if matches(p, g)]
        if not hits:
            print(f"MISS {name} {text[g.start:g.end][:90]!r}")
        elif not any(speaker_right(p, g) for p in hits):
            said = [text[p.speaker[0]:p.speaker[1]] if p.speaker else None for p in hits]
            gold_src = [text[s:e] for s, e in g.sources]
            print(f"SPKR {name} {text[g.start:g.end][:60]!r} got {said} gold {gold_src}")
        elif len(hits) > 1:
            print(f"MANY {name} {text[g.start:g.end][:60]!r} {len(hits)} predictions")
    for p in predicted:
        if not any(matches(p, g) for g in gold):
            print(f"XTRA {name} {text[p.start:p.end][:90]!r}")


if __name__ == "__main__":
    sys.exit(main())
