"""Path and query parameters shared by the API and the pages, validated at the edge.

A row id is ASCII digits within a signed 64-bit integer: pydantic alone accepts other scripts'
digits ("٣" is 3) and numbers beyond 2**63 - 1, which overflow the database's BIGINT (a 500).
Anything else is a 422 before any handler runs.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Annotated

from fastapi import Path
from pydantic import AfterValidator, BeforeValidator

from ..ids import MAX_ROW_ID

RowId = Annotated[int, Path(ge=1, le=MAX_ROW_ID, description="row id")]


def _utc(moment: datetime) -> datetime:
    """Stored times are UTC; SQLite hands them back without a zone. Responses always carry one."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)


# Every time in a response: timezone-aware, as the OpenAPI schema's date-time promises.
UtcDateTime = Annotated[datetime, AfterValidator(_utc)]

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$")


def _iso_only(value: object) -> object:
    """ISO 8601 text only: pydantic alone reads `0.5` as half a second after 1970."""
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not _ISO_DATE.match(value.strip()):
        raise ValueError("expected an ISO 8601 date or time, e.g. 2025-03-02 or 2025-03-02T09:30:00Z")
    return value.strip()


# A time a request names: ISO 8601 only, naive means UTC.
IsoDateTime = Annotated[datetime, BeforeValidator(_iso_only), AfterValidator(_utc)]
