"""Spun and translated copies whose changes defeat the copy score or the name test are copies.

Regressions (benchmarks/stories.py --duplicates-only): a one-sentence article spun with a third
of its words replaced fell below the copy score and was called a development; a translated copy
that garbled a name beyond what the name test accepts, in the mentions where it did not keep the
correct form, was taken to name a new person and called a development.
"""

from __future__ import annotations

import pytest

from wirewatch.stories import COPY, DEVELOPMENT, ArticleInput, StoryEngine

from .river_texts import TITLE, TRANSLATED, TRANSLATED_TITLE, WIRE

SHORT = ("Firefighters rescued 14 hikers trapped by a sudden snowstorm on the slopes of Mount Ventoux "
         "late on Saturday, the regional fire service said.")
# A spinner's work: synonyms, and filler words where words were.
SHORT_SPUN = ("Firemen saved 14 notable walkers stranded by a sudden blizzard various the slopes of Mount "
              "Ventoux late key Saturday, the wider fire service stated.")
# Another report of the same rescue, in its own words.
SHORT_OTHER = ("Fourteen walkers caught in a blizzard on Mount Ventoux were brought down by fire crews "
               "on Saturday night, local officials said.")
# "Maasland" garbled beyond a spelling test in one mention, kept in another.
GARBLED = TRANSLATED.replace("Governor Hendrik Maaslant", "Governor Hendrik Mooslnt").replace(
    "Maaslant exhorted", "Maasland exhorted")
NEWS = "The regional authorities said on Friday that Marc Delvaux had been appointed to lead an inquiry."


def _after(first: ArticleInput, later: ArticleInput):
    engine = StoryEngine()
    engine.add(first)
    return engine.add(later)


def test_one_sentence_spun_copy_is_a_copy():
    copy = _after(ArticleInput(id="short", title="", text=SHORT), ArticleInput(id="spun", title="", text=SHORT_SPUN))
    assert copy.role == COPY and copy.duplicate_of == "short"


def test_another_short_report_of_the_same_event_is_no_copy():
    later = _after(ArticleInput(id="short", title="", text=SHORT), ArticleInput(id="other", title="", text=SHORT_OTHER))
    assert later.role != COPY


def test_name_garbled_where_the_original_wrote_it_names_nobody_new():
    copy = _after(ArticleInput(id="wire", title=TITLE, text=WIRE),
                  ArticleInput(id="mt", title=TRANSLATED_TITLE, text=GARBLED))
    assert copy.role == COPY and copy.duplicate_of == "wire"


def test_translated_copy_with_a_new_person_in_a_sentence_of_its_own_is_a_development():
    later = _after(ArticleInput(id="wire", title=TITLE, text=WIRE),
                   ArticleInput(id="news", title=TRANSLATED_TITLE, text=f"{GARBLED}\n{NEWS}"))
    assert later.role == DEVELOPMENT


def test_restored_engine_still_knows_where_names_stood_and_short_texts():
    engine = StoryEngine()
    engine.add(ArticleInput(id="wire", title=TITLE, text=WIRE))
    engine.add(ArticleInput(id="short", title="", text=SHORT))
    restored = StoryEngine.from_state(engine.state())
    assert restored.add(ArticleInput(id="mt", title=TRANSLATED_TITLE, text=GARBLED)).role == COPY
    assert restored.add(ArticleInput(id="spun", title="", text=SHORT_SPUN)).role == COPY


def test_copy_writing_a_decade_in_full_revises_no_number():
    """Regression: "the 40s" read as the number 40 before the word "s", so a copy writing "the
    1940s" (or moving a clause next to another decade) revised a number and was a development."""
    title = "Jazz singer Marta Olsen, a star of the 40s and 50s, dies at 93"
    text = ("Jazz singer Marta Olsen, whose recordings topped the charts in the 40s and 50s, died on Sunday "
            "at her home in Oslo, her family said. She was 93.\n"
            "Olsen toured Europe and the United States for four decades and recorded more than 30 albums.\n"
            "Her family said she died peacefully surrounded by her children and grandchildren.")
    copy = text.replace("died on Sunday at her home in Oslo, her family said", "her family said").replace(
        "in the 40s and 50s,", "in the 1940s and 1950s, died on Sunday at her home in Oslo.")
    later = _after(ArticleInput(id="obituary", title=title, text=text), ArticleInput(id="copy", title=title, text=copy))
    assert later.role == COPY


# A council report with titled names, written for these tests.
COUNCIL_TITLE = "Harbour council approves new ferry terminal after long debate"
COUNCIL = (
    "The harbour council approved a new ferry terminal on Tuesday after a debate that lasted most of the night.\n"
    "Deputy Mayor Jorge Ortega said the terminal would open in two years and cost about 40 million euros.\n"
    "Opposition Leader Carmen Iglesias called the plan rushed and said residents had not been heard.\n"
    "Chief Engineer Yusuf Demir told the council the old pier could no longer carry the new ships.\n"
    "Work on the foundations is due to start in the spring, the council said in a statement."
)



