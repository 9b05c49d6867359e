"""Writing Atom feeds: the one writer behind every feed wirewatch serves (saved searches, latest
articles and stories under /feeds/, a subscription's alerts under /feeds/subscriptions/).

Built with ElementTree, so every title and summary is escaped by the serializer; characters XML
cannot carry at all (control characters such as U+000B from broken pages, lone surrogates, the
non-characters U+FFFE/U+FFFF) are dropped from every text and attribute first, so a feed is
always well-formed whatever an article contained.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import datetime, timezone

ATOM_NS = "http://www.w3.org/2005/Atom"
ATOM_TYPE = "application/atom+xml; charset=utf-8"
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

ET.register_namespace("", ATOM_NS)


def xml_text(value: str | None) -> str:
    """`value` without the characters XML 1.0 cannot represent."""
    return _XML_INVALID.sub("", value or "")


def atom_date(value: datetime | str | None) -> str:
    """An Atom date: RFC 3339 in UTC, so dates also sort as text. A naive datetime is taken to be
    UTC already; an ISO string is parsed; a missing or unreadable date becomes the epoch."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            value = None
    if value is None:
        value = _EPOCH
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc).isoformat()


def new_feed() -> ET.Element:
    return ET.Element(f"{{{ATOM_NS}}}feed")


def add(parent: ET.Element, name: str, text: str | None = None, **attributes: str) -> ET.Element:
    """A child element in the Atom namespace, its text and attributes made XML-safe."""
    element = ET.SubElement(parent, f"{{{ATOM_NS}}}{name}", {k: xml_text(v) for k, v in attributes.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


def serialize(feed: ET.Element) -> bytes:
    """The document as UTF-8 bytes with its XML declaration."""
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
