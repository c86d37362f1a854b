"""pilot-eval classify: CSV in, CSV out, clear errors."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pilot_eval.classify import classify_csv
from pilot_eval.errors import UserError


@pytest.fixture
def texts_csv(tmp_path: Path) -> Path:
    path = tmp_path / "in.csv"
    pd.DataFrame(
        {
            "id": [7, 8],
            "message": [
                "Accident sur l'A84, circulation coupée dans les deux sens, déviation par Vitré",
                "Detenido un hombre por robar en cinco farmacias de Bilbao",
            ],
            "idioma": ["fr", "es"],
            "extra": ["a", "b"],
        }
    ).to_csv(path, index=False)
    return path


def test_classify_csv_keeps_columns_and_adds_category(texts_csv: Path, tmp_path: Path):
    out = tmp_path / "out.csv"
    n = classify_csv(texts_csv, out, text_column="message", lang_column="idioma")
    assert n == 2
    result = pd.read_csv(out)
    assert list(result.columns) == [
        "id",
        "message",
        "idioma",
        "extra",
        "category",
        "cues",
        "confidence",
    ]
    assert result["category"].tolist() == ["traffic", "operations"]
    assert result["confidence"].between(0, 1).all()


def test_classify_csv_labels_win(texts_csv: Path, tmp_path: Path):
    labels = tmp_path / "labels.csv"
    labels.write_text("tweet_id,category\n8,other\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    classify_csv(texts_csv, out, text_column="message", labels=labels)
    result = pd.read_csv(out)
    assert result["category"].tolist() == ["traffic", "other"]
    assert result["cues"].iloc[1] == "manual label"


def test_missing_text_column_names_it_and_lists_the_others(texts_csv: Path, tmp_path: Path):
    with pytest.raises(
        UserError, match=r"no text column 'text' \(available columns: id, message, idioma, extra\)"
    ):
        classify_csv(texts_csv, tmp_path / "out.csv")


def test_missing_lang_column(texts_csv: Path, tmp_path: Path):
    with pytest.raises(UserError, match="no language column 'lang'"):
        classify_csv(texts_csv, tmp_path / "out.csv", text_column="message", lang_column="lang")


def test_missing_file(tmp_path: Path):
    with pytest.raises(UserError, match="not found"):
        classify_csv(tmp_path / "nope.csv", tmp_path / "out.csv")


def test_malformed_csv(tmp_path: Path):
    bad = tmp_path / "bad.csv"
    bad.write_text('text,lang\n"unterminated quote,fr\nok,fr,extra,fields\n', encoding="utf-8")
    with pytest.raises(UserError, match="malformed CSV"):
        classify_csv(bad, tmp_path / "out.csv")


def test_unreadable_files(tmp_path: Path):
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(UserError, match="empty"):
        classify_csv(empty, tmp_path / "out.csv")
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"text\n\xff\xfe\x00\x81garbage\n")
    with pytest.raises(UserError, match="not a text file"):
        classify_csv(binary, tmp_path / "out.csv")
    with pytest.raises(UserError, match="directory"):
        classify_csv(tmp_path, tmp_path / "out.csv")


def test_labels_need_an_id_column(tmp_path: Path):
    src = tmp_path / "in.csv"
    src.write_text("text\nBonjour\n", encoding="utf-8")
    labels = tmp_path / "labels.csv"
    labels.write_text("tweet_id,category\n1,other\n", encoding="utf-8")
    with pytest.raises(UserError, match="tweet_id or id column"):
        classify_csv(src, tmp_path / "out.csv", labels=labels)


def test_cli_classify(texts_csv: Path, tmp_path: Path, capsys):
    from pilot_eval.cli import main

    out = tmp_path / "cli.csv"
    code = main(
        ["classify", "--input", str(texts_csv), "--output", str(out), "--text-column", "message"]
    )
    assert code == 0
    assert pd.read_csv(out)["category"].tolist() == ["traffic", "operations"]


def test_a_french_excel_csv_semicolons_and_windows_1252(tmp_path: Path):
    """French Excel saves with ';' and, often, in Windows-1252 (review: refused)."""
    src = tmp_path / "excel.csv"
    src.write_bytes("id;texte\n1;Cambriolages : soyez vigilants, fermez à clé\n".encode("cp1252"))
    assert classify_csv(src, tmp_path / "out.csv", text_column="texte") == 1
    raw = (tmp_path / "out.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM French Excel needs to read UTF-8
    header, row = raw.decode("utf-8-sig").splitlines()
    assert header.split(";")[:2] == ["id", "texte"] and "category" in header
    assert "fermez à clé" in row

    labels = tmp_path / "labels.csv"  # the labels file, saved the same way
    labels.write_bytes("tweet_id;category;note\n1;prevention;vérifié\n".encode("cp1252"))
    assert classify_csv(src, tmp_path / "out2.csv", text_column="texte", labels=labels) == 1
    assert ";prevention;" in (tmp_path / "out2.csv").read_text(encoding="utf-8-sig")
