"""JSON and JSON Lines records -> SourceItems.

A record is an object with `text` or `html` and optionally `id`, `url`, `title`, `published`,
`source`. One bad record is a SourceFailure naming its line (or list index); the rest go on.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from ..document import SourceItem
from ._failure import SourceFailure


def items_from_json_value(value: Any, origin: str) -> Iterator[SourceItem | SourceFailure]:
    """A parsed .json document: one record object or a list of them."""
    if isinstance(value, dict):
        yield record_to_item(value, origin)
    elif isinstance(value, list):
        for index, record in enumerate(value):
            yield record_to_item(record, f"{origin}[{index}]")
    else:
        yield SourceFailure(origin, f"expected a JSON object or list, got {_json_type(value)}")


def items_from_json_lines(
    lines: Iterable[bytes], origin: str
) -> Iterator[SourceItem | SourceFailure]:
    """JSON Lines: one record per line; blank lines are skipped."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            value = json.loads(line)
        except UnicodeDecodeError as exc:
            yield SourceFailure(where, f"not UTF-8 text: {exc.reason}")
            continue
        except (ValueError, RecursionError) as exc:
            yield SourceFailure(where, f"invalid JSON: {_json_error(exc)}")
            continue
        yield record_to_item(value, where)


def record_to_item(record: Any, origin: str) -> SourceItem | SourceFailure:
    if not isinstance(record, dict):
        return SourceFailure(origin, f"expected a JSON object, got {_json_type(record)}")
    html, text = record.get("html"), record.get("text")
    if isinstance(html, str) and html.strip():
        content, content_type = html, "text/html"
    elif isinstance(text, str) and text.strip():
        content, content_type = text, "text/plain"
    else:
        return SourceFailure(origin, "record has no non-empty 'text' or 'html' string")
    return SourceItem(
        content=content,
        content_type=content_type,
        url=_optional_str(record.get("url")),
        id=_optional_str(record.get("id")),
        title=_optional_str(record.get("title")),
        published=_optional_str(record.get("published")),
        source=_optional_str(record.get("source")),
        origin=origin,
    )


def _optional_str(value: Any) -> str | None:
    """Ids and dates sometimes come as numbers; nested objects are not usable as text."""
    if value is None or isinstance(value, (dict, list)):
        return None
    if isinstance(value, bool):
        return None
    text = str(value).strip()
    return text or None


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean", type(None): "null"}
    return names.get(type(value), "a number")


def _json_error(exc: BaseException) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} at column {exc.colno}"
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return " ".join(str(exc).split())
