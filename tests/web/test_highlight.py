"""Article text with mentions and quotes marked: whole, escaped, and always well nested."""

from __future__ import annotations

import html
import re

from hypothesis import given, settings as hypothesis_settings, strategies as st

from wirewatch.document import Document, Entity, Mention, Quote
from wirewatch.web.highlight import paragraphs, render_paragraphs

from .conftest import quoted_document

TAG = re.compile(r"<[^>]*>")


def visible_text(fragment: str) -> str:
    return html.unescape(TAG.sub("", fragment))


def test_paragraphs_are_separated_by_blank_lines():
    text = "One.\n\nTwo\nlines.\n\n\n\nThree."
    assert [text[s:e] for s, e in paragraphs(text)] == ["One.", "Two\nlines.", "Three."]


def test_mentions_link_to_the_entity_page_by_name():
    first = str(render_paragraphs(quoted_document())[0])
    assert '<a class="mention ent-person" href="/entities/Keir%20Starmer" title="Keir Starmer (PERSON)">Keir Starmer</a>' in first
    assert 'class="mention ent-gpe"' in first


def test_mentions_link_to_the_entity_page_by_registry_id_when_known():
    first = str(render_paragraphs(quoted_document(), {"Keir Starmer": 29})[0])
    assert 'href="/entities/29" title="Keir Starmer (PERSON)"' in first
    assert 'href="/entities/London"' in first


def test_quotes_are_marked_with_their_speaker_and_the_speaker_words_stand_out():
    second = str(render_paragraphs(quoted_document())[1])
    assert '<span class="quote" title="Keir Starmer — said">We will not stop,</span>' in second
    assert '<span class="speaker" title="speaker: Keir Starmer">Starmer</span>' in second


def test_markup_in_the_text_is_escaped():
    doc = Document(title="t", text='<script>alert("x")</script> <img src=x onerror=alert(1)>')
    rendered = str(render_paragraphs(doc)[0])
    assert "<script>" not in rendered and "<img" not in rendered
    assert "&lt;script&gt;" in rendered


def test_spans_out_of_range_or_crossing_a_quote_are_dropped_but_the_text_stays():
    text = "Alpha beta gamma delta."
    doc = Document(
        title="t", text=text,
        entities=[Entity("e", "Beta Gamma", "ORG", [Mention("beta gamma", 6, 16), Mention("x", 50, 60)])],
        quotes=[Quote("gamma delta", None, None, None, None, 11, 22)],
    )
    rendered = str(render_paragraphs(doc)[0])
    assert visible_text(rendered) == text
    assert "mention" not in rendered  # the mention crosses the quote's start: not shown
    assert 'class="quote"' in rendered


offsets = st.integers(min_value=-3, max_value=80)


@hypothesis_settings(max_examples=150, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from("ab <>&\"'\n."), max_size=70),
    mentions=st.lists(st.tuples(offsets, offsets), max_size=6),
    quotes=st.lists(st.tuples(offsets, offsets), max_size=3),
)
def test_every_character_is_shown_once_whatever_the_offsets(text, mentions, quotes):
    doc = Document(
        title="t", text=text,
        entities=[Entity("e", "E <x>", "PERSON", [Mention("m", s, e) for s, e in mentions])],
        quotes=[Quote("q", None, None, Mention("s", e - 2, e), "said", s, e) for s, e in quotes],
    )
    rendered = render_paragraphs(doc)
    expected = [text[s:e] for s, e in paragraphs(text)]
    assert [visible_text(str(p)) for p in rendered] == expected
    for fragment in rendered:  # tags balance: every opened span/link is closed
        assert str(fragment).count("<span") == str(fragment).count("</span>")
        assert str(fragment).count("<a ") == str(fragment).count("</a>")
