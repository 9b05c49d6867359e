"""Sending one message through one channel (an Apprise URL), and checking channel URLs.

`json://` and `jsons://` webhooks are posted here with httpx rather than through Apprise, because
the receiver needs the idempotency key both in the JSON body and in an `Idempotency-Key` header
(Apprise's JSON plugin cannot add a per-message header). Everything else (mailto://, Slack,
Telegram, ntfy, Matrix, Discord, ...) goes through `apprise.Apprise().notify`, which only answers
True/False: the reason for a failure is read back from Apprise's log.

Every channel passes the SSRF guard twice. When a subscription is created, the hosts the URL
names are checked: those of the self-hosted schemes, and any IP literal or `localhost` in any
scheme (`kodi://127.0.0.1`). At send time every connection is checked where it is made, after
DNS: webhooks through the guarded httpx transport, Apprise's plugins through the connect-time
guard (`connections_guarded`), whatever the scheme, so a plugin this module knows nothing about
cannot reach loopback or the private network either.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx

from ..errors import DeliveryError, FetchError, InputError
from ..sources import check_url
from ..sources._socketguard import connections_guarded
from ..sources._transport import guarded_transport
from ..sources._urlguard import UnresolvedHost, parse_ip

WEBHOOK_SCHEMES = {"json": "http", "jsons": "https"}
# Services whose URL host is the machine Apprise connects to (self-hosted or generic). For cloud
# services (tgram://, slack://, discord://, ...) the "host" is a token and the target is fixed.
SELF_HOSTED_SCHEMES = {
    "json", "jsons", "xml", "xmls", "form", "forms", "mailto", "mailtos", "ntfy", "ntfys",
    "gotify", "gotifys", "matrix", "matrixs", "mmost", "mmosts", "rocket", "rockets",
    "apprise", "apprises", "nctalk", "nctalks", "ncloud", "nclouds", "rsyslog", "syslog",
}
MAX_ERROR_LENGTH = 500


@dataclass(frozen=True)
class OutgoingMessage:
    """What one channel sends: a title and text for humans, a JSON payload for machines."""

    title: str
    body: str
    payload: dict[str, Any]
    key: str  # idempotency key


def _plugin(url: str) -> Any:
    import apprise  # imported when first needed: it takes a second, and listings never need it

    if not isinstance(url, str) or not url.strip():
        raise InputError("empty notification URL")
    plugin = apprise.Apprise.instantiate(url.strip(), suppress_exceptions=True)
    if plugin is None:
        raise InputError(f"not a notification URL Apprise understands: {redact(url)!r}")
    return plugin


def prepare_channels(*, allow_private: bool) -> None:
    """Load now what the first message would wait for (Apprise's plugins: a second of imports;
    the TLS context every webhook transport shares), without sending anything: a service's warm start."""
    _plugin("json://localhost/")
    guarded_transport(allow_private=allow_private)


def redact(url: str) -> str:
    """The URL without credentials or tokens, for listings and error messages."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "<invalid URL>"
    scheme = parts.scheme.lower()
    host = parts.hostname or ""
    if scheme not in SELF_HOSTED_SCHEMES:
        return f"{scheme}://…"  # cloud-service URLs are made of tokens
    port = f":{parts.port}" if _safe_port(parts) else ""
    return f"{scheme}://{host}{port}{parts.path}"


def _safe_port(parts: Any) -> int | None:
    try:
        return parts.port
    except ValueError:
        return None


def network_targets(url: str) -> list[str]:
    """The http(s) URLs naming each host this channel connects to (for the SSRF guard)."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in SELF_HOSTED_SCHEMES:
        return []
    secure = scheme.endswith("s") and scheme not in ("json", "xml", "form", "ntfy", "nctalk", "ncloud")
    web = "https" if secure or scheme == "jsons" else "http"
    targets = []
    if parts.hostname:
        port = _safe_port(parts)
        targets.append(f"{web}://{_bracket(parts.hostname)}{':' + str(port) if port else ''}/")
    smtp = parse_qs(parts.query).get("smtp")
    if smtp and smtp[0]:
        targets.append(f"http://{_bracket(smtp[0])}/")
    return targets


