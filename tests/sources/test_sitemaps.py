"""News sitemaps as a source: a `<urlset>` with news: entries, or a sitemap index, served on a
real loopback server, ingested (`wirewatch ingest URL`) and monitored (`sources add URL`); the
parser is safe on any bytes."""

from __future__ import annotations

import gzip
import json

from hypothesis import HealthCheck, given, settings as hypothesis_settings, strategies as st

from wirewatch.cli import main
from wirewatch.sources import SitemapError, parse_sitemap

QUAKE = ("<html><head><title>Quake shakes Crete</title></head><body><article><h1>Magnitude 6.1 earthquake "
         "shakes Crete</h1><p>A magnitude 6.1 earthquake struck off the southern coast of Crete early on Friday, "
         "damaging several old buildings in the town of Ierapetra and sending residents into the streets, Greek "
         "authorities said.</p><p>The quake was felt as far away as Athens. There were no immediate reports of "
         "serious injuries, the fire service said, though several people were treated for cuts.</p><p>Seismologists "
         "said aftershocks were likely over the coming days and urged residents to stay away from damaged "
         "buildings in the old town.</p></article></body></html>")
CEASEFIRE = ("<html><head><title>Starmer urges ceasefire</title></head><body><article><h1>Starmer urges Putin to sign "
             "a ceasefire</h1><p>British Prime Minister Keir Starmer on Saturday urged Russian President Vladimir "
             "Putin to sign a ceasefire in the war in Ukraine if he is serious about peace, and said allies would "
             "keep up the pressure on the Kremlin after a video call with about 30 leaders.</p><p>Military planners "
             "will meet in the UK on Thursday to develop practical plans to support Ukraine's future security, "
             "Starmer said, adding that the coalition was ready to deploy.</p></article></body></html>")

NEWS_SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url>
    <loc>{base}/world/quake.html</loc>
    <news:news>
      <news:publication><news:name>The Island Courier</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>2025-03-14T06:12:00+00:00</news:publication_date>
      <news:title>Magnitude 6.1 earthquake shakes Crete</news:title>
      <news:keywords>earthquake, Crete, Greece</news:keywords>
    </news:news>
  </url>
  <url>
    <loc>{base}/politics/ceasefire.html</loc>
    <news:news>
      <news:publication><news:name>The Island Courier</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>2025-03-15</news:publication_date>
      <news:title>Starmer urges Putin to sign a ceasefire</news:title>
    </news:news>
  </url>
