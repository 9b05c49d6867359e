"""Hypothesis strategies: random query trees and articles over a small shared vocabulary."""

from __future__ import annotations

from datetime import date, datetime, timezone

from hypothesis import strategies as st

from wirewatch.query.ast import And, DateFilter, Filter, Not, Or, Phrase, Term

WORDS = ["ceasefire", "talks", "ukraine", "minister", "ministers", "peace", "the", "starmer", "café", "19"]
NAMES = ["Keir Starmer", "Vladimir Putin", "Volodymyr Zelenskyy", "NATO", "United Nations"]
TYPES = ["PERSON", "ORG", "GPE"]
SOURCES = ["AP", "Reuters", "The Guardian"]

leaves = st.one_of(
    st.builds(Term, st.sampled_from(WORDS), st.booleans(), st.sampled_from([None, "title"])),
    st.builds(lambda text, prefix: Term(text[:3], prefix=True) if prefix else Term(text), st.sampled_from(WORDS), st.booleans()),
    st.builds(lambda words, field: Phrase(" ".join(words), field), st.lists(st.sampled_from(WORDS), min_size=2, max_size=3), st.sampled_from([None, "title"])),
    st.builds(Filter, st.just("source"), st.sampled_from(SOURCES + ["ap"])),
    st.builds(Filter, st.just("lang"), st.sampled_from(["en", "fr"])),
    st.builds(Filter, st.just("entity"), st.sampled_from(NAMES + ["Starmer", "Putin"])),
    st.builds(Filter, st.just("speaker"), st.sampled_from(NAMES + ["Zelenskyy"])),
    st.builds(Filter, st.just("type"), st.sampled_from(TYPES)),
    st.builds(Filter, st.just("story"), st.sampled_from(["s1", "s2"])),
    st.builds(DateFilter, st.sampled_from(["after", "before"]), st.sampled_from([date(2025, 3, 1), date(2025, 3, 3)])),
)

queries = st.recursive(
    leaves,
    lambda children: st.one_of(
        st.builds(Not, children),
        st.builds(lambda items: And(tuple(items)), st.lists(children, min_size=2, max_size=3)),
        st.builds(lambda items: Or(tuple(items)), st.lists(children, min_size=2, max_size=3)),
    ),
    max_leaves=6,
)

texts = st.lists(st.sampled_from(WORDS + ["and", "said", "Ministerial", "CAFE", "covid-19"]), max_size=12).map(" ".join)

articles = st.fixed_dictionaries({
    "title": texts,
    "text": texts,
    "source": st.sampled_from(SOURCES + [None]),
    "language": st.sampled_from(["en", "fr", None]),
    "published": st.sampled_from([None, datetime(2025, 3, 2, 23, 59, tzinfo=timezone.utc), datetime(2025, 3, 3, 8, tzinfo=timezone.utc)]),
    "entities": st.lists(st.tuples(st.sampled_from(NAMES), st.sampled_from(TYPES)), max_size=3),
    "quotes": st.lists(st.tuples(st.sampled_from(NAMES + [None]), texts), max_size=2),
    "story_id": st.sampled_from(["s1", "s2", None]),
})
