"""twarc2 / API v2 JSON lines reader: shared fixtures and small pages of our own."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest

from pilot_eval.ingest import formats
from pilot_eval.ingest.base import ReadContext, read_head
from pilot_eval.ingest.formats import analytics, archive, datecount, twarc2, twarc_csv

RETRIEVED = "2014-04-01T06:00:00+00:00"


def _ctx(registry, root: Path, **kw) -> ReadContext:
    return ReadContext(registry=registry, root=root, **kw)


def _user(uid: str, username: str, followers: int) -> dict:
    return {
        "id": uid,
        "username": username,
        "name": username,
        "public_metrics": {
            "followers_count": followers,
            "following_count": 10,
            "tweet_count": 100,
            "listed_count": 0,
        },
    }


def _tweet(tid: str, author: str, text: str, refs=(), **extra) -> dict:
    tweet = {
        "id": tid,
        "author_id": author,
        "text": text,
        "created_at": "2014-01-14T09:30:00.000Z",
        "lang": "fr",
        "public_metrics": {"retweet_count": 2, "reply_count": 1, "like_count": 3, "quote_count": 0},
        "edit_history_tweet_ids": [tid],
    }
    if refs:
        tweet["referenced_tweets"] = [{"type": t, "id": i} for t, i in refs]
    tweet.update(extra)
    return tweet


def _page(data, users=(), tweets=(), errors=None, retrieved=RETRIEVED) -> dict:
    page = {"data": list(data), "includes": {"users": list(users), "tweets": list(tweets)}}
    if errors:
        page["errors"] = errors
    if retrieved:
        page["__twarc"] = {
            "url": "https://api.twitter.com/2/tweets/search/all",
            "retrieved_at": retrieved,
        }
    return page


def _write(path: Path, lines: list) -> Path:
    path.write_text("".join((x if isinstance(x, str) else json.dumps(x)) + "\n" for x in lines))
    return path


PILOT = _user("10", "PNationale44", 150)
NATIONAL = _user("20", "pnationale", 7000)
STRANGER = _user("30", "someone", 12)


# ---------------------------------------------------------------- shared fixtures


def test_two_tweets_retweet(shared_fixtures, registry):
    path = shared_fixtures / "twarc2" / "two_tweets.jsonl"
    result = twarc2.READER.read(path, _ctx(registry, shared_fixtures))
    tweets = result.tweets
    assert list(tweets.tweet_id) == [1394735776701816833]
    row = tweets.iloc[0]
    assert row.handle == "LachiVeronica"
    assert row.kind == "retweet" and row.retweet_of == "bibaigna96"
    assert row.created_at == pd.Timestamp("2021-05-18 19:24:56", tz="UTC")
    assert row.collected_at == pd.Timestamp("2021-05-19 15:26:17", tz="UTC")
    assert (row.retweet_count, row.like_count, row.reply_count, row.quote_count) == (1, 0, 0, 0)
    assert list(row.hashtags) == ["POIUYTREWQ"] and list(row.mentions) == ["bibaigna96"]
    assert row.source == "twarc2"
    # the retweeted tweet (includes.tweets) is by an account outside the registry
    assert 1391677057810288641 not in set(tweets.tweet_id)
    snaps = result.followers.set_index("handle")
    assert snaps.loc["LachiVeronica", "followers"] == 0
    assert snaps.loc["bibaigna96", "followers"] == 1
    assert (snaps.observed_at == pd.Timestamp("2021-05-19 15:26:17", tz="UTC")).all()
    assert result.rejects.empty


def test_cashtags_impression_count_is_not_impressions(shared_fixtures, registry):
    path = shared_fixtures / "twarc2" / "cashtags.jsonl"
    row = twarc2.READER.read(path, _ctx(registry, shared_fixtures)).tweets.iloc[0]
    assert row.tweet_id == 1611077073803841538 and row.handle == "Trading22971312"
    assert pd.isna(row.impressions) and pd.isna(row.interactions)
    assert row.kind == "original" and row.like_count == 1
    assert row.media_count == 1
    assert list(row.urls) == ["http://go.trade-ideas.com/SHHb"]  # the photo link is dropped
    assert list(row.hashtags) == ["business", "NFT", "StockMarket", "option"]


def test_users_lookup_gives_only_snapshots(shared_fixtures, registry):
    path = shared_fixtures / "twarc2" / "users.jsonl"
    result = twarc2.READER.read(path, _ctx(registry, shared_fixtures))
    assert result.tweets.empty  # pinned tweets of strangers are context only
    assert len(result.followers) == 91  # 96 ids asked, 5 asked twice
    first = result.followers.set_index("handle").loc["DoDirty78"]
    assert (first.followers, first.following, first.tweets) == (580, 518, 55186)
    assert result.rejects.empty
    assert any("8 API error entries" in n for n in result.notes)


@pytest.mark.parametrize("name", ["two_tweets.jsonl", "cashtags.jsonl", "users.jsonl"])
def test_detect_picks_twarc2(shared_fixtures, name):
    path = shared_fixtures / "twarc2" / name
    assert formats.detect(path) is twarc2.READER
    head = read_head(path)
    others = [archive, analytics, datecount, twarc_csv]
    assert not any(m.READER.sniff(head, path) for m in others)


def test_sniff_refuses_other_fixtures(shared_fixtures):
    for path in sorted(shared_fixtures.rglob("*")):
        if path.is_file() and path.parent.name != "twarc2":
            assert not twarc2.READER.sniff(read_head(path), path), path


# ---------------------------------------------------------------- our own pages


def test_includes_tweets_are_context_not_rows(tmp_path, registry):
    """A pilot retweets @pnationale: the original is context (retweet_of, a sighting of
    its counts in ``result.context``), not a tweet row."""
    national = _tweet("200", "20", "Conseils contre les cambriolages")
    stranger = _tweet("300", "30", "question")
    page = _page(
        [
            _tweet(
                "100",
                "10",
                "RT @pnationale: Conseils contre les cambriolages",
                [("retweeted", "200")],
            ),
            _tweet(
                "101", "10", "@someone merci", [("replied_to", "300")], in_reply_to_user_id="30"
            ),
            _tweet("102", "10", "à lire", [("quoted", "200")]),
        ],
        users=[PILOT, NATIONAL, STRANGER],
        tweets=[national, stranger],
    )
    result = twarc2.READER.read(_write(tmp_path / "p.jsonl", [page]), _ctx(registry, tmp_path))
    tweets = result.tweets.set_index("tweet_id")
    assert set(tweets.index) == {100, 101, 102}
    assert tweets.loc[100, "kind"] == "retweet" and tweets.loc[100, "retweet_of"] == "pnationale"
    assert tweets.loc[101, "kind"] == "reply" and tweets.loc[101, "reply_to"] == "someone"
    assert tweets.loc[102, "kind"] == "quote" and tweets.loc[102, "quote_of"] == "pnationale"
    assert all(tweets.collected_at == datetime(2014, 4, 1, 6, tzinfo=UTC))
    assert any("context only" in note for note in result.notes)
    assert set(result.followers.handle) == {"PNationale44", "pnationale", "someone"}
    # included tweets are sightings (context), with their own author and kind
    context = result.context.set_index("tweet_id")
    assert set(context.index) == {200, 300}
    assert context.loc[200, "handle"] == "pnationale" and context.loc[200, "kind"] == "original"
    assert context.loc[200, "like_count"] == 3


def test_includes_update_a_tweet_given_elsewhere_never_create_one(tmp_path, registry):
    """An included copy collected later updates @pnationale's own row; alone, nothing."""
    from pilot_eval.ingest.merge import merge_tweet_frames

    own = _tweet("200", "20", "Conseils", public_metrics={"retweet_count": 1, "like_count": 1})
    own_page = _page([own], users=[NATIONAL], retrieved="2014-03-01T06:00:00+00:00")
    later = dict(own, public_metrics={"retweet_count": 40, "like_count": 50})
    pilot_page = _page(
        [_tweet("100", "10", "RT @pnationale: Conseils", [("retweeted", "200")])],
        users=[PILOT, NATIONAL],
        tweets=[later],
    )
    ctx = _ctx(registry, tmp_path)
    national = twarc2.READER.read(_write(tmp_path / "n.jsonl", [own_page]), ctx)
    pilot = twarc2.READER.read(_write(tmp_path / "p.jsonl", [pilot_page]), ctx)

    def frames(result):
        return [result.tweets, result.context.assign(_status="context")]

    merged = merge_tweet_frames(frames(national) + frames(pilot), registry).set_index("tweet_id")
    assert set(merged.index) == {100, 200}
    assert merged.loc[200, "retweet_count"] == 40 and merged.loc[200, "like_count"] == 50
    assert merged.loc[200, "handle"] == "pnationale" and merged.loc[200, "kind"] == "original"
    assert merged.loc[100, "kind"] == "retweet"
    alone = merge_tweet_frames(frames(pilot), registry)
    assert alone["tweet_id"].tolist() == [100]


