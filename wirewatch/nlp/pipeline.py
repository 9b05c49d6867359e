"""Loading the spaCy pipeline wirewatch analyses English text with.

The default is the pipeline this project trains and ships inside the package
(`wirewatch/models/en_wirewatch`, see docs/model.md): nothing is downloaded at run time. Any other
installed spaCy pipeline can be chosen by name or path (setting `spacy_model`, environment
variable `WIREWATCH_SPACY_MODEL`).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from thinc.api import NumpyOps

from ..errors import ConfigError
from . import backstop, propagation  # noqa: F401  register the components the shipped config names

SHIPPED_MODEL = Path(__file__).resolve().parent.parent / "models" / "en_wirewatch"


@lru_cache(maxsize=4)
def load_pipeline(model: str | None = None) -> Language:
    """The spaCy pipeline for `model` (None: the shipped one), loaded once per process.

    Raises ConfigError with a one-line message when the pipeline cannot be loaded.
    """
    target: str | Path = SHIPPED_MODEL if model is None else model
    if model is None and not (SHIPPED_MODEL / "config.cfg").is_file():
        raise ConfigError(f"the shipped spaCy pipeline is missing from {SHIPPED_MODEL}")
    try:
        return _with_numpy_matmul(spacy.load(target))
    except Exception as exc:  # spaCy raises OSError, ValueError, KeyError, ... for bad models
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ConfigError(f"cannot load spaCy pipeline {str(target)!r}: {reason}") from None


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
