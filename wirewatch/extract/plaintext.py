"""Plain text: paragraphs and the title line.

Text files come two ways: one paragraph per line (the sample article, most scraped text) or
hard-wrapped paragraphs separated by blank lines (e-mail, wire feeds). A blank-line-separated block
whose lines are all of similar width is unwrapped into one paragraph; otherwise every line is its
own paragraph, which keeps short section headings apart from the prose around them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BLANK_LINES = re.compile(r"\n\s*\n")
_WRAP_MIN, _WRAP_MAX = 35, 100  # widths of lines in a hard-wrapped paragraph
_SENTENCE_END = re.compile(r"[.!?…:\"”’)]$")


@dataclass
class PlainText:
    first_line: str | None
    paragraphs: list[str]  # every paragraph after the first line


def _is_wrapped(lines: list[str]) -> bool:
    """A block whose lines (all but the last) are of wrapping width and mostly run on mid-sentence."""
    if len(lines) < 2:
        return False
    body = lines[:-1]
    if not all(_WRAP_MIN <= len(line) <= _WRAP_MAX for line in body):
        return False
    run_on = sum(1 for line in body if not _SENTENCE_END.search(line))
    return run_on * 2 >= len(body)


def split_paragraphs(text: str) -> list[str]:
    paragraphs: list[str] = []
    for block in _BLANK_LINES.split(text.replace("\r\n", "\n").replace("\r", "\n")):
        lines = [" ".join(line.split()) for line in block.split("\n")]
        lines = [line for line in lines if line]
        if _is_wrapped(lines):
            paragraphs.append(" ".join(lines))
        else:
            paragraphs.extend(lines)
    return paragraphs


def read_plain(text: str) -> PlainText:
    paragraphs = split_paragraphs(text)
    if not paragraphs:
        return PlainText(first_line=None, paragraphs=[])
    return PlainText(first_line=paragraphs[0], paragraphs=paragraphs[1:])
