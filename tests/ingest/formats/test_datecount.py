"""date,count / memento / manual follower log reader."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest

from pilot_eval.ingest import formats
from pilot_eval.ingest.base import ReadContext, read_head
from pilot_eval.ingest.formats import analytics, archive, datecount, twarc2, twarc_csv

FCH = ("followers", "FollowerCountHistory_twitter_example.csv")
LOG = ("analytics", "twitter_metrics_monthly_rOpenSci.csv")


def _ctx(registry, root: Path, **kw) -> ReadContext:
    return ReadContext(registry=registry, root=root, **kw)


# ---------------------------------------------------------------- shared fixtures


def test_follower_count_history_with_handle(shared_fixtures, registry):
    path = shared_fixtures.joinpath(*FCH)
    result = datecount.READER.read(path, _ctx(registry, shared_fixtures, handle="policia"))
    snaps = result.followers
    assert len(snaps) == 112 and result.rejects.empty
    assert set(snaps.handle) == {"policia"} and (snaps.source == "datecount").all()
    first = snaps.iloc[0]
    assert first.observed_at == pd.Timestamp("2007-10-04 00:00", tz="UTC")  # bare date: 00:00 UTC
    assert first.followers == 6656
    assert pd.isna(first.following) and pd.isna(first.tweets)
    jan = snaps.set_index("observed_at").loc[pd.Timestamp("2014-01-01", tz="UTC")]
    assert jan.followers == 28042759


def test_follower_count_history_without_handle_is_rejected(shared_fixtures, registry):
    path = shared_fixtures.joinpath(*FCH)
    result = datecount.READER.read(path, _ctx(registry, shared_fixtures))
    assert result.followers.empty
    assert len(result.rejects) == 112
    assert (result.rejects.reason == datecount.NO_HANDLE).all()
    assert "--handle" in datecount.NO_HANDLE
    assert result.rejects.line.iloc[0] == 2 and result.rejects.raw.iloc[0] == "2007-10-04,6656"


def test_manual_monthly_log(shared_fixtures, registry):
    path = shared_fixtures.joinpath(*LOG)
    result = datecount.READER.read(path, _ctx(registry, shared_fixtures, handle="rOpenSci"))
    snaps = result.followers.set_index("observed_at")
    assert len(snaps) == 49  # 72 rows, 23 with NA followers: rejects, with their line
    assert len(result.rejects) == 23
    assert result.rejects.reason.str.contains("no follower count").all()
    assert snaps.loc[pd.Timestamp("2022-01-03", tz="UTC"), "followers"] == 33464
    assert pd.isna(snaps.tweets).all()  # "tweets" there is tweets per month, not a profile count


@pytest.mark.parametrize("parts", [FCH, LOG])
def test_detect_picks_datecount(shared_fixtures, parts):
    path = shared_fixtures.joinpath(*parts)
    assert formats.detect(path) is datecount.READER
    head = read_head(path)
    assert not any(m.READER.sniff(head, path) for m in (twarc2, twarc_csv, archive, analytics))


def test_sniff_refuses_other_fixtures(shared_fixtures):
    for path in sorted(shared_fixtures.rglob("*")):
        if path.is_file() and path.name not in (FCH[1], LOG[1]):
            assert not datecount.READER.sniff(read_head(path), path), path


# ---------------------------------------------------------------- our own files


def test_handle_from_file_name(tmp_path, registry):
    path = tmp_path / "followers_PNATIONALE06.csv"
    path.write_text("date,count\n2014-01-14,326\n2014-02-04,410\n")
    result = datecount.READER.read(path, _ctx(registry, tmp_path))
    assert set(result.followers.handle) == {"pnationale06"}  # as the registry writes it
    assert list(result.followers.followers) == [326, 410]


def test_the_file_name_wins_over_the_handle_option(tmp_path, registry):
    """``--handle`` is for files that do not name their account: a run that gives it
    for an archive must not move a named follower history to that account (review)."""
    path = tmp_path / "followers_pnationale06.csv"
    path.write_text("date,count\n2014-01-14,285\n2014-01-20,400\n")
    result = datecount.READER.read(path, _ctx(registry, tmp_path, handle="pnationale67"))
    assert set(result.followers.handle) == {"pnationale06"}
    assert any("pnationale67" in n and "pnationale06" in n for n in result.notes)


def test_file_name_match_is_not_a_prefix(tmp_path, registry):
    assert datecount.handle_in_name(tmp_path / "pnationale_counts.csv", registry) == "pnationale"
    assert (
        datecount.handle_in_name(tmp_path / "history_pnationale06.csv", registry) == "pnationale06"
    )
    assert datecount.handle_in_name(tmp_path / "pnationale067.csv", registry) is None


def test_memento_form(tmp_path, registry):
    path = tmp_path / "mementos.csv"
    path.write_text(
        "MementoDatetime,URIM,FollowerCount,AbsGrowth\n"
        "20140114090000,https://web.archive.org/web/20140114090000/https://twitter.com/pnationale06,285,0\n"
        "20140114120000,https://web.archive.org/web/20140114120000/https://twitter.com/pnationale06,326,41\n"
    )
    assert formats.detect(path) is datecount.READER
    snaps = datecount.READER.read(path, _ctx(registry, tmp_path)).followers
    assert set(snaps.handle) == {"pnationale06"}
    assert list(snaps.observed_at) == [
        pd.Timestamp("2014-01-14 09:00", tz="UTC"),
        pd.Timestamp("2014-01-14 12:00", tz="UTC"),
    ]
    assert list(snaps.followers) == [285, 326]
    # the URI-M names the account: --handle (for files that do not) does not override it
    snaps = datecount.READER.read(path, _ctx(registry, tmp_path, handle="pnationale67")).followers
    assert set(snaps.handle) == {"pnationale06"}


def test_bad_rows(tmp_path, registry):
    path = tmp_path / "c.csv"
    path.write_text(
        "date,count\n2014-01-14,326\n14/01/2014,1\n2014-01-15,beaucoup\n2014-01-16\n2014-01-17,NA\n"
    )
    result = datecount.READER.read(path, _ctx(registry, tmp_path, handle="pnationale06"))
    assert list(result.followers.followers) == [326]
    reasons = result.rejects.set_index("line").reason
    assert list(reasons.index) == [3, 4, 5, 6]
    assert "bad date" in reasons[3] and "bad count" in reasons[4] and "truncated" in reasons[5]
    # a row that records no count cannot be used: a reject too (SPEC section 4)
    assert "no follower count" in reasons[6]
    assert result.rejects.set_index("line").raw[6] == "2014-01-17,NA"


def test_timestamps_with_offset_are_kept():
    when = datecount.observation_time("2014-01-14T10:00:00+01:00", "log")
    assert when == datetime(2014, 1, 14, 9, tzinfo=UTC)


def test_followers_csv_format_is_not_ours(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text("handle,observed_at,followers\npnationale,2014-02-04T12:00:00Z,9486\n")
    assert not datecount.READER.sniff(read_head(path), path)


def test_a_repeated_date_keeps_the_last_row_and_says_so(tmp_path, registry):
    path = tmp_path / "c.csv"
    path.write_text("date,count\n2014-01-14,326\n2014-01-14,330\n2014-01-15,331\n")
    result = datecount.READER.read(path, _ctx(registry, tmp_path, handle="pnationale06"))
    assert result.followers["followers"].tolist() == [330, 331]
    assert "c.csv: 1 rows repeat the date of an earlier row: the last kept" in result.notes
