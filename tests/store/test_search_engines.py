"""The same query means the same thing on SQLite and PostgreSQL.

One corpus of short articles, loaded once per engine; every query's result set is asserted on both
engines against the same expected ids, so the two engines necessarily agree.
"""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from wirewatch.document import Document
from wirewatch.store import Store



def _day(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc) if text else None


CORPUS = [
    ("c01", "Ceasefire talks resume in Geneva",
     "Diplomats from Ukraine and Russia held peace talks on Tuesday. The ceasefire proposal was "
     "discussed by ministers.", "AP", "2025-03-02T10:00:00", "en"),
    ("c02", "Ukraine welcomes truce offer",
     "Zelenskyy said Ukraine would accept a 30-day truce if Russia agreed. Starmer's office praised "
     "the move.", "Reuters", "2025-03-04T08:00:00", "en"),
    ("c03", "Earthquake hits coastal city",
     "A strong earthquake shook the coast, damaging homes. Rescue teams were searching the rubble.",
     "Reuters", "2025-02-20T12:00:00", "en"),
    ("c04", "Floods displace thousands",
     "Heavy flooding forced thousands from their homes after the river burst its banks.",
     "The Guardian", "2025-03-10T07:00:00", "en"),
    ("c05", "Election results delayed",
     "Officials said the election count would take days. Voters waited as ballots were counted.",
     "AP", "2025-02-28T18:00:00", "en"),
    ("c06", "NATO summit opens",
     "Leaders gathered for the NATO summit in Brussels to discuss defence spending and Ukraine.",
     "The Guardian", "2025-03-05T09:00:00", "en"),
    ("c07", "Ministry announces covid-19 measures",
     "The health ministry announced new covid-19 rules. The minister urged calm.", "AP", None, "en"),
    ("c08", "Un cessez-le-feu à Gaza",
     "Les négociations pour un cessez-le-feu continuent au Caire.", "AFP", "2025-03-03T11:00:00", "fr"),
    ("c09", "Café owners protest rent rises",
     "Owners of the cafe chain marched through Paris on Saturday.", "Reuters", "2025-03-01T09:00:00", "en"),
    ("c10", "Vote on ceasefire resolution",
     "The council voted on a ceasefire resolution; Russia vetoed it. NATO members condemned the veto.",
     "AP", "2025-03-05T23:30:00", "en"),
    ("c11", "Markets rally",
     "Stocks rose as investors cheered the ministers' meeting on trade.", None, "2025-01-15T15:00:00", "en"),
    ("c12", "Peace talks stall",
     "Talks between the two sides stalled over prisoner exchanges, mediators said.",
     "The Guardian", "2025-03-06T16:00:00", "en"),
]
ALL = {row[0] for row in CORPUS}

QUERIES = [
    ("ceasefire", {"c01", "c10"}),
    ("ceasefire talks", {"c01"}),
    ('"peace talks"', {"c01", "c12"}),
    ("talk", {"c01", "c12"}),  # stemming: talk = talks
    ("ceasefire OR earthquake", {"c01", "c03", "c10"}),
    ("ukraine -russia", {"c06"}),
    ("ukraine NOT russia", {"c06"}),
    ("NOT ukraine", ALL - {"c01", "c02", "c06"}),
    ("minist*", {"c01", "c07", "c11"}),
    ("elect*", {"c05"}),
    ("title:ceasefire", {"c01", "c10"}),
    ('title:"peace talks"', {"c12"}),
    ("title:talks*", {"c01", "c12"}),
    ("title:minist*", {"c07"}),
    ("source:ap", {"c01", "c05", "c07", "c10"}),
    ('source:"The Guardian"', {"c04", "c06", "c12"}),
    ("lang:fr", {"c08"}),
    ("after:2025-03-01", {"c01", "c02", "c04", "c06", "c08", "c09", "c10", "c12"}),
    ("before:2025-02-28", {"c03", "c05", "c11"}),
    ("after:2025-03-02 before:2025-03-05", {"c01", "c02", "c06", "c08", "c10"}),
    ("cafe", {"c09"}),
    ("café", {"c09"}),
    ("negociations", {"c08"}),
    ("covid-19", {"c07"}),
    ('"covid 19"', {"c07"}),
    ("(flood OR earthquake) source:Reuters", {"c03"}),
    ("flooding", {"c04"}),
    ("ukraine (ceasefire OR truce)", {"c01", "c02"}),
    ("ceasefire OR NOT ukraine", ALL - {"c02", "c06"}),
    ("-source:Reuters ukraine", {"c01", "c06"}),
    ("-source:AP markets", {"c11"}),  # an article without a source is not from AP
    ("source:AP OR source:Reuters", {"c01", "c02", "c03", "c05", "c07", "c09", "c10"}),
    ("NATO AND (summit OR meeting)", {"c06"}),
    ("ceasefire OR (earthquake source:AP)", {"c01", "c10"}),
    ("starmer", {"c02"}),
    ('"the ceasefire"', {"c01"}),  # no stop words: "the" is a word like any other
    ("the", ALL - {"c08"}),
    ("voted", {"c10"}),
    ("zelenskyy", {"c02"}),
    ("30", {"c02"}),
    ("homes", {"c03", "c04"}),
    ("lang:en -title:ceasefire", ALL - {"c01", "c08", "c10"}),
    ("nothingmatchesthis", set()),
]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def corpus_store(request, tmp_path_factory, store_url_factory):
    with store_url_factory(request.param, tmp_path_factory.mktemp(request.param)) as url:
        with Store.open(url) as store:
            store.add_documents(
                (Document(id=id_, title=title, text=text, source=source, published=_day(published),
                          language=lang, url=f"https://news.example/{id_}"), None, None, None)
                for id_, title, text, source, published, lang in CORPUS
            )
            yield store


@pytest.mark.parametrize("query,expected", QUERIES, ids=[q for q, _ in QUERIES])
def test_query_finds_the_same_articles_on_every_engine(corpus_store, query, expected):
    hits = corpus_store.search(query, limit=100)
    assert {hit.id for hit in hits} == expected


def test_title_matches_rank_above_body_matches(corpus_store):
    hits = corpus_store.search("ukraine", limit=10)
    assert hits[0].id == "c02"  # the only one with Ukraine in its title


def test_filter_only_query_lists_newest_first(corpus_store):
    hits = corpus_store.search("source:AP", limit=10)
    assert [hit.id for hit in hits] == ["c10", "c01", "c05", "c07"]  # undated last


def test_snippet_marks_the_matched_words(corpus_store):
    (hit,) = corpus_store.search("zelenskyy", limit=10)
    assert "<mark>Zelenskyy</mark>" in hit.snippet


def test_paging_with_offset_continues_where_limit_stopped(corpus_store):
    everything = [hit.id for hit in corpus_store.search("the", limit=100)]
    pages = [hit.id for start in range(0, 12, 5) for hit in corpus_store.search("the", limit=5, offset=start)]
    assert pages == everything


@pytest.mark.parametrize("query,expected", QUERIES, ids=[q for q, _ in QUERIES])
def test_query_evaluated_in_memory_matches_the_same_articles(query, expected):
    from wirewatch.query import ArticleFields, evaluate, parse_query

    parsed = parse_query(query)
    matched = {
        id_
        for id_, title, text, source, published, lang in CORPUS
        if evaluate(parsed, ArticleFields.from_mapping(
            {"title": title, "text": text, "source": source, "language": lang, "published": _day(published)}
        ))
    }
    assert matched == expected
