"""Story-stage evidence of machine translation: a copy that rewrites its original word for word.

When the story stage calls an article a copy, the copy is aligned against the article it copies
(wirewatch/stories/substitution.py); a rewrite with single words replaced all through the text
sets the article's stored machine-translation flag, with a signal naming the original. An exact
reprint, or one with an edited title or a sentence or two changed, is left as it is.
"""

from __future__ import annotations

from ..store import StoredArticle, StorySession
from ..stories.substitution import compare, describe, is_rewrite


def flag_rewritten_copy(session: StorySession, article: StoredArticle, original_id: int) -> bool:
    """Flag `article` when it rewrites the stored article `original_id`; whether it did (in the
    session's transaction: the flag commits with the assignment)."""
    original = session.title_and_text(original_id)
    if original is None:
        return False
    doc = article.document
    rewrite = compare(_full_text(doc.title, doc.text), _full_text(*original))
    if not is_rewrite(rewrite):
        return False
    return session.flag_machine_translation(article.id, describe(rewrite, original_id))


def _full_text(title: str, text: str) -> str:
    return f"{title}\n{text}" if title else text
