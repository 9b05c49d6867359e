"""Feeds (RSS, Atom, JSON Feed) from files and URLs, including following summary-only links."""

import json

import pytest
from wirewatch.config import Settings
from wirewatch.errors import FetchError
from wirewatch.sources import Fetcher, MemoryValidatorCache, SourceFailure, iter_items

LONG = "<p>" + "The full article body goes on and on with reporting. " * 12 + "</p>"


def rss(items: str, title: str = "Wire") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{title}</title><link>https://wire.example/</link>{items}</channel></rss>"
    )


def rss_item(guid: str, link: str, *, summary: str = "Short summary.", content: str | None = None) -> str:
    encoded = f"<content:encoded><![CDATA[{content}]]></content:encoded>" if content else ""
    return (
        f"<item><title>Story {guid}</title><link>{link}</link><guid>{guid}</guid>"
        f"<pubDate>Sat, 15 Mar 2025 16:05:00 +0000</pubDate>"
        f"<description>{summary}</description>{encoded}</item>"
    )


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Atom Wire</title>
  <entry>
    <id>urn:uuid:1</id><title>Atom story</title><link href="https://wire.example/atom-1"/>
    <updated>2025-03-15T10:00:00Z</updated>
    <content type="html">{content}</content>
  </entry>
</feed>"""


def test_rss_file_entries_become_items_with_feed_metadata(tmp_path):
    path = tmp_path / "wire.rss"
    path.write_text(rss(rss_item("g1", "https://wire.example/1", content=LONG)))
    [item] = iter_items(str(path))
    assert item.title == "Story g1"
    assert item.url == "https://wire.example/1"
    assert item.id == "g1"
    assert item.published == "Sat, 15 Mar 2025 16:05:00 +0000"
    assert item.source == "Wire"
    assert item.content == LONG and item.content_type == "text/html"


def test_atom_file_entry_becomes_an_item(tmp_path):
    path = tmp_path / "wire.atom"
    escaped = LONG.replace("<", "&lt;").replace(">", "&gt;")
    path.write_text(ATOM.format(content=escaped))
    [item] = iter_items(str(path))
    assert (item.id, item.title, item.source) == ("urn:uuid:1", "Atom story", "Atom Wire")
    assert item.url == "https://wire.example/atom-1"
    assert item.published == "2025-03-15T10:00:00Z"
    assert "full article body" in item.content


def test_json_feed_file_is_a_feed(tmp_path):
    path = tmp_path / "feed.json"
    feed = {
        "version": "https://jsonfeed.org/version/1.1", "title": "JSON Wire",
        "items": [{"id": "j1", "url": "https://wire.example/j1", "title": "J story",
                   "content_html": LONG, "date_published": "2025-03-15T10:00:00Z"}],
    }
    path.write_text(json.dumps(feed))
    [item] = iter_items(str(path))
    assert (item.id, item.url, item.title, item.source) == (
        "j1", "https://wire.example/j1", "J story", "JSON Wire"
    )
    assert (item.content, item.content_type, item.published) == (
        LONG, "text/html", "2025-03-15T10:00:00Z"
    )


def test_summary_only_feed_file_without_fetcher_yields_summaries(tmp_path):
    path = tmp_path / "wire.rss"
    path.write_text(rss(rss_item("g1", "https://wire.example/1")))
    [item] = iter_items(str(path))
    assert item.content == "Short summary."


def test_xml_that_is_not_a_feed_is_a_failure(tmp_path):
    path = tmp_path / "catalog.xml"
    path.write_text('<?xml version="1.0"?><catalog><book><title>A</title></book></catalog>')
    [failure] = iter_items(str(path))
    assert isinstance(failure, SourceFailure)
    assert failure.reason.startswith("not an RSS or Atom feed")


def test_a_sitemap_file_read_without_network_says_why(tmp_path):
    # A sitemap lists article URLs; without a fetcher (no network) it is one clear failure.
    path = tmp_path / "sitemap.xml"
    path.write_text('<?xml version="1.0"?><urlset><url><loc>https://a.example/</loc></url></urlset>')
    [failure] = iter_items(str(path))
    assert isinstance(failure, SourceFailure)
    assert "sitemap" in failure.reason and "network" in failure.reason


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>Bomb</title>
<item><title>&lol9;</title><description>&lol9;</description></item></channel></rss>"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>XXE</title>
<item><title>&xxe;</title><description>&xxe;</description></item></channel></rss>"""


@pytest.mark.parametrize("document", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["laughs", "xxe"])
def test_malicious_xml_feed_is_refused(tmp_path, document):
    path = tmp_path / "evil.xml"
    path.write_text(document)
    [failure] = iter_items(str(path))
    assert isinstance(failure, SourceFailure)
    assert failure.reason.startswith("refused XML")


def test_feed_with_a_character_entity_declaration_is_read(tmp_path):
    path = tmp_path / "old.rss"
    document = rss(rss_item("g1", "https://wire.example/1", summary="A&nbsp;B"))
    path.write_text(document.replace("<rss", '<!DOCTYPE rss [<!ENTITY nbsp "&#160;">]>\n<rss', 1))
    [item] = iter_items(str(path))
    assert item.title == "Story g1"


# -- feeds over HTTP ------------------------------------------------------------------------


def test_feed_url_yields_its_entries(http_server, settings):
    http_server.route(
        "/feed.xml", rss(rss_item("g1", "https://wire.example/1", content=LONG)),
        content_type="application/rss+xml",
    )
    with Fetcher(settings) as fetcher:
        [item] = iter_items(http_server.url("/feed.xml"), fetcher=fetcher)
    assert (item.id, item.content) == ("g1", LONG)


