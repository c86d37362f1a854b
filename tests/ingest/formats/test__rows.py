"""Helpers shared by the twarc2, twarc-csv, archive, Analytics and date,count readers,
and the faults every one of them must survive (files of another kind, encodings, gzip)."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pilot_eval.ingest import formats
from pilot_eval.ingest.base import ReadContext, read_head
from pilot_eval.ingest.formats import _rows, analytics, archive, datecount, twarc2, twarc_csv

MINE = (twarc2, twarc_csv, archive, analytics, datecount)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


def test_to_int():
    assert _rows.to_int("12") == 12
    assert _rows.to_int("1938.0") == 1938
    assert _rows.to_int(7) == 7
    assert _rows.to_int("") is None and _rows.to_int("-") is None and _rows.to_int("NA") is None
    with pytest.raises(ValueError):
        _rows.to_int("2.5")
    with pytest.raises(ValueError):
        _rows.to_int("beaucoup")


def test_to_int_reads_french_spreadsheet_counts_and_refuses_negative_ones():
    assert _rows.to_int("1 234") == 1234
    assert _rows.to_int("1\u00a0234\u202f567") == 1234567
    assert _rows.to_int("1234,0") == 1234
    # thousands commas (review: "1,000" was read as the decimal 1,000 = 1)
    assert _rows.to_int("1,000") == 1000 and _rows.to_int("12,345,678") == 12345678
    for bad in ("-3", -3, "1,5", "12,5", "1,23", "1 23", "12 34"):
        with pytest.raises(ValueError):
            _rows.to_int(bad)


def test_a_semicolon_csv_is_split_on_semicolons():
    text = "handle;observed_at;followers\npnationale06;2014-01-15T09:00:00+01:00;1 400\n"
    assert _rows.csv_header(text.encode()) == ["handle", "observed_at", "followers"]
    assert list(_rows.csv_records(text)) == [
        (2, ["pnationale06", "2014-01-15T09:00:00+01:00", "1 400"], text.splitlines()[1])
    ]
    assert _rows.csv_header(b"date,count;x\n") == ["date", "count;x"]


def test_utc_from_iso():
    assert _rows.utc_from_iso("2021-05-18T19:24:56.000Z") == datetime(
        2021, 5, 18, 19, 24, 56, tzinfo=UTC
    )
    assert _rows.utc_from_iso("2014-01-14T10:00:00+01:00") == datetime(2014, 1, 14, 9, tzinfo=UTC)
    with pytest.raises(ValueError):
        _rows.utc_from_iso("2014-01-14T10:00:00")  # no offset: which clock?


def test_text_helpers():
    assert _rows.retweeted_handle("RT @pnationale: Attention") == "pnationale"
    assert _rows.retweeted_handle("Merci RT @pnationale") is None
    assert _rows.leading_mention(".@policia bravo") == "policia"
    assert _rows.hashtags_in("Conseils #cambriolage et #vacances, pas &#39;") == [
        "cambriolage",
        "vacances",
    ]
    assert _rows.mentions_in("merci @PNationale44 et a@b.fr") == ["PNationale44"]


def test_csv_records_count_physical_lines():
    text = 'a,b\n1,"deux\nlignes"\n\n3,x\n'
    records = list(_rows.csv_records(text))
    assert [(line, cells) for line, cells, _ in records] == [
        (2, ["1", "deux\nlignes"]),
        (5, ["3", "x"]),
    ]
    assert records[0][2] == '1,"deux\nlignes"'


def test_read_text_falls_back_to_windows_1252(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes("date,count\n2014-01-14,326\n# Alpes-Maritimes é\n".encode("cp1252"))
    text, note = _rows.read_text(path)
    assert "Alpes-Maritimes é" in text and "Windows-1252" in note


def test_frame_types_rows_as_the_schema():
    frame = _rows.frame([{"tweet_id": 1, "kind": "original", "unknown": "ignored"}], "tweets")
    assert str(frame.tweet_id.dtype) == "Int64" and frame.like_count.isna().all()
    assert "unknown" not in frame.columns


def test_check_row_refuses_values_the_table_cannot_hold():
    """One bad value must cost one reject, not the whole file (review: an id over
    2**63, a number as text, a huge count sank every row of their files)."""
    good = {"tweet_id": 1, "text": "x", "hashtags": ["a"], "like_count": 3,
            "created_at": datetime(2014, 1, 1, tzinfo=UTC)}  # fmt: skip
    _rows.check_row(good, "tweets")
    for bad, word in (
        ({"tweet_id": 2**63}, "tweet_id"),
        ({"like_count": 10**20}, "like_count"),
        ({"text": 123}, "text"),
        ({"hashtags": "a"}, "hashtags"),
        ({"hashtags": [1]}, "hashtags"),
        ({"like_count": True}, "like_count"),
        ({"created_at": "2014-01-01"}, "created_at"),
    ):
        with pytest.raises(ValueError, match=word):
            _rows.check_row({**good, **bad}, "tweets")
    with pytest.raises(ValueError, match="followers"):
        _rows.check_row({"handle": "x", "followers": 10**20}, "followers")


def test_to_int_refuses_counts_beyond_64_bits():
    with pytest.raises(ValueError, match="too large"):
        _rows.to_int("99999999999999999999")


def test_csv_records_take_very_long_cells():
    text = "a,b\n1," + "x" * 200_000 + "\n"
    (record,) = list(_rows.csv_records(text))
    assert len(record[1][1]) == 200_000


def test_files_of_another_kind_are_nobodys(tmp_path):
    png = tmp_path / "logo.csv"
    png.write_bytes(PNG)
    other_csv = tmp_path / "budget.csv"
    other_csv.write_text("poste,montant\nformation,1200\n")
    json_other = tmp_path / "x.jsonl"
    json_other.write_text('{"name": "a", "value": 1}\n')
    for path in (png, other_csv, json_other):
        head = read_head(path)
        assert not any(m.READER.sniff(head, path) for m in MINE), path


def test_gzipped_csv_and_wrong_encoding(tmp_path, registry):
    path = tmp_path / "followers_pnationale06.csv.gz"
    path.write_bytes(
        gzip.compress("date,count\n2014-01-14,326\n".encode("cp1252") + b"2014-01-15,\xe9\n")
    )
    assert formats.detect(path) is datecount.READER
    result = datecount.READER.read(path, ReadContext(registry=registry, root=tmp_path))
    assert list(result.followers.followers) == [326]
    assert len(result.rejects) == 1 and "bad count" in result.rejects.reason.iloc[0]
    assert any("Windows-1252" in n for n in result.notes)


def test_empty_after_header(tmp_path, registry):
    for module, header in ((analytics, analytics.SIGNATURE), (datecount, ("date", "count"))):
        path = Path(tmp_path / f"{module.NAME}.csv")
        path.write_text(",".join(header) + ",impressions\n")
        result = module.READER.read(path, ReadContext(registry=registry, root=tmp_path))
        assert result.tweets.empty and result.followers.empty and result.rejects.empty


def test_every_shared_fixture_of_ours_conforms_to_the_schema(shared_fixtures, registry):
    """What the pipeline does with a ReadResult: schema.conform on each frame."""
    from pilot_eval.schema import conform

    ctx = ReadContext(registry=registry, root=shared_fixtures, handle="pnationale06")
    read = 0
    for path in sorted(shared_fixtures.rglob("*")):
        reader = formats.detect(path) if path.is_file() else None
        if reader is None or reader.name not in {m.NAME for m in MINE}:
            continue
        result = reader.read(path, ctx)
        for name in ("tweets", "followers", "rejects"):
            table = conform(getattr(result, name), name)
            assert table.num_columns > 0
        assert set(result.tweets.source.dropna()) <= {reader.name}
        read += 1
    assert (
        read == 12
    )  # 3 twarc2, 3 twarc-csv, 2 archive (tweets + README), 2 analytics, 2 datecount
