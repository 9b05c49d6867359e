"""Natural-language analysis: the spaCy pipeline and what wirewatch reads from its output."""

from .pipeline import SHIPPED_MODEL, load_pipeline

__all__ = ["SHIPPED_MODEL", "load_pipeline"]
