"""Sparse TF-IDF vectors with an online vocabulary, for words and for entities.

The vocabulary grows as articles arrive (document frequencies are counted once per article,
copies excluded), and each article is weighted with the IDF known when it arrived. Freezing the
weights at arrival is what keeps the stage online: no stored vector or centroid ever has to be
recomputed, and replaying the same articles in the same order gives the same numbers.
"""

from __future__ import annotations

import math
import operator
from collections import Counter
from itertools import repeat
from dataclasses import dataclass, field

from .details import Details, event_details
from .records import ArticleInput
from .text import STOPWORDS, content_words, proxy_entities

SparseVector = dict[str, float]


@dataclass
class Vocabulary:
    """Document frequencies seen so far."""

    documents: int = 0
    frequency: Counter = field(default_factory=Counter)

    def add(self, terms: set[str]) -> None:
        self.documents += 1
        self.frequency.update(terms)

    def idf(self, term: str) -> float:
        # Smoothed so the first articles (when every df is 1) still get sensible, equal weights.
        return math.log((self.documents + 1) / (self.frequency.get(term, 0) + 1)) + 1.0

    def to_dict(self) -> dict:
        return {"documents": self.documents, "frequency": dict(self.frequency)}

    @classmethod
    def from_dict(cls, data: dict) -> Vocabulary:
        return cls(int(data["documents"]), Counter(data["frequency"]))


def term_counts(article: ArticleInput, title_weight: float) -> Counter:
    """Content-word counts of the body, with the title's words weighted up."""
    counts: Counter = Counter(content_words(article.text))
    if article.title and title_weight > 0:
        for word in content_words(article.title):
            counts[word] += title_weight
    return counts


def entity_names(article: ArticleInput) -> list[str]:
    """Lower-cased entity names: the NLP entities when the article has them, else proxies."""
    if article.entities:
        return [name.lower() for name, _type in article.entities if name and name.strip()]
    return proxy_entities(full_text(article))


def full_text(article: ArticleInput) -> str:
    return f"{article.title}\n{article.text}" if article.title else article.text


def entity_counts(names: list[str]) -> Counter:
    """Entity names and their single words (so "Nichols" meets "Brian Nichols")."""
    counts: Counter = Counter()
    for name in names:
        counts[name] += 1.0
        parts = [p for p in name.split() if p not in STOPWORDS and len(p) > 1]
        if len(parts) > 1:
            for part in parts:
                counts[part] += 0.5
    return counts


def weigh(counts: Counter, vocabulary: Vocabulary) -> SparseVector:
    """Sublinear TF times IDF, L2-normalised; empty counts give an empty vector."""
    vector = {
        term: (1.0 + math.log(count)) * vocabulary.idf(term) if count >= 1 else count * vocabulary.idf(term)
        for term, count in counts.items()
        if count > 0
    }
    norm = math.sqrt(sum(w * w for w in vector.values()))
    if norm == 0:
        return {}
    return {term: w / norm for term, w in vector.items()}


def dot(small: SparseVector, large: SparseVector) -> float:
    if len(small) > len(large):
        small, large = large, small
    # The same products summed in the same order as a generator would, without its Python frame
    # per term: scoring candidate stories is most of the clusterer's time.
    return sum(map(operator.mul, small.values(), map(large.get, small.keys(), repeat(0.0))))


@dataclass(frozen=True)
class ArticleCounts:
    """What the clusterer weighs of one article, counted from the article alone (so the analysis
    workers can count it: see prepared.py); weighing needs the vocabulary seen so far."""

    terms: Counter  # term_counts
    names: list[str]  # entity_names
    name_counts: Counter  # entity_counts of the names
    details: Details

    @classmethod
    def of(cls, article: ArticleInput, title_weight: float) -> ArticleCounts:
        found = entity_names(article)
        return cls(term_counts(article, title_weight), found, entity_counts(found),
                   event_details(full_text(article), found, article.entities))


@dataclass
class ArticleFeatures:
    """The weighted views of one article that story clustering compares."""

    terms: SparseVector
    entities: SparseVector
    details: Details = field(default_factory=dict)  # dates, numbers, full names (details.py)

    def strongest_terms(self, k: int) -> list[str]:
        return [t for t, _ in sorted(self.terms.items(), key=lambda kv: (-kv[1], kv[0]))[:k]]


class FeatureExtractor:
    """Turns articles into `ArticleFeatures`, learning document frequencies as it goes."""

    def __init__(self, title_weight: float, words: Vocabulary | None = None, names: Vocabulary | None = None):
        self.title_weight = title_weight
        self.words = words or Vocabulary()
        self.names = names or Vocabulary()

    def observe(self, article: ArticleInput, counts: ArticleCounts | None = None) -> ArticleFeatures:
        """Count the article into the vocabularies, then weigh it with the updated IDF. `counts`
        (ArticleCounts.of the same article and title weight), when the caller has them, save
        counting again."""
        counts = counts or ArticleCounts.of(article, self.title_weight)
        self.words.add(set(counts.terms))
        self.names.add(set(counts.name_counts))
        return ArticleFeatures(weigh(counts.terms, self.words), weigh(counts.name_counts, self.names), counts.details)

    def to_dict(self) -> dict:
        return {"words": self.words.to_dict(), "names": self.names.to_dict()}

    @classmethod
    def from_dict(cls, data: dict, title_weight: float) -> FeatureExtractor:
        return cls(title_weight, Vocabulary.from_dict(data["words"]), Vocabulary.from_dict(data["names"]))
