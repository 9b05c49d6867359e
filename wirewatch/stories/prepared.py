"""What the story stage works out from one article alone, before it meets any other article.

Fingerprints, the text's hash, the numbers and names the duplicate index keeps, the counts and
details the clusterer weighs: none of it depends on what the stage has seen, so the analysis
workers (processes, Ray actors) compute it with `prepare` and hand it on with the article, and
the single writer that runs the stage only checks that it was made from the same article with
the same settings (`key`), or else works it out itself. The answer is the same either way.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from .duplicates import TextFacts
from .features import ArticleCounts
from .records import ArticleInput, StoryConfig


@dataclass(frozen=True)
class PreparedArticle:
    """Plain data (it is pickled from a worker to the writer)."""

    key: str  # preparation_key of the article and settings it was made from
    text: TextFacts | None  # None for an article without words (the stage never indexes one)
    counts: ArticleCounts | None


def article_body(article: ArticleInput) -> str:
    """The text the duplicate index compares: the title (if any) above the text."""
    return f"{article.title}\n{article.text}" if article.title else article.text


def preparation_key(article: ArticleInput, config: StoryConfig) -> str:
    """Names every input `prepare` reads, and nothing else (the article's id and dates may differ)."""
    material = repr((config.num_perm, config.char_ngram, config.title_weight, article.title, article.entities,
                     len(article.text)))
    digest = hashlib.blake2b(material.encode("utf-8", "surrogatepass"), digest_size=20)
    digest.update(article.text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def prepare(article: ArticleInput, config: StoryConfig) -> PreparedArticle:
    key = preparation_key(article, config)
    body = article_body(article)
    if not body.strip():
        return PreparedArticle(key, None, None)
    return PreparedArticle(key, TextFacts.of(body, config), ArticleCounts.of(article, config.title_weight))


def prepared_for(article: ArticleInput, config: StoryConfig, given: PreparedArticle | None) -> PreparedArticle:
    """`given` when it was made from this article with these settings, else a fresh preparation."""
    if given is not None and given.key == preparation_key(article, config):
        return given
    return prepare(article, config)
