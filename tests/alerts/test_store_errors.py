"""A database failure under alerting is a one-line StoreError, like every other store failure."""

from __future__ import annotations

import pytest

from alerts.helpers import subscribe

from wirewatch.alerts import AlertStore
from wirewatch.errors import StoreError
from wirewatch.store import Store


@pytest.mark.parametrize("action, message", [
    (lambda alerts: alerts.subscriptions(), "cannot read subscriptions"),
    (lambda alerts: alerts.alerts(), "cannot read alerts"),
    (lambda alerts: subscribe(alerts, "ceasefire"), "cannot store the subscription"),
])
def test_a_store_whose_tables_are_gone_fails_with_one_line(tmp_path, action, message):
    path = tmp_path / "alerts.db"
    store = Store.open(f"sqlite:///{path}")
    alerts = AlertStore(store)
    store.close()
    path.unlink()  # reconnecting finds an empty file: the driver fails on the missing tables
    with pytest.raises(StoreError) as raised:
        action(alerts)
    assert str(raised.value).startswith(f"{message}: no such table")
    assert "\n" not in str(raised.value)
