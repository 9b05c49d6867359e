"""Polite, bounded HTTP fetching: one httpx.Client per Fetcher.

Every hop (the URL and each redirect target) goes through the SSRF guard, robots.txt and the
per-host rate limit; bodies are read as a stream and decoded by our own bounded decoders, so
neither a huge page nor a decompression bomb can take more than `settings.max_bytes` of memory.
The body is never charset-decoded here: extraction sees the original bytes and the
Content-Type, and decides.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import urljoin, urlsplit

import httpx

from ..config import Settings
from ..errors import FetchError
from ..ids import is_ascii_number
from ._decoding import DecodeFailed, OverLimit, decoder_for, supported_encodings
from ._ratelimit import HostRateLimiter
from ._robots import ROBOTS_MAX_BYTES, RobotsRules
from ._transport import fetch_deadline, guarded_transport
from ._urlguard import check_url

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/feed+json,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"
)


class ValidatorCache(Protocol):
    """Where conditional-GET validators live between fetches (the store implements it)."""

    def get_validators(self, url: str) -> tuple[str | None, str | None] | None:
        """(etag, last_modified) last seen for `url`, or None."""
        ...

    def put_validators(self, url: str, etag: str | None, last_modified: str | None) -> None: ...


class MemoryValidatorCache:
    """A ValidatorCache in a dict, for one process's lifetime (tests, one-off runs)."""

    def __init__(self) -> None:
        self._validators: dict[str, tuple[str | None, str | None]] = {}

    def get_validators(self, url: str) -> tuple[str | None, str | None] | None:
        return self._validators.get(url)

    def put_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        self._validators[url] = (etag, last_modified)


@dataclass
class FetchResult:
    url: str  # the final URL, after redirects
    status: int
    content: bytes  # the decoded (decompressed) body, charset untouched; empty when not_modified
    content_type: str | None
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names
    not_modified: bool = False


