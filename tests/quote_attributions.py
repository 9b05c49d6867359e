"""What the quote tests read from an article: each quote's opening words and who said it."""

from __future__ import annotations

import wirewatch


def attributions(text: str) -> list[tuple[str, str | None, str | None]]:
    """(first three words of the quote, speaker, speaker words) for each quote of a plain-text
    article, through `wirewatch.analyze` with the shipped pipeline."""
    document = wirewatch.analyze(text, content_type="text/plain")
    return [
        (" ".join(q.text.split()[:3]), q.speaker, q.speaker_mention.text if q.speaker_mention else None)
        for q in document.quotes
    ]
