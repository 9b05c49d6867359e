"""Plain text: paragraphs and the title line.

Text files come two ways: one paragraph per line (the sample article, most scraped text) or
hard-wrapped paragraphs separated by blank lines (e-mail, wire feeds). Lines are joined into one
paragraph only where the text was wrapped: a wrapped line broke because the next word would not
fit, so it is as long as the block's widest line less that word. A title or heading written right
above its paragraph is shorter than that and stays a paragraph of its own, with the paragraph
under it whole; every other line is its own paragraph too, which keeps short section headings
apart from the prose around them.

The first line is the title only when it looks like one (title.py, `looks_like_title`): a text
that opens with its lead keeps the lead in the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .title import looks_like_title

_BLANK_LINES = re.compile(r"\n\s*\n")
_WRAP_MIN, _WRAP_MAX = 35, 100  # widths of lines in a hard-wrapped paragraph
_LONG_WORD = 15  # how much the lines of one wrapped paragraph may differ in width
_WRAPPED_WIDTH = 60  # a line wrapped at 64-80 columns is rarely narrower
_SENTENCE_END = re.compile(r"[.!?…:\"”’)]$")


@dataclass
class PlainText:
    first_line: str | None  # the title line, when the text opens with one
    paragraphs: list[str]  # every paragraph after it


def _is_wrapped(lines: list[str]) -> bool:
    """A run of lines (all but the last) of wrapping width that mostly run on mid-sentence."""
    if len(lines) < 2:
        return False
    body = lines[:-1]
    if not all(_WRAP_MIN <= len(line) <= _WRAP_MAX for line in body):
        return False
    run_on = sum(1 for line in body if not _SENTENCE_END.search(line))
    return run_on * 2 >= len(body)


def _breaks_like_wrapping(lines: list[str], i: int) -> bool:
    """Whether line `i` ends where wrapping would end it: the next word would not have fit.

    The wrap width is read from the lines under the block's first one, since the first line may
    be a title or heading written right above its paragraph, as wide as anything under it or
    wider; a first line wider than that width by more than a long word was not wrapped at it.
    A two-line block gives no width to read: its first line is taken as wrapped when it is as
    wide as hard-wrapped text is (64-80 columns, rarely a headline's width) or when the next
    line runs on in lower case, and the next line is no wider.
    """
    line, following = lines[i], lines[i + 1]
    if not _WRAP_MIN <= len(line) <= _WRAP_MAX or len(following) > len(line) + _LONG_WORD:
        return False
    if len(lines) == 2:
        return len(line) >= _WRAPPED_WIDTH or following[:1].islower()
    width = max(len(other) for other in lines[1:-1])
    next_word = following.split(" ", 1)[0]
    return width - 1 - len(next_word) < len(line) <= width + _LONG_WORD


def _runs(lines: list[str]) -> list[list[str]]:
    """The block's lines grouped into the runs a wrap could have made (a line alone otherwise)."""
    runs: list[list[str]] = [[lines[0]]]
    for i in range(len(lines) - 1):
        if _breaks_like_wrapping(lines, i):
            runs[-1].append(lines[i + 1])
        else:
            runs.append([lines[i + 1]])
    return runs


def split_paragraphs(text: str) -> list[str]:
    paragraphs: list[str] = []
    for block in _BLANK_LINES.split(text.replace("\r\n", "\n").replace("\r", "\n")):
        lines = [" ".join(line.split()) for line in block.split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            continue
        for run in _runs(lines):
            if _is_wrapped(run):
                paragraphs.append(" ".join(run))
            else:
                paragraphs.extend(run)
    return paragraphs


def read_plain(text: str) -> PlainText:
    paragraphs = split_paragraphs(text)
    if not paragraphs:
        return PlainText(first_line=None, paragraphs=[])
    if len(paragraphs) > 1 and not looks_like_title(paragraphs[0]):
        return PlainText(first_line=None, paragraphs=paragraphs)
    return PlainText(first_line=paragraphs[0], paragraphs=paragraphs[1:])
