"""Loading the spaCy pipeline wirewatch analyses English text with.

The default is the pipeline this project trains and ships inside the package
(`wirewatch/models/en_wirewatch`, see docs/model.md): nothing is downloaded at run time. Any other
installed spaCy pipeline can be chosen by name or path (setting `spacy_model`, environment
variable `WIREWATCH_SPACY_MODEL`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.lang.char_classes import ALPHA, ALPHA_LOWER, HYPHENS
from spacy.util import compile_infix_regex
from thinc.api import NumpyOps

from ..errors import ConfigError
from . import backstop, propagation  # noqa: F401  register the components the shipped config names
from .propagation import load_common_words

SHIPPED_MODEL = Path(__file__).resolve().parent.parent / "models" / "en_wirewatch"


_loaded = 0  # pipelines this process has loaded (see pipelines_loaded)


def pipelines_loaded() -> int:
    """How many spaCy pipelines this process has loaded so far: a service reports it, so anyone
    can see that the first article analysed after warm-up loaded nothing."""
    return _loaded


@lru_cache(maxsize=4)
def load_pipeline(model: str | None = None) -> Language:
    """The spaCy pipeline for `model` (None: the shipped one), loaded once per process.

    Raises ConfigError with a one-line message when the pipeline cannot be loaded.
    """
    target: str | Path = SHIPPED_MODEL if model is None else model
    if model is None and not (SHIPPED_MODEL / "config.cfg").is_file():
        raise ConfigError(f"the shipped spaCy pipeline is missing from {SHIPPED_MODEL}")
    global _loaded
    try:
        nlp = _keeping_hyphenated_words(_with_numpy_matmul(spacy.load(target)))
    except Exception as exc:  # spaCy raises OSError, ValueError, KeyError, ... for bad models
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ConfigError(f"cannot load spaCy pipeline {str(target)!r}: {reason}") from None
    _loaded += 1
    return nlp


def _with_numpy_matmul(nlp: Language) -> Language:
    """`nlp` with its models multiplying matrices through numpy instead of thinc's BLIS.

    thinc's CPU ops use the BLIS bundled with it; numpy's OpenBLAS picks kernels for the CPU it
    runs on and was 3x faster at the CNNs' matrix products here (the whole analysis 1.7x faster,
    the same output). Set on each model node, so nothing outside this pipeline changes.
    """
    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None:
            for node in model.walk():
                node.ops = ops
    return nlp


# spaCy's English infix rule that splits a hyphen (or dash) between a letter or digit and a letter.
_HYPHEN_INFIX = r"(?<=[{a}0-9])(?:{h})(?=[{a}])".format(a=ALPHA, h=HYPHENS)
# ... and what replaces it: dashes as before; a hyphen only before a common English word.
_DASH_INFIX = r"(?<=[{a}0-9])(?:{h})(?=[{a}])".format(
    a=ALPHA, h="|".join(h for h in HYPHENS.split("|") if h != "-"))
# spaCy's rule that splits an operator between digits ("6-0" -> "6", "-", "0") ... and what
# replaces it: the same without the hyphen, so scores, dates and ranges stay whole.
_NUMBER_INFIX = r"(?<=[0-9])[+\-\*^](?=[0-9-])"
_NUMBER_OPERATOR_INFIX = r"(?<=[0-9])[+\*^](?=[0-9-])"
_MIN_WORD = 3  # shorter lower-case parts are syllables of names as often as words ("Kim In-so")


def _hyphen_before_word_infix() -> str:
    words = sorted((w for w in load_common_words() if len(w) >= _MIN_WORD and w.isalpha()),
                   key=len, reverse=True)
    return r"(?<=[{a}0-9])-(?=(?:{w})(?![{a}]))".format(a=ALPHA, w="|".join(words))


def _keeping_hyphenated_words(nlp: Language) -> Language:
    """`nlp` with a tokenizer that keeps hyphenated words whole unless a name is glued to a word.

    spaCy's English tokenizer cuts every hyphen: "Nagorno-Karabakh", "Mercedes-Benz",
    "Jones-Drew", but also "one-day", "26-year-old", "6-0" and "1996-08-30". The NER models
    learnt from CoNLL-2003, whose tokens keep all of these whole; cut up, a name's halves are
    words they rarely saw in names ("Nagorno", "-"), and the pieces of a score, a date or a
    compound are context they never saw around names (CoNLL-2003 dev through `analyze`: 0.970
    -> 0.983 F1 keeping names whole, 0.982 -> 0.985 keeping numbers and lower-case compounds
    whole: "MILAN 1996 - 08 - 30" had made the dateline's city an ORG). What is still cut: a
    hyphen after a capitalised word and before a common English word of three letters or more
    (the list in common_words.txt), so the name in "London-based", "Saudi-led" or "Dublin-born"
    stays a word of its own, while "Kim In-so" and "Ata-ur-Rehman" stay whole; dashes between
    words; and the other operators between digits ("2+2").
    """
    infixes = list(nlp.Defaults.infixes or [])
    if _HYPHEN_INFIX not in infixes:
        return nlp
    infixes[infixes.index(_HYPHEN_INFIX)] = _DASH_INFIX
    if _NUMBER_INFIX in infixes:
        infixes[infixes.index(_NUMBER_INFIX)] = _NUMBER_OPERATOR_INFIX
    hyphen_before_word = _hyphen_before_word_infix()
    infixes.append(hyphen_before_word)
    finditer = compile_infix_regex(infixes).finditer

    def infix_finditer(text: str) -> list[re.Match[str]]:
        # The tokenizer asks for the infixes of one whitespace-free chunk at a time, so the word
        # before a hyphen starts after the previous infix (or at the chunk's start).
        matches, word_start = [], 0
        for match in finditer(text):
            if match.group() == "-" and not text[word_start:word_start + 1].isupper():
                continue
            matches.append(match)
            word_start = match.end()
        return matches

    nlp.tokenizer.infix_finditer = infix_finditer
    return nlp
