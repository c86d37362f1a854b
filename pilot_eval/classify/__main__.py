"""Build targets of the classifier.

``python -m pilot_eval.classify model``: train on the corpus, write ``model.joblib``
(``make model``). ``python -m pilot_eval.classify evaluate``: cross-validate, write
``evaluation.json`` and ``EVALUATION.md`` (``make classifier-eval``).
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Run the build target named in ``argv`` (``model`` or ``evaluate``)."""
    args = sys.argv[1:] if argv is None else argv
    if args == ["model"]:
        from pilot_eval.classify.model import build_model

        return build_model()
    if args == ["evaluate"]:
        from pilot_eval.classify.evaluation import main as evaluate_main

        return evaluate_main()
    print("usage: python -m pilot_eval.classify {model|evaluate}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
