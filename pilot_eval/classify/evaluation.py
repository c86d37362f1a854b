"""Measured accuracy of the classifier: grouped, stratified cross-validation on the corpus.

Near-duplicate tweets (same words, Jaccard ≥ :data:`NEAR_DUPLICATE`) are kept in the same
fold so that the score is not inflated by a tweet whose twin was seen in training. The
whole pipeline (vectorisers, lexicon block, classifier) is refitted in every fold.
Scores are computed on the pooled out-of-fold predictions: macro-F1 and accuracy overall
and per language, per-category precision/recall/F1, confusion matrices.

``python -m pilot_eval.classify evaluate`` (``make classifier-eval``) writes
``evaluation.json`` and ``EVALUATION.md`` beside this module.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.metrics import (
    accuracy_score,
    confusion_matrix,
    f1_score,
    precision_recall_fscore_support,
)
from sklearn.model_selection import StratifiedGroupKFold

from pilot_eval.classify.categories import CATEGORIES
from pilot_eval.classify.lexicon import load_lexicon
from pilot_eval.classify.model import CORPUS_DIR, Model, model_version, read_corpus, train
from pilot_eval.classify.text import normalize

HERE = Path(__file__).resolve().parent
#: Machine-readable results, written by ``make classifier-eval``.
EVALUATION_JSON = HERE / "evaluation.json"
#: Human-readable results, written by ``make classifier-eval``.
EVALUATION_MD = HERE / "EVALUATION.md"
#: Word-set Jaccard similarity from which two tweets are near-duplicates (same CV group).
NEAR_DUPLICATE = 0.5
N_SPLITS = 5
RANDOM_STATE = 0


def near_duplicate_groups(texts: list[str], threshold: float = NEAR_DUPLICATE) -> np.ndarray:
    """Group ids such that tweets with word-set Jaccard ≥ ``threshold`` share a group.

    Groups are the connected components of the "near-duplicate" graph (numbers are
    ignored: "3 interpellés" and "4 interpellés" are the same wording).
    """
    from scipy.sparse.csgraph import connected_components

    vec = CountVectorizer(binary=True, token_pattern=r"(?u)\b[^\W\d_]{2,}\b")
    X = vec.fit_transform(texts).astype(np.float32)
    inter = (X @ X.T).tocoo()
    sizes = np.asarray(X.sum(axis=1)).ravel()
    union = sizes[inter.row] + sizes[inter.col] - inter.data
    keep = (inter.data / np.maximum(union, 1)) >= threshold
    import scipy.sparse as sp

    graph = sp.coo_matrix(
        (np.ones(keep.sum()), (inter.row[keep], inter.col[keep])), shape=X.shape[:1] * 2
    )
    return connected_components(graph, directed=False)[1]


def _scores(truth: np.ndarray, pred: np.ndarray) -> dict:
    labels = [c for c in CATEGORIES if c in set(truth)]
    p, r, f, s = precision_recall_fscore_support(truth, pred, labels=labels, zero_division=0)
    return {
        "n": int(len(truth)),
        "macro_f1": round(
            float(f1_score(truth, pred, labels=labels, average="macro", zero_division=0)), 4
        ),
        "accuracy": round(float(accuracy_score(truth, pred)), 4),
        "per_category": {
            c: {
                "precision": round(float(p[i]), 4),
                "recall": round(float(r[i]), 4),
                "f1": round(float(f[i]), 4),
                "support": int(s[i]),
            }
            for i, c in enumerate(labels)
        },
        "confusion": {
            "labels": list(CATEGORIES),
            "matrix": confusion_matrix(truth, pred, labels=list(CATEGORIES)).tolist(),
        },
    }


def cross_validate(
    corpus: pd.DataFrame,
    fit: Callable[[list[str], np.ndarray], Model] | None = None,
    *,
    n_splits: int = N_SPLITS,
) -> pd.DataFrame:
    """Out-of-fold predictions for every corpus row.

    Parameters
    ----------
    corpus
        ``id``, ``lang``, ``category``, ``text`` (see :func:`read_corpus`).
    fit
        ``fit(normalized_texts, categories) -> Model``; default :func:`train`.

    Returns
    -------
    pandas.DataFrame
        The corpus with ``normalized``, ``group``, ``fold`` and ``predicted``.
    """
    fit = fit or (lambda texts, cats: train(texts, cats))
    texts = [normalize(t) for t in corpus["text"]]
    y = corpus["category"].to_numpy()
    groups = near_duplicate_groups(texts)
    pred = np.empty(len(texts), dtype=object)
    folds = np.zeros(len(texts), dtype=int)
    splitter = StratifiedGroupKFold(n_splits=n_splits, shuffle=True, random_state=RANDOM_STATE)
    for k, (tr, te) in enumerate(splitter.split(texts, y, groups)):
        model = fit([texts[i] for i in tr], y[tr])
        pred[te] = model.predict([texts[i] for i in te], explain=False).category
        folds[te] = k
    return corpus.assign(normalized=texts, group=groups, fold=folds, predicted=pred)


def sample_check() -> dict | None:
    """Scores of the shipped model on the simulated sample's tweets (their true categories).

    The sample (:mod:`pilot_eval.sample`) composes its texts from its own phrase banks,
    written apart from the corpus, so this is a check on texts the model never saw, in
    another author's wording. Retweets are left out. None when the sample cannot be built.
    """
    try:
        from pilot_eval.registry import load_registry
        from pilot_eval.sample.simulate import simulate

        sim = simulate(load_registry())
        rows = [
            (r.draft.text, r.lang, r.category)
            for acc in sim.accounts
            for r in acc.records
            if r.draft is not None and r.kind != "retweet"
        ]
    except Exception:  # the check is optional; the sample package may change
        return None
    if not rows:
        return None
    frame = pd.DataFrame(rows, columns=["text", "lang", "category"])
    from pilot_eval.classify.model import get_model

    pred = get_model().predict([normalize(t) for t in frame["text"]], explain=False).category
    truth = frame["category"].to_numpy()
    out = _scores(truth, np.asarray(pred, dtype=object))
    out["by_lang"] = {
        lang: {
            "n": int(mask.sum()),
            "macro_f1": round(float(f1_score(truth[mask], pred[mask], average="macro")), 4),
        }
        for lang in ("fr", "es")
        if (mask := (frame["lang"] == lang).to_numpy()).any()
    }
    return out


def evaluate(corpus: pd.DataFrame | None = None, *, n_splits: int = N_SPLITS) -> dict:
    """Cross-validated accuracy of the shipped classifier on the labelled corpus.

    Returns
    -------
    dict
        ``model_version``, ``n_splits``, ``n`` (tweets), ``groups`` (near-duplicate
        groups), ``overall``, ``by_lang`` ({fr, es}) each with ``n``, ``macro_f1``,
        ``accuracy``, ``per_category`` ({code: precision, recall, f1, support}) and
        ``confusion`` (rows: true category, columns: predicted, in :data:`CATEGORIES`
        order); ``baselines``: macro-F1 of the lexicon alone and of the model without
        the lexicon, to show what the combination brings; ``sample_check``: the same
        scores on the simulated sample's tweets (see :func:`sample_check`).
    """
    corpus = read_corpus() if corpus is None else corpus
    started = time.perf_counter()
    oof = cross_validate(corpus, n_splits=n_splits)
    truth, pred = oof["category"].to_numpy(), oof["predicted"].to_numpy()
    lexicon = load_lexicon()
    lex_pred = (
        Model(lexicon, "lexicon-only").predict(list(oof["normalized"]), explain=False).category
    )
    no_lex = cross_validate(corpus, lambda t, c: train(t, c, lexicon_weight=0.0), n_splits=n_splits)
    result = {
        "model_version": model_version(CORPUS_DIR, lexicon),
        "method": (
            f"{n_splits}-fold stratified cross-validation grouped by near-duplicates "
            f"(word Jaccard >= {NEAR_DUPLICATE}); pooled out-of-fold predictions"
        ),
        "n_splits": n_splits,
        "n": int(len(oof)),
        "groups": int(oof["group"].nunique()),
        "overall": _scores(truth, pred),
        "by_lang": {
            lang: _scores(truth[mask], pred[mask])
            for lang in ("fr", "es")
            if (mask := (oof["lang"] == lang).to_numpy()).any()
        },
        "baselines": {
            "lexicon_only_macro_f1": round(float(f1_score(truth, lex_pred, average="macro")), 4),
            "model_without_lexicon_macro_f1": round(
                float(f1_score(truth, no_lex["predicted"].to_numpy(), average="macro")), 4
            ),
        },
        "sample_check": sample_check(),
        "seconds": round(time.perf_counter() - started, 1),
    }
    return result


def _table(block: dict) -> list[str]:
    lines = ["| category | precision | recall | F1 | support |", "|---|---|---|---|---|"]
    for c, m in block["per_category"].items():
        lines.append(
            f"| {c} | {m['precision']:.2f} | {m['recall']:.2f} | {m['f1']:.2f} | {m['support']} |"
        )
    return lines


def _confusion(block: dict) -> list[str]:
    labels = block["confusion"]["labels"]
    short = [c[:6] for c in labels]
    lines = ["| true \\ predicted | " + " | ".join(short) + " |", "|---" * (len(labels) + 1) + "|"]
    for c, row in zip(labels, block["confusion"]["matrix"], strict=True):
        if sum(row):
            lines.append(f"| {c} | " + " | ".join(str(v) for v in row) + " |")
    return lines


def render_markdown(result: dict) -> str:
    """``EVALUATION.md``: the results of :func:`evaluate` for humans."""
    out = [
        "# Content classifier: measured accuracy",
        "",
        "Written by `make classifier-eval` (`python -m pilot_eval.classify evaluate`); do not edit.",
        "",
        f"Model version `{result['model_version']}`. Method: {result['method']}. "
        f"{result['n']} labelled tweets in {result['groups']} near-duplicate groups.",
        "",
        "| scope | tweets | macro-F1 | accuracy |",
        "|---|---|---|---|",
        f"| all | {result['overall']['n']} | {result['overall']['macro_f1']:.3f} | {result['overall']['accuracy']:.3f} |",
    ]
    for lang, block in result["by_lang"].items():
        out.append(f"| {lang} | {block['n']} | {block['macro_f1']:.3f} | {block['accuracy']:.3f} |")
    b = result["baselines"]
    out += [
        "",
        f"Baselines (macro-F1, all): lexicon alone {b['lexicon_only_macro_f1']:.3f}; "
        f"learned model without the lexicon {b['model_without_lexicon_macro_f1']:.3f}.",
    ]
    check = result.get("sample_check")
    if check:
        langs = ", ".join(f"{k} {v['macro_f1']:.3f}" for k, v in check["by_lang"].items())
        out += [
            "",
            f"External check: on the {check['n']} tweets of the simulated sample (phrase "
            f"banks written apart from the corpus; true categories known), the model trained "
            f"on the whole corpus scores macro-F1 {check['macro_f1']:.3f} ({langs}), "
            f"accuracy {check['accuracy']:.3f}.",
        ]
    for title, block in [("All tweets", result["overall"])] + [
        (f"Language: {lang}", blk) for lang, blk in result["by_lang"].items()
    ]:
        out += [
            "",
            f"## {title}",
            "",
            *_table(block),
            "",
            "Confusion matrix (rows: true category):",
            "",
            *_confusion(block),
        ]
    return "\n".join(out) + "\n"


def write_evaluation(
    result: dict, json_path: Path = EVALUATION_JSON, md_path: Path = EVALUATION_MD
) -> None:
    """Write ``evaluation.json`` and ``EVALUATION.md``."""
    Path(json_path).write_text(
        json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    Path(md_path).write_text(render_markdown(result), encoding="utf-8")


def evaluation_summary(path: Path = EVALUATION_JSON) -> dict:
    """The committed evaluation results ({} when ``make classifier-eval`` never ran).

    Keys as returned by :func:`evaluate`; ``stale`` is True when the corpus, the lexicon
    or the model changed since the evaluation was written.
    """
    try:
        result = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    try:
        result["stale"] = result.get("model_version") != model_version()
    except Exception:  # the summary is informative; never fail the report on it
        result["stale"] = None
    return result


def main() -> int:
    """Entry point of ``make classifier-eval``."""
    result = evaluate()
    write_evaluation(result)
    print(
        f"macro-F1 {result['overall']['macro_f1']:.3f} "
        + " ".join(f"{k} {v['macro_f1']:.3f}" for k, v in result["by_lang"].items())
        + f" -> {EVALUATION_MD}",
        file=sys.stderr,
    )
    return 0
