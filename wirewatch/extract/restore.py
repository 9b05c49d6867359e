"""Blocks of the article the extractor dropped, put back between the ones it kept.

trafilatura's precision mode drops some of the article's own blocks: section headings, figure
captions, short paragraphs, paragraphs written as <div>s. Readability-style
extractors keep them, because they keep the whole container the body sits in. This module takes
that view only where both agree: a block is put back when it sits *between* two blocks the
extractor kept, in document order, with little else between them — inside the article, not in a
sidebar or a footer the extractor left out on purpose — and when it has the shape of article text
(a heading, a caption, a paragraph with few links — also one written as a <div> of text, as older
layouts do — or an entry of a list of text standing among the article's paragraphs: where no
container is marked as the article, precision mode reads paragraphs one by one and leaves lists
out), whatever the page's language: the tests are on markup and word counts, never on
words. What is put back then goes through the same boilerplate rules as the rest of the body
("Advertisement" or "Anzeige" between two paragraphs is still removed there).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

from lxml.etree import XPath, iterwalk
from lxml.html import HtmlElement

_TOKEN = re.compile(r"\w+")
_LETTER = re.compile(r"[^\W\d_]")
# A block is recognised in the extracted text by its first tokens.
_KEY_TOKENS = 12
_HEADINGS = ("h2", "h3", "h4", "h5", "h6")
_BLOCK_TAGS = ("p", *_HEADINGS, "figcaption", "li")
_LISTS = ("ul", "ol")
_HAS_MEDIA = XPath("boolean(descendant::*[self::img or self::picture or self::figure or self::video or self::iframe])")
# A block whose opening is not in the body is looked for by runs of this many tokens further in.
_TAIL_TOKENS = 6
_SHORT_SHARE = 0.5  # a short block: this share of its 4-token runs
# Containers whose blocks are never put back: navigation and page regions the extractor skips on
# purpose, and lists and tables, which the extractor renders as a whole; nor a block holding
# controls (a row of buttons is an interface, whatever its labels say).
_NOT_ARTICLE = ("nav", "aside", "footer", "header", "form", "li", "td", "th", "button", "a")
_CONTROLS = ("button", "input", "select", "textarea")
_IN_FURNITURE = XPath(
    "boolean("
    + " or ".join([f"ancestor::{tag}" for tag in _NOT_ARTICLE] + [f"descendant::{tag}" for tag in _CONTROLS])
    + ")"
)

# Older layouts write paragraphs as <div>s holding only text and inline markup.
_WALKED = (*_BLOCK_TAGS, "div")
_LEAF_DIVS = XPath(
    "//div[not(div or p or ul or ol or table or figure or section or article or blockquote or pre or h1 or h2"
    " or h3 or h4 or h5 or h6 or header or footer or nav or aside or form)]"
)
# Headings and captions are short; a paragraph may be one line of dialogue ("They both left.").
_MOST_WORDS = {**dict.fromkeys(_HEADINGS, 20), "figcaption": 60}
# A prose paragraph is mostly its own words, a heading mostly not a link.
_MAX_LINK_SHARE = 0.3
# Between two kept blocks, at most this many dropped blocks: a longer run is a region the
# extractor left out (a teaser box, a comment thread), not a block it missed.
_MAX_GAP = 4
# A kept block this short ("Home", "Share") may be found in the body by chance: it anchors nothing.
_ANCHOR_TOKENS = 4
# A short block is looked for at most this many characters of the body's tokens after the end of
# the last kept block (a few words: the extractor's rendering of what sits between them).
_SHORT_REACH = 120


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
        # An entry of a list of the article's own text: not a list of links (a table of contents,
        # related stories), not a gallery (entries holding pictures), not nested in another entry.
        listing = element.getparent()
        if listing is None or listing.tag not in _LISTS or _HAS_MEDIA(element):
            return False
        if _link_share(listing, len(listing.text_content().split())) > _MAX_LINK_SHARE:
            return False
    if words > _MOST_WORDS.get(element.tag, words) or not _LETTER.search(block.text):
        return False  # too long for its kind, or a count or a date ("6", "2018-08-16")
    return _link_share(element, words) <= _MAX_LINK_SHARE and not _IN_FURNITURE(element)


def _blocks(tree: HtmlElement) -> Iterator[_Block]:
    depth = 0  # how many blocks the walk is inside: a paragraph in a list item is the item's text
    leaves = set(_LEAF_DIVS(tree))  # paragraphs written as <div>s; other <div>s are containers
    for event, element in iterwalk(tree, events=("start", "end"), tag=_WALKED):
        if element.tag == "div" and element not in leaves:
            continue
        depth += 1 if event == "start" else -1
        if event == "end" or depth > 1:
            continue
        text = " ".join(element.text_content().split())
        # The key's tokens only: most blocks are matched by them, and a page has hundreds.
        tokens = [m.group().lower() for m in islice(_TOKEN.finditer(text), _KEY_TOKENS)]
        if tokens:
            yield _Block(element, text, tokens)


def _already_in(tokens: list[str], joined: str, start: int) -> bool:
    """Whether a block whose opening was not found is in the body all the same: rendered apart
    from its first tokens (an entity, an inline break, a leading label) or out of order. Runs of
    its tokens further in are looked for: its middle and its end, or, in a short block, half of
    its 4-token runs. Only `joined` from `start` on is searched."""
    if len(tokens) >= 2 * _TAIL_TOKENS:
        middle = len(tokens) // 2
        runs = [tokens[middle : middle + _TAIL_TOKENS], tokens[-_TAIL_TOKENS:]]
        return any(joined.find(" " + " ".join(run) + " ", start) >= 0 for run in runs)
    runs = [tokens[i : i + 4] for i in range(max(len(tokens) - 3, 1))]
    found = sum(joined.find(" " + " ".join(run) + " ", start) >= 0 for run in runs)
    return found >= _SHORT_SHARE * len(runs)


def _find(block: _Block, joined: str, starts: list[int], position: int, end: int) -> int:
    """Where `block` is in the body from the last kept block on, or -1.

    A short block (a caption, a heading, a list item: all its tokens fit the key) is found only
    where it opens a line close after the end of the last kept block (`end`, an offset in
    `joined`). Its few words recur: found further down ("Photo by J. Doe" inside the closing
    "Top photo by J. Doe"; a table of contents' "Architecture" at the section it names), it would
    carry the position past every block in between, and none of them could be put back."""
    key = " " + " ".join(block.tokens) + " "
    at = joined.find(key, starts[max(position, 0)] - 1)
    if len(block.tokens) >= _KEY_TOKENS:
        return at
    if position < 0:
        return -1
    while 0 <= at <= end + _SHORT_REACH:
        if _opens_line(at + 1, starts):
            return at
        at = joined.find(key, at + 1)
    return -1


def _opens_line(offset: int, starts: list[int]) -> bool:
    index = bisect_right(starts, offset) - 1
    return index >= 0 and starts[index] == offset


def _placed(pending: list[_Block], kept: _Block) -> list[_Block]:
    """The pending blocks less the headings that head something other than the body: a section
    heading sits in the container of the text it opens ("More from Milan" heads its own box of
    teasers, which the next kept paragraph is not part of)."""
    ancestors = set(kept.element.iterancestors())
    placed = []
    for block in pending:
        if block.element.tag in _HEADINGS and block.element.getparent() not in ancestors:
            continue
        if block.element.tag == "li":
            # A list the extractor left out is the article's when it stands among the article's
            # paragraphs: in the container of the kept block after it, not in a box of its own.
            if block.element.getparent().getparent() not in ancestors:
                continue
            placed.append(_Block(block.element, "- " + block.text, block.tokens))
            continue
        placed.append(block)
    return placed


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
    inserts: dict[int, list[str]] = {}
    position = -1  # the output line of the last kept block
    end = 0  # where the last kept block ends in `joined`
    pending: list[_Block] = []
    gap = 0  # blocks left out since the last kept one
    for block in _blocks(tree):
        at = _find(block, joined, starts, position, end)
        if at >= 0:
            if len(block.tokens) < _ANCHOR_TOKENS:
                continue  # "Home", "Video": found anywhere, it says nothing about where the body is
            found = bisect_right(starts, at + 1) - 1
            end = max(end, at + len(" ".join(_tokens(block.text))) + 1)
            if pending and position >= 0 and found > position and gap <= _MAX_GAP:
                inserts.setdefault(found, []).extend(b.text for b in _placed(pending, block))
            position = max(position, found)
            pending, gap = [], 0
            if position == len(lines) - 1:
                break  # the body's end: nothing further down goes between two of its blocks
            continue
        if position < 0:
            continue  # before the body: what the extractor left out there is the page's header
        restorable = _restorable(block)
        # In the body already, rendered where it cannot be placed: nothing to insert. Only the body
        # from the last kept block on is searched: a lead or a table of contents further up that
        # used the same words does not hold this block.
        if restorable and _already_in(_tokens(block.text), joined, starts[position] - 1):
            pending, gap = [], 0
            continue
        # The entries of one list are one dropped block: a list the extractor left out between two
        # paragraphs is one gap in the body, however many entries it has.
        same_list = (
            block.element.tag == "li" and pending and pending[-1].element.tag == "li"
            and pending[-1].element.getparent() is block.element.getparent()
        )
        gap += 0 if same_list and restorable else 1
        heading_over_it = pending and pending[-1].element.tag in _HEADINGS
        if heading_over_it and not restorable and len(block.tokens) >= _ANCHOR_TOKENS:
            pending.pop()  # a heading over what was left out ("Contents" over its links) goes with it
        if restorable:
            pending.append(block)
    if not inserts:
        return lines
    restored: list[str] = []
    for index, line in enumerate(lines):
        restored.extend(inserts.get(index, ()))
        restored.append(line)
    return restored
