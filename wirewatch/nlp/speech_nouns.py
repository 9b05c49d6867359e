"""A quote given as the content of someone's words: "Brandt's answer was that “…”", "after Lena
Marsh's remark that “…”", "in Grace Whitfield's words, “…”", "Her warning was blunt: “…”".

The speaker is the owner of a noun of speech, not the subject of the sentence (which may only
recall or criticise those words: "Critics recalled Novak's promise that “…”"). The nouns are the
ordinary English nouns for something said; the owner is a name with its possessive ending or a
possessive pronoun. The quote must follow the noun as its content, after "that", a colon or a
comma, with no clause in between (a cue there reports something else: "Brandt's remark, Hale
said, “…”"). A possessed noun the quote only describes ("Trump's comments were “outrageous”",
"his answer was “evasive”") is left alone: a copula alone does not hand over.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SPEECH_NOUNS = (
    "remark|remarks|comment|comments|statement|statements|answer|answers|reply|replies|"
    "response|promise|promises|pledge|vow|warning|warnings|claim|claims|assertion|words|"
    "message|tweet|tweets|question|questions|view|argument|complaint|admission|boast|retort|"
    "quip|slogan|motto|refrain|mantra|dictum|prediction|insistence|assurance|accusation|"
    "catchphrase|catch phrase|rallying cry|battle cry|verdict|advice|explanation|reasoning"
)
_POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "their": "they"}
# The owner, up to three modifiers ("Rubio's catch phrase in that election", "her March
# comment"), the noun, then what hands over to the quote at the end of the text before it.
_OWNED_SPEECH = re.compile(
    r"(?:(?<![\w’'])(?P<pronoun>[Hh]is|[Hh]er|[Tt]heir)|(?P<owner_end>['’]s?))"
    rf"\s+(?:[\w\-]+\s+){{0,3}}?(?P<noun>{SPEECH_NOUNS})\b"
    r"(?P<between>[^“”\"\n;]{0,60}?)"
    r"(?:\sthat|[:,])\s*$"
)
# Words between the noun and the hand-over that open another clause: the quote is then that
# clause's ("Responding to Trump's remarks, Clinton wrote: “…”", "… Sanders' comments Tuesday,
# telling reporters, “…”").
_BETWEEN_CLAUSE = re.compile(r",|\b(?:who|which|when|because|if|and|but)\b")


@dataclass(frozen=True)
class OwnedSpeech:
    """Where the owner's words stand: a name's span (its possessive ending excluded) or a
    possessive pronoun's, with the pronoun's nominative form when it is one."""

    start: int
    end: int
    noun: str
    pronoun: str | None = None


def owned_speech(
    text: str, sentence: int, mark_start: int, names: dict[int, int], cue: re.Pattern[str]
) -> OwnedSpeech | None:
    """The owner of the noun of speech whose content is the quote opening at `mark_start`, in
    the sentence starting at `sentence`; `names` maps the end of each entity mention to its
    start, so a possessive ending counts only after a name ("the port's answer" names no one);
    `cue` finds a cue verb, which between the noun and the quote makes the quote its report."""
    left = text[sentence:mark_start]
    match = _OWNED_SPEECH.search(left)
    if match is None or _BETWEEN_CLAUSE.search(match.group("between")) or cue.search(match.group("between")):
        return None
    if match.group("pronoun"):
        word = match.group("pronoun")
        start = sentence + match.start("pronoun")
        return OwnedSpeech(start, start + len(word), match.group("noun"), _POSSESSIVE_PRONOUNS[word.lower()])
    owner_end = sentence + match.start("owner_end")
    if owner_end not in names:
        return None
    return OwnedSpeech(names[owner_end], owner_end, match.group("noun"))
