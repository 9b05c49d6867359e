"""Exact and near-duplicate detection against every earlier article.

Exact copies share the hash of their normalised text. Near copies are proposed by MinHash LSH
over the content-word sets (a low threshold, so spun copies are proposed too) and confirmed by
the mean of two Jaccard estimates: content words (survives reordering and dropped words) and
character n-grams (survives typos and inflection changes). Calibrated on ECB+ dev topics with
spun and typo'd copies against same-story articles that are not copies (benchmarks/stories.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from datasketch import MinHashLSH
from rapidfuzz.distance import Indel

from .details import MONTH_NAMES, WEEKDAYS
from .excerpts import (EXCERPT_ALIGNED, EXCERPT_CONTAINED, EXCERPT_TRIES, contained, excerpt_share, excerpts,
                       may_excerpt)
from .fingerprints import Fingerprint, from_signature
from .name_match import replaces_name_word, same_name_word
from .name_positions import name_places, placed_names
from .number_words import spelled_numbers
from .stated_numbers import known_numbers, number_contexts, numbers_in_context, stated_numbers
from .short_copies import ALIGNED, SHORT_FLOOR, aligned_share, is_short, kept, rewrites
from .records import StoryConfig
from .text import STOPWORDS, content_hash, normalised_words, proxy_entities, sentences


@dataclass(frozen=True)
class TextFacts:
    """What the index keeps of one article's text, worked out from the text alone (so the analysis
    workers can compute it: see prepared.py). Signatures travel as arrays: a MinHash carries its
    permutations, which the index shares between all fingerprints."""

    hash: str  # content_hash: the same normalised text
    words: object  # the word MinHash's hash values (a numpy array)
    chars: object  # the character n-gram MinHash's hash values
    word_count: int
    char_count: int
    numbers: frozenset[str]  # every reading of the numbers it states (see add)
    names: frozenset[str]  # name_words
    contexts: frozenset[tuple[str, str, str]]  # number_contexts
    places: frozenset[tuple[str, str, str]]  # name_places
    short: bool  # kept whole for the short-copy test

    @classmethod
    def of(cls, text: str, config: StoryConfig) -> TextFacts:
        fingerprint = Fingerprint.of(text, config.num_perm, config.char_ngram)
        return cls(content_hash(text), fingerprint.words.hashvalues, fingerprint.chars.hashvalues,
                   fingerprint.word_count, fingerprint.char_count, *_kept_views(text))

    def fingerprint(self, num_perm: int) -> Fingerprint:
        return Fingerprint(from_signature(self.words, num_perm), from_signature(self.chars, num_perm),
                           self.word_count, self.char_count)


def _kept_views(text: str) -> tuple[frozenset, frozenset, frozenset, frozenset, bool]:
    """What the index keeps of a text besides its fingerprint: the numbers it states (every
    reading, scaled, "$363 million" -> 363000000, and as written, "363"; in words too), its name words, its
    numbers in context, its names in place, and whether it is short enough to keep whole."""
    numbers = frozenset().union(*(readings | {value} for value, readings in stated_numbers(text)))
    numbers |= spelled_numbers(text)  # "three", "five million": a copy may write them in digits
    return numbers, name_words(text), number_contexts(text), name_places(text), kept(text)


@dataclass
class DuplicateMatch:
    article_id: str  # the earliest copy (the root the matched article itself copies, if any)
    score: float


class DuplicateIndex:
    """Fingerprints of all articles seen, and which article each one copies."""

    def __init__(self, config: StoryConfig):
        self.config = config
        self._lsh = MinHashLSH(threshold=config.lsh_threshold, num_perm=config.num_perm)
        self._by_hash: dict[str, str] = {}  # normalised-text hash -> first article with it
        self._fingerprints: dict[str, Fingerprint] = {}
        self._root: dict[str, str] = {}  # article id -> the earliest article it copies
        self._numbers: dict[str, frozenset[str]] = {}  # article id -> numbers and years it states
        self._names: dict[str, frozenset[str]] = {}  # article id -> its capitalised words (name words)
        self._indexed_copies: dict[str, int] = {}  # original -> how many of its copies are indexed
        self._contexts: dict[str, frozenset[tuple[str, str, str]]] = {}  # article id -> number_contexts
        self._places: dict[str, frozenset[tuple[str, str, str]]] = {}  # article id -> its name_places
        self._short: dict[str, str] = {}  # article id -> its text, for short ones (short_copies.py)
        self._long: dict[str, str] = {}  # article id -> its text, for the others: what excerpts align to

    def fingerprint(self, text: str) -> Fingerprint:
        return Fingerprint.of(text, self.config.num_perm, self.config.char_ngram)

    def find(self, text: str, fingerprint: Fingerprint, spellings: dict[str, list[str]] | None = None,
             body: str | None = None, text_hash: str | None = None) -> DuplicateMatch | None:
        """The earliest article this text copies, or None when it copies none.

        A follow-up often reuses the background paragraphs of the first report, so word overlap
        alone can call it a copy; one that states new numbers (a toll, a date, a score), names new
        people, places or bodies the matched article does not, or revises one of its numbers is
        news, and goes to clustering as a development instead. Credit lines do not count."""
        exact = self._by_hash.get(text_hash or content_hash(text))
        if exact is not None:
            return DuplicateMatch(self._root.get(exact, exact), 1.0)
        best_id, best_score = None, 0.0
        for candidate in sorted(self._lsh.query(fingerprint.words)):
            value = copy_score(fingerprint, self._fingerprints[candidate])
            if value > best_score:
                best_id, best_score = candidate, value
        if best_id is None:
            return None
        excerpt = False
        if best_score < self.config.duplicate_threshold and not self._short_copy(text, best_id, best_score) \
                and not self._restates(text, best_id, best_score, spellings or {}):
            if not self._excerpt(text, fingerprint, best_id):
                return None
            excerpt = True
        news = without_credits(text)
        # The matched article may itself be a reworded copy that dropped a number or a name; what
        # its original states is known too, so a copy of a copy is not news.
        sources = {best_id, self._root.get(best_id, best_id)}
        if best_score >= NEAR_EXACT and body is not None:
            news = without_credits(body)
        if self._adds_facts(news, sources, spellings or {}, excerpt=excerpt):
            return None
        if self._changes_numbers(news, sources):
            return None  # "three people were injured" -> "15 people were injured": an update
        return DuplicateMatch(self._root.get(best_id, best_id), best_score)

    def _short_copy(self, text: str, best_id: str, score: float) -> bool:
        """A short text below the copy score whose sentences rewrite its match's (short_copies.py),
        or those of the original its match copies: a spun copy can score best against another
        reworded copy (a translated one) whose wording it does not share, only the original's."""
        if score < SHORT_FLOOR or not is_short(text):
            return False
        matches = (self._short.get(key) for key in dict.fromkeys((best_id, self._root.get(best_id, best_id))))
        return any(match is not None and rewrites(text, match) for match in matches)

    def _excerpt(self, text: str, fingerprint: Fingerprint, best_id: str) -> bool:
        """A text below the copy score that is an excerpt (excerpts.py) of its match or of the
        original its match copies: the symmetric copy score halves for a part of an article."""
        size = len(text.split())
        for key in dict.fromkeys((best_id, self._root.get(best_id, best_id))):
            article = self._text(key)
            known = self._fingerprints.get(key)
            if article is not None and known is not None and may_excerpt(size, fingerprint, known) \
                    and excerpts(text, article):
                return True
        return False

    def _text(self, key: str) -> str | None:
        """An indexed article's text, where the index keeps it (not in states saved before it did)."""
        return self._short.get(key, self._long.get(key))

    def _restates(self, text: str, best_id: str, score: float, spellings: dict[str, list[str]]) -> bool:
        """A short text below the copy score that states no fact its match (or the match's
        original) does not (`_states_no_new_fact`). A spinner that replaces half the words of a
        short article leaves it below every wording test, but it adds nothing an editor would
        alert on; a development adds a fact. Texts the index keeps whole only (short_copies.py):
        their quotes are compared, and there a score swings with each word."""
        size = len(text.split())
        if score < (FACT_FLOOR if size <= FACT_WORDS else LONGER_FACT_FLOOR) or size > FACT_MAX_WORDS:
            return False
        return self._states_no_new_fact(text, best_id, spellings)

    def _states_no_new_fact(self, text: str, best_id: str, spellings: dict[str, list[str]], *,
                            excerpt: bool = False) -> bool:
        """No number, no name word written inside a sentence (a person, a place, a body, a month or
        a weekday), no quoted statement that `best_id` or its original do not state, after the
        garble and resolution rules of the new-facts test; False where their text is not kept
        (short ones only: the facts rule is calibrated on short matches; any for an `excerpt` of
        `best_id`, whose new-names test takes no stand-ins: see `_new_names`)."""
        sources = {best_id, self._root.get(best_id, best_id)}
        found = (self._text(key) if excerpt else self._short.get(key) for key in sorted(sources))
        kept_texts = [kept_text for kept_text in found if kept_text is not None]
        if not kept_texts or all(key not in self._names for key in sources):
            return False
        news = without_credits(text)
        if self._new_numbers(news, sources):
            return False
        names = stated_names(news) | inner_name_words(news)
        known = _union(self._names, sources)
        if any(name in CALENDAR and name not in known for name in names):
            return False  # another date
        if self._new_names(news, names, sources, spellings, stand_ins=not excerpt):
            return False
        return not new_quotes(news, kept_texts)

    def copy_in_story(self, text: str, fingerprint: Fingerprint, members: list[str],
                      spellings: dict[str, list[str]] | None = None) -> DuplicateMatch | None:
        """The earliest article a text copies among `members` (the reports of the story the
        clusterer would add it to), or None: the member whose text it rewrites sentence by
        sentence -- a short text a short member (short_copies.rewrites), or any text of 50 words
        or more a member it is an excerpt of (excerpts.py) -- while stating no fact that member or
        its original do not. A spinner that replaces half the words of a one-sentence report, or
        spins an excerpt, leaves too few shared words for the LSH index to propose the report at
        all (`find`), yet the words it kept place it in its original's story; there, a report of
        that story in other words neither aligns nor states only the member's facts."""
        if len(normalised_words(text)) < STORY_COPY_WORDS:
            return None
        best_id, best_share = None, 0.0
        news, members = without_credits(text), list(dict.fromkeys(members))
        # (member, share of the text's sentences that rewrite its, share that makes a copy, whether
        # it is read as an excerpt): a short text against short members (short_copies.py), any
        # text against those of the others it may be an excerpt of.
        aligned = [(key, aligned_share(text, self._short[key]), ALIGNED, False)
                   for key in members if is_short(text) and key in self._short]
        aligned += [(key, excerpt_share(text, self._text(key)), EXCERPT_ALIGNED, True)
                    for key in self._excerpted(text, fingerprint, members, {key for key, *_ in aligned})]
        for key, share, bar, excerpt in aligned:
            if share >= bar and share > best_share \
                    and self._states_no_new_fact(text, key, spellings or {}, excerpt=excerpt) \
                    and not self._changes_numbers(news, {key, self._root.get(key, key)}):
                best_id, best_share = key, share
        if best_id is None:
            return None
        score = copy_score(fingerprint, self._fingerprints[best_id]) if best_id in self._fingerprints else 0.0
        return DuplicateMatch(self._root.get(best_id, best_id), score)

    def _excerpted(self, text: str, fingerprint: Fingerprint, members: list[str], skip: set[str]) -> list[str]:
        """The members (not in `skip`) `text` may be an excerpt of (excerpts.may_excerpt), at most
        EXCERPT_TRIES of them, those it is most contained in first."""
        size, found = len(text.split()), []
        for index, key in enumerate(members):
            known = self._fingerprints.get(key)
            if key in skip or known is None or self._text(key) is None:
                continue
            share = contained(size, fingerprint, known)
            if share >= EXCERPT_CONTAINED:
                found.append((-share, index, key))
        return [key for _, _, key in sorted(found)[:EXCERPT_TRIES]]

    def _changes_numbers(self, news: str, sources: set[str]) -> bool:
        """Whether the text states another number where a source states one in the same words: a
        revised toll, magnitude or count, however close the texts are."""
        before: dict[tuple[str, str], set[str]] = {}
        contexts = _union(self._contexts, sources)
        for left, right, value in contexts:
            before.setdefault((left, right), set()).add(value)
        # A value the sources state anywhere is no revision: reordered clauses and dropped words put
        # another of their numbers between the same words ("in round two, Klitschko ..." where the
        # source has "In round three Klitschko" and, elsewhere, "in round two."). A revised toll
        # or count is a value no source states.
        stated = known_numbers(_union(self._numbers, sources) | {value for _, _, value in contexts})
        return any(
            not readings & known_numbers(frozenset(before[(left, right)]))  # "11" of "11.30": garbled
            and not readings & stated
            for left, right, readings in numbers_in_context(news, both_halves=True) if (left, right) in before
        )

    def _adds_facts(self, news: str, sources: set[str], spellings: dict[str, list[str]], *,
                    excerpt: bool = False) -> bool:
        if len(self._new_numbers(news, sources)) >= NEW_FACTS:
            return True
        if all(key not in self._names for key in sources):
            return False
        # An excerpt is a part of what its sources state: a single name word it adds inside a
        # sentence (a place, a body, a surname) is news too, as for the short texts of `_restates`.
        names = stated_names(news) | inner_name_words(news) if excerpt else stated_names(news)
        return len(self._new_names(news, names, sources, spellings, stand_ins=not excerpt)) >= NEW_NAMES

    def _new_numbers(self, news: str, sources: set[str]) -> set[str]:
        """Numbers `news` states in digits that no source states in any reading; unscaled too: a
        spun "$2.5 million" that lost "2." states "5 million", which is no news."""
        known = known_numbers(_union(self._numbers, sources))
        # Numbers in words are known (a source's "three" is a copy's "3"), never new: spinners
        # write "seven days" for "week" and "twelve months" for "year".
        return {value for value, readings in stated_numbers(news, both_halves=True) if not (readings | {value}) & known}

    def _new_names(self, news: str, names: frozenset[str], sources: set[str],
                   spellings: dict[str, list[str]], *, stand_ins: bool = True) -> set[str]:
        """Those of `names` (stated in `news`) that name no one the sources name, after the garble
        and resolution rules (new_names). Without `stand_ins` for an excerpt: a known name word
        it does not write was left out with its paragraph, not garbled, so a new name like it
        ("Hulse" where a dropped paragraph names "Julie") stands in for nobody; a name garbled
        where it stood is still known (`placed`)."""
        known = _union(self._names, sources)
        written, resolved = name_words(news) if stand_ins else frozenset(), resolved_words(spellings)
        found = new_names(names, known, written=written, resolved=resolved)
        if not found:
            return found
        # Only then, as it costs more: are the new names written where a known name stood?
        placed = placed_names(news, _union(self._places, sources))
        return new_names(names, known, written=written, resolved=resolved, placed=placed)

    def add(self, article_id: str, text: str, fingerprint: Fingerprint, copies: str | None,
            facts: TextFacts | None = None) -> None:
        """Index one article; `facts` (TextFacts.of the same text and config), when the caller
        has them, save working them out again."""
        self._by_hash.setdefault(facts.hash if facts else content_hash(text), article_id)
        if copies is not None:
            self._root[article_id] = copies
            # A wire story copied hundreds of times would make every later copy score against all
            # of them; its first copies already stand for its wordings, and a later copy of it is
            # still found through them (or the exact hash), so the rest are not indexed.
            if self._indexed_copies.get(copies, 0) >= MAX_INDEXED_COPIES:
                return
            self._indexed_copies[copies] = self._indexed_copies.get(copies, 0) + 1
        self._fingerprints[article_id] = fingerprint
        numbers, names, contexts, places, short = (
            (facts.numbers, facts.names, facts.contexts, facts.places, facts.short) if facts else _kept_views(text))
        self._numbers[article_id] = numbers
        self._names[article_id] = names
        self._contexts[article_id] = contexts
        self._places[article_id] = places
        # Every indexed text is kept, the short ones for the short-copy rules, the others for the
        # excerpt rule (a quarter more state on the ECB+ dev stream than without the long ones).
        if short:
            self._short[article_id] = text
        else:
            self._long[article_id] = text
        if fingerprint.word_count:
            self._lsh.insert(article_id, fingerprint.words)

    def to_dict(self) -> dict:
        # Insertion order is kept (dicts are ordered), so the restored LSH answers the same.
        return {
            "hashes": self._by_hash,
            "roots": self._root,
            "fingerprints": {key: fp.to_dict() for key, fp in self._fingerprints.items()},
            "numbers": {key: sorted(values) for key, values in self._numbers.items()},
            "names": {key: sorted(values) for key, values in self._names.items()},
            "number_contexts": {key: sorted(values) for key, values in self._contexts.items()},
            "name_places": {key: sorted(values) for key, values in self._places.items()},
            "short_texts": self._short,
            "long_texts": self._long,
        }

    @classmethod
    def from_dict(cls, data: dict, config: StoryConfig) -> DuplicateIndex:
        index = cls(config)
        index._by_hash = dict(data["hashes"])
        index._root = dict(data["roots"])
        index._numbers = {key: frozenset(values) for key, values in data.get("numbers", {}).items()}
        # States saved before names were kept have none: those articles are judged on numbers only.
        # States saved before name words were kept hold full names, whose words serve the same way.
        index._names = {key: frozenset(values) for key, values in data.get("names", {}).items()}
        # States saved before number contexts were kept have none: no revised numbers are seen there.
        index._contexts = {key: frozenset(tuple(item) for item in values)
                           for key, values in data.get("number_contexts", {}).items()}
        # States saved before name places were kept have none: a garbled name is judged by spelling only.
        index._places = {key: frozenset(tuple(item) for item in values)
                         for key, values in data.get("name_places", {}).items()}
        index._short = dict(data.get("short_texts", {}))  # none before short copies were judged
        index._long = dict(data.get("long_texts", {}))  # none before excerpts were judged: no excerpt of those
        for key, item in data["fingerprints"].items():
            fingerprint = Fingerprint.from_dict(item, config.num_perm)
            index._fingerprints[key] = fingerprint
            if key in index._root:
                root = index._root[key]
                index._indexed_copies[root] = index._indexed_copies.get(root, 0) + 1
            if fingerprint.word_count:
                index._lsh.insert(key, fingerprint.words)
        return index


