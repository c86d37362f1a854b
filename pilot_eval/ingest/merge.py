"""Merge per-file reader output into the canonical tables (SPEC section 5).

Rules, applied by DuckDB over the per-file parts so that 1M tweets stay lean:

* **tweets** — one row per ``tweet_id``. The *winning* row is the non-Analytics row
  with the latest ``collected_at`` (ties: the file read last in path order, then the
  last row of that file); Analytics rows win only for tweets no other source gives in
  its own right, and then against the sightings below by ``collected_at`` alone.
  Counts (``retweet_count``, ``like_count``, ``reply_count``, ``quote_count``),
  ``kind``, ``source`` and ``collected_at`` are the winner's, nulls included (a count
  a source does not give stays null, never 0). Descriptive fields (handle, created_at,
  text, lang, lists, media_count, reply_to, retweet_of, quote_of) are the winner's when
  not null, else the next row's in the same order. ``impressions``/``interactions``
  come only from Analytics rows (the latest, same order). Text is HTML-unescaped
  (:func:`html.unescape`) here, so readers may leave raw text.
* **context sightings** — a tweet nested in another (snscrape ``retweetedTweet`` or a
  full ``quotedTweet``, twarc2 ``includes.tweets`` and the referenced tweets inlined in
  flattened lines) is a sighting of that tweet at its file's ``collected_at``: readers
  give it with ``_status = "context"``. It updates the row of a tweet that some file
  gives in its own right (same rule as above: the latest ``collected_at`` wins; at equal
  time and file, the tweet row wins), never its ``kind`` or ``handle``, and never creates
  a row (an account's tweets are those its own collection returned). The flag is not
  published.
* **followers** — one row per (handle, observed_at): the row read last wins.
* Handles are matched to the registry case-insensitively and written as the registry
  writes them; ``in_registry`` says whether they were found.
* **rejects** — every reject, in path order then line order.
* **order** — tweets given once keep input order (files in path order, then rows),
  then come the merged tweets, in the order of their first tweet row; followers by
  handle and time. The tweets given once are a filtered projection of the tweet rows,
  written without join or sort (issue 8).

The functions taking frames (:func:`merge_tweet_frames`, :func:`merge_follower_frames`)
run the same SQL as the pipeline and are what the tests exercise.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import duckdb

from pilot_eval.ingest.base import sql_literal
from pilot_eval.registry import Registry
from pilot_eval.schema import names

if TYPE_CHECKING:  # imported where used: ingest of snscrape files needs neither (issue 8)
    import pandas as pd
    import pyarrow as pa

T = TypeVar("T")
EPOCH = "TIMESTAMPTZ '1970-01-01 00:00:00+00'"
#: Fields taken from the winning row even when null.
WINNER_FIELDS = (
    "kind",
    "retweet_count",
    "like_count",
    "reply_count",
    "quote_count",
    "source",
    "collected_at",
)
#: Fields taken from the best row where they are not null.
COALESCED_FIELDS = (
    "handle",
    "created_at",
    "text",
    "lang",
    "hashtags",
    "mentions",
    "urls",
    "media_count",
    "reply_to",
    "retweet_of",
    "quote_of",
)
ANALYTICS_FIELDS = ("impressions", "interactions")
#: Fields a context sighting never gives: the row's kind and author are those of the
#: tweet provided in its own right (a nested copy has no retweet wrapper semantics).
OWN_FIELDS = ("kind", "handle")


def registry_handle_sql(column: str, registry: Registry) -> str:
    """SQL for the registry's spelling of the handle in ``column`` (null when not registered).

    A scalar ``MAP`` lookup rather than a join, so that a query using it keeps the
    input's row order (DuckDB guarantees order through projections, not joins).
    """
    pairs = ", ".join(
        f"{sql_literal(a.handle.casefold())}: {sql_literal(a.handle)}" for a in registry
    )
    if not pairs:
        return "CAST(NULL AS VARCHAR)"
    return f"(MAP {{{pairs}}})[lower(ltrim({column}, '@'))]"


#: Entities Twitter writes in texts, decoded in SQL (``&amp;`` last, as html.unescape reads
#: left to right); any other ``&`` goes through :func:`html.unescape`.
_COMMON = r"&(amp|lt|gt|quot|#39);"


def unescape_sql(column: str) -> str:
    """SQL decoding the common entities of ``column`` (the rest: :func:`run_merge`)."""
    expr = column
    for entity, char in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&#39;", "''")):
        expr = f"replace({expr}, '{entity}', '{char}')"
    return f"CASE WHEN contains({column}, '&') THEN replace({expr}, '&amp;', '&') ELSE {column} END"


def _rare(column: str) -> str:
    """SQL: true when ``column`` has an ``&`` that :func:`unescape_sql` does not decode."""
    return (
        f"contains({column}, '&') AND contains(regexp_replace({column}, '{_COMMON}', '', 'g'), '&')"
    )


def _unescape_batch(texts):
    """:func:`html.unescape` of each text of a pyarrow string array (DuckDB calls it on the
    few rows that need it). Not annotated: DuckDB evaluates a UDF's annotations, and
    pyarrow is imported only when it runs."""
    import pyarrow as pa

    return pa.array(
        [None if t is None else html.unescape(t) for t in texts.to_pylist()], pa.string()
    )


#: The error the placeholder ``_unescape`` raises (see :func:`prepare_merge`).
NEEDS_UNESCAPE = "pilot_eval: a text needs html.unescape"


def register_unescape(con: duckdb.DuckDBPyConnection) -> None:
    """Register ``_unescape(text)`` as :func:`html.unescape` (in place of the placeholder)."""
    con.execute("DROP MACRO IF EXISTS _unescape")
    con.create_function(
        "_unescape", _unescape_batch, ["VARCHAR"], "VARCHAR", type="arrow", side_effects=False
    )


def run_merge(con: duckdb.DuckDBPyConnection, run: Callable[[], T]) -> T:
    """``run()``, a query of :func:`tweets_sql` on ``con``, whatever its texts need.

    :func:`prepare_merge` registers a placeholder ``_unescape`` that raises
    :data:`NEEDS_UNESCAPE`: when a text has an entity SQL does not decode (rare: Twitter
    escapes only ``&``, ``<`` and ``>``), the real function is registered and ``run()``
    runs again. The usual file is thus read once, not scanned for such texts first
    (0.05 s per 300k tweets), and never imports numpy, which registering a Python
    function does (0.09 s, issue 8).
    """
    try:
        return run()
    except duckdb.Error as exc:
        if NEEDS_UNESCAPE not in str(exc):
            raise
    register_unescape(con)
    return run()


def register_duplicates(con: duckdb.DuckDBPyConnection, relation: str) -> int:
    """Register ``_dups(tweet_id, _has_row)``: ids that need merging, and whether a
    source other than Analytics gives the tweet in its own right; returns how many.

    An id needs merging when a tweet row gives it and it is given more than once in
    all (tweet rows and context sightings). Reads only ``tweet_id`` and ``_ctx``.
    """
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE _dups AS
        SELECT tweet_id,
            bool_or(source IS DISTINCT FROM 'analytics' AND NOT _ctx) AS _has_row
        FROM {relation}
        GROUP BY tweet_id HAVING count(*) > 1 AND bool_or(NOT _ctx)"""
    )
    return con.execute("SELECT count(*) FROM _dups").fetchall()[0][0]


