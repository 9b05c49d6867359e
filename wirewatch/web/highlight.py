"""Article text as HTML paragraphs with entity mentions and quotes marked.

The offsets come from analysis and are trusted only as hints: overlapping, crossing or
out-of-range spans are dropped rather than producing broken markup, and every character of the
text is emitted exactly once, escaped. So the page always shows the whole article, safely, even
when analysis got something wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from collections.abc import Mapping

from markupsafe import Markup, escape

from ..document import Document
from .templating import entity_href

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    kind: str  # "quote" | "mention" | "speaker"
    label: str  # hover text
    css: str
    href: str | None = None


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the paragraphs: blank lines separate them, as in the document record."""
    spans, position = [], 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _spans(document: Document, ids: Mapping[str, int]) -> tuple[list[_Span], list[_Span]]:
    size = len(document.text)

    def valid(start: int, end: int) -> bool:
        return isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= size

    quotes = [
        _Span(q.start, q.end, "quote", f"{q.speaker or 'unattributed'}{' — ' + q.cue if q.cue else ''}", "quote")
        for q in document.quotes
        if valid(q.start, q.end)
    ]
    inner: list[_Span] = []
    for entity in document.entities:
        for m in entity.mentions:
            if valid(m.start, m.end):
                inner.append(
                    _Span(m.start, m.end, "mention", f"{entity.name} ({entity.type})",
                          f"mention ent-{_css_token(entity.type)}", entity_href(entity.name, ids.get(entity.name)))
                )
    for q in document.quotes:
        m = q.speaker_mention
        if m is not None and valid(m.start, m.end):
            inner.append(_Span(m.start, m.end, "speaker", f"speaker: {q.speaker or m.text}", "speaker"))
    return _non_overlapping(quotes), _non_overlapping(inner)


def _css_token(value: str) -> str:
    return re.sub(r"[^a-z0-9-]", "", value.lower()) or "other"


def _non_overlapping(spans: list[_Span]) -> list[_Span]:
    """Keep the earliest (then longest) of overlapping spans; speakers win ties over mentions."""
    kept: list[_Span] = []
    order = {"speaker": 0, "quote": 0, "mention": 1}
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start), order[s.kind])):
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return kept


def render_paragraphs(document: Document, entity_ids: Mapping[str, int] | None = None) -> list[Markup]:
    """One escaped HTML fragment per paragraph, quotes as <q>-like spans, mentions as links.

    Mentions link to their entity's page: by registry id where `entity_ids` knows the name."""
    quotes, inner = _spans(document, entity_ids or {})
    text = document.text
    rendered = []
    for p_start, p_end in paragraphs(text):
        # A span is shown in the paragraph that holds it whole; mentions must sit inside one quote
        # or outside all of them, so the markup always nests.
        p_quotes = [q for q in quotes if p_start <= q.start and q.end <= p_end]
        p_inner = [
            s for s in inner
            if p_start <= s.start and s.end <= p_end
            and all(s.end <= q.start or s.start >= q.end or (q.start <= s.start and s.end <= q.end) for q in p_quotes)
        ]
        rendered.append(_render_range(text, p_start, p_end, p_quotes, p_inner))
    return rendered


def _render_range(text: str, start: int, end: int, quotes: list[_Span], inner: list[_Span]) -> Markup:
    out: list[str] = []
    position = start
    for quote in quotes:
        out.append(_render_inner(text, position, quote.start, inner))
        body = _render_inner(text, quote.start, quote.end, inner)
        out.append(f'<span class="{quote.css}" title="{escape(quote.label)}">{body}</span>')
        position = quote.end
    out.append(_render_inner(text, position, end, inner))
    return Markup("".join(out))


def _render_inner(text: str, start: int, end: int, inner: list[_Span]) -> str:
    out: list[str] = []
    position = start
    for span in inner:
        if span.start < start or span.end > end:
            continue
        out.append(str(escape(text[position:span.start])))
        words = escape(text[span.start:span.end])
        label = escape(span.label)
        if span.href:
            out.append(f'<a class="{span.css}" href="{escape(span.href)}" title="{label}">{words}</a>')
        else:
            out.append(f'<span class="{span.css}" title="{label}">{words}</span>')
        position = span.end
    out.append(str(escape(text[position:end])))
    return "".join(out)
