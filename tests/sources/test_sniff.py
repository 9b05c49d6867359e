"""The sniffer behind stdin and unknown extensions: right on typical inputs, never raises."""

import gzip
import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wirewatch.document import SourceItem
from wirewatch.sources import SourceFailure, iter_items, sniff


@pytest.mark.parametrize(
    "data, kind",
    [
        (b"", "empty"),
        (b" \n\t\n", "empty"),
        (b"\x00\x01\x02binary", "binary"),
        (b"%PDF-1.7\n...", "binary"),
        (b"\x1f\x8b\x08\x00garbage", "binary"),
        (b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "warc"),
        (b'<?xml version="1.0"?>\n<rss version="2.0"><channel/></rss>', "feed"),
        (b'<?xml version="1.0"?><!-- c --><feed xmlns="http://www.w3.org/2005/Atom"/>', "feed"),
        (b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>', "feed"),
        (b'<?xml version="1.0"?><catalog/>', "xml"),
        (b'<?xml version="1.0"?><urlset/>', "sitemap"),
        # mtime=0: the gzip header otherwise holds the time of collection, and the test processes
        # (pytest-xdist) collecting in different seconds disagreed on these test ids
        (gzip.compress(b'<?xml version="1.0"?><urlset><url><loc>https://a.example/</loc></url></urlset>', mtime=0), "sitemap"),
        (gzip.compress(b'<?xml version="1.0"?><catalog/>', mtime=0), "binary"),
        (b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>', "sitemap"),
        (b"<!DOCTYPE html>\n<html><body>x</body></html>", "html"),
        (b"\xef\xbb\xbf<html><body>x</body></html>", "html"),
        (b"<p>Just a fragment</p>", "html"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": []}', "jsonfeed"),
        (b'{"text": "a"}', "json"),
        (b'[{"text": "a"}]', "json"),
        (b'{"text": "a"}\n{"text": "b"}\n', "jsonl"),
        (b"[Updated] Storm hits the coast", "text"),
        (b"Plain story.\n\nSecond paragraph.", "text"),
        ("Caf\u00e9 na\u00efve".encode("cp1252"), "text"),
        ("\ufeffStory in UTF-16".encode("utf-16"), "text"),
    ],
)
def test_sniff_recognises_typical_inputs(data, kind):
    assert sniff(data) == kind


@given(st.binary(max_size=2048))
def test_sniff_never_raises_on_arbitrary_bytes(data):
    assert sniff(data) in {
        "empty", "binary", "warc", "feed", "jsonfeed", "json", "jsonl", "html", "xml", "text"
    }


# Prefixes that steer arbitrary bytes into each reader, so every reader sees fuzzed input.
PREFIXES = [b"", b"<?xml version='1.0'?><rss version='2.0'>", b"<feed>", b"<html>", b"{", b"[",
            b'{"text": "x"}\n', b"WARC/1.0\r\n", b'{"version": "https://jsonfeed.org/1", "items": [']


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PREFIXES), st.binary(max_size=1024))
def test_stdin_never_raises_on_arbitrary_bytes(prefix, data):
    for item in iter_items("-", stdin=io.BytesIO(prefix + data)):
        assert isinstance(item, (SourceItem, SourceFailure))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(
    st.binary(max_size=80).filter(lambda b: b"\n" not in b and b"\r" not in b),
    st.dictionaries(st.sampled_from(["id", "text", "html", "title", "url"]),
                    st.one_of(st.text(max_size=20), st.integers(), st.none())).map(
        lambda d: json.dumps(d).encode()),
), max_size=8))
def test_jsonl_yields_one_result_per_non_blank_line(tmp_path_factory, lines):
    path = tmp_path_factory.mktemp("jsonl") / "fuzz.jsonl"
    path.write_bytes(b"\n".join(lines))
    results = list(iter_items(str(path)))
    assert len(results) == sum(1 for line in lines if line.strip())
