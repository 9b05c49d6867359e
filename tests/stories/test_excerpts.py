"""An excerpt of a known article, spun or not, is a copy; with a fact of its own it is news.

Regression (benchmarks/copy_variants.py spin, `truncate`: 88 of 475 spun excerpts of ECB+ dev
articles called developments): the copy score is a symmetric Jaccard estimate, so the first
paragraphs of an article score about their share of it, and a spinner's swaps on top took them
under the copy score; the LSH index, which proposes candidates by the same Jaccard, missed some.
The articles and their excerpts here are written for the test (excerpt_texts.py): each original
is longer than the index keeps whole for the short-copy rules, each excerpt keeps its first four
or five paragraphs, with words swapped for synonyms or filler and clauses moved, and scores
0.25-0.37 against it.
"""

from __future__ import annotations

import json

import pytest

from wirewatch.stories import COPY, DEVELOPMENT, ArticleInput, StoryEngine

from .excerpt_texts import (
    APPEAL,
    APPEAL_EXCERPT_SPUN,
    MILL,
    RESCUE,
    RESCUE_EXCERPT_SPUN,
    WAREHOUSE,
    WAREHOUSE_EXCERPT_SPUN,
    WAREHOUSE_OTHER,
)

EXCERPTS = {
    "warehouse": (WAREHOUSE, WAREHOUSE_EXCERPT_SPUN),
    "appeal": (APPEAL, APPEAL_EXCERPT_SPUN),
    "rescue": (RESCUE, RESCUE_EXCERPT_SPUN),
}


def _engine(*texts: str) -> StoryEngine:
    engine = StoryEngine()
    for index, text in enumerate(texts):
        engine.add(ArticleInput(id=f"a{index}", title="", text=text))
    return engine


def _later(engine: StoryEngine, text: str):
    return engine.add(ArticleInput(id="later", title="", text=text))


@pytest.mark.parametrize("name", sorted(EXCERPTS))
def test_spun_excerpt_is_a_copy_of_its_original(name):
    original, excerpt = EXCERPTS[name]
    found = _later(_engine(original), excerpt)
    assert found.role == COPY and found.duplicate_of == "a0"


@pytest.mark.parametrize("name", sorted(EXCERPTS))
def test_plain_excerpt_is_a_copy_of_its_original(name):
    original, _ = EXCERPTS[name]
    paragraphs = original.split("\n")
    found = _later(_engine(original), "\n".join(paragraphs[:len(paragraphs) * 3 // 5]))
    assert found.role == COPY and found.duplicate_of == "a0"


def test_spun_excerpt_is_a_copy_after_a_restart():
    engine = _engine(WAREHOUSE)
    restored = StoryEngine.from_state(json.loads(json.dumps(engine.state())))
    found = _later(restored, WAREHOUSE_EXCERPT_SPUN)
    assert found.role == COPY and found.duplicate_of == "a0"


def test_spun_excerpt_of_a_report_copies_that_report_not_another_fire():
    found = _later(_engine(MILL, WAREHOUSE), WAREHOUSE_EXCERPT_SPUN)
    assert found.role == COPY and found.duplicate_of == "a1"


def test_spun_excerpt_naming_a_new_person_is_a_development():
    # Both words of the new name are spelled like name words of the paragraphs the excerpt left
    # out ("Anton Gruber"): a name dropped with its paragraph is not garbled into a new one.
    later = RESCUE_EXCERPT_SPUN + "\nThe service said on Sunday that Grant Barber would lead a review of the rescue."
    assert _later(_engine(RESCUE), later).role == DEVELOPMENT


def test_spun_excerpt_with_new_counts_is_a_development():
    later = APPEAL_EXCERPT_SPUN + "\nOfficials later said 37 other cases were under review, and 12 officers were suspended."
    assert _later(_engine(APPEAL), later).role == DEVELOPMENT


def test_spun_excerpt_revising_a_count_is_a_development():
    later = APPEAL_EXCERPT_SPUN.replace("has served 20 months", "has served 26 months")
    assert _later(_engine(APPEAL), later).role == DEVELOPMENT


def test_another_report_of_the_fire_in_its_own_words_is_no_copy():
    found = _later(_engine(WAREHOUSE), WAREHOUSE_OTHER)
    assert found.role != COPY


def test_a_fire_in_another_town_is_no_copy_of_the_first():
    paragraphs = MILL.split("\n")
    found = _later(_engine(WAREHOUSE), "\n".join(paragraphs[:4]))
    assert found.role != COPY and found.story_id != "a0"


def test_spun_excerpt_adding_a_single_name_word_is_a_development():
    # An excerpt is a part of its original: a surname it adds inside a sentence is news, although
    # above the copy score a single name word is not (a reworded copy moves capitals about).
    later = WAREHOUSE_EXCERPT_SPUN + "\nInvestigators said a contractor, Vossberg, had checked the wiring on Monday."
    assert _later(_engine(WAREHOUSE), later).role == DEVELOPMENT
