"""Entity-swap data augmentation for the NER (registered as `wirewatch.entity_swap.v1`).

CoNLL-2003 repeats a small set of names (sports teams, a few politicians), so a NER trained on
it partly memorises names instead of reading their context, and new names ("Keir Starmer", a
band in a Wikipedia article) are missed or mislabelled. In a share of the training documents
this augmenter replaces PERSON / ORG / GPE names with other names of the same type taken from
the training data itself (`training/corpus/ner-names.json`, written by training/convert.py), so
the same contexts are seen with many different names. Loaded by `spacy train --code
training/augment.py` (training/train.py passes it); not needed to load the trained pipeline.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import registry


@registry.augmenters("wirewatch.entity_swap.v1")
def create_entity_swap(names: str, level: float, swap: float) -> Callable:
    """`level`: share of documents augmented; `swap`: chance that a name in such a document is
    replaced. `names`: JSON {label: [[token, ...], ...]} (only these labels are swapped)."""
    pool = {label: [tuple(f) for f in forms]
            for label, forms in json.loads(Path(names).read_text(encoding="utf-8")).items()}
    return partial(entity_swap, pool=pool, level=level, swap=swap)


def entity_swap(
    nlp: Language, example: Example, *, pool: dict[str, list[tuple[str, ...]]],
    level: float, swap: float,
) -> Iterator[Example]:
    """Yield the example unchanged, or (with probability `level`) a copy with names swapped."""
    if random.random() >= level:
        yield example
        return
    yield Example(*_swapped(nlp, example.reference, pool, swap))


def _swapped(
    nlp: Language, doc: Doc, pool: dict[str, list[tuple[str, ...]]], swap: float,
) -> tuple[Doc, Doc]:
    """(predicted, reference) docs of `doc` with some names replaced; sentence starts and
    the IOB annotation of every other token are kept."""
    words: list[str] = []
    spaces: list[bool] = []
    tags: list[str] = []  # IOB per token; "" where the annotation is missing
    starts: list[bool | None] = []
    ents = {ent.start: ent for ent in doc.ents}
    i = 0
    while i < len(doc):
        ent = ents.get(i)
        if ent is not None and ent.label_ in pool and random.random() < swap:
            new = random.choice(pool[ent.label_])
            words.extend(new)
            spaces.extend([True] * (len(new) - 1) + [bool(doc[ent.end - 1].whitespace_)])
            tags.extend([f"B-{ent.label_}"] + [f"I-{ent.label_}"] * (len(new) - 1))
            starts.extend([doc[i].is_sent_start] + [False] * (len(new) - 1))
            i = ent.end
            continue
        token = doc[i]
        words.append(token.text)
        spaces.append(bool(token.whitespace_))
        tags.append(f"{token.ent_iob_}-{token.ent_type_}" if token.ent_type_ else
                    ("O" if token.ent_iob_ == "O" else ""))
        starts.append(token.is_sent_start)
        i += 1
    reference = Doc(nlp.vocab, words=words, spaces=spaces, ents=tags, sent_starts=starts)
    return Doc(nlp.vocab, words=words, spaces=spaces), reference
