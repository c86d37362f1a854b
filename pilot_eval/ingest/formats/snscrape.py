"""Reader for snscrape JSON lines (SPEC section 4, point 1; FORMATS.md section 1).

One JSON object per line, as ``snscrape --jsonl [--with-entity] twitter-user|search``
writes them with ``Item.json()``: ``snscrape.modules.twitter.Tweet`` lines become tweets,
``snscrape.modules.twitter.User`` lines (the ``--with-entity`` entity) and the embedded
``user`` of every tweet become follower snapshots at the collection time (one per user
per file; the entity line wins over embedded users, then the last line). Files written
by ``pilot-eval collect`` start with a collection header line
(:data:`pilot_eval.ingest.base.COLLECTION_TYPE`).

Collection time (``collected_at``): the header's, else ``--collected-at``, else the
file's modification time; :attr:`ReadResult.notes` says which (``time source: ...``).

Speed (issue 8): the file is parsed once by DuckDB's ``read_json`` with the columns
declared and written straight to Parquet; no Python object is made per line. A file
DuckDB reads without error is parsed once, strictly; otherwise it is parsed again
tolerantly: lines DuckDB cannot use come back as all-null rows in file order, so
rejects are found from the Parquet output; only when there are rejects is the file
scanned line by line (no JSON parsing except for the rejected lines) to recover their
line numbers and raw text. The text field of snscrape before 0.5 (``content``) is read
only when a tweet has no ``rawContent``, in one more parse. DuckDB alone writes the
staged tweets and the follower snapshots: a file without rejects never imports pyarrow.

Checks: a tweet's four counts must be whole numbers >= 0 (else the line is a reject).
snscrape writes them as JSON integers; DuckDB's strict read still takes a number with
a fraction (rounded) or a JSON boolean as an integer, and a malformed list field (an
object for ``hashtags``) in a tolerantly read file as empty: checking those on every
line would slow every parse, for values snscrape never writes.
"""

from __future__ import annotations

import gzip
import itertools
import json
import shutil
import tempfile
import zlib
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from pilot_eval.errors import is_interrupt
from pilot_eval.ingest.base import (
    COLLECTION_TYPE,
    FILE_MTIME,
    PARQUET,
    STAGE_PARQUET,
    ReadContext,
    ReadResult,
    connect,
    is_gzip,
    open_binary,
    reject,
    sql_literal,
)

if TYPE_CHECKING:
    import pyarrow as pa

NAME = "snscrape"
#: DuckDB's memory budget while parsing (it spills beyond it). A tighter budget makes
#: the order-preserving parse spill and run about twice as slow (issue 8); with
#: :data:`pilot_eval.ingest.base.ROW_GROUP_SIZE` the process stays near 0.6 GiB at
#: 1M tweets.
MEMORY_LIMIT = "1GB"
#: Non-blank lines :meth:`_Reader.sniff` looks through for the first JSON object.
SNIFF_LINES = 5
TWEET_TYPE = "snscrape.modules.twitter.Tweet"
USER_TYPE = "snscrape.modules.twitter.User"
_PREFIX = b"snscrape.modules."

#: Columns declared to DuckDB's JSON reader (everything else in a line is skipped).
_USER = "STRUCT(_type VARCHAR, username VARCHAR, followersCount BIGINT, friendsCount BIGINT, statusesCount BIGINT)"
_REF = (
    'STRUCT(_type VARCHAR, id BIGINT, "user" STRUCT(username VARCHAR), '
    "retweetCount BIGINT, likeCount BIGINT, replyCount BIGINT, quoteCount BIGINT)"
)
#: Nested full Tweets carried on a tweet row as context sightings (SQL field → column
#: prefix of the staged part; the pipeline turns them into ``_ctx`` rows, see
#: :func:`pilot_eval.ingest.merge.tweets_sql`).
NESTED = {"retweetedTweet": "_rt_", "quotedTweet": "_qt_"}
COLUMNS: dict[str, str] = {
    "_type": "VARCHAR",
    "id": "BIGINT",
    "id.str": "VARCHAR",
    "date": "VARCHAR",
    "rawContent": "VARCHAR",
    "content": "VARCHAR",
    "lang": "VARCHAR",
    "user": _USER,
    "username": "VARCHAR",
    "followersCount": "BIGINT",
    "friendsCount": "BIGINT",
    "statusesCount": "BIGINT",
    "replyCount": "BIGINT",
    "retweetCount": "BIGINT",
    "likeCount": "BIGINT",
    "quoteCount": "BIGINT",
    "hashtags": "VARCHAR[]",
    "mentionedUsers": "STRUCT(username VARCHAR)[]",
    "links": "STRUCT(url VARCHAR)[]",
    "media": "JSON",
    "inReplyToTweetId": "BIGINT",
    "inReplyToUser": "STRUCT(username VARCHAR)",
    "retweetedTweet": _REF,
    "quotedTweet": _REF,
}

