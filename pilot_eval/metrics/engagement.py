"""Tweets of the period, the engagement set and per-tweet engagement (SPEC section 6).

Definitions
-----------
- *Tweets of the period* of an account: its tweets with ``created_at`` in
  ``[effective start 00:00 Paris, end+1 00:00 Paris)``, the effective start being the
  later of ``start`` and the registry opening date. Handles are matched to the
  registry case-insensitively; only measured accounts (pilot, national, comparator)
  are kept.
- *Engagement set*: those tweets whose ``kind`` is not ``retweet`` (a retweet's counts
  belong to the original).
- *engagement* = retweet_count + like_count + reply_count + quote_count, the counts a
  source does not provide (null) being left out of the sum; null when all four are null.
- *engagement rate* (%) = 100 × engagement / followers_at(created_at), only where
  followers_at > 0 (else null).
- *impression rate* (%) = 100 × interactions / impressions, only where impressions > 0
  and interactions is known (else null): Twitter Analytics' engagement rate.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from pilot_eval.metrics.followers import followers_by_account, to_ns
from pilot_eval.metrics.period import effective_start, local_midnight, period_bounds
from pilot_eval.registry import Registry
from pilot_eval.schema import COUNT_COLUMNS

#: Columns of :func:`tweet_engagement`, in order.
TWEET_ENGAGEMENT_COLUMNS = [
    "handle",
    "role",
    "tweet_id",
    "created_at",
    "local_time",
    "weekday",
    "hour",
    "kind",
    "media",
    "category",
    "engagement",
    "followers_at",
    "engagement_rate_pct",
    "impression_rate_pct",
]


def canonical_handles(tweets: pd.DataFrame, registry: Registry) -> pd.Series:
    """``tweets["handle"]`` as the registry writes it (case-insensitive); null if unknown."""
    mapping = {a.handle.casefold(): a.handle for a in registry}
    codes, uniques = pd.factorize(tweets["handle"])
    canon = np.array([mapping.get(str(u).casefold()) for u in uniques] + [None], dtype=object)
    return pd.Series(canon[codes], index=tweets.index, dtype="string")


def period_tweets(tweets: pd.DataFrame, registry: Registry, start: date, end: date) -> pd.DataFrame:
    """Every tweet of a measured account in its part of the period (retweets included).

    Returns the input rows (same columns, ``handle`` made canonical) whose
    ``created_at`` lies in ``[effective start 00:00 Paris, end+1 00:00 Paris)``, one row
    per ``tweet_id`` (the last one if the input repeats an id). The input is not
    modified.
    """
    if tweets.empty:
        return tweets.copy()
    handles = canonical_handles(tweets, registry)
    t = to_ns(tweets["created_at"])
    _, hi = period_bounds(start, end)
    keep = np.zeros(len(tweets), dtype=bool)
    codes, uniques = pd.factorize(handles)
    position = {str(u): i for i, u in enumerate(uniques)}
    for account in registry.measured():
        if account.handle not in position:
            continue
        lo = local_midnight(effective_start(account, start)).value
        keep |= (codes == position[account.handle]) & (t >= lo) & (t < hi.value)
    out = tweets.loc[keep].assign(handle=handles[keep])
    if "tweet_id" in out.columns:
        out = out.drop_duplicates("tweet_id", keep="last")
    return out


def engagement(tweets: pd.DataFrame) -> pd.Series:
    """Engagement of each tweet: the sum of the known counts (float; NaN if none known)."""
    counts = tweets[list(COUNT_COLUMNS)].astype("Float64")
    return counts.sum(axis=1, skipna=True, min_count=1).astype("float64")


def engagement_set(
    tweets: pd.DataFrame, registry: Registry, start: date, end: date
) -> pd.DataFrame:
    """The engagement set: tweets of the period whose kind is not ``retweet``.

    Returns the rows of :func:`period_tweets` without retweets, plus ``engagement``
    (float, see :func:`engagement`).
    """
    period = period_tweets(tweets, registry, start, end)
    if not period.empty:
        period = period[(period["kind"].astype("string").fillna("") != "retweet").to_numpy()]
    return period.assign(engagement=engagement(period) if not period.empty else np.nan)


def missing_counts(eset: pd.DataFrame) -> dict[str, int]:
    """How many tweets of an engagement set lack each count (only counts with misses)."""
    out = {}
    for column in COUNT_COLUMNS:
        n = int(eset[column].isna().sum()) if column in eset.columns else len(eset)
        if n:
            out[column] = n
    return out


def impression_rate(tweets: pd.DataFrame) -> pd.Series:
    """100 × interactions / impressions where impressions > 0 (float; NaN otherwise)."""
    impressions = tweets["impressions"].astype("Float64")
    interactions = tweets["interactions"].astype("Float64")
    ok = (impressions > 0).fillna(False) & interactions.notna()
    rate = (100.0 * interactions / impressions).astype("float64")
    return rate.where(ok.to_numpy(dtype=bool), np.nan)


def tweet_engagement(
    tweets: pd.DataFrame,
    followers: pd.DataFrame,
    registry: Registry,
    start: date,
    end: date,
) -> pd.DataFrame:
    """Per-tweet engagement table of the engagement set (one row per tweet).

    Parameters
    ----------
    tweets, followers
        The canonical tables (``tweets`` may carry a ``category`` column).
    registry
        The account registry.
    start, end
        The period (local dates, inclusive).

    Returns
    -------
    pandas.DataFrame
        ``handle`` (registry spelling), ``role``, ``tweet_id``, ``created_at`` (UTC),
        ``local_time`` (naive, in the account's registry time zone: Europe/Paris, or
        Europe/Madrid for @policia), ``weekday`` (0 = Monday), ``hour`` (0–23),
        ``kind``, ``media`` (media_count > 0), ``category`` (null when the tweets carry
        none), ``engagement``, ``followers_at`` (followers when the tweet was posted),
        ``engagement_rate_pct`` (100 × engagement / followers_at where followers_at > 0),
        ``impression_rate_pct`` (100 × interactions / impressions where impressions > 0).
    """
    return engagement_frame(engagement_set(tweets, registry, start, end), followers, registry)


def engagement_frame(
    eset: pd.DataFrame, followers: pd.DataFrame, registry: Registry
) -> pd.DataFrame:
    """:func:`tweet_engagement` of an engagement set already built by :func:`engagement_set`."""
    if eset.empty:
        return pd.DataFrame({c: pd.Series(dtype="float64") for c in TWEET_ENGAGEMENT_COLUMNS})
    fol = followers_by_account(followers, eset, registry, time_column="created_at")
    eng = eset["engagement"].to_numpy(dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.where(fol > 0, 100.0 * eng / fol, np.nan)
    roles = {a.handle: a.role for a in registry}
    local = local_times(eset, registry)
    media = eset["media_count"].astype("Float64").fillna(0) > 0 if "media_count" in eset else False
    category = (
        eset["category"] if "category" in eset.columns else pd.Series(pd.NA, index=eset.index)
    )
    out = pd.DataFrame(
        {
            "handle": eset["handle"],
            "role": eset["handle"].map(roles).astype("string"),
            "tweet_id": eset["tweet_id"],
            "created_at": eset["created_at"],
            "local_time": local,
            "weekday": local.dt.day_of_week.astype("int64"),
            "hour": local.dt.hour.astype("int64"),
            "kind": eset["kind"],
            "media": np.asarray(media, dtype=bool),
            "category": category.astype("string"),
            "engagement": eng,
            "followers_at": fol,
            "engagement_rate_pct": rate,
            "impression_rate_pct": impression_rate(eset).to_numpy(),
        },
        index=eset.index,
    )
    return out.reset_index(drop=True)[TWEET_ENGAGEMENT_COLUMNS]


def local_times(tweets: pd.DataFrame, registry: Registry) -> pd.Series:
    """``created_at`` as naive local time in each account's registry time zone."""
    zones = {a.handle: a.timezone for a in registry}
    created = pd.to_datetime(tweets["created_at"], utc=True)
    out = pd.Series(pd.NaT, index=tweets.index, dtype="datetime64[us]")
    tz_of = tweets["handle"].map(zones).fillna("Europe/Paris")
    for tz in tz_of.unique():
        mask = (tz_of == tz).to_numpy()
        out[mask] = created[mask].dt.tz_convert(tz).dt.tz_localize(None).astype("datetime64[us]")
    return out
