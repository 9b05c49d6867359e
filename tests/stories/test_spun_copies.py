"""Spun and translated copies whose changes defeat the copy score or the name test are copies.

Regressions (benchmarks/stories.py --duplicates-only): a one-sentence article spun with a third
of its words replaced fell below the copy score and was called a development; a translated copy
that garbled a name beyond what the name test accepts, in the mentions where it did not keep the
correct form, was taken to name a new person and called a development.
"""

from __future__ import annotations

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
