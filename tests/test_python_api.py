"""`wirewatch.Store`, the public Python surface, on SQLite and PostgreSQL: ingest what users have
(records, text, SourceItems, paths), read it back, follow queries, monitored feeds; and the
README's example, run as written."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import wirewatch
from wirewatch import InputError, QueryError, SourceItem

REPO = Path(__file__).resolve().parent.parent
TEXT = ("Storm floods Lisbon\n\nHeavy rain flooded streets in Lisbon on Tuesday, the city's mayor, "
        "Carlos Moedas, said. \"We have never seen water this high,\" Moedas told reporters.")


def records(samples: Path) -> list[dict]:
    return [json.loads(line) for line in (samples / "records.jsonl").read_text().splitlines() if line.strip()]


def test_ingest_takes_records_text_items_and_paths_and_the_reads_see_them(samples, db_url):
    with wirewatch.Store.open(db_url) as store:
        summary = store.ingest([
            *records(samples),
            TEXT,
            SourceItem(content=(samples / "ceasefire-article.txt").read_bytes(), origin="item"),
            samples / "articles",
        ])
        assert (summary.ingested, summary.duplicates, summary.failed) == (3 + 1 + 1 + 3, 0, [])
        assert len(summary.ids) == 8 and all(isinstance(i, int) for i in summary.ids)
        assert store.count_documents() == 8
        assert summary.new_stories + summary.developments + summary.copies == 8

        again = store.ingest(records(samples)[0])  # one item, not a list: the same record again
        assert (again.ingested, again.duplicates) == (0, 1)

        lisbon = store.document(summary.ids[3])
        assert lisbon.document.title == "Storm floods Lisbon"
        assert store.document(records(samples)[0]["id"]).id == summary.ids[0]

        hits = store.search("earthquake NOT Peru")
        assert hits and all("Peru" not in hit.title for hit in hits)
        with pytest.raises(QueryError):
            store.search('"unclosed')

        stories = store.stories(limit=50)
        assert sum(story.articles for story in stories) == 8
        assert store.story(stories[0].id).id == stories[0].id
        assert store.story("no-such-story") is None

        people = store.entities(type="PERSON")
        assert any(e.name == "Keir Starmer" for e in people)
        assert store.entity("Starmer").entity.name == "Keir Starmer"
        assert store.quotes(speaker="Starmer")
        assert ("Daily Compass", 1) in store.sources() or store.sources()


def test_unusable_items_are_counted_not_raised_and_wrong_types_are_refused(db_url, tmp_path):
    with wirewatch.Store.open(db_url) as store:
        summary = store.ingest([{"title": "no text"}, "   ", tmp_path / "missing.html", TEXT])
        assert summary.ingested == 1 and len(summary.failed) == 3
        assert "text" in summary.failed[0].reason
        with pytest.raises(TypeError, match="cannot ingest a int"):
            store.ingest([TEXT, 42])
        assert store.count_documents() == 1  # nothing of the refused list was stored

        streamed = store.ingest(record for record in [{"id": "g1", "text": TEXT.replace("Lisbon", "Porto")}])
        assert streamed.ingested == 1  # a generator is read as it goes


def test_subscriptions_alerts_and_feeds(samples, db_url):
    settings = wirewatch.Settings(allow_private_urls=True, host_delay=0)
    with wirewatch.Store.open(db_url, settings=settings) as store:
        store.ingest(records(samples))
        subscription = store.subscribe('entity:"Keir Starmer" ceasefire', name="Starmer")
        assert [s.id for s in store.subscriptions()] == [subscription.id]
        assert store.preview('entity:"Keir Starmer" ceasefire')
        assert store.alerts(subscription=subscription.id) == []
        with pytest.raises(InputError, match="unknown status"):
            store.alerts(status="lost")
        assert store.unsubscribe(subscription.id) and store.subscriptions() == []

        with pytest.raises(InputError, match="between 30 seconds and 7 days, not 10 seconds"):
            store.add_feed("https://example.com/feed.xml", every=10)
        feed = store.add_feed("https://example.com/feed.xml", every=60, name="Example")
        assert [(f.url, f.interval_seconds, f.name) for f in store.feeds()] == [(feed.url, 60, "Example")]
        assert store.remove_feed(feed.id) and store.feeds() == []


def test_the_store_is_open_until_closed_and_reopens_with_its_articles(tmp_path):
    url = f"sqlite:///{tmp_path / 'news.db'}"
    store = wirewatch.Store.open(url)
    store.ingest(TEXT)
    store.close()
    with wirewatch.Store.open(url) as again:
        assert again.count_documents() == 1 and again.count_stories() == 1


def test_the_readme_example_runs_as_written(tmp_path, monkeypatch):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Python API", 1)[1]
    example = re.findall(r"```python\n(.*?)```", section, re.S)[1]
    assert "wirewatch.Store.open" in example
    (tmp_path / "samples").symlink_to(REPO / "samples")
    monkeypatch.chdir(tmp_path)
    exec(compile(example, "README.md", "exec"), {})
    with wirewatch.Store.open("sqlite:///news.db") as store:
        assert store.count_documents() == 5 and len(store.feeds()) == 1
