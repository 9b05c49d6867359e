"""The record a source yields for one item it could not read, so the rest can go on."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SourceFailure:
    origin: str  # where: a path, a URL, "file.jsonl:12"
    reason: str  # one line: "binary file", "HTTP 404 for https://...", "invalid JSON: ..."
