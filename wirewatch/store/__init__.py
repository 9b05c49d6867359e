"""Durable state: articles with full-text search, the entity registry and quotes, stories,
HTTP validators, per-site line statistics. The only package that speaks SQL."""

from .document_queries import DocumentSummary
from .entity_queries import EntityDetail, EntitySummary, QuoteRecord
from .feed_queries import Feed
from .store import AddResult, SearchHit, Store, StoredDocument
from .story_queries import ArticleHeader, LogEntry, StoredArticle, StorySummary
from .story_session import StorySession, Transaction
from .urls import canonical_url

__all__ = [
    "AddResult", "SearchHit", "Store", "StoredDocument", "canonical_url", "EntitySummary",
    "EntityDetail", "QuoteRecord", "StorySummary", "Feed", "DocumentSummary", "ArticleHeader", "LogEntry",
    "StoredArticle", "StorySession", "Transaction",
]
