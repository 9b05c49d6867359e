"""Build `wirewatch/nlp/first_names.txt`: first names and the pronoun gender they go with.

    python training/first_names.py [--datasets DIR]

Quote attribution reads "she said" as a woman; an article does not always say which of its
people is a woman, but a first name often does. This table is learned, not written: GUM's
coreference layer links each person's name mentions ("Daniel Bernoulli") to the pronouns that
refer to them (he, his, him: `Gender=Masc`), so every person GUM annotates is a vote for their
first name's gender. Counted over GUM's openly licensed genres (annotations CC BY 4.0, see
docs/model.md); a name is listed when all its people agree and it is not an ordinary word
(`common_words.txt`).
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "wirewatch" / "nlp" / "first_names.txt"
_MENTION = re.compile(r"\((?P<open>\d+)-(?P<type>[a-z]+)[^()]*(?P<self>\))?|(?P<close>\d+)\)")
_GENDER = re.compile(r"Gender=(Fem|Masc)")
_NOT_FIRST = {
    "mr", "mrs", "ms", "dr", "sir", "president", "vice", "minister", "prime", "king", "queen",
    "prince", "princess", "pope", "general", "gen", "senator", "sen", "rep", "governor", "judge",
    "secretary", "chairman", "captain", "lord", "lady", "saint", "st", "prof", "professor",
    "the", "uncle", "aunt", "mother", "father", "brother", "sister", "emperor", "empress",
    "count", "duke", "miss", "madam", "mister", "doctor", "officer", "agent", "detective",
    "attorney", "justice", "dame", "tsar", "czar", "chief", "new", "old", "young", "little",
}


def read_document(path: Path) -> list[list[list[str]]]:
    """Sentences of a gzipped CoNLL-U file as rows of columns (multiword lines dropped)."""
    sentences, sentence = [], []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line:
                if sentence:
                    sentences.append(sentence)
                sentence = []
            elif not line.startswith("#"):
                columns = line.split("\t")
                if "-" not in columns[0] and "." not in columns[0]:
                    sentence.append(columns)
    if sentence:
        sentences.append(sentence)
    return sentences


def person_votes(path: Path) -> list[tuple[str, str]]:
    """(first name, "f"/"m") for each person of one document whose pronouns agree."""
    names: dict[str, set[str]] = defaultdict(set)
    genders: dict[str, Counter] = defaultdict(Counter)
    open_mentions: dict[str, list[tuple[str, list[list[str]]]]] = defaultdict(list)
    for sentence in read_document(path):
        tokens: list[list[str]] = []
        for columns in sentence:
            misc = dict(part.split("=", 1) for part in columns[9].split("|") if "=" in part)
            entity = misc.get("Entity", "")
            tokens.append(columns)
            for match in _MENTION.finditer(entity):
                if match.group("open"):
                    mention = (match.group("type"), [])
                    open_mentions[match.group("open")].append(mention)
                    if match.group("self"):
                        _finish(match.group("open"), mention, [columns], names, genders)
                        open_mentions[match.group("open")].pop()
            for stack in open_mentions.values():
                for _, words in stack:
                    words.append(columns)
            for match in _MENTION.finditer(entity):
                if match.group("close") and open_mentions.get(match.group("close")):
                    mention = open_mentions[match.group("close")].pop()
                    _finish(match.group("close"), mention, mention[1], names, genders)
    votes = []
    for entity_id, tally in genders.items():
        if len(tally) != 1:
            continue
        gender = next(iter(tally))
        votes.extend((name, gender) for name in names.get(entity_id, ()))
    return votes


def _finish(entity_id, mention, words, names, genders) -> None:
    kind, _ = mention
    if kind != "person" or not words:
        return
    if len(words) == 1 and words[0][3] == "PRON":
        gender = _GENDER.search(words[0][5])
        if gender:
            genders[entity_id]["f" if gender.group(1) == "Fem" else "m"] += 1
        return
    if len(words) >= 2 and words[0][3] == "PROPN" and words[1][3] == "PROPN":
        first = words[0][1]
        if first.isalpha() and first[0].isupper() and not first.isupper() and first.lower() not in _NOT_FIRST:
            names[entity_id].add(first)


def first_names(files: list[Path]) -> dict[str, str]:
    tally: dict[str, Counter] = defaultdict(Counter)
    for path in files:
        for name, gender in person_votes(path):
            tally[name][gender] += 1
    return {name: next(iter(c)) for name, c in sorted(tally.items()) if len(c) == 1}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    env = os.environ.get("WIREWATCH_SHARED")
    parser.add_argument("--datasets", type=Path,
                        default=(Path(env) if env else ROOT / ".." / "shared") / "datasets")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from training.convert import GUM_OPEN_GENRES

    files = [
        path for path in sorted((args.datasets / "gum" / "dep").glob("GUM_*.conllu.gz"))
        if path.name.split("_")[1] in GUM_OPEN_GENRES
    ]
    if not files:
        parser.error(f"no GUM files under {args.datasets}")
    # Words English writes in lower case ("Attorney", "Justice" as a title) are no first names.
    common = set((ROOT / "wirewatch" / "nlp" / "common_words.txt").read_text(encoding="utf-8").split())
    table = {name: g for name, g in first_names(files).items() if name.lower() not in common}
    header = (
        "# first name <TAB> f|m, learned from GUM's coreference (open genres, CC BY 4.0) by "
        "training/first_names.py\n"
    )
    args.output.write_text(header + "".join(f"{n}\t{g}\n" for n, g in table.items()), encoding="utf-8")
    print(f"{len(table)} first names from {len(files)} GUM documents -> {args.output}")


if __name__ == "__main__":
    main()
