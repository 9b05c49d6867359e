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
force): a query its key alone decides (`ceasefire`, `type:PERSON`, `a OR b`) is a match on
lookup; a flat AND of words, ORs of words, NOTs and filters is checked with a few set
operations (`Clause`); and a words-only clause that needs two things is indexed under both, so
the second is intersected with the article's words in C before any Python runs.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Mapping

from ..query import ArticleFields, Query, compile_query
from ..query.ast import And, DateFilter, Filter, Node, Not, Or, Phrase, Term
from ..query.evaluate import Predicate, analyse_text

Key = tuple[str, str]  # (kind, value): ("t", word) ("p", prefix) ("tt", title word) ("tp", title
# prefix) ("e", name word) ("s", speaker word) ("y", TYPE) ("st", story id) ("src", source) ("lang", code)

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
    keys.update(("e", word) for name in article.entity_names for word in name)
    keys.update(("s", word) for name in article.speakers for word in name)
    keys.update(("y", kind) for kind in article.entity_types)
    if article.story_id is not None:
        keys.add(("st", article.story_id))
    if article.source is not None:
        keys.add(("src", article.source.lower()))
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
        if node.field in ("entity", "speaker"):
            words = analyse_text(node.value)
            kind = "e" if node.field == "entity" else "s"
            return frozenset({min(((kind, word) for word in words), key=cost)}) if words else None
        if node.field == "type":
            return frozenset({("y", node.value.upper())})
        if node.field == "story":
            return frozenset({("st", node.value)})
        kind = "src" if node.field == "source" else "lang"
        return frozenset({(kind, node.value.lower())})
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


def sufficient_keys(node: Node) -> frozenset[Key] | None:
    """Keys that decide the query alone (it matches exactly when the article has one), or None.

    True of a one-word term, a one-word entity/speaker name, type/story/source/lang filters, and
    ORs of those: such subscriptions are matched by the lookup itself, with nothing to evaluate.
    """
    if isinstance(node, Term) and not node.prefix and node.field is None:
        words = analyse_text(node.text)
        return frozenset({("t", words[0])}) if len(words) == 1 else None
    if isinstance(node, Filter):
        if node.field in ("entity", "speaker"):
            words = analyse_text(node.value)
            kind = "e" if node.field == "entity" else "s"
            return frozenset({(kind, words[0])}) if len(words) == 1 else None
        if node.field == "type":
            return frozenset({("y", node.value.upper())})
        if node.field == "story":
            return frozenset({("st", node.value)})
        return frozenset({("src" if node.field == "source" else "lang", node.value.lower())})
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

    def matches(self, article: ArticleFields) -> bool:
        terms = article.all_terms
        if not self.words <= terms or not self.forbidden.isdisjoint(terms):
            return False
        for group in self.any_of:
            if group.isdisjoint(terms):
                return False
        if self.entities and not self.entities <= article.entity_spans:
            return False
        if self.speakers and not self.speakers <= article.speaker_spans:
            return False
        if self.types and not self.types <= article.entity_types:
            return False
        if self.source is not None and (article.source is None or article.source.lower() != self.source):
            return False
        if self.language is not None and (article.language is None or article.language.lower() != self.language):
            return False
        return self.story is None or article.story_id == self.story

    def check(self) -> Predicate:
        """`matches`, specialised to the parts this clause has (the common shapes get a closure
        with one or two set operations; the rest use `matches`)."""
        words, forbidden, entities, types = self.words, self.forbidden, self.entities, self.types
        rest = (self.speakers or self.source is not None or self.language is not None
                or self.story is not None)
        if rest or (entities and types) or ((entities or types) and (forbidden or self.any_of)):
            return self.matches
        if entities:
            return lambda article: words <= article.all_terms and entities <= article.entity_spans
        if types:
            return lambda article: words <= article.all_terms and types <= article.entity_types
        if not self.any_of:
            if not forbidden:
                return lambda article: words <= article.all_terms
            return lambda article: words <= article.all_terms and forbidden.isdisjoint(article.all_terms)
        if len(self.any_of) == 1:
            [group] = self.any_of

            def one_group(article: ArticleFields) -> bool:
                terms = article.all_terms
                return words <= terms and not group.isdisjoint(terms) and forbidden.isdisjoint(terms)

            return one_group
        return self.matches


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
                value = item.value if item.field == "story" else item.value.lower()
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
    clause: Clause | None = None  # a flat query: matched by set comparisons, not the predicate
    pair: tuple[frozenset[str], frozenset[str]] | None = None  # see SubscriptionIndex._pairs


