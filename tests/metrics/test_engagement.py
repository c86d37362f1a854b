from datetime import date

import numpy as np
import pytest

from pilot_eval.metrics.engagement import (
    engagement,
    engagement_set,
    impression_rate,
    missing_counts,
    period_tweets,
    tweet_engagement,
)

from .conftest import make_table, tweet

START, END = date(2013, 12, 23), date(2014, 3, 31)


def test_null_counts_are_left_out_of_the_sum():
    t = make_table(
        "tweets",
        [
            tweet(
                1,
                "a",
                "2014-01-01T00:00Z",
                retweet_count=2,
                like_count=5,
                reply_count=None,
                quote_count=None,
            ),
            tweet(
                2,
                "a",
                "2014-01-01T00:00Z",
                retweet_count=None,
                like_count=None,
                reply_count=None,
                quote_count=None,
            ),
            tweet(
                3,
                "a",
                "2014-01-01T00:00Z",
                retweet_count=1,
                like_count=1,
                reply_count=1,
                quote_count=1,
            ),
        ],
    )
    got = engagement(t).to_numpy()
    assert got[0] == 7 and np.isnan(got[1]) and got[2] == 4
    assert missing_counts(t) == {
        "retweet_count": 1,
        "like_count": 1,
        "reply_count": 2,
        "quote_count": 2,
    }


def test_impression_rate_only_where_impressions_positive():
    t = make_table(
        "tweets",
        [
            tweet(1, "a", "2014-01-01T00:00Z", impressions=200, interactions=10),
            tweet(2, "a", "2014-01-01T00:00Z", impressions=0, interactions=0),
            tweet(3, "a", "2014-01-01T00:00Z"),
        ],
    )
    got = impression_rate(t).to_numpy()
    assert got[0] == 5.0 and np.isnan(got[1]) and np.isnan(got[2])


def test_period_boundaries_in_paris_time_and_effective_start(tiny_registry):
    t = make_table(
        "tweets",
        [
            tweet(1, "PNationale44", "2013-12-22T22:59Z"),  # 23:59 Paris on 22 Dec: out
            tweet(2, "PNationale44", "2013-12-22T23:00Z"),  # 00:00 Paris on 23 Dec: in
            tweet(3, "PNationale44", "2014-03-31T21:59Z"),  # 23:59 Paris (summer time): in
            tweet(4, "PNationale44", "2014-03-31T23:30Z"),  # 1 April in Paris: out
            tweet(5, "pnationale06", "2014-01-12T22:59Z"),  # before its opening: out
            tweet(6, "PNATIONALE06", "2014-01-12T23:00Z"),  # opening day, any case: in
            tweet(7, "pnationale86", "2014-01-15T12:00Z"),  # impostor: out
            tweet(8, "stranger", "2014-01-15T12:00Z"),  # not in the registry: out
        ],
    )
    got = period_tweets(t, tiny_registry, START, END)
    assert sorted(got["tweet_id"]) == [2, 3, 6]
    assert set(got["handle"]) == {"PNationale44", "pnationale06"}


def test_retweets_excluded_from_the_engagement_set(tiny_registry):
    t = make_table(
        "tweets",
        [
            tweet(1, "pnationale", "2014-01-15T12:00Z", "retweet", like_count=100),
            tweet(2, "pnationale", "2014-01-15T13:00Z", "reply", like_count=3),
        ],
    )
    eset = engagement_set(t, tiny_registry, START, END)
    assert list(eset["tweet_id"]) == [2] and list(eset["engagement"]) == [3.0]


def test_tweet_engagement_rate_local_time_and_media(tiny_registry):
    t = make_table(
        "tweets",
        [
            tweet(1, "pnationale", "2014-01-15T12:00Z", like_count=10, media_count=1),
            tweet(2, "policia", "2014-03-31T21:30Z", like_count=20),  # 23:30 in Madrid
            tweet(3, "policia", "2014-01-01T00:00Z", like_count=20),  # no followers known
        ],
    )
    fol = make_table(
        "followers",
        [
            {"handle": "pnationale", "observed_at": "2014-01-15T12:00Z", "followers": 1000},
            {"handle": "policia", "observed_at": "2014-03-31T00:00Z", "followers": 4000},
        ],
    )
    out = tweet_engagement(t, fol, tiny_registry, START, END).set_index("tweet_id")
    assert out.loc[1, "engagement_rate_pct"] == pytest.approx(1.0)
    assert out.loc[1, "media"] and not out.loc[2, "media"]
    assert (out.loc[1, "weekday"], out.loc[1, "hour"]) == (2, 13)  # Wednesday 13:00 Paris
    assert (out.loc[2, "weekday"], out.loc[2, "hour"]) == (0, 23)  # Monday 23:30 Madrid
    assert out.loc[2, "engagement_rate_pct"] == pytest.approx(0.5)
    assert np.isnan(out.loc[3, "followers_at"]) and np.isnan(out.loc[3, "engagement_rate_pct"])
    assert out.loc[1, "role"] == "national"
