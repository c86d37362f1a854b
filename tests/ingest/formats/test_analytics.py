"""Twitter Analytics tweet-activity reader: the rOpenSci exports and small files of our own."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest

from pilot_eval.ingest import formats
from pilot_eval.ingest.base import ReadContext, read_head
from pilot_eval.ingest.formats import analytics, archive, datecount, twarc2, twarc_csv

HEADER = [
    "Tweet id",
    "Tweet permalink",
    "Tweet text",
    "time",
    "impressions",
    "engagements",
    "engagement rate",
    "retweets",
    "replies",
    "likes",
    "user profile clicks",
    "promoted impressions",
]
OLD_2016 = "tweet_activity_metrics_rOpenSci_20161201_20170101_en.csv"
NEW_2021 = "tweet_activity_metrics_rOpenSci_20211201_20220101_en.csv"


def _ctx(registry, root: Path, **kw) -> ReadContext:
    return ReadContext(registry=registry, root=root, **kw)


def _row(
    tid: str, text: str, time: str = "2014-01-14 09:30 +0000", handle: str = "PNationale44"
) -> list:
    link = f"https://twitter.com/{handle}/status/{tid}"
    return [tid, link, text, time, "1938.0", "18.0", "0.0093", "2.0", "1.0", "3.0", "0.0", "-"]


def _write(path: Path, rows: list[list], header=HEADER) -> Path:
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(out.getvalue())
    return path


# ---------------------------------------------------------------- shared fixtures


def test_rOpenSci_2016_export(shared_fixtures, registry):
    when = datetime(2017, 1, 2, tzinfo=UTC)
    path = shared_fixtures / "analytics" / OLD_2016
    result = analytics.READER.read(path, _ctx(registry, shared_fixtures, collected_at=when))
    tweets = result.tweets.set_index("tweet_id")
    assert len(tweets) == 37 and result.rejects.empty
    first = tweets.loc[812369747765362688]
    assert first.handle == "rOpenSci"
    assert first.created_at == pd.Timestamp("2016-12-23 18:50", tz="UTC")
    assert (first.impressions, first.interactions) == (1938, 18)
    assert (first.retweet_count, first.reply_count, first.like_count) == (0, 0, 1)
    assert pd.isna(first.quote_count)
    assert list(first.hashtags) == ["rstats"]
    assert (tweets.collected_at == when).all() and (tweets.source == "analytics").all()
    assert tweets.impressions.sum() == 110828
    assert "&amp;" in tweets.loc[812341199767863296, "text"]  # the pipeline decodes entities


def test_rOpenSci_2021_export_multiline_text_and_replies(shared_fixtures, registry):
    path = shared_fixtures / "analytics" / NEW_2021
    result = analytics.READER.read(path, _ctx(registry, shared_fixtures))
    tweets = result.tweets
    assert len(tweets) == 17 and result.rejects.empty
    assert tweets.kind.value_counts().to_dict() == {"original": 15, "reply": 2}
    assert (tweets[tweets.kind == "reply"].text.str.startswith("@")).all()
    assert "\n\nSocial coworking" in tweets.set_index("tweet_id").loc[1475870580540952577, "text"]
    assert any("modification time" in n for n in result.notes)


@pytest.mark.parametrize("name", [OLD_2016, NEW_2021])
def test_detect_picks_analytics(shared_fixtures, name):
    path = shared_fixtures / "analytics" / name
    assert formats.detect(path) is analytics.READER
    head = read_head(path)
    assert not any(m.READER.sniff(head, path) for m in (twarc2, twarc_csv, archive, datecount))


def test_sniff_refuses_other_fixtures(shared_fixtures):
    for path in sorted(shared_fixtures.rglob("*")):
        if path.is_file() and not path.name.startswith("tweet_activity_metrics"):
            assert not analytics.READER.sniff(read_head(path), path), path


# ---------------------------------------------------------------- our own files


def test_kinds_from_text_and_favorites_column(tmp_path, registry):
    header = [h if h != "likes" else "favorites" for h in HEADER]
    rows = [
        _row("1", "Conseils #cambriolage"),
        _row("2", "@someone merci @pnationale"),
        _row("3", "RT @pnationale: Attention"),
    ]
    path = _write(tmp_path / "a.csv", rows, header)
    tweets = analytics.READER.read(path, _ctx(registry, tmp_path)).tweets.set_index("tweet_id")
    assert list(tweets.kind) == ["original", "reply", "retweet"]
    assert tweets.loc[2, "reply_to"] == "someone"
    assert list(tweets.loc[2, "mentions"]) == ["someone", "pnationale"]
    assert tweets.loc[3, "retweet_of"] == "pnationale"
    assert (tweets.like_count == 3).all()
    assert tweets.loc[1, "created_at"] == datetime(2014, 1, 14, 9, 30, tzinfo=UTC)


def test_bad_rows_are_rejects(tmp_path, registry):
    rows = [
        _row("1", "ok"),
        _row("6.49E+17", "mangled id"),
        _row("3", "bad time", time="01-14-2014 0:00"),
        _row("4", "no handle")[:1] + ["https://example.org/x"] + _row("4", "no handle")[2:],
        _row("7", "cut after the engagements")[:6],  # a row cut short: not null counts
    ]
    path = _write(tmp_path / "a.csv", rows)
    with open(path, "a") as fh:
        fh.write('"5","https://twitter.com/PNationale44/status/5"\n')  # truncated row
    result = analytics.READER.read(path, _ctx(registry, tmp_path))
    assert list(result.tweets.tweet_id) == [1]
    reasons = result.rejects.set_index("line").reason
    assert list(reasons.index) == [3, 4, 5, 6, 7]
    assert "bad tweet id" in reasons[3] and "bad time" in reasons[4]
    assert "permalink" in reasons[5] and "truncated" in reasons[6] and "truncated" in reasons[7]


def test_an_id_or_count_beyond_64_bits_is_one_reject(tmp_path, registry):
    big = str(2**64)
    rows = [_row("1", "ok"), _row(big, "huge id"), _row("3", "huge count")]
    rows[2][4] = "99999999999999999999"  # impressions
    result = analytics.READER.read(_write(tmp_path / "a.csv", rows), _ctx(registry, tmp_path))
    assert list(result.tweets.tweet_id) == [1]
    assert list(result.rejects.line) == [3, 4]


def test_time_parser():
    assert analytics.analytics_time("2014-01-14 09:30 +0100") == datetime(
        2014, 1, 14, 8, 30, tzinfo=UTC
    )


def test_duplicated_rows_count_once(tmp_path, registry):
    path = _write(tmp_path / "a.csv", [_row("1", "ok"), _row("1", "ok"), _row("2", "deux")])
    result = analytics.READER.read(path, _ctx(registry, tmp_path))
    assert sorted(result.tweets.tweet_id) == [1, 2] and result.rejects.empty
    assert "a.csv: 1 rows repeat the id of an earlier row: the last kept" in result.notes


def test_a_missing_count_column_is_said_in_the_notes(tmp_path, registry):
    header = [h for h in HEADER if h != "retweets"]
    rows = [[c for h, c in zip(HEADER, _row("1", "ok"), strict=True) if h != "retweets"]]
    result = analytics.READER.read(
        _write(tmp_path / "a.csv", rows, header), _ctx(registry, tmp_path)
    )
    assert result.tweets["retweet_count"].isna().all() and result.tweets["like_count"].tolist() == [
        3
    ]
    assert "a.csv: no column retweets: those counts are null" in result.notes


def test_daily_export_is_recognised_and_gives_nothing(tmp_path, registry):
    path = tmp_path / "daily.csv"
    path.write_text(
        '"Date","Tweets published","impressions","engagements"\n"2014-01-14","3","900.0","20.0"\n'
    )
    assert formats.detect(path) is analytics.READER
    result = analytics.READER.read(path, _ctx(registry, tmp_path))
    assert result.tweets.empty and result.rejects.empty and "daily" in result.notes[0]
