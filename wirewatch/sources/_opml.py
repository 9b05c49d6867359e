"""OPML feed lists: read the outlines with an `xmlUrl` (at any depth), write OPML 2.0.

Feed readers export subscriptions as OPML: `<opml><body>` with `<outline>`s, folders being
outlines that contain others. Reading keeps every outline with an `xmlUrl`, its title (`title`,
else `text`) and the folder path it sits in; parsing is safe (defusedxml: no entity expansion,
no external references) and anything that is not OPML is one InputError line.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import format_datetime
from xml.etree.ElementTree import Element, SubElement, tostring

from ..errors import InputError
from ._xml import parse_untrusted


@dataclass
class OpmlFeed:
    url: str
    title: str | None
    category: str | None  # the folders it sits in, outermost first, joined with " / "


def read_opml(data: bytes | str) -> list[OpmlFeed]:
    """The feeds an OPML document lists, in document order. InputError when it is not OPML.

    Bytes are decoded as their XML declaration says; text (an API body) is taken as it is."""
    root = parse_untrusted(data, refused="refused OPML: it declares entities or external references",
                           invalid="not OPML", error=InputError)
    if not isinstance(root.tag, str) or root.tag.rsplit("}", 1)[-1].lower() != "opml":
        raise InputError(f"not OPML: the document is <{root.tag}>, not <opml>")
    body = next((child for child in root if isinstance(child.tag, str) and child.tag.lower() == "body"), None)
    if body is None:
        raise InputError("not OPML: no <body>")
    return list(_outlines(body, []))


def _outlines(parent: Element, folders: list[str]) -> Iterator[OpmlFeed]:
    for outline in parent:
        if not isinstance(outline.tag, str) or outline.tag.lower() != "outline":
            continue
        title = (outline.get("title") or outline.get("text") or "").strip() or None
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if url:
            yield OpmlFeed(url=url, title=title, category=" / ".join(folders) or None)
        yield from _outlines(outline, folders + [title] if title and not url else folders)


def write_opml(feeds: Iterable[tuple[str, str | None]], *, title: str = "wirewatch sources") -> bytes:
    """OPML 2.0 listing (url, name) pairs as `rss` outlines, for any feed reader to import."""
    root = Element("opml", version="2.0")
    head = SubElement(root, "head")
    SubElement(head, "title").text = title
    SubElement(head, "dateCreated").text = format_datetime(datetime.now(timezone.utc))
    body = SubElement(root, "body")
    for url, name in feeds:
        SubElement(body, "outline", type="rss", text=name or url, title=name or url, xmlUrl=url)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(root, encoding="unicode").encode("utf-8") + b"\n"
