"""The `wirewatch` command: a thin face over the Python API and the store.

Every command turns its arguments into calls of `wirewatch` functions or `Store` methods; no
logic lives only here. Errors become one line on stderr and an exit status in `main()`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import click
import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .ids import is_ascii_number
from .config import Settings, load_settings
from .document import Document, SourceItem
from .errors import InputError, WirewatchError

app = typer.Typer(
    name="wirewatch",
    help="Self-hosted news monitoring, analysis and breaking-news alerting.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

DbOption = Annotated[
    Optional[str],
    typer.Option("--db", help="Store URL (default sqlite:///wirewatch.db, or WIREWATCH_DB).", show_default=False),
]
FormatOption = Annotated[str, typer.Option("--format", "-f", help="Output format: text or json.")]
ConfigOption = Annotated[Optional[Path], typer.Option("--config", help="TOML settings file.")]


def _settings(db: str | None, config: Path | None = None) -> Settings:
    return load_settings(config_file=config, db=db)


def _check_format(value: str, allowed: tuple[str, ...] = ("text", "json")) -> str:
    if value not in allowed:
        raise InputError(f"unknown format {value!r} (choose from {', '.join(allowed)})")
    return value


def _print_json(data) -> None:
    """Machine-readable output: one JSON document on stdout (dates and odd types as strings)."""
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _open_store(settings: Settings):
    """The public `wirewatch.Store` at `settings.db`: every command is a call or two on it."""
    from .workspace import Store

    return Store.open(settings=settings)


# ---------------------------------------------------------------------------------------- analyze


def _read_one(target: str, settings: Settings) -> SourceItem:
    """Turn PATH, URL or '-' into one SourceItem (no store, no feed expansion)."""
    if target == "-":
        data = sys.stdin.buffer.read()
        return SourceItem(content=data, origin="stdin")
    if target.startswith(("http://", "https://")):
        from .sources import Fetcher

        with Fetcher(settings) as fetcher:
            result = fetcher.fetch(target, conditional=False)
        return SourceItem(
            content=result.content, content_type=result.content_type, url=result.url, origin=target
        )
    path = Path(target)
    if not path.exists():
        raise InputError(f"no such file: {target}")
    if path.is_dir():
        raise InputError(f"{target} is a folder; analyze reads one article (use ingest for folders)")
    suffix = path.suffix.lower()
    content_type = {".html": "text/html", ".htm": "text/html", ".txt": "text/plain"}.get(suffix)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {target}: {exc.strerror}") from None
    return SourceItem(content=data, content_type=content_type, origin=str(path))


@app.command()
def analyze(
    target: Annotated[str, typer.Argument(metavar="PATH|URL|-", help="An article file, URL, or - for stdin.")],
    format: FormatOption = "text",
    config: ConfigOption = None,
) -> None:
    """Print one article's analysis (the document record) without storing it."""
    from .pipeline import analyse_item

    _check_format(format)
    settings = _settings(None, config)
    item = _read_one(target, settings)
    document = analyse_item(item, settings=settings).document
    if format == "json":
        _print_json(document.to_dict())
    else:
        _print_document(document)


