"""Downloads over real HTTP: /api/export/{kind} in each format (the same bytes as the CLI
writes), /api/export/sources as OPML, the download links on the pages."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest

from export_data import ARTICLES, fill_store
from wirewatch.config import Settings
from wirewatch.store import Store


@pytest.fixture
def export_client(serve, db_url):
    fill_store(db_url)
    settings = Settings(db=db_url, allow_private_urls=True, host_delay=0)
    with Store.open(db_url) as store:
        store.add_feed("https://wire.example/feed.xml", name="Wire & Co")
        yield serve(settings, store)


def test_each_format_downloads_and_reads_back(export_client, db_url):
    jsonl = export_client.get("/api/export/articles", params={"format": "jsonl"})
    assert jsonl.status_code == 200
    assert jsonl.headers["content-type"].startswith("application/x-ndjson")
    assert jsonl.headers["content-disposition"] == 'attachment; filename="wirewatch-articles.jsonl"'
    lines = [json.loads(line) for line in jsonl.text.splitlines()]
    assert len(lines) == ARTICLES

    csv_file = export_client.get("/api/export/articles", params={"format": "csv"})
    assert csv_file.headers["content-type"].startswith("text/csv")
    assert 'filename="wirewatch-articles.csv"' in csv_file.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(csv_file.content.decode("utf-8"), newline="")))
    assert [row["title"] for row in rows] == [line["title"] for line in lines]
    assert [json.loads(row["entities"]) for row in rows] == [line["entities"] for line in lines]

    parquet = export_client.get("/api/export/quotes", params={"format": "parquet"})
    assert parquet.status_code == 200
    assert 'filename="wirewatch-quotes.parquet"' in parquet.headers["content-disposition"]
    table = pq.read_table(io.BytesIO(parquet.content))
    assert table.num_rows == ARTICLES and "speaker" in table.column_names

    # the same file as `wirewatch export` / wirewatch.Store.export writes
    import wirewatch

    with wirewatch.Store.open(db_url) as store:
        assert b"".join(store.export("articles", "jsonl")) == jsonl.content


def test_filters_and_errors(export_client):
    found = export_client.get("/api/export/articles",
                              params={"format": "jsonl", "q": '"Marie-Hélène"', "since": "2025-03-03"})
    assert [json.loads(line)["id"] for line in found.text.splitlines()] == ["rec-4"]
    assert export_client.get("/api/export/tweets").status_code == 422
    assert export_client.get("/api/export/articles", params={"format": "xlsx"}).status_code == 422
    bad = export_client.get("/api/export/articles", params={"q": "a AND ("})
    assert bad.status_code == 400 and bad.json()["error"]["message"]
    assert export_client.get("/api/export/articles", params={"since": "0.5"}).status_code == 422


def test_sources_download_as_opml(export_client):
    answer = export_client.get("/api/export/sources")
    assert answer.status_code == 200 and "opml" in answer.headers["content-type"]
    from wirewatch.sources import read_opml

    [feed] = read_opml(answer.content)
    assert (feed.url, feed.title) == ("https://wire.example/feed.xml", "Wire & Co")


def test_pages_link_to_the_downloads(export_client):
    search = export_client.get("/search", params={"q": "ceasefire"}).text
    assert "/api/export/articles?format=csv&amp;q=ceasefire" in search
    assert "/api/export/stories?format=csv" in export_client.get("/").text
    assert "/api/export/entities?format=csv" in export_client.get("/entities").text
    assert "/api/export/sources" in export_client.get("/sources").text



def test_an_opml_list_imports_over_the_api(export_client):
    opml = ('<?xml version="1.0" encoding="ISO-8859-1"?><opml version="2.0"><body><outline text="Europe">'
            '<outline text="Zürich Zeitung" xmlUrl="https://zz.example/rss"/>'
            '<outline text="Wire" xmlUrl="https://wire.example/feed.xml"/></outline></body></opml>')
    answer = export_client.post("/api/sources/import", json={"opml": opml, "interval_seconds": 600})
    assert answer.status_code == 200, answer.text
    report = answer.json()
    assert [(f["url"], f["name"], f["interval_seconds"]) for f in report["added"]] == [
        ("https://zz.example/rss", "Zürich Zeitung", 600)]
    assert report["skipped"] == [{"url": "https://wire.example/feed.xml", "reason": "already a source"}]
    bad = export_client.post("/api/sources/import", json={"opml": "<rss/>"})
    assert bad.status_code == 422 and "not OPML" in bad.json()["error"]["message"]
