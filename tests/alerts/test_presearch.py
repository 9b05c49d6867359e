"""The subscription index finds exactly the subscriptions brute-force evaluation finds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alerts.strategies import articles, queries

from wirewatch.alerts import SubscriptionIndex, key_frequencies, parse_alert_query
from wirewatch.alerts.presearch import KeyCosts, article_keys, required_keys
from wirewatch.query import ArticleFields, Query, evaluate


@settings(max_examples=300, deadline=None)
@given(st.lists(queries, min_size=1, max_size=8), articles)
def test_index_matches_equal_brute_force_evaluation(roots, fields):
    index = SubscriptionIndex()
    for number, root in enumerate(roots):
        index.add(number, Query(root))
    article = ArticleFields.from_mapping(fields)
    brute_force = [number for number, root in enumerate(roots) if evaluate(root, article)]
    assert index.matching_ids(article) == brute_force


def _article_has(article, key):
    kind, value = key
    if kind == "p":
        return any(term.startswith(value) for term in article.sorted_terms)
    if kind == "tp":
        return any(term.startswith(value) for term in article.sorted_title)
    return key in article_keys(article)


@settings(max_examples=200, deadline=None)
@given(queries, articles)
def test_matching_article_always_contains_a_required_key(root, fields):
    article = ArticleFields.from_mapping(fields)
    keys = required_keys(root, KeyCosts())
    if evaluate(root, article) and keys is not None:
        assert any(_article_has(article, key) for key in keys)


def test_and_is_indexed_by_its_rarest_part():
    costs = KeyCosts({("t", "ukrain"): 0.3, ("t", "ceasefir"): 0.01})
    assert required_keys(parse_alert_query("ukraine ceasefire").root, costs) == {("t", "ceasefir")}


def test_or_needs_every_branch():
    keys = required_keys(parse_alert_query("truce OR entity:Putin").root, KeyCosts())
    assert keys == {("t", "truce"), ("e", "putin")}


def test_query_without_required_terms_is_always_checked():
    index = SubscriptionIndex()
    index.add(1, parse_alert_query("NOT russia after:2025-01-01"))
    index.add(2, parse_alert_query("ceasefire OR NOT russia"))
    index.add(3, parse_alert_query("ceasefire"))
    assert index.always_checked == 2
    assert index.candidates(ArticleFields.from_mapping({"title": "football"})) == {1, 2}


def test_query_decided_by_its_keys_needs_no_evaluation():
    index = SubscriptionIndex()
    index.add(1, parse_alert_query("ceasefire OR type:PERSON"))
    index.add(2, parse_alert_query("ceasefire title:talks"))
    article = ArticleFields.from_mapping({"title": "ceasefire talks"})
    assert index.sure_matches(article) == {1} and index.candidates(article) == {2}


def test_article_without_a_required_key_is_not_a_candidate():
    index = SubscriptionIndex()
    index.add(1, parse_alert_query('"peace talks" title:geneva'))
    assert index.candidates(ArticleFields.from_mapping({"title": "football", "text": "a quiet day"})) == set()


@pytest.mark.parametrize("removed", [
    "minist*", "ceasefire", "ministers agree", "NOT talks", '"agree ceasefire"',
    "(truce OR agree) ministers NOT war", 'entity:"Keir Starmer" agree', "title:ministers",
])
def test_removed_subscription_is_no_longer_matched(removed):
    index = SubscriptionIndex()
    index.add(1, parse_alert_query(removed))
    index.add(2, parse_alert_query("agree"))
    index.remove(1)
    article = ArticleFields.from_mapping({"title": "Ministers agree ceasefire"})
    assert index.matching_ids(article) == [2] and len(index) == 1


def test_key_frequencies_are_shares_of_articles():
    sample = [ArticleFields.from_mapping({"title": t}) for t in ("ceasefire now", "ceasefire", "talks")]
    frequencies = key_frequencies(sample)
    assert frequencies[("t", "ceasefir")] == 2 / 3 and frequencies[("t", "talk")] == 1 / 3


def test_multi_word_entity_query_is_decided_by_lookup():
    index = SubscriptionIndex()
    index.add(1, parse_alert_query('entity:"Keir Starmer"'))
    named = ArticleFields.from_mapping({"title": "x", "entities": [("Sir Keir Starmer", "PERSON")]})
    split = ArticleFields.from_mapping({"title": "x", "entities": [("Keir Hardie", "PERSON"), ("Ann Starmer", "PERSON")]})
    assert index.sure_matches(named) == {1} and index.matching_ids(split) == []


def test_phrase_needs_its_words_in_order():
    index = SubscriptionIndex()
    index.add(1, parse_alert_query('"peace talks"'))
    assert index.matching_ids(ArticleFields.from_mapping({"title": "talks on peace"})) == []
    assert index.matching_ids(ArticleFields.from_mapping({"title": "peace talks resume"})) == [1]


def test_and_of_two_requirements_is_decided_without_a_check():
    index = SubscriptionIndex()
    index.add(1, parse_alert_query("type:PERSON ceasefire"))
    article = ArticleFields.from_mapping({"title": "ceasefire", "entities": [("Keir Starmer", "PERSON")]})
    assert index.evaluations(article) == 0 and index.matching_ids(article) == [1]
    assert index.matching_ids(ArticleFields.from_mapping({"title": "ceasefire"})) == []