#: Where a row was read, as one sortable integer: file index (path order), then row.
POSITION = "(_file * 4294967296 + _row)"


def prepare_merge(con: duckdb.DuckDBPyConnection, relation: str) -> int:
    """Register what :func:`tweets_sql` needs; returns how many tweets are merged.

    * ``_unescape(text)``: a placeholder for :func:`html.unescape` that raises
      :data:`NEEDS_UNESCAPE` (run the query with :func:`run_merge`);
    * ``_dups(tweet_id)`` (:func:`register_duplicates`) and, when there are any:
      ``_many``, their merged rows in the order of their first tweet row, and
      ``_keep(position)``, false for the tweet rows of those ids. ``_keep`` is a
      function, not a join, so that the other rows keep their order without a sort:
      DuckDB keeps row order through scans, filters, projections and ``UNION ALL``,
      not through joins (about 2 s saved on 1M tweets, issue 8).
    """
    # depends on its argument, or DuckDB would raise while planning
    con.execute(
        f"CREATE OR REPLACE TEMP MACRO _unescape(t) AS error({sql_literal(NEEDS_UNESCAPE)} || left(t, 0))"
    )
    merged = register_duplicates(con, relation)
    if not merged:
        return 0
    import numpy as np

    rows = con.execute(
        f"SELECT {POSITION} AS p FROM {relation} SEMI JOIN _dups USING (tweet_id) WHERE NOT _ctx"
    ).fetchnumpy()["p"]
    drop = np.sort(np.asarray(rows, dtype=np.int64))

    import pyarrow as pa

    def keep(positions):  # pyarrow int64 array -> bool array (see _unescape_batch)
        where = positions.to_numpy(zero_copy_only=False).astype(np.int64, copy=False)
        at = np.searchsorted(drop, where)
        at[at == len(drop)] = 0
        return pa.array(drop[at] != where, pa.bool_())

    con.create_function("_keep", keep, ["BIGINT"], "BOOLEAN", type="arrow", side_effects=False)
    con.execute(f"CREATE OR REPLACE TEMP TABLE _many AS {_many_sql(relation)}")
    return merged


