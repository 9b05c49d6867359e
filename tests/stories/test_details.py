"""Same-kind events told apart by their details: year, weekday, figures and names."""

from __future__ import annotations

import json

from wirewatch.stories import DEVELOPMENT, ArticleInput, StoryConfig, StoryEngine

from . import fights

# Explicit, so retuning the defaults does not change what these tests mean.
CONFIG = StoryConfig(join_threshold=0.28, detail_weight=0.04)

FIRST_NAMES = [("Marek Dubrovsky", "PERSON"), ("Luis Ortega", "PERSON"), ("Hamburg", "GPE")]
SECOND_NAMES = [("Marek Dubrovsky", "PERSON"), ("Tomas Berg", "PERSON"), ("Oslo", "GPE")]


def fight(key: str, entities: list[tuple[str, str]] | None = None) -> ArticleInput:
    return ArticleInput(id=key.lower(), title="", text=getattr(fights, key), entities=entities or [])


def test_same_champion_fight_with_other_year_day_and_figures_opens_its_own_story():
    engine = StoryEngine(CONFIG)
    engine.add(fight("FIRST_FIGHT"))
    second = engine.add(fight("SECOND_FIGHT"))
    assert second.new_story


def test_follow_up_repeating_the_story_details_joins_it():
    engine = StoryEngine(CONFIG)
    engine.add(fight("FIRST_FIGHT"))
    engine.add(fight("SECOND_FIGHT"))
    follow_up = engine.add(fight("FIRST_FIGHT_FOLLOW_UP"))
    assert (follow_up.story_id, follow_up.role) == ("first_fight", DEVELOPMENT)


def test_typed_entities_keep_fights_with_different_challengers_apart():
    engine = StoryEngine(CONFIG)
    engine.add(fight("FIRST_FIGHT", FIRST_NAMES))
    second = engine.add(fight("SECOND_FIGHT", SECOND_NAMES))
    assert second.new_story


def test_restored_engine_keeps_the_details_of_its_stories():
    engine = StoryEngine(CONFIG)
    engine.add(fight("FIRST_FIGHT"))
    restored = StoryEngine.from_state(json.loads(json.dumps(engine.state())))
    assert restored.add(fight("SECOND_FIGHT")).new_story