#: Reasons given to rejected lines, by the status computed in SQL.
REASONS = {
    "no_id": "tweet without id",
    "bad_date": "bad date",
    "no_handle": "tweet author unknown (UserRef without username): give --handle",
    "header": "collection header not on the first line",
    "bad_count": "count not a whole number >= 0 (retweetCount, likeCount, replyCount, quoteCount)",
}
#: The tweet's own counts, checked (the nested originals' are context only).
COUNTS = ("retweetCount", "likeCount", "replyCount", "quoteCount")
_OTHER_REASONS = {
    "snscrape.modules.twitter.TweetRef": "tweet reference only (TweetRef: id without content)",
    "snscrape.modules.twitter.Tombstone": "deleted or unavailable tweet (Tombstone)",
}

# Statuses of the rows of the staged Parquet file (column ``_status``).
KEEP = ("tweet", "user", "first_header")


def _nested_sql() -> str:
    """Columns ``_rt_*``/``_qt_*``: the nested original when it is a full Tweet, else null."""
    out = []
    for field, prefix in NESTED.items():
        full = f"{field}._type = '{TWEET_TYPE}' AND {field}.id IS NOT NULL"
        for column, expr in (
            ("tweet_id", "id"),
            ("handle", '"user".username'),
            ("retweet_count", "retweetCount"),
            ("like_count", "likeCount"),
            ("reply_count", "replyCount"),
            ("quote_count", "quoteCount"),
        ):
            out.append(f"CASE WHEN {full} THEN {field}.{expr} END AS {prefix}{column}")
    return ",\n        ".join(out)


def _without_nulls(items: str) -> str:
    """SQL: the list ``items`` without its null elements, ``[]`` when it is null.

    The filter (a lambda) runs only on the lists that have a null element, which
    ``list_position`` finds: filtering every list made the parse about 3 % slower
    (issue 8, 300k tweets, old and new query run alternately).
    """
    return (
        f"CASE WHEN list_position({items}, NULL) IS NULL THEN coalesce({items}, []) "
        f"ELSE list_filter({items}, lambda x: x IS NOT NULL) END"
    )


