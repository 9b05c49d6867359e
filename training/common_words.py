"""Build `wirewatch/nlp/common_words.txt`: English words that are almost never written capitalised
except at the start of a sentence.

    python training/common_words.py [--datasets DIR]

The NER sometimes tags a capitalised sentence opener as a name ("Look, ...", "Alright.",
"Thus ...", "Born in ..."). Whether a capitalised word is a name or just the first word of a
sentence is a fact about the word: "look" is written in lower case 125 times in the corpora below
and capitalised inside a sentence 4 times; "bush" once and 205 times. The propagation component
(`wirewatch/nlp/propagation.py`) drops a one-word entity that opens a sentence when its word is
in this list and the article gives no other sign that it is a name.

Counted over the training splits of UD English EWT and of GUM's openly licensed genres (the same
corpora as the model; see docs/model.md): a word is listed when it is alphabetic, seen in lower
case at least `MIN_LOWER` times, and at least `MIN_SHARE` of its sentence-internal occurrences
are lower case. Words at the start of a sentence are not counted either way.
"""

from __future__ import annotations

import argparse
import gzip
import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "wirewatch" / "nlp" / "common_words.txt"
MIN_LOWER = 2
MIN_SHARE = 0.9


def conllu_sentences(path: Path) -> Iterator[list[str]]:
    """The word forms of each sentence of a CoNLL-U file (plain or gzipped)."""
    opener = gzip.open if path.suffix == ".gz" else open
    sentence: list[str] = []
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line:
                if sentence:
                    yield sentence
                sentence = []
            elif not line.startswith("#"):
                columns = line.split("\t")
                if "-" not in columns[0] and "." not in columns[0]:  # no multiword or empty nodes
                    sentence.append(columns[1])
    if sentence:
        yield sentence


def corpus_files(datasets: Path) -> list[Path]:
    import sys

    sys.path.insert(0, str(ROOT))
    from training.convert import GUM_OPEN_GENRES, gum_split

    split = gum_split(datasets)
    gum = [
        path for path in sorted((datasets / "gum" / "dep").glob("GUM_*.conllu.gz"))
        if split.get(path.name.split(".")[0]) == "train" and path.name.split("_")[1] in GUM_OPEN_GENRES
    ]
    return sorted((datasets / "ud-english-ewt").glob("*train*.conllu")) + gum


def count_cases(files: list[Path]) -> tuple[Counter, Counter]:
    """(lower-case occurrences, capitalised sentence-internal occurrences) per lower-cased word."""
    lower: Counter = Counter()
    capitalised: Counter = Counter()
    for path in files:
        for sentence in conllu_sentences(path):
            for position, word in enumerate(sentence):
                if not word.isalpha():
                    continue
                if word.islower():
                    lower[word] += 1
                elif position > 0 and word[0].isupper() and not word.isupper():
                    capitalised[word.lower()] += 1
    return lower, capitalised


def common_words(lower: Counter, capitalised: Counter) -> list[str]:
    return sorted(
        word for word, count in lower.items()
        if count >= MIN_LOWER and count / (count + capitalised[word]) >= MIN_SHARE
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    env = os.environ.get("WIREWATCH_SHARED")
    parser.add_argument("--datasets", type=Path,
                        default=(Path(env) if env else ROOT / ".." / "shared") / "datasets")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    files = corpus_files(args.datasets)
    if not files:
        parser.error(f"no UD English EWT or GUM files under {args.datasets}")
    words = common_words(*count_cases(files))
    header = (
        "# Words almost never capitalised inside a sentence (wirewatch/nlp/propagation.py uses them).\n"
        "# Made by training/common_words.py from the training splits of UD English EWT (CC BY-SA 4.0)\n"
        "# and GUM's academic, court, bio, voyage, news and interview genres (CC BY 4.0 annotations;\n"
        "# texts CC BY 4.0 / CC BY-SA 3.0 / CC BY 2.5); this list is shared under CC BY-SA 4.0.\n"
        f"# Rule: seen in lower case >= {MIN_LOWER} times and >= {MIN_SHARE:.0%} of sentence-internal uses.\n"
    )
    args.output.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words from {len(files)} files -> {args.output}")


if __name__ == "__main__":
    main()
