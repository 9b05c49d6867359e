"""Article URLs through iter_items: one HTML item, sniffed by content and not only by label."""

import json

from wirewatch.document import SourceItem
from wirewatch.sources import Fetcher, SourceFailure, iter_items

PAGE = b"<!DOCTYPE html><html><head><title>T</title></head><body><p>Story.</p></body></html>"


def test_article_url_yields_one_html_item(http_server, settings):
    http_server.route("/story", PAGE, content_type="text/html; charset=iso-8859-1")
    url = http_server.url("/story")
    with Fetcher(settings) as fetcher:
        items = list(iter_items(url, fetcher=fetcher))
    assert items == [
        SourceItem(content=PAGE, content_type="text/html; charset=iso-8859-1", url=url,
                   source="127.0.0.1", origin=url)
    ]


def test_article_url_item_carries_the_final_url_after_redirects(http_server, settings):
    http_server.redirect("/short", "/story")
    http_server.route("/story", PAGE)
    with Fetcher(settings) as fetcher:
        [item] = iter_items(http_server.url("/short"), fetcher=fetcher)
    assert item.url == http_server.url("/story")
    assert item.origin == http_server.url("/short")


def test_html_served_without_content_type_is_sniffed(http_server, settings):
    http_server.route("/story", PAGE, content_type=None)
    with Fetcher(settings) as fetcher:
        [item] = iter_items(http_server.url("/story"), fetcher=fetcher)
    assert item.content_type == "text/html"


def test_plain_text_url_keeps_its_charset(http_server, settings):
    http_server.route("/note.txt", "Plain story.", content_type="text/plain; charset=koi8-r")
    with Fetcher(settings) as fetcher:
        [item] = iter_items(http_server.url("/note.txt"), fetcher=fetcher)
    assert item.content_type == "text/plain; charset=koi8-r"


def test_jsonl_url_yields_records(http_server, settings):
    body = "\n".join(json.dumps({"id": f"r{i}", "text": "Body."}) for i in range(3))
    http_server.route("/dump.jsonl", body, content_type="application/x-ndjson")
    with Fetcher(settings) as fetcher:
        items = list(iter_items(http_server.url("/dump.jsonl"), fetcher=fetcher))
    assert [item.id for item in items] == ["r0", "r1", "r2"]


def test_binary_response_is_a_failure(http_server, settings):
    http_server.route("/photo", b"\x89PNG\r\n\x1a\n\x00\x00", content_type="image/png")
    url = http_server.url("/photo")
    with Fetcher(settings) as fetcher:
        assert list(iter_items(url, fetcher=fetcher)) == [
            SourceFailure(url, "binary response (image/png)")
        ]
