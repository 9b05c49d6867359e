"""Durable state: articles with full-text search, the entity registry and quotes, stories,
HTTP validators, per-site line statistics."""

from .entity_queries import EntityDetail, EntitySummary, QuoteRecord
from .feed_queries import MAX_INTERVAL, MIN_INTERVAL, Feed, check_interval
from .store import AddResult, SearchHit, Store, StoredDocument
from .story_queries import StorySummary
from .urls import canonical_url

__all__ = [
    "AddResult", "SearchHit", "Store", "StoredDocument", "canonical_url", "EntitySummary",
    "EntityDetail", "QuoteRecord", "StorySummary", "Feed",
    "check_interval", "MIN_INTERVAL", "MAX_INTERVAL",
]
