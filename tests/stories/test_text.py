"""Text views the story stage compares: sentences, content words, entity proxies, fingerprints."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from wirewatch.stories.fingerprints import Fingerprint, containment
from wirewatch.stories.text import STOPWORDS, content_hash, content_words, normalise, proxy_entities, sentences

from . import texts


def test_sentences_do_not_split_after_abbreviations():
    assert sentences("The U.S. Navy left. Mr. Smith stayed.") == ["The U.S. Navy left.", "Mr. Smith stayed."]


def test_proxy_entities_skip_sentence_initial_common_words_and_break_at_punctuation():
    assert proxy_entities("The mayor met Elena Ruiz in Talca, Chile (AP). Ruiz left.") == [
        "elena ruiz", "talca", "chile", "ruiz"]


def test_proxy_entities_drop_possessives():
    assert proxy_entities("They praised Jim O'Brien's team.") == ["jim o'brien"]


def test_content_hash_ignores_case_and_spacing():
    assert content_hash("A  Quake\nstruck") == content_hash("a quake struck")


def test_identical_texts_have_identical_fingerprints():
    first = Fingerprint.of(texts.WIRE, 64, 4)
    second = Fingerprint.of(texts.WIRE, 64, 4)
    assert first.words.jaccard(second.words) == 1.0 and first.chars.jaccard(second.chars) == 1.0


def test_fingerprint_survives_a_json_round_trip():
    fingerprint = Fingerprint.of(texts.WIRE, 64, 4)
    again = Fingerprint.from_dict(fingerprint.to_dict(), 64)
    assert again.to_dict() == fingerprint.to_dict()


def test_containment_of_a_subset_is_one():
    # A = 10 items inside B = 20 items: Jaccard 0.5.
    assert containment(0.5, 10, 20) == 1.0


@given(st.text(max_size=300))
def test_sentences_keep_every_word(text):
    assert " ".join(sentences(text)).split() == text.split()


@given(st.text(max_size=300))
def test_content_words_never_yield_stopwords(text):
    assert not set(content_words(text)) & STOPWORDS


@given(st.text(max_size=300))
def test_proxy_entities_are_lower_case_and_never_empty(text):
    for name in proxy_entities(text):
        assert name and name == name.lower()


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_normalise_drops_every_combining_mark_and_straightens_quotes(text):
    """Regression guard for the translate-table rewrite: same result as the per-character rule."""
    import unicodedata

    folded = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    folded = folded.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    assert normalise(text) == " ".join(folded.lower().split())


@given(st.lists(st.sampled_from([
    "Rescuers searched the rubble on Tuesday.", "The toll rose to 12.",
    "Associated Press writer Jill Lawless contributed to this report.",
    "(Reporting by Andrew Osborn; Editing by Mark Heinrich)", "Sign up for our newsletter today.",
    "Officials said the reporting by local media was accurate.", "Copyright 2025 Daily Planet.",
]), max_size=8))
def test_credit_sentences_are_dropped_and_nothing_else(chosen):
    from wirewatch.stories.duplicates import without_credits

    kept = without_credits("\n".join(chosen)).split("\n")
    credits = {"Associated", "(Reporting", "Sign", "Copyright"}
    assert [s for s in kept if s] == [s for s in chosen if s.split()[0] not in credits]
