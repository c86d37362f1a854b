"""Content classification of tweets (SPEC section 7), in French and Spanish.

A learned model (TF-IDF word and character n-grams, logistic regression) trained on the
labelled corpus of ``corpus/``, combined with the editable cue lexicon ``lexicon.toml``;
every decision lists the cues that fired and the words that weighed most. Manual labels
(``DATA_DIR/labels.csv``) win and measure the model; ``EVALUATION.md`` holds its
cross-validated accuracy (``make classifier-eval``).

Public API: :data:`CATEGORIES`, :data:`CATEGORY_LABELS_FR`, :func:`categorize`,
:func:`load_labels`, :func:`classify_csv`, :func:`evaluate`, :func:`evaluation_summary`,
:func:`measure_against_labels`.
"""

from pilot_eval.classify.categories import CATEGORIES, CATEGORY_LABELS_FR
from pilot_eval.classify.core import categorize, classify_texts
from pilot_eval.classify.csvio import classify_csv
from pilot_eval.classify.evaluation import evaluate, evaluation_summary
from pilot_eval.classify.labels import load_labels, measure_against_labels, read_labels_csv

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
