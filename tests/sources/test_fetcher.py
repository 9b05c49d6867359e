"""Fetcher against a real loopback HTTP server: limits, redirects, validators, politeness."""

import gzip
import zlib

import brotli
import pytest
from httpserver import LocalHTTPServer, Response
from wirewatch.config import Settings
from wirewatch.errors import FetchError
from wirewatch.sources import Fetcher, MemoryValidatorCache

PAGE = b"<html><head><title>T</title></head><body><p>Hello</p></body></html>"


def test_fetch_returns_body_status_and_content_type(http_server, settings):
    http_server.route("/page", PAGE, content_type="text/html; charset=utf-8")
    with Fetcher(settings) as fetcher:
        result = fetcher.fetch(http_server.url("/page"))
    assert (result.status, result.content, result.content_type) == (
        200, PAGE, "text/html; charset=utf-8"
    )
    assert result.not_modified is False


def test_requests_carry_the_configured_user_agent(http_server, settings):
    http_server.route("/page", PAGE)
    with Fetcher(settings.with_overrides(user_agent="wirewatch-test/9")) as fetcher:
        fetcher.fetch(http_server.url("/page"))
    assert http_server.requests_for("/page")[0].headers["user-agent"] == "wirewatch-test/9"


def test_wrong_charset_bytes_pass_through_untouched(http_server, settings):
    latin1 = "<html><body><p>Café déjà vu — naïve</p></body></html>".encode("latin-1", "replace")
    http_server.route("/latin", latin1, content_type="text/html; charset=utf-8")
    with Fetcher(settings) as fetcher:
        result = fetcher.fetch(http_server.url("/latin"))
    assert result.content == latin1
    assert result.content_type == "text/html; charset=utf-8"


def test_http_error_status_is_a_fetch_error_naming_status_and_url(http_server, settings):
    url = http_server.url("/missing")
    with Fetcher(settings) as fetcher, pytest.raises(FetchError) as error:
        fetcher.fetch(url)
    assert str(error.value) == f"HTTP 404 for {url}"


def test_redirect_chain_is_followed_to_the_final_url(http_server, settings):
    http_server.redirect("/r1", "/r2", status=301)
    http_server.redirect("/r2", "/final", status=307)
    http_server.route("/final", PAGE)
    with Fetcher(settings) as fetcher:
        result = fetcher.fetch(http_server.url("/r1"))
    assert result.url == http_server.url("/final")
    assert result.content == PAGE


def test_redirect_loop_is_an_error(http_server, settings):
    http_server.redirect("/a", "/b")
    http_server.redirect("/b", "/a")
    with Fetcher(settings) as fetcher, pytest.raises(FetchError, match="redirect loop"):
        fetcher.fetch(http_server.url("/a"))


def test_too_many_redirects_is_an_error(http_server, settings):
    for hop in range(5):
        http_server.redirect(f"/hop{hop}", f"/hop{hop + 1}")
    http_server.route("/hop5", PAGE)
    with Fetcher(settings.with_overrides(max_redirects=3)) as fetcher:
        with pytest.raises(FetchError, match="too many redirects"):
            fetcher.fetch(http_server.url("/hop0"))


def test_redirect_to_a_non_http_scheme_is_refused(http_server, settings):
    http_server.redirect("/evil", "file:///etc/passwd")
    with Fetcher(settings) as fetcher, pytest.raises(FetchError, match="only http and https"):
        fetcher.fetch(http_server.url("/evil"))


def test_loopback_url_is_refused_without_allow_private(http_server):
    http_server.route("/page", PAGE)
    with Fetcher(Settings(host_delay=0)) as fetcher, pytest.raises(FetchError, match="non-public"):
        fetcher.fetch(http_server.url("/page"))
    assert http_server.requests == []


def test_body_over_the_limit_with_content_length_is_refused(http_server, settings):
    http_server.route("/big", b"x" * 2001)
    with Fetcher(settings.with_overrides(max_bytes=2000)) as fetcher:
        with pytest.raises(FetchError, match="response larger than 2000 bytes"):
            fetcher.fetch(http_server.url("/big"))


def test_body_over_the_limit_without_content_length_is_refused(http_server, settings):
    http_server.route("/big", b"x" * 200_000, send_content_length=False)
    with Fetcher(settings.with_overrides(max_bytes=100_000)) as fetcher:
        with pytest.raises(FetchError, match="response larger than 100000 bytes"):
            fetcher.fetch(http_server.url("/big"))


