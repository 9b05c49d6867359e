"""HTML pages: the article body through trafilatura, and what the page says about itself.

The page is parsed once. Metadata is read with a handful of XPath lookups rather than
trafilatura's full metadata pass, which costs a third of the extraction time (it runs an extensive
date search); the body comes from trafilatura in precision mode, retried in recall mode when
precision keeps almost nothing (paywall teasers, unusual layouts).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import trafilatura
from lxml import etree
from lxml.html import HTMLParser, HtmlElement, document_fromstring

from ..document import Removed
from ..errors import InputError
from .furniture import drop_furniture

# Precision mode: the best F1 on the article-extraction benchmark among trafilatura's modes
# (see benchmarks/extraction.py). Tables stay: dropping them loses more body than junk.
_PRECISION = {"favor_precision": True, "include_comments": False, "include_tables": True}
# The retry skips trafilatura's external fallbacks: they are what precision mode already ran.
_RECALL = {"favor_recall": True, "include_comments": False, "include_tables": True, "fast": True}
# Below this many characters a precision result is a teaser or a fragment, worth a recall retry.
_SHORT_BODY = 400
_HAS_DOCUMENT = re.compile(r"<(html|body)\b", re.IGNORECASE)
# libxml2 trips over some doctype declarations (lxml bug 1955915); the parser does not need it.
_DOCTYPE = re.compile(r"^\s*<!doctype[^>]*>", re.IGNORECASE)
# trafilatura's own parser settings: comments and processing instructions are never article text.
_PARSER_OPTIONS = {"collect_ids": False, "default_doctype": False, "encoding": "utf-8",
                   "remove_comments": True, "remove_pis": True}

# <meta> keys (name, property or itemprop, lowercased) per field, most trusted first.
_TITLE_KEYS = ("og:title", "twitter:title")
_SITE_KEYS = ("og:site_name", "application-name", "apple-mobile-web-app-title")
_AUTHOR_KEYS = ("author", "article:author", "byl", "parsely-author", "sailthru.author")
_DATE_KEYS = (
    "article:published_time", "og:published_time", "datepublished", "parsely-pub-date",
    "sailthru.date", "pubdate", "publishdate", "publish-date", "date", "dc.date", "dc.date.issued",
    "dcterms.created", "dcterms.issued",
)
# One pass over the elements metadata can come from: each '//' XPath would walk the whole page.
_METADATA_TAGS = ("meta", "link", "title", "script", "time")

_BYLINE_PREFIX = re.compile(r"^\s*by\s+", re.IGNORECASE)


@dataclass
class PageMetadata:
    titles: list[str] = field(default_factory=list)  # candidates, best first (og:title, <title>, h1)
    site_name: str | None = None
    canonical_url: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # as the page wrote it; dates.py parses it
    language: str | None = None  # <html lang>, a hint for language detection


@dataclass
class HtmlArticle:
    metadata: PageMetadata
    paragraphs: list[str]
    tree: HtmlElement
    removed: list[Removed] = field(default_factory=list)  # furniture dropped by structure


def parse_html(html: str) -> HtmlElement:
    """Parse a page (or a fragment, which gets wrapped), refusing what is not HTML at all.

    lxml directly rather than trafilatura's `load_html`, which re-scans the whole page for
    characters the decoder here has already removed (see decode.py) and costs three times as much.
    """
    if not _HAS_DOCUMENT.search(html[:4096]):
        html = f"<html><body><div>{html}</div></body></html>"
    html = _DOCTYPE.sub("", html, count=1)
    parser = HTMLParser(**_PARSER_OPTIONS)
    try:
        try:
            tree = document_fromstring(html, parser=parser)
        except ValueError:  # a str with an XML encoding declaration: lxml wants bytes then
            tree = document_fromstring(html.encode("utf-8", "surrogatepass"), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        raise InputError("input is not parseable HTML") from None
    if tree is None or len(tree) == 0:
        raise InputError("input is not parseable HTML")
    return tree


def _squash(value: object) -> str:
    return " ".join(str(value).split())


def _pick(values: dict[str, list[str]], keys: tuple[str, ...]) -> list[str]:
    picked: list[str] = []
    for key in keys:
        for value in values.get(key, ()):
            if value and value not in picked:
                picked.append(value)
    return picked


def _json_ld(scripts: list[str]) -> list[dict]:
    """The page's schema.org objects (flattened through @graph and lists); broken JSON is ignored."""
    objects: list[dict] = []
    for script in scripts:
        try:
            data = json.loads(script)
        except ValueError:
            continue
        stack = [data]
        while stack and len(objects) < 50:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                objects.append(item)
                if isinstance(item.get("@graph"), list):
                    stack.extend(item["@graph"])
    return objects