def _print_document(doc: Document) -> None:
    console = Console(soft_wrap=True)
    console.print(f"[bold]{escape(doc.title)}[/bold]")
    facts = [
        ("site", doc.site_name),
        ("dateline", f"{doc.dateline.place} ({doc.dateline.agency})" if doc.dateline and doc.dateline.agency
         else doc.dateline.place if doc.dateline else None),
        ("published", doc.published.isoformat() if doc.published else None),
        ("language", doc.language),
        ("machine translation suspected", "yes: " + "; ".join(doc.quality.signals)
         if doc.quality.machine_translation_suspected else None),
    ]
    for label, value in facts:
        if value:
            console.print(f"[dim]{label}:[/dim] {escape(str(value))}")
    console.print()
    console.print(escape(doc.text), soft_wrap=True)
    if doc.entities:
        console.print("\n[bold]Entities[/bold]")
        for entity in sorted(doc.entities, key=lambda e: -len(e.mentions)):
            spellings = sorted({m.text for m in entity.mentions})
            console.print(f"  {escape(entity.name)} [dim]{entity.type} ×{len(entity.mentions)}[/dim]"
                          f"  [dim]{escape(', '.join(spellings))}[/dim]")
    if doc.quotes:
        console.print("\n[bold]Quotes[/bold]")
        for quote in doc.quotes:
            console.print(f"  [cyan]{escape(quote.speaker or 'unknown')}[/cyan] ({escape(quote.cue or '')}): "
                          f"“{escape(quote.text)}”")
    if doc.removed:
        console.print("\n[bold]Removed[/bold]")
        for removed in doc.removed:
            console.print(f"  [dim]{removed.reason}:[/dim] {escape(removed.text)}")


# ----------------------------------------------------------------------------------------- ingest


@app.command()
def ingest(
    sources: Annotated[list[str], typer.Argument(metavar="SOURCE...", help="Files, folders, feed files or URLs, article URLs, JSONL, WARC, or -.")],
    db: DbOption = None,
    format: FormatOption = "text",
    workers: Annotated[Optional[int], typer.Option(help="Analysis processes (default: one per core; with Ray, per cluster CPU).")] = None,
    executor: Annotated[Optional[str], typer.Option(help="Where analysis runs: local, or ray (needs wirewatch[ray]; default: the 'executor' setting).")] = None,
    ray_address: Annotated[Optional[str], typer.Option(help="The Ray cluster for --executor ray: auto or HOST:PORT (default: a local Ray).")] = None,
    config: ConfigOption = None,
) -> None:
    """Read sources, analyse every article and store it (idempotent)."""
    _check_format(format)
    settings = load_settings(config_file=config, db=db, executor=executor, ray_address=ray_address)
    summary = _ingest_with_progress(sources, settings, workers=workers, show=True)
    if format == "json":
        _print_json(summary.to_dict())
    else:
        _print_ingest_summary(summary)
    if summary.failed:
        raise typer.Exit(1)


def _ingest_with_progress(sources: list[str], settings: Settings, *, workers: int | None, show: bool):
    """Ingest with a progress display on stderr: a total, percentage and ETA when the number of
    items can be counted beforehand (files, folders, JSON Lines), a counter otherwise."""
    from .progress import IngestProgress
    from .runtime.executors import check_executor
    from .sources import count_items

    check_executor(settings)  # a configuration error is one line, before any progress is shown
    with _open_store(settings) as store:
        with IngestProgress(count_items(sources) if show else None, enabled=show) as progress:
            return store.ingest_sources(sources, on_event=progress.on_event, workers=workers)


def _print_ingest_summary(summary) -> None:
    console = Console(soft_wrap=True)
    console.print(f"[green]{summary.ingested} ingested[/green] ({summary.new_stories} new stories, "
                  f"{summary.developments} developments, {summary.copies} copies), {summary.duplicates} duplicates"
                  f"{f' ({summary.skipped_known} known before analysis)' if summary.skipped_known else ''}, "
                  f"[{'red' if summary.failed else 'green'}]{len(summary.failed)} failed[/]")
    for failure in summary.failed:
        console.print(f"  [red]failed[/red] {escape(failure.origin)}: {escape(failure.reason)}")


