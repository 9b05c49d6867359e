"""Numbers in paths and queries are checked at the edge: never a 500, never another script's digits.

An outside probe found 500s for ids above 2**63 - 1 (the database's BIGINT overflowed) and
non-ASCII digits taken as numbers ("٣" fetched document 3, "¹" raised ValueError).
"""

from __future__ import annotations

import pytest

from .conftest import make_document

HUGE = "99999999999999999999"  # > 2**63 - 1


@pytest.fixture
def stored(store):
    store.add_document(make_document("Harbour cranes return", "The cranes returned to the harbour on Monday."))
    return store


@pytest.mark.parametrize(
    "path",
    [
        f"/api/subscriptions/{HUGE}",
        f"/api/sources/{HUGE}",
        f"/api/alerts?subscription={HUGE}",
        f"/api/quotes?document={HUGE}",
        f"/feeds/subscriptions/{HUGE}.atom",
        f"/subscriptions/{HUGE}",
        f"/api/documents/{HUGE}",
        f"/api/entities/{HUGE}",
        f"/entities/{HUGE}",
        f"/api/stories/{HUGE}",
        f"/stories/{HUGE}",
        "/api/subscriptions/%D9%A3",
        "/api/sources/%C2%B9",
    ],
)
def test_out_of_range_and_foreign_numbers_are_client_errors(client, stored, path):
    response = client.get(path)
    assert response.status_code in (404, 422), (path, response.status_code, response.text[:200])


@pytest.mark.parametrize("digit", ["%D9%A1", "%C2%B9", "%EF%BC%91"])  # Arabic-Indic 1, superscript 1, fullwidth 1
def test_a_document_or_entity_is_not_reached_through_another_scripts_digits(client, stored, digit):
    assert client.get("/api/documents/1").status_code == 200
    assert client.get(f"/api/documents/{digit}").status_code == 404
    assert client.get(f"/api/entities/{digit}").status_code == 404


@pytest.mark.parametrize("path", [f"/events/documents?after={HUGE}", f"/events/stories?after={HUGE}"])
def test_event_stream_positions_beyond_a_row_id_are_refused(client, stored, path):
    # Found by the schemathesis run: SQLite raised OverflowError for the resume position.
    assert client.get(path).status_code == 422
