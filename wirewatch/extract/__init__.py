"""Extraction: a raw page or text -> a clean article (title, site name, body, dateline, date, language).

    from wirewatch.extract import extract, Extracted, line_key

Modules, in the order an item goes through them: `decode` (bytes -> text, HTML or not), `html`
(trafilatura body with `furniture` removed before and `restore` after it, page metadata) or
`plaintext`, then the layer shared by both: `title`, `headline` (for an article without a title),
`boilerplate` (with `lines` fingerprints for site-recurring lines), `dateline`, `dates`, `language`;
`article` ties them together.
"""

from .article import extract
from .extracted import Extracted
from .lines import line_key

__all__ = ["Extracted", "extract", "line_key"]
