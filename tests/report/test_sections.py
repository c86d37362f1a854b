"""Notebook building blocks on a tiny processed dataset (pilot_eval.report.sections)."""

from __future__ import annotations

import pytest

from pilot_eval.report import sections as S

from .tiny import PRIVATE, write_tiny


@pytest.fixture(scope="module")
def ctx(tmp_path_factory):
    data = write_tiny(tmp_path_factory.mktemp("tiny") / "data")
    return S.load_context(start="2013-12-23", end="2014-03-31", data_dir=str(data), ensure=False)


def test_best_tweets_escape_markup_and_pseudonymise(ctx):
    html = S.best_tweets(ctx, n=200).data
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert PRIVATE not in html and "@utilisateur_" in html


def test_summary_table_in_french(ctx):
    html = S.summary_table(ctx).data
    assert "@PNationale44" in html and "680\u202f000" in html  # policia followers at start
    assert "Engagement médian" in html


def test_html_table_escapes_cells():
    import pandas as pd

    html = S.html_table(pd.DataFrame({"<a>": ["<img src=x onerror=alert(1)>"]}))
    assert "<img" not in html and "&lt;img" in html and "&lt;a&gt;" in html


def test_charts_are_png(ctx):
    png = S.follower_curves(ctx)._repr_png_()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_focus_and_unknown_handle(tmp_path):
    from pilot_eval.errors import UserError

    data = write_tiny(tmp_path / "data")
    c = S.load_context(
        start="2013-12-23",
        end="2014-03-31",
        data_dir=str(data),
        focus=["PNATIONALE67"],
        ensure=False,
    )
    assert c.focus == ["pnationale67"]
    with pytest.raises(UserError):
        S.load_context(
            start="2013-12-23", end="2014-03-31", data_dir=str(data), focus=["nobody"], ensure=False
        )


def test_rejects_table_hides_raw_text(ctx):
    html = S.rejects_table(ctx).data
    assert "truncated JSON" in html and "x.jsonl" in html and "raw/" not in html


def test_classifier_accuracy_reads_the_runs_evaluation_file(tmp_path):
    import json
    from datetime import date

    from pilot_eval.registry import load_registry
    from pilot_eval.report.run import EVALUATION_FILE

    kpis_file = tmp_path / "kpis.json"
    summary = {"overall": {"n": 12, "macro_f1": 0.5, "accuracy": 0.75, "per_category": {}},
               "n_splits": 3, "by_lang": {}}  # fmt: skip
    (tmp_path / EVALUATION_FILE).write_text(json.dumps(summary), encoding="utf-8")
    ctx = S.Context(date(2014, 1, 1), date(2014, 1, 2), tmp_path, load_registry(None), [],
                    kpis_file)  # fmt: skip
    html = S.classifier_accuracy(ctx).data
    assert "12 tweets" in html and "0,50" in html and "75" in html
