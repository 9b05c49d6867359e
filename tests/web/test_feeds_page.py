"""The Sources page's monitored feeds through real HTTP: add (a feed, a site with feed discovery,
a plain page), pause/resume, remove, CSRF and the SSRF guard; and the /api/sources endpoints (/api/feeds: their deprecated old name)."""

from __future__ import annotations

import re

import pytest
from httpserver import LocalHTTPServer

from wirewatch.store import Store

from .test_api import assert_error

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>http://example.com/</link>
<item><title>Cranes return</title><link>http://example.com/cranes</link><description>Cranes.</description></item>
</channel></rss>"""

TWO_FEEDS_PAGE = b"""<html><head><title>News</title>
<link rel="alternate" type="application/rss+xml" title="World" href="/world.xml">
<link rel="alternate" type="application/rss+xml" title="Sport" href="/sport.xml">
</head><body><p>Front page.</p></body></html>"""


@pytest.fixture
def site():
    with LocalHTTPServer() as server:
        yield server


def csrf(client) -> str:
    page = client.get("/sources")
    assert page.status_code == 200, page.text
    return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)


def add_form(client, url: str, **fields):
    return client.post("/sources/feeds", data={"csrf_token": csrf(client), "url": url, "interval": "300", **fields})


def assert_added(response, kind: str = "feed") -> None:
    assert response.status_code == 303, response.text
    assert response.headers["location"] == f"/sources?notice=added-{kind}#monitored"


def test_adding_a_feed_url_registers_it_with_name_and_interval(client, store, site):
    site.route("/feed.xml", RSS, content_type="application/rss+xml")
    assert_added(add_form(client, site.url("/feed.xml"), name="Wire desk", interval="900"))
    [feed] = store.feeds()
    assert (feed.url, feed.name, feed.interval_seconds, feed.paused) == (site.url("/feed.xml"), "Wire desk", 900, False)
    page = client.get("/sources?notice=added-feed").text
    assert "Feed added" in page and "Wire desk" in page and "every 15 minutes" in page and "not fetched yet" in page


def test_a_page_advertising_one_feed_registers_that_feed(client, store, site):
    site.route("/news", b'<html><head><link rel="alternate" type="application/atom+xml" href="/atom.xml"></head>'
                        b"<body>hi</body></html>")
    assert_added(add_form(client, site.url("/news")))
    assert [f.url for f in store.feeds()] == [site.url("/atom.xml")]


def test_a_page_advertising_two_feeds_offers_both_as_choices(client, store, site):
    site.route("/news", TWO_FEEDS_PAGE)
    response = add_form(client, site.url("/news"), name="Daily")
    assert response.status_code == 200, response.text
    assert store.feeds() == []
    choices = re.findall(r'name="url" value="([^"]+)"', response.text)
    assert site.url("/world.xml") in choices and site.url("/sport.xml") in choices
    token = csrf(client)
    chosen = client.post("/sources/feeds", data={"csrf_token": token, "url": site.url("/sport.xml"), "name": "Daily",
                                                 "interval": "60", "discover_feeds": "0"})
    assert_added(chosen)
    [feed] = store.feeds()
    assert (feed.url, feed.name, feed.interval_seconds) == (site.url("/sport.xml"), "Daily", 60)


def test_a_page_without_feeds_is_monitored_itself(client, store, site):
    site.route("/article", b"<html><body><p>Just an article.</p></body></html>")
    assert_added(add_form(client, site.url("/article")), kind="page")
    assert [f.url for f in store.feeds()] == [site.url("/article")]


def test_a_fetch_failure_is_one_inline_line_with_the_form_kept(client, store, site):
    response = add_form(client, site.url("/missing"), name="Kept name")
    assert response.status_code == 422
    [error] = re.findall(r'<p class="error-message"[^>]*>([^<]*)</p>', response.text)
    assert "404" in error and "\n" not in error.strip()
    assert 'value="Kept name"' in response.text and store.feeds() == []


def test_a_url_that_is_not_http_is_refused_inline(client, store):
    response = add_form(client, "ftp://example.com/feed")
    assert response.status_code == 422 and "only http and https" in response.text
    assert store.feeds() == []


def test_a_private_address_is_refused_when_private_urls_are_not_allowed(serve, settings, store, site):
    client = serve(settings.with_overrides(allow_private_urls=False), store)
    site.route("/feed.xml", RSS, content_type="application/rss+xml")
    response = add_form(client, site.url("/feed.xml"))
    assert response.status_code == 422 and "non-public address" in response.text
    assert site.requests_for("/feed.xml") == [] and store.feeds() == []
    api = client.post("/api/sources", json={"url": site.url("/feed.xml")})
    assert "non-public" in assert_error(api, 422, "invalid_input")["message"]


def test_pause_resume_and_remove_from_the_page(client, store):
    feed = store.add_feed("https://example.com/feed.xml", name="Example")
    paused = client.post(f"/sources/feeds/{feed.id}/pause", data={"csrf_token": csrf(client), "paused": "1"})
    assert paused.status_code == 303 and paused.headers["location"] == "/sources?notice=paused#monitored"
    assert store.get_feed(feed.id).paused
    row = re.search(r'<tr class="feed-row is-paused" data-feed-id="%d">.*?</tr>' % feed.id,
                    client.get("/sources").text, re.S).group(0)
    assert ">Resume</button>" in row
    client.post(f"/sources/feeds/{feed.id}/pause", data={"csrf_token": csrf(client), "paused": "0"})
    assert not store.get_feed(feed.id).paused
    removed = client.post(f"/sources/feeds/{feed.id}/remove", data={"csrf_token": csrf(client)})
    assert removed.status_code == 303 and removed.headers["location"] == "/sources?notice=removed#monitored"
    assert store.feeds() == []
    assert "Nothing is monitored yet" in client.get("/sources").text


def test_the_table_shows_last_status_error_and_articles_found(client, store):
    feed = store.add_feed("https://example.com/feed.xml")
    store.record_fetch(feed, status="ok", new_articles=7)
    store.record_fetch(store.get_feed(feed.id), status="error", error="HTTP 503 from example.com")
    row = re.search(r'data-feed-id="%d">.*?</tr>' % feed.id, client.get("/sources").text, re.S).group(0)
    assert "status-failed" in row and "HTTP 503 from example.com" in row
    assert '<td class="num">7</td>' in row


def test_writes_without_the_csrf_token_are_refused(client, store):
    feed = store.add_feed("https://example.com/feed.xml")
    client.get("/sources")  # the browser has its cookie, but the form field is missing
    assert client.post("/sources/feeds", data={"url": "https://example.com/other.xml"}).status_code == 403
    assert client.post(f"/sources/feeds/{feed.id}/pause", data={"csrf_token": "x" * 43}).status_code == 403
    assert client.post(f"/sources/feeds/{feed.id}/remove", data={}).status_code == 403
    [still] = store.feeds()
    assert still.url == "https://example.com/feed.xml" and not still.paused


def test_page_writes_need_the_api_token_when_one_is_set(serve, settings, store):
    client = serve(settings.with_overrides(api_token="t0ken"), store)
    feed = store.add_feed("https://example.com/feed.xml")
    refused = client.post(f"/sources/feeds/{feed.id}/remove", data={"csrf_token": csrf(client)})
    assert refused.status_code == 401 and store.get_feed(feed.id) is not None
    allowed = client.post(f"/sources/feeds/{feed.id}/remove", data={"csrf_token": csrf(client), "api_token": "t0ken"})
    assert allowed.status_code == 303 and store.feeds() == []


def test_a_feed_name_with_markup_is_escaped(client, store):
    store.add_feed("https://example.com/feed.xml?a=1&b=<i>", name='<script>alert("x")</script>')
    page = client.get("/sources").text
    assert '<script>alert("x")</script>' not in page and "&lt;script&gt;" in page
    assert "<i>" not in page


# --- the JSON API -------------------------------------------------------------------------------

def test_api_create_list_patch_and_delete(client, store):
    created = client.post("/api/sources", json={"url": "https://example.com/feed.xml", "name": "Ex",
                                              "interval_seconds": 60})
    assert created.status_code == 201, created.text
    body = created.json()
    assert (body["url"], body["name"], body["interval_seconds"], body["paused"]) == ("https://example.com/feed.xml", "Ex", 60, False)
    assert created.headers["location"] == f"/api/sources/{body['id']}"
    listed = client.get("/api/sources").json()
    assert listed["total"] == 1 and [f["id"] for f in listed["items"]] == [body["id"]] and listed["next"] is None
    patched = client.patch(f"/api/sources/{body['id']}", json={"paused": True})
    assert patched.status_code == 200 and patched.json()["paused"] is True and store.get_feed(body["id"]).paused
    assert client.delete(f"/api/sources/{body['id']}").status_code == 204
    assert store.feeds() == []


def test_api_list_paginates(client, store):
    for n in range(3):
        store.add_feed(f"https://example.com/{n}.xml")
    first = client.get("/api/sources", params={"limit": 2}).json()
    assert len(first["items"]) == 2 and first["total"] == 3 and first["next"]
    assert [f["url"] for f in client.get(first["next"]).json()["items"]] == ["https://example.com/2.xml"]


def test_api_unknown_feed_is_a_404_error_object(client):
    assert_error(client.patch("/api/sources/999", json={"paused": True}), 404, "not_found")
    assert_error(client.delete("/api/sources/999"), 404, "not_found")
    assert_error(client.get("/api/sources/999"), 404, "not_found")


def test_api_refuses_bad_input(client, store):
    assert_error(client.post("/api/sources", json={"url": "file:///etc/passwd"}), 422, "invalid_input")
    assert_error(client.post("/api/sources", json={"url": "https://example.com/f", "interval_seconds": 5}),
                 422, "invalid_input")
    assert_error(client.post("/api/sources", content=b'{"url": "https://example.com/f"}',
                             headers={"content-type": "text/plain"}), 415, "unsupported_media_type")
    assert store.feeds() == []


def test_api_writes_need_the_bearer_token_when_one_is_set(serve, settings, store):
    client = serve(settings.with_overrides(api_token="t0ken"), store)
    feed = store.add_feed("https://example.com/feed.xml")
    assert_error(client.post("/api/sources", json={"url": "https://example.com/other.xml"}), 401, "unauthorized")
    assert_error(client.patch(f"/api/sources/{feed.id}", json={"paused": True}), 401, "unauthorized")
    assert_error(client.delete(f"/api/sources/{feed.id}"), 401, "unauthorized")
    assert [f.url for f in store.feeds()] == ["https://example.com/feed.xml"] and not store.get_feed(feed.id).paused
    ok = client.post("/api/sources", json={"url": "https://example.com/other.xml"},
                     headers={"authorization": "Bearer t0ken"})
    assert ok.status_code == 201
    assert client.get("/api/sources").status_code == 200  # reading needs no token


def test_source_endpoints_are_in_the_openapi_schema_and_feeds_is_a_deprecated_alias(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {"get", "post"} <= set(paths["/api/sources"]) and {"patch", "delete"} <= set(paths["/api/sources/{source_id}"])
    assert "post" in paths["/api/sources/import"] and "get" in paths["/api/sources/counts"]
    assert "deprecated" not in paths["/api/sources"]["get"]
    assert all(operation["deprecated"] for path in ("/api/feeds", "/api/feeds/{source_id}", "/api/feeds/import")
               for operation in paths[path].values())
    assert "/api/sources" in client.get("/docs").text


def test_the_old_feeds_path_still_answers_like_sources(client, store):
    created = client.post("/api/feeds", json={"url": "https://example.com/feed.xml"})
    assert created.status_code == 201 and created.headers["location"] == f"/api/sources/{created.json()['id']}"
    assert client.get("/api/feeds").json() == client.get("/api/sources").json()


def test_feed_management_works_on_both_engines(db_url, settings, serve, site):
    site.route("/news", TWO_FEEDS_PAGE)
    site.route("/world.xml", RSS, content_type="application/rss+xml")
    with Store.open(db_url) as store:
        client = serve(settings.with_overrides(db=db_url), store)
        assert "Add this feed" in add_form(client, site.url("/news")).text
        assert_added(add_form(client, site.url("/world.xml")))
        [feed] = store.feeds()
        client.post(f"/sources/feeds/{feed.id}/pause", data={"csrf_token": csrf(client), "paused": "1"})
        assert client.get("/api/sources").json()["items"][0]["paused"] is True
        assert client.delete(f"/api/sources/{feed.id}").status_code == 204
        assert store.feeds() == []
