"""The JSON API under schemathesis: generated requests from the OpenAPI schema, in process.

An outside probe sent ~7,000 such requests and got 50 server errors (ids above 2**63, other
scripts' digits) and responses that broke the schema (naive date-times). Here every operation is
fuzzed with a bounded number of examples against a real SQLite store holding a few articles:
no answer may be a 5xx, and every documented answer must match its schema.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is in the test extras")

from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import response_schema_conformance  # noqa: E402

from wirewatch.config import Settings  # noqa: E402
from wirewatch.store import Store  # noqa: E402
from wirewatch.web.app import create_app  # noqa: E402

from .conftest import ceasefire_document, cluster, quake_document  # noqa: E402


def _app():
    # Built when the module is collected: schemathesis reads the schema to make one test per
    # operation. The store lives in a fresh temporary folder.
    path = Path(tempfile.mkdtemp(prefix="wirewatch-fuzz-")) / "fuzz.db"
    config = Settings(db=f"sqlite:///{path}", allow_private_urls=False, host_delay=0, allowed_hosts="*")
    store = Store.open(config.db)
    store.add_document(ceasefire_document())
    store.add_document(quake_document())
    cluster(store)
    # Event streams end at once here: the fuzzer opens hundreds, and each would otherwise stay
    # open for its full life. Their parameters are still checked like every other.
    return create_app(config, store, live_poll_seconds=0.05, live_max_seconds=0.1)


schema = schemathesis.openapi.from_asgi("/openapi.json", _app())


@schema.parametrize()
@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_no_server_error_and_every_answer_matches_the_schema(case):
    case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])
