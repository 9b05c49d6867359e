"""One query language everywhere: entity:, speaker:, type: and story: in search and in quotes,
through the Python API and the CLI, on SQLite and PostgreSQL, meaning what a subscription means."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timezone

import pytest
from analyst_records import FOLLOWED, RECORDS
from stores import ENGINES, fresh_store_url

import wirewatch
from wirewatch.cli import main
from wirewatch.errors import InputError, QueryError


@pytest.fixture(scope="module", params=ENGINES)
def analysed(request, tmp_path_factory) -> Iterator[str]:
    """A store URL holding RECORDS, analysed and clustered by the real pipeline."""
    with fresh_store_url(request.param, tmp_path_factory.mktemp(request.param)) as url:
        with wirewatch.Store.open(url) as store:
            summary = store.ingest(RECORDS, workers=1, deliver=False)
            assert summary.ingested == len(RECORDS), summary.to_dict()
        yield url


@pytest.fixture
def store(analysed) -> Iterator[wirewatch.Store]:
    with wirewatch.Store.open(analysed) as opened:
        yield opened


def _record_ids(store: wirewatch.Store, article_ids) -> set[str]:
    return {store.document(article_id).document.id for article_id in article_ids}


@pytest.mark.parametrize("query", sorted(FOLLOWED))
def test_search_finds_what_the_subscription_would_match(store, query):
    found = {hit.id for hit in store.search(query, limit=50)}
    followed = _record_ids(store, [hit.article_id for hit in store.preview(query, limit=50)])
    assert found == followed == FOLLOWED[query]
    assert store.count_search(query) == len(found)


def test_any_spelling_the_registry_recorded_finds_the_person(store):
    # "Stemmer" is how the first article garbled the name; the registry resolved it to Keir Starmer.
    assert {hit.id for hit in store.search("speaker:Stemmer")} == {"ceasefire", "sanctions"}
    assert {hit.id for hit in store.search("entity:stemmer sanctions")} == {"sanctions"}


def test_story_filter_finds_the_articles_of_that_story(store):
    story_id = store.data.story_of(store.document("sanctions").id).story_id
    assert [hit.id for hit in store.search(f"story:{story_id}")] == ["sanctions"]
    assert [s.id for s in store.stories(query='speaker:"Keir Starmer" sanctions')] == [story_id]


def test_quotes_by_speaker_about_a_topic_between_dates(store):
    about_putin = store.quotes(speaker="Stemmer", query="Putin")
    assert {q.text for q in about_putin} == {"The ball is now in the Russian court,",
                                            "Putin must show he is serious about peace."}
    assert {q.speaker for q in about_putin} == {"Keir Starmer"}
    later = store.quotes(speaker="Keir Starmer", since=datetime(2025, 3, 5, tzinfo=timezone.utc))
    assert [q.text for q in later] == ["These sanctions will bite,"]
    earlier = store.quotes(until=datetime(2025, 3, 5, tzinfo=timezone.utc))
    assert {q.document_title for q in earlier} == {"Starmer presses Putin on ceasefire"}
    window = {"since": datetime(2025, 3, 1), "until": datetime(2025, 3, 5, 8)}  # naive means UTC; until excludes
    assert store.count_quotes(query="type:GPE", **window) == 2
    assert store.count_quotes(speaker="Starmer") == 3 == len(store.quotes(speaker="Starmer"))


def test_bad_filters_are_one_line_errors(store):
    with pytest.raises(QueryError, match="missing value after 'speaker:'"):
        store.search("speaker:")
    with pytest.raises(QueryError, match="unknown field 'speakers:'"):
        store.quotes(query="speakers:Starmer")
    with pytest.raises(InputError, match="since .* must be before until"):
        store.quotes(since=datetime(2025, 3, 5), until=datetime(2025, 3, 1))


def _cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_search_and_quotes_speak_the_same_language(capsys, analysed):
    code, out, err = _cli(capsys, "search", 'speaker:"Keir Starmer" Putin', "--db", analysed, "-f", "json")
    assert code == 0, err
    assert [hit["id"] for hit in json.loads(out)] == ["ceasefire"]
    code, out, err = _cli(capsys, "quotes", "--db", analysed, "--speaker", "Stemmer", "--query", "sanctions",
                          "--since", "2025-03-05", "--until", "2025-03-11", "-f", "json")
    assert code == 0, err
    assert [(q["speaker"], q["text"]) for q in json.loads(out)] == [("Keir Starmer", "These sanctions will bite,")]


def test_cli_preview_of_a_speaker_subscription_shows_the_statements(capsys, analysed):
    code, out, err = _cli(capsys, "subscribe", "--preview", 'speaker:"Keir Starmer" sanctions', "--db", analysed)
    assert code == 0, err
    assert "Starmer backs new sanctions" in out
    assert "Keir Starmer: “These sanctions will bite,”" in out
    code, out, _ = _cli(capsys, "subscribe", "--preview", 'speaker:Starmer', "--db", analysed, "-f", "json")
    statements = {s["text"] for hit in json.loads(out) for s in hit["statements"]}
    assert statements == {"The ball is now in the Russian court,", "Putin must show he is serious about peace.",
                          "These sanctions will bite,"}


@pytest.mark.parametrize("argv, message", [
    (("search", "entity:"), "missing value after 'entity:'"),
    (("search", "speaker:Starmer AND"), "'AND' at position 17 has nothing after it"),
    (("quotes", "--query", 'type:"'), "unclosed quote"),
    (("quotes", "--since", "2025-03-05", "--until", "2025-03-01"), "must be before until"),
    (("quotes", "--until", "soon"), "--until takes an ISO date"),
])
def test_cli_bad_filters_exit_2_with_one_line(capsys, analysed, argv, message):
    code, out, err = _cli(capsys, *argv, "--db", analysed)
    assert code == 2 and out == ""
    assert message in err and len(err.strip().splitlines()) == 1
