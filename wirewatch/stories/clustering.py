"""Online story clustering: each article joins the most similar live story or opens a new one.

A story is summarised by the sums of its articles' word and entity vectors (centroids), its time
span and its members. An article's score against a story mixes the cosine of its word vector
with the word centroid and of its entity vector with the entity centroid, moves up or down with
the distinguishing details (year, month, weekday, numbers, full names) the article shares with or
contradicts in the story (see details.py), then decays with the time gap between the article and
the story's span; the article joins the best story when the score reaches the threshold.
Decisions are never revised, so nothing needs re-clustering later.
Candidate stories come from an inverted index over centroid terms and entities, so the cost of
one article grows with the stories it shares words with, not with all stories ever seen.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from .details import agreement
from .features import ArticleFeatures, SparseVector, dot
from .records import StoryConfig


@dataclass
class StoryProfile:
    """What the clusterer keeps of one story."""

    id: str
    terms: SparseVector = field(default_factory=dict)  # sum of member word vectors
    entities: SparseVector = field(default_factory=dict)  # sum of member entity vectors
    terms_norm2: float = 0.0
    entities_norm2: float = 0.0
    first_hour: float | None = None  # publication span of members, hours since the epoch
    last_hour: float | None = None
    size: int = 0  # articles whose content went into the story (copies excluded)
    details: dict[str, dict[str, int]] = field(default_factory=dict)  # kind -> value -> articles

    def add(self, features: ArticleFeatures) -> None:
        self.size += 1
        for kind, values in features.details.items():
            known = self.details.setdefault(kind, {})
            for value in values:
                known[value] = known.get(value, 0) + 1
        self.terms_norm2 = _add_into(self.terms, features.terms, self.terms_norm2)
        self.entities_norm2 = _add_into(self.entities, features.entities, self.entities_norm2)

    def widen(self, hour: float | None) -> None:
        if hour is None:
            return
        self.first_hour = hour if self.first_hour is None else min(self.first_hour, hour)
        self.last_hour = hour if self.last_hour is None else max(self.last_hour, hour)

    def gap_hours(self, hour: float | None) -> float:
        """Hours between `hour` and the story's span (0 inside it, or when either is undated)."""
        if hour is None or self.first_hour is None or self.last_hour is None:
            return 0.0
        return max(0.0, self.first_hour - hour, hour - self.last_hour)

    def to_dict(self) -> dict:
        return {
            "id": self.id, "terms": self.terms, "entities": self.entities,
            "terms_norm2": self.terms_norm2, "entities_norm2": self.entities_norm2,
            "first_hour": self.first_hour, "last_hour": self.last_hour,
            "size": self.size, "details": self.details,
        }

    @classmethod
    def from_dict(cls, data: dict) -> StoryProfile:
        return cls(**data)


def _add_into(total: SparseVector, vector: SparseVector, norm2: float) -> float:
    """Add `vector` into `total` in place and return the new squared norm, in O(len(vector))."""
    norm2 += 2.0 * dot(vector, total) + sum(w * w for w in vector.values())
    for term, w in vector.items():
        total[term] = total.get(term, 0.0) + w
    return max(norm2, 0.0)


@dataclass
class Decision:
    story_id: str | None  # None: open a new story
    score: float


class StoryClusterer:
    """Holds story profiles and decides, one article at a time, where each belongs."""

    def __init__(self, config: StoryConfig):
        self.config = config
        self.stories: dict[str, StoryProfile] = {}
        self._by_term: dict[str, set[str]] = defaultdict(set)
        self._by_entity: dict[str, set[str]] = defaultdict(set)

    def score(self, features: ArticleFeatures, story: StoryProfile, hour: float | None) -> float:
        config = self.config
        gap = story.gap_hours(hour)
        if gap > config.max_gap_hours:
            return 0.0
        text = dot(features.terms, story.terms) / math.sqrt(story.terms_norm2) if story.terms_norm2 else 0.0
        names = (
            dot(features.entities, story.entities) / math.sqrt(story.entities_norm2)
            if story.entities_norm2 else 0.0
        )
        if not features.entities or not story.entities:
            mixed = text  # nothing to compare names on: do not punish the story for it
        else:
            mixed = (1.0 - config.entity_weight) * text + config.entity_weight * names
        if config.detail_weight > 0:
            # Same-kind events share their words; the details they state tell them apart.
            mixed += config.detail_weight * agreement(features.details, story.details, story.size, config.detail_share)
        return mixed * 0.5 ** (gap / config.half_life_hours)

    def candidates(self, features: ArticleFeatures) -> set[str]:
        found: set[str] = set()
        for term in features.strongest_terms(self.config.candidate_terms):
            found |= self._by_term.get(term, set())
        for name in features.entities:
            found |= self._by_entity.get(name, set())
        return found

    def decide(self, features: ArticleFeatures, hour: float | None) -> Decision:
        best_id, best_score = None, 0.0
        for story_id in sorted(self.candidates(features)):  # sorted: ties break the same way always
            value = self.score(features, self.stories[story_id], hour)
            if value > best_score:
                best_id, best_score = story_id, value
        if best_id is not None and best_score >= self.config.join_threshold:
            return Decision(best_id, best_score)
        return Decision(None, best_score)

    def add(self, story_id: str, features: ArticleFeatures, hour: float | None) -> None:
        """Put an article's features into a story (created when new)."""
        story = self.stories.get(story_id)
        if story is None:
            story = self.stories[story_id] = StoryProfile(story_id)
        story.add(features)
        story.widen(hour)
        self._index(story_id, features)

    def touch(self, story_id: str, hour: float | None) -> None:
        """A copy joined the story: its time span grows, its content does not."""
        self.stories[story_id].widen(hour)

    def _index(self, story_id: str, features: ArticleFeatures) -> None:
        for term in features.terms:
            self._by_term[term].add(story_id)
        for name in features.entities:
            self._by_entity[name].add(story_id)

    def to_dict(self) -> dict:
        return {"stories": [story.to_dict() for story in self.stories.values()]}

    @classmethod
    def from_dict(cls, data: dict, config: StoryConfig) -> StoryClusterer:
        clusterer = cls(config)
        for item in data["stories"]:
            story = StoryProfile.from_dict(item)
            clusterer.stories[story.id] = story
            for term in story.terms:
                clusterer._by_term[term].add(story.id)
            for name in story.entities:
                clusterer._by_entity[name].add(story.id)
        return clusterer
