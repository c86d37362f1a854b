"""``pilot-eval ingest``: walk, detect, read, keep per-file parts, merge atomically.

Per file, the reader's output is kept as Parquet *parts* in ``processed/.parts/<id>/``
(``tweets``, ``followers``, ``rejects``), named after the file's path, content hash and
read options, and the manifest records each file's content digest, size and mtime. A re-run
re-reads only new or changed files (an unchanged size and mtime skips even the hash)
and rebuilds the tables from the parts, so the result equals a cold rebuild. The new
tables are written to a temporary directory inside ``processed/`` and moved into place
with :func:`os.replace`, the manifest last: an interrupted run leaves the previous
tables readable and intact. Raw files are only ever opened for reading.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import zlib
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
import xxhash
from tqdm import tqdm

from pilot_eval.config import data_paths
from pilot_eval.errors import UserError, is_interrupt
from pilot_eval.ingest import base, formats
from pilot_eval.ingest.base import (
    FILE_MTIME,
    PARQUET,
    ReadContext,
    ReadResult,
    duckdb_session,
    is_gzip,
    read_head,
    reject,
    sql_literal,
)
from pilot_eval.ingest.merge import (
    followers_sql,
    prepare_merge,
    run_merge,
    tweets_sql,
)
from pilot_eval.registry import Registry
from pilot_eval.schema import empty_sql, names, sql_type
from pilot_eval.tables import MANIFEST, read_manifest

#: Bump when a reader's output changes: every part is then rebuilt.
PARTS_VERSION = 4
PARTS_DIR = ".parts"
TABLES = ("tweets", "followers", "rejects")
#: Bytes of a file read to tell it is blank (longer blank files are not "empty").
HEAD_BLANK = 65536
#: Readers' notes printed in the summary (all are in the manifest).
NOTES_SHOWN = 12
#: DuckDB's memory budget for the merge (it spills to disk beyond it).
MEMORY_LIMIT = "500MB"


@dataclass
class IngestSummary:
    """What an ingest run did; :meth:`render` is what the CLI prints."""

    files_by_format: Counter = field(default_factory=Counter)
    reread: list[str] = field(default_factory=list)
    reused: int = 0
    kept: int = 0
    dropped: list[str] = field(default_factory=list)
    unrecognised: list[str] = field(default_factory=list)
    #: files with nothing in them (empty, or blank lines only)
    empty: list[str] = field(default_factory=list)
    #: files that could not be opened: name -> reason (the run exits non-zero)
    unreadable: dict[str, str] = field(default_factory=dict)
    #: files opened but of which nothing could be read: name -> reason (one reject
    #: each; the run exits non-zero and the next run reads them again)
    failed: dict[str, str] = field(default_factory=dict)
    #: the readers' remarks on the files read this run ("file: remark"): rows skipped
    #: that are not rejects, where times and accounts came from
    notes: list[str] = field(default_factory=list)
    #: files already ingested that kept their earlier read options despite an explicit
    #: --handle / --collected-at (reached through DIR/raw, not named)
    options_kept: list[str] = field(default_factory=list)
    #: hidden files (``.name``, e.g. collect's temporary files) and README.md under raw
    skipped: list[str] = field(default_factory=list)
    #: files named on the command line that are no format pilot-eval reads (exit 1)
    named_unrecognised: list[str] = field(default_factory=list)
    tweets_new: int = 0
    tweets_updated: int = 0
    tweets_unchanged: int = 0
    tweets_removed: int = 0
    tweets_total: int = 0
    snapshots: int = 0
    rejects_by_reason: Counter = field(default_factory=Counter)
    unknown_accounts: list[str] = field(default_factory=list)
    time_sources: Counter = field(default_factory=Counter)
    simulated: bool = False
    changed: bool = True
    processed: Path | None = None
    exit_code: int = 0

    #: files read this run with rejects that ask for ``--handle`` (every reader's "no
    #: account" reason names the option): name -> rejects; the run exits 1
    needs_handle: dict[str, int] = field(default_factory=dict)

    def render(self) -> str:
        """The summary printed at the end of ``pilot-eval ingest``."""
        fmt = ", ".join(f"{n} {k}" for k, n in sorted(self.files_by_format.items())) or "none"
        lines = [
            f"files read: {sum(self.files_by_format.values())} ({fmt}); "
            f"re-read this run: {len(self.reread)}, unchanged: {self.reused}"
            + (f", kept from earlier runs: {self.kept}" if self.kept else ""),
            f"tweets: {self.tweets_total} ({self.tweets_new} new, {self.tweets_updated} updated, "
            f"{self.tweets_unchanged} unchanged"
            + (f", {self.tweets_removed} removed" if self.tweets_removed else "")
            + ")",
            f"follower snapshots: {self.snapshots}",
        ]
        n_rej = sum(self.rejects_by_reason.values())
        lines.append(f"rejects: {n_rej}")
        for reason, n in self.rejects_by_reason.most_common():
            lines.append(f"  {n:>7}  {reason}")
        if self.unreadable:
            lines.append(f"unreadable files, not ingested ({len(self.unreadable)}):")
            lines += [f"  {name}: {why}" for name, why in self.unreadable.items()]
        if self.failed:
            lines.append(
                f"files of which nothing could be read ({len(self.failed)}; "
                "read again by the next run):"
            )
            lines += [f"  {name}: {why}" for name, why in self.failed.items()]
        if self.empty:
            lines.append(
                f"empty files, nothing to read ({len(self.empty)}): "
                + ", ".join(self.empty[:10])
                + (" ..." if len(self.empty) > 10 else "")
            )
        if self.unrecognised:
            lines.append(f"unrecognised files ({len(self.unrecognised)}):")
            lines += [f"  {name}" for name in self.unrecognised]
        if self.skipped:
            lines.append(
                f"skipped, not data ({len(self.skipped)}: hidden files, README.md, pilot-eval's outputs): "
                + ", ".join(self.skipped[:10])
                + (" ..." if len(self.skipped) > 10 else "")
            )
        if self.options_kept:
            lines.append(
                f"--handle / --collected-at not applied to {len(self.options_kept)} files "
                "already ingested, which keep the options they were read with; name them "
                "(or their directory) to read them again with these options: "
                + ", ".join(self.options_kept[:5])
                + (" ..." if len(self.options_kept) > 5 else "")
            )
        if self.dropped:
            lines.append(f"files gone since the last run, their rows removed: {len(self.dropped)}")
        if self.unknown_accounts:
            lines.append(
                f"accounts not in the registry ({len(self.unknown_accounts)}, kept and flagged): "
                + ", ".join(self.unknown_accounts[:20])
                + (" ..." if len(self.unknown_accounts) > 20 else "")
            )
        if self.notes:
            lines.append(f"notes on the files read ({len(self.notes)}):")
            lines += [f"  {note}" for note in self.notes[:NOTES_SHOWN]]
            if len(self.notes) > NOTES_SHOWN:
                more = len(self.notes) - NOTES_SHOWN
                lines.append(f"  ... {more} more in {MANIFEST}")
        if self.time_sources:
            src = ", ".join(f"{k} ({n} files)" for k, n in sorted(self.time_sources.items()))
            lines.append(f"collection times of snscrape files from: {src}")
        if self.simulated:
            lines.append("data: SIMULATED (the bundled sample)")
        state = "written to" if self.changed else "unchanged in"
        lines.append(f"tables {state} {self.processed}")
        return "\n".join(lines)


# ---------------------------------------------------------------- files


def _hidden(path: Path, root: Path) -> bool:
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        parts = (path.name,)
    return any(p.startswith(".") for p in parts)


def walk(roots: list[Path], raw: Path, skipped: list[Path] | None = None) -> list[Path]:
    """Files under ``roots`` (absolute, sorted), without hidden files, README.md under
    ``raw``, and what pilot-eval writes beside ``raw`` (``processed/``, ``pseudonym.key``).

    Paths are made absolute without resolving symbolic links, so that a raw file
    linked from elsewhere is still named relative to ``raw``. Files passed over are
    appended to ``skipped`` when it is given, so that the summary can name them.
    """
    found: set[Path] = set()
    raw_r = _absolute(raw)
    # what pilot-eval itself writes in the data directory is never input (the data
    # directory named instead of its raw/ folder)
    own = data_paths(raw_r.parent).written
    for root in roots:
        root = _absolute(root)
        if root.is_file():
            found.add(root)
            continue
        for path in root.rglob("*"):
            if not path.is_file():
                continue
            if (
                _hidden(path, root)
                or (path.name.lower() == "readme.md" and path.is_relative_to(raw_r))
                or any(path.is_relative_to(o) for o in own)
            ):
                if skipped is not None:
                    skipped.append(path)
                continue
            found.add(path)
    return sorted(found, key=lambda p: str(p))


def _absolute(path: Path) -> Path:
    return Path(os.path.abspath(path))


#: Content digest recorded in the manifest (key ``digest``): XXH3 128-bit. It only has
#: to notice a file that changed (not resist forgery), and at about 10 GB/s it costs a
#: tenth of a second per GB where sha256 took most of a core beside the parse (issue 8).
DIGEST = "xxh3_128"


def file_digest(path: Path, chunk: int = 1 << 22) -> str:
    """``xxh3_128:<hex>`` of the file's bytes (as stored, gzipped or not)."""
    digest = xxhash.xxh3_128()
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            digest.update(block)
    return f"{DIGEST}:{digest.hexdigest()}"


