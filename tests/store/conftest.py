"""Store fixtures: `store` is a fresh, empty Store on each engine (SQLite file, PostgreSQL schema).

PostgreSQL: the server at $WIREWATCH_TEST_POSTGRES (default postgresql://postgres@127.0.0.1:5432/test);
each store gets its own uniquely named schema (search_path set through the URL), dropped afterwards,
so parallel runs and reruns never collide. Tests skip with the reason when no server answers.
"""

from __future__ import annotations

from typing import Iterator

import pytest

from wirewatch.store import Store

from stores import ENGINES, POSTGRES_URL, fresh_store_url  # noqa: F401  (re-exported for tests)


@pytest.fixture(scope="session")
def store_url_factory():
    """`fresh_store_url(engine, folder)` for fixtures with a wider scope than one test."""
    return fresh_store_url


@pytest.fixture(params=ENGINES)
def store_url(request, tmp_path) -> Iterator[str]:
    with fresh_store_url(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def store(store_url) -> Iterator[Store]:
    with Store.open(store_url) as opened:
        yield opened
