"""The search form's fields become one query in the query language, whatever the user typed."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import assume, given, settings as hypothesis_settings, strategies as st

from wirewatch.errors import QueryError
from wirewatch.query import And, DateFilter, Filter, parse_query
from wirewatch.web.pages import combine_query


def test_query_alone_is_passed_through_unchanged():
    assert combine_query("ceasefire OR truce") == "ceasefire OR truce"


def test_filters_apply_to_the_whole_query():
    combined = combine_query("a OR b", source="AP", after="2025-03-01")
    root = parse_query(combined).root
    assert isinstance(root, And)
    assert Filter("source", "AP") in root.items and DateFilter("after", date(2025, 3, 1)) in root.items


def test_filters_alone_make_a_query():
    assert parse_query(combine_query("", lang="EN")).root == Filter("lang", "en")


def test_a_bad_date_is_a_query_error():
    with pytest.raises(QueryError, match="before must be a date"):
        combine_query("x", before="03/02/2025")


@hypothesis_settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=40))
def test_any_source_name_survives_as_one_exact_filter(name):
    assume(name.strip() and '"' not in name)  # the query language has no escape for a quote inside quotes
    root = parse_query(combine_query("", source=name)).root
    assert root == Filter("source", name.strip())
