"""In-document entity resolution: which name spans are the same entity.

News names one person many ways: "Prime Minister Keir Starmer", "Starmer", "Mr. Starmer",
"Starmer's", "the Prime Minister", and after machine translation also "Stemmer". This module
groups those, using string similarity (rapidfuzz) *and* context: type, frequency (a garble is
rarer than the name it garbles), position, first names and titles. Two full names with different
first names are never merged ("Bill Clinton" / "Hillary Clinton"), a bare surname shared by two
people goes to the one mentioned most recently, and a look-alike that has its own full name
("Osama bin Laden" next to "Obama") stays apart.

The role-noun alias table binds "the Prime Minister" to the person the text gave that title to
("Prime Minister Keir Starmer"); a role noun nobody was given stays unresolved.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz

from wirewatch.document import Entity

from .entities import HONORIFICS, NOT_NAMES, TITLES, NameSpan, to_entities

GARBLE_MIN_RATIO = 65.0  # rapidfuzz ratio for a rare single word to count as a garble of a name
VARIANT_MIN_RATIO = 85.0  # spelling variants (Zelensky / Zelenskyy) need no other evidence
_SUFFIXES = {"Jr", "Sr", "II", "III", "IV"}
_ROLE_PATTERN = re.compile(
    r"\b(?P<det>[Tt]he|[Hh]is|[Hh]er)(?: (?:former|new|then|outgoing|incoming|British|U\.S\.|"
    r"American|French|German|Russian|Ukrainian|Italian|Chinese|[A-Z][a-z]+an))? "
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


@dataclass
class _PersonName:
    given: list[str]  # first and middle names, initials as "J"
    surname: str

    @property
    def is_full(self) -> bool:
        return bool(self.given)


def parse_person_name(text: str) -> _PersonName:
    words = [w.strip(".,") for w in text.replace("’", "'").split()]
    words = [w for w in words if w and w not in HONORIFICS and w not in _SUFFIXES]
    if not words:
        return _PersonName([], text)
    return _PersonName(words[:-1], words[-1])


def _initial_compatible(a: list[str], b: list[str]) -> bool:
    """First names agree, allowing an initial for a full name ("J. Smith" ~ "John Smith")."""
    if not a or not b:
        return True
    x, y = a[0].lower(), b[0].lower()
    if len(x) == 1 or len(y) == 1:
        return x[0] == y[0]
    return x == y


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


def _is_garble(word: str, name: str) -> bool:
    a, b = word.lower(), name.lower()
    if a == b or len(a) < 4 or len(b) < 4 or a[0] != b[0]:
        return False
    return fuzz.ratio(a, b) >= GARBLE_MIN_RATIO


def recover_surname_mentions(text: str, spans: list[NameSpan]) -> list[NameSpan]:
    """Bare surnames and garbled surnames of known people that the NER did not mark.

    A word counts only when it is capitalised, is no ordinary word of the text (its lowercase
    form never appears), and is either exactly a known surname or, away from a sentence start,
    a near spelling of one ("Prin's desire" for Putin).
    """
    surnames = {
        parse_person_name(s.text).surname for s in spans if s.label == "PERSON"
    }
    surnames = {s for s in surnames if len(s) >= 3}
    if not surnames:
        return []
    taken = [(s.start, s.end) for s in spans]
    lowered = text.lower()
    found = []
    for match in _CAPITALISED_WORD.finditer(text):
        start, end = match.span()
        word = match.group()
        if word[-2:] in ("'s", "’s"):
            end -= 2
            word = word[:-2]
        if word in NOT_NAMES or word in TITLES or any(s < end and start < e for s, e in taken):
            continue
        if word in surnames:
            found.append(NameSpan(start, end, word, "PERSON", recovered=True))
            continue
        before = text[max(0, start - 2):start]
        sentence_start = start == 0 or before.strip() == "" and "\n" in before or re.search(
            r"[.!?“\"]\s*$", text[max(0, start - 3):start]
        )
        if sentence_start or re.search(rf"\b{re.escape(word.lower())}\b", text):
            continue  # sentence starts are any word; a lowercase twin means an ordinary word
        if text[end:end + 1] == " " and text[end + 1:end + 2].isupper():
            continue  # part of a longer capitalised name we know nothing about
        if any(_is_garble(word, surname) for surname in surnames):
            found.append(NameSpan(start, end, word, "PERSON", recovered=True))
    return found


def _role_mentions(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group("title").lower()) for m in _ROLE_PATTERN.finditer(text)]


def _normalise(text: str) -> str:
    text = re.sub(r"^(?:the|The) ", "", text)
    return re.sub(r"[.\s]", "", text).lower()


def _acronym(text: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", text) if w and w[0].isupper()]
    return "".join(w[0] for w in words).lower() if len(words) >= 2 else ""


def resolve(text: str, spans: list[NameSpan]) -> Resolution:
    """Group name spans into entities; add bare and garbled surnames and bound role nouns."""
    spans = sorted(spans + recover_surname_mentions(text, spans), key=lambda s: s.start)
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
    full = [i for i in persons if parsed[i].is_full]
    for n, i in enumerate(full):
        for j in full[:n]:
            a, b = parsed[i], parsed[j]
            if a.surname.lower() == b.surname.lower() and _initial_compatible(a.given, b.given):
                groups.union(j, i)
                break

    # 2. Bare surnames join the full name with that surname mentioned most recently before them
    #    (or the first one after, for a lead that names the surname first).
    bare = [i for i in persons if not parsed[i].is_full]
    for i in bare:
        surname = parsed[i].surname.lower()
        owners = [j for j in full if parsed[j].surname.lower() == surname]
        if not owners:
            owners = [j for j in full if parsed[j].given and parsed[j].given[0].lower() == surname]
        if owners:
            before = [j for j in owners if spans[j].start < spans[i].start]
            groups.union(before[-1] if before else owners[0], i)

    # 3. Remaining bare words group by spelling.
    by_word: dict[str, int] = {}
    for i in bare:
        if groups.find(i) != i:
            continue  # already joined a full name
        key = parsed[i].surname.lower()
        if key in by_word:
            groups.union(by_word[key], i)
        else:
            by_word[key] = i

    # 4. Variants and garbles: a group whose names are all single words merges into a more
    #    frequent person group with a similar surname; full names only when first names agree.
    variants: dict[int, list[str]] = defaultdict(list)
    _merge_variants(spans, persons, parsed, groups, variants)

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
    person_surnames = {parsed[i].surname.lower(): i for i in persons if parsed[i].is_full}
    for i in others:
        if spans[i].label not in ("GPE", "LOC") and spans[i].text.lower() in person_surnames:
            groups.union(person_surnames[spans[i].text.lower()], i)

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


def _merge_variants(
    spans: list[NameSpan],
    persons: list[int],
    parsed: dict[int, _PersonName],
    groups: _Groups,
    variants: dict[int, list[str]],
) -> None:
    def summary() -> dict[int, list[int]]:
        out: dict[int, list[int]] = defaultdict(list)
        for i in persons:
            out[groups.find(i)].append(i)
        return out

    changed = True
    while changed:
        changed = False
        current = summary()
        # Rarest first: a garble is rarer than the name it garbles.
        for root, members in sorted(current.items(), key=lambda kv: len(kv[1])):
            surnames = Counter(parsed[i].surname for i in members)
            full_names = [parsed[i] for i in members if parsed[i].is_full]
            best = None
            for other_root, other in current.items():
                if other_root == root or len(other) < len(members):
                    continue
                if len(other) == len(members) and min(spans[i].start for i in other) > min(
                    spans[i].start for i in members
                ):
                    continue  # equal counts: the later spelling is the variant
                other_full = [parsed[i] for i in other if parsed[i].is_full]
                if full_names and not (
                    other_full and _initial_compatible(full_names[0].given, other_full[0].given)
                ):
                    continue  # a look-alike with a full name of its own is someone else
                other_surnames = Counter(parsed[i].surname for i in other)
                score = max(
                    fuzz.ratio(a.lower(), b.lower()) for a in surnames for b in other_surnames
                )
                if not any(
                    _is_garble(a, b) or fuzz.ratio(a.lower(), b.lower()) >= VARIANT_MIN_RATIO
                    for a in surnames for b in other_surnames
                ):
                    continue
                if best is None or score > best[0]:
                    best = (score, other_root)
            if best:
                groups.union(best[1], root)
                variants[groups.find(best[1])].extend(surnames)
                old = variants.pop(root, None)
                if old:
                    variants[groups.find(best[1])].extend(old)
                changed = True
                break


def _majority_label(spans: list[NameSpan], group: list[int]) -> str:
    labels = Counter(spans[i].label for i in group if spans[i].label != "ROLE")
    if "PERSON" in labels:
        return "PERSON"
    return labels.most_common(1)[0][0] if labels else "MISC"


def _canonical_name(spans: list[NameSpan], group: list[int], parsed: dict[int, _PersonName]) -> str:
    """The fullest correct form: the majority spelling of the surname, with the most words."""
    people = [i for i in group if i in parsed]
    if people:
        surname_counts = Counter(parsed[i].surname for i in people)
        text_counts = Counter(spans[i].text for i in people)

        def score(i: int) -> tuple:
            name = parsed[i]
            words = len(name.given) + 1
            return (surname_counts[name.surname], words, text_counts[spans[i].text], -spans[i].start)

        best = max(people, key=score)
        name = spans[best].text
        words = [w for w in name.split() if w.rstrip(".") not in HONORIFICS]
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
