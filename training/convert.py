"""Turn the training corpora into spaCy DocBin files under training/corpus/.

    python training/convert.py [--datasets DIR] [--out training/corpus]

Writes:
  ner-train.spacy  CoNLL-2003 train (conllpp_train.txt), one Doc per -DOCSTART- document
  ner-dev.spacy    CoNLL-2003 dev (conllpp_dev.txt)
  ner-full.spacy   train + dev (first NER stage; see docs/model.md)
  ner-mixed.spacy  CoNLL train + dev + GUM train (NER fine-tune, training/ner_gum.cfg, --gum)
  ner-mixdev.spacy CoNLL dev + GUM dev; ner-gumdev.spacy GUM dev alone
  ner-names.json   PERSON / ORG / GPE names of ner-mixed, for the entity-swap augmenter
  ner-mixed-open-uner.spacy  the open mix + UNER English EWT test; ner-unerdev.spacy UNER dev
                   (an experiment, not what ships: docs/model.md, "Tried on development data")
  ud-train.spacy   UD English EWT train (tags, morphology, dependencies, sentences)
  ud-dev.spacy     UD English EWT dev

CoNLL labels are refined into wirewatch's record types (PER -> PERSON; LOC -> GPE or LOC;
MISC -> NORP, EVENT or MISC) with the deterministic rules in `refine_label`, written down in
docs/model.md. WikiGold is never read here: it is kept for evaluation only.
"""

from __future__ import annotations

import argparse
import json
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin, Span
from spacy.training.converters import conllu_to_docs

# LOC spans naming a physical place rather than a country/state/city: these stay LOC.
_NON_GPE_WORDS = {
    "river", "sea", "ocean", "lake", "mountain", "mountains", "mount", "mt", "mt.", "gulf",
    "bay", "strait", "straits", "peninsula", "desert", "valley", "coast", "island", "islands",
    "channel", "canal", "forest", "park", "street", "avenue", "road", "square", "bridge",
    "airport", "stadium", "hills", "heights", "basin", "plain", "plains", "delta", "pass",
    "glacier", "reef", "falls", "highway", "circuit", "arena",
}
_REGIONS = {
    "europe", "asia", "africa", "america", "north america", "south america", "latin america",
    "central america", "antarctica", "australasia", "middle east", "mideast", "far east",
    "balkans", "caribbean", "scandinavia", "gulf", "the gulf", "west bank", "gaza strip", "gaza",
    "siberia", "kashmir", "sahara", "atlantic", "pacific", "mediterranean", "baltic", "arctic",
    "himalayas", "alps", "eastern europe", "western europe", "central europe", "southeast asia",
    "east asia", "central asia", "south asia", "north africa", "west africa", "east africa",
    "southern africa", "persian gulf", "golan heights", "golan", "sinai", "caucasus",
    "indian ocean", "north sea", "black sea", "red sea", "horn of africa", "great lakes",
    "wall street", "downing street", "capitol hill", "silicon valley", "midwest", "south",
    "north", "east", "west",
}
# MISC spans that are nationalities / religious or political groups (NORP).
_DEMONYM = re.compile(
    r"^(?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?:ian|ean|an|ese|ish|i|ic|ch|ss|ot|ene|ine|er|ite)s?|"
    r"Thai|Swiss|French|Dutch|Greek|Czech|Slovak|Basque|Kurd|Kurds|Serb|Serbs|Croat|Croats|"
    r"Pole|Poles|Turk|Turks|Arab|Arabs|Jew|Jews|Sikh|Sikhs|Hindu|Hindus|Muslim|Muslims|Moslem|"
    r"Moslems|Shi'ite|Sunni|Catholic|Catholics|Protestant|Protestants|Buddhist|Islamic|Jewish|"
    r"Christian|Christians|Democrat|Democrats|Republican|Republicans|Communist|Communists|"
    r"Socialist|Socialists|Conservative|Conservatives|Labour|Tory|Tories|Zionist|Maoist|Marxist|"
    r"Kiwi|Kiwis|Briton|Britons|Scot|Scots|Welsh|Irish|Filipino|Filipinos|Lao|Inuit|Maori|Chechen|"
    r"Chechens|Yugoslav|Yugoslavs|Soviet|Islamist|Islamists|Tamil|Tamils|Slav|Slavs)$"
)
_NOT_NORP = {"Open", "Championship", "Cup", "Olympic", "Olympics", "Grand", "Prix"}
_NORP_QUALIFIERS = {"North", "South", "East", "West", "New", "Saudi", "Sri", "Northern", "Southern"}
_GPE_DESPITE_WORDS = {"ivory coast", "gold coast", "cayman islands", "solomon islands", "marshall islands"}
_EVENT_WORDS = {
    "cup", "championship", "championships", "olympics", "olympic", "games", "open", "prix",
    "tour", "war", "world war", "series", "masters", "classic", "trophy", "rally", "marathon",
    "election", "elections", "summit", "festival", "conference", "derby", "grand slam",
    "wimbledon", "super bowl", "revolution", "crisis", "massacre", "olympiad",
}


