"""The Sources page: the monitored feeds and sites (`wirewatch run` / `serve`'s monitor polls them)
with their health, the add form (with feed discovery), and the per-source article counts.

Same rules as the subscriptions pages: every write is a POST with the CSRF token (and the API
token when one is configured), answered with a redirect; errors show inline as one line with
the form kept as typed.
"""

from __future__ import annotations

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ..ids import is_ascii_number
from ..errors import FetchError, InputError
from .charts import bar_chart
from ..store import check_interval
from .feed_discovery import clean_url, discover
from .pages import render
from .security import token_matches, verify_csrf
from .params import RowId

router = APIRouter(include_in_schema=False)

INTERVALS = [(60, "every minute"), (300, "every 5 minutes"), (900, "every 15 minutes"), (3600, "every hour")]
# What a redirect after a write may announce: fixed texts, so nothing from the URL is echoed.
NOTICES = {
    "added-feed": "Feed added: it is fetched on the monitor's next pass.",
    "added-page": "No feed found on that page: the page itself is monitored.",
    "paused": "Paused: it is not fetched until you resume it.",
    "resumed": "Resumed: it is fetched again.",
    "removed": "Removed: it is no longer monitored (its articles stay).",
}


def _form(url: str = "", name: str = "", interval: str = "300") -> dict[str, str]:
    return {"url": url, "name": name, "interval": interval}


def _sources_page(request: Request, form: dict[str, str], *, error: str | None = None,
                  choices: list[str] | None = None, status_code: int = 200) -> Response:
    web = request.app.state.web
    everything = web.store.sources()
    chart = bar_chart(everything[:15], title="Articles per source (top 15)")
    return render(request, "sources.html", {
        "page_title": "Sources", "sources": everything, "chart": chart, "feeds": web.store.feeds(),
        "form": form, "error": error, "choices": choices or [], "intervals": INTERVALS,
        "interval_labels": dict(INTERVALS), "needs_token": bool(web.settings.api_token),
        "notice": NOTICES.get(request.query_params.get("notice", "")),
    }, status_code=status_code)


@router.get("/sources", response_class=HTMLResponse)
def sources(request: Request) -> Response:
    return _sources_page(request, _form())


@router.post("/sources/feeds", response_class=HTMLResponse)
def add_feed(
    request: Request,
    csrf_token: str = Form(""),
    url: str = Form("", max_length=4000),
    name: str = Form("", max_length=200),
    interval: str = Form("300", max_length=10),
    discover_feeds: str = Form("1"),
    api_token: str = Form(""),
) -> Response:
    """Add a feed or site; a site page is searched for feeds first (unless a choice is being added)."""
    verify_csrf(request, csrf_token)
    web = request.app.state.web
    form = _form(url, name, interval)
    if not token_matches(web.settings, api_token or None):
        return _sources_page(request, form, error="the API token is missing or wrong", status_code=401)
    try:
        seconds = check_interval(int(interval)) if is_ascii_number(interval.strip()) and len(interval.strip()) < 10 else None
        if seconds is None:
            raise InputError(f"the interval must be a number of seconds, not {interval.strip()!r}")
        if discover_feeds in ("0", "false", ""):
            target, kind = clean_url(url, web.settings), "feed"
        else:
            found = discover(url, web.settings)
            if found.url is None:
                return _sources_page(request, form, choices=found.choices)
            target, kind = found.url, found.kind
    except (InputError, FetchError) as exc:
        return _sources_page(request, form, error=str(exc), status_code=422)
    web.store.add_feed(target, name=name.strip() or None, interval_seconds=seconds)
    return RedirectResponse(f"/sources?notice=added-{kind}#monitored", status_code=303)


def _check_write(request: Request, csrf_token: str, api_token: str) -> None:
    verify_csrf(request, csrf_token)
    if not token_matches(request.app.state.web.settings, api_token or None):
        raise HTTPException(401, "the API token is missing or wrong")


@router.post("/sources/feeds/{feed_id}/pause", response_class=HTMLResponse)
def pause_feed(feed_id: RowId, request: Request, csrf_token: str = Form(""), paused: str = Form("1"),
               api_token: str = Form("")) -> Response:
    """Pause (paused=1) or resume (paused=0)."""
    _check_write(request, csrf_token, api_token)
    now_paused = paused not in ("0", "", "false")
    if not request.app.state.web.store.pause_feed(feed_id, now_paused):
        raise HTTPException(404, f"no monitored source {feed_id}")
    return RedirectResponse(f"/sources?notice={'paused' if now_paused else 'resumed'}#monitored", status_code=303)


@router.post("/sources/feeds/{feed_id}/remove", response_class=HTMLResponse)
def remove_feed(feed_id: RowId, request: Request, csrf_token: str = Form(""), api_token: str = Form("")) -> Response:
    _check_write(request, csrf_token, api_token)
    if not request.app.state.web.store.remove_feed(feed_id):
        raise HTTPException(404, f"no monitored source {feed_id}")
    return RedirectResponse("/sources?notice=removed#monitored", status_code=303)

