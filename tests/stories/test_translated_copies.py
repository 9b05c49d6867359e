"""Machine-translated copies of a wire story are copies; what they add that is new is news.

Regression: a round-trip machine-translated copy of a wire story, its names garbled
consistently and its numbers written the continental way ("1.250" trucks, "4,5" days), was
called a development and alerted subscribers a second time.
"""

from __future__ import annotations

import pytest

from wirewatch.config import Settings
from wirewatch.ingest import ingest
from wirewatch.stories import COPY, DEVELOPMENT, ArticleInput, StoryEngine
from wirewatch.store import Store

from . import mt_texts


def _input(key: str, text: str | None = None, title: str | None = None, **extra) -> ArticleInput:
    return ArticleInput(id=key, title=title or mt_texts.WIRE_TITLE, text=text or mt_texts.WIRE, **extra)


def _after_wire(later: ArticleInput):
    engine = StoryEngine()
    engine.add(_input("wire"))
    return engine.add(later)


def test_translated_copy_with_garbled_names_and_continental_numbers_is_a_copy():
    copy = _after_wire(_input("mt", mt_texts.TRANSLATED, mt_texts.TRANSLATED_TITLE))
    assert copy.role == COPY and copy.duplicate_of == "wire"


@pytest.mark.parametrize("old, new", [
    ("1,250 trucks", "1.250 trucks"),
    ("1,250 trucks", "1250 trucks"),
    ("4,800 workers", "4.800 workers"),
    ("4.5 days", "4,5 days"),
    ("4,800 workers", "4.8 thousand workers"),
])
def test_copy_writing_numbers_in_another_format_states_no_new_number(old, new):
    text = mt_texts.WIRE.replace(old, new).replace("37 ships", "37 vessels")
    copy = _after_wire(_input("copy", text))
    assert copy.role == COPY and copy.duplicate_of == "wire"


@pytest.mark.parametrize("old, new", [
    ("Vandermeulen", "Vandermolen"),  # a vowel lost
    ("Dierickx", "Dierikcs"),  # transliterated
    ("Claessens", "Clacssens"),  # an OCR look-alike
    ("Katrien", "Catrien"),  # a first name transliterated
])
def test_copy_garbling_a_name_everywhere_names_nobody_new(old, new):
    text = mt_texts.TRANSLATED.replace(old, new)
    copy = _after_wire(_input("copy", text, mt_texts.TRANSLATED_TITLE))
    assert copy.role == COPY and copy.duplicate_of == "wire"


def test_garble_resolved_to_a_known_name_is_known():
    """A garble far from the name on its own ("Dyrikx" for "Dierickx") that the copy's entity
    resolution grouped with the correct spelling is the same person."""
    text = mt_texts.TRANSLATED.replace("Dierikcs", "Dyrikx")
    spellings = {"Katrien Dyrikx": ["Dierickx", "Dyrikx", "Katrien Dyrikx"]}
    copy = _after_wire(_input("copy", text, mt_texts.TRANSLATED_TITLE, spellings=spellings))
    assert copy.role == COPY
    unresolved = _after_wire(_input("copy", text.replace(", while Dierickx warned of more actions", ""),
                                    mt_texts.TRANSLATED_TITLE))
    assert unresolved.role == COPY  # the correct spelling vanished: "Dyrikx" stands in for it


def test_translated_copy_naming_a_new_person_is_a_development():
    later = _after_wire(_input("news", mt_texts.TRANSLATED_WITH_NEWS, mt_texts.TRANSLATED_TITLE))
    assert later.role == DEVELOPMENT and later.story_id == "wire"


@pytest.mark.parametrize("news", [
    "Interior Minister Annelies Verlinden visited the port on Tuesday.",
    "Mayor Bart De Wever urged both sides to return to the table.",
])
def test_wire_story_with_one_new_sentence_naming_someone_is_a_development(news):
    """Regression: an update adding one sentence that names a new person was near-exact to the
    wire story, so its names were not read and it was called a copy."""
    later = _after_wire(_input("update", f"{mt_texts.WIRE}\n{news}"))
    assert later.role == DEVELOPMENT


def test_revised_numbers_in_a_translated_copy_are_a_development():
    later = _after_wire(_input("extended", mt_texts.EXTENDED))
    assert later.role == DEVELOPMENT


def test_translated_copy_is_a_copy_through_ingest(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "1-wire.txt").write_text(f"{mt_texts.WIRE_TITLE}\n\n{mt_texts.WIRE}\n", encoding="utf-8")
    (folder / "2-translated.txt").write_text(f"{mt_texts.TRANSLATED_TITLE}\n\n{mt_texts.TRANSLATED}\n",
                                             encoding="utf-8")
    (folder / "3-news.txt").write_text(
        f"{mt_texts.TRANSLATED_TITLE}\n\n{mt_texts.TRANSLATED_WITH_NEWS}\n", encoding="utf-8")
    with Store.open(f"sqlite:///{tmp_path}/wire.db") as store:
        ingest([str(folder / "1-wire.txt")], store=store, settings=Settings(host_delay=0))
        summary = ingest([str(folder / "2-translated.txt")], store=store, settings=Settings(host_delay=0))
        assert summary.copies == 1
        summary = ingest([str(folder / "3-news.txt")], store=store, settings=Settings(host_delay=0))
        assert summary.developments == 1 and summary.copies == 0


def test_new_person_sharing_a_known_first_name_is_a_development_after_resolution():
    """Regression: a resolved entity counted as known when any of its words was known, so a new
    "Joris Lambrecht" (the wire named Joris Vandermeulen) was taken for a known person."""
    news = "The port authority said on Tuesday that Joris Lambrecht would lead the talks."
    spellings = {"Joris Vandermeulen": ["Joris Vandermeulen", "Vandermeulen"],
                 "Joris Lambrecht": ["Joris Lambrecht"]}
    later = _after_wire(_input("news", f"{mt_texts.WIRE}\n{news}", spellings=spellings))
    assert later.role == DEVELOPMENT


@pytest.mark.parametrize("old, new", [
    ("4.5 days", "4. 5 days"),  # detokenised decimal
    ("600 jobs", "600 jobs worth 2. 6 million euros and 1. 5 million in fines"),  # before a scale word
])
def test_detokenised_numbers_read_as_the_original_writes_them(old, new):
    """Regression: "2. 6 million" was read as "2" (the scale word split it), so a copy that
    garbled "million" stated a "new" 2.6 and republished wire copies became developments."""
    wire = mt_texts.WIRE.replace(old, new)
    engine = StoryEngine()
    engine.add(_input("wire", wire))
    copy = engine.add(_input("copy", wire.replace("million", "milion").replace("37 ships", "37 vessels")))
    assert copy.role == COPY and copy.duplicate_of == "wire"


def test_spun_copy_keeping_a_fragment_of_a_scaled_number_is_a_copy():
    wire = mt_texts.WIRE.replace("600 jobs", "600 jobs, 2.5 million euros of wages and 3.6 million in fines")
    spun = wire.replace("2.5 million", "key. 5 million").replace("3.6 million", "major. 6 million")
    spun = spun.replace("37 ships", "37 vessels")
    engine = StoryEngine()
    engine.add(_input("wire", wire))
    copy = engine.add(_input("copy", spun))
    assert copy.role == COPY
