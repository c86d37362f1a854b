"""Merge rules of SPEC section 5, on frames built by hand."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd

from pilot_eval.ingest.merge import merge_follower_frames, merge_tweet_frames

T0 = datetime(2014, 1, 10, 9, 0, tzinfo=UTC)


def _t(
    tweet_id: int, collected: datetime | None, source: str = "snscrape", **fields
) -> pd.DataFrame:
    row = dict(
        tweet_id=tweet_id,
        handle="pnationale44",
        created_at=T0,
        text="texte",
        lang="fr",
        kind="original",
        retweet_count=1,
        like_count=1,
        reply_count=1,
        quote_count=0,
        source=source,
        collected_at=collected,
    )
    row.update(fields)
    return pd.DataFrame([row])


def test_latest_collection_wins_and_handle_as_in_registry(registry):
    old = _t(1, datetime(2014, 2, 1, tzinfo=UTC), retweet_count=5, handle="pnationale44")
    new = _t(1, datetime(2014, 3, 1, tzinfo=UTC), retweet_count=9, handle="PNATIONALE44")
    for frames in ([old, new], [new, old]):
        merged = merge_tweet_frames(frames, registry)
        assert len(merged) == 1
        assert merged["retweet_count"].iloc[0] == 9
        assert merged["handle"].iloc[0] == "PNationale44"
        assert bool(merged["in_registry"].iloc[0])


def test_tie_goes_to_the_file_read_last(registry):
    when = datetime(2014, 2, 1, tzinfo=UTC)
    a = _t(1, when, like_count=3)
    b = _t(1, when, like_count=4)
    assert merge_tweet_frames([a, b], registry)["like_count"].iloc[0] == 4
    assert merge_tweet_frames([b, a], registry)["like_count"].iloc[0] == 3


def test_missing_counts_stay_null(registry):
    archive = _t(
        1, datetime(2014, 3, 1, tzinfo=UTC), source="archive", reply_count=None, quote_count=None
    )
    older = _t(1, datetime(2014, 2, 1, tzinfo=UTC), reply_count=8, quote_count=2)
    merged = merge_tweet_frames([older, archive], registry)
    assert merged["reply_count"].isna().iloc[0]
    assert merged["quote_count"].isna().iloc[0]
    assert merged["source"].iloc[0] == "archive"


def test_analytics_adds_impressions_only(registry):
    sns = _t(1, datetime(2014, 2, 1, tzinfo=UTC), retweet_count=5, like_count=6)
    analytics = _t(
        1,
        datetime(2014, 4, 1, tzinfo=UTC),
        source="analytics",
        retweet_count=50,
        like_count=60,
        quote_count=None,
        impressions=1000,
        interactions=40,
    )
    older_analytics = _t(
        1, datetime(2014, 3, 1, tzinfo=UTC), source="analytics", impressions=500, interactions=20
    )
    merged = merge_tweet_frames([sns, analytics, older_analytics], registry)
    row = merged.iloc[0]
    assert (row["retweet_count"], row["like_count"]) == (5, 6)
    assert (row["impressions"], row["interactions"]) == (1000, 40)
    assert row["source"] == "snscrape"


def test_tweet_only_in_analytics_is_created(registry):
    analytics = _t(
        7,
        datetime(2014, 4, 1, tzinfo=UTC),
        source="analytics",
        retweet_count=2,
        reply_count=1,
        like_count=3,
        quote_count=None,
        impressions=300,
        interactions=12,
        handle="someone_else",
    )
    merged = merge_tweet_frames([analytics], registry).iloc[0]
    assert (merged["retweet_count"], merged["reply_count"], merged["like_count"]) == (2, 1, 3)
    assert pd.isna(merged["quote_count"])
    assert merged["impressions"] == 300
    assert merged["handle"] == "someone_else" and not merged["in_registry"]


def test_html_entities_decoded_and_missing_text_filled(registry):
    a = _t(1, datetime(2014, 2, 1, tzinfo=UTC), text="Vols &amp; cambriolages &lt;3")
    b = _t(1, datetime(2014, 3, 1, tzinfo=UTC), text=None)
    merged = merge_tweet_frames([a, b], registry)
    assert merged["text"].iloc[0] == "Vols & cambriolages <3"


def test_followers_one_row_per_handle_and_instant_last_read_wins(registry):
    at = datetime(2014, 1, 14, 8, 0, tzinfo=UTC)
    a = pd.DataFrame(
        [{"handle": "PNATIONALE06", "observed_at": at, "followers": 285, "source": "followers_csv"}]
    )
    b = pd.DataFrame(
        [
            {
                "handle": "pnationale06",
                "observed_at": at,
                "followers": 290,
                "source": "followers_csv",
            },
            {
                "handle": "unknown_user",
                "observed_at": at,
                "followers": 3,
                "source": "followers_csv",
            },
        ]
    )
    merged = merge_follower_frames([a, b], registry).set_index("handle")
    assert merged.loc["pnationale06", "followers"] == 290
    assert bool(merged.loc["pnationale06", "in_registry"])
    assert not bool(merged.loc["unknown_user", "in_registry"])
    assert len(merged) == 2


def test_unescape_matches_html_unescape(registry):
    import html

    texts = [
        "a &amp;lt; b",
        "&lt;script&gt;",
        "l&#39;été &quot;ok&quot;",
        "R&D &eacute; &#233;",
        "plain",
        "&amp;amp;",
        "x &copy 2014",
    ]
    frames = [_t(i, datetime(2014, 2, 1, tzinfo=UTC), text=t) for i, t in enumerate(texts)]
    merged = merge_tweet_frames(frames, registry)
    assert merged["text"].tolist() == [html.unescape(t) for t in texts]


def test_context_sighting_updates_when_later_never_creates(registry):
    """A nested copy (``_status`` context) updates counts only; it never creates a row."""
    feb, mar = datetime(2014, 2, 1, tzinfo=UTC), datetime(2014, 3, 1, tzinfo=UTC)
    own = _t(1, feb, retweet_count=5, handle="pnationale44", kind="original")

    def seen(when, **fields):
        return _t(1, when, handle="someone", kind="retweet", **fields).assign(_status="context")

    later = merge_tweet_frames([own, seen(mar, retweet_count=9, like_count=7)], registry)
    assert later["retweet_count"].tolist() == [9] and later["like_count"].tolist() == [7]
    assert later["collected_at"].tolist() == [pd.Timestamp(mar)]
    assert later["handle"].tolist() == ["PNationale44"] and later["kind"].tolist() == ["original"]
    jan = datetime(2014, 1, 20, tzinfo=UTC)
    for frames in ([own, seen(jan, retweet_count=1)], [seen(jan, retweet_count=1), own]):
        earlier = merge_tweet_frames(frames, registry)
        assert earlier["retweet_count"].tolist() == [5]
    assert merge_tweet_frames([seen(mar), seen(feb)], registry).empty
    one_file = pd.concat([seen(feb, retweet_count=99), own.assign(_status="tweet")])
    same_time = merge_tweet_frames([one_file], registry)
    assert same_time["retweet_count"].tolist() == [5]  # same time and file: the tweet row wins


def test_analytics_row_against_sightings_only_latest_counts_win(registry):
    """No source gives the tweet in its own right but an Analytics export: its row
    creates the tweet, and the counts are those of the latest collection, the
    Analytics row's or a later sighting's (review: an older retweeted copy won)."""
    jan, apr = datetime(2014, 1, 20, tzinfo=UTC), datetime(2014, 4, 5, tzinfo=UTC)
    sighting = _t(
        9, jan, handle="pnationale06", kind="retweet", retweet_count=3, like_count=2,
        reply_count=1, quote_count=0,
    ).assign(_status="context")  # fmt: skip
    analytics = _t(
        9, apr, source="analytics", handle="PNationale44", retweet_count=10, like_count=25,
        reply_count=4, quote_count=None, impressions=5000, interactions=60,
    )  # fmt: skip
    for frames in ([sighting, analytics], [analytics, sighting]):
        row = merge_tweet_frames(frames, registry).iloc[0]
        assert (row["retweet_count"], row["like_count"], row["reply_count"]) == (10, 25, 4)
        assert pd.isna(row["quote_count"]) and row["impressions"] == 5000
        assert row["source"] == "analytics" and row["handle"] == "PNationale44"
    later = sighting.assign(collected_at=datetime(2014, 4, 9, tzinfo=UTC))
    row = merge_tweet_frames([analytics, later], registry).iloc[0]
    assert (row["retweet_count"], row["like_count"], row["quote_count"]) == (3, 2, 0)
    assert row["impressions"] == 5000 and row["handle"] == "PNationale44"


def test_tweets_keep_input_order_with_or_without_a_merge(registry):
    """Tweets given once come out in input order (files in path order, then rows),
    then the merged tweets in the order of their first tweet row; the values of the
    tweets given once do not depend on whether another tweet was merged."""
    when = datetime(2014, 2, 1, tzinfo=UTC)
    first = pd.concat([_t(30, when), _t(10, when), _t(20, when)], ignore_index=True)
    second = pd.concat([_t(5, when), _t(40, when)], ignore_index=True)
    plain = merge_tweet_frames([first, second], registry)
    assert list(plain["tweet_id"]) == [30, 10, 20, 5, 40]
    again = pd.concat([_t(10, datetime(2014, 3, 1, tzinfo=UTC), like_count=7)])
    merged = merge_tweet_frames([first, second, again], registry)
    assert list(merged["tweet_id"]) == [30, 20, 5, 40, 10]
    assert list(merged["like_count"]) == [1, 1, 1, 1, 7]
    keep = [c for c in plain.columns if c not in ("like_count", "collected_at")]
    by_id = plain.set_index("tweet_id").loc[list(merged["tweet_id"])].reset_index()
    pd.testing.assert_frame_equal(by_id[keep], merged[keep])
    two = pd.concat([_t(99, when), _t(98, when)], ignore_index=True)
    again2 = pd.concat(
        [_t(98, datetime(2014, 3, 2, tzinfo=UTC)), _t(30, datetime(2014, 3, 1, tzinfo=UTC))]
    )
    out = merge_tweet_frames([first, two, again2], registry)
    assert list(out["tweet_id"]) == [10, 20, 99, 30, 98]  # merged: 30 read first, then 98


def test_rare_entities_take_the_general_path_with_the_same_result(registry):
    when = datetime(2014, 2, 1, tzinfo=UTC)
    frames = [_t(2, when, text="caf&eacute; &amp; co"), _t(1, when, text="A &lt; B")]
    merged = merge_tweet_frames(frames, registry)
    assert list(merged["tweet_id"]) == [2, 1]
    assert list(merged["text"]) == ["café & co", "A < B"]
