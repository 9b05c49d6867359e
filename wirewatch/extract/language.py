"""Language identification (ISO 639-1): py3langid, checked against the text's function words.

A character n-gram identifier reads what the letters look like. On prose that is the language;
on a results table, a list of names or a one-line brief it is mostly the names' origin
("Hajduk 2 Proleter 0" reads as Croatian), and the identifier says so with a low probability.
A language is the words that hold its sentences together, so the identifier's answer is checked
against the text's function words (spaCy's stop-word lists, the words each language does not
share with English):
  - more function words of the identified language than of English: that language;
  - more English function words: English;
  - as many of each (names, numbers, headlines: mostly none): the identifier only when it is
    confident; otherwise the page's own declaration (<html lang>), else `default`, the language
    the caller expects. For a language spaCy has no list for, English needs prose-like evidence
    (a tenth of the distinct lower-case words English function words; names are no evidence).
Texts in a script other than the Latin alphabet are the identifier's to judge: their letters
are the evidence. The identifier reads the first few thousand characters without the digits of
scores and tables; the function words are counted over the whole text. A text of under twenty
letters is too little to judge: it gets the declared language or the default.
"""

from __future__ import annotations

import importlib.util
import re
import runpy
from functools import lru_cache
from pathlib import Path

DEFAULT_LANGUAGE = "en"
_SAMPLE_CHARS = 3000  # enough for any article, cheap to classify
_MIN_LETTERS = 20
_CONFIDENT = 0.9
# English prose: about half its lower-case words are function words; another language's text
# has a few by chance ("a", "to", "me").
_ENGLISH_SHARE = 0.1
_STOP_LIST_OF = {"no": "nb", "nn": "nb"}  # identifier code -> spaCy's code for the same language
_DIGITS = re.compile(r"\d+")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@lru_cache(maxsize=1)
def _identifier():
    """The model, loaded once per process (read-only after loading)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@lru_cache(maxsize=64)
def _stop_words(language: str) -> frozenset[str] | None:
    """spaCy's stop words for `language`, or None when spaCy has no list for it.

    The list's own file is run, not imported: importing `spacy.lang.fr.stop_words` first imports
    the whole `spacy.lang.fr` package (tokenizer exceptions, lemmatizer tables), which took about
    a second per language, paid by the first page in each language a process reads. The files
    define STOP_WORDS from literals only.
    """
    if not language.isascii() or not language.isalpha():
        return None
    path = _spacy_lang_dir() / language / "stop_words.py"
    if not path.is_file():
        return None
    words = runpy.run_path(str(path)).get("STOP_WORDS") or ()
    return frozenset(word.lower() for word in words)


@lru_cache(maxsize=1)
def _spacy_lang_dir() -> Path:
    spec = importlib.util.find_spec("spacy")
    assert spec is not None and spec.origin is not None  # spaCy is a core dependency
    return Path(spec.origin).parent / "lang"


def _sample(text: str) -> str:
    """What the identifier reads: the text without digits (scores, times, tables), spaces collapsed."""
    return " ".join(_DIGITS.sub(" ", text[: _SAMPLE_CHARS * 2]).split())[:_SAMPLE_CHARS]


def _latin_share(words: list[str]) -> float:
    letters = [c for word in words for c in word]
    return sum(1 for c in letters if c < "\u0250") / len(letters) if letters else 1.0


def function_word_counts(words: list[str], language: str) -> tuple[int, int | None]:
    """(English function words, `language`'s function words) among `words`, each counting only
    the words the two lists do not share; None for a language without a list."""
    english, other = _stop_words("en") or frozenset(), _stop_words(_STOP_LIST_OF.get(language, language))
    lowered = [w.lower().replace("’", "'") for w in words]
    if other is None:
        return sum(1 for w in lowered if w in english), None
    return (sum(1 for w in lowered if w in english and w not in other),
            sum(1 for w in lowered if w in other and w not in english))


def detect_language(text: str, declared: str | None = None, default: str | None = DEFAULT_LANGUAGE) -> str | None:
    """The text's language; `declared` (e.g. <html lang>), else `default`, when the evidence is weak."""
    fallback = declared if declared and len(declared) == 2 else default
    words = _WORD.findall(text)
    if sum(len(w) for w in words) < _MIN_LETTERS:  # too little to judge: a caption, a score line
        return fallback
    language, probability = _identifier().classify(_sample(text))
    if language == "en" or _latin_share(words) < 0.5:
        return language  # English, or a script that is itself the evidence
    english, other = function_word_counts(words, language)
    confident = probability >= _CONFIDENT
    if other is None:  # no list to weigh against: English only on prose-like evidence
        # names are no evidence either way, and a table repeats its few words ("metres", "seconds")
        running = {w for w in words if w[0].islower()} or {w.lower() for w in words}
        if english >= 2 and function_word_counts(sorted(running), "")[0] >= _ENGLISH_SHARE * len(running):
            return "en"
        return language if confident else fallback
    if other != english:
        return language if other > english else "en"
    return language if confident else fallback