# ----------------------------------------------------------------------------------------- search


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Query: words, "phrases", AND/OR/NOT, ( ), prefix*, source: lang: after: before: title: entity:"Name" speaker:"Name" type:PERSON story:ID')],
    db: DbOption = None,
    format: FormatOption = "text",
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 20,
    offset: Annotated[int, typer.Option(min=0)] = 0,
    config: ConfigOption = None,
) -> None:
    """Full-text search over stored articles, best matches first."""
    _check_format(format)
    settings = _settings(db, config)
    with _open_store(settings) as store:
        hits = store.search(query, limit=limit, offset=offset)
    if format == "json":
        _print_json([hit.__dict__ for hit in hits])
        return
    console = Console()
    if not hits:
        console.print("no matches")
        return
    for hit in hits:
        meta = " · ".join(x for x in (hit.source, (hit.published or "")[:10]) if x)
        console.print(f"[bold]{escape(hit.title)}[/bold]  [dim]{escape(meta)}  id {escape(hit.id)}[/dim]")
        console.print("  " + _marks_to_rich(hit.snippet))


def _marks_to_rich(snippet: str) -> str:
    """Snippets are HTML-safe text with <mark> highlights; show them as bold in a terminal."""
    import html

    parts = snippet.split("<mark>")
    out = [escape(html.unescape(parts[0]))]
    for part in parts[1:]:
        marked, _, rest = part.partition("</mark>")
        out.append(f"[bold yellow]{escape(html.unescape(marked))}[/bold yellow]{escape(html.unescape(rest))}")
    return "".join(out)


# ---------------------------------------------------------------------------------------- stories


def _parse_since(value: str | None, option: str = "--since"):
    """`--since` (or `option`) as an ISO date/time or a span back from now: 30m, 6h, 2d, 1w."""
    from datetime import datetime, timedelta, timezone

    if not value:
        return None
    units = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
    text = value.strip().lower()
    if is_ascii_number(text[:-1]) and len(text) < 8 and text[-1:] in units:
        return datetime.now(timezone.utc) - timedelta(**{units[text[-1]]: int(text[:-1])})
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"{option} takes an ISO date or a span like 6h or 2d, not {value!r}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


