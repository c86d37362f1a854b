"""Content classification of tweets (SPEC section 7), in French and Spanish.

A learned model (TF-IDF word and character n-grams, logistic regression) trained on the
labelled corpus of ``corpus/``, combined with the editable cue lexicon ``lexicon.toml``;
every decision lists the cues that fired and the words that weighed most. Manual labels
(``DATA_DIR/labels.csv``) win and measure the model; ``EVALUATION.md`` holds its
cross-validated accuracy (``make classifier-eval``).

Public API: :data:`CATEGORIES`, :data:`CATEGORY_LABELS_FR`, :func:`categorize`,
:func:`load_labels`, :func:`classify_csv`, :func:`evaluate`, :func:`evaluation_summary`,
:func:`measure_against_labels`.

The names are imported lazily (PEP 562): ``from pilot_eval.classify import
CATEGORY_LABELS_FR`` does not import scikit-learn (about 2 s), which only the model needs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from pilot_eval.classify.categories import CATEGORIES, CATEGORY_LABELS_FR
    from pilot_eval.classify.core import categorize, classify_texts
    from pilot_eval.classify.csvio import classify_csv
    from pilot_eval.classify.evaluation import evaluate, evaluation_summary
    from pilot_eval.classify.labels import load_labels, measure_against_labels, read_labels_csv

#: Public name → submodule of :mod:`pilot_eval.classify` that defines it.
_SOURCES = {
    "CATEGORIES": "categories",
    "CATEGORY_LABELS_FR": "categories",
    "categorize": "core",
    "classify_texts": "core",
    "classify_csv": "csvio",
    "evaluate": "evaluation",
    "evaluation_summary": "evaluation",
    "load_labels": "labels",
    "measure_against_labels": "labels",
    "read_labels_csv": "labels",
}

__all__ = [
    "CATEGORIES",
    "CATEGORY_LABELS_FR",
    "categorize",
    "classify_csv",
    "classify_texts",
    "evaluate",
    "evaluation_summary",
    "load_labels",
    "measure_against_labels",
    "read_labels_csv",
]


def __getattr__(name: str) -> Any:
    """Import the submodule defining ``name`` on first access (PEP 562)."""
    module = _SOURCES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_SOURCES])
