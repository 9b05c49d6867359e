"""A speaker introduced by a relative clause ("X, who said ...") is X, not "who"."""

from __future__ import annotations

import pytest

import wirewatch


@pytest.mark.parametrize("sentence, speaker", [
    ('Dockers met Ivo Brandt, who said the deal was "dead on arrival".', "Ivo Brandt"),
    ('Reporters reached Sami Hale, who said: "It is done."', "Sami Hale"),
    ('The council invited Petra Novak, who told members the budget was "beyond repair".', "Petra Novak"),
])
def test_the_speaker_of_a_relative_clause_is_the_person_it_hangs_on(sentence, speaker):
    document = wirewatch.analyze(f"Harbour dispute\n\n{sentence}\n")
    assert [q.speaker for q in document.quotes] == [speaker]
    assert document.quotes[0].speaker_mention.text != "who"