def _union(table: dict[str, frozenset], keys: set[str]) -> frozenset:
    return frozenset().union(*(table.get(key, frozenset()) for key in keys))


MAX_INDEXED_COPIES = 20  # copies of one original kept in the LSH index (see DuplicateIndex.add)
# Copy scores above this are the same text: only its body's names and numbers can make it news
# (a write-through adding a sentence that names someone new is an update however long the story).
NEAR_EXACT = 0.9
# Copy score from which a short text that states no new fact is a copy (DuplicateIndex._restates):
# the bar at which the LSH index proposes a candidate at all.
FACT_FLOOR = 0.25
# A longer text's copy score swings less with each replaced word, so the facts rule asks more of
# texts over FACT_WORDS words (up to FACT_MAX_WORDS): on dev, spun copies of 101-150 words score
# 0.36 or more, other reports of the event that state no new fact up to 0.30. (The sentence
# alignment of short_copies.py stays at 100 words: longer reports of one event that share wire
# sentences align as well as a spun copy, whatever new facts they state.)
FACT_WORDS = 100
FACT_MAX_WORDS = 150
LONGER_FACT_FLOOR = 0.33
# Words a text needs before copy_in_story compares it: a title alone ("Esther Williams, swimming
# star, dies at 91") aligns with a sentence of any report of its event.
STORY_COPY_WORDS = 15
NEW_FACTS = 2  # numbers a matched article lacks that make a text a development, not a copy
# One full name the matched article (and its original) never uses makes a development: "President
# Gabriel Boric cancelled a trip to visit the area" is news. Two were needed before name words
# counted every capitalised word of the matched text; with them, one new name costs no copy
# recall on ECB+ and halves the false copies (docs/benchmarks.md).
NEW_NAMES = 1


