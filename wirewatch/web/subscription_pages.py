"""The subscriptions pages: create (with a live preview of past matches), edit, pause, delete,
test-send, and the alert log with each message's delivery status.

Forms work without JavaScript: "Preview" is a submit button that renders the same page with what
the query would have matched; app.js refreshes that list as you type (GET
/api/subscriptions/preview). Every write is a POST with the CSRF token (and the API token when
one is configured, like /submit), answered with a redirect so a reload never repeats it.
Notification URLs carry secrets: pages only ever show them redacted, and the edit form leaves
the stored channels alone unless new ones are typed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ..ids import parse_row_id
from ..alerts import Alert, AlertStore, Subscription, preview, redact, validate_subscription
from ..alerts.outbox import STATUSES
from ..alerts.subscriptions import DIGESTS, UPDATES
from ..errors import InputError, QueryError
from .alert_actions import reason_line, send_test
from .api_alerts import edit_subscription
from .pages import render
from .security import token_matches, verify_csrf
from .params import RowId

if TYPE_CHECKING:
    from ..store import Store

router = APIRouter(include_in_schema=False)

PREVIEW_LIMIT = 20
LOG_PAGE_SIZE = 50
UPDATES_HELP = {
    "developments": "new stories and their developments (not copies)",
    "new-stories": "only the first article of each new story",
    "all": "every matching article, copies included",
}
# What a redirect after a write may announce: fixed texts, so nothing from the URL is echoed.
NOTICES = {
    "created": "Subscription created.",
    "saved": "Changes saved.",
    "paused": "Paused: no alerts until you resume it.",
    "resumed": "Resumed: alerts are on again.",
    "deleted": "Subscription deleted with its alerts.",
}


def _alert_store(request: Request) -> AlertStore:
    return AlertStore(request.app.state.web.store)


def _needs_token(request: Request) -> bool:
    return bool(request.app.state.web.settings.api_token)


def _channels(text: str) -> list[str]:
    """The notify textarea: one URL per line, blank lines ignored."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def _form(query: str = "", name: str = "", notify: str = "", updates: str = "developments",
          digest: str = "none") -> dict[str, str]:
    return {"query": query, "name": name, "notify": notify, "updates": updates, "digest": digest}


def _validate(request: Request, form: dict[str, str], notify: list[str]):
    return validate_subscription(
        form["query"], notify, name=form["name"], digest=None if form["digest"] in ("", "none") else form["digest"],
        updates=form["updates"] or None, allow_private=request.app.state.web.settings.allow_private_urls,
    )


def _subscription_row(sub: Subscription, counts: dict[str, int]) -> dict[str, Any]:
    return {
        "sub": sub, "channels": [redact(url) for url in sub.notify],
        "counts": [(status, counts.get(status, 0)) for status in STATUSES],
        "total": sum(counts.values()),
    }


def _preview_rows(request: Request, query: str) -> tuple[list[dict[str, Any]], str | None]:
    """(rows, error) of the preview for `query`: the error is the query's one-line message."""
    if not query.strip():
        return [], None
    try:
        hits = preview(request.app.state.web.store, query, limit=PREVIEW_LIMIT)
    except (QueryError, InputError) as exc:
        return [], str(exc)
    return [{"hit": hit, "why": reason_line(hit)} for hit in hits], None


def _list_page(request: Request, form: dict[str, str], *, error: str | None = None,
               previewed: bool = False, status_code: int = 200) -> Response:
    alert_store = _alert_store(request)
    counts = request.app.state.web.store.alert_counts()
    rows = [_subscription_row(sub, counts.get(sub.id, {})) for sub in alert_store.subscriptions()]
    hits, preview_error = _preview_rows(request, form["query"]) if previewed else ([], None)
    return render(request, "subscriptions.html", {
        "page_title": "Subscriptions", "rows": rows, "form": form, "error": error,
        "previewed": previewed, "hits": hits, "preview_error": preview_error,
        "updates_modes": [(mode, UPDATES_HELP.get(mode, "")) for mode in UPDATES], "digests": DIGESTS,
        "needs_token": _needs_token(request), "notice": NOTICES.get(request.query_params.get("notice", "")),
    }, status_code=status_code)


@router.get("/subscriptions", response_class=HTMLResponse)
def subscriptions_page(request: Request) -> Response:
    return _list_page(request, _form())