</urlset>
"""

INDEX = """<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>{base}/news-sitemap.xml.gz</loc><lastmod>2025-03-15</lastmod></sitemap>
</sitemapindex>
"""


def serve_site(server) -> None:
    base = server.url("").rstrip("/")
    server.route("/world/quake.html", body=QUAKE.encode(), content_type="text/html; charset=utf-8")
    server.route("/politics/ceasefire.html", body=CEASEFIRE.encode(), content_type="text/html; charset=utf-8")
    sitemap = NEWS_SITEMAP.format(base=base).encode()
    server.route("/news-sitemap.xml", body=sitemap, content_type="application/xml")
    server.route("/news-sitemap.xml.gz", body=gzip.compress(sitemap), content_type="application/x-gzip")
    server.route("/sitemap_index.xml", body=INDEX.format(base=base).encode(), content_type="application/xml")


def cli_json(capsys, *argv: str):
    code = main([*argv, "--format", "json"])
    out, err = capsys.readouterr()
    return code, json.loads(out) if out.strip() else None, err


def stored(capsys, db: str) -> dict[str, dict]:
    code, hits, err = cli_json(capsys, "search", "after:2000-01-01", "--db", db)
    assert code == 0, err
    return {hit["url"].rsplit("/", 1)[-1]: hit for hit in hits}


def test_a_news_sitemap_on_loopback_is_ingested(capsys, http_server, db_url):
    serve_site(http_server)
    code, summary, err = cli_json(capsys, "ingest", http_server.url("/news-sitemap.xml"), "--db", db_url)
    assert code == 0, err
    assert summary["ingested"] == 2 and not summary["failed"], summary
    found = stored(capsys, db_url)
    assert set(found) == {"quake.html", "ceasefire.html"}
    assert found["quake.html"]["published"].startswith("2025-03-14T06:12")  # from news:publication_date
    assert found["quake.html"]["source"] == "The Island Courier"  # from news:publication
    assert "earthquake" in found["quake.html"]["title"].lower()
    assert len(http_server.requests_for("/world/quake.html")) == 1


def test_a_gzipped_sitemap_url_is_read_too(capsys, http_server, tmp_path):
    serve_site(http_server)
    code, summary, err = cli_json(capsys, "ingest", http_server.url("/news-sitemap.xml.gz"),
                                  "--db", f"sqlite:///{tmp_path / 'w.db'}")
    assert code == 0 and summary["ingested"] == 2, (summary, err)


def test_a_sitemap_index_is_a_monitored_source(capsys, http_server, db_url):
    serve_site(http_server)
    assert main(["sources", "add", http_server.url("/sitemap_index.xml"), "--db", db_url]) == 0
    capsys.readouterr()
    code, report, err = cli_json(capsys, "run", "--once", "--db", db_url)
    assert code == 0, err
    assert report["polled"] == 1 and report["new_articles"] == 2 and not report["failures"], report
    assert set(stored(capsys, db_url)) == {"quake.html", "ceasefire.html"}


def test_an_index_that_lists_itself_stops_at_the_depth_limit(capsys, http_server, tmp_path):
    loop = ('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f'<sitemap><loc>{http_server.url("/loop.xml")}</loc></sitemap></sitemapindex>')
    http_server.route("/loop.xml", body=loop.encode(), content_type="application/xml")
    code, summary, _ = cli_json(capsys, "ingest", http_server.url("/loop.xml"), "--db", f"sqlite:///{tmp_path / 'w.db'}")
    assert code == 1 and summary["ingested"] == 0
    assert ["deeper than" in failure["reason"] for failure in summary["failures"]] == [True]
    assert len(http_server.requests_for("/loop.xml")) <= 3


def test_news_entries_are_read_with_their_metadata():
    sitemap = parse_sitemap(NEWS_SITEMAP.format(base="https://courier.example").encode())
    assert sitemap.kind == "urlset"
    first = sitemap.entries[0]
    assert first.url == "https://courier.example/world/quake.html"
    assert (first.title, first.published, first.publication) == (
        "Magnitude 6.1 earthquake shakes Crete", "2025-03-14T06:12:00+00:00", "The Island Courier")
    assert first.keywords == ["earthquake", "Crete", "Greece"]
    index = parse_sitemap(gzip.compress(INDEX.format(base="https://courier.example").encode()))
    assert index.kind == "sitemapindex" and index.entries[0].url.endswith("/news-sitemap.xml.gz")


def test_entity_expansion_is_refused():
    bomb = (b'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
            b'<urlset><url><loc>https://x.example/&c;</loc></url></urlset>')
    external = (b'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                b'<urlset><url><loc>&x;</loc></url></urlset>')
    for data in (bomb, external):
        try:
            parse_sitemap(data)
        except SitemapError as exc:
            assert str(exc).startswith("refused XML")
        else:
            raise AssertionError("entities were expanded")


FRAGMENTS = st.sampled_from([
    "<urlset>", "</urlset>", "<sitemapindex>", "</sitemapindex>", "<url>", "</url>", "<sitemap>", "</sitemap>",
    "<loc>", "</loc>", "https://x.example/a", "<news:news>", "</news:news>", "<news:title>", "</news:title>",
    '<?xml version="1.0" encoding="utf-16"?>', '<?xml version="1.0" encoding="nope"?>', "<!DOCTYPE urlset>",
    '<!ENTITY e "x">', "&e;", "&amp;", "&#0;", "<![CDATA[", "]]>", "<!--", "-->", "\x00", "\ufeff", "é",
    ' xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"', ' xmlns:news="urn:n"', ">", "<", '"',
])


@hypothesis_settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=2000),
                 st.lists(FRAGMENTS, max_size=40).map(lambda parts: "".join(parts).encode("utf-8", "surrogatepass")),
                 st.binary(max_size=300).map(gzip.compress)))
def test_the_parser_never_raises_anything_but_a_clean_error(data):
    try:
        sitemap = parse_sitemap(data)
    except SitemapError as exc:
        message = str(exc)
        assert message and "\n" not in message
    else:
        assert sitemap.kind in ("urlset", "sitemapindex")
        assert all(isinstance(entry.url, str) and entry.url for entry in sitemap.entries)
