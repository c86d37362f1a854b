"""Content mix of the engagement set (SPEC sections 6 and 7).

The tweets given here already carry a ``category`` column (filled by
:mod:`pilot_eval.classify`); tweets whose category is null are left out of the shares.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pilot_eval.classify.categories import CATEGORIES


def category_counts(eset: pd.DataFrame, handles: list[str] | None = None) -> pd.DataFrame:
    """Tweets per account and category: rows = handles, columns = :data:`CATEGORIES`.

    ``handles`` fixes the rows (accounts without tweets get zeros); by default, the
    handles of ``eset`` in order of appearance. Categories outside
    :data:`CATEGORIES` are counted under ``other``.
    """
    if handles is None:
        handles = list(pd.unique(eset["handle"])) if not eset.empty else []
    table = pd.DataFrame(0, index=pd.Index(handles, name="handle"), columns=list(CATEGORIES))
    if eset.empty or "category" not in eset.columns:
        return table
    cats = eset["category"].astype("string")
    cats = cats.where(cats.isin(CATEGORIES) | cats.isna(), "other")
    known = cats.notna()
    counts = pd.crosstab(eset.loc[known, "handle"].astype(str), cats[known].astype(str))
    counts = counts.reindex(index=handles, columns=list(CATEGORIES), fill_value=0)
    return counts.fillna(0).astype("int64").rename_axis("handle").rename_axis(None, axis=1)


def category_share(eset: pd.DataFrame, handles: list[str] | None = None) -> pd.DataFrame:
    """Share of each category in each account's engagement set.

    Returns
    -------
    pandas.DataFrame
        Rows = handles, columns = :data:`CATEGORIES` in SPEC order, values in [0, 1]
        (0.0 for an absent category) summing to 1 per row; a row is all NaN when the
        account has no categorised tweet in its engagement set.
    """
    counts = category_counts(eset, handles)
    total = counts.sum(axis=1)
    shares = counts.div(total.where(total > 0, np.nan), axis=0)
    return shares.astype("float64")


def engagement_by_category(tweet_frame: pd.DataFrame) -> pd.DataFrame:
    """Engagement per account and category, from :func:`~pilot_eval.metrics.engagement.tweet_engagement`.

    Returns
    -------
    pandas.DataFrame
        ``handle``, ``category``, ``n`` (tweets), ``share`` (of the account's categorised
        tweets), ``median_engagement``, ``mean_engagement``, ``median_engagement_rate_pct``.
    """
    columns = [
        "handle",
        "category",
        "n",
        "share",
        "median_engagement",
        "mean_engagement",
        "median_engagement_rate_pct",
    ]
    frame = tweet_frame[tweet_frame["category"].notna()] if not tweet_frame.empty else tweet_frame
    if frame.empty:
        return pd.DataFrame(columns=columns)
    grouped = frame.groupby(["handle", "category"], sort=False, observed=True)
    out = grouped.agg(
        n=("engagement", "size"),
        median_engagement=("engagement", "median"),
        mean_engagement=("engagement", "mean"),
        median_engagement_rate_pct=("engagement_rate_pct", "median"),
    ).reset_index()
    out["share"] = out["n"] / out.groupby("handle")["n"].transform("sum")
    return out[columns]
