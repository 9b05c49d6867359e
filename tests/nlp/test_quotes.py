"""Direct quotes: finding them whatever the marks, and who said them."""

from __future__ import annotations

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from wirewatch.nlp.analyze import analyze_text, plan_pipeline
from wirewatch.nlp.quotes import find_quote_spans

PEOPLE = ["Jan Hoekstra", "Hoekstra", "Rachel Reeves", "Reeves", "Wang Yi", "Antony Blinken",
          "Keir Starmer", "Starmer", "Donald Trump", "Trump", "Vladimir Putin", "Putin",
          "Anna Berg", "Berg", "Steve Witkoff"]


def quotes_of(text: str, persons=PEOPLE):
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    if persons:
        nlp.add_pipe("entity_ruler").add_patterns([{"label": "PERSON", "pattern": p} for p in persons])
    _, quotes, _ = analyze_text(text, nlp=nlp)
    return quotes


def test_speaker_after_the_quote_with_appositive():
    quotes = quotes_of("“Rates will fall,” said Jan Hoekstra, an economist at ING.")
    assert [(q.text, q.speaker, q.cue) for q in quotes] == [("Rates will fall,", "Jan Hoekstra", "said")]
    assert quotes[0].speaker_mention.text == "Jan Hoekstra"


def test_speaker_before_with_colon():
    quotes = quotes_of('Rachel Reeves said: "We will not raise taxes on working people."')
    assert quotes[0].speaker == "Rachel Reeves"
    assert quotes[0].text == "We will not raise taxes on working people."


def test_straight_single_quotes():
    quotes = quotes_of("'We are ready to talk to anyone,' Anna Berg told reporters.")
    assert [(q.text, q.speaker, q.cue) for q in quotes] == [
        ("We are ready to talk to anyone,", "Anna Berg", "told")
    ]


def test_cue_verbs_beyond_said():
    for cue in ("added", "urged", "warned", "wrote"):
        quotes = quotes_of(f"“Act now before it is too late,” Reeves {cue}.", persons=["Reeves"])
        assert (quotes[0].speaker, quotes[0].cue) == ("Reeves", cue)


def test_according_to():
    quotes = quotes_of("According to Jan Hoekstra, “the worst is over for the economy.”")
    assert quotes[0].speaker == "Jan Hoekstra"
    assert quotes[0].cue == "according to"


def test_partial_quote_inside_reported_speech():
    text = "Wang Yi told Antony Blinken that China remained “open to dialogue” on trade."
    quotes = quotes_of(text)
    assert [(q.text, q.speaker, q.cue) for q in quotes] == [("open to dialogue", "Wang Yi", "told")]


def test_continuation_quote_keeps_the_speaker():
    text = "“Sooner or later, Putin will have to come to the table,” Starmer said. “So agree now.”"
    quotes = quotes_of(text)
    assert [q.speaker for q in quotes] == ["Starmer", "Starmer"]
    assert quotes[1].speaker_mention == quotes[0].speaker_mention


def test_quote_across_paragraphs_keeps_the_speaker():
    text = (
        "Jan Hoekstra said: “The first thing is inflation, which is still far too high.\n\n"
        "“The second thing is the labour market, which is tight.”"
    )
    quotes = quotes_of(text)
    assert [q.speaker for q in quotes] == ["Jan Hoekstra", "Jan Hoekstra"]


def test_quote_spanning_sentences_is_one_quote():
    quotes = quotes_of("“It is late. But we can still act,” Berg said.")
    assert [q.text for q in quotes] == ["It is late. But we can still act,"]


def test_pronoun_goes_to_the_subject_of_the_naming_sentence():
    text = (
        "Donald Trump expressed optimism on Friday, and Vladimir Putin would back off after "
        "meeting with envoy Steve Witkoff. “I ended up reaching some pretty good resonance,” he said."
    )
    quotes = quotes_of(text)
    assert quotes[0].speaker == "Donald Trump"
    mention = quotes[0].speaker_mention
    assert (mention.text, text[mention.start:mention.end]) == ("he", "he")


