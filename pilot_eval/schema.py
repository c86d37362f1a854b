"""The canonical tables of ``data/processed`` (SPEC section 5): their columns and types.

Every reader produces frames with these columns, the merge writes them, and
:func:`pilot_eval.tables.load` returns them. Counts a source does not provide are null
(pandas ``Int64`` / pyarrow nulls), never 0. Timestamps are UTC.

The columns are declared once, in :data:`COLUMNS`, as plain names and types: the
pyarrow schemas (:data:`TWEETS`, :data:`FOLLOWERS`, :data:`REJECTS`, :data:`SCHEMAS`)
and the DuckDB types (:func:`sql_type`) are derived from it. The pyarrow schemas are
built on first use, so that ``pilot-eval ingest`` of snscrape files, which DuckDB reads
and writes alone, does not import pyarrow (0.15 s per process, issue 8).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas and pyarrow are imported by the functions that use them
    import pandas as pd
    import pyarrow as pa

#: Tweet kinds (SPEC section 5): a retweet is ``retweet``; otherwise a reply is
#: ``reply``; otherwise a quote is ``quote``; otherwise ``original``.
KINDS = ("original", "reply", "quote", "retweet")

#: Engagement counts summed by the KPIs (SPEC section 6).
COUNT_COLUMNS = ("retweet_count", "like_count", "reply_count", "quote_count")

#: Each table's columns in order, with their type: ``int64``, ``string``, ``bool``,
#: ``timestamp`` (microseconds, UTC) or ``list<string>``.
COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "tweets": (
        ("tweet_id", "int64"),  # the key: never null
        ("handle", "string"),  # as in the registry when known
        ("created_at", "timestamp"),
        ("text", "string"),  # as displayed: HTML entities decoded
        ("lang", "string"),
        ("kind", "string"),  # one of KINDS
        ("retweet_count", "int64"),
        ("like_count", "int64"),
        ("reply_count", "int64"),
        ("quote_count", "int64"),
        ("impressions", "int64"),  # Twitter Analytics only
        ("interactions", "int64"),  # Twitter Analytics "engagements"
        ("hashtags", "list<string>"),  # without '#'
        ("mentions", "list<string>"),  # handles, without '@'
        ("urls", "list<string>"),  # expanded URLs
        ("media_count", "int64"),
        ("source", "string"),  # input format, e.g. "snscrape"
        ("collected_at", "timestamp"),  # when the counts were observed
        # beyond SPEC section 5: who the tweet answers / retweets / quotes (handles,
        # without '@'; null when not applicable or unknown), and whether the handle is
        # in the registry (tweets of unknown accounts are kept, flagged).
        ("reply_to", "string"),
        ("retweet_of", "string"),
        ("quote_of", "string"),
        ("in_registry", "bool"),
    ),
    "followers": (
        ("handle", "string"),
        ("observed_at", "timestamp"),
        ("followers", "int64"),
        ("following", "int64"),
        ("tweets", "int64"),
        ("source", "string"),
        ("in_registry", "bool"),
    ),
    "rejects": (
        ("file", "string"),  # path relative to the ingested root when possible
        ("line", "int64"),  # 1-based line (or record) number; 0 = whole file
        ("reason", "string"),
        ("raw", "string"),  # the raw text, truncated to a few KiB
    ),
}
#: Columns that are never null.
NOT_NULL = {"tweets": ("tweet_id",)}

_SQL_TYPES = {
    "int64": "BIGINT",
    "string": "VARCHAR",
    "bool": "BOOLEAN",
    "timestamp": "TIMESTAMPTZ",
    "list<string>": "VARCHAR[]",
}


def names(table: str) -> tuple[str, ...]:
    """The column names of table ``table`` (``tweets``, ``followers`` or ``rejects``), in order."""
    return tuple(column for column, _ in COLUMNS[table])


def sql_type(table: str, column: str) -> str:
    """The DuckDB type of ``column`` in table ``table`` (e.g. ``TIMESTAMPTZ``)."""
    return _SQL_TYPES[dict(COLUMNS[table])[column]]


def empty_sql(table: str) -> str:
    """A DuckDB query of no rows with the columns and types of table ``table``."""
    columns = ", ".join(f'CAST(NULL AS {sql_type(table, c)}) AS "{c}"' for c in names(table))
    return f"SELECT {columns} LIMIT 0"


@cache
def arrow_schema(table: str) -> pa.Schema:
    """The pyarrow schema of table ``table``, built once, on first use."""
    import pyarrow as pa

    types = {
        "int64": pa.int64(),
        "string": pa.string(),
        "bool": pa.bool_(),
        "timestamp": pa.timestamp("us", tz="UTC"),
        "list<string>": pa.list_(pa.string()),
    }
    required = NOT_NULL.get(table, ())
    return pa.schema([pa.field(c, types[t], nullable=c not in required) for c, t in COLUMNS[table]])


def __getattr__(name: str):
    """``TWEETS``, ``FOLLOWERS``, ``REJECTS`` (pyarrow schemas), ``SCHEMAS`` and ``UTC_TS``,
    built on first use (PEP 562; :func:`arrow_schema`)."""
    if name in ("TWEETS", "FOLLOWERS", "REJECTS"):
        return arrow_schema(name.lower())
    if name == "SCHEMAS":
        return {t: arrow_schema(t) for t in COLUMNS}
    if name == "UTC_TS":
        return arrow_schema("tweets").field("created_at").type
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def empty_table(name: str) -> pa.Table:
    """An empty pyarrow table with the schema of table ``name``.

    Unlike ``Schema.empty_table()``, it does not import pandas (issue 8: ingest of
    snscrape files runs without it).
    """
    import pyarrow as pa

    return pa.Table.from_batches([], schema=arrow_schema(name))


def select_columns(table: pa.Table, name: str) -> pa.Table:
    """``table``'s columns of table ``name``, in order, cast to its schema when they differ.

    The cast is skipped when the types already match (the usual case for what DuckDB
    writes): ``Table.cast`` imports ``pyarrow.compute``, 0.08 s per process (issue 8).
    """
    schema = arrow_schema(name)
    table = table.select(schema.names)
    return table if table.schema.equals(schema) else table.cast(schema)


def empty_frame(name: str) -> pd.DataFrame:
    """An empty pandas frame with the columns and dtypes of table ``name``."""
    return arrow_schema(name).empty_table().to_pandas(types_mapper=_types_mapper)


def _types_mapper(pa_type: pa.DataType):
    import pandas as pd
    import pyarrow as pa

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
    import pyarrow as pa

    schema = arrow_schema(name)
    frame = frame.copy()
    for field in schema:
        if field.name not in frame.columns:
            frame[field.name] = None
    return pa.Table.from_pandas(frame[schema.names], schema=schema, preserve_index=False)
