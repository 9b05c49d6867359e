"""Plain text: a title line directly above the lead keeps the lead in the body."""

from __future__ import annotations

import pytest

import wirewatch

LEAD = ("Dock workers in Rotterdam ended a three-day strike on Monday after union leader Petra de Wit "
        "accepted a pay offer from the port authority.")
SECOND = "Ships that had waited off the coast began moving into the harbour before dawn."
WRAPPED_LEAD = (
    "Dock workers in Rotterdam ended a three-day strike on Monday after union\n"
    "leader Petra de Wit accepted a pay offer from the port authority, which\n"
    "had refused to negotiate for a week.\n"
)


@pytest.mark.parametrize("text, title", [
    (f"Rotterdam dock strike ends\n{LEAD}\n{SECOND}", "Rotterdam dock strike ends"),
    (f"Rotterdam dock strike ends after union accepts improved pay offer\n{LEAD}\n\n{SECOND}",
     "Rotterdam dock strike ends after union accepts improved pay offer"),
    (f"Is the Rotterdam strike over?\n{LEAD}", "Is the Rotterdam strike over?"),
    (f"Dock strike ends | Harbour Times\n{WRAPPED_LEAD}\n{SECOND}", "Dock strike ends"),
    (f"Rotterdam dock workers end their three-day strike over pay\n{WRAPPED_LEAD}",
     "Rotterdam dock workers end their three-day strike over pay"),
])
def test_a_title_directly_above_the_lead_keeps_the_lead_in_the_body(text, title):
    document = wirewatch.analyze(text, content_type="text/plain")
    assert document.title == title
    assert document.text.startswith("Dock workers in Rotterdam ended a three-day strike on Monday")
    assert "union leader Petra de Wit accepted" in document.text.replace("union\nleader", "union leader")
    assert "Petra de Wit" in [m.text for e in document.entities for m in e.mentions]


def test_a_hard_wrapped_lead_is_still_one_paragraph_under_its_title():
    document = wirewatch.analyze(f"Rotterdam dock strike ends\n{WRAPPED_LEAD}", content_type="text/plain")
    [paragraph] = document.text.split("\n\n")
    assert paragraph.startswith("Dock workers") and paragraph.endswith("for a week.")


@pytest.mark.parametrize("text", [
    f"{LEAD}\n\n{SECOND}",
    f"{LEAD}\n{SECOND}",
    f"{WRAPPED_LEAD}\n{SECOND}",
])
def test_a_text_that_opens_with_its_lead_keeps_it_in_the_body(text):
    document = wirewatch.analyze(text, content_type="text/plain")
    assert document.text.startswith("Dock workers in Rotterdam ended")
    assert document.title.startswith("Dock workers in Rotterdam ended")


def test_a_quote_in_the_lead_under_a_title_is_found():
    text = ("Port strike over\n“The strike is over and the port will reopen tomorrow,” union leader "
            "Petra de Wit said on Monday.\nShips began moving before dawn.")
    document = wirewatch.analyze(text, content_type="text/plain")
    assert document.title == "Port strike over"
    assert any("The strike is over" in quote.text for quote in document.quotes)
