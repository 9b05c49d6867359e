"""Document-level label propagation: one name, one type, everywhere in the article.

A CNN tagger sees a few words either side, so it tags "Starmer" in one sentence and misses it,
or calls it an ORG, in another. News articles repeat their names; once a surface form has been
tagged somewhere in the document, the other capitalised occurrences of the same form almost
always refer to the same thing. This component (registered as `wirewatch_entity_propagation`,
placed after the NER) therefore
  1. tags the untagged capitalised occurrences of forms tagged elsewhere (and, for people, the
     bare surname of a multi-word name: "Keir Starmer" ... "Starmer"), and
  2. optionally (`relabel`, off by default: on CoNLL-2003 dev it cost more than it gained, since
     a club and its city, or a company and its country, share a name) relabels every occurrence
     of a form to the label the document gives it most often.
It only reads `doc.ents` and rewrites them; it never crosses an existing entity.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from spacy.language import Language
from spacy.tokens import Doc, Span

COMPONENT_NAME = "wirewatch_entity_propagation"


def _is_name_like(span_tokens) -> bool:
    """Capitalised first and last word, nothing lowercase-alphabetic starting the span."""
    first, last = span_tokens[0], span_tokens[-1]
    return first.text[:1].isupper() and (last.text[:1].isupper() or not last.is_alpha)


# Capitalised words that precede names without being part of them.
_TITLES = {
    "mr", "mrs", "ms", "dr", "sir", "president", "minister", "prime", "chancellor", "king",
    "queen", "prince", "pope", "general", "gen", "senator", "sen", "rep", "governor", "judge",
    "secretary", "premier", "chairman", "coach", "captain", "lord", "lady", "saint", "st",
}


def _capitalised_word(doc: Doc, i: int, taken: bytearray) -> bool:
    """An untagged capitalised word that could belong to a longer, missed name."""
    if not 0 <= i < len(doc) or taken[i]:
        return False
    token = doc[i]
    return (token.is_alpha and token.text[:1].isupper() and not token.is_stop
            and token.lower_ not in _TITLES)


class EntityPropagation:
    """Make a document's entity labels consistent and fill in its missed repeats."""

    def __init__(self, max_words: int = 6, surnames: bool = True, relabel: bool = False) -> None:
        self.max_words = max_words
        self.surnames = surnames
        self.relabel = relabel

    def __call__(self, doc: Doc) -> Doc:
        if not doc.ents:
            return doc
        votes: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
        for ent in doc.ents:
            if len(ent) <= self.max_words:
                votes[tuple(t.lower_ for t in ent)][ent.label_] += 1
        label_of = {form: counts.most_common(1)[0][0] for form, counts in votes.items()}
        if self.surnames:
            for ent in doc.ents:
                surname = (ent[-1].lower_,)
                if ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].is_alpha:
                    label_of.setdefault(surname, "PERSON")
        entities = [self._relabelled(ent, label_of) for ent in doc.ents]
        taken = bytearray(len(doc))
        for ent in entities:
            taken[ent.start:ent.end] = b"\x01" * len(ent)
        longest = max(len(form) for form in label_of)
        i = 0
        while i < len(doc):
            found = None
            if not taken[i] and doc[i].text[:1].isupper():
                for n in range(min(longest, len(doc) - i), 0, -1):
                    if any(taken[i:i + n]):
                        continue
                    form = tuple(t.lower_ for t in doc[i:i + n])
                    if form not in label_of or not _is_name_like(doc[i:i + n]):
                        continue
                    # "Labour" inside an untagged "Scottish Labour Party" is part of a longer
                    # name the model missed, not a repeat: leave such runs alone.
                    if not (_capitalised_word(doc, i - 1, taken)
                            or _capitalised_word(doc, i + n, taken)):
                        found = Span(doc, i, i + n, label=label_of[form])
                    break
            if found is not None:
                entities.append(found)
                i = found.end
            else:
                i += 1
        doc.ents = sorted(entities, key=lambda span: span.start)
        return doc

    def _relabelled(self, ent: Span, label_of: dict[tuple[str, ...], str]) -> Span:
        if not self.relabel:
            return ent
        label = label_of.get(tuple(t.lower_ for t in ent), ent.label_)
        if label == ent.label_:
            return ent
        return Span(ent.doc, ent.start, ent.end, label=label, kb_id=ent.kb_id)


@Language.factory(
    COMPONENT_NAME,
    default_config={"max_words": 6, "surnames": True, "relabel": False},
    requires=["doc.ents"],
    assigns=["doc.ents"],
)
def make_entity_propagation(
    nlp: Language, name: str, max_words: int, surnames: bool, relabel: bool
) -> EntityPropagation:
    return EntityPropagation(max_words=max_words, surnames=surnames, relabel=relabel)
