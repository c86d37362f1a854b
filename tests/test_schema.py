"""Tests of pilot_eval.schema helpers."""

import pyarrow as pa

from pilot_eval.schema import FOLLOWERS, select_columns


def test_select_columns_orders_drops_and_casts_only_when_needed():
    table = pa.table(
        {
            "extra": ["x"],
            "in_registry": [True],
            "source": ["snscrape"],
            "tweets": pa.array([3], pa.int32()),
            "following": [2],
            "followers": [1],
            "observed_at": pa.array([0], pa.timestamp("us", tz="UTC")),
            "handle": ["DDSP44"],
        }
    )
    out = select_columns(table, "followers")
    assert out.schema.equals(FOLLOWERS)
    assert out.to_pylist()[0]["tweets"] == 3
    same = out.select(FOLLOWERS.names)
    assert select_columns(same, "followers") is not None
    assert select_columns(same, "followers").schema.equals(FOLLOWERS)
