"""Document-level label propagation: one name, one type, everywhere in the article.

A CNN tagger sees a few words either side, so it tags "Starmer" in one sentence and misses it,
or calls it an ORG, in another. News articles repeat their names; once a surface form has been
tagged somewhere in the document, the other capitalised occurrences of the same form almost
always refer to the same thing. This component (registered as `wirewatch_entity_propagation`,
placed after the NER) therefore
  0. first joins a person split at a glued hyphen ("Maurice Jones" + "Drew" -> "Maurice
     Jones-Drew"; `hyphens`, on by default; see hyphenated.py);
  0a. corrects labels that a name's own words contradict (`keywords`, on by default): a
     PERSON containing "Records", "FC", "University", "Hospital" ... is an ORG, one containing
     "Lake", "River", "County" ... a place (the CNN calls many band, label and club names
     people: +1.4 F1 on WikiGold, no change on CoNLL-2003 test), and drops "entities" without
     a letter ("#", "2,100");
  0b. drops a one-word entity that only opens a sentence when its word is one English almost
     never capitalises elsewhere ("Look, ...", "Alright.", "Thus ...", "Born in ...";
     `common_words`, on by default; the list is `common_words.txt`, made by
     training/common_words.py), unless the article also capitalises it inside a sentence or
     uses it in a longer name ("Hope Hicks" ... "Hope said"): +2.4 F1 on GUM dev, no change on
     CoNLL-2003 dev;
  1. tags the untagged capitalised occurrences of forms tagged elsewhere (and, for people, the
     bare surname of a multi-word name: "Keir Starmer" ... "Starmer"), and
  2. optionally (`relabel`, off by default: on CoNLL-2003 dev it cost more than it gained, since
     a club and its city, or a company and its country, share a name) relabels every occurrence
     of a form to the label the document gives it most often.
It only reads `doc.ents` and rewrites them; it never crosses an existing entity.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from .hyphenated import joined_hyphenated_names

COMPONENT_NAME = "wirewatch_entity_propagation"
COMMON_WORDS_PATH = Path(__file__).with_name("common_words.txt")


def load_common_words(path: Path = COMMON_WORDS_PATH) -> frozenset[str]:
    """The lower-case words of `path`, one per line ('#' lines are its provenance)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def _is_name_like(span_tokens) -> bool:
    """Capitalised first and last word, nothing lowercase-alphabetic starting the span."""
    first, last = span_tokens[0], span_tokens[-1]
    return first.text[:1].isupper() and (last.text[:1].isupper() or not last.is_alpha)


# A word inside a name that says the name is not a person's (matched lowercased, any position).
# Common surnames ("Hall", "Church") are left out: "Stuart Hall" is a person.
_ORG_WORDS = frozenset({
    "records", "recordings", "fc", "band", "club", "university", "party", "hospital", "school",
    "college", "press", "works", "railway", "railroad", "association", "company", "corporation",
    "inc", "inc.", "ltd", "ltd.", "co.", "group", "society", "museum", "league",
    "council", "institute", "academy", "union", "federation", "orchestra", "choir", "airlines",
    "bank", "foundation", "agency", "committee", "ministry", "department", "brothers", "studios",
    "entertainment", "media", "magazine", "radio", "tv", "television", "network", "team",
    "united", "rovers", "athletic", "sporting", "hotel", "sentinel", "tribune", "herald",
    "journal", "gazette", "tower", "centre", "center", "theatre", "theater", "stadium",
})
_PLACE_WORDS = {
    "lake": "LOC", "river": "LOC", "mountain": "LOC", "mount": "LOC", "island": "LOC",
    "islands": "LOC", "valley": "LOC", "county": "GPE", "province": "GPE", "district": "GPE",
    "village": "GPE",
}


def _corrected(ent: Span) -> Span | None:
    """`ent` with the label its own words call for; None for a span without a letter."""
    if not any(ch.isalpha() for ch in ent.text):
        return None
    if ent.label_ != "PERSON" or len(ent) < 2:
        return ent
    words = [t.lower_ for t in ent]
    label = "ORG" if any(w in _ORG_WORDS for w in words) else next(
        (_PLACE_WORDS[w] for w in words if w in _PLACE_WORDS), "PERSON")
    if label == ent.label_:
        return ent
    return Span(ent.doc, ent.start, ent.end, label=label, kb_id=ent.kb_id)


# Tokens after which a word opens a sentence (or a heading, or a quotation).
_SENTENCE_ENDS = frozenset({".", "!", "?", ":", ";", "...", "…", "|", "•", "*"})
_DASHES = frozenset({"-", "--", "–", "—"})  # a spaced dash opens a clause; "Jones-Drew" does not
_OPENING_MARKS = frozenset({'"', "“", "‘", "'", "(", "["})


def _opens_sentence(doc: Doc, i: int) -> bool:
    """Whether token `i` starts the text, a line, a sentence or a quotation."""
    j = i - 1
    while j >= 0 and (doc[j].is_space or doc[j].text in _OPENING_MARKS):
        if "\n" in doc[j].text:
            return True
        j -= 1
    if j < 0 or doc[j].text in _SENTENCE_ENDS or "\n" in doc[j].whitespace_:
        return True
    return doc[j].text in _DASHES and bool(doc[j].whitespace_)