def stage_query(
    path: Path,
    *,
    gzip: bool,
    handle: str | None,
    collected_at: datetime,
    strict: bool = False,
    legacy_text: bool = True,
) -> str:
    """The DuckDB query that parses ``path`` into one row per non-blank line.

    ``strict``: DuckDB stops at the first line it cannot read (the fast reading, about
    a quarter faster than the tolerant one, issue 8); otherwise such lines come back
    as rows of nulls, which :meth:`_Reader.read_to_parquet` turns into rejects, and
    objects up to 64 MiB are read. ``legacy_text``: also read ``content``, the text of
    snscrape before 0.5 (later versions write it too, as a copy of ``rawContent``), for
    lines without ``rawContent``; without it, such a tweet's text is null.

    Output columns: the canonical tweet columns (:data:`pilot_eval.schema.TWEETS`, with
    ``handle`` as written in the file and ``in_registry`` null) plus ``_status``
    (``tweet``, ``user``, ``first_header``, ``header``, ``bad``, ``other``, ``no_id``,
    ``bad_date``, ``no_handle``), ``_type`` and ``_u_handle``/``_u_followers``/
    ``_u_following``/``_u_tweets`` (the snapshot a tweet's author or a User line gives)
    and, per :data:`NESTED` prefix, ``tweet_id``, ``handle`` and the four counts of the
    nested original when it is a full Tweet (a context sighting; null otherwise).
    """
    declared = {k: v for k, v in COLUMNS.items() if legacy_text or k != "content"}
    if strict:  # a count DuckDB cannot read as an integer fails the strict read
        counts = {c: c for c in COUNTS}
        bad_count = " OR ".join(f"{c} < 0" for c in COUNTS)
    else:  # read as text, so that a count that is not a whole number is seen
        declared.update((c, "VARCHAR") for c in COUNTS)
        counts = {c: f"TRY_CAST({c} AS BIGINT)" for c in COUNTS}
        # a JSON number comes as its text: 12, or 4.0 (a whole number, as the strict
        # read takes it)
        bad_count = " OR ".join(f"NOT regexp_full_match({c}, '[0-9]+(\\.0+)?')" for c in COUNTS)
    cols = "{" + ", ".join(f"'{k}': '{v}'" for k, v in declared.items()) + "}"
    text = "coalesce(rawContent, content)" if legacy_text else "rawContent"
    tolerance = "" if strict else ", ignore_errors=true, maximum_object_size=67108864"
    comp = ", compression='gzip'" if gzip else ""
    when = collected_at.astimezone(UTC).isoformat()
    return f"""
    WITH raw AS (
        SELECT * FROM read_json({sql_literal(path)}, format='newline_delimited',
            columns={cols}{tolerance}{comp})
    ), parsed AS (
        SELECT *,
            coalesce(TRY_CAST("id.str" AS BIGINT), id) AS _tid,
            TRY_CAST(date AS TIMESTAMPTZ) AS _created,
            coalesce({bad_count}, false) AS _bad_count,
            coalesce("user".username, username, {sql_literal(handle)}) AS _handle
        FROM raw
    )
    SELECT
        _tid AS tweet_id,
        _handle AS handle,
        _created AS created_at,
        {text} AS text,
        lang,
        CASE WHEN retweetedTweet IS NOT NULL THEN 'retweet'
             WHEN inReplyToTweetId IS NOT NULL THEN 'reply'
             WHEN quotedTweet IS NOT NULL THEN 'quote'
             ELSE 'original' END AS kind,
        {counts["retweetCount"]} AS retweet_count,
        {counts["likeCount"]} AS like_count,
        {counts["replyCount"]} AS reply_count,
        {counts["quoteCount"]} AS quote_count,
        CAST(NULL AS BIGINT) AS impressions,
        CAST(NULL AS BIGINT) AS interactions,
        {_without_nulls("hashtags")} AS hashtags,
        {_without_nulls("list_transform(mentionedUsers, lambda x: x.username)")} AS mentions,
        {_without_nulls("list_transform(links, lambda x: x.url)")} AS urls,
        CAST(coalesce(json_array_length(media), 0) AS BIGINT) AS media_count,
        '{NAME}' AS source,
        TIMESTAMPTZ '{when}' AS collected_at,
        inReplyToUser.username AS reply_to,
        retweetedTweet."user".username AS retweet_of,
        quotedTweet."user".username AS quote_of,
        CAST(NULL AS BOOLEAN) AS in_registry,
        CASE WHEN _type IS NULL THEN 'bad'
             WHEN _type = '{COLLECTION_TYPE}' THEN 'header'
             WHEN _type = '{USER_TYPE}' THEN 'user'
             WHEN _type <> '{TWEET_TYPE}' THEN 'other'
             WHEN _tid IS NULL THEN 'no_id'
             WHEN _created IS NULL THEN 'bad_date'
             WHEN _handle IS NULL THEN 'no_handle'
             WHEN _bad_count THEN 'bad_count'
             ELSE 'tweet' END AS _status,
        _type,
        CASE WHEN _type = '{USER_TYPE}' THEN username ELSE "user".username END AS _u_handle,
        CASE WHEN _type = '{USER_TYPE}' THEN followersCount ELSE "user".followersCount END
            AS _u_followers,
        CASE WHEN _type = '{USER_TYPE}' THEN friendsCount ELSE "user".friendsCount END
            AS _u_following,
        CASE WHEN _type = '{USER_TYPE}' THEN statusesCount ELSE "user".statusesCount END
            AS _u_tweets,
        {_nested_sql()}
    FROM parsed
    """


