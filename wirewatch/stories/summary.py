"""Build the `Story` record readers see from the articles of one story and their assignments.

Kept apart from the engine: the engine holds only fingerprints and centroids, while a story
record needs the texts, which live in the store.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from datetime import datetime, timedelta, timezone

from rapidfuzz import fuzz

from ..errors import InputError
from .engine import hours_since_epoch
from .records import COPY, ORIGINAL, ArticleInput, Assignment, Story, StoryArticle
from .text import content_words, proxy_entities, sentences

_SIMILAR_SENTENCE = 80.0  # rapidfuzz ratio above which two summary sentences say the same


def build_story(
    story_id: str,
    articles: list[ArticleInput],
    assignments: list[Assignment],
    now: datetime | None = None,
    summary_sentences: int = 3,
    top_entities: int = 10,
) -> Story:
    """The story record: title, key sentences, articles in time order, sources, span, velocity.

    `articles` and `assignments` are this story's, in arrival order. Articles without a date
    sort after dated ones, in arrival order. Only the texts of `content_window` are read: the
    other articles may come with title, time and source alone.
    """
    by_id = {a.article_id: a for a in assignments}
    missing = [article.id for article in articles if article.id not in by_id]
    if missing:
        raise InputError(f"no assignment for article(s) {', '.join(missing)} of story {story_id!r}")
    if not articles:
        raise InputError(f"story {story_id!r} has no articles")
    ordered = _time_order(articles)
    fresh = [a for a in ordered if by_id[a.id].role != COPY]  # copies add nothing new
    window = {a.id for a in _window(fresh or ordered)}
    dated = [_aware(a.published) for a in articles if a.published is not None]
    now = _aware(now) if now is not None else datetime.now(timezone.utc)
    return Story(
        id=story_id,
        title=_title(ordered, by_id),
        # The first reports define a story; reading every later one again on each arrival made
        # the story stage quadratic in story size (measured: 10 articles/s at 200 articles).
        summary=_summary((fresh or ordered)[:SUMMARY_ARTICLES], summary_sentences),
        articles=[
            StoryArticle(a.id, by_id[a.id].role, by_id[a.id].duplicate_of, a.published, a.source, a.title)
            for a in ordered
        ],
        sources=list(dict.fromkeys(a.source for a in ordered if a.source)),
        first_seen=min(dated) if dated else None,
        last_seen=max(dated) if dated else None,
        entities=_entities([a for a in ordered if a.id in window], top_entities),
        velocity=sum(1 for moment in dated if now - timedelta(hours=1) < moment <= now),
    )


SUMMARY_ARTICLES = 8  # earliest non-copy articles the key sentences are chosen from
SUMMARY_SENTENCES_PER_ARTICLE = 15
# The record reads the text of at most this many of the earliest and of the latest non-copy
# articles: a story's beginning and its newest developments name its entities, and reading every
# member again on each arrival made the stage quadratic (measured: 21 articles/s at 400 articles).
CONTENT_EARLIEST = 25
CONTENT_LATEST = 25


def content_window(articles: list[ArticleInput], assignments: list[Assignment]) -> list[str]:
    """Ids of the articles whose text `build_story` reads (the others need only title, time and
    source), so a caller holding texts elsewhere loads just these."""
    roles = {a.article_id: a.role for a in assignments}
    ordered = _time_order(articles)
    fresh = [a for a in ordered if roles.get(a.id) != COPY]
    return [a.id for a in _window(fresh or ordered)]


def _window(fresh: list[ArticleInput]) -> list[ArticleInput]:
    """The earliest and the latest of a story's non-copy articles, in time order."""
    if len(fresh) <= CONTENT_EARLIEST + CONTENT_LATEST:
        return fresh
    return fresh[:CONTENT_EARLIEST] + fresh[-CONTENT_LATEST:]


def _time_order(articles: list[ArticleInput]) -> list[ArticleInput]:
    """Dated articles by time, then undated ones, each in arrival order."""
    arrival = {article.id: index for index, article in enumerate(articles)}
    return sorted(
        articles,
        key=lambda a: (hours_since_epoch(a.published) is None, hours_since_epoch(a.published) or 0.0, arrival[a.id]),
    )


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _title(ordered: list[ArticleInput], by_id: dict[str, Assignment]) -> str:
    """The original article's title, else the earliest title, else its first sentence."""
    originals = [a for a in ordered if by_id[a.id].role == ORIGINAL and a.title.strip()]
    titled = originals or [a for a in ordered if a.title.strip()]
    if titled:
        return titled[0].title.strip()
    first = next((s for a in ordered for s in sentences(a.text)), "")
    return first if len(first) <= 120 else first[:117].rsplit(" ", 1)[0] + "…"


def _summary(articles: list[ArticleInput], limit: int) -> list[str]:
    """Sentences that best cover the story's most repeated words, leads slightly preferred.

    Word weights are how many articles use the word, so the facts every report repeats win over
    one site's aside; picked sentences are returned in story order, without near-repeats.
    """
    spread: Counter = Counter()
    for article in articles:
        spread.update(_vocabulary(f"{article.title}\n{article.text}"))
    scored = []
    order = 0
    for article in articles:
        for position, (sentence, terms) in enumerate(_lead_sentences(article.text)):
            if len(terms) < 4:
                continue
            value = sum(spread[t] for t in terms) / math.sqrt(len(terms)) / (1.0 + 0.1 * position)
            scored.append((value, order, sentence))
            order += 1
    picked: list[tuple[int, str]] = []
    for _value, position, sentence in sorted(scored, key=lambda item: (-item[0], item[1])):
        if all(fuzz.ratio(sentence, other) < _SIMILAR_SENTENCE for _, other in picked):
            picked.append((position, sentence))
        if len(picked) == limit:
            break
    return [sentence for _, sentence in sorted(picked)]


def _entities(articles: list[ArticleInput], limit: int) -> list[str]:
    """Names most articles mention (then most often), NLP names when given, else proxies."""
    in_articles: Counter = Counter()
    mentions: Counter = Counter()
    display: dict[str, str] = {}
    for article in articles:
        if article.entities:
            names = [name for name, _type in article.entities if name.strip()]
        else:
            names = _proxy_names(f"{article.title}\n{article.text}")
        for name in names:
            display.setdefault(name.lower(), name)
            mentions[name.lower()] += 1
        in_articles.update({name.lower() for name in names})
    ranked = sorted(in_articles, key=lambda key: (-in_articles[key], -mentions[key], key))
    return [display[key] for key in ranked[:limit]]


# A story record is rebuilt each time an article joins, from all its articles: these per-article
# views are pure functions of the text, memoised so a growing story does not re-read its members.
@functools.lru_cache(maxsize=4096)
def _vocabulary(text: str) -> frozenset[str]:
    return frozenset(content_words(text))


@functools.lru_cache(maxsize=4096)
def _lead_sentences(text: str) -> tuple[tuple[str, frozenset[str]], ...]:
    return tuple((sentence, frozenset(content_words(sentence)))
                 for sentence in sentences(text)[:SUMMARY_SENTENCES_PER_ARTICLE])


@functools.lru_cache(maxsize=4096)
def _proxy_names(text: str) -> tuple[str, ...]:
    return tuple(proxy_entities(text, lower=False))
