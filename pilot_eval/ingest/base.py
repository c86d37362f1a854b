"""The reader interface every input format implements (SPEC section 4).

A reader recognises its format *by content* (:meth:`Reader.sniff` on the first bytes
of a file, already un-gzipped) and turns one file into frames with the columns of the
canonical tables (:mod:`pilot_eval.schema`): tweets, follower snapshots, and rejects.
Readers never modify the file, never drop a record silently (every unusable record is
a reject with file, line, reason and raw text) and never touch ``data/processed``:
merging is :mod:`pilot_eval.ingest.merge`'s job.
"""

from __future__ import annotations

import gzip
import shutil
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Protocol

import duckdb

from pilot_eval.registry import Registry
from pilot_eval.schema import empty_frame

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

#: In :attr:`ReadContext.used`: the read dated counts by the file's modification time.
FILE_MTIME = "file mtime"
#: How many bytes :func:`read_head` gives to :meth:`Reader.sniff`.
HEAD_BYTES = 64 * 1024
GZIP_MAGIC = b"\x1f\x8b"
#: Raw text kept in a reject is truncated to this many characters.
RAW_MAX = 4096


#: Rows per Parquet row group of what ingest writes with DuckDB (staged parts and the
#: tables). DuckDB's default (122,880) makes its order-preserving writer buffer and
#: finish each large row group on one thread: with 20,000 the parse of 300k tweets
#: is about 1.5x and the write of the table 1.6x faster, and 1M tweets stay near
#: 0.6 GiB (issue 8, measured with bench/run.py).
ROW_GROUP_SIZE = 20_000
PARQUET = f"FORMAT parquet, ROW_GROUP_SIZE {ROW_GROUP_SIZE}"
#: The same for a staged part, which only ingest reads back: uncompressed. Snappy cost
#: about 0.3 s per 300k tweets when writing and again when reading; a part is then
#: about 3x larger on disk (55 MB per 300k snscrape tweets instead of 18 MB), still a
#: twentieth of its raw file (issue 8).
STAGE_PARQUET = f"{PARQUET}, COMPRESSION uncompressed"


# ---------------------------------------------------------------- DuckDB

#: The in-memory DuckDB database of the running ingest (:func:`duckdb_session`), if any:
#: a context variable, so that another thread (which starts with it unset) or a nested
#: session never gets, or closes, a database that is not its own.
_SESSION: ContextVar[duckdb.DuckDBPyConnection | None] = ContextVar(
    "pilot_eval_duckdb_session", default=None
)


@contextmanager
def duckdb_session(spill: Path) -> Iterator[None]:
    """One in-memory DuckDB database for a whole ingest run, spilling into ``spill``.

    While it is open, :func:`connect` (in the same thread) gives cursors of it: opening
    a new database costs about 20 ms, and an ingest used five (issue 8). ``spill`` is
    removed at the end.
    """
    database = duckdb.connect()
    database.execute(f"SET temp_directory = {sql_literal(spill)}")
    token = _SESSION.set(database)
    try:
        yield
    finally:
        _SESSION.reset(token)
        database.close()
        shutil.rmtree(spill, ignore_errors=True)


