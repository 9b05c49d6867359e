"""Settings, read once from a TOML file and WIREWATCH_* environment variables, then passed down.

Nothing else in wirewatch reads `os.environ`: code takes a `Settings` (or the fields it needs).
Precedence: explicit arguments (CLI flags) > environment > TOML file > defaults.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, Mapping

from .errors import ConfigError

DEFAULT_DB = "sqlite:///wirewatch.db"
USER_AGENT = "wirewatch/0.1 (+https://github.com/wirewatch/wirewatch; news monitor)"


@dataclass(frozen=True)
class Settings:
    db: str = DEFAULT_DB
    user_agent: str = USER_AGENT
    timeout: float = 20.0  # seconds per HTTP request
    max_bytes: int = 10 * 1024 * 1024  # largest body wirewatch reads, compressed or not
    max_redirects: int = 5
    host_delay: float = 1.0  # seconds between two requests to the same host (politeness)
    poll_concurrency: int = 8  # sources the monitor fetches at once (a slow one delays no other)
    respect_robots: bool = True
    allow_private_urls: bool = False  # SSRF guard: refuse loopback/private/link-local targets
    spacy_model: str | None = None
    api_token: str | None = None
    # Host names the web app answers to (comma-separated; "*" for any). Unset: derived from the
    # address `serve` binds to, so a DNS-rebinding page cannot drive a local instance.
    allowed_hosts: str | None = None
    executor: str = "local"  # where analysis runs: "local" (processes here) or "ray" (a Ray cluster)
    ray_address: str | None = None  # the `ray` executor's cluster: "auto", "HOST:PORT"; unset: local
    # `serve`: processes that analyse pushed articles, each loading the models once (0: in the
    # request's own thread); unset: min(2, CPUs). See runtime/pushes.py.
    analysis_workers: int | None = None
    delivery_threads: int = 8  # `serve`: webhook and notification sends at once (never one key twice)
    alert_max_attempts: int = 8  # deliveries tried before an alert is kept as `failed`
    alert_retry_seconds: float = 20.0  # first retry after this (minus jitter), doubling after
    # The work queue (`wirewatch enqueue`; `wirewatch run` on PostgreSQL, see runtime/workers.py).
    workers: int = 1  # queue workers per `run` process, each analysing in its own process (SQLite: 1)
    queue_lease_seconds: float = 300.0  # a claimed item is claimable again after this (its worker died)
    queue_max_attempts: int = 5  # claims before an item that never finishes is set aside as failed
    queue_poll_seconds: float = 1.0  # how often an idle worker looks for new items

    def with_overrides(self, **overrides: Any) -> "Settings":
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _coerce(name: str, kind: Any, raw: Any) -> Any:
    kind_name = kind if isinstance(kind, str) else getattr(kind, "__name__", str(kind))
    try:
        if "bool" in kind_name:
            if isinstance(raw, bool):
                return raw
            text = str(raw).strip().lower()
            if text in _TRUE:
                return True
            if text in _FALSE:
                return False
            raise ValueError(raw)
        if "float" in kind_name:
            return float(raw)
        if "int" in kind_name:
            return int(raw)
        return None if raw is None else str(raw)
    except (TypeError, ValueError):
        raise ConfigError(f"invalid value for setting {name!r}: {raw!r}") from None


def load_settings(
    config_file: str | Path | None = None,
    environ: Mapping[str, str] | None = None,
    **overrides: Any,
) -> Settings:
    """Build the settings: defaults, then the TOML file, then WIREWATCH_* variables, then overrides."""
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    types = {f.name: f.type for f in fields(Settings)}
    path = config_file or environ.get("WIREWATCH_CONFIG")
    if path:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"config file not found: {path}") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"config file {path} is not valid TOML: {exc}") from None
        section = data.get("wirewatch", data)
        for key, raw in section.items():
            if key not in types:
                raise ConfigError(f"unknown setting {key!r} in {path}")
            values[key] = _coerce(key, types[key], raw)
    aliases = {"allow_private_urls": "WIREWATCH_ALLOW_PRIVATE_URLS"}
    for name, kind in types.items():
        var = aliases.get(name, "WIREWATCH_" + name.upper())
        if var in environ:
            values[name] = _coerce(name, kind, environ[var])
    settings = Settings(**values)
    return settings.with_overrides(**overrides)
