"""Durable state: articles with full-text search, HTTP validators, per-site line statistics."""

from .store import AddResult, SearchHit, Store, StoredDocument
from .urls import canonical_url

__all__ = ["AddResult", "SearchHit", "Store", "StoredDocument", "canonical_url"]