def test_body_at_the_limit_is_accepted(http_server, settings):
    http_server.route("/exact", b"x" * 2000, send_content_length=False)
    with Fetcher(settings.with_overrides(max_bytes=2000)) as fetcher:
        assert len(fetcher.fetch(http_server.url("/exact")).content) == 2000


@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
def test_decompression_bomb_is_refused(http_server, settings, encoding):
    wire_size = http_server.gzip_bomb("/bomb", decoded_size=16 * 1024 * 1024, encoding=encoding)
    assert wire_size < 1024 * 1024  # small on the wire: only the decoded size can catch it
    with Fetcher(settings.with_overrides(max_bytes=1024 * 1024)) as fetcher:
        with pytest.raises(FetchError, match="response larger than 1048576 bytes"):
            fetcher.fetch(http_server.url("/bomb"))


def test_brotli_bomb_is_refused(http_server, settings):
    bomb = brotli.compress(b"\0" * (16 * 1024 * 1024), quality=5)
    http_server.route("/br", bomb, headers={"Content-Encoding": "br"})
    with Fetcher(settings.with_overrides(max_bytes=1024 * 1024)) as fetcher:
        with pytest.raises(FetchError, match="response larger than"):
            fetcher.fetch(http_server.url("/br"))


@pytest.mark.parametrize(
    "encoding, compress",
    [("gzip", gzip.compress), ("deflate", zlib.compress), ("br", brotli.compress)],
)
def test_compressed_bodies_are_decoded(http_server, settings, encoding, compress):
    http_server.route("/z", compress(PAGE), headers={"Content-Encoding": encoding})
    with Fetcher(settings) as fetcher:
        assert fetcher.fetch(http_server.url("/z")).content == PAGE


def test_corrupt_compressed_body_is_a_fetch_error(http_server, settings):
    http_server.route("/bad", b"definitely not gzip", headers={"Content-Encoding": "gzip"})
    with Fetcher(settings) as fetcher, pytest.raises(FetchError, match="invalid compressed body"):
        fetcher.fetch(http_server.url("/bad"))


def test_unadvertised_content_encoding_is_refused(http_server, settings):
    http_server.route("/zstd", b"\x28\xb5\x2f\xfd", headers={"Content-Encoding": "zstd"})
    with Fetcher(settings) as fetcher, pytest.raises(FetchError, match="unsupported content encoding"):
        fetcher.fetch(http_server.url("/zstd"))


def test_slow_server_times_out(http_server, settings):
    http_server.route("/slow", PAGE, delay=2.0)
    with Fetcher(settings.with_overrides(timeout=0.3)) as fetcher:
        with pytest.raises(FetchError, match="timed out"):
            fetcher.fetch(http_server.url("/slow"))


def test_connection_refused_is_a_fetch_error(settings):
    server = LocalHTTPServer()
    url = server.url("/gone")
    server.close()
    with Fetcher(settings) as fetcher, pytest.raises(FetchError, match="cannot fetch"):
        fetcher.fetch(url)


# -- conditional GET ------------------------------------------------------------------------


def test_etag_gives_not_modified_on_the_second_fetch(http_server, settings):
    http_server.route("/feed", PAGE, etag='"v1"')
    cache = MemoryValidatorCache()
    url = http_server.url("/feed")
    with Fetcher(settings, validators=cache) as fetcher:
        first = fetcher.fetch(url)
        second = fetcher.fetch(url)
    assert first.content == PAGE and not first.not_modified
    assert cache.get_validators(url) == ('"v1"', None)
    assert second.not_modified and second.content == b"" and second.status == 304
    assert http_server.requests_for("/feed")[1].headers["if-none-match"] == '"v1"'


def test_last_modified_gives_not_modified_on_the_second_fetch(http_server, settings):
    stamp = "Sat, 15 Mar 2025 16:05:00 GMT"
    http_server.route("/feed", PAGE, last_modified=stamp)
    url = http_server.url("/feed")
    with Fetcher(settings, validators=MemoryValidatorCache()) as fetcher:
        fetcher.fetch(url)
        second = fetcher.fetch(url)
    assert second.not_modified
    assert http_server.requests_for("/feed")[1].headers["if-modified-since"] == stamp