# ---------------------------------------------------------------- parts


def _conform(frame, name: str):
    from pilot_eval.ingest.merge import _as_table

    return _as_table(frame, name)


def _with_status(table, status: str):
    import pyarrow as pa

    return table.append_column("_status", pa.array([status] * table.num_rows, pa.string()))


#: Nested tweets a staged snscrape part carries on its tweet rows (column prefix, see
#: :data:`pilot_eval.ingest.formats.snscrape.NESTED`): each becomes a context sighting.
NESTED_PREFIXES = ("_rt_", "_qt_")


def write_parts(result: ReadResult, part: Path) -> dict[str, int]:
    """Write a file's reader output as Parquet parts; returns rows per table.

    Tables the reader wrote itself (``result.staged``) are already in ``part``; a
    frame that is None is empty.
    """
    counts = {}
    for name in TABLES:
        if name in result.staged:
            counts[name] = result.staged[name]
            continue
        frame = getattr(result, name)
        context = result.context if name == "tweets" else None
        if frame is None and context is None:
            counts[name] = 0
            continue
        import pyarrow as pa
        import pyarrow.parquet as pq

        from pilot_eval.schema import empty_table

        table = empty_table(name) if frame is None else _conform(frame, name)
        counts[name] = table.num_rows
        if name == "tweets":
            # both have the tweets schema; pandas metadata is dropped
            context = empty_table(name) if context is None else _conform(context, name)
            table = pa.concat_tables(
                [
                    _with_status(table.replace_schema_metadata(), "tweet"),
                    _with_status(context.replace_schema_metadata(), "context"),
                ]
            )
        if table.num_rows:
            pq.write_table(table, part / f"{name}.parquet")
    return counts