def test_a_later_sighting_in_the_same_file_updates_the_counts(tmp_path, registry):
    """Two pages of one file: the tweet itself, then, retrieved later, a reply that
    includes it with newer counts: those win, as they would from two files (review)."""
    from pilot_eval.ingest.merge import merge_tweet_frames

    own = _tweet("800001", "10", "Conseils", public_metrics={"retweet_count": 1, "like_count": 1})
    first = _page([own], users=[PILOT], retrieved="2014-01-21T06:00:00+00:00")
    newer = dict(own, public_metrics={"retweet_count": 30, "like_count": 30})
    reply = _tweet("800002", "10", "suite", [("replied_to", "800001")])
    second = _page([reply], users=[PILOT], tweets=[newer], retrieved="2014-03-01T06:00:00+00:00")
    earlier_copy = dict(own, public_metrics={"retweet_count": 0, "like_count": 0})
    third = _page(
        [_tweet("800003", "10", "x", [("quoted", "800001")])],
        users=[PILOT],
        tweets=[earlier_copy],
        retrieved="2014-01-01T06:00:00+00:00",
    )
    result = twarc2.READER.read(
        _write(tmp_path / "one.jsonl", [first, second, third]), _ctx(registry, tmp_path)
    )
    one_file = pd.concat(
        [result.tweets.assign(_status="tweet"), result.context.assign(_status="context")]
    )
    merged = merge_tweet_frames([one_file], registry).set_index("tweet_id")
    assert (merged.loc[800001, "retweet_count"], merged.loc[800001, "like_count"]) == (30, 30)
    assert merged.loc[800001, "collected_at"] == pd.Timestamp("2014-03-01T06:00:00Z")
    assert merged.loc[800001, "kind"] == "original"


