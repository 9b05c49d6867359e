"""Page furniture recognised by its structure, before the body is extracted.

What a publisher puts inside the article container — a newsletter box with its form, a share bar,
a widget's "loading" placeholder, elements the page itself hides — looks the same in every
language: a form and a few words around it, links to share endpoints. Recognising them by that
shape rather than by their wording is what lets extraction work on pages in languages no rule was
written for. Lists of links to other stories are left to trafilatura's link-density rule and their
headings to boilerplate.py: a finder removing every list of headline links with the heading above
it lowered recall on news pages and was dropped.

Each finder returns the elements to drop with a reason; `drop_furniture` removes them (keeping
their tail text, which belongs to the surrounding prose) and reports the short ones as `Removed`,
so that what left the body can be inspected like the line rules' removals.
"""

from __future__ import annotations

import re

from lxml.etree import XPath
from lxml.html import HtmlElement

from ..document import Removed

# Fields a reader fills in: a sign-up or search box, never article text. A lone button is not
# enough ("Copy" on a code block, "Play" on a video): the content next to it is the article's.
_FIELDS = ("form", "input", "select", "textarea")
_NOT_FIELDS = frozenset({"hidden", "checkbox", "radio", "submit", "button", "image", "reset"})
# A box holding these holds content, whatever control sits beside it.
_CONTENT = XPath(".//*[self::pre or self::code or self::table or self::img or self::figure or self::blockquote or self::video]")
# A box around a control (its heading, pitch and button) is at most this many words: a sign-up
# box is a heading and a sentence or two; more than that is the article the control sits in.
_CONTROL_BOX_WORDS = 45
# A share bar with its label ("Share this:", "Teilen mit:") is at most this many words.
_SHARE_BOX_WORDS = 25
_SHARE_LABEL_WORDS = 5
# Share endpoints of the common networks: a link to one is a share button whatever its label says.
_SHARE_HREF = re.compile(
    r"(facebook\.com/(sharer|share\.php|dialog/(share|feed))|(twitter|x)\.com/(intent|share)"
    r"|linkedin\.com/(share|shareArticle|cws/share)|pinterest\.[a-z.]+/pin/create|reddit\.com/submit"
    r"|(api\.)?whatsapp\.com/send|wa\.me/\?|^whatsapp:|t(elegram)?\.me/share|xing\.com/(spi/)?share"
    r"|vk\.com/share|getpocket\.com/(save|edit)|tumblr\.com/(share|widgets/share)|flipboard\.com/bookmarklet"
    r"|threads\.net/intent|bsky\.app/intent|mastodon[^/]*/share|^mailto:\?|^sms:)",
    re.IGNORECASE,
)
# Readability.js drops these landmark roles: they are never the article.
_FURNITURE_ROLES = frozenset(
    {"navigation", "complementary", "menu", "menubar", "dialog", "alertdialog", "banner", "contentinfo", "search"}
)
# Widget placeholders ("Loading…" until a script replaces them).
_PLACEHOLDER_TOKEN = re.compile(r"(^|[\s_-])(loading|loader|spinner|skeleton|placeholder)($|[\s_-])", re.IGNORECASE)
_PLACEHOLDER_WORDS = 5
# An image's wrapper while it loads ("lazy-loading", "image loading") holds the image and its
# caption: that is content, not a placeholder.
_MEDIA = XPath("descendant-or-self::*[self::img or self::picture or self::figure or self::figcaption or self::video]")


def _words(element: HtmlElement) -> int:
    return len(element.text_content().split())


def _box(element: HtmlElement, max_words: int) -> HtmlElement | None:
    """The largest ancestor-or-self of `element` with at most `max_words` words, stopping at the
    page's main containers; None when even `element` alone is longer."""
    if _words(element) > max_words:
        return None
    box = element
    parent = element.getparent()
    while parent is not None and parent.tag not in ("body", "html", "article", "main") and _words(parent) <= max_words:
        box, parent = parent, parent.getparent()
    return box


Found = list[tuple[HtmlElement, str]]
# Removals longer than this are whole page regions (menus, footers), not worth listing.
_REPORTED_WORDS = 60
_REPORTED_MOST = 50  # a page hiding hundreds of labelled icons must not bloat the stored document


def _control_boxes(tree: HtmlElement) -> Found:
    found = []
    for control in tree.iter(*_FIELDS):
        if control.tag == "input" and (control.get("type") or "text").lower() in _NOT_FIELDS:
            continue
        box = _box(control, _CONTROL_BOX_WORDS)
        if box is not None and not _CONTENT(box):
            found.append((box, "form"))
    return found


# Substrings one of which every share endpoint has: a cheap test before _SHARE_HREF.
_SHARE_HINTS = ("share", "intent", "send", "submit", "pin/create", "save", "edit", "bookmarklet", "wa.me", "mailto:?", "sms:")


def _share_boxes(tree: HtmlElement) -> Found:
    found = []
    for link in tree.iter("a"):
        href = link.get("href")
        if href and any(hint in href for hint in _SHARE_HINTS) and _SHARE_HREF.search(href):
            if _words(link) > _SHARE_LABEL_WORDS:
                continue  # a quotation made clickable ("click to tweet"), not a button
            box = _box(link, _SHARE_BOX_WORDS)
            # A bar is its links and a label; a sentence beside a "Tweet this" link is a quotation
            # from the article, and only the link goes.
            if box is None or _unlinked_words(box) > _SHARE_LABEL_WORDS:
                box = link
            found.append((box, "share"))
    return found


def _unlinked_words(element: HtmlElement) -> int:
    linked = sum(len(a.text_content().split()) for a in element.iter("a"))
    return _words(element) - linked


# Candidates by attribute, selected in C; the exact tests run on the few that match.
_MARKED = XPath(".//*[@role or @hidden or @aria-hidden]")
def _hidden_or_landmark(tree: HtmlElement) -> Found:
    found = []
    for element in _MARKED(tree):
        role = (element.get("role") or "").strip().lower()
        if role in _FURNITURE_ROLES:
            found.append((element, "landmark"))
        elif element.get("hidden") is not None or (element.get("aria-hidden") or "").lower() == "true":
            found.append((element, "hidden"))
    for element in tree.iter():
        marks = element.get("class")
        if (
            marks and _PLACEHOLDER_TOKEN.search(marks) and "lazy" not in marks.lower()
            and _words(element) <= _PLACEHOLDER_WORDS and not _MEDIA(element)
        ):
            found.append((element, "loading"))
    return found


def drop_furniture(tree: HtmlElement) -> list[Removed]:
    """Remove structural furniture from `tree` in place; return the short removals' texts."""
    body = tree.find("body")
    root = body if body is not None else tree
    found = _hidden_or_landmark(root) + _control_boxes(root) + _share_boxes(root)
    reasons: dict[HtmlElement, str] = {}
    for element, reason in found:
        reasons.setdefault(element, reason)
    removed: list[Removed] = []
    for element, reason in reasons.items():
        if element is root or element.getparent() is None:
            continue
        if not any(ancestor in reasons for ancestor in element.iterancestors()):
            text = " ".join(" ".join(element.itertext()).split())
            if text and len(text.split()) <= _REPORTED_WORDS and len(removed) < _REPORTED_MOST:
                removed.append(Removed(text=text, reason=reason))
        element.drop_tree()  # the tail is prose that follows the furniture: it stays
    return removed
