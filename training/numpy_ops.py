"""`spacy train --code training/numpy_ops.py`: training/augment.py's augmenter, and thinc's numpy
ops without BLIS for every model created in the run.

wirewatch.nlp.load_pipeline runs the shipped models on `NumpyOps(use_blis=False)` because numpy's
OpenBLAS does the CNNs' matrix products about three times faster than thinc's bundled BLIS on
these machines (same output); this does the same for training, where the wide NER
(training/ner_wide.cfg) would otherwise not fit in a session.
"""

from __future__ import annotations

import sys
from pathlib import Path

from thinc.api import NumpyOps, set_current_ops

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import training.augment  # noqa: E402,F401  (registers wirewatch.entity_swap.v1)

# spacy train creates the models after importing --code and never resets the current ops on CPU
set_current_ops(NumpyOps(use_blis=False))