def test_role_noun_speaker_resolves_to_the_titled_person():
    text = (
        "British Prime Minister Keir Starmer urged a ceasefire. "
        "“The ball is now in the Russian court,” the Prime Minister said."
    )
    quote = quotes_of(text)[0]
    assert (quote.speaker, quote.speaker_mention.text) == ("Keir Starmer", "the Prime Minister")
    assert quote.speaker_entity is not None


def test_unknown_speaker_is_null_with_its_words():
    quote = quotes_of("“We have no comment on the matter at this time,” a spokesman said.")[0]
    assert quote.speaker is None and quote.speaker_entity is None
    assert quote.speaker_mention.text == "a spokesman"


def test_name_missed_by_the_ner_is_recovered_next_to_the_cue():
    quote = quotes_of("“Prices will rise again next year,” said Maria Lindqvist.", persons=[])[0]
    assert quote.speaker == "Maria Lindqvist"


def test_scare_quotes_are_not_quotes():
    assert quotes_of("The so-called “peace plan” was criticised by many people.") == []


def test_unbalanced_mark_does_not_lose_later_quotes():
    text = (
        "Berg called it “a disaster for everyone involved in the deal.\n\n"
        "“We will win,” Trump said."
    )
    quotes = quotes_of(text)
    assert (quotes[-1].text, quotes[-1].speaker) == ("We will win,", "Trump")


def test_quote_offsets_index_into_the_text():
    text = "Jan Hoekstra said: “Inflation is sticky.” “Rates stay high,” he added."
    for quote in quotes_of(text):
        assert text[quote.start:quote.end] == quote.text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab “”\"'‘’\n.,")), max_size=80))
def test_quote_spans_are_always_inside_the_text_and_ordered(text):
    spans = find_quote_spans(text)
    previous_end = -1
    for span in spans:
        assert 0 <= span.mark_start < span.start < span.end <= span.mark_end <= len(text)
        assert span.mark_start >= previous_end
        previous_end = span.mark_end


def test_one_word_scare_quote_is_not_reported():
    quotes = quotes_of("Anna Berg said the plan was “unworkable” and would cost too much.")
    assert quotes == []


def test_quoted_title_is_not_a_quote():
    quotes = quotes_of("Rachel Reeves said on “Fox News Sunday” that taxes would not rise.")
    assert [q.text for q in quotes] == []


def test_finished_quote_does_not_take_the_next_sentences_cue():
    text = "Anna Berg said, “The zeal of this case is unusual.” He added, “In this case things moved fast.”"
    quotes = quotes_of(text)
    assert [q.speaker_mention.text for q in quotes] == ["Anna Berg", "He"]


def test_continuation_survives_a_description_naming_someone_else():
    text = (
        "“Rates will fall,” said Jan Hoekstra, who advised Rachel Reeves last year. "
        "“Then they will rise again.”"
    )
    quotes = quotes_of(text)
    assert [q.speaker for q in quotes] == ["Jan Hoekstra", "Jan Hoekstra"]


def test_bare_quote_paragraph_keeps_the_speaker_of_the_paragraph_before():
    text = "“We will win,” Trump said. “It is going to be great.”\n\n“And we will do it very fast.”"
    quotes = quotes_of(text)
    assert [q.speaker for q in quotes] == ["Trump", "Trump", "Trump"]


def test_opening_mark_typed_as_closing_mark_still_closes_the_quote():
    text = "“Apparently not at all,“ Trump said. “A leopard does not change its spots.”"
    quotes = quotes_of(text)
    assert [(q.text, q.speaker) for q in quotes] == [
        ("Apparently not at all,", "Trump"), ("A leopard does not change its spots.", "Trump")
    ]


def test_possessive_role_speaker_is_not_the_possessor():
    quotes = quotes_of("“My reaction, that was outrageous,” Obama's former campaign strategist said.",
                       persons=["Obama"])
    assert quotes[0].speaker is None
    assert quotes[0].speaker_mention.text == "Obama's former campaign strategist"


def test_speaker_phrase_with_a_prepositional_modifier():
    quotes = quotes_of("“Why did he not pay his taxes?” a narrator in the Clinton ad asks.",
                       persons=["Clinton"])
    assert quotes[0].speaker is None
    assert quotes[0].speaker_mention.text == "a narrator in the Clinton ad"


