"""The story stage: one call per article, in arrival order, answering copy / story / role.

`StoryEngine.add` first asks the duplicate index whether the article copies an earlier one (a
copy joins its original's story and never counts as a development), else lets the clusterer pick
or open a story. `state()` is plain JSON; `from_state` rebuilds an engine that decides every
later article exactly as the uninterrupted one would.
"""

from __future__ import annotations

from datetime import datetime, timezone

from ..errors import InputError
from .clustering import StoryClusterer
from .duplicates import DuplicateIndex
from .features import FeatureExtractor
from .prepared import PreparedArticle, article_body, prepared_for
from .records import COPY, DEVELOPMENT, ORIGINAL, ArticleInput, Assignment, StoryConfig

STATE_SCHEMA = "wirewatch.stories.state/1"
STORY_SAMPLE = 25  # reports at each end of a story a short article is compared with (copy_in_story)


def hours_since_epoch(moment: datetime | None) -> float | None:
    """Publication time as a number; naive datetimes are taken as UTC."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp() / 3600.0


class StoryEngine:
    """Near-duplicate detection and online story clustering over a stream of articles."""

    def __init__(self, config: StoryConfig | None = None):
        self.config = config or StoryConfig()
        self._duplicates = DuplicateIndex(self.config)
        self._features = FeatureExtractor(self.config.title_weight)
        self._clusterer = StoryClusterer(self.config)
        self._assignments: dict[str, Assignment] = {}
        self._members: dict[str, list[str]] = {}  # story id -> article ids in arrival order

    def add(self, article: ArticleInput, prepared: PreparedArticle | None = None) -> Assignment:
        """Decide where one article belongs; the answer is final. `prepared` (prepared.py: what
        the analysis worked out from the article alone) is used when it was made from this
        article with this engine's settings, and changes nothing but the time taken."""
        _check(article)
        if article.id in self._assignments:
            raise InputError(f"article {article.id!r} was already added to the story stage")
        hour = hours_since_epoch(article.published)
        body = article_body(article)
        if not body.strip():
            # Nothing to compare (a page whose extraction found no words): it is its own story, and
            # is kept out of the indexes so it can never be matched. Refusing it instead would leave
            # a stored article unassigned forever and stop the stage at it.
            return self._record(Assignment(article.id, article.id, ORIGINAL, None, 0.0, True))
        prepared = prepared_for(article, self.config, prepared)
        assert prepared.text is not None and prepared.counts is not None  # a body with words
        fingerprint = prepared.text.fingerprint(self.config.num_perm)
        match = self._duplicates.find(body, fingerprint, article.spellings, body=article.text,
                                      text_hash=prepared.text.hash)
        if match is not None:
            story_id = self._assignments[match.article_id].story_id
            self._clusterer.touch(story_id, hour)
            assignment = Assignment(article.id, story_id, COPY, match.article_id, round(match.score, 6), False)
        else:
            features = self._features.observe(article, prepared.counts)
            decision = self._clusterer.decide(features, hour)
            # A report the story's words place with one of its reports that it rewrites, stating
            # nothing new, is a copy the LSH index did not propose (a heavy spin of one sentence, a
            # spun excerpt): DuplicateIndex.copy_in_story. Its words stay counted in the vocabularies.
            match = None if decision.story_id is None else self._duplicates.copy_in_story(
                body, fingerprint, self._story_sample(decision.story_id), article.spellings)
            if match is not None:
                story_id = self._assignments[match.article_id].story_id
                self._clusterer.touch(story_id, hour)
                assignment = Assignment(article.id, story_id, COPY, match.article_id, round(match.score, 6), False)
            else:
                if decision.story_id is None:
                    story_id, role = article.id, ORIGINAL
                else:
                    story_id, role = decision.story_id, DEVELOPMENT
                self._clusterer.add(story_id, features, hour)
                assignment = Assignment(
                    article.id, story_id, role, None,
                    round(decision.score, 6) if role == DEVELOPMENT else 0.0, role == ORIGINAL,
                )
        self._duplicates.add(article.id, body, fingerprint, assignment.duplicate_of, prepared.text)
        return self._record(assignment)

    def _story_sample(self, story_id: str) -> list[str]:
        """The first and the latest STORY_SAMPLE reports of a story: a wire story copied hundreds
        of times is not searched whole for each article that joins it."""
        members = self._members.get(story_id, [])
        return members if len(members) <= 2 * STORY_SAMPLE else members[:STORY_SAMPLE] + members[-STORY_SAMPLE:]

    def _record(self, assignment: Assignment) -> Assignment:
        self._assignments[assignment.article_id] = assignment
        self._members.setdefault(assignment.story_id, []).append(assignment.article_id)
        return assignment

    def assignment(self, article_id: str) -> Assignment | None:
        return self._assignments.get(article_id)

    def members(self, story_id: str) -> list[str]:
        """Article ids of one story in arrival order (empty for an unknown story)."""
        return list(self._members.get(story_id, []))

    def story_ids(self) -> list[str]:
        return list(self._members)

    def __len__(self) -> int:
        return len(self._assignments)

    def state(self) -> dict:
        """Everything needed to continue exactly where this engine is, as JSON-ready data."""
        return {
            "schema": STATE_SCHEMA,
            "config": self.config.to_dict(),
            "assignments": [a.to_dict() for a in self._assignments.values()],
            "duplicates": self._duplicates.to_dict(),
            "features": self._features.to_dict(),
            "clusterer": self._clusterer.to_dict(),
        }

    @classmethod
    def from_state(cls, state: dict) -> StoryEngine:
        if not isinstance(state, dict) or state.get("schema") != STATE_SCHEMA:
            raise InputError(f"not a story-stage state (expected schema {STATE_SCHEMA!r})")
        try:
            config = StoryConfig.from_dict(state["config"])
            engine = cls(config)
            engine._duplicates = DuplicateIndex.from_dict(state["duplicates"], config)
            engine._features = FeatureExtractor.from_dict(state["features"], config.title_weight)
            engine._clusterer = StoryClusterer.from_dict(state["clusterer"], config)
            for item in state["assignments"]:
                assignment = Assignment.from_dict(item)
                engine._assignments[assignment.article_id] = assignment
                engine._members.setdefault(assignment.story_id, []).append(assignment.article_id)
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(f"story-stage state is damaged: {exc!r}") from None
        return engine


def _check(article: ArticleInput) -> None:
    if not isinstance(article.id, str) or not article.id:
        raise InputError("an article for the story stage needs a non-empty id")
    if article.published is not None and not isinstance(article.published, datetime):
        raise InputError(f"article {article.id!r}: published must be a datetime or None")
