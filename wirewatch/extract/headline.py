"""A headline for an article that came without one: its first sentence, cut at a clause.

Records pushed or read from JSON Lines often carry only text. A headline is then made from the
lead's first sentence: whole when it is short, otherwise cut at the last clause boundary that
keeps it within a headline's length (a comma, semicolon, colon, dash or bracket, or the word
that opens a relative or subordinate clause: "that", "which", "after" ...). A cut at a clause
boundary leaves a complete clause and takes no ellipsis; only a sentence with no usable boundary
is cut between words, and then ends with "…". Words are never split.
"""

from __future__ import annotations

import re

from .dateline import strip_dateline

MAX_WORDS = 14
# A sentence or clause this much longer is still kept whole rather than cut mid-clause with "…".
_SLACK = 2
# A clause shorter than this says too little to stand as a headline ("In Paris", "However").
_MIN_WORDS = 4

# The end of a sentence: a stop (with any closing quotes or brackets) before a space and a capital,
# digit or opening quote, unless the stop ends an initial or a short capitalised abbreviation
# ("J. Smith", "U.S. officials", "Mr. Ellis", "Gen. Hale").
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9À-Þ])")
_ABBREVIATION = re.compile(r"(?:\b[A-Z][a-z]{0,2}|\b(?:[A-Za-z]\.)+[A-Za-z]|\b[A-Z])\.$")

# Punctuation that closes a clause when a word ends with it, and words that stand on their own.
_CLAUSE_PUNCTUATION = (",", ";", ":")
_DASHES = {"-", "–", "—", "--"}
# Words opening a relative or subordinate clause (English: the language of most records). These
# are grammar, not vocabulary of any article.
_CLAUSE_WORDS = frozenset({
    "that", "which", "who", "whom", "whose", "where", "when", "while", "whereas", "although",
    "though", "because", "since", "after", "before", "until", "unless", "if", "as", "but", "once",
    "whether", "amid", "despite",
})
# Words a headline cut between words must not end on: it would read as broken off mid-phrase.
_DANGLING = frozenset({
    "a", "an", "the", "of", "to", "in", "on", "at", "for", "and", "or", "with", "by", "from",
    "as", "its", "their", "his", "her", "our", "this", "that", "these", "those", "into", "than",
}) | _CLAUSE_WORDS
_TRAILING = ",;:-–—(\"“‘'"


def first_sentence(text: str) -> str:
    """The first sentence of `text` (the whole text when it has only one)."""
    for match in _SENTENCE_END.finditer(text):
        head = text[: match.start() + 1]
        if text[match.start()] == "." and _ABBREVIATION.search(head):
            continue
        return text[: match.end()].strip()
    return text.strip()


def _drop_final_stop(sentence: str) -> str:
    """Headlines are written without the sentence's final full stop (a ? or ! stays)."""
    if sentence.endswith(".") and not _ABBREVIATION.search(sentence):
        return sentence[:-1].rstrip()
    return sentence


def _word(token: str) -> str:
    return token.strip("\"“”‘’'()[],;:.!?").casefold()


def _boundaries(words: list[str]) -> list[int]:
    """Every word count after which a clause ends, in order (a cut there keeps whole words)."""
    ends = []
    for end in range(1, len(words)):
        last, following = words[end - 1], words[end]
        if (last.endswith(_CLAUSE_PUNCTUATION) or last[-1] in "–—" or following in _DASHES
                or following.startswith("(") or _word(following) in _CLAUSE_WORDS):
            ends.append(end)
    return ends


def _is_clean_cut(words: list[str], end: int, previous: int) -> bool:
    """Whether cutting after `end` words leaves no clause open.

    An aside opened by a dash or bracket must be closed before the cut; and a subordinate clause
    cut off after a few words at a comma ("... said that the northern pier, which ...") has lost
    its verb, so the cut goes back to where that clause began."""
    head = words[:end]
    dashes = sum(1 for w in head if w in _DASHES or w[-1] in "–—")
    if dashes % 2 or sum(w.count("(") for w in head) != sum(w.count(")") for w in head):
        return False
    segment = words[previous:end]
    if segment and _word(segment[0]) in _CLAUSE_WORDS and len(segment) <= _MIN_WORDS \
            and segment[-1].endswith(_CLAUSE_PUNCTUATION):
        return False
    # Nor does a cut keep a stub of two words after a comma ("resumed on Friday, two days"): the
    # stub is the start of a phrase the cut took away; the clause ends at the comma.
    return not (previous >= _MIN_WORDS and len(segment) <= 2
                and words[previous - 1].endswith(_CLAUSE_PUNCTUATION))


def _clause_cut(words: list[str]) -> int | None:
    """The longest headline-sized prefix (in words) that ends cleanly at a clause boundary."""
    ends = _boundaries(words)
    for limit in (MAX_WORDS, MAX_WORDS + _SLACK):
        for index in range(len(ends) - 1, -1, -1):
            end = ends[index]
            if _MIN_WORDS <= end <= limit and _is_clean_cut(words, end, ends[index - 1] if index else 0):
                return end
    return None


def headline_from_text(paragraph: str) -> str:
    """A headline for an untitled article whose lead paragraph is `paragraph`."""
    sentence = _drop_final_stop(first_sentence(strip_dateline(paragraph) or paragraph))
    words = sentence.split()
    if len(words) <= MAX_WORDS + _SLACK:
        return sentence or paragraph.strip()  # "?!" stays itself rather than nothing
    end = _clause_cut(words)
    if end is not None:
        return " ".join(words[:end]).rstrip(_TRAILING).rstrip()
    # No clause boundary: cut between words, step back off words that would dangle, mark the cut.
    end = MAX_WORDS
    while end > _MIN_WORDS and _word(words[end - 1]) in _DANGLING:
        end -= 1
    return " ".join(words[:end]).rstrip(_TRAILING).rstrip() + " …"
