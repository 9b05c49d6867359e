"""The Jinja2 environment: autoescaping always on, plus the few filters the templates share."""

from __future__ import annotations

import html
import re
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote, urlsplit

from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

TEMPLATES_DIR = Path(__file__).parent / "templates"

# What the header links to; later pages (stories, entities, subscriptions) add themselves here.
NAVIGATION = (
    ("/", "Stories"),
    ("/articles", "Latest"),
    ("/entities", "Entities"),
    ("/search", "Search"),
    ("/subscriptions", "Subscriptions"),
    ("/alerts", "Alerts"),
    ("/sources", "Sources"),
    ("/docs", "API"),
)

_MARK = re.compile(r"(</?mark>)")


def safe_external_url(url: str | None) -> str | None:
    """Only http(s) URLs become links: `javascript:` and `data:` URLs in articles stay text."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url.strip()


def clean_snippet(snippet: str | None) -> Markup:
    """Re-escape a store snippet keeping only <mark> tags: defence in depth for untrusted text."""
    out = []
    for part in _MARK.split(snippet or ""):
        if part in ("<mark>", "</mark>"):
            out.append(part)
        else:
            out.append(str(escape(html.unescape(part))))
    text = "".join(out)
    # Balance the marks so a cut snippet cannot leave the rest of the page highlighted.
    opened = text.count("<mark>") - text.count("</mark>")
    return Markup(text + "</mark>" * max(0, opened))


def format_time(value: datetime | str | None) -> str:
    """'3 Mar 2025 14:05 UTC': unambiguous for editors in any time zone."""
    when = _as_datetime(value)
    if when is None:
        return ""
    return when.astimezone(timezone.utc).strftime("%-d %b %Y %H:%M UTC")


def iso_time(value: datetime | str | None) -> str:
    when = _as_datetime(value)
    return when.astimezone(timezone.utc).isoformat() if when else ""


def relative_time(value: datetime | str | None, now: datetime | None = None) -> str:
    """'5 min ago'; the page's script keeps these fresh, this is the no-JavaScript first render."""
    when = _as_datetime(value)
    if when is None:
        return ""
    seconds = ((now or datetime.now(timezone.utc)) - when).total_seconds()
    if seconds < -60:
        return format_time(when)
    if seconds < 60:
        return "just now"
    for size, unit in ((86400 * 365, "y"), (86400, "d"), (3600, "h"), (60, "min")):
        if seconds >= size:
            return f"{int(seconds // size)} {unit} ago"
    return format_time(when)


def _as_datetime(value: datetime | str | None) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return None
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def path_segment(value: object) -> str:
    """An id as one URL path segment (feed guids are URLs, with slashes of their own)."""
    return quote(str(value), safe="")


def entity_href(name: str, entity_id: int | None = None) -> str:
    """An entity's page: by registry id when known, else by name (the page resolves spellings)."""
    return f"/entities/{entity_id}" if entity_id is not None else f"/entities/{path_segment(name)}"


def plural(count: int, word: str, many: str | None = None) -> str:
    """'1 source', '3 sources'."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


def build_templates() -> Jinja2Templates:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,  # every template, whatever its extension: all output is untrusted text
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        external_url=safe_external_url,
        snippet=clean_snippet,
        time=format_time,
        isotime=iso_time,
        reltime=relative_time,
        segment=path_segment,
        plural=plural,
    )
    env.globals["entity_href"] = entity_href
    env.globals["navigation"] = NAVIGATION
    return Jinja2Templates(env=env)