def stated_names(text: str) -> frozenset[str]:
    """Full names a text mentions (two or more capitalised words of three letters or more, with
    any short particles between them: "Bart De Wever"; lower-cased), to tell follow-ups from copies. Single capitalised words are left out: a reworded copy
    moves ordinary words to the start of sentences, and a typo'd one misspells months."""
    body = "\n".join(line for line in text.split("\n") if not _headline_case(line))
    return frozenset(name for name in proxy_entities(body) if _is_full_name(name.split()))


def inner_name_words(text: str) -> frozenset[str]:
    """Capitalised words a text writes inside its sentences (not first in one, nor first in a
    quotation or after a colon; no function words: "They", "The", but weekdays), lower-cased: single name words
    -- a place, a body, a month, a weekday -- that `stated_names` leaves out. Lines in headline
    case are left out (`_headline_case`)."""
    found = set()
    for line in text.split("\n"):
        if _headline_case(line):
            continue
        for sentence in sentences(line):
            tokens = _INNER_TOKEN.findall(sentence)
            for before, token in zip(tokens, tokens[1:]):
                if not token[:1].isupper() or not token[:1].isalpha() or before in _OPENERS:
                    continue
                word = re.sub(r"['’]s$", "", token).lower()
                if (word not in STOPWORDS or word in _WEEKDAYS) and len(word) >= 3:
                    found.add(word)
    return frozenset(found)


