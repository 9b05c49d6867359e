"""A copy of a pipeline with its `ner` component replaced by another trained NER's.

    python training/swap_ner.py NER_MODEL OUT [--base wirewatch/models/en_wirewatch]

For trying an NER inside the whole shipped pipeline (tagger, parser, `ner_news`, the backstop
and agreement components, propagation: every other component and the tokenizer stay as they
are) without retraining or touching the package: OUT must lie outside wirewatch/models.
Score it with `benchmarks/ner.py --dev --model OUT` and `training/evaluate.py OUT --full`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import spacy

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "wirewatch" / "models" / "en_wirewatch"


def swap_ner(base: Path, ner_model: Path, out: Path) -> list[str]:
    """Save `base` with its `ner` taken from `ner_model` to `out`; returns the pipe names."""
    sys.path.insert(0, str(ROOT))
    import wirewatch.nlp  # noqa: F401  registers the wirewatch components the base config names

    if out.resolve().is_relative_to((ROOT / "wirewatch").resolve()):
        raise SystemExit(f"{out}: write the experiment outside the package")
    nlp = spacy.load(base)
    names = nlp.pipe_names
    position = names.index("ner")
    nlp.remove_pipe("ner")
    following = names[position + 1] if position + 1 < len(names) else None
    nlp.add_pipe("ner", source=spacy.load(ner_model),
                 **({"before": following} if following else {}))
    assert nlp.pipe_names == names, (nlp.pipe_names, names)
    nlp.meta["description"] = f"{nlp.meta.get('description', '')} (ner from {ner_model})"
    nlp.to_disk(out)
    spacy.load(out)  # it must load as saved
    return nlp.pipe_names


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ner_model", type=Path, help="a trained pipeline whose `ner` is used")
    parser.add_argument("out", type=Path, help="where the new pipeline is saved")
    parser.add_argument("--base", type=Path, default=SHIPPED, help="the pipeline copied")
    args = parser.parse_args(argv)
    print(f"saved {swap_ner(args.base, args.ner_model, args.out)} to {args.out}")


if __name__ == "__main__":
    main()
