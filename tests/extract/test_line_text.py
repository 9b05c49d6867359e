"""Article text written as lines between <br>s rather than as <p>s: a block in the middle of it (an
ad slot, a widget) stays a line of its own, in every language, so the line rules can remove it and
the paragraph after it keeps its first word."""

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
