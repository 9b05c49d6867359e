"""The search language: what each construct parses to, and what is rejected with which message."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wirewatch.errors import QueryError
from wirewatch.query import And, DateFilter, Filter, Not, Or, Phrase, Term, parse_query, to_query_string
from wirewatch.query.ast import KEYWORDS


def root(text: str):
    return parse_query(text).root


def test_neighbouring_words_are_all_required():
    assert root("ukraine ceasefire") == And((Term("ukraine"), Term("ceasefire")))


def test_explicit_and_is_the_same_as_neighbours():
    assert root("ukraine AND ceasefire") == root("ukraine ceasefire")


def test_quoted_words_are_a_phrase():
    assert root('"peace talks"') == Phrase("peace talks")


def test_or_binds_tighter_than_and():
    assert root("ukraine ceasefire OR truce") == And((Term("ukraine"), Or((Term("ceasefire"), Term("truce")))))


def test_parentheses_group():
    assert root("(ukraine ceasefire) OR truce") == Or((And((Term("ukraine"), Term("ceasefire"))), Term("truce")))


def test_not_and_leading_minus_negate():
    assert root("ukraine NOT russia") == root("ukraine -russia") == And((Term("ukraine"), Not(Term("russia"))))


def test_a_query_may_be_only_negative():
    assert root("-russia") == Not(Term("russia"))


def test_hyphen_inside_a_word_is_part_of_it():
    assert root("covid-19") == Term("covid-19")


def test_trailing_star_is_a_prefix():
    assert root("minist*") == Term("minist", prefix=True)


def test_lower_case_operators_are_words():
    assert root("rock and roll") == And((Term("rock"), Term("and"), Term("roll")))


def test_title_field_restricts_words_and_phrases():
    assert root('title:ceasefire title:"peace talks" title:minist*') == And((
        Term("ceasefire", field="title"), Phrase("peace talks", field="title"),
        Term("minist", prefix=True, field="title"),
    ))


def test_source_filter_takes_a_word_or_a_quoted_name():
    assert root('source:AP source:"The Guardian"') == And((Filter("source", "AP"), Filter("source", "The Guardian")))


def test_lang_filter_is_lower_cased():
    assert root("lang:EN") == Filter("lang", "en")


def test_date_filters_take_iso_days():
    assert root("after:2025-03-01 before:2025-03-31") == And((
        DateFilter("after", date(2025, 3, 1)), DateFilter("before", date(2025, 3, 31)),
    ))


def test_filters_alone_are_a_valid_query():
    assert root("source:AP") == Filter("source", "AP")


def test_field_names_are_case_insensitive():
    assert root("Source:AP") == Filter("source", "AP")


def test_punctuation_only_words_are_ignored():
    assert root("ukraine & russia -") == And((Term("ukraine"), Term("russia")))


def test_colon_followed_by_space_is_punctuation():
    assert root("update: ceasefire") == And((Term("update:"), Term("ceasefire")))


def test_negated_filter():
    assert root("-source:AP") == Not(Filter("source", "AP"))


@pytest.mark.parametrize("query,message", [
    ("", "empty query"),
    ("   ", "empty query"),
    ("& -", "empty query"),
    ("(ukraine", "'(' at position 1 is never closed"),
    ("ukraine)", "')' at position 8 has no matching '('"),
    ("()", "empty parentheses at position 1"),
    ('"peace talks', "unclosed quote"),
    ("ukraine AND", "'AND' at position 9 has nothing after it"),
    ("ukraine OR", "'OR' at position 9 has nothing after it"),
    ("OR ukraine", "'OR' at position 1 has nothing before it"),
    ("ukraine AND OR truce", "'AND' at position 9 has nothing after it"),
    ("NOT", "'NOT' at position 1 has nothing after it"),
    ("after:2025-13-01", "bad date '2025-13-01' for 'after:' at position 1"),
    ("before:yesterday", "bad date 'yesterday'"),
    ("after:", "missing value after 'after:'"),
    ("colour:red", "unknown field 'colour:'"),
    ("lang:english!", "bad language code"),
    ('source:""', "empty value for 'source:'"),
    ('title:"!!"', "'title:' at position 1 needs a word"),
    ("(" * 60 + "a" + ")" * 60, "nested too deeply"),
    ("a " * 3000, "too long"),
])
def test_invalid_queries_raise_one_line_query_errors(query, message):
    with pytest.raises(QueryError) as caught:
        parse_query(query)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(list('ab -*:()"é\n') + ["AND", "OR", "NOT", "title:", "source:", "after:",
                                                     "lang:", "2025-03-01"]), max_size=25).map("".join))
def test_query_like_strings_parse_or_raise_query_error(text):
    try:
        query = parse_query(text)
    except QueryError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert parse_query(str(query)).root == query.root


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_arbitrary_strings_parse_or_raise_query_error(text):
    try:
        parse_query(text)
    except QueryError:
        pass


words = st.text(alphabet=st.characters(categories=("L", "N")), min_size=1, max_size=8).filter(
    lambda w: w not in KEYWORDS
)
phrase_text = st.lists(words, min_size=1, max_size=3).map(" ".join)
leaves = st.one_of(
    st.builds(Term, words, st.booleans(), st.sampled_from([None, "title"])),
    st.builds(Phrase, phrase_text, st.sampled_from([None, "title"])),
    st.builds(Filter, st.just("source"), phrase_text),
    st.builds(Filter, st.just("lang"), st.sampled_from(["en", "fr", "pt-br"])),
    st.builds(DateFilter, st.sampled_from(["after", "before"]), st.dates(date(1900, 1, 1), date(2100, 1, 1))),
)
trees = st.recursive(
    leaves,
    lambda children: st.one_of(
        st.builds(Not, children),
        st.lists(children, min_size=2, max_size=3).map(lambda items: And(tuple(items))),
        st.lists(children, min_size=2, max_size=3).map(lambda items: Or(tuple(items))),
    ),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None)
@given(trees)
def test_written_trees_parse_back_to_the_same_tree(tree):
    assert parse_query(to_query_string(tree)).root == tree
