"""Story-stage evidence of machine translation: a copy that rewrites its original word for word.

When the story stage calls an article a copy, the copy is aligned against the article it copies
(wirewatch/stories/substitution.py); a rewrite with single words replaced all through the text
sets the article's stored machine-translation flag, with a signal naming the original. An exact
reprint, or one with an edited title or a sentence or two changed, is left as it is.
"""

from __future__ import annotations

from sqlalchemy.engine import Connection

from ..store import quality_queries
from ..store import story_queries as q
from ..stories.substitution import compare, describe, is_rewrite


def flag_rewritten_copy(conn: Connection, article: q.StoredArticle, original_id: int) -> bool:
    """Flag `article` when it rewrites the stored article `original_id`; whether it did."""
    original = q.articles_by_id(conn, [original_id]).get(original_id)
    if original is None:
        return False
    rewrite = compare(_full_text(article), _full_text(original))
    if not is_rewrite(rewrite):
        return False
    return quality_queries.flag_machine_translation(conn, article.id, describe(rewrite, original_id))


def _full_text(article: q.StoredArticle) -> str:
    doc = article.document
    return f"{doc.title}\n{doc.text}" if doc.title else doc.text
