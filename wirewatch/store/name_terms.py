"""Names as the query language analyses them, stored beside the entity registry's names.

`entity:"Keir Starmer"` matches a name holding the value's analysed words as a consecutive run
(query/evaluate.py: accents removed, case folded, Porter-stemmed). Stemming cannot run in SQL, so
each canonical name and recorded spelling is stored with its analysed words too, written
" keir starmer " (a space on each side): a run of words is then a plain substring test,
`terms LIKE '% keir starmer %'`, the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

from ..query.evaluate import analyse_text


def joined(words: tuple[str, ...]) -> str:
    """Analysed words as stored and searched: one space between and around them."""
    return " " + " ".join(words) + " "


def name_terms(name: str) -> str:
    """A name's stored terms ("  " when it has no letters or digits: it holds no run of words)."""
    return joined(analyse_text(name))