def read_file(reader, path: Path, ctx: ReadContext, part: Path) -> tuple[ReadResult, dict]:
    """Read one file into ``part`` (a fresh directory); readers may stream to Parquet.

    A reader that fails on a file does not stop ingestion: the file becomes one reject
    (line 0) naming the format and the error.
    """
    part.mkdir(parents=True, exist_ok=True)
    try:
        if hasattr(reader, "read_to_parquet"):
            result = reader.read_to_parquet(path, ctx, part)
        else:
            result = reader.read(path, ctx)
        return result, write_parts(result, part)
    except (KeyboardInterrupt, MemoryError):
        raise
    except Exception as exc:  # a reader's bug, an input it did not foresee, a full disk
        if is_interrupt(exc):  # Ctrl-C inside DuckDB stops the run, keeps the tables
            raise KeyboardInterrupt from None
        shutil.rmtree(part, ignore_errors=True)
        part.mkdir(parents=True)
        import pandas as pd

        message = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
        reason = f"could not read as {reader.name}: {message}"
        rejects = pd.DataFrame([reject(ctx.name(path), 0, reason, "")])
        result = ReadResult(rejects=rejects, failed=reason)
        return result, write_parts(result, part)


# ---------------------------------------------------------------- merge


def _paths_sql(paths: list[Path]) -> str:
    return "[" + ", ".join(sql_literal(p) for p in paths) + "]"


