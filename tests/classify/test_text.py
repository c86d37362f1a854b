"""Normalisation and language detection."""

from __future__ import annotations

import pandas as pd

from pilot_eval.classify.text import detect_lang, fill_lang, normalize, normalize_series


def test_normalize_folds_accents_case_and_urls():
    assert normalize("DÉVIATION à Nantes http://t.co/abc") == "deviation a nantes _url_"


def test_normalize_splits_camelcase_hashtags_and_keeps_the_tag():
    out = normalize("#AppelATemoins #PoliceNationalePasRéservée")
    assert out.startswith("#appelatemoins appel a temoins")
    assert "police nationale pas reservee" in out


def test_normalize_marks_roads_smileys_and_percent():
    out = normalize("Bouchon sur la N137 et l'A-6 :) -12%")
    assert out.count("_road_") == 2
    assert "_smiley_" in out and "_pct_" in out


def test_normalize_handles_missing_values():
    assert normalize(None) == "" and normalize(float("nan")) == ""
    s = normalize_series(pd.Series(["Été", None, "Été"]))
    assert s.tolist() == ["ete", "", "ete"]


def test_detect_lang_french_and_spanish():
    texts = normalize_series(
        pd.Series(
            [
                "Merci pour vos partages, elle a été retrouvée",
                "Gracias por difundir, el menor ya está con su familia",
            ]
        )
    )
    assert detect_lang(texts).tolist() == ["fr", "es"]


def test_fill_lang_keeps_given_values_and_detects_the_rest():
    texts = normalize_series(pd.Series(["los agentes y el perro", "los agentes y el perro"]))
    assert fill_lang(pd.Series(["FR", None]), texts).tolist() == ["fr", "es"]