@router.post("/subscriptions", response_class=HTMLResponse)
def create_or_preview(
    request: Request,
    csrf_token: str = Form(""),
    action: str = Form("create"),
    query: str = Form("", max_length=2000),
    name: str = Form("", max_length=1000),
    notify: str = Form("", max_length=50_000),
    updates: str = Form("developments", max_length=32),
    digest: str = Form("none", max_length=32),
    api_token: str = Form(""),
) -> Response:
    """Create a subscription, or ("Preview") show what its query would have matched."""
    verify_csrf(request, csrf_token)
    form = _form(query, name, notify, updates, digest)
    if action == "preview":
        _, preview_error = _preview_rows(request, query)
        return _list_page(request, form, previewed=True, status_code=400 if preview_error else 200)
    if not token_matches(request.app.state.web.settings, api_token or None):
        return _list_page(request, form, error="the API token is missing or wrong", previewed=True, status_code=401)
    if not query.strip():
        return _list_page(request, form, error="type the query to follow", status_code=422)
    try:
        spec = _validate(request, form, _channels(notify))
    except (QueryError, InputError) as exc:
        return _list_page(request, form, error=str(exc), previewed=True,
                          status_code=400 if isinstance(exc, QueryError) else 422)
    created = _alert_store(request).add_subscription(spec)
    return RedirectResponse(f"/subscriptions/{created.id}?notice=created", status_code=303)


def _found(request: Request, subscription_id: int) -> Subscription:
    found = _alert_store(request).get_subscription(subscription_id)
    if found is None:
        raise HTTPException(404, f"no subscription {subscription_id}")
    return found


def _alert_rows(store: Store, alerts: list[Alert], subscriptions: dict[int, Subscription]) -> list[dict[str, Any]]:
    """Alert log rows: what each message was about (from its stored payload), where it went, and
    the article's link (by its public id: the log keeps its store number)."""
    names = store.public_ids([alert.article_id for alert in alerts if alert.article_id])
    rows = []
    for alert in alerts:
        payload = alert.payload or {}
        story = payload.get("story") if isinstance(payload.get("story"), dict) else {}
        article = payload.get("article") if isinstance(payload.get("article"), dict) else {}
        if payload.get("type") == "digest":
            stories = payload.get("stories") or []
            story = {"title": f"digest of {len(stories)} stories"}
        sub = subscriptions.get(alert.subscription_id)
        rows.append({
            "alert": alert, "channel": redact(alert.channel), "subscription": sub,
            "story_title": story.get("title"), "article_title": article.get("title"),
            "article_id": names.get(alert.article_id) if alert.article_id else None,
        })
    return rows


def _status_filter(status: str) -> str | None:
    if status and status not in STATUSES:
        raise HTTPException(422, f"unknown alert status {status!r} (use {', '.join(STATUSES)})")
    return status or None


@router.get("/subscriptions/{subscription_id}", response_class=HTMLResponse)
def subscription_page(
    subscription_id: RowId,
    request: Request,
    status: str = Query("", max_length=20),
    page: int = Query(1, ge=1, le=100_000),
    tested: str = Query("", max_length=400),
) -> Response:
    """One subscription: what it follows, its actions, and its alert log."""
    sub = _found(request, subscription_id)
    return _detail_page(request, sub, _form(sub.query, sub.name or "", "", sub.updates, sub.digest or "none"),
                        status=status, page=page, tested=tested)


def _detail_page(request: Request, sub: Subscription, form: dict[str, str], *, status: str = "", page: int = 1,
                 tested: str = "", error: str | None = None, status_code: int = 200) -> Response:
    alert_store = _alert_store(request)
    wanted = _status_filter(status)
    found = alert_store.alerts(subscription_id=sub.id, status=wanted, limit=LOG_PAGE_SIZE + 1,
                               offset=(page - 1) * LOG_PAGE_SIZE)
    counts = request.app.state.web.store.alert_counts().get(sub.id, {})
    test_ids = [i for i in (parse_row_id(part) for part in tested.split(",")) if i is not None][:20]
    test_alerts = [a for a in (alert_store.get_alert(i) for i in test_ids) if a is not None and a.subscription_id == sub.id]
    return render(request, "subscription.html", {
        "page_title": sub.label, "row": _subscription_row(sub, counts), "sub": sub,
        "log": _alert_rows(request.app.state.web.store, found[:LOG_PAGE_SIZE], {sub.id: sub}), "has_more": len(found) > LOG_PAGE_SIZE,
        "page": page, "status": wanted or "", "statuses": STATUSES, "form": form, "error": error,
        "updates_modes": [(mode, UPDATES_HELP.get(mode, "")) for mode in UPDATES], "digests": DIGESTS,
        "needs_token": _needs_token(request), "notice": NOTICES.get(request.query_params.get("notice", "")),
        "tested": _alert_rows(request.app.state.web.store, test_alerts, {sub.id: sub}), "test_requested": bool(tested),
    }, status_code=status_code)


