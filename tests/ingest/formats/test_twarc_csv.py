"""twarc-csv flattened CSV reader: shared fixtures and small files of our own."""

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

TWEET_HEADER = [
    "id",
    "conversation_id",
    "referenced_tweets.replied_to.id",
    "referenced_tweets.retweeted.id",
    "referenced_tweets.quoted.id",
    "author_id",
    "in_reply_to_user_id",
    "in_reply_to_username",
    "retweeted_user_id",
    "retweeted_username",
    "quoted_user_id",
    "quoted_username",
    "created_at",
    "text",
    "lang",
    "public_metrics.reply_count",
    "public_metrics.retweet_count",
    "public_metrics.quote_count",
    "public_metrics.like_count",
    "entities.hashtags",
    "entities.mentions",
    "entities.urls",
    "attachments.media_keys",
    "author.id",
    "author.username",
    "author.public_metrics.followers_count",
    "author.public_metrics.following_count",
    "author.public_metrics.tweet_count",
    "__twarc.retrieved_at",
]


def _ctx(registry, root: Path, **kw) -> ReadContext:
    return ReadContext(registry=registry, root=root, **kw)


def _row(tid: str, text: str, **cells) -> dict:
    row = dict.fromkeys(TWEET_HEADER, "")
    row.update(
        {
            "id": tid,
            "author_id": "10",
            "author.id": "10",
            "author.username": "PNationale44",
            "author.public_metrics.followers_count": "150",
            "author.public_metrics.following_count": "20",
            "author.public_metrics.tweet_count": "40",
            "created_at": "2014-01-14T09:30:00.000Z",
            "text": text,
            "lang": "fr",
            "public_metrics.reply_count": "1",
            "public_metrics.retweet_count": "2",
            "public_metrics.quote_count": "0",
            "public_metrics.like_count": "3",
            "__twarc.retrieved_at": "2014-04-01T06:00:00+00:00",
        }
    )
    row.update(cells)
    return row


def _write(path: Path, rows: list[dict], header=TWEET_HEADER) -> Path:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue())
    return path


# ---------------------------------------------------------------- shared fixtures


def test_two_tweets_csv_retweet(shared_fixtures, registry):
    path = shared_fixtures / "twarc2" / "derived" / "two_tweets.csv"
    result = twarc_csv.READER.read(path, _ctx(registry, shared_fixtures))
    row = result.tweets.iloc[0]
    assert row.tweet_id == 1394735776701816833 and row.handle == "LachiVeronica"
    assert row.kind == "retweet" and row.retweet_of == "bibaigna96"
    # twarc-csv replaced the text and counts by the retweeted tweet's
    assert row.text == "RT @bibaigna96: #POIUYTREWQ"
    assert pd.isna(row.retweet_count) and pd.isna(row.like_count)
    assert list(row.hashtags) == ["POIUYTREWQ"] and list(row.mentions) == ["bibaigna96"]
    assert row.created_at == pd.Timestamp("2021-05-18 19:24:56", tz="UTC")
    assert row.collected_at == pd.Timestamp("2021-05-19 15:26:17", tz="UTC")
    snap = result.followers.iloc[0]
    assert (snap.handle, snap.followers, snap.following, snap.tweets) == ("LachiVeronica", 0, 4, 2)
    assert result.rejects.empty


def test_cashtags_csv(shared_fixtures, registry):
    path = shared_fixtures / "twarc2" / "derived" / "cashtags.csv"
    row = twarc_csv.READER.read(path, _ctx(registry, shared_fixtures)).tweets.iloc[0]
    assert row.tweet_id == 1611077073803841538 and row.kind == "original"
    assert (row.retweet_count, row.like_count, row.reply_count, row.quote_count) == (0, 1, 0, 0)
    assert pd.isna(row.impressions)  # public_metrics.impression_count is not Analytics'
    assert list(row.hashtags) == ["business", "NFT", "StockMarket", "option"]
    assert list(row.urls) == ["http://go.trade-ideas.com/SHHb"]
    assert row.media_count == 1
    assert "\nVia:- https://t.co/H8r2bJrh4i" in row.text  # newlines restored


def test_users_csv(shared_fixtures, registry):
    path = shared_fixtures / "twarc2" / "derived" / "users_first10.csv"
    result = twarc_csv.READER.read(path, _ctx(registry, shared_fixtures))
    assert result.tweets.empty
    assert len(result.followers) == 10
    first = result.followers.iloc[0]
    assert (first.handle, first.followers, first.following, first.tweets) == (
        "DoDirty78",
        580,
        518,
        55186,
    )
    assert first.observed_at == pd.Timestamp("2021-10-23 19:36:18", tz="UTC")


