from datetime import date

import pandas as pd

from pilot_eval.metrics.behaviour import (
    HOUR_BANDS,
    by_weekday_hour,
    conversation_rate,
    weekday_hour_counts,
)
from pilot_eval.metrics.engagement import period_tweets, tweet_engagement

from .conftest import make_table, tweet


def tweets():
    return make_table(
        "tweets",
        [
            tweet(1, "pnationale", "2014-01-13T08:00Z", like_count=4),  # Monday 09:00 Paris
            tweet(2, "pnationale", "2014-01-13T08:30Z", "reply", like_count=2),
            tweet(3, "pnationale", "2014-01-14T08:30Z", "retweet"),
            tweet(4, "policia", "2014-01-18T23:30Z"),  # Sunday 00:30 in Madrid
        ],
    )


def test_by_weekday_and_hour_in_local_time(tiny_registry):
    tf = tweet_engagement(
        tweets(), make_table("followers", []), tiny_registry, date(2014, 1, 1), date(2014, 1, 31)
    )
    wd = by_weekday_hour(tf).set_index(["handle", "weekday"])
    assert wd.loc[("pnationale", 0), "tweets"] == 2
    assert wd.loc[("pnationale", 0), "median_engagement"] == 3.0
    assert wd.loc[("pnationale", 1), "tweets"] == 0  # the retweet is not in the set
    assert wd.loc[("policia", 6), "tweets"] == 1
    hours = by_weekday_hour(tf, by="hour")
    assert len(hours) == 2 * 24
    assert hours.set_index(["handle", "hour"]).loc[("policia", 0), "tweets"] == 1
    bands = by_weekday_hour(tf, by="hour_band").set_index(["handle", "hour_band"])
    assert len(bands) == 2 * len(HOUR_BANDS)
    assert HOUR_BANDS[1] == (7, 10) and bands.loc[("pnationale", 1), "tweets"] == 2  # 9 h
    assert bands.loc[("pnationale", 1), "median_engagement"] == 3.0
    assert bands.loc[("policia", 0), "tweets"] == 1 and bands.loc[("pnationale", 0), "tweets"] == 0


def test_counts_and_conversation_rate(tiny_registry):
    pt = period_tweets(tweets(), tiny_registry, date(2014, 1, 1), date(2014, 1, 31))
    counts = weekday_hour_counts(pt, tiny_registry)
    assert counts["tweets"].sum() == 4
    rate = conversation_rate(pt, tiny_registry).set_index("handle")
    assert rate.loc["pnationale", "conversation_rate"] == 1 / 3
    assert rate.loc["policia", "conversation_rate"] == 0.0
    assert pd.isna(rate.loc["PNationale44", "conversation_rate"])