class Fetcher:
    """Fetches URLs politely and safely; use as a context manager (it owns an httpx.Client)."""

    def __init__(self, settings: Settings, *, validators: ValidatorCache | None = None) -> None:
        self._settings = settings
        self._validators = validators
        self._limiter = HostRateLimiter(settings.host_delay)
        self._robots: dict[str, RobotsRules] = {}
        self._robots_lock = threading.Lock()
        self._client = httpx.Client(
            timeout=settings.timeout,
            follow_redirects=False,  # we follow them ourselves, re-checking every hop
            trust_env=False,  # no proxy or netrc from the environment: settings are explicit
            transport=guarded_transport(allow_private=settings.allow_private_urls),
            headers={
                "User-Agent": settings.user_agent,
                "Accept": ACCEPT,
                "Accept-Encoding": ", ".join(supported_encodings()),
            },
        )

    @property
    def settings(self) -> Settings:
        return self._settings

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def fetch(self, url: str, *, conditional: bool = True) -> FetchResult:
        """GET `url`; raise FetchError when it cannot be had (status >= 400, refused, too big...).

        With `conditional` and a ValidatorCache, sends the stored ETag / Last-Modified and
        returns `not_modified=True` with empty content on 304; new validators are stored.
        """
        validators = None
        if conditional and self._validators is not None:
            validators = self._validators.get_validators(url)
        result = self._get(
            url, validators=validators, obey_robots=True, max_bytes=self._settings.max_bytes
        )
        if conditional and self._validators is not None and not result.not_modified:
            etag = result.headers.get("etag")
            last_modified = result.headers.get("last-modified")
            if etag or last_modified:
                self._validators.put_validators(url, etag, last_modified)
        return result

    # -- one GET with its redirect chain -------------------------------------------------

    def _get(
        self,
        url: str,
        *,
        validators: tuple[str | None, str | None] | None,
        obey_robots: bool,
        max_bytes: int,
        raise_for_status: bool = True,
    ) -> FetchResult:
        headers: dict[str, str] = {}
        if validators:
            etag, last_modified = validators
            if etag:
                headers["If-None-Match"] = etag
            if last_modified:
                headers["If-Modified-Since"] = last_modified
        # One deadline for the whole fetch, redirects included; time spent waiting for the
        # per-host rate limit is not the server's and is not counted.
        budget = self._settings.timeout
        seen: set[str] = set()
        current = url
        for _ in range(self._settings.max_redirects + 1):
            seen.add(current)
            check_url(current, allow_private=self._settings.allow_private_urls)
            if obey_robots and self._settings.respect_robots:
                self._check_robots(current)
            self._limiter.wait(urlsplit(current).hostname or "")
            with fetch_deadline(budget) as deadline:
                result = self._hop(current, headers, max_bytes, deadline, raise_for_status)
            if isinstance(result, FetchResult):
                return result
            if result in seen:
                raise FetchError(f"redirect loop at {result} (from {url})")
            current = result
            budget = deadline - time.monotonic()
        raise FetchError(
            f"too many redirects (more than {self._settings.max_redirects}) from {url}"
        )

    def _hop(self, current: str, headers: dict[str, str], max_bytes: int, deadline: float,
             raise_for_status: bool) -> FetchResult | str:
        """One request of a redirect chain: its result, or the URL it redirects to."""
        if deadline <= time.monotonic():
            raise FetchError(f"timed out fetching {current} (over {self._settings.timeout:g} s in all)")
        response = self._send(current, headers)
        try:
            if response.status_code in REDIRECT_STATUSES:
                location = response.headers.get("location")
                if not location:
                    raise FetchError(f"HTTP {response.status_code} without Location for {current}")
                return urljoin(current, location.strip())
            if response.status_code == 304:
                return FetchResult(
                    url=current, status=304, content=b"",
                    content_type=response.headers.get("content-type"),
                    headers=dict(response.headers.items()), not_modified=True,
                )
            if response.status_code >= 300:
                if raise_for_status:
                    raise FetchError(f"HTTP {response.status_code} for {current}")
                return FetchResult(
                    url=current, status=response.status_code, content=b"",
                    content_type=response.headers.get("content-type"),
                    headers=dict(response.headers.items()),
                )
            content = self._read_body(response, current, max_bytes, deadline)
            return FetchResult(
                url=current, status=response.status_code, content=content,
                content_type=response.headers.get("content-type"),
                headers=dict(response.headers.items()), not_modified=False,
            )
        finally:
            response.close()

    def _send(self, url: str, headers: dict[str, str]) -> httpx.Response:
        try:
            request = self._client.build_request("GET", url, headers=headers)
            return self._client.send(request, stream=True)
        except httpx.TimeoutException:
            raise FetchError(f"timed out fetching {url}") from None
        except (httpx.HTTPError, httpx.InvalidURL, ValueError) as exc:
            raise FetchError(f"cannot fetch {url}: {_one_line(exc)}") from None

    def _read_body(
        self, response: httpx.Response, url: str, max_bytes: int, deadline: float
    ) -> bytes:
        too_large = f"response larger than {max_bytes} bytes from {url}"
        declared = response.headers.get("content-length", "").strip()
        if is_ascii_number(declared) and int(declared) > max_bytes:
            raise FetchError(too_large)
        try:
            decoder = decoder_for(response.headers.get("content-encoding"))
        except DecodeFailed as exc:
            raise FetchError(f"{exc} from {url}") from None
        body = bytearray()
        raw_size = 0
        try:
            # Whatever each network read brings, however little: a fixed chunk size made httpx
            # buffer 16 KiB before the deadline was checked, so a server sending one byte a
            # second held a fetch for hours. Each read is bounded by the request's timeout.
            for chunk in response.iter_raw():
                raw_size += len(chunk)
                if raw_size > max_bytes:
                    raise FetchError(too_large)
                body += decoder.decode(chunk, max_bytes - len(body))
                if time.monotonic() > deadline:
                    raise FetchError(
                        f"timed out fetching {url} (body took over {self._settings.timeout:g} s)"
                    )
            body += decoder.flush(max_bytes - len(body))
        except OverLimit:
            raise FetchError(too_large) from None
        except DecodeFailed as exc:
            raise FetchError(f"{exc} from {url}") from None
        except httpx.TimeoutException:
            raise FetchError(f"timed out fetching {url}") from None
        except httpx.HTTPError as exc:
            raise FetchError(f"cannot fetch {url}: {_one_line(exc)}") from None
        return bytes(body)

    # -- robots.txt ------------------------------------------------------------------------

    def _check_robots(self, url: str) -> None:
        parts = urlsplit(url)
        key = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
        with self._robots_lock:
            rules = self._robots.get(key)
        if rules is None:
            rules = self._fetch_robots(key)
            with self._robots_lock:
                self._robots[key] = rules
        if not rules.allows(url, self._settings.user_agent):
            reason = f" ({rules.why})" if rules.why else ""
            raise FetchError(f"blocked by robots.txt: {url}{reason}")

    def _fetch_robots(self, origin: str) -> RobotsRules:
        try:
            result = self._get(
                origin + "/robots.txt", validators=None, obey_robots=False,
                max_bytes=ROBOTS_MAX_BYTES, raise_for_status=False,
            )
        except FetchError as exc:
            # Not cached: the next fetch from this host tries again.
            raise FetchError(f"cannot fetch robots.txt for {origin}: {exc}") from None
        return RobotsRules.from_response(result.status, result.content)


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text or type(exc).__name__
