"""Full-text search on SQLite: the FTS5 table `documents_fts` (external content = documents).

A query is split into the FTS5 MATCH every result must satisfy (the top-level words, phrases and
negations FTS5 can express) joined with documents and ranked by bm25, plus SQL conditions for
the rest (filters, `a OR NOT b`, queries that are only negative), see conditions.py.
"""

from __future__ import annotations

from sqlalchemy import bindparam, column, func, literal, literal_column, select, table
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from ..query import fts5
from ..query.ast import And, Node, Not, Query, positive_text_leaves
from .conditions import sql_condition
from .fact_filters import resolve
from .schema import documents
from .snippets import START, STOP, marked_snippet

TITLE_WEIGHT, TEXT_WEIGHT = 10.0, 1.0  # bm25 column weights: a word in the title counts tenfold
SNIPPET_TOKENS = 32

fts_table = table("documents_fts", column("rowid"))
FTS = literal_column("documents_fts")


def _match(match: str) -> ColumnElement[bool]:
    return FTS.op("MATCH")(bindparam(None, match))


def _text_condition(node: Node) -> ColumnElement[bool] | None:
    match = fts5.match_string(node)
    if match is None:
        return None
    return documents.c.id.in_(select(fts_table.c.rowid).where(_match(match)))


def _split_required(root: Node) -> tuple[str | None, list[Node]]:
    """The MATCH every hit satisfies (for ranking), and the conditions left for SQL."""
    whole = fts5.match_string(root)
    if whole is not None:
        return whole, []
    if isinstance(root, And):
        textual = [item for item in root.items if fts5.match_string(item.item if isinstance(item, Not) else item)]
        rest = [item for item in root.items if item not in textual]
        if any(not isinstance(item, Not) for item in textual):
            match = fts5.match_string(And(tuple(textual)) if len(textual) > 1 else textual[0])
            if match is not None:
                return match, rest
    return None, [root]


def _matching(conn: Connection, query: Query) -> tuple[str | None, list[ColumnElement[bool]]]:
    """The MATCH every hit satisfies (None when there is none) and the SQL conditions beside it."""
    names = resolve(conn, query.root)
    required, rest = _split_required(query.root)
    return required, [sql_condition(node, _text_condition, names) for node in rest]


def search_ids(conn: Connection, query: Query, *, limit: int, offset: int) -> list[tuple[int, float]]:
    """(document id, score) best first; score is -bm25 (higher is better), 0 for filter-only queries."""
    required, conditions = _matching(conn, query)
    newest_first = (documents.c.published.desc().nulls_last(), documents.c.id.desc())
    if required is not None:
        rank = func.bm25(FTS, TITLE_WEIGHT, TEXT_WEIGHT)
        stmt = (
            select(documents.c.id, (-rank).label("score"))
            .select_from(fts_table.join(documents, documents.c.id == fts_table.c.rowid))
            .where(_match(required), *conditions)
            .order_by(rank, *newest_first)
        )
    else:
        stmt = select(documents.c.id, literal(0.0).label("score")).where(*conditions).order_by(*newest_first)
    rows = conn.execute(stmt.limit(limit).offset(offset)).all()
    return [(row.id, float(row.score)) for row in rows]


def count_matches(conn: Connection, query: Query) -> int:
    """How many articles `search_ids` pages through."""
    required, conditions = _matching(conn, query)
    if required is not None:
        conditions = [documents.c.id.in_(select(fts_table.c.rowid).where(_match(required))), *conditions]
    return int(conn.execute(select(func.count()).select_from(documents).where(*conditions)).scalar_one())


def condition(conn: Connection, query: Query) -> ColumnElement[bool]:
    """The query as one condition over `documents`, for lists that join articles (quotes)."""
    return sql_condition(query.root, _text_condition, resolve(conn, query.root))


def snippets(conn: Connection, query: Query, ids: list[int]) -> dict[int, str]:
    """Highlighted body extracts for the given hits, where a searched word occurs in the body."""
    match = fts5.any_of(positive_text_leaves(query.root))
    if match is None or not ids:
        return {}
    snippet = func.snippet(FTS, 1, START, STOP, "…", SNIPPET_TOKENS)
    stmt = select(fts_table.c.rowid, snippet.label("snippet")).where(
        _match(match), fts_table.c.rowid.in_(ids)
    )
    found = {}
    for row in conn.execute(stmt):
        if START in (row.snippet or ""):
            found[row.rowid] = marked_snippet(" ".join(row.snippet.split()))
    return found


def matching_condition(query: Query) -> ColumnElement[bool]:
    """The whole query as one condition on `documents`, for reads with no rank and no limit (export)."""
    return sql_condition(query.root, _text_condition)
