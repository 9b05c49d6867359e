"""WARC archives: each archived HTML response becomes an item with its target URI."""

import io

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter
from wirewatch.sources import SourceFailure, iter_items

PAGE = b"<html><body><p>Archived story.</p></body></html>"


def write_warc(path, records, *, gzip: bool):
    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=gzip)
        for uri, content_type, status, body in records:
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                uri, "response", payload=io.BytesIO(body), http_headers=headers
            )
            writer.write_record(record)


@pytest.mark.parametrize("name, gzip", [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_html_responses_become_items(tmp_path, name, gzip):
    path = tmp_path / name
    write_warc(
        path,
        [
            ("https://news.example/a", "text/html; charset=utf-8", "200 OK", PAGE),
            ("https://news.example/logo.png", "image/png", "200 OK", b"\x89PNG...."),
            ("https://news.example/old", "text/html", "301 Moved Permanently", b""),
            ("https://news.example/b", "application/xhtml+xml", "200 OK", PAGE),
        ],
        gzip=gzip,
    )
    items = list(iter_items(str(path)))
    assert [(item.url, item.content, item.content_type) for item in items] == [
        ("https://news.example/a", PAGE, "text/html; charset=utf-8"),
        ("https://news.example/b", PAGE, "application/xhtml+xml"),
    ]
    assert items[0].source == "news.example"


def test_truncated_warc_yields_a_failure_after_the_good_records(tmp_path):
    path = tmp_path / "cut.warc"
    write_warc(path, [("https://news.example/a", "text/html", "200 OK", PAGE)], gzip=False)
    path.write_bytes(path.read_bytes() + b"WARC/1.0\r\nWARC-Type: resp")
    items = list(iter_items(str(path)))
    assert items[0].url == "https://news.example/a"
    assert isinstance(items[-1], SourceFailure) and items[-1].reason.startswith("invalid WARC")


def test_file_that_is_not_a_warc_is_a_failure(tmp_path):
    path = tmp_path / "fake.warc"
    path.write_bytes(b"this is not an archive at all\n" * 10)
    [failure] = iter_items(str(path))
    assert isinstance(failure, SourceFailure)
    assert failure.reason.startswith("invalid WARC")


@pytest.mark.parametrize("gzip", [False, True])
def test_an_archive_cut_at_any_byte_yields_items_and_failures_never_an_exception(tmp_path, gzip):
    # warcio raised AttributeError for a header block cut before its target URI.
    full = tmp_path / "full.warc"
    write_warc(
        full,
        [("https://news.example/a", "text/html", "200 OK", PAGE), ("https://news.example/b", "text/html", "200 OK", PAGE)],
        gzip=gzip,
    )
    data = full.read_bytes()
    cut = tmp_path / ("cut.warc.gz" if gzip else "cut.warc")
    for end in range(1, len(data), 3 if gzip else 7):
        cut.write_bytes(data[:end])
        items = list(iter_items(str(cut)))
        for item in items:
            assert isinstance(item, SourceFailure) or item.content == PAGE
        assert len(items) <= 3


def test_ingest_reports_a_truncated_warc_as_one_failed_item(tmp_path):
    from wirewatch.cli import main

    full = tmp_path / "full.warc"
    write_warc(full, [("https://news.example/a", "text/html", "200 OK", PAGE)], gzip=False)
    cut = tmp_path / "cut.warc"
    cut.write_bytes(full.read_bytes()[:29])  # inside the first record's header block
    code = main(["ingest", str(cut), "--db", f"sqlite:///{tmp_path / 'w.db'}"])
    assert code == 1
