"""Times in and out of the API: ISO 8601 in, timezone-aware out.

The probe found naive timestamps where the OpenAPI schema says date-time (a story's articles,
preview hits), and `?since=0.5` accepted (pydantic read it as a Unix time).
"""

from __future__ import annotations

from datetime import datetime

import pytest

from .conftest import ceasefire_document, cluster


def _aware(value: str | None) -> bool:
    return value is None or datetime.fromisoformat(value.replace("Z", "+00:00")).tzinfo is not None


@pytest.mark.parametrize("since", ["0.5", "1700000000", "yesterday", "2025-13-45"])
def test_since_takes_iso_8601_only(client, since):
    response = client.get("/api/stories", params={"since": since})
    assert response.status_code == 422, response.text


@pytest.mark.parametrize("since", ["2025-03-02", "2025-03-02T09:30:00Z", "2025-03-02T09:30:00+01:00"])
def test_since_accepts_iso_dates_and_times(client, since):
    assert client.get("/api/stories", params={"since": since}).status_code == 200


def test_every_time_in_story_and_document_responses_carries_a_zone(client, store):
    store.add_document(ceasefire_document())
    cluster(store)
    [story] = client.get("/api/stories").json()["items"]
    detail = client.get(f"/api/stories/{story['id']}").json()
    times = [a["published"] for a in detail["articles"]]
    times += [d["published"] for d in client.get("/api/documents").json()["items"]]
    times += [d["ingested_at"] for d in client.get("/api/documents").json()["items"]]
    times += [q["published"] for q in client.get("/api/quotes").json()["items"]]
    assert times and all(_aware(t) for t in times), times
    preview = client.get("/api/subscriptions/preview", params={"q": "ceasefire"})
    assert preview.status_code == 200, preview.text
    hits = preview.json()["items"]
    assert hits and all(_aware(hit["published"]) for hit in hits)


def test_a_record_dated_without_a_zone_is_served_with_one_everywhere(client, store, tmp_path):
    # A JSONL record's "published": "2025-03-02 09:30" (no zone) came back naive in a story's
    # articles and in preview hits, while the documents list said "Z".
    from wirewatch.config import Settings
    from wirewatch.runtime.runner import ingest_sources as ingest

    records = tmp_path / "naive.jsonl"
    records.write_text('{"id": "r1", "title": "Harbour cranes return", "published": "2025-03-02 09:30", '
                       '"text": "The cranes returned to the harbour of Rotterdam on Monday, port officials said."}\n')
    ingest([str(records)], store=store, settings=Settings(db="sqlite://", allow_private_urls=True))
    [story] = client.get("/api/stories").json()["items"]
    [article] = client.get(f"/api/stories/{story['id']}").json()["articles"]
    [hit] = client.get("/api/subscriptions/preview", params={"q": "cranes"}).json()["items"]
    [document] = client.get("/api/documents").json()["items"]
    for value in (article["published"], hit["published"], document["published"]):
        assert value.startswith("2025-03-02T09:30") and _aware(value), value