def _bracket(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def _literal_target(plugin: Any) -> str | None:
    """An http URL for the plugin's host when it is an address or `localhost`, in any scheme.

    For cloud services the "host" is often a token, which must not be resolved; an IP literal or
    `localhost` is never a token.
    """
    host = getattr(plugin, "host", None)
    if not isinstance(host, str) or not host:
        return None
    bare = host.strip("[]")
    if parse_ip(bare) is None and bare.lower().rstrip(".") not in ("localhost", "localhost.localdomain"):
        return None
    return f"http://{_bracket(bare)}/"


def check_channel_url(url: str, *, allow_private: bool, unresolved_ok: bool = False) -> None:
    """InputError unless Apprise understands `url` and every host it names is allowed.

    With `unresolved_ok` (a channel being recorded, not used) a host that does not resolve now is
    accepted: DNS may not be reachable from where the subscription is made, and every delivery
    checks the host again, and guards its connection, before anything is sent.
    """
    plugin = _plugin(url)
    literal = _literal_target(plugin)
    for target in [*network_targets(url), *([literal] if literal else [])]:
        try:
            check_url(target, allow_private=allow_private)
        except FetchError as exc:
            if unresolved_ok and isinstance(exc, UnresolvedHost):
                continue
            raise InputError(f"refused notification URL {redact(url)!r}: {_reason(exc)}") from None


def _reason(exc: Exception) -> str:
    text = str(exc)
    return text.split(": ", 1)[1] if text.startswith("refused URL") and ": " in text else text


def send(channel: str, message: OutgoingMessage, *, timeout: float, user_agent: str,
         allow_private: bool) -> None:
    """Deliver `message` through `channel`; DeliveryError (one line) when it did not arrive."""
    try:
        check_channel_url(channel, allow_private=allow_private)
    except InputError as exc:
        raise DeliveryError(str(exc)) from None
    scheme = urlsplit(channel.strip()).scheme.lower()
    if scheme in WEBHOOK_SCHEMES:
        _post_webhook(channel, message, timeout=timeout, user_agent=user_agent, allow_private=allow_private)
    else:
        _notify_with_apprise(channel, message, allow_private=allow_private)


def _post_webhook(channel: str, message: OutgoingMessage, *, timeout: float, user_agent: str,
                  allow_private: bool) -> None:
    plugin = _plugin(channel)
    scheme = WEBHOOK_SCHEMES[urlsplit(channel.strip()).scheme.lower()]
    port = f":{plugin.port}" if plugin.port else ""
    target = f"{scheme}://{_bracket(plugin.host)}{port}{plugin.fullpath or '/'}"
    headers = {
        "User-Agent": user_agent,
        "Content-Type": "application/json",
        **dict(getattr(plugin, "headers", None) or {}),
        "Idempotency-Key": message.key,
    }
    auth = (plugin.user, plugin.password or "") if plugin.user else None
    body = json.dumps({**message.payload, "idempotency_key": message.key}, ensure_ascii=False)
    method = (getattr(plugin, "method", None) or "POST").upper()
    try:
        # The connection itself is guarded too: the host was checked a moment ago, but a hostile
        # resolver could answer the connection's own lookup with 127.0.0.1 (DNS rebinding).
        transport = guarded_transport(allow_private=allow_private)
        with httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False, transport=transport) as client:
            response = client.request(method, target, content=body.encode("utf-8"),
                                      headers=headers, auth=auth)
    except httpx.HTTPError as exc:
        raise DeliveryError(f"webhook {redact(channel)} failed: {type(exc).__name__}: {exc}"[:MAX_ERROR_LENGTH]) from None
    except FetchError as exc:  # the guarded connection refused the address the host resolved to
        raise DeliveryError(f"webhook {redact(channel)} refused: {exc}"[:MAX_ERROR_LENGTH]) from None
    if not 200 <= response.status_code < 300:
        raise DeliveryError(f"webhook {redact(channel)} answered HTTP {response.status_code}")


def _notify_with_apprise(channel: str, message: OutgoingMessage, *, allow_private: bool) -> None:
    import apprise

    # async_mode=False: Apprise sends in this thread, where the connect-time guard is active.
    notifier = apprise.Apprise(asset=apprise.AppriseAsset(storage_mode="memory", async_mode=False))
    if not notifier.add(channel):
        raise DeliveryError(f"not a notification URL Apprise understands: {redact(channel)!r}")
    with apprise.LogCapture(level=logging.WARNING, fmt="%(message)s") as captured, \
            connections_guarded(allow_private=allow_private) as refusals:
        delivered = notifier.notify(title=message.title, body=message.body)
        log = captured.getvalue()
    if refusals:
        raise DeliveryError(f"{redact(channel)} refused: {refusals[0]}"[:MAX_ERROR_LENGTH])
    if not delivered:
        lines = [line.strip() for line in log.splitlines() if line.strip()]
        reason = lines[-1] if lines else "Apprise reported a failure without a reason"
        raise DeliveryError(f"{redact(channel)}: {reason}"[:MAX_ERROR_LENGTH])
