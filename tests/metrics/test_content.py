import numpy as np
import pandas as pd
import pytest

from pilot_eval.metrics.content import (
    CATEGORIES,
    category_counts,
    category_share,
    engagement_by_category,
)


def eset() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "handle": ["a", "a", "a", "a", "b"],
            "category": pd.array(
                ["prevention", "prevention", "traffic", None, "weird"], dtype="string"
            ),
            "engagement": [1.0, 3.0, 5.0, 7.0, 2.0],
            "engagement_rate_pct": [0.1, 0.3, 0.5, 0.7, 0.2],
        }
    )


def test_shares_every_category_sum_to_one_and_null_when_empty():
    shares = category_share(eset(), ["a", "b", "c"])
    assert list(shares.columns) == list(CATEGORIES)
    assert shares.loc["a", "prevention"] == pytest.approx(2 / 3)
    assert shares.loc["a", "traffic"] == pytest.approx(1 / 3)
    assert shares.loc["a", "recruitment"] == 0.0
    assert shares.loc["b", "other"] == 1.0  # an unknown code counts as other
    assert shares.loc[["a", "b"]].sum(axis=1).tolist() == pytest.approx([1.0, 1.0])
    assert shares.loc["c"].isna().all()
    assert category_counts(eset(), ["a"]).loc["a"].sum() == 3


def test_engagement_by_category():
    out = engagement_by_category(eset()).set_index(["handle", "category"])
    assert out.loc[("a", "prevention"), "n"] == 2
    assert out.loc[("a", "prevention"), "median_engagement"] == 2.0
    assert out.loc[("a", "prevention"), "share"] == pytest.approx(2 / 3)
    assert not np.isnan(out.loc[("a", "traffic"), "median_engagement_rate_pct"])
