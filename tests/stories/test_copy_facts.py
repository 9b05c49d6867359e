"""A short text that its match proposes as a copy and that states no fact the match does not is a
copy, however heavily reworded; one that adds a fact -- a number, a person, a place, a date, a
quoted statement -- is a development (DuplicateIndex._restates; articles written here).

The class was found on the ECB+ dev topics (benchmarks/stories.py --duplicates-only dev, seeds
13-25): spun copies with about half their words replaced and clauses moved score below the copy
score and align below the sentence-by-sentence bar, yet restate their original only.
"""

from __future__ import annotations

from wirewatch.stories import COPY, DEVELOPMENT, ArticleInput, StoryEngine

FIRE = ("Firefighters in Kessling put out a blaze at a timber yard on the edge of the town late on Sunday, "
        "after it had burned for six hours, the regional fire service said. Nobody was hurt, but about 300 tonnes "
        "of stacked boards were lost, the yard's owner, the Brandt family, told reporters. The cause of the fire "
        "is not yet known, and investigators will visit the site on Monday.")
# A spinner's work on it: filler words where words were, and clauses moved around in every sentence.
FIRE_SPUN = ("late on Sunday, after it had burned for six long, the relevant fire key stated, Firefighters in Kessling put "
             "out a major at a certain yard on the particular of the town. the Brandt family, told various, the yard's "
             "notable, Nobody was particular, but about 300 wider of stacked boards were lost. and key will visit the "
             "broader on Monday, The significant of the fire is not yet prominent.")


def _later(text: str):
    engine = StoryEngine()
    engine.add(ArticleInput(id="fire", title="", text=FIRE))
    return engine.add(ArticleInput(id="later", title="", text=text))


def test_heavily_spun_short_copy_stating_no_new_fact_is_a_copy():
    later = _later(FIRE_SPUN)
    assert later.role == COPY and later.duplicate_of == "fire"


def test_the_same_wording_with_a_new_number_is_a_development():
    assert _later(FIRE_SPUN + " The relevant said 40 firefighters were sent.").role == DEVELOPMENT


def test_the_same_wording_naming_a_new_person_is_a_development():
    assert _later(FIRE_SPUN + " The relevant said Marta Quillen was leading the inquiry.").role == DEVELOPMENT


def test_the_same_wording_with_a_new_quote_is_a_development():
    assert _later(FIRE_SPUN + ' "We will rebuild the yard by spring," the owner said.').role == DEVELOPMENT


def test_the_same_wording_naming_a_new_place_is_a_development():
    assert _later(FIRE_SPUN + " The relevant said boards were also lost at a depot in Harlingen.").role == DEVELOPMENT


def test_the_same_wording_with_another_day_is_a_development():
    assert _later(FIRE_SPUN.replace("on Monday", "on Tuesday")).role == DEVELOPMENT
