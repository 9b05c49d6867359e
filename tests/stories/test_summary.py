"""The story record readers see, built from one story's articles and assignments."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from wirewatch.errors import InputError
from wirewatch.stories import COPY, DEVELOPMENT, ORIGINAL, ArticleInput, StoryEngine, build_story

from . import texts

T0 = datetime(2025, 3, 4, 18, 0, tzinfo=timezone.utc)


@pytest.fixture
def story():
    engine = StoryEngine()
    articles = [
        ArticleInput("dev", texts.DEVELOPMENT_TITLE, texts.DEVELOPMENT, T0 + timedelta(hours=20), "b.example"),
        ArticleInput("wire", texts.WIRE_TITLE, texts.WIRE, T0, "apnews.com"),
        ArticleInput("copy", texts.REPUBLISHED_TITLE, texts.REPUBLISHED, T0 + timedelta(hours=19, minutes=30),
                     "a.example"),
    ]
    assignments = [engine.add(a) for a in articles]
    return build_story(assignments[0].story_id, articles, assignments, now=T0 + timedelta(hours=20, minutes=10))


def test_articles_are_listed_in_publication_order_with_their_roles(story):
    assert [(a.id, a.role) for a in story.articles] == [("wire", DEVELOPMENT), ("copy", COPY), ("dev", ORIGINAL)]


def test_title_comes_from_the_original_article(story):
    assert story.title == texts.DEVELOPMENT_TITLE


def test_sources_span_and_velocity(story):
    assert story.sources == ["apnews.com", "a.example", "b.example"]
    assert story.first_seen == T0 and story.last_seen == T0 + timedelta(hours=20)
    assert story.velocity == 2  # the copy and the development were published in the last hour


def test_summary_is_a_few_sentences_taken_from_the_articles(story):
    assert 1 <= len(story.summary) <= 3
    assert all(s in texts.WIRE or s in texts.DEVELOPMENT for s in story.summary)


def test_top_entities_are_the_names_every_article_mentions(story):
    assert {"Talca", "Maule"} <= set(story.entities[:4])


def test_record_serialises_dates_as_iso_strings(story):
    data = story.to_dict()
    assert data["first_seen"] == T0.isoformat()
    assert data["articles"][0]["published"] == T0.isoformat()


def test_article_without_assignment_is_refused():
    article = ArticleInput("x", "t", "Some text.", None, None)
    with pytest.raises(InputError, match="no assignment"):
        build_story("s", [article], [])


def test_untitled_story_is_titled_by_its_first_sentence():
    engine = StoryEngine()
    article = ArticleInput("x", "", "Floods closed the Danube ferry. More rain is expected.", None, None)
    record = build_story("x", [article], [engine.add(article)])
    assert record.title == "Floods closed the Danube ferry."
    assert record.first_seen is None and record.velocity == 0


def test_a_large_story_reads_only_its_earliest_and_latest_reports():
    """Every article is listed, but only the first and latest 25 non-copy reports are read in
    full, so a growing story costs the same to rebuild (regression: the stage was quadratic)."""
    from wirewatch.stories import Assignment
    from wirewatch.stories.summary import content_window

    articles, assignments = [], []
    for index in range(80):
        role = ORIGINAL if index == 0 else (COPY if index % 2 else DEVELOPMENT)
        articles.append(ArticleInput(f"a{index}", f"Update {index}", f"Report {index} from Talca by Elena Ruiz.",
                                     T0 + timedelta(minutes=index), "x.example"))
        assignments.append(Assignment(f"a{index}", "a0", role, "a0" if role == COPY else None, 0.5, index == 0))
    fresh = [a.id for a, s in zip(articles, assignments) if s.role != COPY]  # 40 non-copies
    assert content_window(articles, assignments) == fresh
    more = articles + [ArticleInput(f"b{i}", f"Late {i}", f"Late report {i}.", T0 + timedelta(hours=5, minutes=i),
                                    "y.example") for i in range(30)]
    more_assignments = assignments + [Assignment(f"b{i}", "a0", DEVELOPMENT, None, 0.5, False) for i in range(30)]
    window = content_window(more, more_assignments)
    assert window == fresh[:25] + [f"b{i}" for i in range(5, 30)]
    # Articles outside the window may come without text: the record still lists all of them.
    sparse = [a if a.id in window else ArticleInput(a.id, a.title, "", a.published, a.source) for a in more]
    story = build_story("a0", sparse, more_assignments, now=T0 + timedelta(hours=6))
    assert len(story.articles) == 110 and story.title == "Update 0"
    assert "Elena Ruiz" in story.entities
