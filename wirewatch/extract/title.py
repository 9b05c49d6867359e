"""Titles: split off the site name publishers glue to them.

`Starmer urges Putin ... in Ukraine – State`, `Flood warning | The Courier`,
`Port reopens - Harbour Times`. With the page's own og:site_name the split is certain; without it
(plain text, feed titles) the tail must look like a name: short, capitalised, shorter than what it
follows, and after a separator with spaces around it — so "Covid-19 cases rise" and
"Biden - Putin summit ends" stay whole.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Separator, with its spaces, between the headline and a glued site name; strongest first.
_SEPARATOR = re.compile(r"\s+(\||–|—|-|::|·|•|«|»|/)\s+")
_STRONG = {"|", "::", "·", "•", "«", "»"}
_SMALL_WORDS = {"of", "the", "and", "de", "del", "la", "le", "les", "des", "di", "da", "do", "du", "für",
                "on", "at", "in", "for", "&", "y", "e", "et", "und", "el", "los", "der", "die", "das", "a"}
_DOMAIN = re.compile(r"^[\w-]+(\.[\w-]+)*\.[a-z]{2,}$", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class SplitTitle:
    title: str
    site_name: str | None


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"[\W_]+", " ", text).strip()


def _looks_like_name(tail: str, separator: str) -> bool:
    words = tail.split()
    if not words or len(words) > (6 if separator in _STRONG else 4):
        return False
    if len(words) == 1 and _DOMAIN.match(words[0]):
        return True
    if tail[-1] in ".!?,;:" and not _DOMAIN.match(words[-1]):
        return False
    significant = [w for w in words if w.lower() not in _SMALL_WORDS]
    if not significant:
        return False
    return all(w[0].isupper() or w[0].isdigit() or _DOMAIN.match(w) for w in significant)


def _same_name(candidate: str, site_name: str) -> bool:
    a, b = _fold(candidate), _fold(site_name)
    if not a or not b:
        return False
    if a == b or a.replace(" ", "") == b.replace(" ", ""):
        return True
    # "State" vs "State News", "bbc.com" vs "BBC": one contains the other as whole words.
    return f" {a} " in f" {b} " or f" {b} " in f" {a} " or a.split(" ")[0] == b.replace(" ", "")


def split_site_name(title: str, site_name: str | None = None) -> SplitTitle:
    """Split "<headline> <sep> <site>" (or "<site> | <headline>" when the site name is known)."""
    title = _SPACES.sub(" ", title).strip()
    if not title:
        return SplitTitle(title="", site_name=site_name.strip() if site_name else None)
    separators = list(_SEPARATOR.finditer(title))
    if not separators:
        return SplitTitle(title=title, site_name=site_name or None)
    if site_name:
        last = separators[-1]
        tail = title[last.end():]
        if _same_name(tail, site_name) and title[: last.start()].strip():
            return SplitTitle(title=title[: last.start()].strip(), site_name=site_name.strip())
        first = separators[0]
        head = title[: first.start()]
        if _same_name(head, site_name) and title[first.end():].strip():
            return SplitTitle(title=title[first.end():].strip(), site_name=site_name.strip())
        return SplitTitle(title=title, site_name=site_name.strip())
    last = separators[-1]
    head, tail = title[: last.start()].strip(), title[last.end():].strip()
    head_words = len(head.split())
    if head_words >= 3 and len(tail) < len(head) and _looks_like_name(tail, last.group(1)):
        return SplitTitle(title=head, site_name=tail)
    return SplitTitle(title=title, site_name=None)


_TITLE_MAX_WORDS = 25
# A full stop ending a sentence (not "U.S." or "Jr."): headlines leave it out, sentences end with it.
_FINAL_STOP = re.compile(r"(?<![A-Z])(?<!\b[A-Z][a-z])\.[\"”’')]*$")
_INNER_SENTENCE_BREAK = re.compile(r"[a-z0-9][.!?][\"”’)]* [A-Z]")


def looks_like_title(line: str) -> bool:
    """Whether a text's first line reads as its headline rather than as the opening of its body.

    A headline is short, one sentence at most, and written without a final full stop ("Port
    reopens after strike", "Is the ceasefire holding?"); a lead is a sentence or more, ending
    with one ("The port reopened on Monday after ...").
    """
    words = line.split()
    if not words or len(words) > _TITLE_MAX_WORDS:
        return False
    if _INNER_SENTENCE_BREAK.search(line):
        return False
    return not _FINAL_STOP.search(line)


def same_title(line: str, title: str) -> bool:
    """Whether a body line only repeats the headline (punctuation and case aside)."""
    a, b = _fold(line), _fold(title)
    return bool(a) and (a == b)
