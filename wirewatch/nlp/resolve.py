"""In-document entity resolution: which name spans are the same entity.

News names one person many ways: "Prime Minister Keir Starmer", "Starmer", "Mr. Starmer",
"Starmer's", "the Prime Minister", "Van Leeuwen said" for Jeroen van Leeuwen, and after machine
translation also "Stemmer" -- sometimes in every later mention, so the garble can be the
majority spelling. Exact forms are grouped by rule (a bare surname joins the full name with that
surname mentioned most recently); every other candidate pair of person groups is a scored decision
(`names.same_entity_score`: spelling, particles, first names, titles, place tags), with no
assumption about which spelling is the more frequent. Two full names with different first names
are never merged ("Bill Clinton" / "Hillary Clinton"), and a look-alike that has its own full name
("Osama bin Laden" next to "Obama") stays apart, because exact surnames bind before scores.

The role-noun alias table binds "the Prime Minister" to the person the text gave that title to
("Prime Minister Keir Starmer"); a role noun nobody was given stays unresolved.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache

from wirewatch.document import Entity

from .entities import (
    HONORIFICS,
    LEADING_FUNCTION_WORDS,
    NOT_NAMES,
    SPEECH_VERBS,
    TITLES,
    NameSpan,
    to_entities,
)
from .propagation import load_common_words
from .names import (
    MATCH_THRESHOLD,
    PARTICLES,
    PersonName,
    fold,
    parse_person_name,
    role_prefix_length,
    same_entity_score,
)

# A capitalised word the NER did not mark joins a person on spelling alone: more evidence needed.
RECOVERY_THRESHOLD = 0.97
# Two groups that both have full names (a garbled full name, "Keir Stemmer") need more evidence
# than a bare surname: distinct people may share a first name and a look-alike surname.
FULL_NAME_THRESHOLD = 0.99
_PLACE_LABELS = ("GPE", "LOC", "FAC")
# Labels whose spans are never re-read as a person ("Iranian" is no garble of "Irannejad").
_NEVER_PERSONS = ("PERSON", "ROLE", "NORP", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY",
                  "CARDINAL", "ORDINAL", "LANGUAGE")
# A run of surname particles just before a name, in any case: "von der ", "Al-", "bin ".
_PARTICLE_RUN = re.compile(
    r"(?<![\w-])(?:(?:" + "|".join(sorted(PARTICLES, key=len, reverse=True)) + r")[ -])+$",
    re.IGNORECASE,
)
_ABBREVIATIONS = {"Jr", "Sr", "St", "Mrs", "Messrs", "Mt", "Ft", "Sgt", "Lt", "Gov", "Sen", "Rep", "Gen"}
_SENTENCE_END = re.compile(r"(?<=[^\W\d_]{2})\. (?=[A-Z])")
_WORD_BEFORE = re.compile(r"(?<![\w.])([A-Z][\w'’]*[a-z]) $")
_PLACE_BEFORE = re.compile(
    r"\b(?:in|to|from|at|near|into|across|towards?|throughout|around|outside|inside|visited|the)\s+$",
    re.IGNORECASE,
)
# Where only a person stands: after an honorific ("Mr. Petresc"), before a speech verb ("Petresc
# said", "Petresc, 54, told").
_HONORIFIC_BEFORE = re.compile(r"\b(?:" + "|".join(sorted(HONORIFICS)) + r")\.? $")
_SPEECH_AFTER = re.compile(r"^(?:['’]s)?(?:,[^,.;:]{1,40},)? (?:" + SPEECH_VERBS + r")\b")
_ROLE_PATTERN = re.compile(
    r"\b(?P<det>[Tt]he|[Hh]is|[Hh]er)(?: (?:former|new|then|outgoing|incoming|British|U\.S\.|"
    r"American|French|German|Russian|Ukrainian|Italian|Chinese|[A-Z][a-z]+an))? "
    # a portfolio or office before the title ("the Transport Minister", "the Health Secretary");
    # lazy, so that a title of two words ("Prime Minister") is read whole first
    r"(?:[A-Z][a-z]+ ){0,2}?"
    r"(?P<title>" + "|".join(re.escape(t) for t in TITLES if not t.endswith(".") and len(t) > 3)
    + r")\b",
    re.IGNORECASE,
)
_APPOSITIVE_TITLE = re.compile(
    r"^, (?:the|a|an) (?:[\w.]+ )?(?P<title>"
    + "|".join(re.escape(t) for t in TITLES if not t.endswith(".") and len(t) > 3)
    + r")\b",
    re.IGNORECASE,
)
_CAPITALISED_WORD = re.compile(r"\b[A-Z][a-z]{2,}(?:['’]s)?\b")


@dataclass
class Resolution:
    """The entities of one document and how to look mentions up in them."""

    entities: list[Entity]
    entity_of_span: dict[tuple[int, int], str]  # (start, end) of every mention -> entity id
    persons: list[tuple[int, int, str]]  # (start, end, entity id) of person mentions, sorted
    variants: dict[str, list[str]] = field(default_factory=dict)  # entity id -> garbled spellings

    def entity(self, entity_id: str | None) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)

    def entity_at(self, start: int, end: int) -> str | None:
        """The entity a mention overlapping [start, end) belongs to (the first one)."""
        for (s, e), entity_id in self.entity_of_span.items():
            if s < end and start < e:
                return entity_id
        return None


class _Groups:
    """Union-find over span indices."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, keep: int, other: int) -> None:
        self.parent[self.find(other)] = self.find(keep)

    def groups(self) -> dict[int, list[int]]:
        out: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.parent)):
            out[self.find(i)].append(i)
        return out


