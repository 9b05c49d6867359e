"""The shipped English pipeline and the document-level entity propagation component."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from wirewatch.errors import ConfigError
from wirewatch.nlp import SHIPPED_MODEL, load_pipeline
from wirewatch.nlp.propagation import COMPONENT_NAME

SENTENCE = (
    "Prime Minister Keir Starmer said on Sunday that Britain would keep supporting Ukraine. "
    "He spoke after a meeting in London."
)


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def entities(doc: Doc) -> set[tuple[str, str]]:
    return {(ent.text, ent.label_) for ent in doc.ents}


def test_shipped_pipeline_is_inside_the_package():
    assert (SHIPPED_MODEL / "config.cfg").is_file()


def test_loading_twice_returns_the_cached_pipeline(nlp):
    assert load_pipeline() is nlp


def test_shipped_pipeline_finds_a_person(nlp):
    assert ("Keir Starmer", "PERSON") in entities(nlp(SENTENCE))


def test_shipped_pipeline_finds_a_country_as_gpe(nlp):
    assert ("Ukraine", "GPE") in entities(nlp(SENTENCE))


def test_shipped_pipeline_splits_sentences(nlp):
    sentences = [sent.text.strip() for sent in nlp(SENTENCE).sents]
    assert len(sentences) == 2
    assert sentences[1] == "He spoke after a meeting in London."


def test_shipped_pipeline_runs_document_level_propagation(nlp):
    assert COMPONENT_NAME in nlp.pipe_names
    assert nlp.pipe_names.index(COMPONENT_NAME) > nlp.pipe_names.index("ner")


def test_unknown_model_name_raises_config_error():
    with pytest.raises(ConfigError, match="no_such_pipeline_xyz"):
        load_pipeline("no_such_pipeline_xyz")


def test_config_error_message_is_one_line(tmp_path):
    with pytest.raises(ConfigError) as caught:
        load_pipeline(str(tmp_path / "missing-model"))
    assert "\n" not in str(caught.value)


def test_the_pipeline_multiplies_matrices_through_numpy_not_bundled_blis(nlp):
    # numpy's OpenBLAS was 3x faster than thinc's BLIS at the CNN products (docs/benchmarks.md)
    nodes = [node for _, component in nlp.pipeline if hasattr(component, "model")
             for node in component.model.walk()]
    assert nodes and not any(getattr(node.ops, "use_blis", False) for node in nodes)


def test_a_pipeline_path_can_be_chosen(tmp_path):
    spacy.blank("en").to_disk(tmp_path / "blank")
    assert load_pipeline(str(tmp_path / "blank")).pipe_names == []


# --- document-level propagation, on hand-made entities so the model's quality does not matter


@pytest.fixture()
def propagate():
    blank = spacy.blank("en")
    component = blank.add_pipe(COMPONENT_NAME)
    return blank, component


def tagged(blank, text: str, spans: list[tuple[str, str]]) -> Doc:
    """`text` with the first occurrence of each (surface form, label) tagged as an entity."""
    doc = blank.make_doc(text)
    ents = []
    for surface, label in spans:
        start = text.index(surface)
        ents.append(doc.char_span(start, start + len(surface), label=label))
    doc.ents = ents
    return doc


def test_propagation_tags_later_repeats_of_a_tagged_name(propagate):
    blank, component = propagate
    doc = component(tagged(blank, "Talks in Kyiv went on . Later , Kyiv said no .", [("Kyiv", "GPE")]))
    assert [(e.text, e.label_, e.start) for e in doc.ents] == [("Kyiv", "GPE", 2), ("Kyiv", "GPE", 8)]


def test_propagation_tags_the_bare_surname_of_a_person(propagate):
    blank, component = propagate
    doc = component(tagged(blank, "Keir Starmer spoke . Starmer said more .", [("Keir Starmer", "PERSON")]))
    assert ("Starmer", "PERSON") in entities(doc)


def test_propagation_ignores_lowercase_repeats(propagate):
    blank, component = propagate
    doc = component(tagged(blank, "Bill Gates spoke . The bill passed .", [("Bill Gates", "PERSON")]))
    assert entities(doc) == {("Bill Gates", "PERSON")}


def test_propagation_leaves_a_name_inside_a_longer_untagged_name(propagate):
    blank, component = propagate
    text = "Labour won . The Scottish Labour Party lost ."
    doc = component(tagged(blank, text, [("Labour", "ORG")]))
    assert len(doc.ents) == 1


def test_propagation_keeps_the_existing_entities(propagate):
    blank, component = propagate
    doc = component(tagged(blank, "Paris is big . Paris Hilton came .", [("Paris", "GPE"), ("Paris Hilton", "PERSON")]))
    assert entities(doc) == {("Paris", "GPE"), ("Paris Hilton", "PERSON")}


def test_propagation_gives_a_bare_surname_tagged_otherwise_the_person_label(propagate):
    blank, component = propagate
    doc = blank.make_doc("Keir Starmer spoke . Starmer said more .")
    doc.ents = [Span(doc, 0, 2, label="PERSON"), Span(doc, 4, 5, label="ORG")]
    assert ("Starmer", "PERSON") in entities(component(doc))


def test_propagation_splits_an_entity_at_a_paragraph_break(propagate):
    blank, component = propagate
    doc = blank.make_doc("Talks in Ukraine – State\n\nLONDON (AP) – More")
    start = [t.i for t in doc if t.text == "State"][0]
    doc.ents = [Span(doc, start, start + 3, label="ORG")]
    assert entities(component(doc)) == {("State", "ORG"), ("LONDON", "ORG")}


def test_propagation_calls_a_person_named_with_an_organisation_word_an_org(propagate):
    blank, component = propagate
    doc = component(tagged(blank, "They signed to Revolver Records in 1999 .", [("Revolver Records", "PERSON")]))
    assert entities(doc) == {("Revolver Records", "ORG")}


def test_propagation_calls_a_person_named_with_a_lake_a_location(propagate):
    blank, component = propagate
    doc = component(tagged(blank, "They sailed on Lake Chad .", [("Lake Chad", "PERSON")]))
    assert entities(doc) == {("Lake Chad", "LOC")}


def test_propagation_keeps_a_person_without_such_words(propagate):
    blank, component = propagate
    doc = component(tagged(blank, "Stuart Hall spoke .", [("Stuart Hall", "PERSON")]))
    assert entities(doc) == {("Stuart Hall", "PERSON")}


def test_propagation_drops_an_entity_without_a_letter(propagate):
    blank, component = propagate
    doc = component(tagged(blank, "It reached # 68 .", [("#", "PERSON")]))
    assert entities(doc) == set()


# --- common words opening a sentence ("Look, ...", "Thus ...") are not names


def test_propagation_drops_a_common_word_tagged_where_it_opens_a_sentence(propagate):
    blank, component = propagate
    doc = component(tagged(blank, "Look , the deal is done . Thus Kyiv said no .",
                           [("Look", "PERSON"), ("Thus", "ORG"), ("Kyiv", "GPE")]))
    assert entities(doc) == {("Kyiv", "GPE")}


def test_propagation_drops_a_common_word_after_a_line_break_or_opening_quote(propagate):
    blank, component = propagate
    doc = component(tagged(blank, 'Crews came .\nBorn in Kyiv , he said : " Alright , go . "',
                           [("Born", "GPE"), ("Alright", "PERSON"), ("Kyiv", "GPE")]))
    assert entities(doc) == {("Kyiv", "GPE")}


def test_propagation_keeps_a_common_word_inside_a_sentence_or_a_hyphenated_name(propagate):
    blank, component = propagate
    text = "The rally was led by Hope . Maurice Jones-Drew ran ."
    doc = blank.make_doc(text)
    hope = [t.i for t in doc if t.text == "Hope"][0]
    drew = [t.i for t in doc if t.text == "Drew"][0]
    doc.ents = [Span(doc, hope, hope + 1, label="PERSON"), Span(doc, drew, drew + 1, label="PERSON")]
    # "Drew" after a glued hyphen is kept, and joined to the rest of the name
    assert entities(component(doc)) == {("Hope", "PERSON"), ("Jones-Drew", "PERSON")}


def test_propagation_keeps_a_sentence_opener_the_article_also_uses_as_a_name(propagate):
    blank, component = propagate
    # "Will" is also capitalised inside a sentence; "Hope Hicks" makes the later "Hope" a name.
    doc = component(tagged(blank, "Will agreed with Will .", [("Will", "PERSON")]))
    assert ("Will", "PERSON") in entities(doc)
    doc2 = blank.make_doc("Hope Hicks left . Hope said no .")
    doc2.ents = [Span(doc2, 0, 2, label="PERSON"), Span(doc2, 4, 5, label="PERSON")]
    assert entities(component(doc2)) == {("Hope Hicks", "PERSON"), ("Hope", "PERSON")}


def test_propagation_keeps_a_name_that_is_no_common_word_at_a_sentence_start(propagate):
    blank, component = propagate
    doc = component(tagged(blank, "Talks ended . Bush said no .", [("Bush", "PERSON")]))
    assert entities(doc) == {("Bush", "PERSON")}


def test_the_common_word_rule_can_be_turned_off():
    blank = spacy.blank("en")
    component = blank.add_pipe(COMPONENT_NAME, config={"common_words": False})
    doc = component(tagged(blank, "Look , the deal is done .", [("Look", "PERSON")]))
    assert entities(doc) == {("Look", "PERSON")}


def test_the_shipped_pipeline_does_not_call_sentence_openers_people(nlp):
    doc = nlp("Look, the deal is done. Alright. Born in Kyiv, Volodymyr Zelenskyy was an actor.")
    assert {e.text for e in doc.ents} >= {"Kyiv", "Volodymyr Zelenskyy"}
    assert not {"Look", "Alright", "Born"} & {e.text for e in doc.ents}


# --- the news NER as a backstop for people (wirewatch/nlp/backstop.py), on hand-made entities


@pytest.fixture()
def backstop():
    from wirewatch.nlp.backstop import NEWS_PEOPLE, PEOPLE_BACKSTOP

    blank = spacy.blank("en")
    return blank, blank.add_pipe(NEWS_PEOPLE), blank.add_pipe(PEOPLE_BACKSTOP)


def _two_readings(blank, stash, text, news, main):
    """`text` as the news NER tagged it (`news`), stashed, then as the main NER tagged it."""
    doc = stash(tagged(blank, text, news))
    tokens = [t.text for t in doc]
    ents = []
    for surface, label in main:
        words = surface.split()
        start = next(i for i in range(len(tokens)) if tokens[i:i + len(words)] == words)
        ents.append(Span(doc, start, start + len(words), label=label))
    doc.set_ents(ents, default="outside")
    return doc


def test_news_people_are_set_aside_and_the_entities_left_missing(backstop):
    blank, stash, _ = backstop
    doc = stash(tagged(blank, "Keir Starmer met Macron in London .",
                       [("Keir Starmer", "PERSON"), ("Macron", "PERSON"), ("London", "GPE")]))
    assert [s.text for s in doc.spans["news_people"]] == ["Keir Starmer"]  # people of 2+ words
    assert [s.text for s in doc.spans["ner_news"]] == ["Keir Starmer", "Macron", "London"]
    assert list(doc.ents) == [] and {t.ent_iob_ for t in doc} == {""}  # missing, not "O"


def test_a_news_person_replaces_the_main_ners_other_reading(backstop):
    blank, stash, merge = backstop
    doc = _two_readings(blank, stash, "Keir Starmer spoke in London .", [("Keir Starmer", "PERSON")],
                        [("Starmer", "ORG"), ("London", "GPE")])
    assert entities(merge(doc)) == {("Keir Starmer", "PERSON"), ("London", "GPE")}


def test_a_news_person_whose_last_word_the_article_calls_a_place_is_left_out(backstop):
    blank, stash, merge = backstop
    text = "We sailed to Coron . Background Coron is quiet . Coron has reefs ."
    doc = _two_readings(blank, stash, text, [("Background Coron", "PERSON")],
                        [("Coron", "GPE"), ("Coron has", "GPE")])
    assert ("Background Coron", "PERSON") not in entities(merge(doc))


def test_a_news_person_with_a_common_word_in_the_name_is_left_out(backstop):
    blank, stash, merge = backstop
    doc = _two_readings(blank, stash, "Rockets from Blue Origin flew .", [("Blue Origin", "PERSON")],
                        [("Blue Origin", "ORG")])
    assert entities(merge(doc)) == {("Blue Origin", "ORG")}


def test_a_news_person_stays_when_the_article_also_calls_the_surname_a_person(backstop):
    blank, stash, merge = backstop
    text = "Xi Jinping spoke . Later , President Xi said more ."
    doc = _two_readings(blank, stash, text, [("Xi Jinping", "PERSON")],
                        [("Xi Jinping", "ORG"), ("President Xi", "PERSON")])
    assert ("Xi Jinping", "PERSON") in entities(merge(doc))


def test_the_main_ners_entities_stand_only_where_the_news_ner_read_the_same_words(backstop):
    from wirewatch.nlp.backstop import NEWS_AGREEMENT

    blank, stash, _ = backstop
    agree = blank.add_pipe(NEWS_AGREEMENT)
    doc = _two_readings(blank, stash, "Look , Kyiv and Paris Hilton spoke .",
                        [("Kyiv", "GPE"), ("Hilton", "ORG")],
                        [("Look", "PERSON"), ("Kyiv", "LOC"), ("Paris Hilton", "PERSON")])
    # the same words with another type count (the main NER's type stands); other words do not
    assert entities(agree(doc)) == {("Kyiv", "LOC")}


def test_the_shipped_pipeline_runs_the_news_ner_as_a_people_backstop(nlp):
    names = nlp.pipe_names
    assert names.index("ner_news") < names.index("wirewatch_news_people") < names.index("ner") \
        < names.index("wirewatch_news_agreement") < names.index("wirewatch_people_backstop") \
        < names.index(COMPONENT_NAME)
    for text, person in [("Keir Starmer spoke in London on Monday about the ceasefire talks.", "Keir Starmer"),
                         ("Xi Jinping and Narendra Modi spoke by phone on Friday.", "Xi Jinping")]:
        assert (person, "PERSON") in entities(nlp(text))


# --- a person split at a glued hyphen is one person


def with_ents(blank, text: str, spans: list[tuple[str, str]]) -> Doc:
    """`text` with each (exact token sequence, label) tagged at its first occurrence."""
    doc = blank.make_doc(text)
    words = [t.text for t in doc]
    ents = []
    for surface, label in spans:
        wanted = blank.make_doc(surface)
        n = len(wanted)
        start = next(i for i in range(len(words)) if words[i:i + n] == [t.text for t in wanted])
        ents.append(Span(doc, start, start + n, label=label))
    doc.ents = ents
    return doc


def test_propagation_joins_a_person_split_at_a_hyphen(propagate):
    blank, component = propagate
    doc = component(with_ents(blank, "Maurice Jones-Drew ran for 100 yards .",
                              [("Maurice Jones", "PERSON"), ("Drew", "PERSON")]))
    assert entities(doc) == {("Maurice Jones-Drew", "PERSON")}
    doc = component(with_ents(blank, "Catherine Zeta-Jones came to Cannes .", [("Catherine Zeta", "PERSON")]))
    assert ("Catherine Zeta-Jones", "PERSON") in entities(doc)


def test_propagation_keeps_two_people_joined_by_a_hyphen_apart(propagate):
    blank, component = propagate
    text = "Donald Trump met Vladimir Putin . The Trump-Putin summit ended ."
    doc = blank.make_doc(text)
    doc.ents = [Span(doc, 0, 2, label="PERSON"), Span(doc, 3, 5, label="PERSON"),
                Span(doc, 7, 8, label="PERSON"), Span(doc, 9, 10, label="PERSON")]
    assert [e.text for e in component(doc).ents] == ["Donald Trump", "Vladimir Putin", "Trump", "Putin"]


def test_propagation_never_joins_places_or_spaced_hyphens(propagate):
    blank, component = propagate
    doc = component(with_ents(blank, "The Israel-Gaza war went on .", [("Israel", "GPE"), ("Gaza", "GPE")]))
    assert entities(doc) == {("Israel", "GPE"), ("Gaza", "GPE")}
    doc = component(with_ents(blank, "Maurice Jones - Drew said .", [("Maurice Jones", "PERSON")]))
    assert entities(doc) == {("Maurice Jones", "PERSON")}


# --- the tokenizer keeps hyphenated names whole, as the NER's CoNLL-2003 training tokens did


@pytest.mark.parametrize("text, token", [
    ("Fighting resumed in Nagorno-Karabakh on Monday.", "Nagorno-Karabakh"),
    ("The car maker Mercedes-Benz cut its forecast.", "Mercedes-Benz"),
    ("Villagers fled Urus-Martan overnight.", "Urus-Martan"),
    ("Catherine Zeta-Jones arrived late.", "Zeta-Jones"),
    ("Prayers were held at al-Aqsa on Friday.", "al-Aqsa"),
    ("Seoul asked for the return of Kim In-so.", "In-so"),
    ("The bowler Ata-ur-Rehman took two wickets.", "Ata-ur-Rehman"),
])
def test_the_tokenizer_keeps_a_hyphenated_name_whole(nlp, text, token):
    assert token in [t.text for t in nlp.make_doc(text)]


@pytest.mark.parametrize("text, name", [
    ("A London-based charity sent aid.", "London"),
    ("The Moscow-backed leader resigned.", "Moscow"),
    ("The Dublin-born director won.", "Dublin"),
    ("The Saudi-led coalition struck again.", "Saudi"),
])
def test_the_tokenizer_still_cuts_a_name_from_a_common_word_after_a_hyphen(nlp, text, name):
    assert name in [t.text for t in nlp.make_doc(text)]


def test_a_hyphenated_place_is_one_entity_through_analyze():
    import wirewatch

    for text, name in [
        ("Fighting resumed in Nagorno-Karabakh, and Azerbaijan blamed Armenian forces for the attack.",
         "Nagorno-Karabakh"),
        ("Rebels shelled Urus-Martan on Saturday, and Russian troops returned fire, officials said.",
         "Urus-Martan"),
    ]:
        document = wirewatch.analyze(text, title="News", content_type="text/plain")
        assert name in [m.text for e in document.entities for m in e.mentions]