_INNER_TOKEN = re.compile(r"[^\W\d_]+(?:['’.\-][^\W\d_]+)*|\d+(?:[.,:]\d+)*|[^\w\s]")
_WEEKDAYS = frozenset(WEEKDAYS)
# Dates: a copy writes them as its source does or garbles them into no other date, so another of
# them is a new date however alike it is spelled ("Tuesday" for "Monday" is no garble).
CALENDAR = _WEEKDAYS | frozenset(MONTH_NAMES)
_OPENERS = frozenset({'"', "“", "‘", "'", ":", "(", "[", "-", "–", "—", ";"})
_QUOTATION = re.compile(r'"([^"\n]+)"|“([^”\n]+)”')
QUOTE_WORDS = 3  # a quoted run of fewer words is a title or a term ("so-called"), no statement
QUOTE_MATCH = 0.4  # Indel similarity of word lists from which a quotation restates a known one


def new_quotes(text: str, sources: list[str]) -> list[str]:
    """Quotations of `text` (of QUOTE_WORDS words or more) that restate none of `sources`'s,
    word for word in order at QUOTE_MATCH: a spinner replaces words inside a quotation too, but
    keeps the rest in order; a new statement shares only its common words with a known one."""
    known = [normalised_words(quote) for source in sources for quote in _quotations(source)]
    found = []
    for quote in _quotations(text):
        tokens = normalised_words(quote)
        if len(tokens) >= QUOTE_WORDS and not any(
                Indel.normalized_similarity(tokens, other) >= QUOTE_MATCH for other in known):
            found.append(quote)
    return found


