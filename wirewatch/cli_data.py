"""`wirewatch export` and `wirewatch sources import/export`: taking data out, bringing feeds in.

Registered on the `wirewatch` app by cli.py (importing this module adds the commands). Like every
command, each is a call or two on `wirewatch.Store`; errors become one line in `cli.main`.
"""

from __future__ import annotations

import os
import sys
from datetime import datetime
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape

from .cli import (
    ConfigOption, DbOption, FormatOption, _check_format, _open_store, _parse_since, _print_json, _settings, app,
    sources_app,
)
from .errors import InputError

KINDS = ("articles", "stories", "entities", "quotes")
OutputOption = Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file (default: stdout).")]


def parse_moment(value: str | None, option: str) -> datetime | None:
    """An ISO date/time (UTC unless it says otherwise) or a span back from now: 30m, 6h, 2d, 1w."""
    return _parse_since(value, option)


def _write_chunks(chunks, output: Path | None) -> None:
    """Write to `output` through a temporary file renamed at the end (an interrupted export
    leaves no half file under the name asked for), or to stdout."""
    if output is None:
        stream = sys.stdout.buffer
        for chunk in chunks:
            stream.write(chunk)
        stream.flush()
        return
    partial = output.with_name(output.name + ".part")
    try:
        with partial.open("wb") as stream:
            for chunk in chunks:
                stream.write(chunk)
        os.replace(partial, output)
    except OSError as exc:
        raise InputError(f"cannot write {output}: {exc.strerror or exc}") from None
    finally:
        partial.unlink(missing_ok=True)


@app.command("export")
def export(
    kind: Annotated[str, typer.Argument(metavar="KIND", help="articles, stories, entities or quotes.")],
    format: Annotated[str, typer.Option("--format", "-f", help="csv, jsonl or parquet (Parquet needs the optional extra: pip install 'wirewatch\\[parquet]').")] = "jsonl",
    query: Annotated[Optional[str], typer.Option("--query", "-q", help="Only those of articles matching this search query.")] = None,
    since: Annotated[Optional[str], typer.Option(help="From this time: ISO date or 30m, 6h, 2d, 1w back (articles and quotes: published; stories and entities: last seen).")] = None,
    until: Annotated[Optional[str], typer.Option(help="Before this time: ISO date or a span back from now.")] = None,
    output: OutputOption = None,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Everything of one kind, streamed as CSV, JSON Lines or Parquet (no row cap).

    CSV cells holding lists (entities, summary sentences, spellings, article ids) are JSON arrays."""
    if kind not in KINDS:
        raise InputError(f"unknown export kind {kind!r} (choose from {', '.join(KINDS)})")
    if format == "parquet" and output is None and sys.stdout.isatty():
        raise InputError("Parquet is binary: write it to a file with -o FILE")
    with _open_store(_settings(db, config)) as store:
        chunks = store.export(kind, format, query=query, since=parse_moment(since, "--since"),
                              until=parse_moment(until, "--until"))
        _write_chunks(chunks, output)


@sources_app.command("import")
def sources_import(
    path: Annotated[Path, typer.Argument(metavar="FILE.opml", help="An OPML feed list (folders are read too).")],
    every: Annotated[str, typer.Option("--every", help="Poll interval for the new sources: 90s, 5m, 1h.")] = "5m",
    db: DbOption = None,
    format: FormatOption = "text",
    config: ConfigOption = None,
) -> None:
    """Add every feed of an OPML file as a source; those already there are skipped and listed."""
    from .cli import _parse_interval

    _check_format(format)
    seconds = _parse_interval(every)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    with _open_store(_settings(db, config)) as store:
        report = store.import_opml(data, every=seconds)
    if format == "json":
        _print_json({"added": [f.to_dict() for f in report.added],
                     "skipped": [{"url": url, "reason": reason} for url, reason in report.skipped]})
        return
    console = Console(soft_wrap=True)
    added = len(report.added)
    console.print(f"{added} source{'' if added == 1 else 's'} added, {len(report.skipped)} skipped")
    for url, reason in report.skipped:
        console.print(f"  [dim]skipped[/dim] {escape(url)}: {escape(reason)}")


@sources_app.command("export")
def sources_export(output: OutputOption = None, db: DbOption = None, config: ConfigOption = None) -> None:
    """Every source as an OPML 2.0 feed list."""
    with _open_store(_settings(db, config)) as store:
        data = store.export_opml()
    _write_chunks([data], output)