def read_header(path: Path) -> dict | None:
    """The collection header (first line) of ``path``, or None."""
    try:
        with open_binary(path) as fh:
            for line in fh:
                if line.strip():
                    break
            else:
                return None
    except (OSError, EOFError):
        return None
    if COLLECTION_TYPE.encode() not in line[:4096]:
        return None
    try:
        data = json.loads(line)
    except ValueError:
        return None
    return data if isinstance(data, dict) and data.get("_type") == COLLECTION_TYPE else None


def _parse_time(text: object) -> datetime | None:
    if not isinstance(text, str):
        return None
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return value if value.tzinfo is not None else None


def collection_time(path: Path, header: dict | None, ctx: ReadContext) -> tuple[datetime, str]:
    """When the counts in ``path`` were observed, and where that came from.

    The header's ``collected_at`` first, then ``--collected-at``, then the file's
    modification time. Returns ``(instant in UTC, "header" | "--collected-at" | "file mtime")``.
    """
    when = _parse_time(header.get("collected_at")) if header else None
    if when is not None:
        return when.astimezone(UTC), "header"
    if ctx.collected_at is not None:
        return ctx.collected_at.astimezone(UTC), "--collected-at"
    ctx.used.add(FILE_MTIME)
    return datetime.fromtimestamp(path.stat().st_mtime, UTC), FILE_MTIME


def _reason_for_bad(raw: bytes) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return "not UTF-8 text (wrong encoding)"
    try:
        data = json.loads(text)
    except ValueError:
        return "invalid JSON (truncated or damaged line)"
    if not isinstance(data, dict):
        return "JSON that is not an object"
    return "not a snscrape item (no _type)"


def _reason_for_other(type_: str | None) -> str:
    if type_ in _OTHER_REASONS:
        return _OTHER_REASONS[type_]
    return f"not a tweet or user ({type_})"


def locate_lines(path: Path, ordinals: set[int]) -> dict[int, tuple[int, bytes]]:
    """Line number (1-based) and raw bytes of the non-blank lines at ``ordinals`` (0-based).

    Blank lines (whitespace only) are not counted, as DuckDB's JSON reader skips them.
    """
    found: dict[int, tuple[int, bytes]] = {}
    if not ordinals:
        return found
    last = max(ordinals)
    ordinal = -1
    with open_binary(path) as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            ordinal += 1
            if ordinal in ordinals:
                found[ordinal] = (lineno, line.rstrip(b"\r\n"))
                if ordinal >= last:
                    break
    return found


def _rejects_table(rows: list[dict]) -> pa.Table:
    """The rejects rows as a pyarrow table (pyarrow is imported only when there are some)."""
    import pyarrow as pa

    from pilot_eval.schema import REJECTS

    return pa.Table.from_pylist(rows, schema=REJECTS)


def salvage_gzip(path: Path, out: Path) -> tuple[int, bytes, str] | None:
    """Copy the whole lines that decompress from a damaged gzip ``path`` to ``out``.

    Returns ``(line number, raw bytes, error)`` of the first line lost (the partial
    line cut by the damage, or the line after the last whole one), or None when the
    file decompresses to its end (the parse failed for another reason; ``out`` is then
    removed).
    """
    lineno, tail = 0, b""
    try:
        with gzip.open(path, "rb") as src, open(out, "wb") as dst:
            for line in src:
                if not line.endswith(b"\n"):
                    tail = line  # the last line of an intact file may lack its newline
                    continue
                lineno += 1
                dst.write(line)
            if tail:
                dst.write(tail)
    except (OSError, EOFError, zlib.error) as exc:
        return lineno + 1, tail, str(exc) or type(exc).__name__
    out.unlink(missing_ok=True)
    return None


def _concat_rejects(table: pa.Table | None, rows: list[dict]) -> pa.Table:
    """``rows`` added after the rejects ``table`` (None: none yet)."""
    import pyarrow as pa

    extra = _rejects_table(rows)
    return extra if table is None else pa.concat_tables([table, extra])


def _file_reject(name: str, reason: str) -> ReadResult:
    return ReadResult(
        tweets=None,
        context=None,
        followers=None,
        rejects=_rejects_table([reject(name, 0, reason, "")]),
        failed=reason,
    )