@pytest.mark.parametrize(
    ("old", "new"),
    [
        # Transliteration changes the first letter; the rest of the title and name is kept.
        ("Deputy Mayor Jorge Ortega said", "Deputy Mayor Khorkhe Ortega said"),
        ("Opposition Leader Carmen Iglesias called", "Opposition Leader Zhonh Iglesias called"),
        ("Chief Engineer Yusuf Demir told", "Chief Engineer Ghusuv Demir told"),
    ],
)
def test_a_name_word_garbled_past_its_first_letter_in_the_slot_of_a_known_name_is_no_new_person(old, new):
    """Regression: a machine-translated copy writing "State Fire Marshall Zhonh Bond" where the
    original wrote "... John Bond" named a new person (the garble keeps no first letter) and was
    called a development."""
    copy = COUNCIL.replace(old, new).replace("on Tuesday after", "on Tuesday following")
    later = _after(ArticleInput(id="wire", title=COUNCIL_TITLE, text=COUNCIL),
                   ArticleInput(id="mt", title=COUNCIL_TITLE, text=copy))
    assert later.role == COPY and later.duplicate_of == "wire"


def test_another_person_in_the_slot_of_a_known_one_is_still_news():
    """The slot rule takes one odd word, not a new name: the deputy mayor replaced is news."""
    update = COUNCIL.replace("Deputy Mayor Jorge Ortega said", "Deputy Mayor Lucia Benitez said")
    later = _after(ArticleInput(id="wire", title=COUNCIL_TITLE, text=COUNCIL),
                   ArticleInput(id="update", title=COUNCIL_TITLE, text=update))
    assert later.role == DEVELOPMENT


RACE_TITLE = "Moreno wins the harbour grand prix from second on the grid"
RACE = (
    "Daniela Moreno won the harbour grand prix on Sunday after starting second on the grid.\n"
    "Moreno was patient behind the leader, and her approach was paying off in lap two.\n"
    "In lap three Moreno was again quicker through the hairpin and took the lead for good.\n"
    "Her team said the car had been rebuilt overnight after a crash in practice.\n"
    "The race drew about 30,000 spectators along the seafront, the organisers said."
)


def test_a_reordered_clause_that_puts_a_stated_number_between_other_words_revises_nothing():
    """Regression: a spun copy reordered "Moreno was patient ..., paying off in lap two" into
    "... paying off in lap two, Moreno was patient": "two" then stood between the words that
    frame "three" in the original ("in lap _ Moreno was"), which read as a revised number."""
    copy = RACE.replace(
        "Moreno was patient behind the leader, and her approach was paying off in lap two.",
        "and her approach was paying off in lap two, Moreno was patient behind the leader.")
    later = _after(ArticleInput(id="race", title=RACE_TITLE, text=RACE),
                   ArticleInput(id="spun", title=RACE_TITLE, text=copy))
    assert later.role == COPY


def test_a_number_no_source_states_between_the_same_words_is_still_a_revision():
    update = RACE.replace("about 30,000 spectators", "about 45,000 spectators")
    later = _after(ArticleInput(id="race", title=RACE_TITLE, text=RACE),
                   ArticleInput(id="update", title=RACE_TITLE, text=update))
    assert later.role == DEVELOPMENT


TRIAL_TITLE = "Jury hears closing arguments in harbour fraud trial"
TRIAL = (
    "Closing arguments began on Monday in the fraud trial of two former harbour board officials.\n"
    "Defence attorney Jerome Fenton argued that his client had signed the contracts in good faith.\n"
    "Prosecutor Helen Forster told the jury the officials had hidden the payments for three years.\n"
    "The judge said she expected the jury to begin deliberating on Wednesday."
)


@pytest.mark.parametrize(
    ("old", "new"),
    [("attorney Jerome Fenton argued", "attorney Jerome Phnetun argued"),
     ("Prosecutor Helen Forster told", "Prosecutor Helen Phroust told")],
)
def test_a_name_garbled_past_its_first_letter_but_not_its_first_sound_is_no_new_person(old, new):
    """Regression: "the Phailt Guy creator" for "the Family Guy creator", "attorney Jerome Phnetun
    argued" for "... Fenton argued": transliteration writes a sound with other letters (ph/f,
    y/i, zh/j), so "keeps the first letter" missed the garble and the copy named a new person."""
    copy = TRIAL.replace(old, new).replace("began on Monday", "started on Monday")
    later = _after(ArticleInput(id="wire", title=TRIAL_TITLE, text=TRIAL),
                   ArticleInput(id="mt", title=TRIAL_TITLE, text=copy))
    assert later.role == COPY and later.duplicate_of == "wire"


def test_another_surname_in_the_slot_of_a_known_name_is_still_news():
    update = TRIAL.replace("attorney Jerome Fenton argued", "attorney Jerome Walsh argued")
    later = _after(ArticleInput(id="wire", title=TRIAL_TITLE, text=TRIAL),
                   ArticleInput(id="update", title=TRIAL_TITLE, text=update))
    assert later.role == DEVELOPMENT
