"""Blocks of the article the extractor dropped, put back between the ones it kept.

trafilatura's precision mode drops some of the article's own blocks: section headings made into
anchors, figure captions, a prose paragraph whose container looked unlikely. Readability-style
extractors keep them, because they keep the whole container the body sits in. This module takes
that view only where both agree: a block is put back when it sits *between* two blocks the
extractor kept, in document order, with little else between them — inside the article, not in a
sidebar or a footer the extractor left out on purpose — and when it has the shape of article text
(a heading, a caption, a prose paragraph with few links), whatever the page's language.
"""

from __future__ import annotations

import re
from itertools import islice
from bisect import bisect_right
from dataclasses import dataclass

from lxml.etree import XPath, iterwalk
from lxml.html import HtmlElement

_TOKEN = re.compile(r"\w+")
# A block is recognised in the extracted text by its first tokens.
_KEY_TOKENS = 12
_HEADINGS = ("h2", "h3", "h4", "h5", "h6")
_BLOCK_TAGS = ("p", *_HEADINGS, "figcaption", "li")
# A block is already in the body when this share of its 4-token shingles is (the extractor may
# render it apart from its first tokens: entities, inline breaks).
_PRESENT_SHARE = 0.5
# Containers whose blocks are never put back: navigation and page regions the extractor skips on
# purpose, and lists and tables, which the extractor renders as a whole.
_NOT_ARTICLE = ("nav", "aside", "footer", "header", "form", "li", "td", "th", "button", "a")
_IN_FURNITURE = XPath("boolean(" + " or ".join(f"ancestor::{tag}" for tag in _NOT_ARTICLE) + ")")

_HEADING_WORDS = 20
_CAPTION_WORDS = 60
_PROSE_WORDS = 12
# A prose paragraph is mostly its own words, a heading mostly not a link.
_MAX_LINK_SHARE = 0.3
# Between two kept blocks, at most this many dropped blocks: a longer run is a region the
# extractor left out (a teaser box, a comment thread), not a block it missed.
_MAX_GAP = 4
# A kept block this short ("Home", "Share") may be found in the body by chance: it anchors nothing.
_ANCHOR_TOKENS = 4


@dataclass
class _Block:
    element: HtmlElement
    text: str
    tokens: list[str]  # its first _KEY_TOKENS tokens, lowercased


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def _link_share(element: HtmlElement, words: int) -> float:
    linked = sum(len(a.text_content().split()) for a in element.iter("a"))
    return linked / max(words, 1)


def _restorable(block: _Block) -> bool:
    """Whether a dropped block has the shape of the article's own text."""
    element = block.element
    words = len(block.text.split())
    if element.tag == "li":
        return False  # lists are rendered whole by the extractor, or left out whole
    if element.tag in _HEADINGS:
        shaped = words <= _HEADING_WORDS
    elif element.tag == "figcaption":
        shaped = words <= _CAPTION_WORDS
    else:
        shaped = words >= _PROSE_WORDS
    return shaped and _link_share(element, words) <= _MAX_LINK_SHARE and not _IN_FURNITURE(element)


def _blocks(tree: HtmlElement) -> list[_Block]:
    blocks = []
    depth = 0  # how many blocks the walk is inside: a paragraph in a list item is the item's text
    for event, element in iterwalk(tree, events=("start", "end"), tag=_BLOCK_TAGS):
        depth += 1 if event == "start" else -1
        if event == "end" or depth > 1:
            continue
        text = " ".join(element.text_content().split())
        # The key's tokens only: most blocks are matched by them, and a page has hundreds.
        tokens = [m.group().lower() for m in islice(_TOKEN.finditer(text), _KEY_TOKENS)]
        if tokens:
            blocks.append(_Block(element, text, tokens))
    return blocks


def _shingles(tokens: list[str]) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + 4]) for i in range(max(len(tokens) - 3, 1))}


def restore_dropped(tree: HtmlElement, lines: list[str]) -> list[str]:
    """`lines` (the extracted body, in order) with the article blocks the extractor dropped
    between two of them inserted at their place."""
    if len(lines) < 2:
        return lines
    # The body as one token string, with where each line starts in it: a block the extractor
    # split over several lines (a paragraph with line breaks) is still found.
    starts: list[int] = []
    joined = " "
    for line in lines:
        starts.append(len(joined))
        joined += " ".join(_tokens(line)) + " "
    present: set[tuple[str, ...]] | None = None
    inserts: dict[int, list[str]] = {}
    position = -1  # the output line of the last kept block
    pending: list[_Block] = []
    gap = 0  # blocks left out since the last kept one
    for block in _blocks(tree):
        key = " " + " ".join(block.tokens) + " "
        at = joined.find(key, starts[max(position, 0)] - 1)
        if at >= 0:
            if len(block.tokens) < _ANCHOR_TOKENS:
                continue  # "Home", "Video": found anywhere, it says nothing about where the body is
            found = bisect_right(starts, at + 1) - 1
            if pending and position >= 0 and found > position and gap <= _MAX_GAP:
                inserts.setdefault(found, []).extend(b.text for b in pending)
            position = max(position, found)
            pending, gap = [], 0
            continue
        if position < 0:
            continue
        restorable = _restorable(block)
        if restorable:
            # Rendered apart from its first tokens (entities, inline breaks) or out of order:
            # already in the body, and no place to insert at.
            present = present if present is not None else _shingles(joined.split())
            shingles = _shingles(_tokens(block.text))
            if len(shingles & present) >= _PRESENT_SHARE * len(shingles):
                pending, gap = [], 0
                continue
        gap += 1
        if pending and pending[-1].element.tag in _HEADINGS and not restorable:
            pending.pop()  # a heading over what was left out belongs to that
        if restorable:
            pending.append(block)
    if not inserts:
        return lines
    restored: list[str] = []
    for index, line in enumerate(lines):
        restored.extend(inserts.get(index, ()))
        restored.append(line)
    return restored
