"""Delivering the outbox through real receivers on loopback: webhooks, SMTP, failures, retries."""

from __future__ import annotations

import random
import socket
from datetime import timedelta
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller

from alerts.helpers import NOW, article, subscribe
from alerts.receivers import WebhookReceiver

from wirewatch.alerts import RetryPolicy, alerts_for_article, build_index, deliver_due
from wirewatch.errors import InputError


def _queue(alert_store, channel, facts=None, story="s1", role="original", **options):
    subscription = subscribe(alert_store, "ceasefire", [channel], **options)
    facts = facts or article(1, "Ceasefire agreed", quotes=[("Keir Starmer", "A ceasefire is close")])
    alerts_for_article(alert_store, build_index(alert_store), facts, story_id=story, role=role, now=NOW)
    return subscription


def test_webhook_gets_payload_with_idempotency_key_in_body_and_header(alert_store, settings):
    with WebhookReceiver() as receiver:
        _queue(alert_store, receiver.channel())
        report = deliver_due(alert_store, settings=settings, now=NOW)
    assert report.sent == 1
    [request] = receiver.received
    key = alert_store.alerts()[0].key
    assert request.headers["idempotency-key"] == key
    assert request.body["idempotency_key"] == key
    assert request.body["article"]["title"] == "Ceasefire agreed"
    assert request.body["quote"]["speaker"] == "Keir Starmer"


def test_sent_alert_is_marked_sent_and_not_sent_again(alert_store, settings):
    with WebhookReceiver() as receiver:
        _queue(alert_store, receiver.channel())
        deliver_due(alert_store, settings=settings, now=NOW)
        deliver_due(alert_store, settings=settings, now=NOW + timedelta(days=1))
    assert len(receiver.received) == 1
    [alert] = alert_store.alerts()
    assert (alert.status, alert.attempts, alert.sent_at) == ("sent", 1, NOW)


def test_failing_receiver_is_retried_with_backoff_until_it_accepts(alert_store, settings):
    with WebhookReceiver(fail_first=2) as receiver:
        _queue(alert_store, receiver.channel())
        first = deliver_due(alert_store, settings=settings, now=NOW)
        [alert] = alert_store.alerts()
        assert (first.retrying, alert.status, alert.attempts) == (1, "retrying", 1)
        assert "HTTP 503" in alert.last_error
        assert NOW < alert.next_attempt_at <= NOW + timedelta(seconds=30)
        assert deliver_due(alert_store, settings=settings, now=NOW + timedelta(seconds=5)).attempted == 0
        later = alert.next_attempt_at
        deliver_due(alert_store, settings=settings, now=later)
        second = alert_store.alerts()[0]
        assert timedelta(seconds=20) <= second.next_attempt_at - later <= timedelta(seconds=40)
        deliver_due(alert_store, settings=settings, now=second.next_attempt_at)
    final = alert_store.alerts()[0]
    assert (final.status, final.attempts, final.last_error) == ("sent", 3, None)
    assert len(set(receiver.keys())) == 1 and len(receiver.received) == 3


def test_alert_fails_with_last_error_after_the_last_try(alert_store, settings):
    retry = RetryPolicy(max_attempts=3, base_delay=1, max_delay=4)
    with WebhookReceiver(fail_first=100) as receiver:
        _queue(alert_store, receiver.channel())
        moment = NOW
        for _ in range(5):
            deliver_due(alert_store, settings=settings, now=moment, policy=retry)
            moment += timedelta(seconds=10)
    [alert] = alert_store.alerts()
    assert (alert.status, alert.attempts) == ("failed", 3)
    assert "HTTP 503" in alert.last_error
    assert len(receiver.received) == 3


def test_unreachable_webhook_is_retried_with_the_connection_error(alert_store, settings):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    _queue(alert_store, f"json://127.0.0.1:{port}/hook")
    report = deliver_due(alert_store, settings=settings, now=NOW)
    assert report.retrying == 1
    assert "ConnectError" in alert_store.alerts()[0].last_error


def test_backoff_grows_exponentially_up_to_the_cap_with_jitter():
    retry = RetryPolicy(base_delay=20, max_delay=300, jitter=0.5)
    rng = random.Random(1)
    delays = [retry.delay(n, rng) for n in range(1, 8)]
    assert 10 <= delays[0] <= 20 and 20 <= delays[1] <= 40 and 40 <= delays[2] <= 80
    assert all(150 <= d <= 300 for d in delays[5:])


def test_private_webhook_is_refused_at_send_time_without_the_setting(alert_store, settings):
    with WebhookReceiver() as receiver:
        _queue(alert_store, receiver.channel())
        deliver_due(alert_store, settings=settings.with_overrides(allow_private_urls=False), now=NOW)
    assert receiver.received == []
    assert "non-public address" in alert_store.alerts()[0].last_error


class _Mailbox:
    def __init__(self) -> None:
        self.messages: list[bytes] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's naming
        self.messages.append(envelope.original_content or envelope.content)
        return "250 OK"


@pytest.fixture
def smtp_server():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    mailbox = _Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield mailbox, port
    controller.stop()


def test_mailto_channel_sends_an_email_through_smtp(alert_store, settings, smtp_server):
    mailbox, port = smtp_server
    channel = f"mailto://127.0.0.1:{port}?from=alerts@example.com&to=editor@example.com"
    _queue(alert_store, channel, facts=article(1, "Ceasefire agreed", story_title="Ukraine talks"))
    report = deliver_due(alert_store, settings=settings, now=NOW)
    assert report.sent == 1, report.errors
    [raw] = mailbox.messages
    mail = message_from_bytes(raw, policy=policy.default)
    assert "Ukraine talks" in mail["subject"]
    assert "https://news.example/1" in mail.get_body(("plain", "html")).get_content()


def test_apprise_failure_is_recorded_with_its_reason(alert_store, settings):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    _queue(alert_store, f"mailto://127.0.0.1:{port}?from=alerts@example.com&to=editor@example.com")
    report = deliver_due(alert_store, settings=settings, now=NOW)
    alert = alert_store.alerts()[0]
    assert report.retrying == 1
    assert alert.status == "retrying" and alert.last_error.startswith("mailto://127.0.0.1")
    assert len(alert.last_error) > len(f"mailto://127.0.0.1:{port}: ")


def test_unknown_notification_scheme_is_refused_when_subscribing(alert_store):
    with pytest.raises(InputError, match="Apprise"):
        subscribe(alert_store, "ceasefire", ["nonsense://where"])