def _quotations(text: str) -> list[str]:
    return [first or second for first, second in _QUOTATION.findall(text)]


def _headline_case(line: str) -> bool:
    """A line in headline case ("Actress Checks Into Rehab at Desert Clinic"): every word of four
    letters or more capitalised, at least three of them. Its capitals mark no names (a copy under
    another outlet's headline would name "Checks Into Rehab"); the body names the people in it."""
    long_words = [word for word in re.findall(r"[^\W\d_]+", line) if len(word) >= 4]
    return len(long_words) >= 3 and all(word[0].isupper() for word in long_words)


def _is_full_name(words: list[str]) -> bool:
    return all(word.isalpha() for word in words) and sum(len(word) >= 3 for word in words) >= 2


# Sentences a republisher adds around a wire text that name people or state numbers without being
# news: contributor and desk credits, photo credits, copyright lines, follow and sign-up prompts,
# links to its other stories ("Related: ..."), and where the text first appeared.
_CREDIT = re.compile(
    r"contributed (?:reporting|to (?:this|the) (?:report|story|article))"
    r"|^\W*(?:READ MORE|Read [Mm]ore|RELATED|Related(?: [Ss]tor(?:y|ies))?|ALSO READ|Also [Rr]ead|SEE ALSO"
    r"|See [Aa]lso|WATCH|Watch|MORE|More|Recommended|RECOMMENDED|Trending|TRENDING)\s*[:|\-–—]"
    r"|originally (?:appeared|published|ran)\b|\bRead the original\b|\brepublished (?:with|under)\b"
    r"|(?:^|[(\[;]\s*)(?:Additional |Further )?(?:Reporting|Editing|Writing|Compiled|Produced|Edited|Written)"
    r" by\b"
    r"|\b(?:AP|Reuters|AFP|Getty|EPA) ?(?:Photo|Images)\b"
    r"|\b[Cc]opyright\b|\b[Aa]ll rights reserved\b"
    r"|\b[Ff]ollow\b.{0,80}\bon (?:Twitter|X|Facebook|Instagram|Threads|Bluesky|LinkedIn)\b"
    r"|\b[Ss]ign up\b.{0,80}\bnewsletter",
)


