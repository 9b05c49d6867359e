"""Export writers: rows of one kind -> CSV, JSON Lines or Parquet, as a stream of byte chunks.

The rows come from `Store.export_rows` (a page at a time); the writers keep at most one batch in
memory, so `wirewatch export` and the API's downloads stream exports of any size. The columns
and their types are the store's (`wirewatch.store.EXPORT_COLUMNS`), so every format carries the
same fields in the same order.

How values are written:
- times: ISO 8601 in UTC (`2026-03-01T09:30:00+00:00`) in CSV and JSON Lines, UTC timestamps in
  Parquet; unknown values are empty cells in CSV, null in JSON Lines and Parquet.
- lists (an article's entities, a story's summary sentences and article ids, an entity's
  spellings): JSON arrays in JSON Lines, list columns in Parquet, and in CSV one cell holding the
  JSON array (`["Keir Starmer", "Vladimir Putin"]`): names may contain any separator, and a
  JSON cell reads back exactly (`json.loads`) where a joined string would not.
- CSV is UTF-8 without a byte-order mark, comma-separated, quoted where needed (RFC 4180).

Parquet needs pyarrow, an optional extra (`pip install 'wirewatch[parquet]'`).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any, BinaryIO

from .errors import InputError

FORMATS = ("csv", "jsonl", "parquet")
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson",
    "parquet": "application/vnd.apache.parquet",
}
BATCH_ROWS = 500  # rows encoded per chunk (and per Parquet row group)
PARQUET_MISSING = "Parquet export needs pyarrow: pip install 'wirewatch[parquet]'"

Columns = tuple[tuple[str, str], ...]


def check_format(format: str) -> str:
    """The format if it can be written here; InputError (one line) otherwise."""
    if format not in FORMATS:
        raise InputError(f"unknown export format {format!r} (choose from {', '.join(FORMATS)})")
    if format == "parquet":
        _pyarrow()
    return format


def encode(rows: Iterable[dict[str, Any]], columns: Columns, format: str) -> Iterator[bytes]:
    """The export file as byte chunks, written as the rows arrive."""
    check_format(format)
    if format == "csv":
        return _csv(rows, columns)
    if format == "jsonl":
        return _jsonl(rows, columns)
    return _parquet(rows, columns)


def write(rows: Iterable[dict[str, Any]], columns: Columns, format: str, stream: BinaryIO) -> None:
    for chunk in encode(rows, columns, format):
        stream.write(chunk)


def _batches(rows: Iterable[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH_ROWS:
            yield batch
            batch = []
    if batch:
        yield batch


def _time(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return _time(value)


def _csv(rows: Iterable[dict[str, Any]], columns: Columns) -> Iterator[bytes]:
    names = [name for name, _ in columns]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(names)
    yield buffer.getvalue().encode("utf-8")
    for batch in _batches(rows):
        buffer.seek(0)
        buffer.truncate()
        writer.writerows([_cell(row.get(name)) for name in names] for row in batch)
        yield buffer.getvalue().encode("utf-8")


def _jsonl(rows: Iterable[dict[str, Any]], columns: Columns) -> Iterator[bytes]:
    names = [name for name, _ in columns]
    for batch in _batches(rows):
        lines = (json.dumps({name: _time(row.get(name)) for name in names}, ensure_ascii=False) for row in batch)
        yield ("\n".join(lines) + "\n").encode("utf-8")


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401 - the writer lives in the submodule
    except ImportError:
        raise InputError(PARQUET_MISSING) from None
    return pyarrow


class _Chunks:
    """A write-only file for pyarrow that hands back what was written since the last take()."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []
        self._position = 0
        self.closed = False

    def write(self, data: bytes) -> int:
        self._parts.append(bytes(data))
        self._position += len(data)
        return len(data)

    def tell(self) -> int:
        return self._position

    def flush(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True

    def take(self) -> bytes:
        data, self._parts = b"".join(self._parts), []
        return data


def _parquet(rows: Iterable[dict[str, Any]], columns: Columns) -> Iterator[bytes]:
    pa = _pyarrow()
    types = {
        "int": pa.int64(), "float": pa.float64(), "str": pa.string(),
        "time": pa.timestamp("us", tz="UTC"), "list": pa.list_(pa.string()), "ints": pa.list_(pa.int64()),
    }
    schema = pa.schema([(name, types[kind]) for name, kind in columns])
    sink = _Chunks()
    writer = pa.parquet.ParquetWriter(sink, schema)
    try:
        for batch in _batches(rows):
            writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=schema))
            chunk = sink.take()
            if chunk:
                yield chunk
    finally:
        writer.close()
    yield sink.take()
