"""categorize(): every category in both languages, explanations, labels, cache."""

from __future__ import annotations

import errno
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pilot_eval.classify import CATEGORIES, CATEGORY_LABELS_FR, categorize
from pilot_eval.classify.core import CACHE_FILE
from pilot_eval.errors import UserError

#: Clear examples written for these tests (not taken from the corpus): (lang, category, text).
CLEAR = [
    (
        "fr",
        "prevention",
        "Faux policiers : ne laissez entrer personne sans vérifier sa carte, en cas de doute composez le 17 #vigilance",
    ),
    (
        "fr",
        "appeal_witness",
        "#AppelATémoins : vous étiez avenue Foch samedi vers 23h lors de l'agression ? Contactez le 17",
    ),
    (
        "fr",
        "missing_person",
        "Disparition inquiétante de Paul, 12 ans, 1m45, vu pour la dernière fois à la sortie du collège. Merci de partager",
    ),
    (
        "fr",
        "operations",
        "Deux dealers interpellés ce matin, 2 kg de résine de cannabis saisis. Ils sont en garde à vue",
    ),
    (
        "fr",
        "traffic",
        "Accident sur la rocade, circulation très ralentie, déviation mise en place par la sortie 5",
    ),
    (
        "fr",
        "recruitment",
        "Concours de gardien de la paix : les inscriptions sont ouvertes jusqu'au 30 avril, devenez policier !",
    ),
    (
        "fr",
        "institutional",
        "Cérémonie de remise de médailles à l'hôtel de police en présence du préfet et du DDSP",
    ),
    (
        "fr",
        "community",
        "Bonne année à tous nos abonnés ! Toute l'équipe vous présente ses meilleurs vœux :)",
    ),
    (
        "es",
        "prevention",
        "Consejos: no compartas tus contraseñas y desconfía de los correos que te piden datos bancarios #estafa",
    ),
    (
        "es",
        "appeal_witness",
        "¿Viste el atraco de la joyería de la calle Mayor el martes? Colabora con nosotros, es anónimo: colabora@policia.es",
    ),
    (
        "es",
        "missing_person",
        "Ayúdanos a encontrar a Lucía, 14 años, desaparecida en Valencia desde el domingo. Difunde por favor",
    ),
    (
        "es",
        "operations",
        "Detenidos cinco miembros de una banda que asaltaba viviendas, intervenidas joyas y dinero en efectivo",
    ),
    (
        "es",
        "traffic",
        "Accidente en la A-3 km 25, retenciones de 6 km sentido Valencia. Circula con precaución",
    ),
    (
        "es",
        "recruitment",
        "Publicada la convocatoria de la oposición a la Escala Básica: 1.500 plazas. Consulta los requisitos",
    ),
    (
        "es",
        "institutional",
        "El ministro del Interior preside el acto de entrega de condecoraciones a los agentes de la Policía Nacional",
    ),
    (
        "es",
        "community",
        "¡Gracias tuiteros! Ya somos medio millón de seguidores, sois geniales jajaja",
    ),
]


def _frame(rows) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "tweet_id": range(1, len(rows) + 1),
            "text": [r[2] for r in rows],
            "lang": [r[0] for r in rows],
        }
    )


def test_categories_and_french_labels():
    assert CATEGORIES[0] == "prevention" and CATEGORIES[-1] == "other" and len(CATEGORIES) == 9
    assert set(CATEGORY_LABELS_FR) == set(CATEGORIES)
    assert CATEGORY_LABELS_FR["appeal_witness"] == "Appel à témoins"


@pytest.mark.parametrize(("lang", "category", "text"), CLEAR, ids=[f"{r[0]}-{r[1]}" for r in CLEAR])
def test_each_category_is_recognised_in_both_languages(lang, category, text):
    out = categorize(_frame([(lang, category, text)]))
    assert out["category"].iloc[0] == category, out["cues"].iloc[0]
    assert out["category_source"].iloc[0] == "model"
    assert 0 < out["confidence"].iloc[0] <= 1


def test_language_may_be_missing():
    frame = _frame(CLEAR).drop(columns="lang")
    out = categorize(frame)
    assert (out["category"] == [r[1] for r in CLEAR]).mean() >= 0.9


def test_explanations_are_present():
    out = categorize(_frame(CLEAR))
    assert out["cues"].str.len().gt(0).all()
    assert out["cues"].iloc[1].startswith("cues: ")
    assert "appel a temoin" in out["cues"].iloc[1]


def test_output_columns_order_and_index_are_kept():
    frame = _frame(CLEAR[:3]).set_index(pd.Index([10, 20, 30]))
    out = categorize(frame)
    assert list(out.columns) == ["tweet_id", "category", "category_source", "confidence", "cues"]
    assert out.index.tolist() == [10, 20, 30]
    assert out["tweet_id"].tolist() == [1, 2, 3]


def test_input_is_not_modified():
    frame = _frame(CLEAR[:3])
    before = frame.copy()
    categorize(frame)
    pd.testing.assert_frame_equal(frame, before)