def without_credits(text: str) -> str:
    """The text without its credit and boilerplate sentences (`_CREDIT`), for the new-facts test:
    "Associated Press writers Jill Lawless and Hanna Arhirova contributed to this report" on a
    republished wire story names two people, and it is still a copy."""
    return "\n".join(sentence for sentence in sentences(text) if not _CREDIT.search(sentence))


_CAPITALISED_WORD = re.compile(r"\b[A-Z][^\W\d_]*(?:['’.\-][^\W\d_]+)*")


def name_words(text: str) -> frozenset[str]:
    """Every capitalised word of a text, lower-cased: the words a name in a copy of it may use.

    Wider than the words of its `stated_names` on purpose: a name that opens a sentence, or that
    sits in a run with an abbreviation ("U.S. District Judge Barbara Walther"), is no full name
    there, but a reworded copy that moves or splits it ("... Saints, Warren Jeffs") names nobody
    new."""
    return frozenset(re.sub(r"['’]s$", "", word).lower() for word in _CAPITALISED_WORD.findall(text))


def resolved_words(spellings: dict[str, list[str]]) -> dict[str, frozenset[str]]:
    """Name word -> the words written in its place in the other spellings of its entity
    (lower-cased; aligned from the end, so a bare "Rooiz" stands with "Ruiz" of "Elena Ruiz"):
    the spellings the text's resolution says are one name. The other words of the entity are
    not included: a new person sharing a known first name is still new."""
    found: dict[str, set[str]] = {}
    for names in spellings.values():
        rows = [[word.lower() for word in _CAPITALISED_WORD.findall(name)] for name in names]
        for position in range(1, max((len(row) for row in rows), default=0) + 1):
            column = {row[-position] for row in rows if len(row) >= position}
            for word in column:
                found.setdefault(word, set()).update(column)
    return {word: frozenset(group) for word, group in found.items()}


