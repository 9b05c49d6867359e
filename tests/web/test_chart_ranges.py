"""The pages' charts cover the data's own range, through HTTP.

Issue #17 found "Articles per day" showing only the two weeks before the newest article, and one
undated article stretching an entity's chart over two years (its arrival time was plotted as if
it were a publication date). Each chart says which clock it plots.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone

from .conftest import ceasefire_document, cluster, make_document

SVG = "{http://www.w3.org/2000/svg}"
START = datetime(2025, 1, 6, 8, tzinfo=timezone.utc)


def chart(page: str) -> tuple[ET.Element, list[tuple[str, int]]]:
    """The page's time chart (well-formed XML) and its bars as (bucket start, articles)."""
    markup = re.search(r'<figure class="chart chart-columns".*?</figure>', page, re.S).group(0)
    root = ET.fromstring(markup)
    bars = [(rect.get("data-start"), int(rect.get("data-value"))) for rect in root.iter(f"{SVG}rect")]
    return root, bars


def words(root: ET.Element, cls: str) -> list[str]:
    return ["".join(el.itertext()) for el in root.iter() if el.get("class") == cls]


def test_home_chart_covers_every_dated_article_not_just_two_weeks(client, store):
    for day in range(0, 70, 3):
        store.add_document(make_document(f"Day {day}", f"Report number {day}.", published=START + timedelta(days=day)))
    for path in ("/", "/articles"):
        root, bars = chart(client.get(path).text)
        assert sum(n for _, n in bars) == 24, path
        assert root.get("data-bucket") == "week" and root.get("data-clock") == "published"
        assert bars[0][0].startswith("2025-01-06") and bars[-1][0].startswith("2025-03-10")  # day 69: Sun 16 Mar
        assert words(root, "chart-title")[0].startswith("Articles per week · by publication date (UTC)")


def test_an_undated_article_is_a_note_not_a_two_year_stretch_of_the_entity_chart(client, store):
    march = datetime(2025, 3, 2, 9, 30, tzinfo=timezone.utc)
    store.add_document(ceasefire_document(published=march))
    store.add_document(ceasefire_document("Starmer again", tail="More talks.", published=march + timedelta(days=1)))
    store.add_document(ceasefire_document("Starmer, undated", tail="Undated copy.", published=None))  # arrives today
    entity_id = store.entity("Keir Starmer").entity.id
    root, bars = chart(client.get(f"/entities/{entity_id}").text)
    assert root.get("data-bucket") == "hour"  # two days: 48 hours fit
    assert sum(n for _, n in bars) == 2 and bars[0][0].startswith("2025-03-02T09") and bars[-1][0].startswith("2025-03-03T09")
    assert words(root, "chart-note") == ["1 article without a publication date is not plotted."]
    root, bars = chart(client.get("/").text)
    assert sum(n for _, n in bars) == 2 and root.get("data-undated") == "1"


def test_a_store_of_undated_articles_is_charted_by_arrival_time_and_says_so(client, store):
    store.add_document(make_document("Pasted", "Pasted text.", published=None))
    store.add_document(make_document("Pasted again", "More pasted text.", published=None))
    cluster(store)
    for path in ("/", f"/stories/{store.stories()[0].id}"):
        root, bars = chart(client.get(path).text)
        assert root.get("data-clock") == "arrived", path
        assert "by arrival time" in words(root, "chart-title")[0]
        assert sum(n for _, n in bars) >= 1 and words(root, "chart-note")[0].startswith("No article here gives a publication date")


def test_a_stray_date_does_not_stretch_the_chart(client, store):
    for i in range(60):
        store.add_document(make_document(f"Item {i}", f"Report {i} of the day.", published=START + timedelta(hours=i % 12)))
    store.add_document(make_document("Misdated", "A feed said 1999.", published=datetime(1999, 1, 1, tzinfo=timezone.utc)))
    root, bars = chart(client.get("/").text)
    assert root.get("data-bucket") == "hour" and len(bars) == 12 and sum(n for _, n in bars) == 60
    assert words(root, "chart-note") == ["1 article dated far outside this range is not plotted."]


def test_a_story_of_one_day_is_charted_in_hours(client, store):
    for hours, tail in ((0, ""), (2, "Update one."), (5, "Update two.")):
        store.add_document(ceasefire_document(tail=tail, published=START + timedelta(hours=hours)))
    cluster(store)
    root, bars = chart(client.get(f"/stories/{store.stories()[0].id}").text)
    assert root.get("data-bucket") == "hour" and [n for _, n in bars] == [1, 0, 1, 0, 0, 1]
    assert words(root, "chart-sub")[0].startswith("6 Jan 2025 08:00 – 14:00")
