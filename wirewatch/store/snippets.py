"""HTML-safe snippets: engines mark matches with sentinel characters; we escape, then tag."""

from __future__ import annotations

import html

START, STOP = "\x02", "\x03"
HEAD_CHARS = 240


def marked_snippet(text: str) -> str:
    """Escape everything, then turn the sentinels into <mark> tags (the only markup returned)."""
    return html.escape(text, quote=True).replace(START, "<mark>").replace(STOP, "</mark>")


def head_snippet(text: str) -> str:
    """The start of the text, cut at a word boundary, for articles no search word points into."""
    text = " ".join(text.replace(START, "").replace(STOP, "").split())
    if len(text) > HEAD_CHARS:
        cut = text.rfind(" ", 0, HEAD_CHARS)
        text = text[: cut if cut > 0 else HEAD_CHARS] + " …"
    return html.escape(text, quote=True)
