"""Stories: near-duplicate detection and online story clustering over plain article records.

    engine = StoryEngine()
    assignment = engine.add(ArticleInput(id=..., title=..., text=..., published=..., source=...))
    saved = engine.state()                      # JSON-ready; StoryEngine.from_state(saved) resumes
    story = build_story(story_id, articles, assignments)   # the record readers see
"""

from .engine import StoryEngine
from .records import (
    COPY,
    DEVELOPMENT,
    ORIGINAL,
    ArticleInput,
    Assignment,
    Story,
    StoryArticle,
    StoryConfig,
)
from .summary import build_story

# The lead's contract names the serialised engine state `StoryState`: it is a plain dict.
StoryState = dict

__all__ = [
    "StoryEngine", "ArticleInput", "Assignment", "StoryConfig", "StoryState", "Story",
    "StoryArticle", "build_story", "ORIGINAL", "COPY", "DEVELOPMENT",
]