def _many_sql(relation: str) -> str:
    """The merged row of each id of ``_dups``, ordered by the position of its first tweet row."""
    # an Analytics row loses to any other source's row (it only adds impressions), but
    # where it alone gives the tweet, it and the sightings are ranked by time alone
    key = (
        f"{{'p': source IS DISTINCT FROM 'analytics' OR NOT _has_row, "
        f"'c': coalesce(collected_at, {EPOCH}), 'f': _file, 't': NOT _ctx, 'r': _row}}"
    )
    key_a = f"{{'c': coalesce(collected_at, {EPOCH}), 'f': _file, 'r': _row}}"
    aggs = ",\n    ".join(
        [
            f"arg_max_null({c}, _k) FILTER (WHERE NOT _ctx) AS {c}"
            if c in OWN_FIELDS
            else f"arg_max_null({c}, _k) AS {c}"
            for c in WINNER_FIELDS
        ]
        + [
            f"arg_max({c}, _k) FILTER (WHERE NOT _ctx) AS {c}"
            if c in OWN_FIELDS
            else f"arg_max({c}, _k) AS {c}"
            for c in COALESCED_FIELDS
        ]
        + [
            f"arg_max_null({c}, _ka) FILTER (WHERE source = 'analytics') AS {c}"
            for c in ANALYTICS_FIELDS
        ]
        + [f"min({POSITION}) FILTER (WHERE NOT _ctx) AS _pos"]
    )
    plain = ", ".join(n for n in names("tweets") if n != "in_registry")
    return f"""
    WITH a AS (SELECT *, {key} AS _k, {key_a} AS _ka
               FROM {relation} JOIN _dups USING (tweet_id)),
    g AS (SELECT tweet_id,
        {aggs}
        FROM a GROUP BY tweet_id)
    SELECT {plain} FROM g ORDER BY _pos
    """


def tweets_sql(relation: str, registry: Registry, *, merged: int) -> str:
    """SQL merging ``relation`` (canonical tweet columns + ``_file``, ``_row``, ``_ctx``).

    ``_ctx`` is true for a *context sighting*: a tweet nested in another one (snscrape
    ``retweetedTweet``/``quotedTweet``, twarc2 ``includes.tweets``). A sighting takes part
    in the merge like any row (its counts win when its ``collected_at`` is the latest;
    at equal time and file, the tweet row wins) except that it never gives ``kind`` or
    ``handle``, and it never creates a row: tweet ids seen only as context are dropped.

    Needs :func:`prepare_merge` (``merged`` is what it returned). Output: the columns
    of :data:`pilot_eval.schema.TWEETS`, one row per tweet: first the tweets given
    once, in input order (files in path order, then rows), then the merged tweets, in
    the order of their first tweet row. Neither part is sorted again: the query is a
    filtered projection of the tweet rows, followed by ``_many``.
    """
    final = []
    for name in names("tweets"):
        if name == "handle":
            final.append(
                f"coalesce({registry_handle_sql('m.handle', registry)}, m.handle) AS handle"
            )
        elif name == "text":
            final.append(
                f"CASE WHEN {_rare('m.text')} THEN _unescape(m.text) "
                f"ELSE {unescape_sql('m.text')} END AS text"
            )
        elif name == "in_registry":
            final.append(f"{registry_handle_sql('m.handle', registry)} IS NOT NULL AS in_registry")
        else:
            final.append(f"m.{name}")
    plain = ", ".join(n for n in names("tweets") if n != "in_registry")
    if not merged:
        rows = f"SELECT {plain} FROM {relation} WHERE NOT _ctx"
    else:
        rows = (
            f"SELECT {plain} FROM {relation} WHERE NOT _ctx AND _keep({POSITION}) "
            f"UNION ALL SELECT {plain} FROM _many"
        )
    return f"WITH m AS ({rows}) SELECT {', '.join(final)} FROM m"


