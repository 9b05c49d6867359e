"""The engine-neutral part of compiling a query tree to SQL: filters and boolean structure.

Each engine supplies `text_condition(node)`, the SQL for a subtree its full-text search can
answer in one go (or None); everything else is combined here with AND/OR/NOT. Filter conditions
are NULL-safe (an article without a source is simply not from source X, so `-source:X` keeps it),
which keeps SQL's three-valued logic from silently dropping articles under NOT.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone
from typing import Callable

from sqlalchemy import and_, bindparam, false, func, literal, not_, or_
from sqlalchemy.sql.elements import ColumnElement

from ..query.ast import FACT_FIELDS, And, DateFilter, Filter, Node, Not, Or
from ..query.sources import source_written
from .dialect import like_escape
from .fact_filters import ResolvedNames, fact_condition
from .schema import documents

TextCondition = Callable[[Node], "ColumnElement[bool] | None"]


def day_start(day) -> datetime:  # noqa: ANN001 - a date
    return datetime.combine(day, time.min, tzinfo=timezone.utc)


def filter_condition(node: Filter | DateFilter, names: ResolvedNames | None = None) -> ColumnElement[bool]:
    if isinstance(node, DateFilter):
        published = documents.c.published
        if node.field == "after":
            bound = published >= day_start(node.day)
        else:  # before: the whole day counts, so compare with the start of the next one
            bound = published < day_start(node.day + timedelta(days=1))
        return and_(published.is_not(None), bound)
    if node.field in FACT_FIELDS:
        return fact_condition(node, names or ResolvedNames())
    if node.field == "source":
        return source_condition(node.value)
    value = bindparam(None, node.value)
    return and_(documents.c.language.is_not(None), func.lower(documents.c.language) == func.lower(value))


def source_condition(value: str) -> ColumnElement[bool]:
    """`source:value` as query/sources.py defines it: the name, or a run of a host's labels (a
    dotted value anywhere in `'.' || source || '.'`, a single label anywhere but last)."""
    wanted = source_written(value)
    name = func.lower(documents.c.source)
    labelled = literal(".").concat(name).concat(literal("." if "." in wanted else ""))
    as_host = and_(not_(documents.c.source.like("% %")),
                   labelled.like(func.lower(bindparam(None, f"%.{like_escape(wanted)}.%")), escape="\\"))
    return and_(documents.c.source.is_not(None), or_(name == func.lower(bindparam(None, wanted)), as_host))


def sql_condition(node: Node, text_condition: TextCondition,
                  names: ResolvedNames | None = None) -> ColumnElement[bool]:
    """The SQL over `documents` for `node`; `names`: fact_filters.resolve for its entity:/speaker:."""
    condition = text_condition(node)
    if condition is not None:
        return condition
    if isinstance(node, (Filter, DateFilter)):
        return filter_condition(node, names)
    if isinstance(node, Not):
        return not_(sql_condition(node.item, text_condition, names))
    if isinstance(node, And):
        return and_(*(sql_condition(item, text_condition, names) for item in node.items))
    if isinstance(node, Or):
        return or_(*(sql_condition(item, text_condition, names) for item in node.items))
    return false()  # unreachable: words and phrases always have a text condition
