"""The JSON API and the pages speak the whole query language (entity:, speaker:, type:, story:),
with real totals, on SQLite and PostgreSQL, over articles analysed by the real pipeline."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from analyst_records import FOLLOWED, RECORDS
from stores import ENGINES, fresh_store_url

import wirewatch
from wirewatch.config import Settings


@pytest.fixture(scope="module", params=ENGINES)
def analysed(request, tmp_path_factory) -> Iterator[wirewatch.Store]:
    with fresh_store_url(request.param, tmp_path_factory.mktemp(request.param)) as url:
        with wirewatch.Store.open(url) as store:
            summary = store.ingest(RECORDS, workers=1, deliver=False)
            assert summary.ingested == len(RECORDS), summary.to_dict()
            yield store


@pytest.fixture
def api(serve, analysed):
    settings = Settings(db="sqlite://", allow_private_urls=True, host_delay=0)
    return serve(settings, analysed.data)


@pytest.mark.parametrize("query", sorted(FOLLOWED))
def test_api_search_finds_what_the_subscription_preview_matches(api, query):
    found = api.get("/api/search", params={"q": query, "limit": 1})
    assert found.status_code == 200, found.text
    page = found.json()
    assert page["total"] == len(FOLLOWED[query])
    everything = api.get("/api/search", params={"q": query}).json()["items"]
    preview = api.get("/api/subscriptions/preview", params={"q": query}).json()["items"]
    assert {hit["id"] for hit in everything} == FOLLOWED[query]
    assert len(preview) == len(FOLLOWED[query])
    assert {hit["title"] for hit in preview} == {hit["title"] for hit in everything}


def test_api_preview_of_a_speaker_subscription_carries_the_statements(api):
    [hit] = api.get("/api/subscriptions/preview", params={"q": 'speaker:"Keir Starmer" sanctions'}).json()["items"]
    assert hit["statements"] == [{"speaker": "Keir Starmer", "text": "These sanctions will bite,"}]
    assert hit["reason"]["speakers"] == ["Keir Starmer"]


def test_api_quotes_filtered_by_query_and_dates_with_a_total(api):
    page = api.get("/api/quotes", params={"speaker": "Stemmer", "q": "Putin OR sanctions", "limit": 1,
                                          "since": "2025-03-01", "until": "2025-03-09"}).json()
    assert page["total"] == 2 and len(page["items"]) == 1 and page["next"]
    rest = api.get(page["next"]).json()
    texts = {q["text"] for q in page["items"] + rest["items"]}
    assert texts == {"The ball is now in the Russian court,", "Putin must show he is serious about peace."}
    assert api.get("/api/quotes").json()["total"] == 4


@pytest.mark.parametrize("path, params, status, code", [
    ("/api/search", {"q": "speaker:"}, 400, "invalid_query"),
    ("/api/search", {"q": "speakr:Starmer"}, 400, "invalid_query"),
    ("/api/quotes", {"q": 'entity:"Starmer'}, 400, "invalid_query"),
    ("/api/quotes", {"since": "2025-03-05", "until": "2025-03-01"}, 422, "invalid_input"),
    ("/api/quotes", {"until": "next week"}, 422, "invalid_input"),
])
def test_api_bad_filters_are_one_line_errors(api, path, params, status, code):
    answer = api.get(path, params=params)
    assert answer.status_code == status, answer.text
    error = answer.json()["error"]
    assert error["code"] == code and "\n" not in error["message"]


def test_search_page_and_latest_page_take_fact_filters(api):
    page = api.get("/search", params={"q": "speaker:Stemmer sanctions"})
    assert page.status_code == 200 and "Starmer backs new sanctions" in page.text
    assert "1 result for" in page.text and "Starmer presses Putin" not in page.text
    latest = api.get("/articles", params={"q": "entity:Starmer"})
    assert latest.status_code == 200
    assert "Starmer backs new sanctions" in latest.text and "Starmer presses Putin on ceasefire" in latest.text
    assert "Harbour reopens" not in latest.text and "2 articles matching" in latest.text
    bad = api.get("/articles", params={"q": "entity:"})
    assert bad.status_code == 400 and "missing value after &#39;entity:&#39;" in bad.text
