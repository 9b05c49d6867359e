"""HTML pages: the article body through trafilatura, and what the page says about itself.

The page is parsed once. Metadata is read with a handful of XPath lookups rather than
trafilatura's full metadata pass, which costs a third of the extraction time (it runs an extensive
date search). Before the body is extracted, what is never text (scripts, styles) and the
furniture recognised by structure (furniture.py) leave the tree, and text that follows a block
inside lines of <br>-separated text is made a line of its own, and a lead written as bare text
before a container's first block a paragraph. The body comes from trafilatura
in fast precision mode, with its safety nets for short results, and is repaired when it holds
little of the page's prose (see `extract_body`); the article's own blocks precision mode dropped
between two it kept (captions, headings, short or <div> paragraphs) are put back (restore.py).
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
from .restore import restore_dropped

# Precision mode: the best F1 on the article-extraction benchmark among trafilatura's modes
# (see benchmarks/extraction.py). Tables stay: dropping them loses more body than junk. Fast:
# without the comparison with readability and justext, which _CHECKED adds back for short results.
_PRECISION = {"favor_precision": True, "include_comments": False, "include_tables": True, "fast": True}
# trafilatura's own safety nets (readability and justext compared with its result), run when the
# fast result is short: there they often find the rest of a small page.
_CHECKED = {**_PRECISION, "fast": False}
# The retry skips trafilatura's external fallbacks: they are what precision mode already ran.
_RECALL = {"favor_recall": True, "include_comments": False, "include_tables": True, "fast": True}
# Below this many characters a precision result is a teaser or a fragment, worth a recall retry.
_SHORT_BODY = 400
# Below this many characters a fast result gets trafilatura's safety nets (_CHECKED); above it,
# they rarely change the result and cost a third of the extraction time.
_CHECK_BELOW = 1500
# Prose coverage: paragraphs of at least _PROSE_WORDS words, recognised in a text by their first
# _OPENING characters. On pages with _PROSE_CHARS of such prose, a precision result holding less
# than _LOW_COVERAGE of it is checked against recall mode, which must add _COVERAGE_GAIN of it.
_PROSE_WORDS = 15
_OPENING = 80
_PROSE_CHARS = 1000
_LOW_COVERAGE = 0.5
_COVERAGE_GAIN = 0.2
# ... and it must still hold this share of what precision mode had found.
_KEPT_SHARE = 0.8
# A split body's blocks are found among a paragraph's nearest ancestors.
_SPLIT_DEPTH = 3
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


def _prose(tree: HtmlElement) -> list[tuple[HtmlElement, str]]:
    """The page's prose paragraphs: <p> elements of a sentence's length, whitespace folded."""
    paragraphs = ((p, " ".join(p.text_content().split())) for p in tree.iter("p"))
    return [(p, text) for p, text in paragraphs if text.count(" ") + 1 >= _PROSE_WORDS]


def _covered(prose: list[tuple[HtmlElement, str]], text: str) -> int:
    """How many characters of the prose paragraphs `text` holds (by each paragraph's opening)."""
    folded = " ".join(text.split())
    return sum(len(p) for _, p in prose if p[:_OPENING] in folded)


def _keeps(text: str, repaired: str) -> bool:
    """Whether a repaired body still holds what the first one had: a repair adds the missing part
    of the article, it does not swap the article for another block."""
    lines = [" ".join(line.split()) for line in text.split("\n")]
    lines = [line for line in lines if line.count(" ") + 1 >= _PROSE_WORDS]
    folded = " ".join(repaired.split())
    held = sum(len(line) for line in lines if line[:_OPENING] in folded)
    return held >= _KEPT_SHARE * sum(len(line) for line in lines)


def _signature(element: HtmlElement) -> tuple[str, str] | None:
    classes = " ".join((element.get("class") or "").split())
    return (element.tag, classes) if classes else None


def _join_split_body(tree: HtmlElement, prose: list[tuple[HtmlElement, str]], text: str) -> bool:
    """Move the prose of later containers of the same kind as the extracted one into it.

    Layouts split one body into several sibling blocks of the same tag and class (a block per
    few paragraphs, with ads or embeds between them); extractors then settle on the first block.
    Returns whether anything moved.
    """
    folded = " ".join(text.split())
    order = {element: index for index, element in enumerate(tree.iter())}
    kept: dict[tuple[str, str], HtmlElement] = {}
    weight: dict[tuple[str, str], int] = {}
    for paragraph, words in prose:
        if words[:_OPENING] in folded:
            for ancestor in list(paragraph.iterancestors())[:_SPLIT_DEPTH]:
                signature = _signature(ancestor)
                if signature is not None:
                    kept.setdefault(signature, ancestor)
                    weight[signature] = weight.get(signature, 0) + len(words)
    # Only the kind of block that holds most of what was extracted is the body's: a teaser the
    # extractor let through must not pull in the other teasers of its kind.
    heaviest = max(weight.values(), default=0)
    kept = {signature: element for signature, element in kept.items() if 2 * weight[signature] >= heaviest}
    moved: set[HtmlElement] = set()
    for paragraph, words in prose:
        if words[:_OPENING] in folded:
            continue
        for ancestor in list(paragraph.iterancestors())[:_SPLIT_DEPTH]:
            target = kept.get(_signature(ancestor))  # type: ignore[arg-type]
            if target is None or target is ancestor or ancestor in moved:
                continue
            if order[ancestor] < order[target] or any(a is target for a in ancestor.iterancestors()):
                break  # before the body, or inside it: not a continuation
            for child in list(ancestor):
                target.append(child)
            moved.add(ancestor)
            break
    return bool(moved)


def extract_body(tree: HtmlElement, url: str | None = None) -> list[str]:
    """The article body's paragraphs (headings, list items and table rows included), in order.

    Precision mode first. When it keeps almost nothing, recall mode is tried. When it leaves out
    most of the page's prose, two repairs are tried: recall mode, and precision mode again on a
    body the layout had split into blocks of the same kind, joined. The repair holding the most
    of that prose wins if it holds clearly more and still holds what precision mode found.
    Last, the article blocks dropped between two kept ones are put back in place (restore.py).
    """
    text = _body_text(tree, url, _PRECISION)
    if len(text) < _CHECK_BELOW:
        text = _body_text(tree, url, _CHECKED)
    recall = None
    if len(text) < _SHORT_BODY:
        recall = _body_text(tree, url, _RECALL)
        if len(recall) > 2 * len(text):
            text = recall
    prose = _prose(tree)
    total = sum(len(p) for _, p in prose)
    covered = _covered(prose, text)
    if total >= _PROSE_CHARS and covered < _LOW_COVERAGE * total:
        repairs = [recall if recall is not None else _body_text(tree, url, _RECALL)]
        if _join_split_body(tree, prose, text):
            repairs.append(_body_text(tree, url, _PRECISION))
        best = text
        for repair in repairs:
            gain = _covered(prose, repair) - covered
            if gain > _COVERAGE_GAIN * total and _keeps(text, repair):
                best, covered = repair, covered + gain
        text = best
    return restore_dropped(tree, [line.strip() for line in text.split("\n") if line.strip()])


# Never article text, and trafilatura walks the whole tree a dozen times: dropping them once here
# makes every later walk shorter. <meta> and JSON-LD stay for the date search (dates.py).
_NEVER_TEXT = ("style", "noscript", "template", "svg")


def _drop_non_text(tree: HtmlElement) -> None:
    for script in list(tree.iter("script")):
        if script.get("type") != "application/ld+json":
            script.drop_tree()  # keeps the tail text
    etree.strip_elements(tree, *_NEVER_TEXT, with_tail=False)


# Containers trafilatura renders as paragraphs, and whose tail text it glues to their last words.
_CONTAINERS = ("div", "section", "article", "aside", "header", "footer", "nav", "main", "center")


def _separate_tails(tree: HtmlElement) -> None:
    """End the line after a container whose tail is text.

    Text written as lines between <br>s, with a block in the middle (an ad slot, a widget, a
    player), goes on after that block as its tail. trafilatura renders the block as a paragraph
    and the tail as its continuation: "Advertisement" and the next paragraph become one line
    ("AdvertisementThe harbour board ..."), which no line rule can clean and which breaks the
    words at the seam. A <br> after the block makes the tail a line of its own, as a browser
    shows it."""
    for element in [e for e in tree.iter(_CONTAINERS) if e.tail and not e.tail.isspace()]:
        br = element.makeelement("br")
        br.tail, element.tail = element.tail, None
        element.addnext(br)


# What starts a new block when it follows text: the leading text of a container ends there.
_BLOCKS = frozenset({
    "p", "div", "section", "article", "aside", "header", "footer", "nav", "main", "figure", "table", "ul",
    "ol", "dl", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "br", "form", "center",
})


def _wrap_leading_text(tree: HtmlElement) -> None:
    """Make the text a container opens with, before its first block, a paragraph.

    Pages that write their lead as bare text in the article's container and the rest as <p>s
    ("<div>The harbour ... said.<p>Shipping lines ...</p>") lose the lead in precision mode,
    which reads a container's own text as a fragment, not a paragraph. Wrapped, with the inline
    markup that goes with it (links, emphasis), it is read as the first paragraph it is."""
    for element in [e for e in tree.iter(_CONTAINERS) if e.text and not e.text.isspace()]:
        children = list(element)
        first_block = next((i for i, child in enumerate(children) if child.tag in _BLOCKS), None)
        if first_block is None or children[first_block].tag == "br":
            # A paragraph written as a <div>, or lines between <br>s: the extractors read those.
            continue
        paragraph = element.makeelement("p")
        paragraph.text, element.text = element.text, None
        for child in children[:first_block]:
            paragraph.append(child)  # the lead's inline markup, moved with its tail
        element.insert(0, paragraph)


def read_html(html: str, url: str | None = None) -> HtmlArticle:
    tree = parse_html(html)
    metadata = read_metadata(tree)
    _drop_non_text(tree)
    removed = drop_furniture(tree)
    _separate_tails(tree)
    _wrap_leading_text(tree)
    return HtmlArticle(metadata=metadata, paragraphs=extract_body(tree, url), tree=tree, removed=removed)
