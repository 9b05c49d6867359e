"""Subscriptions: validation with one-line errors, and storing, listing, pausing, deleting."""

from __future__ import annotations

import pytest

from alerts.helpers import subscribe

from wirewatch.alerts import validate_subscription
from wirewatch.errors import InputError, QueryError

HOOK = "json://127.0.0.1:9/hook"


def test_valid_subscription_keeps_query_channels_and_options():
    spec = validate_subscription('entity:"Keir Starmer" ceasefire', [HOOK, HOOK], name=" Starmer ",
                                 digest="daily", updates="all", allow_private=True)
    assert (spec.query, spec.notify, spec.name, spec.digest, spec.updates) == (
        'entity:"Keir Starmer" ceasefire', (HOOK,), "Starmer", "daily", "all")


def test_default_updates_mode_is_developments():
    assert validate_subscription("ceasefire").updates == "developments"


def test_bad_query_is_a_query_error():
    with pytest.raises(QueryError, match="unclosed quote"):
        validate_subscription('"ceasefire')


@pytest.mark.parametrize("options, message", [
    ({"digest": "weekly"}, "unknown digest"),
    ({"updates": "some"}, "unknown updates mode"),
    ({"name": "x" * 300}, "name is too long"),
])
def test_bad_options_are_input_errors(options, message):
    with pytest.raises(InputError, match=message):
        validate_subscription("ceasefire", **options)


@pytest.mark.parametrize("url", [
    "json://127.0.0.1/hook", "json://10.1.2.3/hook", "jsons://169.254.169.254/latest",
    "mailto://user:pw@localhost?to=a@example.com", "ntfy://[::1]/topic",
])
def test_private_notification_targets_are_refused_by_default(url):
    with pytest.raises(InputError, match="non-public"):
        validate_subscription("ceasefire", [url])


def test_private_targets_are_allowed_when_configured():
    assert validate_subscription("ceasefire", [HOOK], allow_private=True).notify == (HOOK,)


def test_cloud_service_urls_are_accepted_without_resolving_tokens():
    url = "tgram://123456789:AAHxyz/987654321"
    assert validate_subscription("ceasefire", [url]).notify == (url,)


def test_stored_subscriptions_are_listed_and_fetched(alert_store):
    first = subscribe(alert_store, "ceasefire", [HOOK], name="Ceasefire")
    second = subscribe(alert_store, "truce")
    assert [s.id for s in alert_store.subscriptions()] == [first.id, second.id]
    fetched = alert_store.get_subscription(first.id)
    assert (fetched.query, fetched.notify, fetched.name, fetched.paused) == ("ceasefire", [HOOK], "Ceasefire", False)


def test_paused_subscriptions_are_left_out_of_active_ones(alert_store):
    first = subscribe(alert_store, "ceasefire")
    before = alert_store.subscriptions_fingerprint()
    alert_store.set_paused(first.id, True)
    assert alert_store.subscriptions(include_paused=False) == []
    assert alert_store.subscriptions_fingerprint() != before


def test_deleting_a_subscription_removes_it(alert_store):
    first = subscribe(alert_store, "ceasefire")
    assert alert_store.delete_subscription(first.id) is True
    assert alert_store.get_subscription(first.id) is None
    assert alert_store.delete_subscription(first.id) is False


def test_pausing_an_unknown_subscription_is_an_input_error(alert_store):
    with pytest.raises(InputError, match="no subscription with id 42"):
        alert_store.set_paused(42, True)


def test_unknown_alert_status_filter_is_an_input_error(alert_store):
    with pytest.raises(InputError, match="unknown alert status"):
        alert_store.alerts(status="lost")


def test_updating_a_subscription_replaces_its_spec_and_keeps_id_and_pause(alert_store):
    first = subscribe(alert_store, "ceasefire", [HOOK], name="Ceasefire")
    alert_store.set_paused(first.id, True)
    spec = validate_subscription("truce OR armistice", [], name="Truce desk", digest="daily", updates="all",
                                 allow_private=True)
    updated = alert_store.update_subscription(first.id, spec)
    fetched = alert_store.get_subscription(first.id)
    assert fetched == updated
    assert (fetched.query, fetched.notify, fetched.name, fetched.digest, fetched.updates) == (
        "truce OR armistice", [], "Truce desk", "daily", "all")
    assert (fetched.paused, fetched.created_at) == (True, first.created_at)


def test_updating_an_unknown_subscription_is_an_input_error(alert_store):
    with pytest.raises(InputError, match="no subscription with id 42"):
        alert_store.update_subscription(42, validate_subscription("truce"))


def test_an_edit_changes_the_fingerprint_other_processes_reload_on(alert_store):
    """Regression: edits left the fingerprint unchanged, so a running service kept the old query."""
    from wirewatch.alerts import validate_subscription

    created = alert_store.add_subscription(validate_subscription("ceasefire"))
    before = alert_store.subscriptions_fingerprint()
    alert_store.update_subscription(created.id, validate_subscription("earthquake"))
    after_edit = alert_store.subscriptions_fingerprint()
    assert after_edit != before
    alert_store.set_paused(created.id, True)
    assert alert_store.subscriptions_fingerprint() not in (before, after_edit)
