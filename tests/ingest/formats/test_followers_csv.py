"""Follower snapshots CSV reader."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pilot_eval.ingest.base import ReadContext
from pilot_eval.ingest.formats import detect
from pilot_eval.ingest.formats.followers_csv import READER


def _write_and_read(tmp_path: Path, registry, text: str):
    """``text`` written to ``f.csv`` and read: (path, ReadResult)."""
    path = tmp_path / "f.csv"
    path.write_text(text, encoding="utf-8")
    return path, READER.read(path, ReadContext(registry=registry, root=tmp_path))


def test_reads_any_column_order_and_rejects_bad_rows(tmp_path, registry):
    path, result = _write_and_read(
        tmp_path,
        registry,
        "observed_at,followers,handle,note,following\n"
        "2014-01-14T09:00:00+01:00,285,pnationale06,x,10\n"
        "2014-01-14T12:00:00Z,326,@pnationale06,,\n"
        "2014-01-14T13:00:00,330,pnationale06,,\n"
        "not a date,330,pnationale06,,\n"
        "2014-01-15T00:00:00Z,-3,pnationale06,,\n"
        "2014-01-15T00:00:00Z,many,pnationale06,,\n"
        "\n",
    )
    assert detect(path) is READER
    f = result.followers
    assert f["followers"].tolist() == [285, 326]
    assert f["handle"].tolist() == ["pnationale06", "pnationale06"]
    assert f["observed_at"].tolist() == [
        pd.Timestamp("2014-01-14 08:00", tz="UTC"),
        pd.Timestamp("2014-01-14 12:00", tz="UTC"),
    ]
    assert f["following"].tolist()[0] == 10
    reasons = dict(zip(result.rejects["line"], result.rejects["reason"], strict=True))
    assert reasons == {4: "bad date", 5: "bad date", 6: "bad count", 7: "bad count"}


def test_other_csv_is_not_followers(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("city,population\nNantes,300000\n", encoding="utf-8")
    assert not READER.sniff(path.read_bytes(), path)


def test_row_without_optional_trailing_fields_is_accepted(tmp_path, registry):
    path, result = _write_and_read(
        tmp_path,
        registry,
        "handle,observed_at,followers,following,tweets\n"
        "pnationale06,2014-01-14T09:00:00+01:00,285\n"
        "pnationale06,2014-01-14T10:00:00+01:00,286,12\n"
        "pnationale06,2014-01-14T11:00:00+01:00,287,13,40\n"
        "pnationale06,2014-01-14T12:00:00+01:00\n",
    )
    f = result.followers
    assert f["followers"].tolist() == [285, 286, 287]
    assert [None if pd.isna(v) else int(v) for v in f["following"]] == [None, 12, 13]
    assert [None if pd.isna(v) else int(v) for v in f["tweets"]] == [None, None, 40]
    assert result.rejects["reason"].tolist() == ["missing columns"]
    assert result.rejects["line"].tolist() == [5]


def test_a_reject_gives_the_first_line_of_its_record_and_its_raw_text(tmp_path, registry):
    """A stray quote makes one record of lines 3 to 5: rejected at line 3, as written."""
    path, result = _write_and_read(
        tmp_path,
        registry,
        "handle,observed_at,followers\n"
        'pnationale06,2014-01-14T09:00:00Z,"1234"\n'
        'pnationale06,"2014-01-15,300\n'
        "pnationale06,2014-01-16,301\n"
        "pnationale06,2014-01-17,302\n",
    )
    assert result.followers["followers"].tolist() == [1234]
    assert result.rejects["line"].tolist() == [3]
    assert result.rejects["raw"].tolist() == [
        'pnationale06,"2014-01-15,300\npnationale06,2014-01-16,301\npnationale06,2014-01-17,302'
    ]


def test_a_french_excel_csv_with_semicolons_is_read(tmp_path, registry):
    path = tmp_path / "suivi.csv"
    path.write_bytes(
        "\ufeffhandle;observed_at;followers\r\n"
        "pnationale06;2014-01-15T09:00:00+01:00;1 400\r\n".encode("utf-8")
    )
    assert detect(path) is READER
    result = READER.read(path, ReadContext(registry=registry, root=tmp_path))
    assert result.followers["followers"].tolist() == [1400] and result.rejects.empty


def test_a_row_with_more_cells_than_the_header_is_a_reject(tmp_path, registry):
    """An extra cell (a comma inside a value, a shifted row) is not silently dropped."""
    _, result = _write_and_read(
        tmp_path,
        registry,
        "handle,observed_at,followers\n"
        "pnationale,2014-02-04T12:00:00Z,9486\n"
        "pnationale,2014-02-05T12:00:00Z,9,500\n"
        "pnationale,2014-02-06T12:00:00Z,99999999999999999999\n",
    )
    assert list(result.followers.followers) == [9486]
    assert list(result.rejects.line) == [3, 4]
    assert "4 cells where the header has 3" in result.rejects.reason.iloc[0]
