"""Who a pronoun or a role noun in an article refers to.

Reading "“…,” she said." a careful editor looks for a woman named just before, and failing
that for the woman the article is about; "the trade chief said" is the person the article
introduced as its trade chief. This module does both from the resolved entities and the text:

- agreement: he/she only refer to people of that gender when the article shows it
  (nlp/gender.py), "they" to an organisation or group ("Acme ... they said in a statement"),
  "it" to an organisation;
- salience (after Lappin and Leass's scoring): a candidate scores for being mentioned recently,
  for opening its sentence (the subject), for being mentioned often and first in the article,
  and loses for sitting after a preposition or as a possessor ("the shooting of Keith Scott",
  "Clinton's campaign");
- role nouns: "the spokesperson" is the person given that role in apposition ("Tom Baker, the
  union's spokesperson,") or before the name ("union spokesperson Tom Baker"); an indefinite "a
  spokesperson" introduces someone new and is bound to nobody.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .gender import FEMININE, MASCULINE, opens_sentence, person_genders, pronoun_gender
from .resolve import Resolution

_GROUP_TYPES = {"ORG", "NORP"}
_RECENCY = (100.0, 50.0, 25.0, 12.0, 6.0)  # same sentence, one back, two back, ...
_SUBJECT, _AFTER_PREPOSITION, _POSSESSOR = 80.0, -40.0, -30.0
_AGREES = 10.0  # the article already showed this person is "she" (or "he")
# A subject that is itself a pronoun ("It said it", "They said they") names whoever it names.
_PRONOUN_SUBJECTS = {"he", "she", "they", "it", "i", "we", "you"}
_NEAR = 1  # sentences back within which an agreeing subject outranks the article's salience
# The article's salience breaks ties between nearby candidates; it never outweighs a subject
# in the sentence before ("Trump expressed optimism. “…,” he said." is Trump, even in an
# article about Starmer) that the article showed agrees (see `_resolve`).
_PER_MENTION, _MAX_COUNTED, _FIRST_NAMED = 1.5, 10, 10.0
_PREPOSITION_BEFORE = re.compile(
    r"(?<![\w’'])(?i:at|in|on|during|after|before|with|from|for|to|by|of|into|about|under|over|"
    r"than|like|through|without|against|between|among|toward|towards)\s+(?:[A-Z][\w.]*\s+){0,3}$"
)
# He, she, they: nominative pronouns, always a subject (unlike "it" or "her"); quotes.py uses it too.
NOMINATIVE_PRONOUN = re.compile(r"(?<![\w’'])(?:[Hh]e|[Ss]he|[Tt]hey)(?![\w’'])")
_ROLE_HEAD_CUT = re.compile(r"\s(?:of|for|at|in|on|with|from|to|who|whose|which|that|and|said|says)\b")
_APPOSITIVE_AFTER = re.compile(
    r"^,\s+(?P<det>the|a|an|his|her|their|its|[\w.’'\-]+['’]s)\s+(?P<words>[^,.;:“”\"()]{1,60})"
)
_WORDS_BEFORE = re.compile(r"(?P<words>(?:[\w’'\-]+\s+){1,4})$")
_ROLE_THEN_NAME = re.compile(
    r"(?P<words>(?:[Tt]he|[Ii]ts|[Tt]heir|[\w.’'\-]+['’]s)(?:\s+[\w’'\-]+){1,4}),\s+$"
)
_DEFINITE = re.compile(r"^(?:[Tt]he|[Tt]his|[Tt]hat|[\w.’'\-]+['’]s)\s")


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    entity_id: str
    type: str


class Referents:
    """The entities of one article with what pronoun and role-noun resolution needs."""

    def __init__(
        self,
        text: str,
        resolution: Resolution,
        sentence_starts: Sequence[int],
        quoted: Callable[[int, int], bool],
        sentence_has_quote: Callable[[int], bool],
        cue_after: re.Pattern[str],
        cue_before: re.Pattern[str],
    ) -> None:
        """`cue_after` matches a cue verb right after a mention ("Warren said"), `cue_before`
        one ending the text before it ("“…,” said Warren")."""
        self.text = text
        self.cue_after, self.cue_before = cue_after, cue_before
        self.starts = list(sentence_starts)
        # Recency counts the narrator's sentences: those inside a quote are the speaker's.
        self.narrator_starts = [start for start in self.starts if not quoted(start, start + 1)]
        types = {entity.id: entity.type for entity in resolution.entities}
        self.mentions = [
            _Mention(s, e, entity_id, types.get(entity_id, ""))
            for (s, e), entity_id in sorted(resolution.entity_of_span.items())
            if not quoted(s, e)
        ]
        self.mention_starts = [m.start for m in self.mentions]
        persons = [(m.start, m.end, m.entity_id) for m in self.mentions if m.type == "PERSON"]
        self.genders = person_genders(
            text, persons, self.sentence_start,
            lambda s, e: quoted(s, e) or sentence_has_quote(s),
        )
        self.salience = self._article_salience()
        self.narrator_pronouns = [
            (match.start(), match.group().lower()) for match in NOMINATIVE_PRONOUN.finditer(text)
            if not quoted(match.start(), match.end())
        ]
        self.next_pronoun = 0
        # "<subject> said (that) ", "<subject> told reporters " right before a pronoun, from its
        # sentence's start.
        self.reported_subject = re.compile(
            r"(?P<subject>[A-Z][^,;:“”\"()\n]{0,60}?)" + cue_after.pattern
            + r"(?:\s+[\w’'.\-]+){0,3}?\s+(?:that\s+)?$"
        )
        self.resolved: dict[int, str | None] = {}

    def sentence_index(self, pos: int) -> int:
        return bisect.bisect_right(self.starts, pos) - 1

    def narrator_index(self, pos: int) -> int:
        return bisect.bisect_right(self.narrator_starts, pos) - 1

    def sentence_start(self, pos: int) -> int:
        return self.starts[max(0, self.sentence_index(pos))]

    def gender(self, entity_id: str) -> str | None:
        return self.genders.get(entity_id)

    # -- salience --------------------------------------------------------------------------

    def is_subject(self, mention: _Mention) -> bool:
        """The mention is its clause's subject: the sentence's first words (titles aside), or
        the speaker of a cue verb ("Warren said", "“…,” said Warren")."""
        lead = self.text[self.sentence_start(mention.start):mention.start]
        if opens_sentence(lead):
            return True
        if self.cue_before.search(lead):
            return True
        return self.cue_after.match(self.text, mention.end, mention.end + 40) is not None

    def _article_salience(self) -> dict[str, float]:
        """How much the article is about each entity: mentions, subject mentions, first named."""
        counts: dict[str, int] = {}
        subjects: dict[str, int] = {}
        for mention in self.mentions:
            counts[mention.entity_id] = counts.get(mention.entity_id, 0) + 1
            if self.is_subject(mention):
                subjects[mention.entity_id] = subjects.get(mention.entity_id, 0) + 1
        first_person = next((m.entity_id for m in self.mentions if m.type == "PERSON"), None)
        return {
            entity_id: _PER_MENTION * min(count, _MAX_COUNTED)
            + _PER_MENTION * min(subjects.get(entity_id, 0), _MAX_COUNTED)
            + (_FIRST_NAMED if entity_id == first_person else 0.0)
            for entity_id, count in counts.items()
        }

    # -- pronouns --------------------------------------------------------------------------

    def pronoun(self, pos: int, word: str) -> str | None:
        """The entity the pronoun `word` at pos refers to, or None when nothing agrees.

        he/she: people not known to be of the other gender, in the sentence so far and the four
        before, plus the article's people known to agree; they: organisations and groups; it:
        organisations. The narrator's earlier he/she/they count as mentions of whoever they
        were resolved to ("Clinton leaned in. She started off … She then … “…,” she said").
        """
        self._resolve_narrator_pronouns(pos)
        if pos in self.resolved:
            return self.resolved[pos]
        return self._resolve(pos, word.lower())

    def _resolve_narrator_pronouns(self, pos: int) -> None:
        """Resolve, in text order, the narrator's pronouns before pos not yet resolved."""
        while self.next_pronoun < len(self.narrator_pronouns):
            start, word = self.narrator_pronouns[self.next_pronoun]
            if start >= pos:
                break
            self.resolved[start] = self._resolve(start, word)
            self.next_pronoun += 1

    def _resolve(self, pos: int, lowered: str) -> str | None:
        gender = pronoun_gender(lowered)
        if gender is not None:
            types = {"PERSON"}
        elif lowered == "they":
            types = _GROUP_TYPES
        elif lowered == "it":
            types = {"ORG"}
        else:
            return None
        unnamed = self._unnamed_antecedent(pos, lowered)
        if unnamed is not None:
            return unnamed or None
        here = self.narrator_index(pos)
        scores: dict[str, float] = {}
        near_subjects: set[str] = set()  # known to agree, the subject of this sentence or the one before
        for start, mention, entity_id in self._candidates_before(pos, lowered):
            # Each candidate is scored at its latest mention before the pronoun.
            if entity_id in scores:
                continue
            if mention is not None:
                if mention.type not in types:
                    continue
                if mention.type == "NORP" and not self.text[mention.start:mention.end].endswith("s"):
                    continue  # "Democratic", "American": an adjective, not "the Democrats"
            known = self.genders.get(entity_id) if gender else None
            if known is not None and known != gender:
                continue
            distance = here - self.narrator_index(start)
            if distance < len(_RECENCY):
                position = self._position_score(mention) if mention is not None else _SUBJECT
                score = max(0.0, _RECENCY[distance] + position)  # never below a far candidate
                if known is not None and distance <= _NEAR and position >= _SUBJECT:
                    near_subjects.add(entity_id)
            elif known is not None:
                score = 0.0  # far back: the people the article showed agree stay candidates
            else:
                continue
            score += _AGREES if known is not None else 0.0
            score += self.salience.get(entity_id, 0.0)
            scores[entity_id] = score
        if not scores:
            return None
        # A subject just before that the article showed agrees is the referent, however salient
        # someone named further back is ("Her predecessor, Sarah Lind, said she was saddened.
        # “…,” she said." is Lind in an article about another woman).
        chosen = near_subjects or scores
        return max(chosen, key=lambda entity_id: scores[entity_id])

    def _unnamed_antecedent(self, pos: int, lowered: str) -> str | None:
        """"" (no entity) when the pronoun at pos refers to someone the article does not name, the
        role holder's id when a role noun names them, None when this cannot be told.

        "Union leaders said they would ..." and "A driver told police he ..." are the subject of
        their own reporting verb: whoever the article named before is not meant. And the same
        pronoun right after ("“…,” they said in a statement.") goes on with that subject while
        nobody else is named in between.
        """
        lead_start = self.sentence_start(pos)
        reported = self.reported_subject.match(self.text, lead_start, pos)
        if reported and reported.group("subject").split()[0].lower() not in _PRONOUN_SUBJECTS:
            subject_end = lead_start + len(reported.group("subject"))
            if not self._named_in(lead_start, subject_end):
                holder = self.role_holder(lead_start, subject_end) if lowered in ("he", "she") else None
                return holder or ""
        earlier = [start for start, word in self.narrator_pronouns if start < pos and word == lowered]
        if earlier and earlier[-1] in self.resolved and self.resolved[earlier[-1]] is None:
            last = earlier[-1]
            if not self._named_in(last + 1, pos) and self.narrator_index(pos) - self.narrator_index(last) <= _NEAR:
                return ""
        return None

    def _named_in(self, start: int, end: int) -> bool:
        """Whether an entity mention (outside quotes) starts in [start, end)."""
        index = bisect.bisect_left(self.mention_starts, start)
        return index < len(self.mention_starts) and self.mention_starts[index] < end

    def _candidates_before(self, pos: int, lowered: str):
        """(position, mention or None, entity id), latest first: the entity mentions before
        pos and the same pronoun's earlier resolved uses (subjects, mention None)."""
        end = bisect.bisect_left(self.mention_starts, pos)
        mentions = [(m.start, m, m.entity_id) for m in self.mentions[:end] if m.end <= pos]
        pronouns = [
            (start, None, self.resolved[start]) for start, word in self.narrator_pronouns
            if start < pos and word == lowered and self.resolved.get(start)
        ]
        return sorted(mentions + pronouns, key=lambda item: item[0], reverse=True)

    def _position_score(self, mention: _Mention) -> float:
        score = _SUBJECT if self.is_subject(mention) else 0.0
        if _PREPOSITION_BEFORE.search(self.text, max(0, mention.start - 40), mention.start):
            score += _AFTER_PREPOSITION
        if self.text[mention.end:mention.end + 2] in ("'s", "’s"):
            score += _POSSESSOR
        return score

    # -- role nouns ------------------------------------------------------------------------

    def role_holder(self, start: int, end: int) -> str | None:
        """The person a definite role noun phrase at [start, end) names ("the trade chief").

        The person must be given the role before the phrase, by apposition after the name or
        by the words right before it; more shared modifiers ("trade", "union's") win, then the
        latest.
        """
        phrase = self.text[start:end]
        if not _DEFINITE.match(phrase):
            return None
        words = _role_words(phrase)
        if not words:
            return None
        head, modifiers = words[-1], set(words[:-1])
        best: tuple[int, int] | None = None
        holder = None
        for mention in self.mentions:
            if mention.start >= start:
                break
            if mention.type != "PERSON":
                continue
            for given in self._roles_given(mention):
                if given[-1] != head:
                    continue
                key = (len(modifiers.intersection(given[:-1])), mention.start)
                if best is None or key > best:
                    best, holder = key, mention.entity_id
        return holder

    def _roles_given(self, mention: _Mention) -> list[list[str]]:
        """Role words the text gives the person at this mention, each ending in its head."""
        roles = []
        appositive = _APPOSITIVE_AFTER.match(self.text[mention.end:mention.end + 90])
        if appositive and appositive.group("det") not in ("his", "her", "their", "its"):
            words = _role_words(appositive.group("det") + " " + appositive.group("words"))
            if words:
                roles.append(words)
        before = _WORDS_BEFORE.search(self.text, max(0, mention.start - 50), mention.start)
        if before:
            words = _role_words(before.group("words"))
            if words:
                roles.append(words)
        # "the union's spokesperson, Tom Baker,": the role first, the name set off after it.
        set_off = _ROLE_THEN_NAME.search(self.text, max(0, mention.start - 70), mention.start)
        if set_off:
            words = _role_words(set_off.group("words"))
            if words:
                roles.append(words)
        return roles


def _role_words(phrase: str) -> list[str]:
    """Lowercased words of a role phrase up to its head, determiner dropped, possessors kept:
    "The union's spokesperson for Europe" -> ["union", "spokesperson"]."""
    cut = _ROLE_HEAD_CUT.search(phrase)
    tokens = (phrase[:cut.start()] if cut else phrase).split()
    if tokens and tokens[0].lower() in _DETERMINERS:
        tokens = tokens[1:]
    words = []
    for token in tokens:
        word = token.strip(",.;:").lower()
        word = word[:-2] if word.endswith(("'s", "’s")) else word
        if word:
            words.append(word)
    return words


_DETERMINERS = {"the", "a", "an", "this", "that", "his", "her", "their", "its"}


__all__ = ["Referents", "FEMININE", "MASCULINE"]
