"""What the analysis workers prepare for the story stage changes nothing but where it is computed."""

from __future__ import annotations

import pickle
from dataclasses import replace

from wirewatch.stories import StoryConfig, StoryEngine
from wirewatch.stories.prepared import prepare

from .test_engine import article

ORDER = [("WIRE", 0), ("REPUBLISHED", 1), ("TRANSLATED", 3), ("DEVELOPMENT", 20), ("OTHER_QUAKE", 30),
         ("UNRELATED", 31)]


def test_prepared_articles_are_assigned_as_unprepared_ones_and_the_engine_state_is_the_same():
    plain, prepared = StoryEngine(), StoryEngine()
    for key, hours in ORDER:
        item = article(key, hours)
        # Made before the article had its id (a worker prepares it before the store assigns one),
        # and carried between processes as a pickle.
        made = pickle.loads(pickle.dumps(prepare(replace(item, id=""), StoryConfig())))
        assert prepared.add(item, made) == plain.add(item)
    assert prepared.state() == plain.state()


def test_a_preparation_of_another_text_or_other_settings_is_not_used():
    plain, given_wrong = StoryEngine(), StoryEngine()
    other_text = prepare(article("UNRELATED"), StoryConfig())
    other_settings = prepare(article("REPUBLISHED"), StoryConfig(num_perm=64))
    for (key, hours), wrong in zip(ORDER, [other_text, other_settings] * 3):
        item = article(key, hours)
        assert given_wrong.add(item, wrong) == plain.add(item)
    assert given_wrong.state() == plain.state()