def test_feed_served_as_text_html_is_still_read_as_a_feed(http_server, settings):
    http_server.route("/feed", rss(rss_item("g1", "https://wire.example/1", content=LONG)))
    with Fetcher(settings) as fetcher:
        [item] = iter_items(http_server.url("/feed"), fetcher=fetcher)
    assert item.id == "g1"


def test_summary_only_feed_fetches_the_full_pages(http_server, settings):
    page_one = b"<html><body><article><p>Full story one.</p></article></body></html>"
    page_two = b"<html><body><article><p>Full story two.</p></article></body></html>"
    http_server.route("/one", page_one)
    http_server.route("/two", page_two, content_type="text/html; charset=windows-1252")
    http_server.route(
        "/feed.xml",
        rss(rss_item("g1", http_server.url("/one")) + rss_item("g2", http_server.url("/two"))),
        content_type="application/rss+xml",
    )
    with Fetcher(settings) as fetcher:
        first, second = iter_items(http_server.url("/feed.xml"), fetcher=fetcher)
    assert (first.content, first.content_type) == (page_one, "text/html; charset=utf-8")
    assert (second.content, second.content_type) == (page_two, "text/html; charset=windows-1252")
    assert (first.title, first.id, first.source) == ("Story g1", "g1", "Wire")
    fetched = [r.path for r in http_server.requests if r.path != "/robots.txt"]
    assert fetched == ["/feed.xml", "/one", "/two"]


def test_short_content_counts_as_a_summary_and_the_page_is_fetched(http_server, settings):
    page = b"<html><body><p>Full story.</p></body></html>"
    http_server.route("/one", page)
    http_server.route(
        "/feed.xml", rss(rss_item("g1", http_server.url("/one"), content="<p>Teaser.</p>")),
    )
    with Fetcher(settings) as fetcher:
        [item] = iter_items(http_server.url("/feed.xml"), fetcher=fetcher)
    assert item.content == page


def test_full_content_feed_does_not_fetch_pages(http_server, settings):
    http_server.route("/one", b"<p>page</p>")
    http_server.route("/feed.xml", rss(rss_item("g1", http_server.url("/one"), content=LONG)))
    with Fetcher(settings) as fetcher:
        list(iter_items(http_server.url("/feed.xml"), fetcher=fetcher))
    assert http_server.requests_for("/one") == []


def test_follow_links_false_keeps_the_summary(http_server, settings):
    http_server.route("/one", b"<p>page</p>")
    http_server.route("/feed.xml", rss(rss_item("g1", http_server.url("/one"))))
    with Fetcher(settings) as fetcher:
        [item] = iter_items(http_server.url("/feed.xml"), fetcher=fetcher, follow_links=False)
    assert item.content == "Short summary."
    assert http_server.requests_for("/one") == []


def test_failed_page_fetch_falls_back_to_the_summary(http_server, settings):
    http_server.route("/feed.xml", rss(rss_item("g1", http_server.url("/gone"))))
    with Fetcher(settings) as fetcher:
        [item] = iter_items(http_server.url("/feed.xml"), fetcher=fetcher)
    assert (item.content, item.content_type) == ("Short summary.", "text/html")


def test_failed_page_fetch_without_summary_is_a_failure(http_server, settings):
    link = http_server.url("/gone")
    http_server.route(
        "/feed.xml", rss(f"<item><title>T</title><link>{link}</link><guid>g</guid></item>")
    )
    with Fetcher(settings) as fetcher:
        [failure] = iter_items(http_server.url("/feed.xml"), fetcher=fetcher)
    assert failure == SourceFailure(link, f"HTTP 404 for {link}")


def test_linked_page_that_is_not_html_falls_back_to_the_summary(http_server, settings):
    http_server.route("/doc.pdf", b"%PDF-1.7 ...", content_type="application/pdf")
    http_server.route("/feed.xml", rss(rss_item("g1", http_server.url("/doc.pdf"))))
    with Fetcher(settings) as fetcher:
        [item] = iter_items(http_server.url("/feed.xml"), fetcher=fetcher)
    assert item.content == "Short summary."


def test_unchanged_feed_yields_nothing_on_the_second_poll(http_server, settings):
    http_server.route(
        "/feed.xml", rss(rss_item("g1", "https://wire.example/1", content=LONG)), etag='"f1"'
    )
    with Fetcher(settings, validators=MemoryValidatorCache()) as fetcher:
        first = list(iter_items(http_server.url("/feed.xml"), fetcher=fetcher))
        second = list(iter_items(http_server.url("/feed.xml"), fetcher=fetcher))
    assert len(first) == 1 and second == []


def test_feed_url_that_fails_raises_fetch_error(http_server, settings):
    with Fetcher(settings) as fetcher, pytest.raises(FetchError, match="HTTP 404"):
        list(iter_items(http_server.url("/nope.xml"), fetcher=fetcher))


def test_url_source_is_refused_by_the_ssrf_guard_by_default(http_server):
    http_server.route("/feed.xml", rss(""))
    with Fetcher(Settings(host_delay=0)) as fetcher, pytest.raises(FetchError, match="non-public"):
        list(iter_items(http_server.url("/feed.xml"), fetcher=fetcher))


def test_relative_entry_links_resolve_against_the_feed_url(http_server, settings):
    page = b"<html><body><p>Full story.</p></body></html>"
    http_server.route("/news/one", page)
    http_server.route("/news/feed.xml", rss(rss_item("g1", "one")))
    with Fetcher(settings) as fetcher:
        [item] = iter_items(http_server.url("/news/feed.xml"), fetcher=fetcher)
    assert (item.url, item.content) == (http_server.url("/news/one"), page)