def followers_sql(relation: str, registry: Registry) -> str:
    """SQL merging ``relation`` (canonical follower columns + ``_file``, ``_row``)."""
    known = registry_handle_sql("f.handle", registry)
    return f"""
    WITH c AS (
        SELECT f.*, coalesce({known}, ltrim(f.handle, '@')) AS _h, {known} IS NOT NULL AS _in
        FROM {relation} f
        WHERE f.handle IS NOT NULL AND f.observed_at IS NOT NULL
    )
    SELECT _h AS handle, observed_at,
        arg_max_null(followers, (_file, _row)) AS followers,
        arg_max_null(following, (_file, _row)) AS following,
        arg_max_null(tweets, (_file, _row)) AS tweets,
        arg_max_null(source, (_file, _row)) AS source,
        bool_or(_in) AS in_registry
    FROM c GROUP BY _h, observed_at ORDER BY handle, observed_at
    """


def _as_table(frame: pd.DataFrame | pa.Table, name: str) -> pa.Table:
    import pyarrow as pa

    from pilot_eval.schema import SCHEMAS, conform, select_columns

    if isinstance(frame, pa.Table):
        schema = SCHEMAS[name]
        frame = frame.to_pandas() if set(schema.names) - set(frame.column_names) else frame
        if isinstance(frame, pa.Table):
            return select_columns(frame, name)
    return conform(frame, name)


def _columns(frame: pd.DataFrame | pa.Table) -> list[str]:
    return frame.column_names if hasattr(frame, "column_names") else list(frame.columns)


def _stack(frames: list[pd.DataFrame | pa.Table], name: str) -> pa.Table:
    import pyarrow as pa

    tables = []
    for i, frame in enumerate(frames):
        table = _as_table(frame, name)
        if name == "tweets":
            status = frame["_status"] if "_status" in _columns(frame) else None
            ctx = [False] * table.num_rows if status is None else [s == "context" for s in status]
            table = table.append_column("_ctx", pa.array(ctx, pa.bool_()))
        table = table.append_column("_file", pa.array([i] * table.num_rows, pa.int64()))
        table = table.append_column("_row", pa.array(range(table.num_rows), pa.int64()))
        tables.append(table)
    return pa.concat_tables(tables)


def merge_tweet_frames(frames: list[pd.DataFrame | pa.Table], registry: Registry) -> pd.DataFrame:
    """Merge tweet frames given in path order (the last one was read last).

    Returns the canonical tweets table as pandas (:func:`pilot_eval.schema.to_pandas`),
    one row per ``tweet_id`` (see the module docstring for the rules).
    """
    con = duckdb.connect()
    try:
        con.execute("SET TimeZone = 'UTC'")
        con.register("_all", _stack(frames, "tweets"))
        merged = prepare_merge(con, "_all")
        sql = tweets_sql("_all", registry, merged=merged)
        table = run_merge(con, lambda: con.sql(sql).to_arrow_table())
    finally:
        con.close()
    from pilot_eval.schema import TWEETS, to_pandas

    return to_pandas(table.cast(TWEETS))


def merge_follower_frames(
    frames: list[pd.DataFrame | pa.Table], registry: Registry
) -> pd.DataFrame:
    """Merge follower-snapshot frames given in path order; one row per (handle, observed_at)."""
    con = duckdb.connect()
    try:
        con.execute("SET TimeZone = 'UTC'")
        con.register("_all", _stack(frames, "followers"))
        table = con.sql(followers_sql("_all", registry)).to_arrow_table()
    finally:
        con.close()
    from pilot_eval.schema import FOLLOWERS, to_pandas

    return to_pandas(table.cast(FOLLOWERS))
