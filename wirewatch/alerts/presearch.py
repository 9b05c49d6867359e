"""The subscription index (a presearcher): which subscriptions could match this article at all?

Evaluating every subscription against every article does not scale (100,000 subscriptions is
100,000 evaluations per article). Instead each query is reduced, once, to a set of *keys* (words,
word prefixes, entity-name words, speakers, entity types, stories, sources, languages) such that
every article matching the query contains at least one of them:

- a word or phrase needs its rarest word (a phrase needs all its words, so any one will do);
- AND needs only one of its parts, so it takes the part whose keys are rarest;
- OR needs one of its branches, so it takes the union of all branches' keys (and cannot be
  indexed if one branch cannot);
- NOT and date filters say nothing an article must contain: a query reduced to nothing goes to
  the "always check" list.

An article then looks up its own keys and only those subscriptions are evaluated exactly
(matching.py). The reduction never loses a match, so the result equals brute force; how rare
the chosen keys are only changes how many candidates are evaluated. Rarity comes from key
frequencies measured on stored articles (`key_frequencies`) or, without them, a rough guess.

Common query shapes get cheaper paths with the same result (property-tested against brute
force): a query its key alone decides (`ceasefire`, `entity:"Keir Starmer"`, `type:PERSON`,
`a OR b`) is a match on lookup; a flat AND of words, ORs of words, NOTs and filters, and a
phrase, need two things at least and are filed under the two rarest, so an article intersects
the second with its facts (`ArticleFields.facts`: its words plus a marker per name run, type,
source, ...) in C before any Python runs, and what else they need is one set expression.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from ..query import ArticleFields, Query, compile_query
from ..query.ast import And, DateFilter, Filter, Node, Not, Or, Phrase, Term
from ..query.evaluate import NAME_SEPARATOR, Predicate, analyse_text, fact_token
from ..query.sources import source_keys, source_value

Key = tuple[str, str]  # (kind, value): ("t", word) ("p", prefix) ("tt", title word) ("tp", title
# prefix) ("e", run of a name's words) ("s", the same for a speaker) ("y", TYPE) ("st", story id) ("src", source) ("lang", code)

# Guessed share of articles containing a key of each kind, when no measured frequency is known.
_DEFAULT_FREQUENCY = {
    "t": 0.02, "p": 0.05, "tt": 0.005, "tp": 0.01, "e": 0.02, "s": 0.01, "y": 0.5, "st": 0.001, "src": 0.05, "lang": 0.8,
}
_COMMON_WORDS = frozenset(
    analyse_text("the a an and or of to in on for with at by from as is was are were be been it "
                 "this that said says he she they we you i his her their its not but has have had")
)


def article_keys(article: ArticleFields) -> set[Key]:
    """Every key an article contains (prefix keys aside: they are looked up by the index)."""
    keys: set[Key] = {("t", term) for term in article.sorted_terms}
    keys.update(("tt", term) for term in article.sorted_title)
    keys.update(_other_keys(article))
    keys.update(("y", kind) for kind in article.entity_types)
    if article.story_id is not None:
        keys.add(("st", article.story_id))
    if article.source is not None:
        keys.update(("src", key) for key in source_keys(article.source))
    if article.language is not None:
        keys.add(("lang", article.language.lower()))
    return keys


def key_frequencies(articles: Iterable[ArticleFields]) -> dict[Key, float]:
    """The share of `articles` that contain each key: a sample of stored articles will do."""
    counts: Counter[Key] = Counter()
    total = 0
    for article in articles:
        total += 1
        counts.update(article_keys(article))
    return {key: count / total for key, count in counts.items()} if total else {}


class KeyCosts:
    """How likely an article is to contain a key: measured when known, guessed otherwise."""

    def __init__(self, frequencies: Mapping[Key, float] | None = None, *, sample_size: int = 0) -> None:
        self._frequencies = frequencies or {}
        # A key never seen in a sample of n articles is rarer than 1/n, but not impossible.
        self._unseen = 0.5 / sample_size if sample_size else None

    def __call__(self, key: Key) -> float:
        known = self._frequencies.get(key)
        if known is not None:
            return known
        kind, value = key
        if kind in ("t", "p", "tt", "tp") and self._unseen is not None:
            return self._unseen * (4 if kind in ("p", "tp") else 1)
        if kind in ("t", "tt") and value in _COMMON_WORDS:
            return 0.9
        return _DEFAULT_FREQUENCY[kind]


def required_keys(node: Node, cost: KeyCosts) -> frozenset[Key] | None:
    """Keys one of which every article matching `node` contains; None when there are none."""
    if isinstance(node, (Term, Phrase)):
        words = analyse_text(node.text)
        if not words:
            return None
        title = node.field == "title"  # looked up among the title's words only
        options: list[Key] = [("tt" if title else "t", word) for word in words]
        if isinstance(node, Term) and node.prefix:
            options[-1] = ("tp" if title else "p", words[-1])
        return frozenset({min(options, key=cost)})
    if isinstance(node, Filter):
        return _filter_key(node)
    if isinstance(node, (DateFilter, Not)):
        return None
    if isinstance(node, And):
        choices = [keys for keys in (required_keys(item, cost) for item in node.items) if keys]
        return min(choices, key=lambda keys: sum(map(cost, keys))) if choices else None
    union: set[Key] = set()
    for item in node.items:
        keys = required_keys(item, cost)
        if keys is None:
            return None
        union |= keys
    return frozenset(union)


def _filter_key(node: Filter) -> frozenset[Key] | None:
    """The one key a filter requires, which also decides it (an entity/speaker filter's key is
    its whole analysed value: the article has it exactly when a name contains those words in order)."""
    if node.field in ("entity", "speaker"):
        words = analyse_text(node.value)
        return frozenset({("e" if node.field == "entity" else "s", NAME_SEPARATOR.join(words))}) if words else None
    if node.field == "type":
        return frozenset({("y", node.value.upper())})
    if node.field == "story":
        return frozenset({("st", node.value)})
    if node.field == "source":
        return frozenset({("src", source_value(node.value))})
    return frozenset({("lang", node.value.lower())})


def sufficient_keys(node: Node) -> frozenset[Key] | None:
    """Keys that decide the query alone (it matches exactly when the article has one), or None.

    True of a one-word term, a one-word entity/speaker name, type/story/source/lang filters, and
    ORs of those: such subscriptions are matched by the lookup itself, with nothing to evaluate.
    """
    if isinstance(node, Term) and not node.prefix and node.field is None:
        words = analyse_text(node.text)
        return frozenset({("t", words[0])}) if len(words) == 1 else None
    if isinstance(node, Filter):
        return _filter_key(node)
    if isinstance(node, Or):
        union: set[Key] = set()
        for item in node.items:
            keys = sufficient_keys(item)
            if keys is None:
                return None
            union |= keys
        return frozenset(union)
    return None


@dataclass(frozen=True, slots=True)
class Clause:
    """A flat query: an AND of plain words, ORs and NOTs of plain words, and filters.

    `ukraine ceasefire`, `(truce OR ceasefire) ukraine NOT russia`, `entity:"Keir Starmer"
    ceasefire`, `type:PERSON source:AP nato`: the most common subscriptions, checked with a few
    set operations in one call instead of a tree of compiled predicates.
    """

    words: frozenset[str] = frozenset()  # all of them, in title or text
    any_of: tuple[frozenset[str], ...] = ()  # at least one word of each group
    forbidden: frozenset[str] = frozenset()  # none of them
    entities: frozenset[tuple[str, ...]] = frozenset()  # analysed names, each a run of an entity's name
    speakers: frozenset[tuple[str, ...]] = frozenset()
    types: frozenset[str] = frozenset()
    source: str | None = None  # lower case
    language: str | None = None  # lower case
    story: str | None = None

    def requirements(self) -> list[frozenset[Key]]:
        """What a matching article must have: one key of each group (a group of one: that key)."""
        groups = [frozenset({("t", word)}) for word in self.words]
        groups += [frozenset(("t", word) for word in group) for group in self.any_of]
        groups += [frozenset({("e", NAME_SEPARATOR.join(name))}) for name in self.entities]
        groups += [frozenset({("s", NAME_SEPARATOR.join(name))}) for name in self.speakers]
        groups += [frozenset({("y", kind)}) for kind in self.types]
        for kind, value in (("src", self.source), ("lang", self.language), ("st", self.story)):
            if value is not None:
                groups.append(frozenset({(kind, value)}))
        return groups


def token(key: Key) -> str:
    """The member of `ArticleFields.facts` that stands for `key` (a word is itself)."""
    kind, value = key
    return value if kind == "t" else fact_token(kind, value)


def facts_check(required: frozenset[str], any_of: tuple[frozenset[str], ...],
                forbidden: frozenset[str]) -> Predicate | None:
    """A check of an article's facts: all of `required`, one of each `any_of` group, none of
    `forbidden` (None when there is nothing to check); the common shapes get one expression."""
    if not any_of:
        if not forbidden:
            return (lambda article: required <= article.facts) if required else None
        if not required:
            return lambda article: forbidden.isdisjoint(article.facts)
        return lambda article: required <= article.facts and forbidden.isdisjoint(article.facts)
    if len(any_of) == 1:
        [group] = any_of
        return lambda article: (required <= article.facts and not group.isdisjoint(article.facts)
                                and forbidden.isdisjoint(article.facts))

    def check(article: ArticleFields) -> bool:
        facts = article.facts
        return (required <= facts and forbidden.isdisjoint(facts)
                and not any(group.isdisjoint(facts) for group in any_of))

    return check


def _plain_word(node: Node) -> str | None:
    if isinstance(node, Term) and not node.prefix and node.field is None:
        words = analyse_text(node.text)
        if len(words) == 1:
            return words[0]
    return None


def _plain_words(node: Node) -> frozenset[str] | None:
    """The words of a plain word or an OR of plain words, else None."""
    word = _plain_word(node)
    if word is not None:
        return frozenset({word})
    if isinstance(node, Or):
        words = [_plain_word(item) for item in node.items]
        if all(w is not None for w in words):
            return frozenset(w for w in words if w is not None)
    return None


def flat_clause(node: Node) -> Clause | None:
    """`node` as a Clause when it is an AND of the parts a Clause can hold, else None."""
    if not isinstance(node, And):
        return None
    words: set[str] = set()
    any_of: list[frozenset[str]] = []
    forbidden: set[str] = set()
    names: dict[str, set[tuple[str, ...]]] = {"entity": set(), "speaker": set()}
    types: set[str] = set()
    single: dict[str, str] = {}
    for item in node.items:
        if isinstance(item, Not):
            negated = _plain_words(item.item)
            if negated is None:
                return None
            forbidden |= negated
            continue
        if isinstance(item, Filter):
            if item.field in names:
                names[item.field].add(analyse_text(item.value))
            elif item.field == "type":
                types.add(item.value.upper())
            else:
                value = (item.value if item.field == "story"
                         else source_value(item.value) if item.field == "source" else item.value.lower())
                if single.setdefault(item.field, value) != value:
                    return None  # two different sources (say): leave it to the predicate
            continue
        found = _plain_words(item)
        if found is None:
            return None
        if len(found) == 1:
            words |= found
        else:
            any_of.append(found)
    return Clause(
        words=frozenset(words), any_of=tuple(any_of), forbidden=frozenset(forbidden),
        entities=frozenset(names["entity"]), speakers=frozenset(names["speaker"]),
        types=frozenset(types), source=single.get("source"), language=single.get("lang"),
        story=single.get("story"),
    )


@dataclass(frozen=True)
class IndexedQuery:
    subscription_id: int
    query: Query
    predicate: Predicate
    keys: frozenset[Key] | None  # None: on the always-check list
    sufficient: bool = False  # the keys decide the query: a hit is a match without evaluating
    # A query checked on the article's facts (see SubscriptionIndex._pairs): the tokens it is
    # filed under, first (and second) level; None otherwise.
    filed: tuple[frozenset[str], frozenset[str] | None] | None = None


# What a (first, second) token pair leads to: subscriptions the pair alone decides, and the ones
# with something more to check (id -> check).
_Bucket = tuple[set[int], dict[int, Predicate]]


class SubscriptionIndex:
    """Subscriptions indexed by the keys their queries require; add/remove as they change."""

    def __init__(self, frequencies: Mapping[Key, float] | None = None, *, sample_size: int = 0) -> None:
        self._cost = KeyCosts(frequencies, sample_size=sample_size)
        self._queries: dict[int, IndexedQuery] = {}
        self._postings: dict[Key, set[int]] = {}
        self._sure: dict[str, set[int]] = {}  # fact token -> queries that it alone decides
        # The commonest subscriptions are flat ANDs (`ukraine ceasefire talks`, `(truce OR
        # ceasefire) ukraine NOT russia`, `entity:"Keir Starmer" agree`, `type:PERSON nato`) and
        # phrases: each needs two things at least (a word, a name, a type, one word of an OR).
        # They are filed under both, token of the rarest -> token of the second rarest -> bucket,
        # so an article intersects the second level with its facts in C and only subscriptions
        # having both are looked at in Python (and most are then decided without a check).
        self._pairs: dict[str, dict[str, _Bucket]] = {}
        self._singles: dict[str, dict[int, Predicate]] = {}  # flat ANDs needing one thing (+ NOTs)
        self._prefixes: dict[str, set[int]] = {}
        self._prefix_lengths: Counter[int] = Counter()
        self._title_prefixes: dict[str, set[int]] = {}
        self._title_prefix_lengths: Counter[int] = Counter()
        self._always: set[int] = set()

    def __len__(self) -> int:
        return len(self._queries)

    def __contains__(self, subscription_id: object) -> bool:
        return subscription_id in self._queries

    def get(self, subscription_id: int) -> IndexedQuery | None:
        return self._queries.get(subscription_id)

    @property
    def always_checked(self) -> int:
        """How many subscriptions every article is evaluated against (unindexable queries)."""
        return len(self._always)

    def add(self, subscription_id: int, query: Query) -> IndexedQuery:
        """Index (or re-index) one subscription's parsed query."""
        self.remove(subscription_id)
        predicate = compile_query(query)
        sufficient = sufficient_keys(query.root)
        if sufficient is not None:
            entry = IndexedQuery(subscription_id, query, predicate, sufficient, True)
            for key in sufficient:
                self._sure.setdefault(token(key), set()).add(subscription_id)
            self._queries[subscription_id] = entry
            return entry
        keys = required_keys(query.root, self._cost)
        filed = self._file_on_facts(subscription_id, query.root, predicate) if keys is not None else None
        entry = IndexedQuery(subscription_id, query, predicate, keys, False, filed)
        self._queries[subscription_id] = entry
        if filed is not None:
            return entry
        if keys is None:
            self._always.add(subscription_id)
            return entry
        for kind, value in keys:
            if kind in ("p", "tp"):
                prefixes, lengths = self._prefix_tables(kind)
                prefixes.setdefault(value, set()).add(subscription_id)
                lengths[len(value)] += 1
            else:
                self._postings.setdefault((kind, value), set()).add(subscription_id)
        return entry

    def _file_on_facts(self, subscription_id: int, root: Node,
                       predicate: Predicate) -> tuple[frozenset[str], frozenset[str] | None] | None:
        """File a flat AND or a phrase under its two rarest requirements; None if it is neither."""
        clause = flat_clause(root)
        if clause is not None:
            groups = [frozenset(map(token, group)) for group in
                      sorted(set(clause.requirements()), key=lambda group: sum(map(self._cost, group)))]
            if not groups:
                return None
            forbidden = frozenset(clause.forbidden)
            rest = groups[2:]
            required = frozenset(t for group in rest if len(group) == 1 for t in group)
            check = facts_check(required, tuple(group for group in rest if len(group) > 1), forbidden)
        elif isinstance(root, Phrase) and root.field is None and len(set(analyse_text(root.text))) > 1:
            words = set(analyse_text(root.text))
            groups = [frozenset({word}) for word in sorted(words, key=lambda word: self._cost(("t", word)))]
            check = predicate  # both words present: the order still has to be checked
        else:
            return None
        first = groups[0]
        if len(groups) == 1:
            for t in first:
                self._singles.setdefault(t, {})[subscription_id] = check if check is not None else _always_true
            return first, None
        second = groups[1]
        for t in first:
            seconds = self._pairs.setdefault(t, {})
            for other in second:
                unchecked, checked = seconds.setdefault(other, (set(), {}))
                if check is None:
                    unchecked.add(subscription_id)
                else:
                    checked[subscription_id] = check
        return first, second

    def remove(self, subscription_id: int) -> None:
        entry = self._queries.pop(subscription_id, None)
        if entry is None:
            return
        if entry.sufficient:
            assert entry.keys is not None
            for key in entry.keys:
                _discard(self._sure, token(key), subscription_id)
            return
        if entry.filed is not None:
            first, second = entry.filed
            for t in first:
                if second is None:
                    _discard(self._singles, t, subscription_id)
                    continue
                seconds = self._pairs.get(t, {})
                for other in second:
                    bucket = seconds.get(other)
                    if bucket is not None:
                        bucket[0].discard(subscription_id)
                        bucket[1].pop(subscription_id, None)
                        if not bucket[0] and not bucket[1]:
                            del seconds[other]
                if not seconds:
                    self._pairs.pop(t, None)
            return
        if entry.keys is None:
            self._always.discard(subscription_id)
            return
        for kind, value in entry.keys:
            if kind in ("p", "tp"):
                prefixes, lengths = self._prefix_tables(kind)
                lengths[len(value)] -= 1
                if lengths[len(value)] <= 0:
                    del lengths[len(value)]
                _discard(prefixes, value, subscription_id)
            else:
                _discard(self._postings, (kind, value), subscription_id)

    def _prefix_tables(self, kind: str) -> tuple[dict[str, set[int]], Counter[int]]:
        if kind == "tp":
            return self._title_prefixes, self._title_prefix_lengths
        return self._prefixes, self._prefix_lengths

    def sure_matches(self, article: ArticleFields) -> set[int]:
        """The subscriptions decided by the article's keys alone (see sufficient_keys)."""
        found: set[int] = set()
        sure = self._sure
        for fact in article.facts.intersection(sure) if len(sure) < len(article.facts) else article.facts:
            hit = sure.get(fact)
            if hit:
                found |= hit
        return found

    def candidates(self, article: ArticleFields) -> set[int]:
        """The subscriptions whose compiled predicate `matching_ids` evaluates for `article`
        (sure matches and subscriptions filed on facts not included)."""
        found = set(self._always)
        postings = self._postings
        for term in article.sorted_terms:
            hit = postings.get(("t", term))
            if hit:
                found |= hit
        for term in article.sorted_title:
            hit = postings.get(("tt", term))
            if hit:
                found |= hit
        for terms, prefixes, lengths in (
            (article.sorted_terms, self._prefixes, self._prefix_lengths),
            (article.sorted_title, self._title_prefixes, self._title_prefix_lengths),
        ):
            sizes = list(lengths)
            for term in terms if sizes else ():
                for size in sizes:
                    if size <= len(term):
                        hit = prefixes.get(term[:size])
                        if hit:
                            found |= hit
        if postings:
            for key in _other_keys(article):
                hit = postings.get(key)
                if hit:
                    found |= hit
        return found

    def evaluations(self, article: ArticleFields) -> int:
        """How many checks in Python `matching_ids` makes for `article` (predicates, and the
        subscriptions filed on facts that the pair of tokens does not decide alone)."""
        count = len(self.candidates(article))
        facts = article.facts
        for fact in facts:
            count += len(self._singles.get(fact, ()))
            seconds = self._pairs.get(fact)
            if seconds:
                count += sum(len(seconds[other][1]) for other in _shared(seconds, facts))
        return count

    def matching_ids(self, article: ArticleFields) -> list[int]:
        """The subscriptions whose query matches `article`, exactly (ascending ids)."""
        queries = self._queries
        found = self.sure_matches(article)
        found.update([i for i in self.candidates(article) if queries[i].predicate(article)])
        facts = article.facts
        singles, pairs = self._singles, self._pairs
        for fact in facts:
            single = singles.get(fact)
            if single:
                found.update([i for i, check in single.items() if check(article)])
            seconds = pairs.get(fact)
            if seconds:
                for other in _shared(seconds, facts):
                    unchecked, checked = seconds[other]
                    found |= unchecked
                    if checked:
                        found.update([i for i, check in checked.items() if check(article)])
        return sorted(found)