def _opens_table_row(doc: Doc, i: int) -> bool:
    """Whether a figure follows token `i - 1` on its line, then another figure or name ("Reading 4 1
    1 2 5", "Sale 31 Wasps 33"): the word heads a table row or a result, not a sentence ("Part 1
    of 2" is a heading)."""
    if i + 1 >= len(doc) or not doc[i].like_num or "\n" in doc[i - 1].whitespace_ + doc[i].whitespace_:
        return False
    after = doc[i + 1]
    return after.like_num or after.text[:1].isupper()


def _without_capitalised_openers(doc: Doc, entities: list[Span], common: frozenset[str]) -> list[Span]:
    """Entities minus one-word sentence openers that are common words with no sign of a name."""
    def suspect(ent: Span) -> bool:
        return (len(ent) == 1 and ent[0].lower_ in common and _opens_sentence(doc, ent.start)
                and not _opens_table_row(doc, ent.end))

    if not any(suspect(ent) for ent in entities):
        return entities
    in_names = {t.lower_ for ent in entities if len(ent) > 1 for t in ent}
    capitalised_inside = {
        t.lower_ for t in doc if t.text[:1].isupper() and t.lower_ in common and not _opens_sentence(doc, t.i)
    }
    return [ent for ent in entities
            if not (suspect(ent) and ent[0].lower_ not in in_names and ent[0].lower_ not in capitalised_inside)]


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

    def __init__(
        self, max_words: int = 6, surnames: bool = True, relabel: bool = False,
        keywords: bool = True, common_words: bool = True, hyphens: bool = True,
    ) -> None:
        self.keywords = keywords
        self.hyphens = hyphens
        self.common_words = load_common_words() if common_words else frozenset()
        self.max_words = max_words
        self.surnames = surnames
        self.relabel = relabel

    def __call__(self, doc: Doc) -> Doc:
        if not doc.ents:
            return doc
        entities = _split_at_line_breaks(doc.ents)
        if self.hyphens:
            entities = joined_hyphenated_names(doc, entities)
        if self.keywords:
            entities = [fixed for fixed in map(_corrected, entities) if fixed is not None]
        if self.common_words:
            entities = _without_capitalised_openers(doc, entities, self.common_words)
        doc.ents = entities
        if not doc.ents:
            return doc
        votes: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
        for ent in doc.ents:
            if len(ent) <= self.max_words:
                votes[tuple(t.lower_ for t in ent)][ent.label_] += 1
        label_of = {form: counts.most_common(1)[0][0] for form, counts in votes.items()}
        surnames = {
            (ent[-1].lower_,) for ent in doc.ents
            if self.surnames and ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].is_alpha
        }
        # "Keir Starmer" ... "Starmer": a tagged person's surname names that person, even where
        # the model called the bare word an ORG.
        label_of.update(dict.fromkeys(surnames, "PERSON"))
        entities = [self._relabelled(ent, label_of, surnames) for ent in doc.ents]
        taken = bytearray(len(doc))
        for ent in entities:
            taken[ent.start:ent.end] = b"\x01" * len(ent)
        # every entity may be longer than max_words (one long organisation name): nothing to repeat
        longest = max((len(form) for form in label_of), default=0)
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

    def _relabelled(
        self, ent: Span, label_of: dict[tuple[str, ...], str], surnames: set[tuple[str, ...]]
    ) -> Span:
        form = tuple(t.lower_ for t in ent)
        if self.relabel:
            label = label_of.get(form, ent.label_)
        elif form in surnames:
            label = "PERSON"
        else:
            return ent
        if label == ent.label_:
            return ent
        return Span(ent.doc, ent.start, ent.end, label=label, kb_id=ent.kb_id)


def _split_at_line_breaks(ents) -> list[Span]:
    """Entities never run across a paragraph break ("State\n\nLONDON" is two names)."""
    pieces: list[Span] = []
    for ent in ents:
        if not any(t.is_space for t in ent):
            pieces.append(ent)
            continue
        start = ent.start
        for token in [*ent, None]:
            if token is None or token.is_space:
                end = ent.end if token is None else token.i
                if end > start:
                    pieces.append(Span(ent.doc, start, end, label=ent.label_))
                start = end + 1
    return pieces


@Language.factory(
    COMPONENT_NAME,
    default_config={"max_words": 6, "surnames": True, "relabel": False, "keywords": True,
                    "common_words": True, "hyphens": True},
    requires=["doc.ents"],
    assigns=["doc.ents"],
)
def make_entity_propagation(
    nlp: Language, name: str, max_words: int, surnames: bool, relabel: bool, keywords: bool,
    common_words: bool, hyphens: bool,
) -> EntityPropagation:
    return EntityPropagation(
        max_words=max_words, surnames=surnames, relabel=relabel, keywords=keywords,
        common_words=common_words, hyphens=hyphens,
    )
