"""The web face of wirewatch: HTML pages, the JSON API, Atom feeds, live updates, metrics."""

from .app import create_app
from .server import serve

__all__ = ["create_app", "serve"]
