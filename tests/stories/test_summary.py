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
