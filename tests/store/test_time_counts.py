"""Articles counted per hour and per day on both clocks, on both engines: what the charts plot."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from wirewatch.document import Document, Entity, Mention
from wirewatch.errors import InputError

MARCH = datetime(2025, 3, 2, 9, 30, tzinfo=timezone.utc)


def article(n: int, published: datetime | None, *names: str) -> Document:
    entities = [Entity(f"e{i}", name, "PERSON", [Mention(name, 0, len(name))]) for i, name in enumerate(names)]
    return Document(title=f"Article {n}", text=f"Body of article number {n}.", id=f"a{n}", published=published,
                    entities=entities)


def test_counts_per_day_and_hour_with_the_undated_counted_apart(store):
    store.add_document(article(1, MARCH, "Keir Starmer"))
    store.add_document(article(2, MARCH.replace(hour=23, minute=59), "Keir Starmer"))
    store.add_document(article(3, MARCH + timedelta(days=3)))
    store.add_document(article(4, None, "Keir Starmer"))
    daily = store.article_counts()
    assert (daily.clock, daily.unit, daily.undated) == ("published", "day", 1)
    assert daily.counts == [(datetime(2025, 3, 2, tzinfo=timezone.utc), 2), (datetime(2025, 3, 5, tzinfo=timezone.utc), 1)]
    hourly = store.article_counts(unit="hour", since=MARCH.replace(hour=0), until=MARCH.replace(hour=0) + timedelta(days=1))
    assert hourly.counts == [(MARCH.replace(minute=0), 1), (MARCH.replace(hour=23, minute=0), 1)]
    starmer = store.entity("Keir Starmer").entity.id
    mentions = store.article_counts(entity_id=starmer)
    assert mentions.counts == [(datetime(2025, 3, 2, tzinfo=timezone.utc), 2)] and mentions.undated == 1


def test_the_arrival_clock_counts_every_article(store):
    before = datetime.now(timezone.utc).replace(minute=0, second=0, microsecond=0)
    store.add_document(article(1, MARCH))
    store.add_document(article(2, None))
    arrived = store.article_counts(clock="arrived", unit="hour")
    assert arrived.undated == 0 and sum(n for _, n in arrived.counts) == 2
    assert all(moment >= before and moment.tzinfo is not None for moment, _ in arrived.counts)


def test_unknown_clock_or_unit_is_a_clear_error(store):
    with pytest.raises(InputError, match="unknown clock"):
        store.article_counts(clock="tomorrow")
    with pytest.raises(InputError, match="unknown unit"):
        store.article_counts(unit="minute")