def _full_names(spans: list[NameSpan]) -> list[PersonName]:
    return [name for s in spans if s.label == "PERSON" and (name := parse_person_name(s.text)).is_full]


def _particle_start(text: str, start: int) -> int:
    """Where a surname's particles begin: "Van Leeuwen" -> the start of "Van"."""
    match = _PARTICLE_RUN.search(text[max(0, start - 20):start])
    return start - len(match.group()) if match else start


def _cut_at_sentence_end(text: str, spans: list[NameSpan]) -> list[NameSpan]:
    """A person span running over a sentence end ("Ferris. Critics said") ends at the period:
    the speech-verb recovery reads a word with a period as an abbreviation. Initials ("J.") and
    honorifics ("Mr.") are no sentence end."""
    out = []
    for span in spans:
        match = _SENTENCE_END.search(span.text) if span.label == "PERSON" else None
        if match:
            before = span.text[:match.start()]
            last_word = before.rsplit(" ", 1)[-1]
            if last_word not in HONORIFICS and last_word + "." not in TITLES and last_word not in _ABBREVIATIONS:
                span = replace(span, end=span.start + len(before), text=before)
        out.append(span)
    return out


def _join_particle_names(text: str, spans: list[NameSpan]) -> list[NameSpan]:
    """Person names the NER cut at a particle, made whole: "Bashar" + "al-" + "Assad" ->
    "Bashar al-Assad"; "Ursula von der " + "Leyen" -> "Ursula von der Leyen"; "Al-" + "Assad"
    at a sentence start -> "Al-Assad". The given name before the particles is taken when it is a
    capitalised word that is no title and no sentence-opening word."""
    spans = sorted(spans, key=lambda s: s.start)
    out: list[NameSpan] = []
    for span in spans:
        previous = out[-1] if out else None
        joinable = span.label == "PERSON" or (previous is not None and previous.label == "PERSON")
        start = _particle_start(text, span.start) if joinable else span.start
        if start == span.start:
            out.append(span)
            continue
        title = span.title
        # Only a single given name is cut from its particles and surname ("Ursula" + "von der
        # Leyen"); a full name right before a particle is another person in a list or a
        # scorecard ("D. Lehmann st Kaluwitharana": stumped by the wicketkeeper).
        adjacent = previous is not None and previous.label == "PERSON" and text[previous.end:start] == " "
        if adjacent and " " in previous.text:
            out.append(span)
            continue
        if adjacent:
            out.pop()
            start, title = previous.start, previous.title or title
        elif span.label != "PERSON":
            out.append(span)  # a place after a particle ("in de Lier"): no person to join
            continue
        else:
            word = _WORD_BEFORE.search(text[max(0, start - 30):start])
            taken = previous is not None and previous.end > start - 2
            if word and not taken and word.group(1) not in NOT_NAMES and word.group(1) not in TITLES:
                start -= len(word.group())
        out.append(replace(span, start=start, text=text[start:span.end], label="PERSON", title=title))
    return out


