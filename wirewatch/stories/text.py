"""Cheap, deterministic text views the story stage compares: words, sentences, entity proxies.

Everything here is language-light on purpose (regular expressions and a stopword list): the
story stage runs on every article and must stay fast without spaCy.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

# Function words and reporting verbs: they say nothing about which story an article tells.
STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are aren't as at be because been
    before being below between both but by can cannot could couldn't did didn't do does doesn't
    doing don't down during each few for from further had hadn't has hasn't have haven't having
    he he'd he'll he's her here here's hers herself him himself his how how's i i'd i'll i'm
    i've if in into is isn't it it's its itself let's me more most mustn't my myself no nor not
    of off on once only or other ought our ours ourselves out over own same shan't she she'd
    she'll she's should shouldn't so some such than that that's the their theirs them
    themselves then there there's these they they'd they'll they're they've this those through
    to too under until up very was wasn't we we'd we'll we're we've were weren't what what's
    when when's where where's which while who who's whom why why's will with won't would
    wouldn't you you'd you'll you're you've your yours yourself yourselves
    said says say saying told tell according added reported reports report just like one two
    new also now yet still however since would may might must us mr mrs ms per via
    monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow
    week weeks year years day days time last first next ago
    """.split()
)

# Capitalised words that start sentences or name calendar units rather than entities.
_NOT_ENTITIES = STOPWORDS | frozenset(
    """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec am pm et gmt utc edt est pst ap afp upi
    """.split()
)

_WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*", re.UNICODE)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|\n+")
# Words whose final full stop does not end a sentence ("U.S.", "Mr.", "Jr.", "St.").
_ABBREVIATION = re.compile(r"(?:\b[A-Z]\.)+$|\b(?:Mr|Mrs|Ms|Dr|Jr|Sr|St|Gen|Gov|Sen|Rep|Lt|Col|Capt|Sgt|Prof|Inc|Corp|Co|No|vs)\.$")


def normalise(text: str) -> str:
    """Lower-case, accent-folded, whitespace-collapsed text: what "the same text" means."""
    if text.isascii():  # most English news: nothing to fold, and the per-character pass is the cost
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text)
    folded = decomposed.translate({ord(ch): _fold(ch) for ch in set(decomposed) if not ch.isascii()})
    return " ".join(folded.lower().split())


# Curly quotes straightened; combining marks (accents, once decomposed) dropped.
_QUOTES = {"’": "'", "‘": "'", "“": '"', "”": '"'}


@functools.lru_cache(maxsize=65536)
def _fold(ch: str) -> str | None:
    """What one non-ASCII character of decomposed text becomes: one C-speed `str.translate` with
    a table of the text's own characters (a per-character Python test was most of the story
    stage's time on non-ASCII text; a table of every code point took a second to build)."""
    if ch in _QUOTES:
        return _QUOTES[ch]
    return None if unicodedata.combining(ch) else ch


def content_hash(text: str) -> str:
    """Hash of the normalised text, so identical articles match whatever their markup."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


def words(text: str) -> list[str]:
    """Word tokens of already normalised text (numbers kept: they often name the event)."""
    return [w.replace("’", "'") for w in _WORD.findall(text)]


def normalised_words(text: str) -> list[str]:
    """The word tokens of `text` once normalised: what word-for-word comparisons compare."""
    return words(normalise(text))


def content_words(text: str) -> list[str]:
    """Words that carry meaning: no stopwords, no single letters, no possessive endings."""
    out = []
    for word in normalised_words(text):
        if word.endswith("'s"):
            word = word[:-2]
        if len(word) > 1 and word not in STOPWORDS:
            out.append(word)
    return out


def sentences(text: str) -> list[str]:
    """Split into sentences: on line breaks and on end punctuation before a capital or digit."""
    out: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        head = text[start:match.start()]
        if "\n" not in match.group() and _ABBREVIATION.search(head.rstrip("\"'”’)")):
            continue
        out.append(head)
        start = match.end()
    out.append(text[start:])
    return [s.strip() for s in out if s.strip()]


_CAPITALISED = re.compile(r"^[A-Z][\w'’.\-]*$")
_CONNECTORS = frozenset({"of", "de", "la", "al", "bin", "van", "von", "der", "du", "del"})


def proxy_entities(text: str, lower: bool = True) -> list[str]:
    """Capitalised word sequences, a cheap stand-in for named entities when NLP is absent.

    A sequence at the start of a sentence is kept only when its first word is also seen
    capitalised inside a sentence somewhere in the text (so "The" and "Police" are dropped but
    "Lohan" is not). Returns names in order of appearance, repeats included, lower-cased unless
    `lower` is false (for display).
    """
    runs: list[tuple[list[str], bool]] = []  # (words, starts the sentence)
    inner_capitalised: set[str] = set()
    for sentence in sentences(text):
        # Punctuation stays as tokens so that "Talca, Chile (AP)" gives three names, not one.
        tokens = re.findall(r"[\w'’.\-]+|[^\w\s]", sentence)
        current: list[str] = []
        start_index = 0
        for index, token in enumerate(tokens):
            token = re.sub(r"['’]s$", "", token.rstrip("."))
            if _CAPITALISED.match(token) and token.lower() not in _NOT_ENTITIES:
                if not current:
                    start_index = index
                current.append(token)
                if index > 0:
                    inner_capitalised.add(token.lower())
            elif current and token.lower() in _CONNECTORS and index + 1 < len(tokens) and \
                    _CAPITALISED.match(tokens[index + 1]):
                current.append(token)
            else:
                if current:
                    runs.append((current, start_index == 0))
                current = []
        if current:
            runs.append((current, start_index == 0))
    names = []
    for run, at_start in runs:
        if at_start and run[0].lower() not in inner_capitalised:
            run = run[1:]
            while run and run[0].lower() in _CONNECTORS:
                run = run[1:]
        if run:
            name = " ".join(run)
            names.append(name.lower() if lower else name)
    return names
