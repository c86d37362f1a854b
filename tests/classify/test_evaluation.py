"""Cross-validation of the classifier and the committed evaluation summary."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from pilot_eval.classify import evaluation_summary
from pilot_eval.classify.categories import CATEGORIES
from pilot_eval.classify.evaluation import (
    EVALUATION_JSON,
    cross_validate,
    near_duplicate_groups,
    render_markdown,
)


def test_near_duplicates_share_a_group():
    groups = near_duplicate_groups(
        [
            "3 individus interpelles pour vol a nantes",
            "4 individus interpelles pour vol a nantes",
            "bonne annee a tous nos abonnes",
        ]
    )
    assert groups[0] == groups[1] != groups[2]


def _tiny_corpus() -> pd.DataFrame:
    rows = [
        ("fr", "traffic", "accident sur la rocade, deviation mise en place"),
        ("fr", "traffic", "bouchons importants sur le peripherique nord ce matin"),
        ("es", "traffic", "retenciones en la a-6 por un accidente multiple"),
        ("es", "traffic", "carretera cortada por nieve, usa cadenas"),
        ("fr", "operations", "deux cambrioleurs interpelles en flagrant delit"),
        ("fr", "operations", "reseau de stupefiants demantele, cannabis saisi"),
        ("es", "operations", "detenidos tres ladrones de joyerias en sevilla"),
        ("es", "operations", "desarticulada una banda de narcotraficantes"),
        ("fr", "community", "bonne annee a tous nos abonnes !"),
        ("fr", "community", "notre chien mascotte vous souhaite un bon week-end"),
        ("es", "community", "gracias tuiteros, ya somos medio millon"),
        ("es", "community", "feliz navidad a todos nuestros seguidores"),
    ]
    return pd.DataFrame(
        [(f"x-{k}", lang, cat, text) for k, (lang, cat, text) in enumerate(rows)],
        columns=["id", "lang", "category", "text"],
    )


def test_cross_validate_predicts_every_row_out_of_fold():
    oof = cross_validate(_tiny_corpus(), n_splits=2)
    assert oof["predicted"].notna().all()
    assert set(oof["fold"]) == {0, 1}
    assert oof["group"].nunique() == len(oof)
    assert (oof["predicted"] == oof["category"]).mean() >= 0.5


def test_committed_summary_is_complete():
    summary = evaluation_summary()
    assert EVALUATION_JSON.exists(), "run make classifier-eval"
    assert 0 <= summary["overall"]["macro_f1"] <= 1
    assert set(summary["by_lang"]) == {"fr", "es"}
    assert set(summary["overall"]["per_category"]) <= set(CATEGORIES)
    matrix = summary["overall"]["confusion"]["matrix"]
    assert sum(map(sum, matrix)) == summary["overall"]["n"]
    assert isinstance(summary["stale"], bool)
    assert "macro-F1" in render_markdown(summary)


def test_missing_summary_is_empty(tmp_path: Path):
    assert evaluation_summary(tmp_path / "none.json") == {}
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    assert evaluation_summary(bad) == {}
    ok = tmp_path / "ok.json"
    ok.write_text(json.dumps({"model_version": "x", "overall": {}}), encoding="utf-8")
    assert evaluation_summary(ok)["stale"] is True
