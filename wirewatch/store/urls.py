"""Canonical URLs: the same article reached through different links is stored once."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that only say how a reader arrived, never which article it is.
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "gclsrc", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid",
    "_ga", "_gl", "ocid", "cmpid", "ref_src", "ref_url", "smid", "sr_share", "icid", "ito",
    "guccounter", "guce_referrer", "guce_referrer_sig", "__twitter_impression", "spm",
})
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_", "__hs", "at_")
DEFAULT_PORTS = {"http": 80, "https": 443}


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)


def canonical_url(url: str | None) -> str | None:
    """Lower-case scheme and host, no default port, fragment, tracking parameters or trailing slash;
    the remaining parameters sorted. Not a URL (a file path, "stdin"): returned stripped."""
    if not url or not url.strip():
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        return url
    host = parts.hostname.lower()
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    if port is not None and port != DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    if parts.username or parts.password:
        host = f"{parts.username or ''}{':' + parts.password if parts.password else ''}@{host}"
    path = parts.path.rstrip("/")
    params = sorted(
        (name, value) for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if not _is_tracking(name)
    )
    return urlunsplit((scheme, host, path, urlencode(params), ""))


def source_label(source: str | None, url: str | None) -> str | None:
    """Who published an article: its source name, or else its URL's host without "www."
    (records and pages often carry no source name, but their host is known)."""
    if source and source.strip():
        return source.strip()
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") and host.count(".") > 1 else host


def distinct_sources(labels: list[str | None]) -> list[str]:
    """Source labels once each (case-insensitively), in the order first seen."""
    seen: dict[str, str] = {}
    for label in labels:
        if label and label.casefold() not in seen:
            seen[label.casefold()] = label
    return list(seen.values())
