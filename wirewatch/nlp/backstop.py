"""A second NER as a check on the main one and a backstop for people's names.

The main NER (`ner`) is fine-tuned on CoNLL-2003 and GUM's openly licensed genres. It reads
Wikipedia-like text, bands, clubs and places much better than a NER trained on news wires alone.
But it misses or mistypes some people that news wires name all the time ("Keir Starmer spoke in
London ..." gives it nothing, "Xi Jinping said ..." an ORG). The pipeline therefore also runs the
news-wire NER (`ner_news`, trained on CoNLL-2003 only) before it:

  ner_news -> wirewatch_news_people -> ner -> wirewatch_news_agreement -> wirewatch_people_backstop

- `wirewatch_news_people` sets the news NER's reading aside: all its entities in
  `doc.spans["ner_news"]`, its people of two words or more in `doc.spans["news_people"]`; then
  it clears `doc.ents` (as *missing*, not as *outside*), so the main NER predicts on a clean slate.
- `wirewatch_news_agreement` keeps only the main NER's entities whose exact words the news NER
  also tagged (with the main NER's type). Out of the news domain each NER makes its own
  mistakes: a capitalised common word or heading taken for a name, half a title for a whole
  one. Where the two read the same span they are mostly right; where they differ, one of them is
  usually wrong. What this drops is partly won back later: the backstop below restores the news
  NER's people, and the propagation component tags the repeats of names kept elsewhere in the
  article (GUM dev 0.587 -> 0.599, GUM test 0.563 -> 0.587; docs/model.md, "Update (5)").
- `wirewatch_people_backstop` puts each of those people back, replacing what the main NER found
  on the same words. Two exceptions, where the main NER's reading stands:
  - the main NER, elsewhere in the article, gives the name's last word another type more often
    than PERSON: then the name is a place or a body ("Background Coron" when "Coron" is an
    island, "Architecture Athens");
  - a word of the name is a common English word (propagation.py's list: "Mount Hood", "Blue
    Origin", "Dear John", "Your Honor"): the news NER takes capitalised words before a name for
    a first name, and places and companies for people (GUM dev +0.5, GUM test +0.2).

Chosen on development data (GUM dev, and the plain news sentences of training/evaluate.py); see
docs/model.md, "Update (4)" and "Update (5)".
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .propagation import load_common_words

NEWS_PEOPLE = "wirewatch_news_people"
NEWS_AGREEMENT = "wirewatch_news_agreement"
PEOPLE_BACKSTOP = "wirewatch_people_backstop"
SPANS_KEY = "news_people"
NEWS_KEY = "ner_news"


@Language.factory(NEWS_PEOPLE, requires=["doc.ents"], assigns=["doc.ents", "doc.spans"])
def make_news_people(nlp: Language, name: str) -> NewsPeople:
    return NewsPeople()


@Language.factory(NEWS_AGREEMENT, requires=["doc.ents", "doc.spans"], assigns=["doc.ents"])
def make_news_agreement(nlp: Language, name: str) -> NewsAgreement:
    return NewsAgreement()


@Language.factory(PEOPLE_BACKSTOP, requires=["doc.ents", "doc.spans"], assigns=["doc.ents"])
def make_people_backstop(nlp: Language, name: str) -> PeopleBackstop:
    return PeopleBackstop()


class NewsPeople:
    """Set the news NER's entities (and its multi-word people) aside for the main NER's turn."""

    def __call__(self, doc: Doc) -> Doc:
        doc.spans[NEWS_KEY] = list(doc.ents)
        doc.spans[SPANS_KEY] = [ent for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1]
        # "missing", not "outside": tokens preset as O would forbid the main NER any entity there
        doc.set_ents([], default="missing")
        return doc


class NewsAgreement:
    """Keep the main NER's entities whose exact span the news NER also tagged."""

    def __call__(self, doc: Doc) -> Doc:
        if NEWS_KEY not in doc.spans:  # the news NER did not run: nothing to agree with
            return doc
        news = {(span.start, span.end) for span in doc.spans[NEWS_KEY]}
        doc.ents = [ent for ent in doc.ents if (ent.start, ent.end) in news]
        return doc


class PeopleBackstop:
    """Put the news NER's people back unless the article calls their last word something else
    or their name has a common word in it."""

    def __init__(self) -> None:
        self.common_words = load_common_words()

    def __call__(self, doc: Doc) -> Doc:
        people = [person for person in doc.spans.get(SPANS_KEY, [])
                  if not any(token.lower_ in self.common_words for token in person)]
        if not people:
            return doc
        entities = list(doc.ents)
        for person in people:
            if not self._typed_otherwise(person, entities):
                entities = [e for e in entities if e.end <= person.start or e.start >= person.end]
                entities.append(Span(doc, person.start, person.end, label="PERSON"))
        doc.ents = sorted(entities, key=lambda span: span.start)
        return doc

    @staticmethod
    def _typed_otherwise(person: Span, entities: list[Span]) -> bool:
        """Whether the main NER, outside `person`, types its last word mostly as not a person."""
        last = person[-1].lower_
        as_person = as_other = 0
        for ent in entities:
            if (ent.end <= person.start or ent.start >= person.end) and any(t.lower_ == last for t in ent):
                if ent.label_ == "PERSON":
                    as_person += 1
                else:
                    as_other += 1
        return as_other > as_person