@app.command()
def stories(
    db: DbOption = None,
    format: FormatOption = "text",
    since: Annotated[Optional[str], typer.Option(help="Only stories updated since: ISO date or 30m, 6h, 2d, 1w.")] = None,
    query: Annotated[Optional[str], typer.Option(help="Only stories with an article matching this search query.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 20,
    sort: Annotated[str, typer.Option(
        help="breaking (arrivals in the last hour, sources, recency), latest (newest article date), "
             "biggest (most articles) or sources (most distinct sources).")] = "breaking",
    config: ConfigOption = None,
) -> None:
    """Stories by breaking rank (bursts of new articles, many sources, recency) or another --sort."""
    _check_format(format)
    with _open_store(_settings(db, config)) as store:
        found = store.stories(since=_parse_since(since), query=query, limit=limit, sort=sort)
    if format == "json":
        _print_json([story.to_dict() for story in found])
        return
    console = Console(soft_wrap=True)
    if not found:
        console.print("no stories")
    for story in found:
        copies = sum(1 for a in story.data["articles"] if a["role"] == "copy")
        console.print(f"[bold]{escape(story.title)}[/bold]  [dim]story {story.id} · {story.articles} articles"
                      f"{f' ({copies} copies)' if copies else ''} · {story.sources} sources · "
                      f"{_story_times(story)}[/dim]")
        if story.data.get("entities"):
            console.print("  [dim]" + escape(", ".join(story.data["entities"][:6])) + "[/dim]")


def _story_times(story) -> str:
    """Both clocks, labelled: the newest article date where known, and arrival with velocity."""
    published = f"published {story.last_published:%Y-%m-%d %H:%M}" if story.last_published else "undated"
    arrived = f"seen {story.last_seen:%Y-%m-%d %H:%M}"
    return " · ".join([published, arrived] + ([f"+{story.velocity} in the last hour"] if story.velocity else []))


@app.command()
def story(
    story_id: Annotated[str, typer.Argument(metavar="ID", help="A story id (see `wirewatch stories`).")],
    db: DbOption = None,
    format: FormatOption = "text",
    config: ConfigOption = None,
) -> None:
    """One story with its timeline: original, copies and developments, with sources."""
    _check_format(format)
    with _open_store(_settings(db, config)) as store:
        found = store.story(story_id)
    if found is None:
        raise InputError(f"no story with id {story_id!r}")
    if format == "json":
        _print_json(found.to_dict())
        return
    console = Console(soft_wrap=True)
    console.print(f"[bold]{escape(found.title)}[/bold]  [dim]story {found.id} · {found.articles} articles · "
                  f"{found.sources} sources · {_story_times(found)}[/dim]")
    for sentence in found.data.get("summary") or []:
        console.print("  " + escape(sentence))
    console.print()
    for item in found.data["articles"]:
        when = (item.get("published") or "")[:16].replace("T", " ") or "undated"
        style = {"original": "green", "copy": "dim", "development": "yellow"}.get(item["role"], "")
        console.print(f"  {when:16}  [{style}]{item['role']:>11}[/]  {escape(item['title'])} "
                      f"[dim]{escape(item.get('source') or '')}[/dim]")


# ------------------------------------------------------------------------------ entities and quotes


@app.command()
def entities(
    db: DbOption = None,
    format: FormatOption = "text",
    type: Annotated[Optional[str], typer.Option("--type", help="PERSON, ORG, GPE, LOC, NORP, EVENT ...")] = None,
    name: Annotated[Optional[str], typer.Option("--name", help="Only names containing this text.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 30,
    config: ConfigOption = None,
) -> None:
    """People, organisations and places across all articles, most mentioned first."""
    _check_format(format)
    with _open_store(_settings(db, config)) as store:
        found = store.entities(type=type, name=name, limit=limit)
    if format == "json":
        _print_json([e.to_dict() for e in found])
        return
    table = Table("entity", "type", "articles", "mentions", "last seen", box=None, pad_edge=False)
    for e in found:
        table.add_row(escape(e.name), e.type, str(e.documents), str(e.mentions), e.last_seen.date().isoformat())
    Console().print(table if found else "no entities")


@app.command()
def entity(
    name: Annotated[str, typer.Argument(help="A name, any spelling seen, a surname, or an id.")],
    db: DbOption = None,
    format: FormatOption = "text",
    config: ConfigOption = None,
) -> None:
    """One entity: spellings seen, mentions over time, quotes, who it appears with."""
    _check_format(format)
    with _open_store(_settings(db, config)) as store:
        detail = store.entity(name)
    if detail is None:
        raise InputError(f"no entity called {name!r}")
    if format == "json":
        _print_json(detail.to_dict())
        return
    console = Console(soft_wrap=True)
    e = detail.entity
    console.print(f"[bold]{escape(e.name)}[/bold] [dim]{e.type} · {e.documents} articles · {e.mentions} mentions · "
                  f"{e.first_seen.date()} – {e.last_seen.date()}[/dim]")
    console.print("spellings: " + escape(", ".join(f"{text} ({count})" for text, count in detail.aliases)))
    if detail.related:
        console.print("mentioned with: " + escape(", ".join(f"{r.name} ({n})" for r, n in detail.related)))
    for q in detail.quotes:
        console.print(f"  “{escape(q.text)}” [dim]— {escape(q.source or '')} {q.published.date() if q.published else ''}[/dim]")


@app.command()
def quotes(
    db: DbOption = None,
    format: FormatOption = "text",
    speaker: Annotated[Optional[str], typer.Option("--speaker", help="Quotes by this person, any spelling.")] = None,
    query: Annotated[Optional[str], typer.Option("--query", "-q", help="Only quotes from articles matching this search query.")] = None,
    since: Annotated[Optional[str], typer.Option(help="Only quotes from then on: ISO date/time or 30m, 6h, 2d, 1w.")] = None,
    until: Annotated[Optional[str], typer.Option(help="Only quotes before then: ISO date/time or 30m, 6h, 2d, 1w.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 30,
    offset: Annotated[int, typer.Option(min=0)] = 0,
    config: ConfigOption = None,
) -> None:
    """Who said what: quotes with their speakers, newest first."""
    _check_format(format)
    filters = {"speaker": speaker, "query": query, "since": _parse_since(since),
               "until": _parse_since(until, "--until")}
    with _open_store(_settings(db, config)) as store:
        found = store.quotes(**filters, limit=limit, offset=offset)
    if format == "json":
        _print_json([q.to_dict() for q in found])
        return
    console = Console(soft_wrap=True)
    if not found:
        console.print("no quotes")
    for q in found:
        when = f"{q.published:%Y-%m-%d} " if q.published else ""
        console.print(f"[cyan]{escape(q.speaker or 'unknown')}[/cyan]: “{escape(q.text)}” "
                      f"[dim]— {when}{escape(q.document_title)} ({escape(q.source or '')})[/dim]")


# ------------------------------------------------------------------------------ monitored sources

sources_app = typer.Typer(help="Feeds and pages that `wirewatch run` polls.", no_args_is_help=True)
app.add_typer(sources_app, name="sources")


def _parse_interval(value: str) -> int:
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    text = value.strip().lower()
    if is_ascii_number(text) and len(text) < 10:
        return int(text)
    if is_ascii_number(text[:-1]) and len(text) < 10 and text[-1:] in units:
        return int(text[:-1]) * units[text[-1]]
    raise InputError(f"--every takes seconds or a span like 90s, 5m, 1h, not {value!r}")


@sources_app.command("add")
def sources_add(
    url: Annotated[str, typer.Argument(help="A feed (RSS, Atom, JSON Feed), news sitemap or page URL.")],
    every: Annotated[str, typer.Option("--every", help="Poll interval: 90s, 5m, 1h (at least 30s).")] = "5m",
    name: Annotated[Optional[str], typer.Option(help="A name to show.")] = None,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Add a source to poll (it is due at once)."""
    seconds = _parse_interval(every)
    with _open_store(_settings(db, config)) as store:
        feed = store.add_feed(url, name=name, every=seconds)
    Console().print(f"source {feed.id}: {escape(feed.url)} every {feed.interval_seconds}s")


@sources_app.command("list")
def sources_list(db: DbOption = None, format: FormatOption = "text", config: ConfigOption = None) -> None:
    """Polled sources with their last fetch, errors and article counts."""
    _check_format(format)
    with _open_store(_settings(db, config)) as store:
        found = store.feeds()
    if format == "json":
        _print_json([f.to_dict() for f in found])
        return
    table = Table("id", "url", "every", "last fetch", "status", "articles", box=None, pad_edge=False)
    for f in found:
        status = "paused" if f.paused else (f.last_status or "new") + (f": {f.last_error}" if f.last_error else "")
        table.add_row(str(f.id), escape(f.url), f"{f.interval_seconds}s",
                      f"{f.last_fetch_at:%Y-%m-%d %H:%M}" if f.last_fetch_at else "never", escape(status), str(f.articles))
    Console().print(table if found else "no sources: add one with `wirewatch sources add URL`")


@sources_app.command("remove")
def sources_remove(feed_id: Annotated[int, typer.Argument(metavar="ID")], db: DbOption = None,
                   config: ConfigOption = None) -> None:
    """Stop polling a source (its articles stay)."""
    with _open_store(_settings(db, config)) as store:
        if not store.remove_feed(feed_id):
            raise InputError(f"no source with id {feed_id}")
    Console().print(f"source {feed_id} removed")


from . import cli_data  # noqa: E402,F401 - adds `export` and `sources import` / `sources export`


# -------------------------------------------------------------------------- subscriptions and alerts


@app.command()
def subscribe(
    query: Annotated[str, typer.Argument(help='The search language, entity:"Name", speaker:"Name", type:PERSON and story:ID included.')],
    notify: Annotated[Optional[list[str]], typer.Option("--notify", help="Apprise URL: json://host/path, mailto://..., ntfy://... (repeatable).")] = None,
    name: Annotated[Optional[str], typer.Option(help="A name for messages.")] = None,
    digest: Annotated[Optional[str], typer.Option(help="hourly or daily: one grouped message per period.")] = None,
    updates: Annotated[str, typer.Option(help="developments (default), new-stories or all.")] = "developments",
    preview: Annotated[bool, typer.Option("--preview", help="Only show what it would have matched in stored articles.")] = False,
    db: DbOption = None,
    format: FormatOption = "text",
    config: ConfigOption = None,
) -> None:
    """Follow a query: alerts for new stories and developments, once each, never for copies."""
    _check_format(format)
    with _open_store(_settings(db, config)) as store:
        if preview:
            hits = store.preview(query, limit=20)
            if format == "json":
                _print_json([{"article": h.article_id, "title": h.title, "url": h.url, "source": h.source,
                              "published": h.published.isoformat() if h.published else None,
                              "story": h.story_id, "role": h.role,
                              "statements": [{"speaker": who, "text": said} for who, said in h.statements]}
                             for h in hits])
                return
            console = Console(soft_wrap=True)
            console.print(f"{len(hits)} stored articles match" + (" (newest 20)" if len(hits) == 20 else ""))
            for h in hits:
                console.print(f"  [bold]{escape(h.title)}[/bold] [dim]{escape(h.source or '')} · story {h.story_id} · {h.role}[/dim]")
                for who, said in h.statements:  # a speaker: subscription follows what was said
                    console.print(f"    [cyan]{escape(who)}[/cyan]: “{escape(said)}”")
            return
        subscription = store.subscribe(query, notify or [], name=name, digest=digest, updates=updates)
    if format == "json":
        _print_json({"id": subscription.id, "query": subscription.query, "notify": len(subscription.notify),
                     "name": subscription.name, "digest": subscription.digest, "updates": subscription.updates})
        return
    Console().print(f"subscription {subscription.id}: {escape(subscription.query)} "
                    f"[dim]({len(subscription.notify)} channels, updates: {subscription.updates}"
                    f"{', digest ' + subscription.digest if subscription.digest else ''})[/dim]")


@app.command()
def subscriptions(db: DbOption = None, format: FormatOption = "text", config: ConfigOption = None) -> None:
    """List subscriptions."""
    from .alerts import redact

    _check_format(format)
    with _open_store(_settings(db, config)) as store:
        found = store.subscriptions()
    rows = [{"id": s.id, "name": s.name, "query": s.query, "notify": [redact(u) for u in s.notify],
             "digest": s.digest, "updates": s.updates, "paused": s.paused,
             "created_at": s.created_at.isoformat() if s.created_at else None} for s in found]
    if format == "json":
        _print_json(rows)
        return
    console = Console(soft_wrap=True)
    if not rows:
        console.print("no subscriptions")
    for row in rows:
        console.print(f"{row['id']}: [bold]{escape(row['name'] or row['query'])}[/bold] [dim]{escape(row['query'])} · "
                      f"{row['updates']}{' · digest ' + row['digest'] if row['digest'] else ''}"
                      f"{' · paused' if row['paused'] else ''} · {escape(', '.join(row['notify']) or 'Atom feed only')}[/dim]")


@app.command()
def unsubscribe(subscription_id: Annotated[int, typer.Argument(metavar="ID")], db: DbOption = None,
                config: ConfigOption = None) -> None:
    """Delete a subscription (its alert history goes with it)."""
    with _open_store(_settings(db, config)) as store:
        if not store.unsubscribe(subscription_id):
            raise InputError(f"no subscription with id {subscription_id}")
    Console().print(f"subscription {subscription_id} deleted")


@app.command()
def alerts(
    db: DbOption = None,
    format: FormatOption = "text",
    subscription: Annotated[Optional[int], typer.Option(help="Only this subscription's alerts.")] = None,
    status: Annotated[Optional[str], typer.Option(help="pending, sent, retrying or failed.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 50,
    config: ConfigOption = None,
) -> None:
    """The alert log: what was sent where, what is retrying, what failed and why."""
    from .alerts import alert_dict

    _check_format(format)
    with _open_store(_settings(db, config)) as store:
        found = store.alerts(subscription=subscription, status=status, limit=limit)
    if format == "json":
        _print_json([alert_dict(a) for a in found])
        return
    table = Table("id", "subscription", "story", "article", "channel", "status", "attempts", "last error",
                  box=None, pad_edge=False)
    for a in found:
        d = alert_dict(a)
        table.add_row(str(d["id"]), str(d["subscription"]), str(d["story"]), str(d["article"]), escape(d["channel"] or ""),
                      d["status"], str(d["attempts"]), escape(d["last_error"] or ""))
    Console().print(table if found else "no alerts")


# -------------------------------------------------------------------------------------------- run


@app.command()
def run(
    once: Annotated[bool, typer.Option("--once", help="One full cycle (polls, processing, due retries), then exit.")] = False,
    workers: Annotated[Optional[int], typer.Option(help="Queue workers in this process (default: the workers setting; 1 on SQLite).")] = None,
    db: DbOption = None,
    format: FormatOption = "text",
    config: ConfigOption = None,
) -> None:
    """The monitoring service: poll sources on their schedules, process, alert, retry; with
    PostgreSQL, any number of `run` processes share the work queue."""
    import logging
    import threading

    from .runtime.workers import run_service

    _check_format(format)
    settings = _settings(db, config)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    with _open_store(settings) as store:  # closing it snapshots the story engine
        pool = store.workers(workers)  # a bad count fails here, before any work
        if once:
            report = store.poll()
            if format == "json":
                _print_json(report.to_dict())
            else:
                Console().print(f"polled {report.polled} sources: {report.new_articles} new articles, "
                                f"{len(report.failures)} failed; alerts sent {report.delivery.sent}, "
                                f"retrying {report.delivery.retrying}, failed {report.delivery.failed}")
            return
        run_service(store.monitor(), pool, threading.Event())


@app.command()
def enqueue(
    sources: Annotated[list[str], typer.Argument(metavar="SOURCE...", help="What `ingest` reads: files, folders, feeds, URLs, JSONL, WARC, or -.")],
    db: DbOption = None,
    format: FormatOption = "text",
    config: ConfigOption = None,
) -> None:
    """Queue articles for the workers of `wirewatch run` (on any machine sharing the store) instead
    of analysing them here; an article whose id or URL is already queued is queued once."""
    _check_format(format)
    settings = _settings(db, config)
    with _open_store(settings) as store:
        queued, failures = store.enqueue_sources(sources)
        counts = store.queue_counts()
    if format == "json":
        _print_json({"queued": queued, "failed": len(failures),
                     "failures": [{"origin": f.origin, "reason": f.reason} for f in failures],
                     "queue": counts.to_dict()})
    else:
        console = Console(soft_wrap=True)
        console.print(f"queued {queued} articles ({counts.queued} waiting in all, {counts.failed} set aside), "
                      f"[{'red' if failures else 'green'}]{len(failures)} unreadable[/]")
        for failure in failures:
            console.print(f"  [red]failed[/red] {escape(failure.origin)}: {escape(failure.reason)}")
    if failures:
        raise typer.Exit(1)


# ------------------------------------------------------------------------------------------ serve


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on (non-loopback needs WIREWATCH_API_TOKEN).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    monitor: Annotated[bool, typer.Option("--monitor/--no-monitor", help="Run the monitoring service in the same process.")] = True,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """The web UI and JSON API (OpenAPI docs at /docs), with the monitor running alongside."""
    from .web import serve as run_server

    run_server(_settings(db, config), host=host, port=port, monitor=monitor)


# ------------------------------------------------------------------------------------------- demo


@app.command()
def demo(
    samples: Annotated[Path, typer.Option(help="Folder of sample articles to ingest.")] = Path("samples"),
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Ingest the bundled samples into the store and show what wirewatch found."""
    if not samples.is_dir():
        raise InputError(f"samples folder not found: {samples}")
    settings = _settings(db, config)
    summary = _ingest_with_progress([str(samples)], settings, workers=None, show=True)
    console = Console()
    _print_ingest_summary(summary)
    with _open_store(settings) as store:
        console.print(f"\n[bold]{store.count_documents()} articles[/bold] in {escape(settings.db)} "
                      f"from {len(store.sources())} sources:")
        for name, count in store.sources():
            console.print(f"  {escape(name)}: {count}")
        console.print(f"{store.count_stories()} stories; the top ones:")
        for story in store.stories(limit=4):
            console.print(f"  [bold]{escape(story.title)}[/bold] [dim]{story.articles} articles, {story.sources} sources[/dim]")
        top = store.entities(limit=8)
        if top:
            console.print("\n[bold]Top entities:[/bold] " + escape(", ".join(f"{e.name} ({e.type}, {e.documents})" for e in top)))
        example = 'ceasefire AND (Starmer OR Putin)'
        hits = store.search(example, limit=3)
        console.print(f"\n[bold]wirewatch search '{escape(example)}'[/bold]")
        for hit in hits:
            console.print(f"  [bold]{escape(hit.title)}[/bold] [dim]{escape(hit.source or '')}[/dim]")
            console.print("    " + _marks_to_rich(hit.snippet))
    console.print("\nTry: [bold]wirewatch analyze samples/ceasefire-article.txt[/bold]  ·  "
                  "[bold]wirewatch search 'earthquake NOT Peru'[/bold]  ·  [bold]wirewatch quotes --speaker Starmer[/bold]")
    console.print("Open the newsroom screen: [bold].venv/bin/wirewatch serve[/bold] then http://127.0.0.1:8000/")
    if summary.failed:
        raise typer.Exit(1)


# ------------------------------------------------------------------------------------------- main


def _usage_exception_types() -> tuple[type[BaseException], ...]:
    """The classes a usage error arrives as.

    Typer >= 0.22 parses with its own copy of click (`typer._click`), whose exceptions derive from
    `typer.TyperException`, not from `click.ClickException`; older Typer raises click's own.
    """
    return tuple(t for t in (click.ClickException, getattr(typer, "TyperException", None)) if t)


def _usage_message(exc: BaseException) -> str:
    """One line for a usage error, with a hint where the README's syntax collides with options."""
    message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
    option = getattr(exc, "option_name", None)
    if option and option.startswith("-") and not option.startswith("--"):
        message += " (a query that starts with '-' goes after '--', e.g. wirewatch search -- -word)"
    return " ".join(message.split())


def main(argv: list[str] | None = None) -> int:
    """Entry point: runs the Typer app and turns errors into one line and an exit status.

    Usage errors (unknown command or option, missing argument) exit 2, like click's own.
    """
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        rc = app(args=argv, prog_name="wirewatch", standalone_mode=False)
    except WirewatchError as exc:
        err.print(f"[red]wirewatch: error:[/red] {escape(str(exc))}")
        return exc.exit_code
    except (click.exceptions.Exit, getattr(typer, "Exit", click.exceptions.Exit)) as exc:
        return getattr(exc, "exit_code", 0)
    except (click.exceptions.Abort, getattr(typer, "Abort", click.exceptions.Abort)):
        err.print("wirewatch: aborted")
        return 130
    except _usage_exception_types() as exc:
        err.print(f"[red]wirewatch: error:[/red] {escape(_usage_message(exc))}")
        return int(getattr(exc, "exit_code", 2) or 2)
    except KeyboardInterrupt:
        err.print("wirewatch: interrupted")
        return 130
    except BrokenPipeError:
        return 0
    return rc if isinstance(rc, int) else 0


if __name__ == "__main__":
    sys.exit(main())