def refine_label(conll_label: str, words: list[str]) -> str:
    """Map one CoNLL-2003 span to wirewatch's record type; deterministic, documented rules."""
    text = " ".join(words)
    lowered = [w.lower() for w in words]
    if conll_label == "PER":
        return "PERSON"
    if conll_label == "ORG":
        return "ORG"
    if conll_label == "LOC":
        if text.lower() in _GPE_DESPITE_WORDS:
            return "GPE"
        if text.lower() in _REGIONS or any(w in _NON_GPE_WORDS for w in lowered):
            return "LOC"
        return "GPE"
    if conll_label == "MISC":
        if any(w in _EVENT_WORDS for w in lowered) or text.lower() in _EVENT_WORDS:
            return "EVENT"
        titled = [w.title() for w in words]
        if titled[0] in _NORP_QUALIFIERS and len(titled) == 2:
            titled = titled[1:]
        acronym = words[-1].isupper() and len(words[-1]) <= 3  # RBI, DEM: not demonyms
        if (len(titled) == 1 and not acronym and titled[0] not in _NOT_NORP
                and _DEMONYM.match(titled[0])):
            return "NORP"
        return "MISC"
    raise ValueError(f"unknown CoNLL label {conll_label!r}")


@dataclass
class ConllDocument:
    """One -DOCSTART- document: its sentences as (word, IOB tag) pairs."""

    sentences: list[list[tuple[str, str]]]


def read_conll(path: Path) -> Iterator[ConllDocument]:
    """Read CoNLL-2003 style files (word ... tag per line, IOB1 or BIO, -DOCSTART- documents)."""
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            if current:
                sentences.append(current)
                current = []
            continue
        if parts[0] == "-DOCSTART-":
            if current:
                sentences.append(current)
                current = []
            if sentences:
                yield ConllDocument(sentences)
            sentences = []
            continue
        current.append((parts[0], parts[-1]))
    if current:
        sentences.append(current)
    if sentences:
        yield ConllDocument(sentences)


