"""The canonical tables of ``data/processed`` (SPEC section 5), as pyarrow schemas.

Every reader produces frames with these columns, the merge writes them, and
:func:`pilot_eval.tables.load` returns them. Counts a source does not provide are null
(pandas ``Int64`` / pyarrow nulls), never 0. Timestamps are UTC.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyarrow as pa

if TYPE_CHECKING:  # pandas is imported by the functions that make frames (issue 8:
    # ``pilot-eval ingest`` of snscrape files never needs it)
    import pandas as pd

UTC_TS = pa.timestamp("us", tz="UTC")

#: Tweet kinds (SPEC section 5): a retweet is ``retweet``; otherwise a reply is
#: ``reply``; otherwise a quote is ``quote``; otherwise ``original``.
KINDS = ("original", "reply", "quote", "retweet")

#: Engagement counts summed by the KPIs (SPEC section 6).
COUNT_COLUMNS = ("retweet_count", "like_count", "reply_count", "quote_count")

TWEETS = pa.schema(
    [
        pa.field("tweet_id", pa.int64(), nullable=False),
        pa.field("handle", pa.string()),  # as in the registry when known
        pa.field("created_at", UTC_TS),
        pa.field("text", pa.string()),  # as displayed: HTML entities decoded
        pa.field("lang", pa.string()),
        pa.field("kind", pa.string()),  # one of KINDS
        pa.field("retweet_count", pa.int64()),
        pa.field("like_count", pa.int64()),
        pa.field("reply_count", pa.int64()),
        pa.field("quote_count", pa.int64()),
        pa.field("impressions", pa.int64()),  # Twitter Analytics only
        pa.field("interactions", pa.int64()),  # Twitter Analytics "engagements"
        pa.field("hashtags", pa.list_(pa.string())),  # without '#'
        pa.field("mentions", pa.list_(pa.string())),  # handles, without '@'
        pa.field("urls", pa.list_(pa.string())),  # expanded URLs
        pa.field("media_count", pa.int64()),
        pa.field("source", pa.string()),  # input format, e.g. "snscrape"
        pa.field("collected_at", UTC_TS),  # when the counts were observed
        # beyond SPEC section 5: who the tweet answers / retweets / quotes (handles,
        # without '@'; null when not applicable or unknown), and whether the handle is
        # in the registry (tweets of unknown accounts are kept, flagged).
        pa.field("reply_to", pa.string()),
        pa.field("retweet_of", pa.string()),
        pa.field("quote_of", pa.string()),
        pa.field("in_registry", pa.bool_()),
    ]
)

FOLLOWERS = pa.schema(
    [
        pa.field("handle", pa.string()),
        pa.field("observed_at", UTC_TS),
        pa.field("followers", pa.int64()),
        pa.field("following", pa.int64()),
        pa.field("tweets", pa.int64()),
        pa.field("source", pa.string()),
        pa.field("in_registry", pa.bool_()),
    ]
)

REJECTS = pa.schema(
    [
        pa.field("file", pa.string()),  # path relative to the ingested root when possible
        pa.field("line", pa.int64()),  # 1-based line (or record) number; 0 = whole file
        pa.field("reason", pa.string()),
        pa.field("raw", pa.string()),  # the raw text, truncated to a few KiB
    ]
)

SCHEMAS = {"tweets": TWEETS, "followers": FOLLOWERS, "rejects": REJECTS}


def empty_table(name: str) -> pa.Table:
    """An empty pyarrow table with the schema of table ``name``.

    Unlike ``Schema.empty_table()``, it does not import pandas (issue 8: ingest of
    snscrape files runs without it).
    """
    return pa.Table.from_batches([], schema=SCHEMAS[name])


def select_columns(table: pa.Table, name: str) -> pa.Table:
    """``table``'s columns of table ``name``, in order, cast to its schema when they differ.

    The cast is skipped when the types already match (the usual case for what DuckDB
    writes): ``Table.cast`` imports ``pyarrow.compute``, 0.08 s per process (issue 8).
    """
    schema = SCHEMAS[name]
    table = table.select(schema.names)
    return table if table.schema.equals(schema) else table.cast(schema)


def empty_frame(name: str) -> pd.DataFrame:
    """An empty pandas frame with the columns and dtypes of table ``name``."""
    return SCHEMAS[name].empty_table().to_pandas(types_mapper=_types_mapper)


def _types_mapper(pa_type: pa.DataType):
    import pandas as pd

    if pa.types.is_int64(pa_type):
        return pd.Int64Dtype()
    if pa.types.is_boolean(pa_type):
        return pd.BooleanDtype()
    return None


def to_pandas(table: pa.Table) -> pd.DataFrame:
    """Convert a canonical pyarrow table to pandas with nullable ``Int64`` counts."""
    return table.to_pandas(types_mapper=_types_mapper)


def conform(frame: pd.DataFrame, name: str) -> pa.Table:
    """Cast ``frame`` to the schema of table ``name`` (missing columns become null)."""
    schema = SCHEMAS[name]
    frame = frame.copy()
    for field in schema:
        if field.name not in frame.columns:
            frame[field.name] = None
    return pa.Table.from_pandas(frame[schema.names], schema=schema, preserve_index=False)
