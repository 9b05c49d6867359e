"""DNS rebinding against webhook delivery: the address checked must be the address posted to.

The channel's host is checked when the alert is sent; a hostile resolver can then answer the
connection's own lookup with 127.0.0.1. The `rebinding_dns` fixture (tests/conftest.py) makes
`getaddrinfo` answer a public address first and the loopback receiver's address afterwards; a real loopback receiver stands where an internal
service would be.
"""

from __future__ import annotations

from alerts.helpers import NOW, article, subscribe
from alerts.receivers import WebhookReceiver

from wirewatch.alerts import alerts_for_article, build_index, deliver_due


def _queue(alert_store, channel):
    subscribe(alert_store, "ceasefire", [channel])
    facts = article(1, "Ceasefire agreed")
    alerts_for_article(alert_store, build_index(alert_store), facts, story_id="s1", role="original", now=NOW)


def test_a_webhook_host_that_rebinds_to_loopback_after_the_check_is_never_posted_to(
        alert_store, settings, rebinding_dns):
    with WebhookReceiver() as receiver:
        _queue(alert_store, f"json://rebind.example:{receiver.port}/hook")
        report = deliver_due(alert_store, settings=settings.with_overrides(allow_private_urls=False), now=NOW)
    assert rebinding_dns["count"] >= 2  # checked when sending, then looked up again to connect
    assert receiver.received == []
    assert report.sent == 0
    [alert] = alert_store.alerts()
    assert "non-public address" in alert.last_error
    assert alert.last_error.startswith("webhook json://rebind.example")


def test_a_loopback_webhook_is_still_posted_to_when_private_urls_are_allowed(alert_store, settings):
    with WebhookReceiver() as receiver:
        _queue(alert_store, receiver.channel())
        report = deliver_due(alert_store, settings=settings, now=NOW)
    assert report.sent == 1
    assert len(receiver.received) == 1