def _always_true(article: ArticleFields) -> bool:
    return True


def _discard(table: dict[Any, Any], key: Any, subscription_id: int) -> None:
    """Remove `subscription_id` from the set or dict at `table[key]`, and the key once empty."""
    members = table.get(key)
    if members is not None:
        if isinstance(members, set):
            members.discard(subscription_id)
        else:
            members.pop(subscription_id, None)
        if not members:
            del table[key]


def _shared(seconds: dict[str, Any], terms: frozenset[str]) -> Iterable[str]:
    """The keys of `seconds` among `terms`, iterating the smaller of the two in C (`keys() &
    frozenset` would always iterate the frozenset: only exact sets get the smaller side)."""
    return terms.intersection(seconds) if len(seconds) < len(terms) else seconds.keys() & terms


def _other_keys(article: ArticleFields) -> Iterable[Key]:
    """The article's keys other than its words (entity/speaker keys: every run of a name's words)."""
    for span in article.entity_spans:
        yield ("e", NAME_SEPARATOR.join(span))
    for span in article.speaker_spans:
        yield ("s", NAME_SEPARATOR.join(span))
    for kind in article.entity_types:
        yield ("y", kind)
    if article.story_id is not None:
        yield ("st", article.story_id)
    if article.source is not None:
        for key in source_keys(article.source):
            yield ("src", key)
    if article.language is not None:
        yield ("lang", article.language.lower())
