"""The JSON API for subscriptions and their alerts, and each subscription's Atom feed.

Over `wirewatch.alerts.AlertStore` (same database as the articles). Notification URLs can carry
secrets (webhook tokens, passwords), so they are only ever shown redacted. Writes follow the
same rules as every API write: a JSON body, and the bearer token when one is configured.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from ..ids import MAX_ROW_ID
from ..alerts import (
    Alert, AlertStore, Subscription, alert_dict, preview, redact, subscription_feed, validate_subscription,
)
from ..alerts.preview import MAX_PREVIEW
from ..errors import InputError
from .params import UtcDateTime, RowId
from .alert_actions import preview_item, send_test
from .api import ARTICLE_ID, ERRORS, ErrorOut, LimitParam, OffsetParam, Page, next_url
from .security import require_json_body, require_write_access

router = APIRouter(prefix="/api", tags=["api"])
feeds_router = APIRouter(prefix="/feeds", tags=["feeds"])

WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    401: {"model": ErrorOut, "description": "a bearer token is needed"},
    415: {"model": ErrorOut, "description": "the body is not JSON"},
}


class SubscriptionLinks(BaseModel):
    self: str
    feed: str = Field(description="Atom feed of its alerts")
    alerts: str


class SubscriptionOut(BaseModel):
    id: int
    name: str | None
    query: str = Field(description="the query language, as in search (entity:, speaker:, type:, story: included)")
    notify: list[str] = Field(description="notification channels (Apprise URLs), secrets redacted")
    digest: str | None = Field(description="null: one message per alert; hourly | daily: digests")
    updates: str
    paused: bool
    created_at: UtcDateTime | None
    links: SubscriptionLinks


class SubscriptionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    query: str = Field(..., min_length=1, max_length=2000)
    notify: list[str] = Field(default_factory=list, max_length=20, description="Apprise URLs; may be empty")
    name: str | None = Field(None, max_length=200)
    digest: str | None = Field(None, description="hourly | daily")
    updates: str | None = Field(None, description="which story updates alert (see the alerts docs)")


class SubscriptionPatch(BaseModel):
    """Pause/resume, and/or edit: fields left out keep their value (the edit is validated whole)."""

    model_config = ConfigDict(extra="forbid")

    paused: bool | None = Field(None, description="pause (true) or resume (false) the subscription")
    query: str | None = Field(None, min_length=1, max_length=2000)
    notify: list[str] | None = Field(None, max_length=20, description="replaces every channel")
    name: str | None = Field(None, max_length=200, description="an empty string removes the name")
    digest: str | None = Field(None, description="hourly | daily | none")
    updates: str | None = None


class PreviewReason(BaseModel):
    terms: list[str]
    entities: list[str]
    speakers: list[str]
    quote: dict[str, str] | None


class StatementOut(BaseModel):
    speaker: str
    text: str


class PreviewLinks(BaseModel):
    self: str = Field(description="the article (GET /api/documents/{id})")
    html: str = Field(description="the article's page")
    story: str | None


class PreviewHitOut(BaseModel):
    id: str = Field(description=ARTICLE_ID)
    title: str
    url: str | None
    source: str | None
    published: UtcDateTime | None
    story_id: str | None
    story_title: str | None
    role: str | None = Field(description="original | copy | development")
    reason: PreviewReason = Field(description="why it matched")
    statements: list[StatementOut] = Field(description="the article's quotes by the speakers its speaker: filters matched")
    links: PreviewLinks


class PreviewOut(BaseModel):
    query: str
    items: list[PreviewHitOut] = Field(description="newest first")
    limit: int


class TestSendOut(BaseModel):
    items: list["AlertOut"] = Field(description="one test message per channel, as it stands after the attempt")


class AlertOut(BaseModel):
    id: int
    key: str
    kind: str = Field(description="alert | digest | test")
    subscription: int
    story: str | None
    article: str | None = Field(description="the alerted article's id (" + ARTICLE_ID + ")")
    channel: str = Field(description="secrets redacted")
    status: str = Field(description="delivery status: pending, sent, failed, ...")
    attempts: int
    last_error: str | None = Field(description="why the last delivery attempt failed")
    next_attempt_at: UtcDateTime | None
    created_at: UtcDateTime | None
    sent_at: UtcDateTime | None


TestSendOut.model_rebuild()


class SubscriptionPage(Page[SubscriptionOut]):
    pass


class AlertPage(Page[AlertOut]):
    pass


def _alert_store(request: Request) -> AlertStore:
    return AlertStore(request.app.state.web.store)


def subscription_out(sub: Subscription) -> SubscriptionOut:
    return SubscriptionOut(
        id=sub.id, name=sub.name, query=sub.query, notify=[redact(url) for url in sub.notify],
        digest=sub.digest, updates=sub.updates, paused=sub.paused, created_at=sub.created_at,
        links=SubscriptionLinks(self=f"/api/subscriptions/{sub.id}", feed=f"/feeds/subscriptions/{sub.id}.atom",
                                alerts=f"/api/alerts?subscription={sub.id}"),
    )


def alerts_out(request: Request, alerts: list[Alert]) -> list[AlertOut]:
    """Alerts as the API shows them: the article named by its public id, like everywhere else."""
    article_ids = request.app.state.web.store.public_ids([a.article_id for a in alerts if a.article_id])
    answers = []
    for alert in alerts:
        fields = alert_dict(alert)
        if alert.article_id is not None:
            fields["article"] = article_ids.get(alert.article_id, str(alert.article_id))
        answers.append(AlertOut(**fields))
    return answers


def _found(alert_store: AlertStore, subscription_id: int) -> Subscription:
    found = alert_store.get_subscription(subscription_id)
    if found is None:
        raise HTTPException(404, f"no subscription {subscription_id}")
    return found


@router.get("/subscriptions", response_model=SubscriptionPage, responses=ERRORS)
def list_subscriptions(request: Request, limit: int = LimitParam, offset: int = OffsetParam) -> Any:
    """Every subscription, oldest first."""
    everything = _alert_store(request).subscriptions()
    window = everything[offset:offset + limit]
    return SubscriptionPage(items=[subscription_out(s) for s in window], limit=limit, offset=offset,
                            total=len(everything),
                            next=next_url(request, limit, offset, offset + limit < len(everything)))


@router.post("/subscriptions", status_code=201, response_model=SubscriptionOut, responses=WRITE_ERRORS,
             dependencies=[Depends(require_write_access), Depends(require_json_body)])
def create_subscription(payload: SubscriptionIn, request: Request, response: Response) -> Any:
    """Subscribe to a query: 400 when the query does not parse, 422 for a refused channel URL."""
    settings = request.app.state.web.settings
    spec = validate_subscription(payload.query, payload.notify, name=payload.name, digest=payload.digest,
                                 updates=payload.updates, allow_private=settings.allow_private_urls)
    created = _alert_store(request).add_subscription(spec)
    response.headers["Location"] = f"/api/subscriptions/{created.id}"
    return subscription_out(created)


@router.get("/subscriptions/preview", response_model=PreviewOut, responses=ERRORS)
def preview_subscription(
    request: Request,
    q: str = Query(..., min_length=1, max_length=2000, description="a subscription query"),
    limit: int = Query(20, ge=1, le=MAX_PREVIEW),
) -> Any:
    """What the query would have matched among the stored articles (newest first), with reasons;
    400 invalid_query when it does not parse."""
    hits = preview(request.app.state.web.store, q, limit=limit)
    return PreviewOut(query=q, items=[PreviewHitOut(**preview_item(h)) for h in hits], limit=limit)


@router.get("/subscriptions/{subscription_id}", response_model=SubscriptionOut, responses=ERRORS)
def get_subscription(subscription_id: RowId, request: Request) -> Any:
    return subscription_out(_found(_alert_store(request), subscription_id))


@router.patch("/subscriptions/{subscription_id}", response_model=SubscriptionOut, responses=WRITE_ERRORS,
              dependencies=[Depends(require_write_access), Depends(require_json_body)])
def update_subscription(subscription_id: RowId, payload: SubscriptionPatch, request: Request) -> Any:
    """Pause or resume (`paused`), and/or edit the query, channels, name, digest or updates mode."""
    alert_store = _alert_store(request)
    current = _found(alert_store, subscription_id)
    given = payload.model_fields_set
    if not given:
        raise InputError("nothing to change: send paused, query, notify, name, digest or updates")
    if given - {"paused"}:
        digest = payload.digest if "digest" in given else current.digest
        spec = validate_subscription(
            payload.query if payload.query is not None else current.query,
            payload.notify if payload.notify is not None else current.notify,
            name=payload.name if "name" in given else current.name,
            digest=None if digest in (None, "", "none") else digest,
            updates=payload.updates or current.updates,
            allow_private=request.app.state.web.settings.allow_private_urls,
        )
        current = edit_subscription(request, alert_store, subscription_id, spec)
    if payload.paused is not None:
        current = alert_store.set_paused(subscription_id, payload.paused)
    return subscription_out(current)


def edit_subscription(request: Request, alert_store: AlertStore, subscription_id: int, spec: Any) -> Subscription:
    """Store an edit. Every process's matcher reloads its index on the next article: an edit
    changes `subscriptions_fingerprint` like any other subscription change."""
    return alert_store.update_subscription(subscription_id, spec)


@router.post("/subscriptions/{subscription_id}/test", response_model=TestSendOut, responses=WRITE_ERRORS,
             dependencies=[Depends(require_write_access), Depends(require_json_body)])
def test_subscription(subscription_id: RowId, request: Request) -> Any:
    """Send a test message through each of the subscription's channels now; each outcome is in
    the answer and in the alert log (kind `test`). 422 when it has no channels. Send `{}` as
    application/json (like every write, so a cross-site form cannot trigger it)."""
    alert_store = _alert_store(request)
    found = _found(alert_store, subscription_id)
    if not found.notify:
        raise InputError("this subscription has no notification channels (its Atom feed needs no test)")
    sent = send_test(alert_store, request.app.state.web.runner, found)
    return TestSendOut(items=alerts_out(request, sent))


@router.delete("/subscriptions/{subscription_id}", status_code=204, response_class=Response,
               responses={**ERRORS, 401: {"model": ErrorOut, "description": "a bearer token is needed"}},
               dependencies=[Depends(require_write_access)])
def delete_subscription(subscription_id: RowId, request: Request) -> Response:
    """Remove a subscription with its alerts (queued ones are never sent)."""
    if not _alert_store(request).delete_subscription(subscription_id):
        raise HTTPException(404, f"no subscription {subscription_id}")
    return Response(status_code=204)


@router.get("/alerts", response_model=AlertPage, responses=ERRORS)
def list_alerts(
    request: Request,
    limit: int = LimitParam,
    offset: int = OffsetParam,
    subscription: int | None = Query(None, ge=1, le=MAX_ROW_ID, description="only this subscription's alerts"),
    status: str | None = Query(None, max_length=20, description="only alerts in this delivery status"),
) -> Any:
    """The alert log, newest first, with delivery status and the last error."""
    alert_store = _alert_store(request)
    found = alert_store.alerts(subscription_id=subscription, status=status, limit=limit + 1, offset=offset)
    total = alert_store.count_alerts(subscription_id=subscription, status=status)
    return AlertPage(items=alerts_out(request, found[:limit]), limit=limit, offset=offset,
                     total=total, next=next_url(request, limit, offset, len(found) > limit))


@feeds_router.get("/subscriptions/{subscription_id}.atom", response_class=Response,
                  responses={200: {"content": {"application/atom+xml": {}}},
                             404: {"description": "no such subscription (an error object)"}})
def subscription_atom(subscription_id: RowId, request: Request) -> Response:
    """A subscription's alerts as an Atom feed, newest first."""
    alert_store = _alert_store(request)
    found = _found(alert_store, subscription_id)
    body = subscription_feed(found, alert_store.matches(subscription_id, limit=50),
                             feed_url=str(request.url))
    return Response(body, media_type="application/atom+xml; charset=utf-8")
