"""The machine-translation flag, and the sample article read end to end."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from wirewatch.nlp.analyze import analyze_text

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "samples" / "ceasefire-article.txt"

# Only full names and correct spellings: the garbles must be resolved by wirewatch, not the NER.
SAMPLE_PERSONS = [
    "Keir Starmer", "Starmer", "Vladimir Putin", "Putin", "Donald Trump", "Trump",
    "Emmanuel Macron", "Macron", "Giorgia Meloni", "Volodymyr Zelenskyy", "Zelenskyy",
    "Joe Biden", "Steve Witkoff",
]


def blank_nlp(persons=SAMPLE_PERSONS):
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("entity_ruler").add_patterns([{"label": "PERSON", "pattern": p} for p in persons])
    return nlp


def sample_body() -> str:
    if not SAMPLE.is_file():
        pytest.skip(f"sample article missing: {SAMPLE}")
    return SAMPLE.read_text(encoding="utf-8").split("\n", 1)[1].lstrip("\n")


def shipped_nlp():
    from wirewatch.errors import ConfigError
    from wirewatch.nlp.pipeline import load_pipeline

    try:
        return load_pipeline()
    except ConfigError as exc:
        pytest.skip(str(exc))


@pytest.fixture(params=["blank", "shipped"])
def sample_analysis(request):
    nlp = blank_nlp() if request.param == "blank" else shipped_nlp()
    text = sample_body()
    return (text, *analyze_text(text, nlp=nlp))


def _entity(entities, name):
    return next(e for e in entities if e.name == name)


def test_sample_garbled_leaders_are_one_entity_each(sample_analysis):
    _, entities, _, _ = sample_analysis
    assert "Stemmer" in [m.text for m in _entity(entities, "Keir Starmer").mentions]
    assert "Prin" in [m.text for m in _entity(entities, "Vladimir Putin").mentions]
    assert "Zelensky" in [m.text for m in _entity(entities, "Volodymyr Zelenskyy").mentions]
    names = [e.name for e in entities]
    assert "Stemmer" not in names and "Prin" not in names and "Zelensky" not in names
    for leader in ("Keir Starmer", "Vladimir Putin", "Volodymyr Zelenskyy"):
        assert names.count(leader) == 1


def test_sample_quotes_have_the_right_speakers(sample_analysis):
    text, _, quotes, _ = sample_analysis

    def quote(prefix):
        return next(q for q in quotes if q.text.startswith(prefix))

    ball = quote("We agree that the ball is now in the Russian court")
    assert (ball.speaker, ball.speaker_mention.text) == ("Keir Starmer", "the Prime Minister")
    resonance = quote("I ended up reaching some pretty good resonance")
    assert (resonance.speaker, resonance.speaker_mention.text) == ("Donald Trump", "he")
    assert quote("If Putin wants to bring").speaker == "Volodymyr Zelenskyy"
    for q in quotes:
        assert text[q.start:q.end] == q.text


def test_sample_is_flagged_as_machine_translated(sample_analysis):
    _, _, _, quality = sample_analysis
    assert quality.machine_translation_suspected
    assert any("Stemmer" in s for s in quality.signals)


def test_clean_article_is_not_flagged():
    text = (
        "LONDON (AP) — British Prime Minister Keir Starmer on Saturday urged Russian President "
        "Vladimir Putin to sign a ceasefire. Starmer said allies would keep up the pressure.\n\n"
        "“We agree that the ball is now in Russia’s court,” Starmer said. Putin’s spokesman "
        "did not reply, and Zelenskyy’s office welcomed the call."
    )
    _, _, quality = analyze_text(text, nlp=blank_nlp())
    assert not quality.machine_translation_suspected
    assert quality.signals == []


def test_one_spelling_variant_alone_does_not_flag():
    text = "Volodymyr Zelenskyy spoke in Kyiv. Zelenskyy thanked allies. Later, Zelensky left."
    _, _, quality = analyze_text(text, nlp=blank_nlp())
    assert not quality.machine_translation_suspected


def test_empty_text_gives_empty_analysis():
    assert analyze_text("  \n", nlp=blank_nlp()) == ([], [], analyze_text("", nlp=blank_nlp())[2])


# --- general evidence of machine translation (no phrase taken from any sample) ----------------

HARBOUR_CLEAN = (
    "ROTTERDAM (AP) — Harbour pilots in Rotterdam stopped work on Thursday after talks with the port "
    "authority broke down, and dozens of ships waited at anchor off the coast. Union leader Marieke "
    "Vandenbroucke said the pilots wanted the authority to hire more staff before the winter. "
    "Vandenbroucke told reporters the strike would last until the weekend. The port authority's chief, "
    "Hendrik Oosterhuis, said he regretted the decision and hoped to resume talks on Monday. "
    "Oosterhuis added that cargo would be rerouted to Antwerp if the strike went on."
)
# The same report after a round trip through machine translation: two names garbled in some
# mentions, prepositions and articles slipped.
HARBOUR_TRANSLATED = (
    "ROTTERDAM (AP) – The harbour pilots in Rotterdam stopped the work on Thursday after of the "
    "conversations with the port authority broke down, and dozens of ships waited at anchor off the coast. "
    "The union leader Marieke Vandenbroucke said that the pilots wanted that the authority hire more "
    "staff before of the winter. Vandenbrouke said to the journalists that the strike would last up to "
    "the weekend. The chief of the port authority, Hendrik Oosterhuis, said that he regretted the "
    "decision and hoped to resume the talks in Monday. Oosterhius added that the cargo would be "
    "rerouted towards Antwerp if the strike continued against of the plan."
)
HARBOUR_PERSONS = ["Marieke Vandenbroucke", "Vandenbroucke", "Hendrik Oosterhuis", "Oosterhuis"]


def test_translated_article_is_flagged_on_general_evidence():
    _, _, quality = analyze_text(HARBOUR_TRANSLATED, nlp=blank_nlp(HARBOUR_PERSONS))
    assert quality.machine_translation_suspected
    assert any(s.startswith("name spelled several ways") for s in quality.signals)


def test_clean_report_of_the_same_story_is_not_flagged():
    _, _, quality = analyze_text(HARBOUR_CLEAN, nlp=blank_nlp(HARBOUR_PERSONS))
    assert not quality.machine_translation_suspected
    assert quality.signals == []


@pytest.mark.parametrize("garbles", [
    {"Vandenbrouke": "Vandenbroucke", "Oosterhius": "Oosterhuis"},  # letters lost or swapped
    {"Vandenbroucke": "Vandenbroucke", "Oosterhuis": "Oosterhuis"},  # control: spelled one way
])
def test_two_names_spelled_two_ways_flag_an_article(garbles):
    text = HARBOUR_CLEAN.replace("Vandenbroucke told", "Vandenbrouke told").replace(
        "Oosterhuis added", "Oosterhius added")
    for wrong, right in garbles.items():
        if wrong == right:
            text = text.replace("Vandenbrouke", "Vandenbroucke").replace("Oosterhius", "Oosterhuis")
    _, _, quality = analyze_text(text, nlp=blank_nlp(HARBOUR_PERSONS))
    assert quality.machine_translation_suspected == ("Vandenbrouke" in garbles)


def test_odd_collocations_of_common_words_are_a_signal():
    text = ("The ministers met in Brussels before of the summit. After of the vote, the leaders "
            "spoke against of the plan, and with of the talks the aid was discussed.")
    _, _, quality = analyze_text(text, nlp=blank_nlp([]))
    assert any(s.startswith("odd collocations") for s in quality.signals)
    assert quality.machine_translation_suspected


def test_one_odd_collocation_alone_does_not_flag():
    text = ("The ministers met in Brussels before of the summit. After the vote, the leaders "
            "spoke against the plan, and during the talks aid was discussed.")
    _, _, quality = analyze_text(text, nlp=blank_nlp([]))
    assert not quality.machine_translation_suspected


@pytest.mark.parametrize("text", [
    "Russia said on Monday that Russians abroad could vote. The Minister spoke to the Ministry.",
    "Martin Dubois met Carlos Martinez in Madrid. Martin said Martinez would sign on Friday.",
    "Officials in Canada said Canadian troops would stay. Canada's Prime Minister agreed.",
])
def test_related_names_are_not_one_name_spelled_two_ways(text):
    _, _, quality = analyze_text(text, nlp=blank_nlp(["Martin Dubois", "Carlos Martinez"]))
    assert not any(s.startswith("name spelled several ways") for s in quality.signals)