def test_labels_win():
    frame = _frame(CLEAR[:3])
    labels = pd.DataFrame({"tweet_id": [2], "category": ["other"]})
    out = categorize(frame, labels=labels)
    assert out["category"].tolist() == ["prevention", "other", "missing_person"]
    assert out["category_source"].tolist() == ["model", "label", "model"]
    assert out["confidence"].iloc[1] == 1.0
    assert "manual label" in out["cues"].iloc[1]


def test_empty_frame():
    out = categorize(
        pd.DataFrame({"tweet_id": pd.Series(dtype="int64"), "text": pd.Series(dtype=str)})
    )
    assert out.empty
    assert list(out.columns) == ["tweet_id", "category", "category_source", "confidence", "cues"]


def test_null_and_empty_texts_are_other_or_classified_without_error():
    out = categorize(pd.DataFrame({"tweet_id": [1, 2], "text": [None, ""]}))
    assert len(out) == 2 and out["category"].notna().all()


def test_missing_column_is_a_user_error():
    with pytest.raises(UserError, match="text"):
        categorize(pd.DataFrame({"tweet_id": [1]}))


def test_deterministic():
    frame = _frame(CLEAR)
    pd.testing.assert_frame_equal(categorize(frame), categorize(frame))


def test_cache_is_written_reused_and_keyed_by_text(tmp_path: Path):
    frame = _frame(CLEAR[:4])
    first = categorize(frame, cache_dir=tmp_path)
    cache = tmp_path / CACHE_FILE
    assert cache.exists()
    cached = pd.read_parquet(cache)
    assert len(cached) == 4
    # a poisoned cache entry proves the second call reads the cache
    cached.loc[cached["tweet_id"] == 1, "category"] = "other"
    cached.to_parquet(cache, index=False)
    second = categorize(frame, cache_dir=tmp_path)
    assert second["category"].iloc[0] == "other"
    pd.testing.assert_frame_equal(first.iloc[1:], second.iloc[1:])
    # an edited text is classified again
    edited = frame.assign(text=[CLEAR[3][2]] + frame["text"].tolist()[1:])
    third = categorize(edited, cache_dir=tmp_path)
    assert third["category"].iloc[0] == "operations"


@pytest.mark.parametrize("code", [errno.EROFS, errno.ENOSPC])
def test_a_cache_that_cannot_be_written_is_skipped(tmp_path: Path, monkeypatch, code):
    """A read-only processed/ or a full disk: the categories come anyway, without the
    cache and without a half-written file (pilot-eval kpis and report still work)."""
    frame = _frame(CLEAR[:4])
    expected = categorize(frame)

    def fail(self, path, *args, **kwargs):
        Path(path).write_bytes(b"PAR1 half")  # a disk that filled up mid-write
        raise OSError(code, "cannot write", str(path))

    monkeypatch.setattr(pd.DataFrame, "to_parquet", fail)
    out = categorize(frame, cache_dir=tmp_path)
    pd.testing.assert_frame_equal(out, expected)
    assert list(tmp_path.iterdir()) == []


def test_non_integer_ids_are_a_user_error():
    with pytest.raises(UserError, match="tweet_id"):
        categorize(pd.DataFrame({"tweet_id": ["abc"], "text": ["Bonjour"]}))


def test_duplicate_ids_and_texts_are_classified_once_each_row():
    frame = pd.DataFrame({"tweet_id": [5, 5, 6], "text": [CLEAR[4][2], CLEAR[4][2], CLEAR[4][2]]})
    out = categorize(frame)
    assert out["category"].tolist() == ["traffic"] * 3


def test_a_full_cache_is_read_without_importing_sklearn(tmp_path: Path):
    """Cached categories need no model: scikit-learn stays unimported (issue 8)."""
    frame = _frame(CLEAR[:3])
    categorize(frame, cache_dir=tmp_path)
    frame.to_parquet(tmp_path / "frame.parquet")
    code = (
        "import sys\n"
        "import pandas as pd\n"
        "from pilot_eval.classify.core import categorize\n"
        f"frame = pd.read_parquet({str(tmp_path / 'frame.parquet')!r})\n"
        f"out = categorize(frame, cache_dir={str(tmp_path)!r}, cues=False)\n"
        "print(out['category'].notna().all(), 'sklearn' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "False"]


def test_categories_for_the_kpis_are_not_explained_until_asked(tmp_path: Path):
    """``cues=False`` skips explanations; a later ``cues=True`` fills them, same category."""
    frame = _frame(CLEAR[:4])
    quick = categorize(frame, cache_dir=tmp_path, cues=False)
    assert quick["cues"].isna().all()
    cached = pd.read_parquet(tmp_path / CACHE_FILE)
    assert len(cached) == 4 and cached["cues"].isna().all()
    full = categorize(frame, cache_dir=tmp_path)
    assert full["cues"].notna().all() and (full["cues"] != "").all()
    assert full["category"].tolist() == quick["category"].tolist()
    assert pd.read_parquet(tmp_path / CACHE_FILE)["cues"].notna().all()
    assert categorize(frame, cues=False)["category"].tolist() == quick["category"].tolist()
