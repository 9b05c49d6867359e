"""Story times and orders through every face, on SQLite and PostgreSQL.

The probe found "+6 in the last hour · updated 13 y ago" on cards, undated articles ranked as the
freshest news (their arrival time stood in for a date) above 11-article stories, no order but the
breaking rank, and "0 sources" on stories whose articles carry a URL but no source name.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone
from typing import Iterator

import pytest

from wirewatch.cli import main
from wirewatch.config import Settings
from wirewatch.store import Store

from stores import ENGINES, fresh_store_url

from .conftest import ceasefire_document, cluster, make_document

OLD = datetime(2024, 1, 10, 8, 0, tzinfo=timezone.utc)
TAILS = ["", "The Courier contributed reporting.", "Additional reporting by agencies.", "This story was updated."]
BIG = "Starmer urges Putin to sign a ceasefire"
SAME_SOURCE = "Floods close the Rhine to shipping"
FRESH = "Wildfire forces evacuations near Marseille"
UNDATED = "Museum in Lyon reopens after renovation"


def flood_document(tail: str) -> object:
    text = ("Floods closed the Rhine to shipping near Cologne on Monday as the river rose above its "
            "banks, and barges waited downstream for the water to fall. " + tail)
    return make_document(SAME_SOURCE, text.strip(), source="River Times", published=OLD + timedelta(days=30),
                         url=f"https://rivertimes.example/floods/{abs(hash(tail))}")


def build(store: Store) -> dict[str, str]:
    """Four stories: a big one whose articles name no source but come from four hosts; one with
    more articles but from a single source; a small fresh dated one; a small undated one."""
    for n, tail in enumerate(TAILS):
        store.add_document(ceasefire_document(tail=tail, source=None, published=OLD + timedelta(hours=n),
                                              url=f"https://www.host{n}.example/news/ceasefire"))
    for tail in TAILS + ["Shipping firms counted the cost.", "Insurers expect claims."]:
        store.add_document(flood_document(tail))
    store.add_document(make_document(
        FRESH, "A wildfire forced hundreds of people to leave their homes near Marseille on Sunday, "
        "firefighters said.", source="Provence Post", published=datetime.now(timezone.utc) - timedelta(hours=2)))
    undated = store.add_document(make_document(
        UNDATED, "The city museum of Lyon reopened its doors on Friday after a two-year renovation of "
        "its galleries.", published=None, source=None, url="https://www.lyon-daily.example/museum"))
    cluster(store)
    return {"undated_document": str(undated.id)}


@pytest.fixture(params=ENGINES)
def world(request, tmp_path, serve) -> Iterator[tuple[object, str, dict[str, str]]]:
    with fresh_store_url(request.param, tmp_path) as url:
        settings = Settings(db=url)
        with Store.open(url) as store:
            ids = build(store)
            yield serve(settings, store), url, ids


def titles(items: list[dict]) -> list[str]:
    return [item["title"] for item in items]


def test_undated_article_has_no_published_time_but_a_seen_time(world):
    client, _, ids = world
    [doc] = [d for d in client.get("/api/documents", params={"limit": 100}).json()["items"] if d["title"] == UNDATED]
    assert doc["published"] is None and doc["seen_at"]
    detail = client.get(f"/api/documents/{ids['undated_document']}").json()
    assert detail["published"] is None and detail["seen_at"]
    page = client.get(f"/articles/{ids['undated_document']}").text
    assert "undated" in page and re.search(r"seen <time", page)


def test_undated_story_does_not_top_the_breaking_rank_over_a_big_story(world):
    client, _, _ = world
    items = client.get("/api/stories").json()["items"]
    order = titles(items)
    assert order.index(BIG) < order.index(UNDATED) and order[-1] == UNDATED
    undated = items[order.index(UNDATED)]
    assert undated["first_published"] is None and undated["last_published"] is None


def test_velocity_and_updated_come_from_the_same_clock(world):
    client, _, _ = world
    now = datetime.now(timezone.utc)
    for item in client.get("/api/stories").json()["items"]:
        assert item["velocity"] == item["article_count"]  # everything arrived just now
        seen = datetime.fromisoformat(item["last_seen"].replace("Z", "+00:00"))
        assert now - seen < timedelta(minutes=10)  # "updated" is arrival too, never years ago
    big = next(i for i in client.get("/api/stories").json()["items"] if i["title"] == BIG)
    assert big["last_published"].startswith("2024-01-10T11:00")
    detail = client.get(big["links"]["self"]).json()
    assert all(a["seen_at"] and a["published"] for a in detail["articles"])


def test_sources_are_counted_by_name_or_host(world):
    client, _, _ = world
    big = next(i for i in client.get("/api/stories").json()["items"] if i["title"] == BIG)
    assert big["source_count"] == 4
    assert sorted(big["sources"]) == ["host0.example", "host1.example", "host2.example", "host3.example"]
    flood = next(i for i in client.get("/api/stories").json()["items"] if i["title"] == SAME_SOURCE)
    assert flood["article_count"] == 6 and flood["source_count"] == 1 and flood["sources"] == ["River Times"]


@pytest.mark.parametrize("sort, first, last", [
    ("breaking", FRESH, UNDATED),
    ("latest", FRESH, UNDATED),  # newest article date first; undated stories after every dated one
    ("biggest", SAME_SOURCE, None),
    ("sources", BIG, None),
])
def test_each_order_in_the_api_the_cli_and_the_page(world, capsys, sort, first, last):
    client, url, _ = world
    api = titles(client.get("/api/stories", params={"sort": sort}).json()["items"])
    assert api[0] == first and (last is None or api[-1] == last), api
    assert main(["stories", "--db", url, "--sort", sort, "--format", "json"]) == 0
    assert titles(json.loads(capsys.readouterr().out)) == api
    page = client.get("/", params={"sort": sort}).text
    shown = re.findall(r'class="card-title"><a href="[^"]+">([^<]+)</a>', page)
    assert shown == api
    assert re.search(rf'aria-current="true" data-sort="{sort}"', page)


def test_latest_puts_dated_stories_in_date_order(world):
    client, _, _ = world
    assert titles(client.get("/api/stories", params={"sort": "latest"}).json()["items"]) == [FRESH, SAME_SOURCE, BIG, UNDATED]


def test_cards_label_both_clocks(world):
    client, _, _ = world
    page = client.get("/").text
    card = page[page.index(UNDATED) - 2500: page.index(UNDATED)]
    assert "undated" in card and "updated" in card and "in the last hour" in card
    big = next(i for i in client.get("/api/stories").json()["items"] if i["title"] == BIG)
    story_page = client.get(big["links"]["html"]).text
    assert "published <time" in story_page and story_page.count("seen-at\">seen <time") == 4


def test_an_unknown_order_is_refused_everywhere(world, capsys):
    client, url, _ = world
    assert client.get("/api/stories", params={"sort": "random"}).status_code == 422
    assert client.get("/", params={"sort": "random"}).status_code == 422
    assert main(["stories", "--db", url, "--sort", "random"]) == 2
    assert "breaking" in capsys.readouterr().err
