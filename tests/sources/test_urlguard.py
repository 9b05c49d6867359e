"""The SSRF guard: only public http(s) targets unless private ones are explicitly allowed."""

import pytest
from wirewatch.errors import FetchError
from wirewatch.sources import check_url


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://127.0.0.1:8080/admin",
        "http://10.1.2.3/",
        "http://192.168.0.1/",
        "http://172.16.5.4/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://[fe80::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://0.0.0.0/",
        "http://224.0.0.1/",
        "http://localhost/",
    ],
)
def test_non_public_addresses_are_refused(url):
    with pytest.raises(FetchError, match="non-public address"):
        check_url(url, allow_private=False)


def test_private_addresses_are_accepted_when_allowed():
    check_url("http://127.0.0.1:8080/", allow_private=True)
    check_url("http://[::1]/", allow_private=True)


def test_public_ip_literal_is_accepted():
    check_url("https://93.184.216.34/news", allow_private=False)


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.com/x", "gopher://example.com/", "example.com/x"]
)
def test_only_http_and_https_are_allowed(url):
    with pytest.raises(FetchError, match="only http and https"):
        check_url(url, allow_private=True)


def test_url_without_host_is_refused():
    with pytest.raises(FetchError, match="no host"):
        check_url("http:///path", allow_private=True)


def test_invalid_port_is_refused_with_one_line():
    with pytest.raises(FetchError) as error:
        check_url("http://example.com:99999/", allow_private=False)
    assert "\n" not in str(error.value)


def test_unresolvable_host_is_a_fetch_error():
    with pytest.raises(FetchError, match="cannot resolve"):
        check_url("http://no-such-host.invalid/", allow_private=False)
