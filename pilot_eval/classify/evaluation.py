"""Measured accuracy of the classifier: cross-validation on the labelled corpus."""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
#: Machine-readable results, written by ``make classifier-eval``.
EVALUATION_JSON = HERE / "evaluation.json"
#: Human-readable results, written by ``make classifier-eval``.
EVALUATION_MD = HERE / "EVALUATION.md"


def evaluate(*args, **kwargs) -> dict:  # replaced below by the full implementation
    """Cross-validate the classifier on the corpus (see module docstring)."""
    raise NotImplementedError


def evaluation_summary(path: Path = EVALUATION_JSON) -> dict:
    """The committed evaluation results ({} when ``make classifier-eval`` never ran)."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
