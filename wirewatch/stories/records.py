"""Plain records of the story stage: what goes in, what comes out, and how it is tuned.

They hold no behaviour beyond (de)serialising themselves, so the lead can store them in any
table layout and the engine can be rebuilt from them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from datetime import datetime
from typing import Any

from ..errors import ConfigError

ORIGINAL = "original"  # the first article of a story
COPY = "copy"  # a near-duplicate of an earlier article: never a new development
DEVELOPMENT = "development"  # a later article of the same story that is not a copy
ROLES = (ORIGINAL, COPY, DEVELOPMENT)


@dataclass
class ArticleInput:
    """One analysed article as the story stage needs it."""

    id: str
    title: str
    text: str
    published: datetime | None = None
    source: str | None = None
    entities: list[tuple[str, str]] = field(default_factory=list)  # (canonical name, type)
    # canonical name -> every way the text writes that entity, as its resolution grouped them
    # ("Elena Rooiz": ["Elena Rooiz", "Rooiz", "Ruiz"]): a garble resolved to a known name is known.
    spellings: dict[str, list[str]] = field(default_factory=dict)
    quotes: list[str] = field(default_factory=list)


@dataclass
class Assignment:
    """Where one article went, decided once, in arrival order, and never revised."""

    article_id: str
    story_id: str
    role: str  # ORIGINAL | COPY | DEVELOPMENT
    duplicate_of: str | None
    score: float  # similarity to the story (or to the copied article) that decided it; 0 when new
    new_story: bool

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Assignment:
        return cls(**data)


@dataclass(frozen=True)
class StoryConfig:
    """Thresholds and weights of the story stage.

    The defaults were tuned on the ECB+ dev topics (1-25), averaging three stream orders (seeds
    13-15), with the engine of benchmarks/stories.py; see the benchmark's report for how they score
    on the held-out topics.
    """

    # --- story clustering ---------------------------------------------------------------
    join_threshold: float = 0.28  # an article joins the best story when its score reaches this
    entity_weight: float = 0.40  # share of the entity similarity in the score (rest: text)
    title_weight: float = 2.0  # title words count this many times as body words
    half_life_hours: float = 7 * 24.0  # time decay of the score with the gap to the story
    max_gap_hours: float = 60 * 24.0  # beyond this gap an article never joins a story
    detail_weight: float = 0.04  # score gained (lost) per kind of detail agreeing (contradicting)
    detail_share: float = 0.5  # a story is sure of a detail that this share of its articles mention
    candidate_terms: int = 24  # the article's strongest terms used to find candidate stories
    # --- near-duplicates --------------------------------------------------------------------
    num_perm: int = 128  # MinHash permutations
    lsh_threshold: float = 0.25  # Jaccard at which LSH starts proposing candidates
    duplicate_threshold: float = 0.40  # copy score from which an article is a copy (dev-tuned: 0.38)
    char_ngram: int = 4  # character n-gram size of the second fingerprint

    def __post_init__(self) -> None:
        checks = {
            "join_threshold": 0.0 <= self.join_threshold <= 1.0,
            "entity_weight": 0.0 <= self.entity_weight <= 1.0,
            "title_weight": self.title_weight >= 0.0,
            "half_life_hours": self.half_life_hours > 0.0,
            "max_gap_hours": self.max_gap_hours > 0.0,
            "detail_weight": 0.0 <= self.detail_weight <= 1.0,
            "detail_share": 0.0 < self.detail_share <= 1.0,
            "candidate_terms": self.candidate_terms >= 1,
            "num_perm": 16 <= self.num_perm <= 1024,
            "lsh_threshold": 0.0 < self.lsh_threshold < 1.0,
            "duplicate_threshold": 0.0 < self.duplicate_threshold <= 1.0,
            "char_ngram": 2 <= self.char_ngram <= 8,
        }
        for name, ok in checks.items():
            if not ok:
                raise ConfigError(f"invalid story setting {name}={getattr(self, name)!r}")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StoryConfig:
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ConfigError(f"unknown story setting(s): {', '.join(unknown)}")
        return cls(**data)


@dataclass
class StoryArticle:
    """One article of a story as the story record lists it."""

    id: str
    role: str
    duplicate_of: str | None
    published: datetime | None
    source: str | None
    title: str


@dataclass
class Story:
    """What readers and subscribers see: one story, however many articles report it."""

    id: str
    title: str
    summary: list[str]  # a few key sentences
    articles: list[StoryArticle]  # in time order
    sources: list[str]
    first_seen: datetime | None
    last_seen: datetime | None
    entities: list[str]  # the most prominent, strongest first
    velocity: int  # articles published in the hour before `now`

    def to_dict(self) -> dict[str, Any]:
        # Written out by hand: dataclasses.asdict deep-copies every field of every article, and
        # this runs on each arrival for the whole story.
        return {
            "id": self.id, "title": self.title, "summary": list(self.summary),
            "articles": [
                {"id": a.id, "role": a.role, "duplicate_of": a.duplicate_of,
                 "published": a.published.isoformat() if a.published else None,
                 "source": a.source, "title": a.title}
                for a in self.articles
            ],
            "sources": list(self.sources),
            "first_seen": self.first_seen.isoformat() if self.first_seen else None,
            "last_seen": self.last_seen.isoformat() if self.last_seen else None,
            "entities": list(self.entities), "velocity": self.velocity,
        }
