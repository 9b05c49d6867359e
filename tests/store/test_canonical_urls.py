"""Canonical URLs: different links to the same article compare equal."""

from __future__ import annotations

import pytest

from wirewatch.store import canonical_url


@pytest.mark.parametrize("given,expected", [
    ("HTTPS://News.Example.COM/World/Story", "https://news.example.com/World/Story"),
    ("https://news.example/story/", "https://news.example/story"),
    ("https://news.example/story#comments", "https://news.example/story"),
    ("https://news.example/story?utm_source=rss&utm_medium=feed", "https://news.example/story"),
    ("https://news.example/story?b=2&fbclid=XYZ&a=1", "https://news.example/story?a=1&b=2"),
    ("https://news.example:443/story", "https://news.example/story"),
    ("http://news.example:8080/story", "http://news.example:8080/story"),
    ("https://news.example/", "https://news.example"),
])
def test_canonical_url_normalises(given, expected):
    assert canonical_url(given) == expected


def test_query_parameters_that_name_the_article_are_kept():
    assert canonical_url("https://news.example/item.php?id=7") != canonical_url("https://news.example/item.php?id=8")


@pytest.mark.parametrize("given", ["/home/me/article.html", "stdin", "file.jsonl:12"])
def test_non_web_origins_pass_through(given):
    assert canonical_url(given) == given


@pytest.mark.parametrize("given", [None, "", "   "])
def test_missing_url_has_no_canonical_form(given):
    assert canonical_url(given) is None


def test_malformed_port_does_not_raise():
    assert canonical_url("https://news.example:99999999/x") == "https://news.example:99999999/x"