def test_changed_resource_is_fetched_again_and_validators_updated(http_server, settings):
    cache = MemoryValidatorCache()
    url = http_server.url("/feed")
    with Fetcher(settings, validators=cache) as fetcher:
        http_server.route("/feed", b"old", etag='"v1"')
        fetcher.fetch(url)
        http_server.route("/feed", b"new", etag='"v2"')
        second = fetcher.fetch(url)
    assert second.content == b"new" and not second.not_modified
    assert cache.get_validators(url) == ('"v2"', None)


def test_unconditional_fetch_sends_no_validators(http_server, settings):
    http_server.route("/feed", PAGE, etag='"v1"')
    url = http_server.url("/feed")
    with Fetcher(settings, validators=MemoryValidatorCache()) as fetcher:
        fetcher.fetch(url)
        again = fetcher.fetch(url, conditional=False)
    assert again.content == PAGE
    assert "if-none-match" not in http_server.requests_for("/feed")[1].headers


# -- robots.txt and rate limit --------------------------------------------------------------


def test_robots_txt_disallow_blocks_the_fetch(http_server, settings):
    http_server.route("/robots.txt", "User-agent: *\nDisallow: /private\n", content_type="text/plain")
    http_server.route("/private/page", PAGE)
    with Fetcher(settings.with_overrides(respect_robots=True)) as fetcher:
        with pytest.raises(FetchError, match="blocked by robots.txt"):
            fetcher.fetch(http_server.url("/private/page"))
    assert http_server.requests_for("/private/page") == []


def test_robots_txt_is_fetched_once_per_host(http_server, settings):
    http_server.route("/robots.txt", "User-agent: *\nDisallow: /private\n", content_type="text/plain")
    http_server.route("/a", PAGE)
    http_server.route("/b", PAGE)
    with Fetcher(settings.with_overrides(respect_robots=True)) as fetcher:
        fetcher.fetch(http_server.url("/a"))
        fetcher.fetch(http_server.url("/b"))
    assert len(http_server.requests_for("/robots.txt")) == 1


def test_robots_txt_rules_for_our_agent_apply(http_server, settings):
    http_server.route(
        "/robots.txt", "User-agent: wirewatch\nDisallow: /\n\nUser-agent: *\nAllow: /\n",
        content_type="text/plain",
    )
    http_server.route("/a", PAGE)
    with Fetcher(settings.with_overrides(respect_robots=True)) as fetcher:
        with pytest.raises(FetchError, match="blocked by robots.txt"):
            fetcher.fetch(http_server.url("/a"))


def test_missing_robots_txt_allows_everything(http_server, settings):
    http_server.route("/a", PAGE)
    with Fetcher(settings.with_overrides(respect_robots=True)) as fetcher:
        assert fetcher.fetch(http_server.url("/a")).content == PAGE


def test_robots_txt_server_error_disallows_everything(http_server, settings):
    http_server.route("/robots.txt", "oops", status=503, content_type="text/plain")
    http_server.route("/a", PAGE)
    with Fetcher(settings.with_overrides(respect_robots=True)) as fetcher:
        with pytest.raises(FetchError, match="blocked by robots.txt"):
            fetcher.fetch(http_server.url("/a"))


def test_requests_to_one_host_are_spaced_by_host_delay(http_server, settings):
    http_server.route("/a", PAGE)
    http_server.route("/b", PAGE)
    with Fetcher(settings.with_overrides(host_delay=0.25, respect_robots=False)) as fetcher:
        fetcher.fetch(http_server.url("/a"))
        fetcher.fetch(http_server.url("/b"))
    first, second = http_server.requests
    assert second.time - first.time >= 0.2


def test_requests_to_different_hosts_are_not_spaced(settings):
    with LocalHTTPServer() as one, LocalHTTPServer(host="127.0.0.2") as two:
        one.route("/a", PAGE)
        two.route("/a", PAGE)
        with Fetcher(settings.with_overrides(host_delay=5, respect_robots=False)) as fetcher:
            fetcher.fetch(one.url("/a"))
            fetcher.fetch(two.url("/a"))  # would take 5 s if hosts shared one limit
        assert two.requests[0].time - one.requests[0].time < 2


def test_handler_routes_compute_responses_per_request(http_server, settings):
    http_server.route("/echo", handler=lambda request: Response(200, request.path.encode()))
    with Fetcher(settings) as fetcher:
        assert fetcher.fetch(http_server.url("/echo?x=1")).content == b"/echo?x=1"
