"""Untrusted XML (OPML lists, sitemaps) parsed once, the same safe way: no entity expansion, no
external references, and every way the bytes can fail to be XML turned into one clear error."""

from __future__ import annotations

from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring


def parse_untrusted(data: bytes | str, *, refused: str, invalid: str, error: type[Exception]) -> Element:
    """The root element of `data`. `error(refused)` when it declares entities or external
    references, `error(f"{invalid}: ...")` when it is not readable XML."""
    try:
        return fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise error(refused) from None
    except ParseError as exc:
        raise error(f"{invalid}: invalid XML ({exc})") from None
    except (ValueError, LookupError, RecursionError) as exc:  # odd encodings declared in the prolog
        raise error(f"{invalid}: unreadable XML ({type(exc).__name__})") from None
