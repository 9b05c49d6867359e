"""A sender killed between sending and recording it loses nothing and doubles nothing.

Delivery is at-least-once with idempotency keys: the killed send leaves its row claimed under a
lease, with no try used up (a try counts when its outcome is known), so the alert is sent again
once the lease runs out, with the SAME key, and the outbox ends with exactly one `sent` row. A receiver that dedupes on the key (body or Idempotency-Key header) sees
the alert once: an exactly-once effect.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from alerts.helpers import NOW, article, subscribe
from alerts.receivers import WebhookReceiver

from wirewatch.alerts import alerts_for_article, build_index, deliver_due

SCRIPT = Path(__file__).with_name("deliver_once.py")


def test_sender_killed_after_sending_resends_once_with_the_same_key(alert_store, settings, db_url):
    with WebhookReceiver(hold=True) as receiver:
        subscribe(alert_store, "ceasefire", [receiver.channel()])
        alerts_for_article(alert_store, build_index(alert_store), article(1, "Ceasefire agreed"),
                           story_id="s1", role="original", now=NOW)
        sender = subprocess.Popen([sys.executable, str(SCRIPT), db_url, NOW.isoformat()],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=dict(os.environ))
        try:
            assert receiver.arrived.wait(60), sender.stderr.read().decode() if sender.poll() is not None else "no request"
            sender.send_signal(signal.SIGKILL)  # the receiver has the alert; the sender never hears back
            sender.wait(10)
        finally:
            if sender.poll() is None:
                sender.kill()
        [interrupted] = alert_store.alerts()
        assert (interrupted.status, interrupted.attempts) == ("pending", 0)  # no outcome: no try used

        receiver.hold = False
        receiver.release()
        assert deliver_due(alert_store, settings=settings, now=NOW).attempted == 0  # leased
        deliver_due(alert_store, settings=settings, now=interrupted.next_attempt_at)
        deliver_due(alert_store, settings=settings, now=NOW + timedelta(days=1))

    assert len(receiver.received) == 2
    assert receiver.keys()[0] == receiver.keys()[1] == interrupted.key
    assert receiver.received[0].body["idempotency_key"] == receiver.received[1].body["idempotency_key"]
    [final] = alert_store.alerts()
    assert (final.status, final.attempts) == ("sent", 1)  # the interrupted send used no try


def test_claims_interrupted_before_any_send_use_up_no_tries(alert_store, settings):
    # The probe's crash loop took one alert to 7 of 8 attempts without a single failed send:
    # the attempt was counted when the row was claimed. Here every delivery pass claims the row
    # and "dies" before the send's outcome is recorded, more times than the alert has tries;
    # then one pass completes.
    from wirewatch.alerts.outbox import RetryPolicy

    policy = RetryPolicy(max_attempts=3)
    with WebhookReceiver() as receiver:
        subscribe(alert_store, "ceasefire", [receiver.channel()])
        alerts_for_article(alert_store, build_index(alert_store), article(1, "Ceasefire agreed"),
                           story_id="s1", role="original", now=NOW)
        moment = NOW
        for _ in range(policy.max_attempts + 3):
            [claimed] = alert_store.claim_due(now=moment, policy=policy)  # then the process dies
            moment = claimed.next_attempt_at
        report = deliver_due(alert_store, settings=settings, now=moment, policy=policy)
    assert report.sent == 1 and len(receiver.received) == 1
    [final] = alert_store.alerts()
    assert (final.status, final.attempts) == ("sent", 1)
