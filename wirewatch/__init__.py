"""wirewatch: self-hosted news monitoring, analysis and breaking-news alerting.

The public Python surface. Everything the CLI and the web app do goes through these names or
the store.
"""

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
from .pipeline import analyze

__version__ = "0.1.0"

__all__ = [
    "analyze", "Document", "Entity", "Mention", "Quote", "Quality", "Removed", "Dateline",
    "SourceItem", "Settings", "load_settings", "WirewatchError", "InputError", "FetchError",
    "QueryError", "StoreError", "ConfigError", "DeliveryError", "__version__",
]
