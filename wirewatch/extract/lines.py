"""Line fingerprints: the same boilerplate line, whatever its numbers and punctuation, gets one key.

A site's footer says "© 2019 Harbour Times" one year and "© 2020 Harbour Times" the next; a share
bar may read "Share | Tweet" or "Share · Tweet". Folding digits and punctuation lets the store count
such lines as one when it looks for lines that recur across a site's articles.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_DIGITS = re.compile(r"\d+")
_NOT_WORD = re.compile(r"[\W_]+")


def normalise_line(line: str) -> str:
    """Lowercase, digits folded to "0", punctuation and spacing folded to one space."""
    text = unicodedata.normalize("NFKC", line).casefold()
    text = _DIGITS.sub("0", text)
    return _NOT_WORD.sub(" ", text).strip()


def line_key(line: str) -> str:
    """A short stable fingerprint of a line (16 hex characters) after `normalise_line`."""
    digest = hashlib.blake2b(normalise_line(line).encode("utf-8"), digest_size=8)
    return digest.hexdigest()