def _check_write(request: Request, csrf_token: str, api_token: str) -> None:
    verify_csrf(request, csrf_token)
    if not token_matches(request.app.state.web.settings, api_token or None):
        raise HTTPException(401, "the API token is missing or wrong")


@router.post("/subscriptions/{subscription_id}/pause", response_class=HTMLResponse)
def pause(subscription_id: RowId, request: Request, csrf_token: str = Form(""), paused: str = Form("1"),
          api_token: str = Form(""), back: str = Form("")) -> Response:
    """Pause (paused=1) or resume (paused=0)."""
    _check_write(request, csrf_token, api_token)
    _found(request, subscription_id)
    now_paused = paused not in ("0", "", "false")
    _alert_store(request).set_paused(subscription_id, now_paused)
    target = "/subscriptions" if back == "list" else f"/subscriptions/{subscription_id}"
    return RedirectResponse(f"{target}?notice={'paused' if now_paused else 'resumed'}", status_code=303)


@router.post("/subscriptions/{subscription_id}/delete", response_class=HTMLResponse)
def delete(subscription_id: RowId, request: Request, csrf_token: str = Form(""), api_token: str = Form("")) -> Response:
    _check_write(request, csrf_token, api_token)
    if not _alert_store(request).delete_subscription(subscription_id):
        raise HTTPException(404, f"no subscription {subscription_id}")
    return RedirectResponse("/subscriptions?notice=deleted", status_code=303)


@router.post("/subscriptions/{subscription_id}/test", response_class=HTMLResponse)
def test_send(subscription_id: RowId, request: Request, csrf_token: str = Form(""), api_token: str = Form("")) -> Response:
    """Send a test message through every channel now; the outcome shows on the subscription page."""
    _check_write(request, csrf_token, api_token)
    sub = _found(request, subscription_id)
    if not sub.notify:
        return _detail_page(request, sub, _form(sub.query, sub.name or "", "", sub.updates, sub.digest or "none"),
                            error="this subscription has no notification channels to test (its Atom feed needs none)",
                            status_code=422)
    sent = send_test(_alert_store(request), request.app.state.web.runner, sub)
    ids = ",".join(str(a.id) for a in sent) or "none"
    return RedirectResponse(f"/subscriptions/{subscription_id}?tested={ids}", status_code=303)


@router.post("/subscriptions/{subscription_id}/edit", response_class=HTMLResponse)
def edit(
    subscription_id: RowId,
    request: Request,
    csrf_token: str = Form(""),
    query: str = Form("", max_length=2000),
    name: str = Form("", max_length=1000),
    notify: str = Form("", max_length=50_000),
    clear_channels: str = Form(""),
    updates: str = Form("developments", max_length=32),
    digest: str = Form("none", max_length=32),
    api_token: str = Form(""),
) -> Response:
    """Edit the query, name, modes; channels are replaced only when new ones are typed (or cleared)."""
    verify_csrf(request, csrf_token)
    sub = _found(request, subscription_id)
    form = _form(query, name, notify, updates, digest)
    if not token_matches(request.app.state.web.settings, api_token or None):
        return _detail_page(request, sub, form, error="the API token is missing or wrong", status_code=401)
    channels = [] if clear_channels else (_channels(notify) or list(sub.notify))
    try:
        if not query.strip():
            raise InputError("the query cannot be empty")
        spec = _validate(request, form, channels)
    except (QueryError, InputError) as exc:
        return _detail_page(request, sub, form, error=str(exc), status_code=400 if isinstance(exc, QueryError) else 422)
    edit_subscription(request, _alert_store(request), subscription_id, spec)
    return RedirectResponse(f"/subscriptions/{subscription_id}?notice=saved", status_code=303)


@router.get("/alerts", response_class=HTMLResponse)
def alert_log(request: Request, status: str = Query("", max_length=20),
              page: int = Query(1, ge=1, le=100_000)) -> Response:
    """Every subscription's alerts, newest first, with delivery status and the last error."""
    alert_store = _alert_store(request)
    wanted = _status_filter(status)
    found = alert_store.alerts(status=wanted, limit=LOG_PAGE_SIZE + 1, offset=(page - 1) * LOG_PAGE_SIZE)
    subs = alert_store.subscriptions_by_id(a.subscription_id for a in found)
    return render(request, "alerts.html", {
        "page_title": "Alert log", "log": _alert_rows(request.app.state.web.store, found[:LOG_PAGE_SIZE], subs),
        "has_more": len(found) > LOG_PAGE_SIZE, "page": page, "status": wanted or "", "statuses": STATUSES,
    })
