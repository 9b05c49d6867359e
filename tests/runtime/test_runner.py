"""The runner's function-level entry point: items in, a summary out, failures counted in order."""

from __future__ import annotations

from wirewatch.config import Settings
from wirewatch.document import SourceItem
from wirewatch.runtime.runner import ingest_items
from wirewatch.sources import SourceFailure
from wirewatch.store import Store

TEXT = "Storm floods Lisbon\n\nHeavy rain flooded streets in Lisbon on Tuesday, officials said."


def test_ingest_items_stores_assigns_and_counts_failures(db_url):
    items = [SourceItem(content=TEXT, origin="one"), SourceFailure("feed.xml", "404"),
             SourceItem(content=" ", origin="blank"), SourceItem(content=TEXT, origin="again")]
    with Store.open(db_url) as store:
        summary = ingest_items(items, store=store, settings=Settings(host_delay=0))
        assert (summary.ingested, summary.duplicates, summary.new_stories) == (1, 1, 1)
        assert [(f.origin, f.reason) for f in summary.failed][:1] == [("feed.xml", "404")]
        assert summary.failed[1].origin == "blank"
        assert store.story_of(summary.ids[0]).new_story
