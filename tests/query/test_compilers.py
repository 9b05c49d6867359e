"""Compiling trees for the engines: user text only ever becomes quoted words."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from wirewatch.query import ArticleFields, evaluate, parse_query
from wirewatch.query.fts5 import match_string
from wirewatch.query.tsquery import tsquery_string


def test_fts5_words_are_quoted_phrases():
    assert match_string(parse_query("ukraine ceasefire").root) == '("ukraine" AND "ceasefire")'


def test_fts5_prefix_title_and_phrase():
    assert match_string(parse_query('title:minist* "peace talks"').root) == '(title : "minist" * AND "peace talks")'


def test_fts5_negation_is_binary_not():
    assert match_string(parse_query("a b -c").root) == '(("a" AND "b") NOT "c")'


@pytest.mark.parametrize("query", ["-c", "a OR -c", "source:AP"])
def test_fts5_cannot_express_some_subtrees_alone(query):
    assert match_string(parse_query(query).root) is None


def test_fts5_syntax_characters_never_reach_the_match_string():
    compiled = match_string(parse_query('NEAR(x y) 1:b^c "d""e"').root)
    assert compiled == '("near" AND ("x" AND "y") AND "1 b c" AND "d" AND "e")'


def test_tsquery_lexemes_are_quoted_with_operators_between():
    assert tsquery_string(parse_query('ukraine (truce OR -russia) "peace talks" title:minist*').root) == (
        "('ukraine' & ('truce' | !'russia') & ('peace' <-> 'talks') & 'minist':*A)"
    )


def test_tsquery_quotes_inside_words_cannot_escape():
    compiled = tsquery_string(parse_query("o'brien's").root)
    assert compiled == "('o' <-> 'brien' <-> 's')"


ARTICLE = {
    "title": "Ceasefire talks resume", "text": "Ministers from Ukraine held peace talks in the café.",
    "source": "AP", "language": "en", "published": datetime(2025, 3, 2, 10, tzinfo=timezone.utc),
}


@pytest.mark.parametrize("query,expected", [
    ("ceasefire", True), ("talk", True), ("minist*", True), ('"peace talks"', True), ('"talks peace"', False),
    ("title:ukraine", False), ("cafe", True), ("source:ap", True), ("-source:AP", False), ("lang:fr", False),
    ("after:2025-03-02", True), ("before:2025-03-01", False), ("russia OR ukraine", True), ("NOT ukraine", False),
])
def test_evaluate_matches_one_article(query, expected):
    assert evaluate(parse_query(query), ARTICLE) is expected


def test_evaluate_accepts_prepared_fields_and_iso_dates():
    prepared = ArticleFields.from_mapping({**ARTICLE, "published": "2025-03-02T10:00:00+00:00"})
    assert evaluate(parse_query("after:2025-03-02 ukraine"), prepared)


def test_undated_article_never_matches_date_filters():
    undated = {**ARTICLE, "published": None}
    assert not evaluate(parse_query("after:2000-01-01"), undated)
    assert not evaluate(parse_query("before:2100-01-01"), undated)