def _relation(con, name: str, parts: list[tuple[int, Path]]) -> str | None:
    files = [(i, p / f"{name}.parquet") for i, p in parts if (p / f"{name}.parquet").exists()]
    if not files:
        return None
    # the file's index in path order, as a scalar lookup (a join would lose row order)
    index = ", ".join(f"{sql_literal(f)}: {i}" for i, f in files)
    columns = [c for c in names(name) if c != "in_registry"]
    cols = ", ".join(f't."{c}"' for c in columns)
    source = f"""read_parquet({_paths_sql([f for _, f in files])}, union_by_name=true,
                          filename=true, file_row_number=true) t"""
    file_index = f"CAST((MAP {{{index}}})[t.filename] AS BIGINT) AS _file"
    if name != "tweets":
        con.execute(
            f"""CREATE TEMP VIEW _all_{name} AS
            SELECT {cols}, {file_index}, t.file_row_number AS _row FROM {source}"""
        )
        return f"_all_{name}"
    con.execute(
        f"""CREATE TEMP VIEW _parts_tweets AS
        SELECT t.*, {file_index}, t.file_row_number AS _row FROM {source}"""
    )
    present = {r[0] for r in con.execute("DESCRIBE _parts_tweets").fetchall()}
    plain = ", ".join(f'"{c}"' for c in columns)
    selects = [
        f"SELECT {plain}, _file, _row, _status = 'context' AS _ctx FROM _parts_tweets "
        "WHERE _status IN ('tweet', 'context')"
    ]
    for prefix in NESTED_PREFIXES:
        if f"{prefix}tweet_id" not in present:
            continue
        nested = ", ".join(
            f'{prefix}{c} AS "{c}"'
            if f"{prefix}{c}" in present
            else f'CAST(NULL AS {sql_type("tweets", c)}) AS "{c}"'
            if c not in ("source", "collected_at")
            else f'"{c}"'
            for c in columns
        )
        selects.append(
            f"SELECT {nested}, _file, _row, true AS _ctx FROM _parts_tweets "
            f"WHERE _status = 'tweet' AND {prefix}tweet_id IS NOT NULL"
        )
    con.execute(f"CREATE TEMP VIEW _all_tweets AS {' UNION ALL '.join(selects)}")
    return "_all_tweets"