def _complete_cut_names(text: str, spans: list[NameSpan]) -> list[NameSpan]:
    """A one-word person span right after a capitalised word that can only be a first name
    ("Pauline [Davis] arrived", "[Mehmet] Scholl opened") is the full name: the NER or the
    surname recovery cut it, and the bare surname would then join another person of that name.
    The word must be no title, no sentence opener, and never written in lowercase in the text."""
    taken = sorted((s.start, s.end) for s in spans)
    out = []
    for span in spans:
        match = None
        if span.label == "PERSON" and " " not in span.text:
            match = _WORD_BEFORE.search(text[max(0, span.start - 30):span.start])
        if match:
            word = match.group(1)
            start = span.start - len(match.group())
            if (
                word in NOT_NAMES or word in TITLES or word in LEADING_FUNCTION_WORDS
                or re.fullmatch(SPEECH_VERBS, word.lower())  # "Said Hoekstra:"
                or word.lower() in PARTICLES or word.lower() in _common_words()
                or re.search(r"['’]s$", word)
                or re.search(rf"\b{re.escape(word.lower())}\b", text)
                or any(s < span.start and start < e for s, e in taken)
            ):
                match = None
            else:
                span = replace(span, start=start, text=text[start:span.end])
        out.append(span)
    return out


def recover_surname_mentions(text: str, spans: list[NameSpan]) -> list[NameSpan]:
    """Bare surnames and garbled surnames of known people that the NER did not mark.

    A word counts only when it is capitalised, is no ordinary word of the text (its lowercase
    form never appears; at a sentence start, it is no common English word either), and is either
    exactly a known surname (with its particles, in any case: "Van Leeuwen") or a spelling the
    name scorer takes for one at the stricter RECOVERY_THRESHOLD ("Prin's desire" for Putin):
    the NER gave no evidence here.
    """
    people = _full_names(spans)
    people = [p for p in people if len(p.key) >= 3]
    if not people:
        return []
    keys = {p.key for p in people}
    taken = [(s.start, s.end) for s in spans]
    found = []
    for match in _CAPITALISED_WORD.finditer(text):
        start, end = match.span()
        word = match.group()
        if word[-2:] in ("'s", "’s"):
            end -= 2
            word = word[:-2]
        if word in NOT_NAMES or word in TITLES or any(s < end and start < e for s, e in taken):
            continue
        if fold(word) in keys:
            start = _particle_start(text, start)
            found.append(NameSpan(start, end, text[start:end], "PERSON", recovered=True))
            continue
        before = text[max(0, start - 2):start]
        sentence_start = start == 0 or before.strip() == "" and "\n" in before or re.search(
            r"[.!?“\"]\s*$", text[max(0, start - 3):start]
        )
        if re.search(rf"\b{re.escape(word.lower())}\b", text):
            continue  # a lowercase twin means an ordinary word
        if sentence_start and word.lower() in _common_words():
            continue  # any word starts a sentence: there, only a word that is never ordinary
        if text[end:end + 1] == " " and text[end + 1:end + 2].isupper():
            continue  # part of a longer capitalised name we know nothing about
        bare = parse_person_name(word)
        if any(same_entity_score(bare, p) >= RECOVERY_THRESHOLD for p in people):
            found.append(NameSpan(start, end, word, "PERSON", recovered=True))
    return found


_DETERMINER_BEFORE = re.compile(r"\b(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir)\s+$")
_TITLE_WORDS = frozenset(word for title in TITLES for word in title.split())


def _title_phrases(text: str, spans: list[NameSpan]) -> list[NameSpan]:
    """Spans that are a title, not a name, left out: "the Transport Minister" (a title after a
    determiner names a role; the role step binds it to the person given that title) and
    "Interior Minister" read as an organisation right before the person it introduces."""
    kept = []
    for i, span in enumerate(spans):
        words = span.text.split()
        if len(words) >= 2 and words[-1] in _TITLE_WORDS:
            if _DETERMINER_BEFORE.search(text[max(0, span.start - 8):span.start]):
                continue
            following = spans[i + 1] if i + 1 < len(spans) else None
            if (span.label != "PERSON" and following is not None and following.label == "PERSON"
                    and text[span.end:following.start] == " "):
                continue
        kept.append(span)
    return kept


def _role_mentions(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group("title").lower()) for m in _ROLE_PATTERN.finditer(text)]


