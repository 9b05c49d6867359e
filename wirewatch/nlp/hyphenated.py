"""Hyphenated names are one person: "Maurice Jones-Drew", "Catherine Zeta-Jones".

spaCy's English tokenizer splits "Jones-Drew" into "Jones", "-", "Drew", and the NER, which saw
few such names in training, then reads two people ("Maurice Jones" and "Drew"), so the entity
registry and the quote speakers get a person who does not exist. This step joins the halves of a
glued hyphen (no space either side, a capitalised word either side) into one PERSON when at
least one half is already tagged as a person and nothing else is.

It leaves alone the hyphens that join two separate names: "the Trump-Putin summit" and "the
Biden-Harris ticket" name people the article also names on their own, so a half that the
article also uses outside this hyphenated form keeps the two apart. Places and organisations
are never joined ("Israel-Gaza", "Austria-Hungary" stay as the NER read them).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

_HYPHENS = frozenset({"-", "‐", "‑"})  # hyphen-minus, hyphen, non-breaking hyphen; not dashes


def _glued_hyphen(doc: Doc, i: int) -> bool:
    """Token `i` is a hyphen with no space either side, between two capitalised words."""
    if not (0 < i < len(doc) - 1) or doc[i].text not in _HYPHENS:
        return False
    left, right = doc[i - 1], doc[i + 1]
    return (not left.whitespace_ and not doc[i].whitespace_
            and left.is_alpha and right.is_alpha
            and left.text[:1].isupper() and right.text[:1].isupper())


def joined_hyphenated_names(doc: Doc, entities: list[Span]) -> list[Span]:
    """`entities` with each person split at a glued hyphen made whole again."""
    hyphens = {i for i in range(1, len(doc) - 1) if _glued_hyphen(doc, i)}
    if not hyphens:
        return entities
    # words the article also uses away from any glued hyphen: names of their own ("Putin")
    standalone = {t.lower_ for t in doc if t.i - 1 not in hyphens and t.i + 1 not in hyphens}
    owner: dict[int, Span] = {}
    for ent in entities:
        for i in range(ent.start, ent.end):
            owner[i] = ent
    for i in sorted(hyphens):
        left, right = owner.get(i - 1), owner.get(i + 1)
        if left is not None and left is right:
            continue  # already one name
        halves = [ent for ent in (left, right) if ent is not None]
        if not halves or any(ent.label_ != "PERSON" for ent in halves) or i in owner:
            continue
        if doc[i - 1].lower_ in standalone or doc[i + 1].lower_ in standalone:
            continue  # "Trump-Putin": each half is a name of its own elsewhere
        start = left.start if left is not None else i - 1
        end = right.end if right is not None else i + 2
        whole = Span(doc, start, end, label="PERSON", kb_id=halves[0].kb_id)
        for j in range(start, end):
            owner[j] = whole
    return sorted(set(owner.values()), key=lambda span: span.start)
