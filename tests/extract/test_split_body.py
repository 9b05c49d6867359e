"""A body the layout splits into blocks of the same kind (a block every few paragraphs, with an ad
rail beside each) is extracted whole, in four languages; the teasers of a side rail stay out."""

from __future__ import annotations

import pytest
from extract.furniture_pages import ARTICLES, Article

from wirewatch.document import SourceItem
from wirewatch.extract import extract

TEASER_TAIL = {
    "en": "Readers share their memories of the crossing and the people who worked on it for decades.",
    "de": "Leser erzählen von der Überfahrt und den Menschen, die jahrzehntelang auf der Fähre gearbeitet haben.",
    "fr": "Des lecteurs racontent la traversée et les gens qui ont travaillé à bord pendant des décennies.",
    "es": "Los lectores cuentan sus recuerdos de la travesía y de quienes trabajaron a bordo durante décadas.",
}


def split_page(article: Article, chunk_class: str) -> str:
    p = [f"<p>{text}</p>" for text in article.paragraphs]
    chunks = (p[0] + p[1], p[2] + p[3], p[4])
    body = "".join(
        f'<div class="grid with-rail"><div class="{chunk_class}">{chunk}</div><div class="rail-slot"></div></div>'
        for chunk in chunks
    )
    teasers = "".join(
        f'<div class="teaser"><p>{headline}. {TEASER_TAIL[article.language]}</p></div>'
        for headline in article.furniture.related_headlines
    )
    return (f'<html lang="{article.language}"><head><title>{article.title}</title></head><body>'
            f'<div class="page"><div class="main"><h1>{article.title}</h1><div class="chunks">{body}</div></div>'
            f'<div class="side">{teasers}</div></div></body></html>')


@pytest.mark.parametrize("chunk_class", ["body article__body", "story-text"])
@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.language)
def test_a_body_split_into_blocks_of_one_kind_is_extracted_whole(article, chunk_class):
    html = split_page(article, chunk_class)
    result = extract(SourceItem(content=html.encode("utf-8"), content_type="text/html; charset=utf-8"))
    assert result.text.split("\n\n") == list(article.paragraphs)
    assert TEASER_TAIL[article.language] not in result.text
