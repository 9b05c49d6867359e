"""Article text written outside <p>s: as lines between <br>s, where a block in the middle (an
ad slot, a widget) stays a line of its own, in every language, so the line rules can remove it and
the paragraph after it keeps its first word; and as a lead of bare text before the <p>s."""

from __future__ import annotations

import pytest
from extract.test_restore import ADVERTISEMENT, PROSE, page, paragraphs


@pytest.mark.parametrize("language", sorted(PROSE))
def test_a_block_inside_br_separated_text_is_not_glued_to_the_next_paragraph(language):
    first, second, third, fourth = PROSE[language]
    body = (f'<div class="story">{first}<br><br>{second}<br><br><div class="slot">{ADVERTISEMENT[language]}'
            f"</div>{third}<br><br>{fourth}</div>")
    assert paragraphs(page(language, body)) == [first, second, third, fourth]


def test_a_section_inside_br_separated_text_is_a_paragraph_of_its_own():
    first, second, third, fourth = PROSE["en"]
    aside = "The board will publish its report on the closure in the summer."
    body = f'<div class="story">{first}<br><br>{second}<br><br><section>{aside}</section>{third}<br><br>{fourth}</div>'
    assert paragraphs(page("en", body)) == [first, second, aside, third, fourth]


@pytest.mark.parametrize("language", sorted(PROSE))
def test_a_lead_written_as_bare_text_before_the_paragraphs_is_kept(language):
    first, second, third, fourth = PROSE[language]
    words = first.split(" ")
    lead = f'{" ".join(words[:2])} <a href="/topic">{words[2]}</a> {" ".join(words[3:])}'
    body = f'<div class="story">{lead}<p>{second}</p><p>{third}</p><p>{fourth}</p></div>'
    assert paragraphs(page(language, body)) == [first, second, third, fourth]