def test_aside_between_speaker_and_cue_is_skipped():
    quotes = quotes_of("Rachel Reeves, at a later press conference, said, “We will not raise taxes.”")
    assert (quotes[0].speaker, quotes[0].speaker_mention.text) == ("Rachel Reeves", "Rachel Reeves")


def test_participle_cue_takes_the_pronoun_subject():
    text = ("Trump spoke to reporters on Monday. He then defended the remark, saying, "
            "“I don’t think this is a ridiculous idea at all.”")
    quotes = quotes_of(text)
    assert (quotes[0].speaker, quotes[0].speaker_mention.text, quotes[0].cue) == ("Trump", "He", "saying")


def test_coordinated_cue_takes_the_subject_of_the_first_verb():
    text = "Anna Berg arrived late. She laughed and said, “I do not believe a word of this report.”"
    quotes = quotes_of(text)
    assert (quotes[0].speaker, quotes[0].speaker_mention.text) == ("Anna Berg", "She")


def test_participle_right_after_a_name():
    quotes = quotes_of("The ad uses footage of Rachel Reeves asking, “Why are we not fifty points ahead?”")
    assert quotes[0].speaker == "Rachel Reeves"


def test_person_after_a_preposition_is_not_the_participle_subject():
    text = ("Protesters marched past the home of Jan Hoekstra on Sunday while chanting, "
            "“No justice, no peace, no more delay.”")
    assert quotes_of(text)[0].speaker is None


def test_inverted_cue_before_the_speaker():
    quotes = quotes_of("Said Hoekstra: “I don’t get the sense she is interested in tax reform.”")
    assert (quotes[0].speaker, quotes[0].speaker_mention.text) == ("Hoekstra", "Hoekstra")


def test_bare_quote_after_a_reporting_sentence_is_that_speakers():
    text = ("The government may be reluctant to act while talks go on, Antony Blinken said. "
            "“The other factor is the appearance of taking sides in the election.”")
    quotes = quotes_of(text)
    assert (quotes[0].speaker, quotes[0].speaker_mention.text) == ("Antony Blinken", "Antony Blinken")


def test_as_someone_put_it():
    quotes = quotes_of("The main requirement is a “lawful source of investment income,” as a "
                       "Homeland Security memo put it.")
    assert (quotes[0].speaker_mention.text, quotes[0].cue) == ("a Homeland Security memo", "put it")


def test_determiner_phrase_naming_an_organisation_is_not_that_organisation():
    quotes = quotes_of("“We will not comment on this case,” a Reuters spokesman said.",
                       persons=["Reuters"])
    assert (quotes[0].speaker, quotes[0].speaker_mention.text) == (None, "a Reuters spokesman")


def test_what_it_calls():
    text = ("Trump’s campaign is denouncing what it calls “the biggest coordinated media attack "
            "in history.”")
    quote = quotes_of(text)[0]
    assert (quote.speaker, quote.speaker_mention.text, quote.cue) == (None, "it", "calls")


def test_passive_cue_has_no_speaker():
    text = ("Jan Hoekstra said the rule was unfair, in what was widely criticized as a “use it or "
            "lose it” approach to the vote.")
    assert all(q.speaker is None for q in quotes_of(text))


def test_closing_mark_after_a_nested_single_quote_and_a_space():
    text = "\"I've always been insulted with the term 'outreach,' \" Hoekstra told the group."
    quotes = quotes_of(text)
    assert [(q.text, q.speaker) for q in quotes] == [
        ("I've always been insulted with the term 'outreach,'", "Hoekstra")
    ]


def test_more_cue_verbs():
    for cue in ("accused", "criticized", "likened", "sings"):
        quotes = quotes_of(f"“This is a crazy system for everyone,” Reeves {cue}.", persons=["Reeves"])
        assert (quotes[0].speaker, quotes[0].cue) == ("Reeves", cue)


