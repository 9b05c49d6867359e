"""`extract()`: one SourceItem -> one clean article.

The same layer runs on top of HTML and plain text alike: title and site name, the title's echo at
the top of the body, in-body boilerplate, site-recurring lines, dateline, date and language.
"""

from __future__ import annotations

from collections.abc import Container

from ..document import Dateline, Removed, SourceItem
from ..errors import InputError
from .boilerplate import strip_boilerplate
from .dateline import find_dateline, strip_dateline
from .dates import date_from_html, date_from_text, parse_date
from .decode import MAX_INPUT_BYTES, looks_like_html, normalise_text, to_text
from .extracted import Extracted
from .headline import headline_from_text
from .html import read_html
from .language import detect_language
from .lines import line_key
from .plaintext import read_plain
from .title import same_title, split_site_name

# The title's echo is looked for only among the first paragraphs: further down, a line equal to
# the title is a quotation or a recap, not page furniture.
_TITLE_ECHO_WINDOW = 3


def _drop_title_echo(paragraphs: list[str], titles: list[str]) -> tuple[list[str], list[Removed]]:
    removed: list[Removed] = []
    kept = list(paragraphs)
    index = 0
    while index < min(_TITLE_ECHO_WINDOW, len(kept)):
        if any(same_title(kept[index], title) for title in titles if title):
            removed.append(Removed(text=kept.pop(index), reason="title"))
            continue
        index += 1
    return kept, removed


def _find_dateline(paragraphs: list[str]) -> Dateline | None:
    for paragraph in paragraphs[:2]:
        found = find_dateline(paragraph)
        if found:
            return found.dateline
    return None


def extract(item: SourceItem, *, recurring_lines: Container[str] = frozenset(),
            max_bytes: int = MAX_INPUT_BYTES) -> Extracted:
    """Extract the article in `item`; raise InputError (one line) when there is none to extract,
    or when it is over `max_bytes` (the `max_bytes` setting)."""
    text = to_text(item.content, item.content_type, max_bytes=max_bytes)
    published = None
    declared_language = None
    authors: list[str] = []
    canonical_url = None
    structural: list[Removed] = []
    if looks_like_html(text, item.content_type):
        page = read_html(text, item.url)
        meta = page.metadata
        paragraphs = [normalise_text(p) for p in page.paragraphs]
        raw_title = item.title or (meta.titles[0] if meta.titles else None)
        echo_titles = ([item.title] if item.title else []) + meta.titles
        site_hint = meta.site_name
        published = parse_date(meta.published)
        if published is None and not item.published:
            published = date_from_html(page.tree)
        declared_language, authors, canonical_url = meta.language, meta.authors, meta.canonical_url
        structural = page.removed
    else:
        plain = read_plain(normalise_text(text))
        if item.title:
            raw_title = item.title
            paragraphs = ([plain.first_line] if plain.first_line else []) + plain.paragraphs
        else:
            raw_title = plain.first_line
            paragraphs = plain.paragraphs
            if plain.first_line and not plain.paragraphs:
                # A one-paragraph text (a short record, a brief) is all body: its headline is
                # made from it below, and it is not dropped as the echo of a title.
                paragraphs, raw_title = [plain.first_line], None
            elif plain.first_line and find_dateline(plain.first_line):
                # The first line opens with a dateline: it is the lede, not a headline.
                paragraphs = [plain.first_line] + plain.paragraphs
                raw_title = headline_from_text(plain.first_line)
        echo_titles = [raw_title] if raw_title else []
        site_hint = None

    paragraphs, removed = _drop_title_echo(paragraphs, echo_titles)
    removed = structural + removed
    if not paragraphs:
        raise InputError(f"no article text found in {item.origin or 'the input'}")
    line_keys = [line_key(p) for p in paragraphs]
    body = strip_boilerplate(paragraphs, recurring_lines=recurring_lines)
    removed.extend(body.removed)
    if not body.paragraphs:
        raise InputError(f"no article text found in {item.origin or 'the input'} (only boilerplate)")
    if not any(ch.isalnum() for paragraph in body.paragraphs for ch in paragraph):
        raise InputError(f"no article text found in {item.origin or 'the input'} (no words)")

    split = split_site_name(normalise_text(raw_title or ""), site_hint)
    title = strip_dateline(split.title) or headline_from_text(body.paragraphs[0])
    if published is None:
        published = parse_date(item.published) or date_from_text(body.paragraphs)
    article_text = "\n\n".join(body.paragraphs)
    return Extracted(
        title=title,
        text=article_text,
        site_name=split.site_name,
        dateline=_find_dateline(body.paragraphs),
        published=published,
        language=detect_language(article_text, declared_language),
        removed=removed,
        authors=authors,
        canonical_url=canonical_url,
        line_keys=line_keys,
    )