class SubscriptionIndex:
    """Subscriptions indexed by the keys their queries require; add/remove as they change."""

    def __init__(self, frequencies: Mapping[Key, float] | None = None, *, sample_size: int = 0) -> None:
        self._cost = KeyCosts(frequencies, sample_size=sample_size)
        self._queries: dict[int, IndexedQuery] = {}
        self._postings: dict[Key, set[int]] = {}
        self._sure: dict[Key, set[int]] = {}  # queries that the key alone decides
        self._clauses: dict[Key, dict[int, Predicate]] = {}  # key -> id -> Clause.check()
        # Clauses of words only (`ukraine ceasefire talks`, `(truce OR ceasefire) ukraine NOT
        # russia`), the commonest subscriptions, need two things at least (a word, or one word of
        # an OR): indexed under both, word of the rarest -> word of the second rarest ->
        # [(id, check of whatever else it needs, or None)], an article intersects the second level
        # with its own words in C, and only subscriptions with both are looked at in Python.
        self._pairs: dict[str, dict[str, list[tuple[int, Predicate | None]]]] = {}
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
        sufficient = sufficient_keys(query.root)
        keys = sufficient if sufficient is not None else required_keys(query.root, self._cost)
        clause = flat_clause(query.root) if sufficient is None else None
        entry = IndexedQuery(subscription_id, query, compile_query(query), keys,
                             sufficient is not None, clause)
        self._queries[subscription_id] = entry
        pair = self._pair(clause, keys) if clause is not None and keys is not None else None
        if pair is not None:
            assert clause is not None
            first, second = pair
            needs_more = clause.forbidden or len(clause.words) + len(clause.any_of) > 2
            check = clause.check() if needs_more else None
            entry = IndexedQuery(subscription_id, query, entry.predicate, keys, False, clause, pair)
            self._queries[subscription_id] = entry
            for word in first:
                seconds = self._pairs.setdefault(word, {})
                for other in second:
                    seconds.setdefault(other, []).append((subscription_id, check))
            return entry
        if clause is not None and keys is not None:
            check = clause.check()
            for key in keys:
                self._clauses.setdefault(key, {})[subscription_id] = check
            return entry
        if keys is None:
            self._always.add(subscription_id)
            return entry
        if entry.sufficient:
            for key in keys:
                self._sure.setdefault(key, set()).add(subscription_id)
            return entry
        for kind, value in keys:
            if kind in ("p", "tp"):
                prefixes, lengths = self._prefix_tables(kind)
                prefixes.setdefault(value, set()).add(subscription_id)
                lengths[len(value)] += 1
            else:
                self._postings.setdefault((kind, value), set()).add(subscription_id)
        return entry

    def remove(self, subscription_id: int) -> None:
        entry = self._queries.pop(subscription_id, None)
        if entry is None:
            return
        if entry.keys is None:
            self._always.discard(subscription_id)
            return
        if entry.pair is not None:
            first, second = entry.pair
            for word in first:
                seconds = self._pairs.get(word, {})
                for other in second:
                    remaining = [item for item in seconds.get(other, []) if item[0] != subscription_id]
                    if remaining:
                        seconds[other] = remaining
                    else:
                        seconds.pop(other, None)
                if not seconds:
                    self._pairs.pop(word, None)
            return
        if entry.clause is not None:
            for key in entry.keys:
                group = self._clauses.get(key, {})
                group.pop(subscription_id, None)
                if not group:
                    self._clauses.pop(key, None)
            return
        if entry.sufficient:
            for key in entry.keys:
                postings = self._sure.get(key)
                if postings is not None:
                    postings.discard(subscription_id)
                    if not postings:
                        del self._sure[key]
            return
        for kind, value in entry.keys:
            if kind in ("p", "tp"):
                prefixes, lengths = self._prefix_tables(kind)
                lengths[len(value)] -= 1
                if lengths[len(value)] <= 0:
                    del lengths[len(value)]
                postings = prefixes.get(value)
                if postings is not None:
                    postings.discard(subscription_id)
                    if not postings:
                        del prefixes[value]
                continue
            postings = self._postings.get((kind, value))
            if postings is not None:
                postings.discard(subscription_id)
                if not postings:
                    del self._postings[(kind, value)]

    def _pair(self, clause: Clause, keys: frozenset[Key]) -> tuple[frozenset[str], frozenset[str]] | None:
        """The two rarest requirements of a words-only clause (the first is the index key)."""
        if clause != Clause(words=clause.words, any_of=clause.any_of, forbidden=clause.forbidden):
            return None
        first = frozenset(word for _, word in keys)
        others = [frozenset({word}) for word in clause.words] + list(clause.any_of)
        others = [group for group in others if group != first]
        if len(others) + 1 != len(clause.words) + len(clause.any_of) or not others:
            return None  # the key is not exactly one requirement, or there is no second one
        second = min(others, key=lambda group: sum(self._cost(("t", word)) for word in group))
        return first, second

    def _prefix_tables(self, kind: str) -> tuple[dict[str, set[int]], Counter[int]]:
        if kind == "tp":
            return self._title_prefixes, self._title_prefix_lengths
        return self._prefixes, self._prefix_lengths

    def sure_matches(self, article: ArticleFields) -> set[int]:
        """The subscriptions decided by the article's keys alone (see sufficient_keys)."""
        found: set[int] = set()
        sure = self._sure
        if not sure:
            return found
        for term in article.sorted_terms:
            hit = sure.get(("t", term))
            if hit:
                found |= hit
        for key in _other_keys(article):
            hit = sure.get(key)
            if hit:
                found |= hit
        return found

    def candidates(self, article: ArticleFields) -> set[int]:
        """The subscriptions that need evaluating for `article` (sure matches not included)."""
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
        for key in _other_keys(article):
            hit = postings.get(key)
            if hit:
                found |= hit
        return found

    def evaluations(self, article: ArticleFields) -> int:
        """How many exact checks `matching_ids` makes for `article` (predicates and word clauses)."""
        clauses = sum(len(group) for group in self._clause_groups(article))
        pairs = 0
        for term in article.sorted_terms:
            seconds = self._pairs.get(term)
            if seconds:
                pairs += sum(len(seconds[word]) for word in seconds.keys() & article.all_terms)
        return len(self.candidates(article)) + clauses + pairs

    def _clause_groups(self, article: ArticleFields) -> Iterable[dict[int, Predicate]]:
        clauses = self._clauses
        if not clauses:
            return
        for term in article.sorted_terms:
            group = clauses.get(("t", term))
            if group:
                yield group
        for key in _other_keys(article):
            group = clauses.get(key)
            if group:
                yield group

    def matching_ids(self, article: ArticleFields) -> list[int]:
        """The subscriptions whose query matches `article`, exactly (ascending ids)."""
        queries = self._queries
        found = self.sure_matches(article)
        found.update(i for i in self.candidates(article) if queries[i].predicate(article))
        for group in self._clause_groups(article):
            found.update([i for i, check in group.items() if check(article)])
        terms = article.all_terms
        pairs = self._pairs
        for term in article.sorted_terms:
            seconds = pairs.get(term)
            if seconds:
                for word in seconds.keys() & terms:
                    found.update([i for i, check in seconds[word] if check is None or check(article)])
        return sorted(found)


def _other_keys(article: ArticleFields) -> Iterable[Key]:
    for name in article.entity_names:
        for word in name:
            yield ("e", word)
    for name in article.speakers:
        for word in name:
            yield ("s", word)
    for kind in article.entity_types:
        yield ("y", kind)
    if article.story_id is not None:
        yield ("st", article.story_id)
    if article.source is not None:
        yield ("src", article.source.lower())
    if article.language is not None:
        yield ("lang", article.language.lower())
