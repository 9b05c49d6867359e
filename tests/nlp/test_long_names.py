"""Articles whose only names are longer than the repeat-tagging window of the propagation stage.

A text naming one long organisation and nothing else ("The Organisation for Economic
Co-operation and Development in Europe ...") gave the propagation stage no name short enough to
look for repeats of, and `analyze` raised ValueError instead of returning the article."""

from __future__ import annotations

import pytest

import wirewatch

LONG_NAME_ARTICLES = [
    "The Organisation for Economic Co-operation and Development in Europe cut its forecast.",
    "The Organisation for Economic Co-operation and Development in Europe cut its forecast again "
    "on Thursday, citing weaker trade and higher borrowing costs.",
    "Delegates of the Conference of the Parties to the United Nations Framework Convention on "
    "Climate Change met late into the night.",
]


@pytest.mark.parametrize("text", LONG_NAME_ARTICLES)
def test_an_article_whose_only_name_is_long_is_analysed(text: str) -> None:
    document = wirewatch.analyze(text, title="Forecast", content_type="text/plain")
    assert document.text.startswith(text[:30])
    assert all(entity.name for entity in document.entities)
