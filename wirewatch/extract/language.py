"""Language identification (ISO 639-1) with py3langid, the page's own declaration as tie-breaker."""

from __future__ import annotations

from functools import lru_cache

# The first thousand characters decide the language as well as the whole text, at a fraction
# of the cost on long articles.
_SAMPLE_CHARS = 1000
_MIN_CHARS = 20
_CONFIDENT = 0.9


@lru_cache(maxsize=1)
def _identifier():
    """The model, loaded once per process (read-only after loading)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str, declared: str | None = None) -> str | None:
    """The text's language; `declared` (e.g. <html lang>) wins when the model is unsure."""
    sample = text[:_SAMPLE_CHARS]
    letters = sum(1 for c in sample if c.isalpha())
    if letters < _MIN_CHARS:
        return declared
    language, probability = _identifier().classify(sample)
    if probability < _CONFIDENT and declared and len(declared) == 2:
        return declared
    return language