def connect(memory_limit: str, spill: Path) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection in UTC within a memory budget (DuckDB spills beyond it).

    A cursor of the running :func:`duckdb_session` when there is one (which spills into
    its own directory), else a new database spilling into ``spill``. Close it after use.
    In a session the budget applies to the whole database: the last connection opened
    sets it (ingest opens them one after another).
    """
    database = _SESSION.get()
    if database is not None:
        con = database.cursor()
    else:
        con = duckdb.connect()
        con.execute(f"SET temp_directory = {sql_literal(spill)}")
    con.execute("SET TimeZone = 'UTC'")
    con.execute(f"SET memory_limit = '{memory_limit}'")
    return con


def sql_literal(value: object | None) -> str:
    """``value`` as a SQL string literal (``NULL`` for None): paths and names in DuckDB
    queries, where a quote (``/data/l'essai``) must not end the string."""
    if value is None:
        return "NULL"
    return "'" + str(value).replace("'", "''") + "'"


@dataclass(frozen=True)
class ReadContext:
    """What a reader may need besides the file.

    ``root``: the ingested root, to name files relative to it in rejects.
    ``handle``: ``--handle``, for formats that do not name their account.
    ``collected_at``: ``--collected-at``, when counts in a file were observed.
    ``used``: what the read took from outside the file's content; a reader adds
    :data:`FILE_MTIME` when it dated counts by the file's modification time, so that
    the file is read again whenever that time changes.
    """

    registry: Registry
    root: Path
    handle: str | None = None
    collected_at: datetime | None = None
    used: set[str] = field(default_factory=set, compare=False, hash=False)

    def name(self, path: Path) -> str:
        """``path`` relative to the ingested root (as shown in rejects and summaries)."""
        try:
            return str(Path(path).resolve().relative_to(self.root.resolve()))
        except ValueError:
            return str(path)


@dataclass
class ReadResult:
    """What one file gave. Frames follow :mod:`pilot_eval.schema`; missing columns are null."""

    tweets: pd.DataFrame | pa.Table | None = field(default_factory=lambda: empty_frame("tweets"))
    followers: pd.DataFrame | pa.Table | None = field(
        default_factory=lambda: empty_frame("followers")
    )
    rejects: pd.DataFrame | pa.Table | None = field(default_factory=lambda: empty_frame("rejects"))
    #: Context sightings (tweets columns): nested / included copies of tweets, merged
    #: with ``_status = "context"`` (they update rows, never create them).
    context: pd.DataFrame | pa.Table | None = field(default_factory=lambda: empty_frame("tweets"))
    #: Human-readable remarks for the summary (e.g. "collection time from file mtime").
    notes: list[str] = field(default_factory=list)
    #: True when the file is part of the bundled simulated sample.
    simulated: bool = False
    #: Tables a reader wrote to the part directory itself (``read_to_parquet``), with
    #: their row counts: ``{"tweets": n, "followers": m}``. Their frames above are then
    #: None (``tweets``: the staged rows, see the snscrape reader).
    staged: dict[str, int] = field(default_factory=dict)
    #: Why nothing of the file could be read (a reader's error, DuckDB refusing it, a
    #: full disk), or None. Such a read is not kept: the next run reads the file again.
    failed: str | None = None


class Reader(Protocol):
    """One input format."""

    #: Format name, stored in the ``source`` column (e.g. ``"snscrape"``).
    name: str

    def sniff(self, head: bytes, path: Path) -> bool:
        """True if ``head`` (the first bytes, un-gzipped) is this format."""
        ...

    def read(self, path: Path, ctx: ReadContext) -> ReadResult:
        """Read the whole file (gzipped or not) into a :class:`ReadResult`."""
        ...


def is_gzip(path: Path) -> bool:
    """True when the file starts with the gzip magic bytes (by content, not name)."""
    with open(path, "rb") as fh:
        return fh.read(2) == GZIP_MAGIC


def open_binary(path: Path) -> IO[bytes]:
    """Open ``path`` for reading bytes, transparently un-gzipping it."""
    return gzip.open(path, "rb") if is_gzip(path) else open(path, "rb")


def read_head(path: Path, size: int = HEAD_BYTES) -> bytes:
    """The first ``size`` bytes of ``path``, un-gzipped; of a truncated or damaged gzip,
    what decompresses before the damage (so that its format is still recognised); b""
    for a file that cannot be opened."""
    try:
        with open(path, "rb") as fh:
            if fh.read(2) != GZIP_MAGIC:
                fh.seek(0)
                return fh.read(size)
            fh.seek(0)
            out = bytearray()
            inflate = zlib.decompressobj(wbits=31)  # gzip framing
            pending = b""
            while len(out) < size and (pending or (pending := fh.read(4096))):
                try:
                    out += inflate.decompress(pending)
                except zlib.error:
                    break
                pending = b""
                if inflate.eof:  # the next member of a multi-member gzip, if any
                    pending = inflate.unused_data
                    inflate = zlib.decompressobj(wbits=31)
            return bytes(out[:size])
    except OSError:
        return b""


def reject(file: str, line: int, reason: str, raw: str | bytes) -> dict:
    """One rejects row; ``raw`` is decoded leniently and truncated to :data:`RAW_MAX`."""
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8", errors="replace")
    return {"file": file, "line": int(line), "reason": reason, "raw": raw[:RAW_MAX]}


# ---------------------------------------------------------------- collection header
#
# Files written by ``pilot-eval collect`` (and the simulated sample, which imitates
# them) start with one extra JSON line before snscrape's own lines:
#
#   {"_type": "pilot_eval.collect.Collection", "collected_at": "2014-04-01T06:00:00+00:00",
#    "handle": "PNationale44", "query": "from:PNationale44 since:... until:...",
#    "since": "2013-12-23", "until": "2014-03-31", "snscrape": "0.7.0.20230622",
#    "simulated": false}
#
# ``collected_at`` is when the counts in the file were observed (SPEC section 4); the
# snscrape reader applies it to every tweet and to the User entity (a follower
# snapshot). ``simulated`` is true only in the bundled sample.

COLLECTION_TYPE = "pilot_eval.collect.Collection"


def collection_header(
    *,
    handle: str,
    collected_at: datetime,
    query: str | None = None,
    since: str | None = None,
    until: str | None = None,
    snscrape_version: str | None = None,
    simulated: bool = False,
) -> dict:
    """The first line of a collected snscrape file (see the comment above)."""
    if collected_at.tzinfo is None:
        raise ValueError("collected_at must be timezone-aware")
    return {
        "_type": COLLECTION_TYPE,
        "collected_at": collected_at.isoformat(),
        "handle": handle,
        "query": query,
        "since": since,
        "until": until,
        "snscrape": snscrape_version,
        "simulated": simulated,
    }
