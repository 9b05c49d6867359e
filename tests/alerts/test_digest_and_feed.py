"""Digests group a period's alerts by story into one message; the Atom feed reads back."""

from __future__ import annotations

from datetime import timedelta

import feedparser

from alerts.helpers import NOW, article, subscribe
from alerts.receivers import WebhookReceiver

from wirewatch.alerts import alerts_for_article, build_index, deliver_due, subscription_feed


def _feed_articles(alert_store, items):
    index = build_index(alert_store)
    for offset, (facts, story, role) in enumerate(items):
        alerts_for_article(alert_store, index, facts, story_id=story, role=role,
                           now=NOW + timedelta(minutes=offset))


def test_hourly_digest_is_one_message_grouped_by_story(alert_store, settings):
    with WebhookReceiver() as receiver:
        subscribe(alert_store, "ceasefire", [receiver.channel()], digest="hourly")
        _feed_articles(alert_store, [
            (article(1, "Ceasefire agreed", story_title="Ukraine ceasefire"), "s1", "original"),
            (article(2, "Gaza ceasefire talks", story_title="Gaza ceasefire"), "s2", "original"),
            (article(3, "Ceasefire broken", story_title="Ukraine ceasefire"), "s1", "development"),
        ])
        assert deliver_due(alert_store, settings=settings, now=NOW + timedelta(minutes=30)).attempted == 0
        report = deliver_due(alert_store, settings=settings, now=NOW + timedelta(hours=1))
        deliver_due(alert_store, settings=settings, now=NOW + timedelta(hours=3))
    assert (report.digests_queued, report.sent) == (1, 1)
    [request] = receiver.received
    stories = request.body["stories"]
    assert [s["id"] for s in stories] == ["s1", "s2"]
    assert [a["id"] for a in stories[0]["articles"]] == ["1", "3"]  # public ids, as the API names them
    assert request.body["period"]["kind"] == "hourly"
    assert request.headers["idempotency-key"] == request.body["key"]


def test_matches_after_a_digest_go_into_the_next_period(alert_store, settings):
    with WebhookReceiver() as receiver:
        subscribe(alert_store, "ceasefire", [receiver.channel()], digest="hourly")
        _feed_articles(alert_store, [(article(1, "Ceasefire agreed"), "s1", "original")])
        deliver_due(alert_store, settings=settings, now=NOW + timedelta(hours=1))
        index = build_index(alert_store)
        alerts_for_article(alert_store, index, article(2, "Ceasefire in Gaza"), story_id="s2",
                           role="original", now=NOW + timedelta(hours=1, minutes=5))
        deliver_due(alert_store, settings=settings, now=NOW + timedelta(hours=2))
    assert [[s["id"] for s in r.body["stories"]] for r in receiver.received] == [["s1"], ["s2"]]


def test_atom_feed_lists_the_subscriptions_alerts(alert_store):
    subscription = subscribe(alert_store, "ceasefire", name="Ceasefires")
    _feed_articles(alert_store, [
        (article(1, "Ceasefire <agreed>", story_title="Ukraine ceasefire"), "s1", "original"),
        (article(2, "Ceasefire broken"), "s1", "development"),
    ])
    xml = subscription_feed(subscription, alert_store.matches(subscription.id),
                            feed_url="http://localhost/feeds/subscriptions/1.atom")
    feed = feedparser.parse(xml)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title == "wirewatch: Ceasefires"
    assert [entry.link for entry in feed.entries] == ["https://news.example/2", "https://news.example/1"]
    assert feed.entries[0].title == "New development: Ceasefire broken"
    assert "Ceasefire <agreed>" in feed.entries[1].summary
    assert feed.entries[0].id.startswith("urn:wirewatch:alert:")


def test_atom_feed_of_a_subscription_without_alerts_is_valid(alert_store):
    subscription = subscribe(alert_store, "ceasefire")
    feed = feedparser.parse(subscription_feed(subscription, []))
    assert not feed.bozo and feed.entries == []
