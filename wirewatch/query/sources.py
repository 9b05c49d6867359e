"""What `source:VALUE` matches: one rule for search (compiled to SQL in store/conditions.py) and
for subscriptions (evaluated in memory, and indexed by alerts/presearch.py).

An article's source is a name (a feed's title, the record's `source`, the page's site name) or,
when nothing named it, its site's host (`www.ndtv.com`). People write either, in any case, and
rarely the host in full, so `source:VALUE` matches an article whose source

- equals VALUE, ignoring case (`source:"The Guardian"`, `source:reuters`); or
- is a host (no space in it) and VALUE is a run of its dot-separated labels: `source:ndtv`,
  `source:ndtv.com` and `source:"www.ndtv.com"` all match `www.ndtv.com`, `source:cnn` matches
  `edition.cnn.com`. A single label must not be the host's last one, so `source:com` matches no
  `.com` site by its top-level domain.

VALUE is compared in lower case without a leading `http://`/`https://`, `www.` or a trailing `/`
(lower case as the database has it in SQL: SQLite lowers ASCII letters only).
Both faces of the rule live here: `source_matches` (and `source_keys`, every value matching one
source, for the subscription index), and `source_written`, the bare VALUE from which the store's
SQL (store/conditions.py) says the same thing over `'.' || lower(source) || '.'`.
"""

from __future__ import annotations


def source_value(value: str) -> str:
    """VALUE of `source:VALUE` as the rule compares it (lower case)."""
    return source_written(value).lower()


def source_written(value: str) -> str:
    """VALUE without scheme, `www.` and trailing `/`, in its own case: the store's SQL lowers it
    itself, so both sides go through one lower() (Python's and SQLite's differ beyond ASCII)."""
    text = value.strip()
    for prefix in ("https://", "http://"):
        if text.lower().startswith(prefix):
            text = text[len(prefix):]
    text = text.rstrip("/")
    return text[4:] if text.lower().startswith("www.") and len(text) > 4 else text


def _is_host(source: str) -> bool:
    return " " not in source


def source_keys(source: str) -> frozenset[str]:
    """Every (normalised) VALUE that `source:VALUE` matches this source with."""
    name = source.lower()
    keys = {name}
    if _is_host(name):
        labels = name.split(".")
        keys.update(labels[:-1])  # a single label, not the last one
        for start in range(len(labels)):
            for end in range(start + 2, len(labels) + 1):
                keys.add(".".join(labels[start:end]))
    return frozenset(keys)


def source_matches(source: str | None, value: str) -> bool:
    """Whether an article with this source matches `source:value` (`value` as written)."""
    if source is None:
        return False
    wanted = source_value(value)
    name = source.lower()
    if name == wanted:
        return True
    if not _is_host(name) or not wanted:
        return False
    if "." in wanted:
        return f".{wanted}." in f".{name}."
    return f".{wanted}." in f".{name}"
