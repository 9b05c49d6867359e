"""Durable state: articles with full-text search, the entity registry and quotes, stories,
HTTP validators, per-site line statistics, the work queue. The only package that speaks SQL."""

from .alert_records import (
    DEFAULT_UPDATES, FAILED, PENDING, RETRYING, SENT, STATUSES, Alert, AlertMatch, ArticleAlerts,
    DecidedAlert, DigestBatch, Fingerprint, NewAlert, Subscription, SubscriptionChange, SubscriptionSpec,
)
from .alert_store import AlertStore
from .document_queries import DocumentSummary
from .outbox import MAX_ERROR_LENGTH, RetryPolicy
from .entity_queries import EntityDetail, EntitySummary, QuoteRecord
from .export_queries import COLUMNS as EXPORT_COLUMNS, KINDS as EXPORT_KINDS
from .feed_queries import MAX_INTERVAL, MIN_INTERVAL, Feed, check_interval
from .store import AddResult, SearchHit, Store, StoredDocument
from .story_queries import SORTS as STORY_SORTS, ArticleHeader, LogEntry, StoredArticle, StorySummary
from .story_session import StorySession, Transaction
from .time_queries import TimeCounts
from .urls import canonical_url, distinct_sources, source_label
from .work_queue import QueueCounts, WorkItem, WorkQueue

__all__ = [
    "AddResult", "SearchHit", "Store", "StoredDocument", "canonical_url", "EntitySummary",
    "EntityDetail", "QuoteRecord", "StorySummary", "Feed", "DocumentSummary", "ArticleHeader", "LogEntry",
    "StoredArticle", "StorySession", "Transaction", "AlertStore", "Alert", "AlertMatch", "ArticleAlerts",
    "DecidedAlert", "DigestBatch", "Fingerprint", "NewAlert", "Subscription", "SubscriptionChange", "SubscriptionSpec", "RetryPolicy",
    "MAX_ERROR_LENGTH", "DEFAULT_UPDATES", "FAILED", "PENDING", "RETRYING", "SENT", "STATUSES",
    "check_interval", "MIN_INTERVAL", "MAX_INTERVAL", "QueueCounts", "WorkItem", "WorkQueue",
    "STORY_SORTS", "distinct_sources", "source_label",
    "EXPORT_COLUMNS", "EXPORT_KINDS", "TimeCounts",
]
