"""In-memory evaluation: the compiled evaluator agrees with a plain reading of the semantics,
and the alert-only fields match what analysis found."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings

from wirewatch.errors import QueryError
from wirewatch.query import ArticleFields, evaluate, parse_query
from wirewatch.query.ast import And, DateFilter, Filter, Not, Phrase, Term
from wirewatch.query.evaluate import analyse_text

from alerts.strategies import articles, queries


def _contains(terms, wanted, prefix):
    """The reference: scan every window (slow, obviously right)."""
    size = len(wanted)
    for start in range(len(terms) - size + 1):
        window = terms[start:start + size]
        if window[:-1] == tuple(wanted[:-1]) and (
            window[-1].startswith(wanted[-1]) if prefix else window[-1] == wanted[-1]
        ):
            return True
    return False


def _has_name(names, value):
    wanted = analyse_text(value)
    return any(_contains(name, wanted, False) for name in names)


def reference(node, article: ArticleFields) -> bool:
    if isinstance(node, (Term, Phrase)):
        wanted = list(analyse_text(node.text))
        prefix = isinstance(node, Term) and node.prefix
        fields = (article.title,) if node.field == "title" else (article.title, article.text)
        return any(_contains(terms, wanted, prefix) for terms in fields)
    if isinstance(node, Filter):
        if node.field == "entity":
            return _has_name(article.entity_names, node.value)
        if node.field == "speaker":
            return _has_name(article.speakers, node.value)
        if node.field == "type":
            return node.value.upper() in article.entity_types
        if node.field == "story":
            return article.story_id == node.value
        value = article.source if node.field == "source" else article.language
        return value is not None and value.lower() == node.value.lower()
    if isinstance(node, DateFilter):
        if article.published is None:
            return False
        start = datetime.combine(node.day, datetime.min.time(), tzinfo=timezone.utc)
        return article.published >= start if node.field == "after" else article.published < start + timedelta(days=1)
    if isinstance(node, Not):
        return not reference(node.item, article)
    results = [reference(item, article) for item in node.items]
    return all(results) if isinstance(node, And) else any(results)


@settings(max_examples=400, deadline=None)
@given(queries, articles)
def test_evaluate_agrees_with_the_reference_semantics(root, fields):
    article = ArticleFields.from_mapping(fields)
    assert evaluate(root, article) == reference(root, article)


@pytest.mark.parametrize("query, expected", [
    ('entity:"Keir Starmer"', True),
    ("entity:starmer", True),
    ('entity:"Starmer Keir"', False),
    ('speaker:"Keir Starmer"', True),
    ("speaker:Putin", False),
    ("entity:Putin", True),
    ("type:person", True),
    ("type:ORG", False),
    ("story:42", True),
    ("story:43", False),
])
def test_alert_fields_match_entities_speakers_types_and_story(query, expected):
    article = {
        "title": "Stemmer and Prin", "text": "",
        "entities": [("Keir Starmer", "PERSON"), {"name": "Vladimir Putin", "type": "PERSON"}],
        "quotes": [("Keir Starmer", "We want peace")], "story_id": 42,
    }
    assert evaluate(parse_query(query, alert_fields=True), article) is expected


def test_search_and_subscriptions_parse_the_fact_fields_alike():
    text = 'speaker:"Keir Starmer" entity:Putin type:person story:s-1'
    assert parse_query(text).root == parse_query(text, alert_fields=True).root


def test_unknown_field_lists_the_fact_fields_among_the_known_ones():
    with pytest.raises(QueryError, match=r"unknown field 'speakr:'.*speaker:.*story:.*type:"):
        parse_query("speakr:Starmer")


def test_alert_field_without_letters_is_a_query_error():
    with pytest.raises(QueryError, match="needs a name"):
        parse_query('entity:"--"', alert_fields=True)


def test_alert_fields_round_trip_through_query_text():
    from wirewatch.query import to_query_string

    parsed = parse_query('entity:"Keir Starmer" type:person speaker:Putin story:s-1', alert_fields=True)
    assert parse_query(to_query_string(parsed.root), alert_fields=True).root == parsed.root
