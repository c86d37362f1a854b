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


def test_arrow_schemas_follow_the_declared_columns():
    import pilot_eval.schema as schema

    utc = pa.timestamp("us", tz="UTC")
    assert schema.TWEETS.field("tweet_id").type == pa.int64()
    assert not schema.TWEETS.field("tweet_id").nullable
    assert schema.TWEETS.field("handle").nullable
    assert schema.TWEETS.field("created_at").type == utc
    assert schema.TWEETS.field("hashtags").type == pa.list_(pa.string())
    assert schema.TWEETS.field("in_registry").type == pa.bool_()
    assert schema.FOLLOWERS.names == list(schema.names("followers"))
    assert schema.SCHEMAS["rejects"] is schema.REJECTS
    assert schema.UTC_TS == utc
    assert schema.sql_type("tweets", "urls") == "VARCHAR[]"
    assert schema.sql_type("followers", "observed_at") == "TIMESTAMPTZ"
    assert schema.sql_type("rejects", "line") == "BIGINT"


def test_empty_tables_written_by_duckdb_read_back_like_empty_frames(tmp_path):
    """The merge writes an absent table with :func:`empty_sql`; it must load exactly
    like the empty frame the rest of the code expects (columns, dtypes)."""
    import duckdb
    import pandas as pd

    from pilot_eval.schema import COLUMNS, empty_frame, empty_sql
    from pilot_eval.tables import read_table

    con = duckdb.connect()
    for name in COLUMNS:
        path = tmp_path / f"{name}.parquet"
        con.execute(f"COPY ({empty_sql(name)}) TO '{path}' (FORMAT parquet)")
        pd.testing.assert_frame_equal(read_table(path, name), empty_frame(name))


def test_the_schema_module_does_not_import_pyarrow():
    import subprocess
    import sys

    code = "import sys, pilot_eval.schema as s; s.names('tweets'); print('pyarrow' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "False", done.stderr
