"""Headers, CSRF, write tokens and the bind rule: what keeps untrusted news harmless."""

from __future__ import annotations

import re

import pytest

from wirewatch.errors import ConfigError
from wirewatch.web.security import CSRF_COOKIE, check_bind_address, is_loopback_host
from wirewatch.web.server import serve


@pytest.mark.parametrize("host", ["127.0.0.1", "127.8.0.1", "::1", "[::1]", "localhost"])
def test_loopback_addresses_are_recognised(host):
    assert is_loopback_host(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.10", "example.com", ""])
def test_other_addresses_are_not_loopback(host):
    assert not is_loopback_host(host)


def test_public_bind_without_a_token_is_refused_with_a_clear_message(settings):
    with pytest.raises(ConfigError, match="WIREWATCH_API_TOKEN"):
        check_bind_address("0.0.0.0", settings)


def test_public_bind_with_a_token_is_allowed(settings):
    check_bind_address("0.0.0.0", settings.with_overrides(api_token="s3cret"))


def test_serve_refuses_before_opening_anything(tmp_path, settings):
    missing_dir_db = settings.with_overrides(db=f"sqlite:///{tmp_path}/no/such/dir/x.db")
    with pytest.raises(ConfigError, match="non-loopback"):
        serve(missing_dir_db, host="0.0.0.0", port=8000)


def test_every_response_carries_a_strict_content_security_policy(client):
    for path in ("/", "/search?q=x", "/api/documents", "/no-such-page", "/static/app.css", "/healthz"):
        csp = client.get(path).headers["content-security-policy"]
        assert "script-src 'self'" in csp and "style-src 'self'" in csp
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert "frame-ancestors 'none'" in csp


def test_responses_forbid_sniffing_and_framing(client):
    headers = client.get("/").headers
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"


def test_a_browser_gets_a_strict_same_site_csrf_cookie(client):
    cookie = client.get("/submit").headers["set-cookie"]
    assert cookie.startswith(f"{CSRF_COOKIE}=")
    assert "SameSite=Strict" in cookie and "HttpOnly" in cookie


def _form_token(client) -> str:
    page = client.get("/submit").text
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def test_form_post_without_the_csrf_token_is_forbidden(client, store):
    client.get("/submit")
    response = client.post("/submit", data={"text": "Title\n\nSome body text here."})
    assert response.status_code == 403
    assert store.count_documents() == 0


def test_form_post_with_a_token_from_another_browser_is_forbidden(client, store, serve, settings):
    token = _form_token(client)
    client.cookies.clear()
    client.get("/submit")  # this "browser" now has a cookie of its own
    response = client.post("/submit", data={"text": "Title\n\nSome body text here.", "csrf_token": token})
    assert response.status_code == 403
    assert store.count_documents() == 0


def test_form_post_with_the_csrf_token_stores_the_article_and_shows_it(client, store):
    token = _form_token(client)
    response = client.post("/submit", data={
        "csrf_token": token, "title": "Port strike ends",
        "text": "Dock workers in Rotterdam returned to work on Monday after a pay deal was agreed.",
    })
    assert response.status_code == 303
    assert response.headers["location"].startswith("/articles/")
    assert store.count_documents() == 1
    page = client.get(response.headers["location"])
    assert "Port strike ends" in page.text and "Stored and analysed" in page.text


def test_api_write_without_the_configured_token_is_unauthorized(serve, settings, store):
    client = serve(settings.with_overrides(api_token="s3cret"), store)
    body = {"title": "A", "text": "Some article text that is long enough to store."}
    missing = client.post("/api/documents", json=body)
    wrong = client.post("/api/documents", json=body, headers={"Authorization": "Bearer nope"})
    for response in (missing, wrong):
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "unauthorized"
        assert response.headers["www-authenticate"].startswith("Bearer")
    assert store.count_documents() == 0


def test_api_write_with_the_configured_token_succeeds(serve, settings, store):
    client = serve(settings.with_overrides(api_token="s3cret"), store)
    response = client.post(
        "/api/documents", json={"title": "A", "text": "Some article text that is long enough to store."},
        headers={"Authorization": "Bearer s3cret"},
    )
    assert response.status_code == 201


def test_reads_need_no_token_even_when_one_is_configured(serve, settings, store):
    client = serve(settings.with_overrides(api_token="s3cret"), store)
    assert client.get("/api/documents").status_code == 200
    assert client.get("/").status_code == 200


def test_form_writes_need_the_token_when_one_is_configured(serve, settings, store):
    client = serve(settings.with_overrides(api_token="s3cret"), store)
    token = _form_token(client)
    data = {"csrf_token": token, "text": "Headline\n\nA body that is long enough to be an article."}
    assert client.post("/submit", data=data).status_code == 401
    assert client.post("/submit", data={**data, "api_token": "s3cret"}).status_code == 303


def test_api_writes_must_be_json_so_cross_site_forms_cannot_send_them(client, store):
    response = client.post(
        "/api/documents", content='{"title": "A", "text": "body text"}', headers={"Content-Type": "text/plain"},
    )
    assert response.status_code == 415
    assert response.json()["error"]["code"] == "unsupported_media_type"
    assert store.count_documents() == 0