def connect(spill: Path) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection for merging (:func:`pilot_eval.ingest.base.connect`)."""
    return base.connect(MEMORY_LIMIT, spill)


def merge_parts(parts: list[tuple[int, Path]], registry: Registry, out: Path) -> None:
    """Merge the parts (``(path order, directory)``) into ``out/{tweets,followers,rejects}``."""
    con = connect(out / ".spill")
    try:
        for name in TABLES:
            rel = _relation(con, name, parts)
            if rel is None:
                sql = empty_sql(name)
            elif name == "tweets":
                sql = tweets_sql(rel, registry, merged=prepare_merge(con, rel))
            elif name == "followers":
                sql = followers_sql(rel, registry)
            else:
                sql = f"SELECT file, line, reason, raw FROM {rel} ORDER BY _file, _row"
            copy = f"COPY ({sql}) TO {sql_literal(out / f'{name}.parquet')} ({PARQUET})"
            run_merge(con, lambda copy=copy: con.execute(copy))
    finally:
        con.close()


def row_count(path: Path) -> int:
    """Rows of the Parquet file ``path``, from its footer."""
    con = connect(path.parent / ".spill")
    try:
        return con.execute(
            f"SELECT coalesce(sum(num_rows), 0) FROM parquet_file_metadata({sql_literal(path)})"
        ).fetchone()[0]
    finally:
        con.close()


def compare_tweets(old: Path, new: Path) -> dict[str, int]:
    """Tweets ``new`` / ``updated`` / ``unchanged`` / ``removed`` between two tables."""
    if not old.exists():
        return {"new": row_count(new), "updated": 0, "unchanged": 0, "removed": 0}
    con = connect(new.parent / ".spill")
    try:
        cols = ", ".join(names("tweets"))
        row = con.execute(
            f"""WITH o AS (SELECT tweet_id, hash(({cols})) AS h FROM read_parquet({sql_literal(old)})),
                     n AS (SELECT tweet_id, hash(({cols})) AS h FROM read_parquet({sql_literal(new)}))
            SELECT count(*) FILTER (WHERE o.tweet_id IS NULL),
                   count(*) FILTER (WHERE o.tweet_id IS NOT NULL AND n.tweet_id IS NOT NULL
                                    AND o.h <> n.h),
                   count(*) FILTER (WHERE o.h = n.h),
                   count(*) FILTER (WHERE n.tweet_id IS NULL)
            FROM n FULL JOIN o USING (tweet_id)"""
        ).fetchone()
    except duckdb.Error as exc:
        if is_interrupt(exc):
            raise KeyboardInterrupt from None
        return {"new": row_count(new), "updated": 0, "unchanged": 0, "removed": 0}
    finally:
        con.close()
    return dict(zip(("new", "updated", "unchanged", "removed"), row, strict=True))


def table_stamps(directory: Path) -> dict[str, list[int]]:
    """``{table: [size, mtime_ns]}`` of the tables in ``directory`` (to spot a torn publish)."""
    stamps = {}
    for name in TABLES:
        path = directory / f"{name}.parquet"
        if path.exists():
            st = path.stat()
            stamps[name] = [st.st_size, st.st_mtime_ns]
    return stamps


def publish(tmp: Path, processed: Path, manifest: dict) -> None:
    """Move the new tables into ``processed`` with :func:`os.replace`, manifest last.

    The manifest records each table's size and mtime (kept by :func:`os.replace`): a run
    interrupted between two replacements leaves tables that no longer match it, and the
    next run rebuilds them instead of trusting them.
    """
    manifest = {**manifest, "tables": table_stamps(tmp)}
    (tmp / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
    for name in TABLES:
        os.replace(tmp / f"{name}.parquet", processed / f"{name}.parquet")
    os.replace(tmp / MANIFEST, processed / MANIFEST)


# ---------------------------------------------------------------- ingest


def _registry_fingerprint(registry: Registry) -> str:
    return hashlib.sha256("\n".join(a.handle for a in registry).encode()).hexdigest()[:16]


def _options(handle: str | None, collected_at: datetime | None) -> dict:
    return {"handle": handle, "collected_at": collected_at.isoformat() if collected_at else None}


def _part_id(key: str, digest: str, options: dict, mtime_ns: int) -> str:
    """The name of a file's part: a new read of the same content under another
    modification time (which may date its counts) gets another name, so the tables
    are written again."""
    text = json.dumps([PARTS_VERSION, key, digest, options, mtime_ns], sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def _covered(path: Path, roots: list[Path]) -> bool:
    return any(path == r or path.is_relative_to(r) for r in roots)


def _roots(inputs: list[Path] | None, raw: Path) -> list[Path]:
    """The paths to walk; a :class:`UserError` for a missing path or ``raw`` directory."""
    if inputs is None:
        if not raw.is_dir():
            raise UserError(
                f"no raw data directory {raw}: put input files there "
                f"(or run 'pilot-eval sample'), or give the files to ingest"
            )
        return [raw]
    missing = [str(p) for p in inputs if not p.exists()]
    if missing:
        raise UserError(f"no such file or directory: {', '.join(missing)}")
    return list(inputs)


def _options_for(
    path: Path, entry: dict | None, given: dict, explicit: bool, named: list[Path]
) -> dict:
    """The read options of one file in this run.

    ``--handle`` / ``--collected-at`` apply to files read for the first time, to files
    whose size or modification time changed, and to the files and directories named on
    the command line (``named``). A file already ingested and unchanged, reached
    through ``DIR/raw`` when no path is given, keeps the options it was read with: a
    later ``ingest --collected-at T`` for a new dump must not re-date earlier
    collections. An option not given keeps the value a file was read with: a later
    ``--collected-at`` does not undo an earlier ``--handle`` (review).
    """
    if entry is None:
        return given
    recorded = entry.get("options", given)
    if not explicit:
        return recorded
    st = path.stat()
    changed = (entry.get("size"), entry.get("mtime_ns")) != (st.st_size, st.st_mtime_ns)
    if not (changed or _covered(_absolute(path), named)):
        return recorded
    return {k: v if v is not None else recorded.get(k) for k, v in given.items()}


def _kept_earlier_options(options: dict, given: dict) -> bool:
    """True when an option given this run was not applied to a file (it kept its own)."""
    return any(v is not None and options.get(k) != v for k, v in given.items())


def _ingest_file(
    path, key, entry, options, base_ctx, parts_dir, summary, *, current: bool = True
) -> dict | None:
    """The manifest entry of one file: reused when unchanged, else read into a new part.

    Unchanged means a part of this :data:`PARTS_VERSION` (``current``: the manifest's),
    same read options, same side files (``formats.context_stamp``) and same size and
    mtime (no hash needed), or same content digest (unless the read dated counts by the
    mtime). A file never seen is hashed while it is read. A file that cannot be opened
    is named in the summary; the rows of its last read, if any, are kept.
    """
    try:
        with open(path, "rb"):
            pass
    except OSError as exc:
        summary.unreadable[key] = exc.strerror or str(exc)
        summary.exit_code = 1
        kept = entry is not None and (parts_dir / str(entry.get("part"))).is_dir()
        return entry if kept else None
    st = path.stat()
    reusable = (
        current
        and entry is not None
        and not entry.get("failed")
        and entry.get("options") == options
        and entry.get("context") == formats.context_stamp(entry.get("format"), path)
        and (parts_dir / str(entry.get("part"))).is_dir()
    )
    if reusable and (entry.get("size"), entry.get("mtime_ns")) == (st.st_size, st.st_mtime_ns):
        summary.reused += 1
        return entry
    if entry is None:
        return _read_new(path, key, st, options, base_ctx, parts_dir, summary)
    digest = file_digest(path)
    if reusable and entry.get("digest") == digest and not entry.get("uses_mtime"):
        summary.reused += 1
        return {**entry, "size": st.st_size, "mtime_ns": st.st_mtime_ns}
    return _read_one(path, key, digest, st, options, base_ctx, parts_dir, summary)


def ingest(
    inputs: list[Path] | None,
    data_dir: Path,
    registry: Registry,
    handle: str | None = None,
    collected_at: datetime | None = None,
    progress: bool = True,
) -> IngestSummary:
    """Detect, read, validate and merge raw files into ``data_dir/processed``.

    Parameters
    ----------
    inputs
        Files or directories; None means ``data_dir/raw``.
    data_dir
        The data directory (tables go to ``data_dir/processed``).
    registry
        Accounts whose handles are matched case-insensitively.
    handle, collected_at
        ``--handle`` and ``--collected-at`` for files that do not say them.
    progress
        Show a tqdm progress bar (bytes) on stderr.

    Files ingested by earlier runs outside ``inputs`` stay in the tables while they
    exist; files under ``inputs`` that disappeared are removed. Raises
    :class:`UserError` when a path does not exist, ``data_dir/raw`` is missing,
    nothing at all could be read, or another ingest is running on ``data_dir``.
    """
    paths = data_paths(data_dir)
    roots = _roots(inputs, paths.raw)
    paths.processed.mkdir(parents=True, exist_ok=True)
    with _exclusive(paths.processed):
        return _ingest(inputs, roots, paths, registry, handle, collected_at, progress)


#: Lock file of a running ingest, in ``processed/``.
LOCK = ".ingest.lock"


@contextmanager
def _exclusive(processed: Path) -> Iterator[None]:
    """Hold ``processed/.ingest.lock`` for the run: two ingests of one data directory at
    once would remove each other's parts; the second one is refused (review). Where
    ``fcntl`` does not exist (Windows), nothing is locked."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    with open(processed / LOCK, "a+b") as fh:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UserError(
                f"another ingest is running on {processed.parent}: wait for it to end "
                "and run this one again"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def _ingest(inputs, roots, paths, registry, handle, collected_at, progress) -> IngestSummary:
    raw, processed = paths.raw, paths.processed
    parts_dir = processed / PARTS_DIR
    parts_dir.mkdir(exist_ok=True)
    for pattern in (".tmp-ingest-*", ".spill-*"):  # left by an interrupted run
        for stale in processed.glob(pattern):
            shutil.rmtree(stale, ignore_errors=True)
    # one DuckDB database for the whole run (each connect() is then a cursor of it)
    with duckdb_session(processed / f".spill-{os.getpid()}"):
        try:
            old = read_manifest(processed)
        except UserError:
            old = {}
        old_files: dict = old.get("files", {}) if isinstance(old.get("files"), dict) else {}
        base_ctx = ReadContext(
            registry=registry, root=raw, handle=handle, collected_at=collected_at
        )
        given = _options(handle, collected_at)
        explicit = handle is not None or collected_at is not None

        passed_over: list[Path] = []
        files = walk(roots, raw, passed_over)
        summary = IngestSummary(processed=processed)
        summary.skipped = sorted(base_ctx.name(p) for p in passed_over)
        entries: dict[str, dict] = {}
        resolved_roots = [_absolute(r) for r in roots]
        named = resolved_roots if inputs is not None else []
        # parts written by another version of the readers are never reused: every file
        # is read again, those outside this run's inputs too
        current = old.get("version") == PARTS_VERSION
        # files from earlier runs, outside this run's inputs, that still exist
        for key, entry in old_files.items():
            location = Path(entry.get("path", ""))
            if _covered(location, resolved_roots):
                continue
            part = parts_dir / str(entry.get("part"))
            if location.is_file() and (not current or entry.get("failed")):
                files.append(location)  # read again: parts of old code, a failed read
            elif location.is_file() and part.is_dir():
                entries[key] = entry
                summary.kept += 1
            else:
                summary.dropped.append(key)

        total = sum(p.stat().st_size for p in files)
        bar = tqdm(
            total=total,
            unit="B",
            unit_scale=True,
            desc="ingest",
            file=sys.stderr,
            disable=not progress,
            leave=False,
        )
        try:
            for path in files:
                key = base_ctx.name(path)
                entry = old_files.get(key)
                options = _options_for(path, entry, given, explicit, named)
                if explicit and _kept_earlier_options(options, given):
                    summary.options_kept.append(key)
                bar.set_postfix_str(key[-40:], refresh=False)
                entry = _ingest_file(
                    path, key, entry, options, base_ctx, parts_dir, summary, current=current
                )
                if key in summary.unrecognised and _absolute(path) in named:
                    summary.named_unrecognised.append(key)
                    summary.exit_code = 1
                if entry is not None:
                    entries[key] = entry
                bar.update(path.stat().st_size)
        finally:
            bar.close()
        for key in old_files:
            if (
                key not in entries
                and key not in summary.dropped
                and key not in summary.unrecognised
                and key not in summary.unreadable
                and key not in summary.empty
            ):
                summary.dropped.append(key)

        if not entries:
            where = ", ".join(str(r) for r in roots)
            found = [
                f"{len(summary.unreadable)} unreadable: "
                + ", ".join(f"{k} ({v})" for k, v in list(summary.unreadable.items())[:3])
                if summary.unreadable
                else "",
                f"{len(summary.unrecognised)} unrecognised" if summary.unrecognised else "",
                f"{len(summary.empty)} empty" if summary.empty else "",
            ]
            detail = "; ".join(f for f in found if f) or "no files"
            kept = (
                f"; the tables in {processed} were left as they were"
                if (processed / MANIFEST).exists()
                else ""
            )
            raise UserError(f"nothing could be read under {where} ({detail}){kept}")

        ordered = sorted(entries)
        reread = set(summary.reread)
        for key in ordered:
            entry = entries[key]
            if key in reread:
                summary.notes += entry.get("notes", [])
            summary.files_by_format[entry["format"]] += 1
            if entry.get("time_source"):
                summary.time_sources[entry["time_source"]] += 1
            summary.simulated |= bool(entry.get("simulated"))
        manifest = {
            "version": PARTS_VERSION,
            "simulated": summary.simulated,
            "sources": sorted({entries[k]["format"] for k in ordered}),
            "registry": _registry_fingerprint(registry),
            "files": {k: entries[k] for k in ordered},
        }
        _write_tables(paths, registry, old, manifest, summary)
        _describe_tables(paths, summary)
        if summary.needs_handle:
            summary.exit_code = 1
        return summary


def _write_tables(paths, registry: Registry, old: dict, manifest: dict, summary) -> None:
    """Rebuild and publish the tables, or leave them untouched when nothing changed."""
    processed = paths.processed
    parts_dir = processed / PARTS_DIR
    old_files = old.get("files", {}) if isinstance(old.get("files"), dict) else {}
    entries = manifest["files"]
    ordered = list(entries)
    # a failed read is read again under the same part name: whether it failed counts
    same = (
        {k: (e.get("part"), bool(e.get("failed"))) for k, e in old_files.items()}
        == {k: (e["part"], bool(e.get("failed"))) for k, e in entries.items()}
        and old.get("registry") == manifest["registry"]
        and old.get("version") == PARTS_VERSION
        and old.get("tables") == table_stamps(processed)
        and all(paths.table(n).exists() for n in TABLES)
    )
    if same:
        summary.changed = False
        manifest["tables"] = old.get("tables")
        if manifest != old:  # only mtimes moved: record them, tables untouched
            tmp_manifest = processed / f".{MANIFEST}.tmp"
            tmp_manifest.write_text(
                json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8"
            )
            os.replace(tmp_manifest, processed / MANIFEST)
        n = row_count(paths.table("tweets"))
        summary.tweets_total = summary.tweets_unchanged = n
    else:
        tmp = processed / f".tmp-ingest-{os.getpid()}"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir()
        try:
            merge_parts(
                [(i, parts_dir / entries[k]["part"]) for i, k in enumerate(ordered)], registry, tmp
            )
            changes = compare_tweets(paths.table("tweets"), tmp / "tweets.parquet")
            publish(tmp, processed, manifest)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        summary.tweets_new = changes["new"]
        summary.tweets_updated = changes["updated"]
        summary.tweets_unchanged = changes["unchanged"]
        summary.tweets_removed = changes["removed"]
        summary.tweets_total = row_count(paths.table("tweets"))
        _collect_garbage(parts_dir, {e["part"] for e in entries.values()})


def _detect(path: Path, key: str, summary: IngestSummary):
    """The reader of ``path``; None, with the file named in the summary, when its
    format is unknown, when it is empty (or blank), or a gzip of which nothing
    decompresses."""
    reader = formats.detect(path)
    if reader is None:
        if _blank(path):
            summary.empty.append(key)
        elif is_gzip(path) and not read_head(path):
            summary.unreadable[key] = "damaged gzip: nothing could be decompressed"
            summary.exit_code = 1
        else:
            summary.unrecognised.append(key)
    return reader


def _blank(path: Path) -> bool:
    """True for an empty file, or one of blank lines only (a gzip of one, too)."""
    if not path.stat().st_size:
        return True
    try:
        with base.open_binary(path) as fh:
            return not fh.read(HEAD_BLANK).strip() and not fh.read(1)
    except (OSError, EOFError, zlib.error):
        return False


def _read_new(path, key, st, options, base_ctx, parts_dir, summary) -> dict | None:
    """Read a file never seen before, hashing it in a thread meanwhile.

    The part is read under a provisional name and renamed once the hash is known, so
    that its name depends on the content as for any other file.
    """
    reader = _detect(path, key, summary)
    if reader is None:
        return None
    with ThreadPoolExecutor(max_workers=1) as pool:
        future = pool.submit(file_digest, path)
        provisional = f"new-{os.getpid()}-{len(summary.reread)}"
        entry = _read_one(
            path, key, provisional, st, options, base_ctx, parts_dir, summary, reader=reader
        )
        digest = future.result()
    part_id = _part_id(key, digest, options, st.st_mtime_ns)
    shutil.rmtree(parts_dir / part_id, ignore_errors=True)
    os.replace(parts_dir / entry["part"], parts_dir / part_id)
    return {**entry, "digest": digest, "part": part_id}


def _read_one(path, key, digest, st, options, base_ctx, parts_dir, summary, reader=None):
    reader = reader or _detect(path, key, summary)
    if reader is None:
        return None
    collected = datetime.fromisoformat(options["collected_at"]) if options["collected_at"] else None
    ctx = ReadContext(
        registry=base_ctx.registry,
        root=base_ctx.root,
        handle=options["handle"],
        collected_at=collected,
    )
    part_id = _part_id(key, digest, options, st.st_mtime_ns)
    part = parts_dir / part_id
    shutil.rmtree(part, ignore_errors=True)
    context = formats.context_stamp(reader.name, path)
    result, counts = read_file(reader, path, ctx, part)
    summary.reread.append(key)
    if result.failed:
        summary.failed[key] = result.failed
        summary.exit_code = 1
    time_source = next(
        (n.split(": ", 1)[1] for n in result.notes if n.startswith("time source: ")), None
    )
    return {
        "path": str(path),
        "digest": digest,
        "size": st.st_size,
        "mtime_ns": st.st_mtime_ns,
        "format": reader.name,
        "part": part_id,
        "options": options,
        "rows": counts,
        "simulated": bool(result.simulated),
        "time_source": time_source,
        "uses_mtime": FILE_MTIME in ctx.used,
        "context": context,
        "notes": [n for n in result.notes if not n.startswith("time source: ")],
        **({"failed": result.failed} if result.failed else {}),
    }


def _collect_garbage(parts_dir: Path, keep: set[str]) -> None:
    for child in parts_dir.iterdir():
        if child.name not in keep:
            shutil.rmtree(child, ignore_errors=True)


def _describe_tables(paths, summary: IngestSummary) -> None:
    con = connect(paths.processed / ".spill")
    try:
        t, f, r = (f"read_parquet({sql_literal(paths.table(n))})" for n in TABLES)
        summary.snapshots = con.execute(f"SELECT count(*) FROM {f}").fetchone()[0]
        summary.rejects_by_reason = Counter(
            dict(con.execute(f"SELECT reason, count(*) FROM {r} GROUP BY reason").fetchall())
        )
        reread = set(summary.reread)
        summary.needs_handle = {
            name: n
            for name, n in con.execute(
                f"SELECT file, count(*) FROM {r} WHERE contains(reason, '--handle') "
                "GROUP BY file ORDER BY file"
            ).fetchall()
            if name in reread
        }
        summary.unknown_accounts = [
            h
            for (h,) in con.execute(
                f"SELECT DISTINCT handle FROM (SELECT handle, in_registry FROM {t} UNION ALL "
                f"SELECT handle, in_registry FROM {f}) WHERE NOT in_registry AND handle IS NOT NULL "
                f"ORDER BY handle"
            ).fetchall()
        ]
    finally:
        con.close()
