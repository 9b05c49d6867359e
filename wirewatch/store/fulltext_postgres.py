"""Full-text search on PostgreSQL: the generated `search_vector` column (GIN-indexed).

Any text-only subtree becomes one `search_vector @@ to_tsquery('wirewatch', :q)`, the tsquery
text built from escaped lexemes (query/tsquery.py) and passed as a parameter; filters and mixed
subtrees are combined in SQL (conditions.py). Ranked by ts_rank_cd over every searched word, where
title lexemes carry weight A (1.0) and body lexemes B (0.4).
"""

from __future__ import annotations

from sqlalchemy import bindparam, func, literal, literal_column, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from ..query import tsquery
from ..query.ast import Node, Query, is_text_only, positive_text_leaves
from .conditions import sql_condition
from .fact_filters import resolve
from .schema import documents
from .snippets import START, STOP, marked_snippet

CONFIG = literal_column("'wirewatch'::regconfig")
SEARCH_VECTOR = literal_column("documents.search_vector")
HEADLINE_OPTIONS = (
    f"StartSel={START}, StopSel={STOP}, MaxWords=35, MinWords=15, ShortWord=2, "
    'MaxFragments=2, FragmentDelimiter=" … "'
)


def _tsquery(text: str) -> ColumnElement:
    return func.to_tsquery(CONFIG, bindparam(None, text))


def _text_condition(node: Node) -> ColumnElement[bool] | None:
    if not is_text_only(node):
        return None
    return SEARCH_VECTOR.op("@@")(_tsquery(tsquery.tsquery_string(node)))


def condition(conn: Connection, query: Query) -> ColumnElement[bool]:
    """The query as one condition over `documents` (search, counts, lists that join articles)."""
    return sql_condition(query.root, _text_condition, resolve(conn, query.root))


def search_ids(conn: Connection, query: Query, *, limit: int, offset: int) -> list[tuple[int, float]]:
    where = condition(conn, query)
    ranking = tsquery.any_of(positive_text_leaves(query.root))
    newest_first = (documents.c.published.desc().nulls_last(), documents.c.id.desc())
    if ranking is not None:
        score = func.ts_rank_cd(SEARCH_VECTOR, _tsquery(ranking))
        order = (score.desc(), *newest_first)
    else:
        score = literal(0.0)
        order = newest_first
    stmt = (
        select(documents.c.id, score.label("score"))
        .where(where)
        .order_by(*order)
        .limit(limit)
        .offset(offset)
    )
    return [(row.id, float(row.score)) for row in conn.execute(stmt)]


def count_matches(conn: Connection, query: Query) -> int:
    """How many articles `search_ids` pages through."""
    stmt = select(func.count()).select_from(documents).where(condition(conn, query))
    return int(conn.execute(stmt).scalar_one())


def snippets(conn: Connection, query: Query, ids: list[int]) -> dict[int, str]:
    ranking = tsquery.any_of(positive_text_leaves(query.root))
    if ranking is None or not ids:
        return {}
    headline = func.ts_headline(CONFIG, documents.c.text, _tsquery(ranking), HEADLINE_OPTIONS)
    stmt = select(documents.c.id, headline.label("snippet")).where(documents.c.id.in_(ids))
    found = {}
    for row in conn.execute(stmt):
        if START in (row.snippet or ""):
            found[row.id] = marked_snippet(" ".join(row.snippet.split()))
    return found


def matching_condition(query: Query) -> ColumnElement[bool]:
    """The whole query as one condition on `documents`, for reads with no rank and no limit (export)."""
    return sql_condition(query.root, _text_condition)