def new_names(names: frozenset[str], known: frozenset[str], *, written: frozenset[str] = frozenset(),
              resolved: dict[str, frozenset[str]] | None = None, placed: set[str] = frozenset()) -> set[str]:
    """Names with a word that is no spelling of any word of `known` (full names or single name
    words): "Rooiz" for "Ruiz", "Prin" for "Putin" are known (name_match.py), and so is a word the
    text's resolution grouped with a known one (`resolved`), or one standing in for a known name
    word the text never writes itself (`written`: the text's own name words) -- machine-
    translated copies garble names consistently, and a garbled name is no new person -- or one the
    text writes where a known name stood (`placed`: name_positions.py), however garbled."""
    known_words = {word for name in known for word in name.split()}
    vanished = sorted(known_words - written) if written else []
    resolved = resolved or {}
    found = set()
    for name in names - known:
        spelled_out = _spelled_out(name.split(), known_words)
        for word in name.split():
            if len(word) < 3 or word in placed or _is_known_word(word, known_words):  # "de", "al": particles
                continue
            if any(_is_known_word(other, known_words) for other in resolved.get(word, ()) if other != word):
                continue
            if any(replaces_name_word(word, gone) for gone in vanished):
                continue
            if word in spelled_out:
                continue  # "Federal Bureau of Investigation" where the source writes "FBI"
            found.add(name)
            break
    return found


def _spelled_out(words: list[str], known_words: set[str]) -> set[str]:
    """The words of a name that spell out a known acronym, a run of two or more ("national
    basketball association" of "... Association Finals" where the source writes "NBA"): their
    initials (particles left out) written with points ("u.s" for "united states"), or without them
    when three letters or more and no word ("as" and "an" open sentences, so a new "Anthony
    Sullivan" would spell out "As")."""
    found: set[str] = set()
    for start in range(len(words)):
        for end in range(start + 2, len(words) + 1):
            run = words[start:end]
            letters = "".join(word[0] for word in run if word not in _PARTICLES)
            if len(letters) >= 2 and (".".join(letters) in known_words or (
                    len(letters) >= 3 and letters not in STOPWORDS and letters in known_words)):
                found.update(run)
    return found


_PARTICLES = frozenset({"of", "and", "the", "for", "de", "du", "la", "le", "des", "di", "da", "del", "von", "van"})


def _is_known_word(word: str, known_words: set[str]) -> bool:
    return word in known_words or any(same_name_word(word, other) for other in known_words)


def copy_score(new: Fingerprint, old: Fingerprint) -> float:
    """Mean of the word-set and character-n-gram-set Jaccard estimates."""
    if not new.word_count or not old.word_count:
        return 0.0
    return 0.5 * (new.words.jaccard(old.words) + new.chars.jaccard(old.chars))
