"""`wirewatch.ingest.ingest`: kept as a name for scripts; the runner lives in `runtime/runner.py`.

There is one way an article goes through wirewatch (`wirewatch.runtime.runner.Runner`); this
module only re-exports its function-level entry point and records.
"""

from .runtime.runner import IngestEvent, IngestFailure, IngestSummary, ingest_items, ingest_sources as ingest

__all__ = ["ingest", "ingest_items", "IngestEvent", "IngestFailure", "IngestSummary"]