# -- with a dependency parse -------------------------------------------------------------------
# A fixed tree stands in for the statistical parser: the attribution logic is what is tested,
# not a model's accuracy. Each tree lists (head index, dependency label) per spaCy token.
TREES = {
    "Clinton says she hopes to win, but she knows that “LeBron will always be the king.”": [
        (1, "nsubj"), (1, "ROOT"), (3, "nsubj"), (1, "ccomp"), (5, "mark"), (3, "xcomp"),
        (9, "punct"), (9, "cc"), (9, "nsubj"), (3, "conj"), (17, "mark"), (17, "punct"),
        (17, "nsubj"), (17, "aux"), (17, "advmod"), (17, "cop"), (17, "det"), (9, "ccomp"),
        (1, "punct"), (1, "punct"),
    ],
    "“Almost everybody was opposed to the thing,” said former Sen. Evan Bayh, a moderate.": [
        (4, "punct"), (4, "advmod"), (4, "nsubj:pass"), (4, "aux:pass"), (10, "ccomp"),
        (7, "case"), (7, "det"), (4, "obl"), (4, "punct"), (4, "punct"), (10, "ROOT"),
        (14, "amod"), (14, "nmod:desc"), (14, "compound"), (10, "obj"), (17, "punct"),
        (17, "det"), (14, "appos"), (10, "punct"),
    ],
    "Trump bemoaned the unrest and said he thought “drugs are a big factor.”": [
        (1, "nsubj"), (1, "ROOT"), (3, "det"), (1, "obj"), (5, "cc"), (1, "conj"), (7, "nsubj"),
        (5, "ccomp"), (13, "punct"), (13, "nsubj"), (13, "cop"), (13, "det"), (13, "amod"),
        (7, "ccomp"), (13, "punct"), (13, "punct"),
    ],
    "Reeves said no, but Berg said “the plan will fail.”": [
        (1, "nsubj"), (1, "ROOT"), (1, "obj"), (6, "punct"), (6, "cc"), (6, "nsubj"), (1, "conj"),
        (11, "punct"), (9, "det"), (11, "nsubj"), (11, "aux"), (6, "ccomp"), (11, "punct"),
        (11, "punct"),
    ],
}


@Language.component("fixed_tree_parser")
def fixed_tree_parser(doc):
    tree = TREES.get(doc.text)
    if tree is not None:
        for token, (head, dep) in zip(doc, tree, strict=True):
            token.head = doc[head]
            token.dep_ = dep
    return doc


def parsed_quotes_of(text: str, persons=PEOPLE):
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns([{"label": "PERSON", "pattern": p} for p in persons])
    nlp.add_pipe("fixed_tree_parser", name="parser")
    _, quotes, _ = analyze_text(text, nlp=nlp)
    return quotes


def test_parse_gives_the_subject_of_the_outermost_cue():
    text = next(t for t in TREES if t.startswith("Clinton"))
    quote = parsed_quotes_of(text, persons=["Clinton"])[0]
    assert (quote.text, quote.speaker, quote.speaker_mention.text) == (
        "LeBron will always be the king.", "Clinton", "Clinton"
    )


def test_parse_and_rules_find_a_speaker_behind_a_title_after_the_cue():
    text = next(t for t in TREES if "Bayh" in t)
    # the rules read a title before the name ("said former Sen. Evan Bayh") as the parse does
    assert quotes_of(text, persons=["Evan Bayh"])[0].speaker == "Evan Bayh"
    quote = parsed_quotes_of(text, persons=["Evan Bayh"])[0]
    assert (quote.speaker, quote.speaker_mention.text) == ("Evan Bayh", "Evan Bayh")


def test_parser_stays_out_of_the_main_pass():
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler")
    nlp.add_pipe("fixed_tree_parser", name="parser")
    disabled, parse_with = plan_pipeline(nlp)
    assert "parser" in disabled and parse_with == ["parser"]


def test_parse_coordinated_cue_shares_the_first_verbs_subject():
    text = next(t for t in TREES if t.startswith("Trump bemoaned"))
    quote = parsed_quotes_of(text, persons=["Trump"])[0]
    assert (quote.speaker, quote.speaker_mention.text, quote.cue) == ("Trump", "Trump", "said")


def test_parse_clause_with_its_own_subject_is_not_climbed_out_of():
    text = next(t for t in TREES if t.startswith("Reeves said no"))
    quote = parsed_quotes_of(text, persons=["Reeves", "Berg"])[0]
    assert (quote.speaker, quote.speaker_mention.text) == ("Berg", "Berg")