@pytest.mark.parametrize("name", ["two_tweets.csv", "cashtags.csv", "users_first10.csv"])
def test_detect_picks_twarc_csv(shared_fixtures, name):
    path = shared_fixtures / "twarc2" / "derived" / name
    assert formats.detect(path) is twarc_csv.READER
    head = read_head(path)
    assert not any(m.READER.sniff(head, path) for m in (twarc2, archive, analytics, datecount))


def test_sniff_refuses_other_fixtures(shared_fixtures):
    for path in sorted(shared_fixtures.rglob("*")):
        if path.is_file() and path.parent.name != "derived":
            assert not twarc_csv.READER.sniff(read_head(path), path), path


# ---------------------------------------------------------------- our own files


def test_kinds_and_references(tmp_path, registry):
    rows = [
        _row("1", "Conseils", **{"entities.hashtags": '["#cambriolage"]'}),
        _row(
            "2",
            "@someone merci",
            **{
                "referenced_tweets.replied_to.id": "9",
                "in_reply_to_username": "someone",
                "entities.mentions": '["@someone"]',
            },
        ),
        _row(
            "3", "à lire", **{"referenced_tweets.quoted.id": "8", "quoted_username": "pnationale"}
        ),
        _row(
            "4",
            "RT @pnationale: déjà préfixé",
            **{"referenced_tweets.retweeted.id": "7", "retweeted_username": "pnationale"},
        ),
    ]
    result = twarc_csv.READER.read(_write(tmp_path / "t.csv", rows), _ctx(registry, tmp_path))
    tweets = result.tweets.set_index("tweet_id")
    assert list(tweets.kind) == ["original", "reply", "quote", "retweet"]
    assert list(tweets.loc[1, "hashtags"]) == ["cambriolage"]
    assert tweets.loc[2, "reply_to"] == "someone" and list(tweets.loc[2, "mentions"]) == ["someone"]
    assert tweets.loc[3, "quote_of"] == "pnationale"
    assert tweets.loc[4, "text"] == "RT @pnationale: déjà préfixé"  # not prefixed twice
    assert tweets.loc[1, "like_count"] == 3 and tweets.loc[1, "reply_count"] == 1
    assert tweets.loc[1, "created_at"] == datetime(2014, 1, 14, 9, 30, tzinfo=UTC)
    assert len(result.followers) == 1  # one author, one retrieval time


def test_a_tweet_given_twice_keeps_its_latest_retrieval(tmp_path, registry):
    """Rows of the same tweet from two retrievals: the latest's counts, whatever the
    row order (review: the last row won)."""
    newer = _row(
        "700001",
        "x",
        **{
            "public_metrics.retweet_count": "9",
            "__twarc.retrieved_at": "2014-03-01T06:00:00+00:00",
        },
    )
    older = _row("700001", "x", **{"public_metrics.retweet_count": "1",
                                   "__twarc.retrieved_at": "2014-01-21T06:00:00+00:00"})  # fmt: skip
    for rows in ([newer, older], [older, newer]):
        result = twarc_csv.READER.read(_write(tmp_path / "t.csv", rows), _ctx(registry, tmp_path))
        assert result.tweets["retweet_count"].tolist() == [9]
        assert result.tweets["collected_at"].tolist() == [datetime(2014, 3, 1, 6, tzinfo=UTC)]


def test_bad_rows_are_rejects(tmp_path, registry):
    path = _write(
        tmp_path / "t.csv",
        [_row("1", "ok"), _row("x2", "bad id"), _row("3", "bad", created_at="hier")],
    )
    with open(path, "a") as fh:
        fh.write("4,4,,,\n")  # truncated row
    result = twarc_csv.READER.read(path, _ctx(registry, tmp_path))
    assert list(result.tweets.tweet_id) == [1]
    rejects = result.rejects.set_index("line")
    assert list(rejects.index) == [3, 4, 5]
    assert "truncated" in rejects.loc[5, "reason"]
    assert rejects.loc[5, "raw"] == "4,4,,,"


def test_missing_retrieved_at_falls_back_to_mtime(tmp_path, registry):
    path = _write(tmp_path / "t.csv", [_row("1", "ok", **{"__twarc.retrieved_at": ""})])
    result = twarc_csv.READER.read(path, _ctx(registry, tmp_path))
    mtime = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
    assert result.tweets.collected_at.iloc[0] == pd.Timestamp(mtime)
    assert any("modification time" in n for n in result.notes)
