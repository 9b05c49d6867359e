"""Name spans in one article: what the NER found, cleaned, plus names it missed.

The statistical NER is replaceable and imperfect (it drops possessives inconsistently, sometimes
swallows a title, misses rare or garbled names), so this module turns `doc.ents` into uniform
`NameSpan`s and recovers capitalised names that stand where only a name can stand: after a title
("President Xi"), next to a speech verb ("Hoekstra said", "said Jan Hoekstra"). Resolution
(`resolve.py`) then groups the spans into entities; `to_entities` writes the public records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from spacy.tokens import Doc

from wirewatch.document import Entity, Mention

from .propagation import load_common_words

# Titles and honorifics that introduce a person's name; longest first so that "Prime Minister"
# wins over "Minister". They are also the role nouns ("the Prime Minister") resolution binds.
TITLES = sorted(
    [
        "President", "Vice President", "Prime Minister", "Deputy Prime Minister", "Chancellor",
        "Foreign Minister", "Defence Minister", "Defense Minister", "Finance Minister", "Minister",
        "Secretary of State", "Defense Secretary", "Defence Secretary", "Foreign Secretary",
        "Home Secretary", "Secretary", "Senator", "Sen.", "Representative", "Rep.", "Governor",
        "Gov.", "Mayor", "Premier", "King", "Queen", "Prince", "Princess", "Pope", "Chairman",
        "Chairwoman", "Speaker", "Leader", "General", "Gen.", "Admiral", "Adm.", "Colonel", "Col.",
        "Judge", "Justice", "Ambassador", "Envoy", "envoy", "Commissioner", "Attorney General",
        "Chief Executive", "CEO", "Director", "Professor", "Prof.", "Dr.", "Mr.", "Mrs.", "Ms.",
        "Mr", "Mrs", "Ms", "Dr", "Sir", "Dame", "Lord", "Lady", "Rev.", "Sheikh", "Archbishop",
        "Bishop", "Cardinal", "Chief", "Commander", "Lt.", "Sgt.", "Captain", "Capt.",
    ],
    key=len,
    reverse=True,
)
HONORIFICS = {"Mr", "Mrs", "Ms", "Dr", "Sir", "Dame", "Lord", "Lady", "Prof", "Rev"}

# Capitalised words that start sentences or headings but never name anyone.
NOT_NAMES = {
    "A", "An", "The", "This", "That", "These", "Those", "It", "Its", "He", "She", "They", "We",
    "I", "You", "His", "Her", "Their", "Our", "My", "Your", "But", "And", "Or", "So", "Yet",
    "If", "When", "While", "After", "Before", "Since", "As", "At", "In", "On", "Of", "For", "To",
    "From", "With", "By", "About", "Also", "Still", "However", "Meanwhile", "There", "Here",
    "Some", "Many", "Most", "All", "Both", "Each", "No", "Not", "One", "Two", "Three", "Who",
    "What", "Why", "How", "Where", "Which", "Officials", "Police", "Sources", "Analysts",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
    "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "Today", "Yesterday", "Tomorrow", "Mr", "Mrs", "Ms", "Dr",
    "According", "Asked", "Speaking", "Writing", "Read", "Get", "Sign", "Click", "Follow",
}

# Sentence-starting function words an NER span sometimes swallows ("Since Trump returned").
LEADING_FUNCTION_WORDS = {
    "But", "And", "Or", "So", "Yet", "If", "When", "While", "After", "Before", "Since", "As",
    "At", "In", "On", "Of", "For", "To", "From", "With", "By", "About", "Also", "Still",
    "However", "Meanwhile", "Asked", "According", "Speaking", "Until", "Unlike", "Like",
}

_NAME_WORD = r"(?:[A-Z][a-z]*\.|[A-Z][\w’'\-]*[a-z][\w’'\-]*)"  # "J." "Keir" "O'Neill" "McDonald"
_NAME = rf"{_NAME_WORD}(?: (?:(?:de|van|von|der|da|di|la|le|bin|al)[ -])?{_NAME_WORD}){{0,3}}"
SPEECH_VERBS = (
    "said|says|told|tells|added|adds|urged|urges|warned|warns|wrote|writes|asked|asks|explained|"
    "noted|insisted|argued|stated|declared|continued|recalled|acknowledged|admitted|claimed|"
    "replied|responded|announced|tweeted|posted|stressed|emphasized|emphasised|suggested|"
    "remarked|conceded|cautioned|predicted|observed|complained|countered|concluded|added"
)
_TITLE_ALT = "|".join(re.escape(t) for t in TITLES)
_RECOVERY_PATTERNS = [
    # "President Xi Jinping", "Chancellor Reeves"
    re.compile(rf"\b(?:{_TITLE_ALT}) (?P<name>{_NAME})"),
    # "Hoekstra said", "Jan Hoekstra told"
    re.compile(rf"(?P<name>{_NAME})(?:,[^,\n]{{1,60}},)? (?:{SPEECH_VERBS})\b"),
    # "said Jan Hoekstra", "according to Jan Hoekstra"
    re.compile(rf"\b(?:{SPEECH_VERBS}|according to) (?P<name>{_NAME})"),
]
# What may follow a sentence's last word up to the end of its paragraph.
_PARAGRAPH_END = re.compile(r"[\"”’')\]]*[ \t]*(?:\n|$)")
# A month, in full or abbreviated, followed by a day or a year: a date, never a name.
_DATE = re.compile(
    r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?|January|February|March|April|May|June|"
    r"July|August|September|October|November|December")
_DAY_OR_YEAR = re.compile(r"\.?,?\s*\d")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_NATIONALITY_OR_TITLE_WORD = re.compile(r"(?:[A-Z][\w.\-]*|of|the)$")


@dataclass(frozen=True)
class NameSpan:
    """One stretch of text that names something, with what we know about it."""

    start: int
    end: int
    text: str
    label: str  # PERSON, ORG, GPE, LOC, NORP, EVENT, MISC, ... or ROLE for "the Prime Minister"
    title: str | None = None  # the title the text gave this name here: "Prime Minister"
    recovered: bool = False  # found by the rules here rather than by the NER


def clean_span(
    text: str, start: int, end: int, abbreviated: bool = False, possessive_name: bool = False
) -> tuple[int, int]:
    """Trim a name span: no possessive, no leading title or lower-case "the", no stray punctuation.

    `abbreviated`: the span ends in an abbreviation whose full stop the tokenizer kept on the
    word ("Acme Corp.", "St. Petersburg, Fla."); the stop is part of the name then.
    `possessive_name`: a final "'s" is part of the name ("Lord's", "McDonald's").
    A capitalised "The" stays: the NER includes it only where it belongs to the name ("The
    Hague", "The Oval", "The Sunday Telegraph"), and a span the rules found never starts with it.
    """
    while start < end and text[start] in " “”\"'‘’(-–—":
        start += 1
    chunk = text[start:end]
    stripped = chunk.rstrip(" .,;:!?\"“”'’")
    if chunk.endswith(".") and (abbreviated or re.search(r"\b[A-Z]\.$", chunk)):  # "Jr." / "J."
        stripped = chunk
        if _PARAGRAPH_END.match(text, end):  # "... sold to Acme Corp.\n\n": also the sentence's stop
            stripped = chunk[:-1]
    end = start + len(stripped)
    chunk = text[start:end]
    match = _POSSESSIVE.search(chunk)
    if match and len(chunk) > len(match.group()) and not (possessive_name and match.group()[-1:] == "s"):
        end -= len(match.group())
        end = start + len(text[start:end].rstrip())  # "Lord 's" written with a space
    chunk = text[start:end]
    lead = re.match(r"the ", chunk)
    if lead:
        start += lead.end()
    while True:
        first, space, rest = text[start:end].partition(" ")
        if not (space and rest and (first in LEADING_FUNCTION_WORDS or _inverted_cue(first, text, end))):
            return start, end
        start += len(first) + 1


# Capitalised cue verbs that open an inverted attribution ("Said Ellis: ...", "Added Ruiz, ...").
_INVERTED_CUES = {"Said", "Says", "Added", "Adds", "Wrote", "Writes", "Told", "Tells", "Asked", "Asks",
                  "Warned", "Continued", "Replied", "Explained"}


def _inverted_cue(first: str, text: str, end: int) -> bool:
    """"Said Ellis:" names Ellis; only before a colon or comma, since "Said" can also be a name
    ("Said Jalili said", "Edward Said")."""
    return first in _INVERTED_CUES and text[end:end + 1] in (":", ",")


def split_title(text: str, start: int, end: int) -> tuple[int, str | None]:
    """If a person span starts with a title ("President Putin"), move it out of the name."""
    chunk = text[start:end]
    for title in TITLES:
        if chunk.startswith(title + " ") and len(chunk) > len(title) + 1:
            return start + len(title) + 1, title
    return start, None


def title_before(text: str, start: int) -> str | None:
    """The title written just before a name: "British Prime Minister Keir Starmer" -> "Prime Minister"."""
    window = text[max(0, start - 40):start]
    for title in TITLES:
        if window.endswith(title + " "):
            return title
    return None


def _looks_like_name(words: str) -> bool:
    first = words.split(" ", 1)[0].rstrip(".")
    return first not in NOT_NAMES and not words.isupper()


def collect_name_spans(doc: Doc) -> list[NameSpan]:
    """NER entities, cleaned, plus person names the rules recover; sorted, never overlapping."""
    text = doc.text
    spans: list[NameSpan] = []
    for ent in doc.ents:
        if _DATE.fullmatch(ent.text) and _DAY_OR_YEAR.match(text, ent.end_char):
            continue  # "Sept. 24", "May 14": a date the NER read as a name
        last = ent[-1].text
        abbreviated = len(last) > 1 and last.endswith(".") and last[:-1].replace(".", "").isalpha()
        start, end = clean_span(text, ent.start_char, ent.end_char, abbreviated,
                                _possessive_name(text, ent.start_char, ent.end_char, ent.label_))
        title = None
        if ent.label_ == "PERSON":
            start, title = split_title(text, start, end)
            title = title or title_before(text, start)
        if end > start:
            spans.append(NameSpan(start, end, text[start:end], ent.label_, title))
    spans.extend(recover_person_names(text, spans))
    return sorted(spans, key=lambda s: (s.start, -s.end))


def _possessive_name(text: str, start: int, end: int, label: str) -> bool:
    """Whether the "'s" closing a non-person entity belongs to its name: the article never writes
    the name without it ("Boatmen's was the prize", "at Lord's"). A person's name never ends in
    one, and "Google's shares" beside "Google" is the possessive of the company."""
    match = _POSSESSIVE.search(text[start:end].rstrip(" .,;:!?\"“”"))
    if label == "PERSON" or not match or not match.group().endswith("s") or match.start() == 0:
        return False
    bare = text[start:end][:match.start()].strip()
    if bare.lower().startswith("the "):
        bare = bare[4:]
    return re.search(rf"\b{re.escape(bare)}\b(?! ?[’']s)", text) is None


def recover_person_names(text: str, known: Iterable[NameSpan]) -> list[NameSpan]:
    """Capitalised names in slots only a person fills, where the NER saw nothing."""
    taken = sorted((s.start, s.end) for s in known)
    found: dict[tuple[int, int], NameSpan] = {}
    for pattern in _RECOVERY_PATTERNS:
        for match in pattern.finditer(text):
            start, end = clean_span(text, match.start("name"), match.end("name"))
            words = text[start:end]
            # Drop capitalised sentence-starters the pattern swallowed ("But Hoekstra said").
            while " " in words and words.split(" ", 1)[0] in NOT_NAMES:
                cut = words.index(" ") + 1
                start += cut
                words = words[cut:]
            if not words or not _looks_like_name(words) or words in TITLES:
                continue
            if " " not in words and _opens_sentence(text, start) and _ordinary_word(words, text):
                continue  # "Residents said", "Brokers told": any word opens a sentence
            if any(s < end and start < e for s, e in taken):
                continue
            if any(s < end and start < e for s, e in found):
                continue
            found[(start, end)] = NameSpan(
                start, end, words, "PERSON", title_before(text, start), recovered=True
            )
    return list(found.values())


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    return load_common_words()


def _ordinary_word(word: str, text: str) -> bool:
    """Whether `word` is an ordinary English word rather than a name: a common word, the plural
    of one ("Brokers"), or a word the text also writes in lower case ("Traders ... traders")."""
    lower = word.lower()
    common = _common_words()
    if lower in common or (lower.endswith("s") and (lower[:-1] in common or lower[:-2] in common)):
        return True
    return re.search(rf"\b{re.escape(lower)}\b", text) is not None


def _opens_sentence(text: str, start: int) -> bool:
    """Whether `start` begins the text, a line or a sentence (after an opening quote too)."""
    before = text[max(0, start - 4):start].rstrip(" \"“‘'(")
    return not before or before.endswith("\n") or before[-1] in ".!?:;"


def to_entities(groups: list[list[NameSpan]], names: list[str], labels: list[str]) -> list[Entity]:
    """Public records for resolved groups, numbered e1, e2, ... in order of first mention.

    A group of names that are not a person's and that the NER typed as different kinds of
    thing from mention to mention becomes one record per type: the same words name a city and
    its club ("Leeds beat Chelsea" ... "in Leeds"), a country and its team or government, a
    company and its home town, and the NER reads each mention in its own context. Two readings
    still join the group's type: MISC, the NER's residual class for a name it could not place
    ("Google" as MISC beside "Google" as ORG), and a person's group, where resolution put a
    word on stronger evidence than its context (the surname of a full name the article gives:
    "Zelenskyy" read as an ORG).
    """
    records: list[tuple[list[NameSpan], str, str]] = []
    for group, name, label in zip(groups, names, labels):
        records.extend((part, name, kind) for part, kind in _split_by_type(group, label))
    records.sort(key=lambda record: min(s.start for s in record[0]))
    entities = []
    for number, (group, name, label) in enumerate(records, start=1):
        mentions = [Mention(text=s.text, start=s.start, end=s.end, kind="role" if s.label == "ROLE" else "name")
                    for s in sorted(group, key=lambda s: s.start)]
        entities.append(Entity(id=f"e{number}", name=name, type=label, mentions=mentions))
    return entities


_JOINS_GROUP_TYPE = frozenset({"ROLE", "MISC"})  # readings that take the group's type


def _split_by_type(group: list[NameSpan], label: str) -> list[tuple[list[NameSpan], str]]:
    """`group` as (spans, type) parts: one per type the NER gave its names, unless a person."""
    kinds = {s.label for s in group if s.label not in _JOINS_GROUP_TYPE}
    if label == "PERSON" or len(kinds | {label}) < 2:
        return [(group, label)]
    parts: dict[str, list[NameSpan]] = {}
    for span in sorted(group, key=lambda s: s.start):
        parts.setdefault(label if span.label in _JOINS_GROUP_TYPE else span.label, []).append(span)
    return [(spans, kind) for kind, spans in parts.items()]