def test_a_value_of_the_wrong_type_costs_its_tweet_not_the_file(tmp_path, registry):
    """Page 2 holds a text that is a number, metrics that are text and an id over 64
    bits: those tweets are rejects; page 1 is kept (review: every page was lost)."""
    good = _page([_tweet("100", "10", "ok")], users=[PILOT])
    bad = _page(
        [
            _tweet("101", "10", 123),
            _tweet("102", "10", "x", public_metrics="x"),
            _tweet(str(2**64), "10", "too big"),
            _tweet("103", "10", "fine"),
        ],
        users=[PILOT],
    )
    result = twarc2.READER.read(_write(tmp_path / "p.jsonl", [good, bad]), _ctx(registry, tmp_path))
    assert sorted(result.tweets.tweet_id) == [100, 103]
    assert list(result.rejects.line) == [2, 2, 2]
    assert result.rejects.reason.str.startswith("unusable tweet in data").all()


def test_kind_precedence():
    assert twarc2.tweet_kind({"retweeted", "replied_to"}) == "retweet"
    assert twarc2.tweet_kind({"replied_to", "quoted"}) == "reply"
    assert twarc2.tweet_kind({"quoted"}) == "quote"
    assert twarc2.tweet_kind(set()) == "original"


def test_flattened_lines(tmp_path, registry):
    flat = _tweet("100", "10", "RT @pnationale: x", [("retweeted", "200")])
    flat["author"] = PILOT
    flat["referenced_tweets"] = [
        {"type": "retweeted", **_tweet("200", "20", "x"), "author": NATIONAL},
    ]
    flat["__twarc"] = {"retrieved_at": RETRIEVED}
    path = _write(tmp_path / "flat.jsonl", [flat])
    assert twarc2.READER.sniff(read_head(path), path)
    result = twarc2.READER.read(path, _ctx(registry, tmp_path))
    tweets = result.tweets.set_index("tweet_id")
    assert tweets.loc[100, "handle"] == "PNationale44" and tweets.loc[100, "kind"] == "retweet"
    assert tweets.loc[100, "retweet_of"] == "pnationale"
    assert 200 not in tweets.index  # the inlined original is context, not a row
    assert len(result.followers) == 2


