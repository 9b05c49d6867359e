"""Methods: OPTIONS answers with the path's methods, 405s carry every method, HEAD mirrors GET.

The probe found OPTIONS answered 405 with `Allow: GET` on paths that take PATCH and DELETE too.
"""

from __future__ import annotations

import pytest


def _allow(response) -> set[str]:
    return {m.strip() for m in response.headers["allow"].split(",")}


@pytest.mark.parametrize(
    "path, methods",
    [
        ("/api/subscriptions/1", {"GET", "HEAD", "PATCH", "DELETE", "OPTIONS"}),
        ("/api/documents", {"GET", "HEAD", "POST", "OPTIONS"}),
        ("/", {"GET", "HEAD", "OPTIONS"}),
        ("/feeds/subscriptions/1.atom", {"GET", "HEAD", "OPTIONS"}),
        ("/static/app.css", {"GET", "HEAD", "OPTIONS"}),
    ],
)
def test_options_lists_every_method_of_the_path(client, path, methods):
    response = client.options(path)
    assert response.status_code == 204
    assert _allow(response) == methods


def test_a_wrong_method_is_405_with_every_method_the_path_takes(client):
    response = client.put("/api/subscriptions/1", json={})
    assert response.status_code == 405
    assert _allow(response) == {"GET", "HEAD", "PATCH", "DELETE", "OPTIONS"}
    assert response.json()["error"]["code"] == "method_not_allowed"


def test_options_on_a_path_nothing_serves_is_404(client):
    assert client.options("/no/such/page").status_code == 404


@pytest.mark.parametrize("path", ["/api/documents", "/", "/static/app.css", "/api/stories"])
def test_head_answers_like_get_without_a_body(client, path):
    got = client.get(path)
    head = client.head(path)
    assert head.status_code == got.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
