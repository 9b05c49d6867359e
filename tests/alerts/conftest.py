"""Alert fixtures: an AlertStore on each engine (via the root `db_url` fixture), settings, articles."""

from __future__ import annotations

from typing import Iterator

import pytest

from wirewatch.alerts import AlertStore
from wirewatch.config import load_settings
from wirewatch.store import Store


@pytest.fixture
def alert_store(db_url) -> Iterator[AlertStore]:
    with Store.open(db_url) as store:
        yield AlertStore(store)


@pytest.fixture
def settings():
    return load_settings(environ={"WIREWATCH_ALLOW_PRIVATE_URLS": "1"}, timeout=5.0)

