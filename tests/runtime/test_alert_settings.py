"""Retry settings reach delivery: `alert_max_attempts` / `alert_retry_seconds` in the config."""

from __future__ import annotations

import time

from wirewatch.alerts import AlertStore, validate_subscription
from wirewatch.config import Settings
from wirewatch.runtime.alerting import Alerting
from wirewatch.runtime.runner import Runner, ingest_sources
from wirewatch.store import Store


def test_an_alert_to_a_dead_channel_fails_after_the_configured_attempts(samples, db_url):
    settings = Settings(allow_private_urls=True, host_delay=0, alert_max_attempts=2, alert_retry_seconds=0.05)
    with Store.open(db_url) as store:
        AlertStore(store).add_subscription(
            validate_subscription('entity:"Keir Starmer"', ["json://127.0.0.1:9/dead"], allow_private=True))
        alerting = Alerting(store, settings)
        ingest_sources([str(samples / "records.jsonl")], store=store, settings=settings,
                       runner=Runner(store, settings, alerting=alerting), deliver=False)
        first = alerting.deliver()
        assert first.attempted == first.retrying > 0
        time.sleep(0.2)
        report = alerting.deliver()
        alerts = AlertStore(store).alerts()
    assert report.failed == len(alerts) == first.attempted
    assert {(alert.status, alert.attempts) for alert in alerts} == {("failed", 2)}
    assert all("refused" in alert.last_error for alert in alerts)