def _normalise(text: str) -> str:
    text = re.sub(r"^(?:the|The) ", "", text)
    return re.sub(r"[.\s]", "", text).lower()


def _acronym(text: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", text) if w and w[0].isupper()]
    return "".join(w[0] for w in words).lower() if len(words) >= 2 else ""


def _in_place_slot(text: str, span: NameSpan) -> bool:
    """"in Leeuwen", "to Washington", "Jordan-based", "the Knicks": where a name stands for a
    place or a thing, not a person."""
    return bool(_PLACE_BEFORE.search(text[max(0, span.start - 12):span.start])) or text[
        span.end:span.end + 6
    ].startswith("-based")


def _in_person_slot(text: str, span: NameSpan) -> bool:
    """Whether the words around `span` fit only a person: an honorific before, a speech verb after."""
    return bool(_HONORIFIC_BEFORE.search(text[max(0, span.start - 8):span.start])
                or _SPEECH_AFTER.match(text[span.end:span.end + 60]))


def _other_labels_naming_people(text: str, spans: list[NameSpan]) -> list[NameSpan]:
    """A person's name, or a garble of it, the NER tagged as something else ("Van Leeuwen" GPE,
    "Stemmer's office" ORG beside "Keir Starmer" PERSON) is that person, unless it stands where
    a place does ("in Jordan"). The other label is counter-evidence the score must overcome.

    A bare word tagged as a place joins a person in a spelling other than the person's own only
    when the text somewhere puts that word where only a person stands ("Mr. Petresc", "Petresc
    said"): near spellings of places neighbour common surnames ("Russia" / Mark Russell), and a
    country in a results table is far likelier than a garbled surname no one is quoted under.
    """
    people = _full_names(spans)
    if not people:
        return spans
    person_slot_words = {fold(span.text) for span in spans if _in_person_slot(text, span)}
    out = []
    for span in spans:
        if (
            span.label not in _NEVER_PERSONS
            and span.text[:1].isupper()
            and not span.text.isupper()
            and not _in_place_slot(text, span)
        ):
            # only a surname or the very full name: "The Notorious Bettie Page" (a film) is no
            # second mention of Bettie Page
            name = parse_person_name(span.text)
            exact = [p for p in people if fold(" ".join([*p.given, p.surname])) == fold(span.text)]
            candidates = exact if name.is_full else people
            if span.label in _PLACE_LABELS and not name.is_full and fold(span.text) not in person_slot_words:
                candidates = [p for p in people if fold(p.surname) == fold(name.surname)]
            if any(same_entity_score(name, p, place_label=True) >= MATCH_THRESHOLD for p in candidates):
                span = replace(span, label="PERSON")
        out.append(span)
    return out


def _full_names_under_other_labels(spans: list[NameSpan]) -> list[NameSpan]:
    """A person's full name the NER tagged as something else ("Leah Pells" ORG, "Mae Lynne" GPE)
    while it tagged the later surname, exact or garbled, as a person ("Lynne said", "Plks said"):
    a name shaped like a person's (2-3 capitalised words, none an ordinary word or a title) is
    that person when a bare person mention spells its surname exactly (and no person's full name
    does: "Sachs" beside "Jeffrey Sachs" leaves "Goldman Sachs" alone), or when a bare person
    spelling with no full name of its own scores as it. Without it the bare surname would join
    another person with a look-alike name ("Texas Flynn")."""
    people = [parse_person_name(s.text) for s in spans if s.label == "PERSON"]
    full = [p for p in people if p.is_full]
    full_keys = {p.key for p in full}
    bare_keys = {p.key for p in people if not p.is_full and p.key not in full_keys}
    orphans = {
        (p.particles, p.core): p for p in people
        if not p.is_full and not any(same_entity_score(p, f) >= MATCH_THRESHOLD for f in full)
    }
    if not bare_keys:
        return spans
    common = _common_words()
    out = []
    for span in spans:
        words = span.text.split()
        if (
            span.label not in _NEVER_PERSONS
            and 2 <= len(words) <= 3
            and all(w[:1].isupper() and w.isalpha() and not w.isupper() for w in words)
            and not any(w.lower() in common or w in TITLES or w in NOT_NAMES for w in words)
        ):
            name = parse_person_name(span.text)
            if name.key in bare_keys or any(
                same_entity_score(o, name, place_label=True) >= MATCH_THRESHOLD for o in orphans.values()
            ):
                span = replace(span, label="PERSON")
        out.append(span)
    return out


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    return load_common_words()


@dataclass
class _PersonGroup:
    """One group of person mentions as the scorer sees it."""

    root: int
    names: list[PersonName]
    titles: frozenset[str]
    first: int  # offset of the first mention

    @property
    def full(self) -> list[PersonName]:
        return [n for n in self.names if n.is_full]


def _group_score(a: _PersonGroup, b: _PersonGroup) -> float:
    """The best pairwise score between the distinct spellings of two groups; between two groups
    with full names, the full names alone decide, and one incompatible pair rules a merge out
    (a bare "Clinton" in Hillary Clinton's group does not join her to Bill Clinton)."""
    if a.full and b.full:
        names_a, names_b = a.full, b.full
        if any(same_entity_score(x, y) == 0.0 for x in names_a for y in names_b):
            return 0.0
    else:
        names_a, names_b = a.names, b.names
    best = 0.0
    for x in {(n.given, n.particles, n.core): n for n in names_a}.values():
        for y in {(n.given, n.particles, n.core): n for n in names_b}.values():
            best = max(best, same_entity_score(x, y, titles_a=a.titles, titles_b=b.titles))
    return best


def resolve(text: str, spans: list[NameSpan]) -> Resolution:
    """Group name spans into entities; add bare and garbled surnames and bound role nouns."""
    spans = _title_phrases(text, sorted(spans, key=lambda s: s.start))
    spans = _join_particle_names(text, _cut_at_sentence_end(text, spans))
    spans = sorted(spans + recover_surname_mentions(text, spans), key=lambda s: s.start)
    spans = _complete_cut_names(text, spans)
    spans = _other_labels_naming_people(text, spans)
    spans = _full_names_under_other_labels(spans)
    # One name, one kind of thing within an article: a spelling the model tagged as a person
    # somewhere is that person everywhere ("Stemmer said ..." PERSON, "Stemmer's office" ORG).
    # (only where the person reading is at least as common as the others: "Coron" read 13 times
    # as a place and twice as a person is a place)
    readings = Counter((s.text, s.label == "PERSON") for s in spans)
    person_names = {text for (text, person), n in readings.items() if person and n >= readings[(text, False)]}
    spans = [replace(s, label="PERSON") if s.label != "PERSON" and s.text in person_names else s for s in spans]
    persons = [i for i, s in enumerate(spans) if s.label == "PERSON"]
    others = [i for i, s in enumerate(spans) if s.label != "PERSON"]
    groups = _Groups(len(spans))
    parsed = {i: parse_person_name(spans[i].text) for i in persons}
    # 1. Full names: same surname and compatible first names ("Donald J. Trump" ~ "Donald Trump").
    #    Every full name already in the group must be compatible, so that a short form ("El
    #    Aynaoui") does not chain two people ("Younes ..." / "Younnes El Aynaoui") together.
    full = [i for i in persons if parsed[i].is_full]
    for n, i in enumerate(full):
        for j in reversed(full[:n]):  # the most recent compatible one, like a bare surname
            if parsed[i].key != parsed[j].key:
                continue
            members = [k for k in full[:n] if groups.find(k) == groups.find(j)]
            if all(same_entity_score(parsed[i], parsed[k]) > 0 for k in members):
                groups.union(j, i)
                break

    # 2. Bare surnames join the full name with that surname mentioned most recently before them
    #    (or the first one after, for a lead that names the surname first); a particle the full
    #    name lacks makes it someone else's surname ("Van Morrison" is not Jim Morrison).
    bare = [i for i in persons if not parsed[i].is_full]
    for i in bare:
        name = parsed[i]
        owners = [j for j in full if parsed[j].key == name.key and same_entity_score(name, parsed[j]) > 0]
        if not owners and not name.particles:
            owners = [j for j in full if fold(parsed[j].given[0]) == name.key]
        if owners:
            before = [j for j in owners if spans[j].start < spans[i].start]
            groups.union(before[-1] if before else owners[0], i)

    # 2b. A spelling that scores the same against several people who share a surname ("Davis"
    #     garbled as "Davix" beside Eric and Pauline Davis) joins the most recent one, mention
    #     by mention, like an exact bare surname.
    _assign_tied_bare(spans, bare, full, parsed, groups)

    # 3. Remaining bare words group by spelling.
    by_word: dict[tuple[tuple[str, ...], str], int] = {}
    for i in bare:
        if groups.find(i) != i:
            continue  # already joined a full name
        key = (parsed[i].particles, parsed[i].key)
        if key in by_word:
            groups.union(by_word[key], i)
        else:
            by_word[key] = i

    # 4. Every other pair of person groups is a scored decision.
    variants: dict[int, list[str]] = defaultdict(list)
    _merge_scored(spans, persons, parsed, groups, variants)

    # 5. Non-person names: same normalised text, or an acronym of a longer name.
    by_text: dict[str, int] = {}
    for i in others:
        key = _normalise(spans[i].text)
        if key in by_text:
            groups.union(by_text[key], i)
        else:
            by_text[key] = i
    for i in others:
        key = _normalise(spans[i].text)
        if len(key) <= 5 and spans[i].text.replace(".", "").isupper():
            for j in others:
                if j != i and _acronym(spans[j].text) == key and spans[j].label == spans[i].label:
                    groups.union(j, i)
                    break
    # A non-place label on a known person's surname is the NER's mistake ("Zelenskyy" as ORG).
    person_surnames = {parsed[i].key: i for i in persons if parsed[i].is_full}
    for i in others:
        if spans[i].label not in _PLACE_LABELS and fold(spans[i].text) in person_surnames:
            groups.union(person_surnames[fold(spans[i].text)], i)

    members = list(groups.groups().values())
    names, labels = [], []
    for group in members:
        labels.append(_majority_label(spans, group))
        names.append(_canonical_name(spans, group, parsed))

    # 6. Role nouns ("the Prime Minister") bound to the person given that title earlier.
    span_groups = [[spans[i] for i in group] for group in members]
    group_of_span = {i: g for g, group in enumerate(members) for i in group}
    bindings = _title_bindings(text, spans, persons, group_of_span)
    taken = [(s.start, s.end) for s in spans]
    for start, end, title in _role_mentions(text):
        if any(s < end and start < e for s, e in taken):
            continue
        candidates = [(pos, g) for pos, t, g in bindings if t == title and pos < start]
        if not candidates:
            continue
        latest: dict[int, int] = {}
        for g in {g for _, g in candidates}:
            latest[g] = max(s.start for s in span_groups[g] if s.start < start)
        chosen = max(latest, key=lambda g: latest[g])
        span_groups[chosen].append(NameSpan(start, end, text[start:end], "ROLE", title))

    entities = to_entities(span_groups, names, labels)
    entity_of_span: dict[tuple[int, int], str] = {}
    person_mentions = []
    for entity in entities:
        for mention in entity.mentions:
            entity_of_span[(mention.start, mention.end)] = entity.id
            if entity.type == "PERSON":
                person_mentions.append((mention.start, mention.end, entity.id))
    first_start_to_id = {min(m.start for m in e.mentions): e.id for e in entities}
    variant_names = {}
    for root, words in variants.items():
        group_index = next(g for g, group in enumerate(members) if root in group)
        entity_id = first_start_to_id[min(s.start for s in span_groups[group_index])]
        variant_names[entity_id] = sorted(set(words))
    return Resolution(
        entities=entities,
        entity_of_span=dict(sorted(entity_of_span.items())),
        persons=sorted(person_mentions),
        variants=variant_names,
    )


def _assign_tied_bare(
    spans: list[NameSpan],
    bare: list[int],
    full: list[int],
    parsed: dict[int, PersonName],
    groups: _Groups,
) -> None:
    full_groups: dict[int, list[int]] = defaultdict(list)
    for j in full:
        full_groups[groups.find(j)].append(j)
    if len(full_groups) < 2:
        return
    scores: dict[tuple[tuple[str, ...], str], dict[int, float]] = {}
    for i in bare:
        if groups.find(i) != i:
            continue  # joined a full name by its exact surname
        key = (parsed[i].particles, parsed[i].core)
        if key not in scores:
            scores[key] = {
                root: max(same_entity_score(parsed[i], parsed[j]) for j in members)
                for root, members in full_groups.items()
            }
        best = max(scores[key].values())
        tied = [root for root, score in scores[key].items() if score >= MATCH_THRESHOLD and score == best]
        if len(tied) < 2:
            continue
        starts = {root: [spans[j].start for j in full_groups[root]] for root in tied}
        before = [(max(p for p in starts[r] if p < spans[i].start), r) for r in tied
                  if any(p < spans[i].start for p in starts[r])]
        chosen = max(before)[1] if before else min((min(starts[r]), r) for r in tied)[1]
        groups.union(chosen, i)


def _merge_scored(
    spans: list[NameSpan],
    persons: list[int],
    parsed: dict[int, PersonName],
    groups: _Groups,
    variants: dict[int, list[str]],
) -> None:
    """Merge person groups the name scorer takes for one person, best pair first.

    A group without a full name ("Stemmer" x5) joins the full-name group it scores best with
    ("Keir Starmer" x1), however often each spelling occurs; two groups that both have full
    names need the stricter FULL_NAME_THRESHOLD (a garbled full name, "Keir Stemmer"), and
    never merge with different first names. Bare groups with no full-name match may still
    merge with each other ("Zelensky" / "Zelenskyy")."""
    while True:
        current: dict[int, list[int]] = defaultdict(list)
        for i in persons:
            current[groups.find(i)].append(i)
        summary = [
            _PersonGroup(
                root,
                [parsed[i] for i in members],
                frozenset(spans[i].title.lower() for i in members if spans[i].title),
                min(spans[i].start for i in members),
            )
            for root, members in current.items()
        ]
        best: tuple[float, int, int] | None = None
        for n, a in enumerate(summary):
            for b in summary[:n]:
                if a.full and b.full:
                    threshold = FULL_NAME_THRESHOLD
                else:
                    threshold = MATCH_THRESHOLD
                score = _group_score(a, b)
                if score >= threshold and (best is None or score > best[0]):
                    keep, other = (a, b) if (bool(a.full), -a.first) >= (bool(b.full), -b.first) else (b, a)
                    best = (score, keep.root, other.root)
        if best is None:
            return
        _, keep_root, other_root = best
        spellings = {parsed[i].surname for root in (keep_root, other_root) for i in current[root]}
        spellings |= set(variants.pop(keep_root, [])) | set(variants.pop(other_root, []))
        groups.union(keep_root, other_root)
        variants[groups.find(keep_root)] = sorted(spellings)


def _majority_label(spans: list[NameSpan], group: list[int]) -> str:
    labels = Counter(spans[i].label for i in group if spans[i].label != "ROLE")
    if "PERSON" in labels:
        return "PERSON"
    return labels.most_common(1)[0][0] if labels else "MISC"


def _canonical_name(spans: list[NameSpan], group: list[int], parsed: dict[int, PersonName]) -> str:
    """A person's name as the text introduces it: the fullest full-name form (most words, then
    the most frequent, then the earliest), however often other spellings recur."""
    people = [i for i in group if i in parsed]
    if people:
        text_counts = Counter(spans[i].text for i in people)

        def score(i: int) -> tuple:
            name = parsed[i]
            words = [w for w in spans[i].text.split() if w.rstrip(".") not in HONORIFICS]
            words = words[role_prefix_length(words):]
            return (bool(name.given), len(words), text_counts[spans[i].text], -spans[i].start)

        best = max(people, key=score)
        name = spans[best].text
        words = [w for w in name.split() if w.rstrip(".") not in HONORIFICS]
        words = words[role_prefix_length(words):]
        return " ".join(words) or name
    text_counts = Counter(_strip_the(spans[i].text) for i in group)
    return max(text_counts, key=lambda t: (len(t), text_counts[t]))


def _strip_the(text: str) -> str:
    return re.sub(r"^(?:the|The) ", "", text)


def _title_bindings(
    text: str, spans: list[NameSpan], persons: list[int], group_of_span: dict[int, int]
) -> list[tuple[int, str, int]]:
    """(position, title, group) for every title the text gives a person."""
    bindings = []
    for i in persons:
        span = spans[i]
        if span.title and span.title.rstrip(".") not in HONORIFICS:
            bindings.append((span.start, span.title.lower(), group_of_span[i]))
        appositive = _APPOSITIVE_TITLE.match(text[span.end:span.end + 60])
        if appositive:
            bindings.append((span.start, appositive.group("title").lower(), group_of_span[i]))
    return sorted(bindings)