def test_bad_lines_are_rejects_and_blank_lines_skipped(tmp_path, registry):
    good = _page([_tweet("100", "10", "ok")], users=[PILOT])
    orphan = _page([_tweet("101", "99", "who?")], users=[PILOT])
    truncated = json.dumps(_page([_tweet("102", "10", "cut")], users=[PILOT]))[:60]
    lines = [good, "", truncated, "[1, 2]", orphan, {"foo": 1}]
    path = _write(tmp_path / "bad.jsonl", lines)
    result = twarc2.READER.read(path, _ctx(registry, tmp_path))
    assert list(result.tweets.tweet_id) == [100]
    rejects = result.rejects.set_index("line")
    assert list(rejects.index) == [3, 4, 5, 6]
    assert "truncated" in rejects.loc[3, "reason"]
    assert "not a JSON object" in rejects.loc[4, "reason"]
    assert "author 99" in rejects.loc[5, "reason"]
    assert rejects.loc[3, "raw"] == truncated
    assert (result.rejects.file == "bad.jsonl").all()


def test_missing_retrieved_at_uses_collected_at(tmp_path, registry):
    page = _page([_tweet("100", "10", "ok")], users=[PILOT], retrieved=None)
    when = datetime(2014, 3, 1, 12, tzinfo=UTC)
    path = _write(tmp_path / "p.jsonl", [page])
    result = twarc2.READER.read(path, _ctx(registry, tmp_path, collected_at=when))
    assert result.tweets.collected_at.iloc[0] == when
    assert result.followers.observed_at.iloc[0] == when
    assert any("--collected-at" in n for n in result.notes)


def test_gzip(tmp_path, registry):
    page = _page([_tweet("100", "10", "ok")], users=[PILOT])
    path = tmp_path / "p.jsonl.gz"
    path.write_bytes(gzip.compress((json.dumps(page) + "\n").encode()))
    assert formats.detect(path) is twarc2.READER
    assert list(twarc2.READER.read(path, _ctx(registry, tmp_path)).tweets.tweet_id) == [100]


def test_sniff_refuses_snscrape_lines(tmp_path):
    line = {"_type": "snscrape.modules.twitter.Tweet", "id": 1, "rawContent": "x"}
    path = _write(tmp_path / "s.jsonl", [line])
    assert not twarc2.READER.sniff(read_head(path), path)


def test_pretty_printed_page(tmp_path, registry):
    page = _page([_tweet("100", "10", "ok")], users=[PILOT])
    path = tmp_path / "page.json"
    path.write_text(json.dumps(page, indent=2))
    assert formats.detect(path) is twarc2.READER
    result = twarc2.READER.read(path, _ctx(registry, tmp_path))
    assert list(result.tweets.tweet_id) == [100] and result.rejects.empty
    assert any("one JSON document" in n for n in result.notes)


def test_api_counts_page_is_rejected_not_crashing(tmp_path, registry):
    counts = {
        "data": [
            {
                "end": "2014-01-02T00:00:00.000Z",
                "start": "2014-01-01T00:00:00.000Z",
                "tweet_count": 3,
            }
        ]
    }
    path = _write(tmp_path / "counts.jsonl", [counts])
    result = twarc2.READER.read(path, _ctx(registry, tmp_path))
    assert result.tweets.empty
    assert "missing 'id'" in result.rejects.reason.iloc[0]
