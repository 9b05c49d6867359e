"""Direct quotes: finding them whatever the marks, and who said them."""

from __future__ import annotations

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from wirewatch.nlp.analyze import analyze_text
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