class _Reader:
    name = NAME

    def sniff(self, head: bytes, path: Path) -> bool:
        """True when the first line that is a JSON object is a snscrape item or a
        collection header, and comes within the first :data:`SNIFF_LINES` non-blank
        lines (snscrape's log lines, when its stderr went to the file too, come
        first; each becomes a reject)."""
        lines = (line for line in head.split(b"\n") if line.strip())
        for line in itertools.islice(lines, SNIFF_LINES):
            if line.lstrip().startswith(b"{"):
                line = line[:4096]
                return b'"_type"' in line and (_PREFIX in line or COLLECTION_TYPE.encode() in line)
        return False

    def read(self, path: Path, ctx: ReadContext) -> ReadResult:
        """Read ``path`` into canonical frames (tweets as a pyarrow table, the rest pandas).

        The pipeline calls :meth:`read_to_parquet` instead, which writes Parquet parts.
        """
        import pyarrow.parquet as pq

        from pilot_eval.schema import empty_table, select_columns, to_pandas

        with tempfile.TemporaryDirectory(prefix="pilot_eval_snscrape_") as tmp:
            part = Path(tmp)
            result = self.read_to_parquet(path, ctx, part)
            tables = {}
            for name in ("tweets", "followers"):
                file = part / f"{name}.parquet"
                filters = [("_status", "=", "tweet")] if name == "tweets" else None
                tables[name] = (
                    select_columns(pq.read_table(file, filters=filters), name)
                    if file.exists()
                    else empty_table(name)
                )
        rejects = empty_table("rejects") if result.rejects is None else result.rejects
        result.tweets, result.context = tables["tweets"], empty_table("tweets")
        result.followers, result.rejects = to_pandas(tables["followers"]), to_pandas(rejects)
        result.staged = {}
        return result

    def read_to_parquet(self, path: Path, ctx: ReadContext, part: Path) -> ReadResult:
        """Parse ``path`` into Parquet files in the directory ``part``.

        ``tweets.parquet``: one row per non-blank line (the staged rows); rows with
        ``_status == "tweet"`` are tweets in canonical columns. ``followers.parquet``:
        the follower snapshots, when there are any. The returned :class:`ReadResult`
        gives their row counts (``staged``) and the rejects (None when there are none);
        its frames are None. A truncated or damaged gzip gives the lines before the
        damage and one reject for the rest. Nothing is written when the file cannot be
        parsed at all (one reject, line 0). Neither pandas nor pyarrow is imported
        unless there are rejects (issue 8).
        """
        name = ctx.name(path)
        header = read_header(path)
        when, time_source = collection_time(path, header, ctx)
        handle = (header or {}).get("handle") or ctx.handle
        gzipped = is_gzip(path)
        parsed = self._parse(path, gzipped, part, handle, when)
        source, damage = path, None
        if isinstance(parsed, str) and gzipped:
            source = part / ".salvaged.jsonl"
            damage = salvage_gzip(path, source)
            if damage is not None:
                parsed = self._parse(source, False, part, handle, when)
        try:
            if isinstance(parsed, str):
                return _file_reject(name, f"unreadable snscrape file: {parsed}")
            bad, staged, followers, later = parsed
            rejects = self._rejects(source, name, bad)
        finally:
            if source != path:
                source.unlink(missing_ok=True)
        if damage is not None:
            lineno, raw, why = damage
            reason = f"gzip file cut or damaged from this line on, the rest is lost ({why})"
            rejects = _concat_rejects(rejects, [reject(name, lineno, reason, raw)])
        return ReadResult(
            tweets=None,
            context=None,
            followers=None,
            rejects=rejects,
            notes=[f"time source: {time_source}"]
            + (
                [
                    f"{name}: {later} tweets created after the collection time "
                    f"({when.astimezone(UTC):%Y-%m-%d %H:%M} UTC, {time_source}): is it right?"
                ]
                if later
                else []
            ),
            simulated=bool((header or {}).get("simulated", False)),
            staged={"tweets": int(staged), "followers": int(followers)},
        )

    @staticmethod
    def _parse(
        source: Path, gzipped: bool, part: Path, handle: str | None, when: datetime
    ) -> tuple[list[tuple], int, int, int] | str:
        """Stage ``source`` into ``part``: (bad rows, tweets, follower snapshots, tweets
        created after the collection time), or
        DuckDB's error message when it cannot be parsed (nothing is then written)."""
        stage = part / "tweets.parquet"
        snapshots = part / "followers.parquet"
        con = connect(MEMORY_LIMIT, part / ".spill")
        try:
            # strict first: a file DuckDB reads without a single error (the usual case)
            # is parsed once, fast; any error (a damaged line, an object over 16 MiB)
            # and it is read again, tolerantly, to keep every line and reject the bad.
            # The legacy text field is read only when a tweet has no rawContent
            # (declaring it cost about 5 % of the parse, issue 8).
            strict_reads = (True, False)
            for legacy_text in (False, True):
                for strict in strict_reads:
                    query = stage_query(
                        source,
                        gzip=gzipped,
                        handle=handle,
                        collected_at=when,
                        strict=strict,
                        legacy_text=legacy_text,
                    )
                    try:
                        con.execute(f"COPY ({query}) TO {sql_literal(stage)} ({STAGE_PARQUET})")
                        break
                    except duckdb.Error as exc:
                        if not strict or is_interrupt(exc):
                            raise
                        strict_reads = (False,)  # the legacy pass, if any, reads tolerantly
                # header on the first line only; anything else not kept is a reject
                con.execute(
                    f"CREATE OR REPLACE TEMP VIEW s AS SELECT *, file_row_number AS _row "
                    f"FROM read_parquet({sql_literal(stage)}, file_row_number=true)"
                )
                if (
                    legacy_text
                    or not con.execute(
                        "SELECT 1 FROM s WHERE _status = 'tweet' AND text IS NULL LIMIT 1"
                    ).fetchall()
                ):
                    break
            bad = con.execute(
                "SELECT _row, _status, _type FROM s WHERE _status NOT IN ('tweet', 'user') "
                "AND NOT (_status = 'header' AND _row = 0) ORDER BY _row"
            ).fetchall()
            staged, later = con.execute(
                "SELECT count(*), count(*) FILTER (WHERE created_at > collected_at) "
                "FROM s WHERE _status = 'tweet'"
            ).fetchall()[0]
            # one snapshot per user: the User line (--with-entity) wins, then the last
            # line; an integer order key (a struct key was 3x slower, issue 8)
            last = f"CASE WHEN _status = 'user' THEN _row + {1 << 40} ELSE _row END"
            followers = con.execute(
                f"""COPY (SELECT _u_handle AS handle, collected_at AS observed_at,
                       arg_max(_u_followers, {last}) AS followers,
                       arg_max(_u_following, {last}) AS following,
                       arg_max(_u_tweets, {last}) AS tweets,
                       '{NAME}' AS source, CAST(NULL AS BOOLEAN) AS in_registry
                FROM s WHERE _status IN ('tweet', 'user') AND _u_handle IS NOT NULL
                    AND _u_followers IS NOT NULL
                GROUP BY _u_handle, collected_at ORDER BY min(_row))
                TO {sql_literal(snapshots)} ({PARQUET})"""
            ).fetchall()[0][0]
        except duckdb.Error as exc:
            if is_interrupt(exc):  # Ctrl-C inside DuckDB stops the run
                raise KeyboardInterrupt from None
            stage.unlink(missing_ok=True)
            snapshots.unlink(missing_ok=True)
            return str(exc).splitlines()[0][:300]
        finally:
            con.close()
            shutil.rmtree(part / ".spill", ignore_errors=True)
        if not followers:
            snapshots.unlink(missing_ok=True)
        return bad, staged, followers, later

    @staticmethod
    def _rejects(path: Path, name: str, bad: list[tuple]) -> pa.Table | None:
        if not bad:
            return None
        lines = locate_lines(path, {row for row, _, _ in bad})
        rows = []
        for row, status, type_ in bad:
            lineno, raw = lines.get(row, (0, b""))
            if status == "bad":
                reason = _reason_for_bad(raw)
            elif status == "other":
                reason = _reason_for_other(type_)
            else:
                reason = REASONS.get(status, status)
            rows.append(reject(name, lineno, reason, raw))
        return _rejects_table(rows)


#: Type of the staged Parquet rows, for readers of :meth:`_Reader.read_to_parquet`.
STAGE_EXTRA = ("_status", "_type", "_u_handle", "_u_followers", "_u_following", "_u_tweets")

READER = _Reader()

__all__ = ["READER", "STAGE_EXTRA", "collection_time", "locate_lines", "read_header"]