def iob_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, label) spans from IOB1 or BIO tags (an I- after O or another type opens a span)."""
    spans: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, kind = tag.partition("-")
        opens = prefix == "B" or (prefix == "I" and kind != label)
        if label and (prefix == "O" or opens):
            spans.append((start, i, label))
            label = ""
        if opens:
            start, label = i, kind
    return spans


def conll_to_doc(vocab, document: ConllDocument, refine: bool = True) -> Doc:
    words = [w for sent in document.sentences for w, _ in sent]
    tags = [t for sent in document.sentences for _, t in sent]
    sent_starts = [i == 0 for sent in document.sentences for i in range(len(sent))]
    doc = Doc(vocab, words=words, sent_starts=sent_starts)
    doc.ents = [
        doc.char_span(doc[s].idx, doc[e - 1].idx + len(doc[e - 1]),
                      label=refine_label(label, words[s:e]) if refine else label)
        for s, e, label in iob_spans(tags)
    ]
    return doc


def conll_docs(vocab, path: Path, refine: bool = True) -> list[Doc]:
    return [conll_to_doc(vocab, d, refine) for d in read_conll(path)]


def conllu_docs(paths: Iterable[Path], sentences_per_doc: int = 10) -> list[Doc]:
    docs: list[Doc] = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        docs.extend(conllu_to_docs(text, n_sents=sentences_per_doc, no_print=True))
    return docs


# ---- GUM (CC BY 4.0 annotations): named mentions of its entity layer -> record types ----

# GUM entity type -> record type; place is split GPE/LOC with the CoNLL LOC rule below.
# Named abstract/object mentions (works, products, albums, laws...) -> MISC, so the NER learns
# that a capitalised title is not a person.
GUM_TYPES = {"person": "PERSON", "organization": "ORG", "place": "LOC", "event": "EVENT",
             "abstract": "MISC", "object": "MISC"}
# reddit: its text is not distributed (the files hold underscores)
GUM_SKIPPED_GENRES = {"reddit"}
# Genres whose texts gum/LICENSE.txt puts under a licence that allows shipping weights trained on
# them (CC BY / CC BY-SA): academic, court (CC BY 4.0), bio, voyage (CC BY-SA 3.0), news and
# interview (Wikinews, CC BY 2.5). Essays, fiction, letters, podcasts and wikiHow are CC BY-NC-SA;
# conversation, speech, textbook and vlog have no licence stated there.
GUM_OPEN_GENRES = frozenset({"academic", "court", "bio", "voyage", "news", "interview"})
# Function words allowed inside a name ("Bank of England", "Simon & Garfunkel").
_NAME_GLUE = {"of", "the", "and", "&", "de", "la", "du", "von", "van", "der", "for", "'s", "-", "."}
_GUM_TITLES = {
    "mr", "mrs", "ms", "dr", "sir", "president", "vice", "minister", "prime", "king", "queen",
    "prince", "princess", "pope", "general", "gen", "senator", "sen", "rep", "governor", "judge",
    "secretary", "chairman", "captain", "lord", "lady", "saint", "st", "prof", "professor",
    "justice", "emperor", "empress", "duke", "count", "sergeant", "colonel", "officer",
}
_CALENDAR_WORDS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "christmas", "easter", "thanksgiving", "halloween", "ramadan",
}
_ENTITY_PART = re.compile(r"\((\d+)-([a-z]+)-[^()]*?(\))?(?=\(|\d+\)|$)|(\d+)\)")


def gum_split(datasets: Path) -> dict[str, str]:
    """Document name -> split (train/dev/test/test2) from GUM's splits.md."""
    split, result = "", {}
    for line in (datasets / "gum" / "splits.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            split = line[3:].strip()
        elif line.strip().startswith("* "):
            result[line.strip()[2:].strip()] = split
    return result


def _gum_mentions(misc_fields: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, GUM type) of every mention from the CoNLL-U MISC `Entity=` brackets."""
    open_at: dict[str, list[tuple[int, str]]] = defaultdict(list)
    mentions = []
    for i, misc in enumerate(misc_fields):
        value = next((f[7:] for f in misc.split("|") if f.startswith("Entity=")), "")
        for m in _ENTITY_PART.finditer(value):
            if m.group(1):
                if m.group(3):
                    mentions.append((i, i + 1, m.group(2)))
                else:
                    open_at[m.group(1)].append((i, m.group(2)))
            elif open_at.get(m.group(4)):
                start, kind = open_at[m.group(4)].pop()
                mentions.append((start, i + 1, kind))
    return mentions


def _named_part(words: list[str], upos: list[str], start: int, end: int) -> tuple[int, int] | None:
    """The proper-name part of a mention ("the Bank of England" -> "Bank of England"), if any.

    GUM tags "New" in "New York" as ADJ, so names are found by capitalisation: leading words
    that are not capitalised (or are determiners) are trimmed, the rest must be
    capitalised words or name glue ("of", "&"), and at least one must be a PROPN."""
    def capitalised(i: int) -> bool:
        return words[i][:1].isupper() or words[i][:1].isdigit()

    while start < end and (not capitalised(start) or upos[start] in ("DET", "PRON", "ADP", "PUNCT")):
        start += 1
    while end > start and (words[end - 1].lower() in ("'s", "’s", "'", "’") or upos[end - 1] == "PUNCT"):
        end -= 1  # "[Warhol 's]": GUM's possessor mentions include the clitic
    if end <= start or not capitalised(end - 1):
        # "[Keir Starmer]'s speech", "the [Obama] administration": the name only modifies the
        # mention, whose type is not the name's; the name's own nested mention (if annotated)
        # is used instead
        return None
    if end <= start or end - start > 8 or not words[start][:1].isalpha():
        return None
    text = " ".join(words[start:end]).lower()
    if "http" in text or "@" in text or "www" in text or ".com" in text:
        return None
    if not any(u == "PROPN" for u in upos[start:end]):
        return None
    if all(capitalised(i) or words[i].lower() in _NAME_GLUE for i in range(start, end)):
        return start, end
    return None


def _capitalised_runs(words: list[str], upos: list[str], start: int, end: int) -> list[tuple[int, int]]:
    """Runs of capitalised words with a PROPN inside a mention that is not itself a name
    ("[Keir Starmer] 's speech"): names of an unknown type, left out of the NER loss rather than
    taught as non-entities (GUM annotates such a name as its own mention only sometimes)."""
    runs, i = [], start
    while i < end:
        j = i
        while j < end and words[j][:1].isupper():
            j += 1
        if j > i and any(upos[k] == "PROPN" for k in range(i, j)):
            runs.append((i, j))
        i = j + 1
    return runs


def _gum_group_name(words: list[str], xpos: list[str], span: tuple[int, int]) -> bool:
    """A plural demonym or party name ("Americans", "Democrats"): CoNLL calls these MISC, which
    becomes NORP; GUM annotates them as person or organisation groups. Only plural proper nouns
    (NNPS), since the demonym pattern also matches surnames ("Morgan", "Jordan")."""
    start, end = span
    word = words[start]
    return (end - start == 1 and xpos[start] == "NNPS" and word.lower() not in _EVENT_WORDS
            and word.title() not in _NOT_NORP and bool(_DEMONYM.match(word)))


def gum_docs(vocab, datasets: Path, splits: tuple[str, ...],
             genres: frozenset[str] | None = None) -> list[Doc]:
    """GUM documents of the given splits (and `genres`, when given) with their named mentions as
    entities (no reddit: its text is not distributed; no GENTLE test2)."""
    import gzip

    wanted = {name for name, split in gum_split(datasets).items() if split in splits}
    docs = []
    for path in sorted((datasets / "gum" / "dep").glob("GUM_*.conllu.gz")):
        name = path.name.split(".")[0]
        genre = name.split("_")[1]
        if name not in wanted or genre in GUM_SKIPPED_GENRES or (genres and genre not in genres):
            continue
        words, spaces, upos, xpos, misc, sent_starts = [], [], [], [], [], []
        first = True
        for line in gzip.open(path, "rt", encoding="utf-8"):
            line = line.rstrip("\n")
            if not line:
                first = True
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue
            words.append(cols[1])
            spaces.append("SpaceAfter=No" not in cols[9])
            upos.append(cols[3])
            xpos.append(cols[4])
            misc.append(cols[9])
            sent_starts.append(first)
            first = False
        doc = Doc(vocab, words=words, spaces=spaces, sent_starts=sent_starts)
        spans: list[tuple[int, int, str]] = []
        unsure: list[tuple[int, int]] = []  # names whose type GUM does not give: no loss there
        for start, end, kind in _gum_mentions(misc):
            if kind not in GUM_TYPES:
                continue
            named = _named_part(words, upos, start, end)
            if named is None:
                unsure.extend(_capitalised_runs(words, upos, start, end))
                continue
            label = GUM_TYPES[kind]
            if label == "EVENT" and words[named[0]].lower() in _CALENDAR_WORDS:
                continue  # "Thursday", "Christmas Eve": dates, which CoNLL leaves untagged
            if label == "PERSON":  # CoNLL leaves titles out: "(British) President [Biden]"
                while named[1] - named[0] > 1 and (words[named[0]].lower().rstrip(".") in _GUM_TITLES
                                                   or upos[named[0]] == "ADJ"):
                    named = (named[0] + 1, named[1])
                if words[named[0]].lower().rstrip(".") in _GUM_TITLES:
                    continue  # "the Chief Justice": a title alone, not a name
            if kind in ("person", "organization") and _gum_group_name(words, xpos, named):
                label = "NORP"
            if label == "LOC":
                label = refine_label("LOC", words[named[0]:named[1]])
            spans.append((named[0], named[1], label))
        # outermost named mention wins; nested and overlapping ones are dropped
        spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
        taken, ents = -1, []
        for start, end, label in spans:
            if start >= taken:
                ents.append(Span(doc, start, end, label=label))
                taken = end
        covered = {i for ent in ents for i in range(ent.start, ent.end)}
        unknown = {i for s, e in unsure if not covered.intersection(range(s, e)) for i in range(s, e)}
        missing = [Span(doc, i, i + 1) for i in sorted(unknown)]
        doc.set_ents(ents, missing=missing, default="outside")
        docs.append(doc)
    return docs


# ---- UNER English EWT (CC BY-SA 4.0): web text with PER / ORG / LOC ----

UNER_TYPES = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"}


def spacing_from_text(text: str, words: list[str]) -> list[bool]:
    """Whether a space follows each word, read from the sentence's own `# text` line."""
    spaces, position = [], 0
    for word in words:
        found = text.find(word, position)
        if found < 0:
            spaces.append(True)
            continue
        position = found + len(word)
        spaces.append(text[position:position + 1].isspace())
    return spaces


@dataclass
class IobSentence:
    """One sentence of an iob2 file: its own text (`# text = `), its words and their tags."""

    text: str
    words: list[str]
    tags: list[str]


def read_iob2(path: Path) -> list[list[IobSentence]]:
    """The documents (by `# newdoc`) of a UNER iob2 file, each a list of its sentences."""
    documents: list[list[IobSentence]] = []
    text, words, tags = "", [], []

    def close_sentence() -> None:
        nonlocal text, words, tags
        if words:
            if not documents:
                documents.append([])
            documents[-1].append(IobSentence(text, words, tags))
        text, words, tags = "", [], []

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# newdoc"):
            close_sentence()
            documents.append([])
        elif line.startswith("# text = "):
            text = line[len("# text = "):]
        elif line.startswith("#"):
            continue
        elif not line.strip():
            close_sentence()
        else:
            columns = line.split("\t")
            words.append(columns[1])
            tags.append(columns[2])
    close_sentence()
    return [document for document in documents if document]


def uner_docs(vocab, path: Path) -> list[Doc]:
    """UNER English EWT documents (by `# newdoc`) with PER/ORG/LOC as PERSON/ORG/GPE-or-LOC.

    UNER annotates only those three types, so nationalities, products, events and works are
    "O" there although CoNLL teaches them as NORP/MISC/EVENT: a capitalised word outside the
    annotated names is marked unannotated (no loss) rather than taught as a non-entity, except
    where it opens a sentence (there capitalisation says nothing, and "The", "Thanks" are the
    non-entities worth learning). Lower-case words are taught as they are annotated: web text
    writes names in lower case ("tampa bay") and UNER still marks them."""
    docs: list[Doc] = []
    for document in read_iob2(path):
        words: list[str] = []
        spaces: list[bool] = []
        starts: list[bool] = []
        tags: list[str] = []
        for sentence in document:
            words.extend(sentence.words)
            spaces.extend(spacing_from_text(sentence.text, sentence.words)[:-1] + [True])  # then the next sentence
            starts.extend(i == 0 for i in range(len(sentence.words)))
            tags.extend(sentence.tags)
        spaces[-1] = False
        doc = Doc(vocab, words=words, spaces=spaces, sent_starts=starts)
        ents = []
        for s, e, label in iob_spans(tags):
            label = UNER_TYPES.get(label)
            if label is None:
                continue
            if label == "LOC":
                label = refine_label("LOC", words[s:e])
            ents.append(Span(doc, s, e, label=label))
        covered = {i for ent in ents for i in range(ent.start, ent.end)}
        missing = [Span(doc, i, i + 1) for i, word in enumerate(words)
                   if i not in covered and not starts[i] and word[:1].isupper() and word != "I"]
        doc.set_ents(ents, missing=missing, default="outside")
        docs.append(doc)
    return docs


# Entity types whose names training/augment.py swaps between training documents.
SWAPPED_TYPES = ("PERSON", "ORG", "GPE")


def entity_names(docs: list[Doc], labels: tuple[str, ...]) -> dict[str, list[list[str]]]:
    """The distinct names (as token lists) of each label in the training documents, sorted so
    the file is deterministic; the pool for the entity-swap augmenter."""
    forms: dict[str, set[tuple[str, ...]]] = {label: set() for label in labels}
    for doc in docs:
        for ent in doc.ents:
            if ent.label_ in forms and len(ent) <= 5:
                forms[ent.label_].add(tuple(t.text for t in ent))
    return {label: [list(f) for f in sorted(found)] for label, found in forms.items()}


def default_datasets() -> Path:
    env = os.environ.get("WIREWATCH_SHARED")
    shared = Path(env) if env else Path(__file__).resolve().parents[1] / ".." / "shared"
    return shared / "datasets"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", type=Path, default=default_datasets())
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "corpus")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    nlp = spacy.blank("en")
    conll = args.datasets / "conll2003"
    train = conll_docs(nlp.vocab, conll / "conllpp_train.txt")
    dev = conll_docs(nlp.vocab, conll / "conllpp_dev.txt")
    ewt = args.datasets / "ud-english-ewt"
    gum_train = gum_docs(nlp.vocab, args.datasets, ("train",))
    gum_dev = gum_docs(nlp.vocab, args.datasets, ("dev",))
    mixed = train + dev + gum_train
    # what a shippable NER may train on: CoNLL + GUM's openly licensed genres
    open_mixed = train + dev + gum_docs(nlp.vocab, args.datasets, ("train",), GUM_OPEN_GENRES)
    outputs = {
        "ner-train": train,
        "ner-dev": dev,
        "ner-full": train + dev,
        # CoNLL train + dev with GUM train (varied genres and names); dev: CoNLL dev + GUM dev
        "ner-mixed": mixed,
        "ner-mixdev": dev + gum_dev,
        "ner-gumdev": gum_dev,
        "ner-mixed-open": open_mixed,
        # the open mix with UNER English EWT test (web text); UNER dev stays a development set
        "ner-mixed-open-uner": open_mixed + uner_docs(
            nlp.vocab, args.datasets / "uner-english-ewt" / "en_ewt-ud-test.iob2"),
        "ner-unerdev": uner_docs(nlp.vocab, args.datasets / "uner-english-ewt" / "en_ewt-ud-dev.iob2"),
        "ud-train": conllu_docs([ewt / "en_ewt-ud-train.conllu"]),
        "ud-dev": conllu_docs([ewt / "en_ewt-ud-dev.conllu"]),
    }
    for name, docs in outputs.items():
        DocBin(docs=docs, store_user_data=False).to_disk(args.out / f"{name}.spacy")
        print(f"{name}: {len(docs)} docs, {sum(len(d) for d in docs)} tokens")
    names = entity_names(mixed, SWAPPED_TYPES)
    (args.out / "ner-names.json").write_text(json.dumps(names, ensure_ascii=False), encoding="utf-8")
    print("ner-names:", {label: len(forms) for label, forms in names.items()})
    # the swap pools of the shippable runs: CoNLL's names, and CoNLL's with the open GUM genres'
    for pool, docs in (("ner-names-conll", train + dev), ("ner-names-open", open_mixed)):
        (args.out / f"{pool}.json").write_text(
            json.dumps(entity_names(docs, SWAPPED_TYPES), ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
