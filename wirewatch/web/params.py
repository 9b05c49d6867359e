"""Path and query parameters shared by the API and the pages, validated at the edge.

A row id is ASCII digits within a signed 64-bit integer: pydantic alone accepts other scripts'
digits ("٣" is 3) and numbers beyond 2**63 - 1, which overflow the database's BIGINT (a 500).
Anything else is a 422 before any handler runs.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Path

from ..ids import MAX_ROW_ID

ROW_ID_PATTERN = r"^[0-9]{1,19}$"

RowId = Annotated[int, Path(ge=1, le=MAX_ROW_ID, description="row id")]
