"""The wirewatch search language: parse once, then compile for a store or evaluate in memory."""

from .ast import ALERT_FIELDS, And, DateFilter, Filter, Node, Not, Or, Phrase, Query, Term, to_query_string
from .evaluate import ArticleFields, compile_query, evaluate
from .parser import parse_query

__all__ = [
    "ALERT_FIELDS", "And", "ArticleFields", "DateFilter", "Filter", "Node", "Not", "Or", "Phrase", "Query", "Term",
    "compile_query", "evaluate", "parse_query", "to_query_string",
]
