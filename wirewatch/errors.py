"""The small hierarchy of errors wirewatch raises where a fact is known.

The CLI and the web app turn these into one-line messages and exit codes / HTTP statuses in one
place each; anything else escaping is a bug, not bad input.
"""

from __future__ import annotations


class WirewatchError(Exception):
    """Base class: every error wirewatch raises on purpose."""

    exit_code = 1


class InputError(WirewatchError):
    """The input itself is unusable: empty, binary, truncated, wrongly encoded, too large."""

    exit_code = 2


class FetchError(WirewatchError):
    """A URL could not be fetched (network, HTTP status, robots.txt, size limit, SSRF guard)."""

    exit_code = 3


class QueryError(WirewatchError):
    """A search or subscription query does not parse or cannot be evaluated."""

    exit_code = 2


class StoreError(WirewatchError):
    """The store cannot be opened or used (bad URL, unreachable server, failed migration)."""

    exit_code = 4


class StoreConflict(StoreError):
    """Another writer changed the same rows first (the story log's next position): catch up, retry."""


class ConfigError(WirewatchError):
    """A setting is missing or invalid."""

    exit_code = 2


class DeliveryError(WirewatchError):
    """An alert could not be delivered through its channel."""

    exit_code = 5


class WorkerError(WirewatchError):
    """A worker process stopped while working on this input (killed, out of memory): nothing of
    it was kept; trying again may work."""

    exit_code = 1