def _names(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        name = value.get("name")
        return [name] if isinstance(name, str) else []
    if isinstance(value, list):
        return [n for item in value for n in _names(item)]
    return []


def _clean_authors(raw: list[str]) -> list[str]:
    authors: list[str] = []
    for value in raw:
        if value.startswith(("http://", "https://")) or "@" in value:
            continue
        value = _BYLINE_PREFIX.sub("", value)
        for name in re.split(r"\s*(?:,|;|\band\b|&)\s*", value):
            name = " ".join(name.split())
            if 1 < len(name) <= 80 and name not in authors:
                authors.append(name)
    return authors


def read_metadata(tree: HtmlElement) -> PageMetadata:
    """Title candidates, site name, canonical URL, authors, date and language from tags and JSON-LD."""
    values: dict[str, list[str]] = {}
    titles: list[str] = []
    scripts: list[str] = []
    canonical = None
    for element in tree.iter(*_METADATA_TAGS):
        tag = element.tag
        if tag == "meta":
            key = element.get("property") or element.get("name") or element.get("itemprop") or element.get("http-equiv")
            if key and element.get("content"):
                values.setdefault(key.strip().lower(), []).append(_squash(element.get("content")))
        elif tag == "link":
            if canonical is None and (element.get("rel") or "").lower() == "canonical":
                canonical = _squash(element.get("href", "")) or None
        elif tag == "title":
            titles.append(_squash(element.text_content()))
        elif tag == "script":
            if element.get("type") == "application/ld+json":
                scripts.append(element.text or "")
        elif element.get("datetime") and (element.get("pubdate") is not None or element.get("itemprop") == "datePublished"):
            values.setdefault("datepublished", []).append(_squash(element.get("datetime")))
    meta = PageMetadata()
    meta.titles = _pick(values, _TITLE_KEYS)
    h1 = tree.find(".//h1")
    for title in titles[:1] + ([_squash(h1.text_content())] if h1 is not None else []):
        if title and title not in meta.titles:
            meta.titles.append(title)
    meta.site_name = next(iter(_pick(values, _SITE_KEYS)), None)
    meta.canonical_url = canonical or next(iter(values.get("og:url", [])), None) or None
    meta.published = next(iter(_pick(values, _DATE_KEYS)), None)
    authors = _pick(values, _AUTHOR_KEYS)
    for obj in _json_ld(scripts):
        kind = obj.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if not any(isinstance(k, str) and ("Article" in k or k in ("BlogPosting", "Report")) for k in kinds):
            continue
        if meta.published is None and isinstance(obj.get("datePublished"), str):
            meta.published = obj["datePublished"]
        if not authors:
            authors = _names(obj.get("author"))
        if not meta.titles and isinstance(obj.get("headline"), str):
            meta.titles.append(_squash(obj["headline"]))
        if meta.site_name is None:
            publisher = _names(obj.get("publisher"))
            meta.site_name = publisher[0] if publisher else None
    meta.authors = _clean_authors(authors)
    lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    lang = lang or next(iter(values.get("content-language", [])), None)
    meta.language = lang.strip().split("-")[0].split("_")[0].lower() or None if lang else None
    return meta


def _body_text(tree: HtmlElement, url: str | None, options: dict) -> str:
    document = trafilatura.bare_extraction(tree, url=url, with_metadata=False, **options)
    return (document.text or "") if document is not None else ""


def extract_body(tree: HtmlElement, url: str | None = None) -> list[str]:
    """The article body's paragraphs (headings, list items and table rows included), in order."""
    text = _body_text(tree, url, _PRECISION)
    if len(text) < _SHORT_BODY:
        recall = _body_text(tree, url, _RECALL)
        if len(recall) > 2 * len(text):
            text = recall
    return [line.strip() for line in text.split("\n") if line.strip()]


# Never article text, and trafilatura walks the whole tree a dozen times: dropping them once here
# makes every later walk shorter. <meta> and JSON-LD stay for the date search (dates.py).
_NEVER_TEXT = ("style", "noscript", "template", "svg")


def _drop_non_text(tree: HtmlElement) -> None:
    for script in list(tree.iter("script")):
        if script.get("type") != "application/ld+json":
            script.drop_tree()  # keeps the tail text
    etree.strip_elements(tree, *_NEVER_TEXT, with_tail=False)


def read_html(html: str, url: str | None = None) -> HtmlArticle:
    tree = parse_html(html)
    metadata = read_metadata(tree)
    _drop_non_text(tree)
    removed = drop_furniture(tree)
    return HtmlArticle(metadata=metadata, paragraphs=extract_body(tree, url), tree=tree, removed=removed)
