"""Every mention says what kind of words it is: the entity's name, a role noun the text gave the
person, or a pronoun. Readers (and the NER benchmark) need names apart from coreference."""

from __future__ import annotations

import wirewatch

ARTICLE = """Port strike enters second week

The harbour board's chair, Maria Lindqvist, met dock workers on Tuesday. "Nobody leaves this table
tonight," the chair said. Transport Minister Owen Pryce arrived later. The Transport Minister said
he expected a deal. "We are close," she said after the meeting.
"""


def _entity(document, name):
    return next(e for e in document.entities if e.name == name)


def test_a_role_noun_bound_to_a_person_is_a_role_mention_and_the_names_are_names():
    document = wirewatch.analyze(ARTICLE)
    pryce = _entity(document, "Owen Pryce")
    kinds = {m.text: m.kind for m in pryce.mentions}
    assert kinds["Owen Pryce"] == "name"
    assert kinds["The Transport Minister"] == "role"
    assert all(m.kind == "name" for m in _entity(document, "Maria Lindqvist").mentions)


def test_speaker_mentions_say_whether_they_are_a_name_a_role_or_a_pronoun():
    document = wirewatch.analyze(ARTICLE)
    kinds = {q.speaker_mention.text: q.speaker_mention.kind for q in document.quotes if q.speaker_mention}
    assert kinds.get("the chair") == "role"
    assert kinds.get("she") == "pronoun"


def test_the_kind_is_part_of_the_json_record_and_reads_back():
    document = wirewatch.analyze(ARTICLE)
    data = document.to_dict()
    assert {m["kind"] for e in data["entities"] for m in e["mentions"]} == {"name", "role"}
    again = wirewatch.Document.from_dict(data)
    assert [m.kind for e in again.entities for m in e.mentions] == [m.kind for e in document.entities for m in e.mentions]


import pytest  # noqa: E402


@pytest.mark.parametrize("title, person, pronoun", [
    ("Health Secretary", "Nadia Okafor", "she"),
    ("Transport Minister", "Owen Pryce", "he"),
    ("Energy Commissioner", "Tomas Varga", "he"),
    ("Interior Minister", "Lucia Ferreira", "she"),
])
def test_a_role_with_a_portfolio_is_the_person_given_it_not_a_person_of_its_own(title, person, pronoun):
    other = "Daniel Hart" if pronoun == "she" else "Helen Marsh"
    text = (f"Budget row deepens\n\n{title} {person} met {other} on Monday. The {title} said "
            f"{pronoun} would not resign. \"The numbers hold,\" {pronoun} said.\n")
    document = wirewatch.analyze(text)
    assert title not in {e.name for e in document.entities}
    entity = _entity(document, person)
    assert f"The {title}" in {m.text for m in entity.mentions if m.kind == "role"}
    assert [q.speaker for q in document.quotes] == [person]
