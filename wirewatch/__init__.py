"""wirewatch: self-hosted news monitoring, analysis and breaking-news alerting.

The public Python surface: `analyze` (one article, no store) and `Store` (open a store, ingest,
search, stories, entities, quotes, subscriptions, alerts, monitored feeds). The CLI is a face
over these names.
"""

from typing import TYPE_CHECKING

from .config import Settings, load_settings
from .document import (
    Dateline,
    Document,
    Entity,
    Mention,
    Quality,
    Quote,
    Removed,
    SourceItem,
)
from .errors import (
    ConfigError,
    DeliveryError,
    FetchError,
    InputError,
    QueryError,
    StoreError,
    WirewatchError,
)
if TYPE_CHECKING:
    from .pipeline import analyze
    from .workspace import Store

__version__ = "0.1.0"

__all__ = [
    "analyze", "Store", "Document", "Entity", "Mention", "Quote", "Quality", "Removed", "Dateline",
    "SourceItem", "Settings", "load_settings", "WirewatchError", "InputError", "FetchError",
    "QueryError", "StoreError", "ConfigError", "DeliveryError", "__version__",
]


def __getattr__(name: str):
    # `analyze` brings extraction (trafilatura) and, on first call, spaCy; `Store` brings the store,
    # runner and alerting (SQLAlchemy, Apprise). Both load on first use, so importing a light part
    # of the package (the records, the CLI's argument parsing for `--help`) stays fast.
    if name == "analyze":
        from .pipeline import analyze

        return analyze
    if name == "Store":
        from .workspace import Store

        return Store
    raise AttributeError(f"module 'wirewatch' has no attribute {name!r}")
