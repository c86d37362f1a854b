"""Posting behaviour in local time and the conversation rate (issue 4 point 4).

Local time is the account's registry time zone (Europe/Paris; Europe/Madrid for
@policia), as computed by :func:`~pilot_eval.metrics.engagement.local_times`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pilot_eval.metrics.engagement import local_times
from pilot_eval.registry import Registry

#: Bands of local hours (first hour, end hour excluded) for engagement by time of day:
#: an account posts a few tweets a day, too few for a median per hour.
HOUR_BANDS = ((0, 7), (7, 10), (10, 13), (13, 17), (17, 20), (20, 24))
#: French weekday names, Monday = 0, for the report.
WEEKDAYS_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def by_weekday_hour(tweet_frame: pd.DataFrame, by: str = "weekday") -> pd.DataFrame:
    """Tweets and median engagement per account and local weekday (or hour, or band of
    hours).

    Parameters
    ----------
    tweet_frame
        :func:`~pilot_eval.metrics.engagement.tweet_engagement` output.
    by
        ``"weekday"`` (0 = Monday … 6 = Sunday), ``"hour"`` (0–23) or ``"hour_band"``
        (index into :data:`HOUR_BANDS`), local time.

    Returns
    -------
    pandas.DataFrame
        ``handle``, ``weekday``, ``hour`` or ``hour_band``, ``tweets``,
        ``median_engagement``, ``median_engagement_rate_pct`` (engagement per tweet, and
        per 100 followers); every level is present for every account (0 tweets and NaN
        medians where it never posted).
    """
    levels = {"weekday": range(7), "hour": range(24), "hour_band": range(len(HOUR_BANDS))}
    if by not in levels:
        raise ValueError("by must be 'weekday', 'hour' or 'hour_band'")
    columns = ["handle", by, "tweets", "median_engagement", "median_engagement_rate_pct"]
    if tweet_frame.empty:
        return pd.DataFrame(columns=columns)
    if by == "hour_band":
        starts = [first for first, _ in HOUR_BANDS]
        band = np.searchsorted(starts, tweet_frame["hour"].to_numpy(), side="right") - 1
        tweet_frame = tweet_frame.assign(hour_band=band)
    agg = tweet_frame.groupby(["handle", by], sort=False).agg(
        tweets=("engagement", "size"),
        median_engagement=("engagement", "median"),
        median_engagement_rate_pct=("engagement_rate_pct", "median"),
    )
    handles = list(pd.unique(tweet_frame["handle"]))
    full = pd.MultiIndex.from_product([handles, list(levels[by])], names=["handle", by])
    out = agg.reindex(full).reset_index()
    out["tweets"] = out["tweets"].fillna(0).astype("int64")
    return out[columns]


def weekday_hour_counts(tweets: pd.DataFrame, registry: Registry) -> pd.DataFrame:
    """All tweets of the period (retweets included) per account, local weekday and hour.

    ``tweets`` is :func:`~pilot_eval.metrics.engagement.period_tweets` output. Returns
    ``handle``, ``weekday`` (0 = Monday), ``hour``, ``tweets`` (only non-zero cells).
    """
    columns = ["handle", "weekday", "hour", "tweets"]
    if tweets.empty:
        return pd.DataFrame(columns=columns)
    local = local_times(tweets, registry)
    frame = pd.DataFrame(
        {
            "handle": tweets["handle"].to_numpy(),
            "weekday": local.dt.day_of_week.to_numpy(),
            "hour": local.dt.hour.to_numpy(),
        }
    )
    return frame.groupby(columns[:3], sort=True).size().rename("tweets").reset_index()


def conversation_rate(tweets: pd.DataFrame, registry: Registry) -> pd.DataFrame:
    """Reply share per measured account: replies / tweets of the period.

    ``tweets`` is :func:`~pilot_eval.metrics.engagement.period_tweets` output (all kinds,
    retweets included in the denominator, as the ``tweets`` KPI). Returns ``handle``,
    ``tweets``, ``replies``, ``conversation_rate`` (NaN when the account has no tweet),
    one row per measured account in registry order.
    """
    rows = []
    for account in registry.measured():
        mine = (
            tweets[(tweets["handle"] == account.handle).to_numpy(dtype=bool)]
            if not tweets.empty
            else tweets
        )
        n = len(mine)
        replies = int((mine["kind"].astype("string") == "reply").sum()) if n else 0
        rows.append(
            {
                "handle": account.handle,
                "tweets": n,
                "replies": replies,
                "conversation_rate": replies / n if n else float("nan"),
            }
        )
    return pd.DataFrame(rows, columns=["handle", "tweets", "replies", "conversation_rate"])
