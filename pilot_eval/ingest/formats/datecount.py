"""Reader for follower histories that do not name their account (SPEC section 4.5).

Three shapes, recognised by their header (FORMATS.md section 6):

* ``date,count`` — follower counts read off archived profile pages
  (oduwsdl/FollowerCountHistory);
* ``MementoDatetime,URIM,FollowerCount,...`` — the same tool's memento form:
  ``MementoDatetime`` is ``%Y%m%d%H%M%S`` (UTC, as the Memento protocol gives it) and
  the URI-M (``https://web.archive.org/web/<ts>/https://twitter.com/<handle>``) names
  the account;
* manual logs with ``date`` and ``followers`` columns (e.g. rOpenSci's monthly
  ``twitter_metrics_monthly_*.csv``); ``NA`` or a blank means "not recorded": the row
  cannot be used, so it is a reject ("no follower count recorded"). Other columns of such logs
  (``tweets`` = tweets posted that month, impressions...) are not profile counts and are
  not read.

Time: an observation is an instant (SPEC section 5). A bare date ``YYYY-MM-DD`` is
taken as **00:00 UTC** of that day: the count was read at some time that day, the
files do not say when, and the start of the day is the convention that keeps the
point on the right calendar day in UTC and within 1 hour of the day's start in Paris.
A date with a time and offset is used as is.

Account, in order: the URI-M (memento form), which names it row by row; a registry
handle written in the file's name (``followers_pnationale06.csv``; case insensitive,
the longest match wins; the notes say when it overrode ``--handle``);
``pilot-eval ingest --handle``, for files that do not name it. Without one, every row
is a reject whose reason says to pass ``--handle``.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from pilot_eval.ingest.base import ReadContext, ReadResult, reject
from pilot_eval.ingest.formats._rows import (
    MISSING,
    check_row,
    csv_header,
    csv_records,
    frame,
    handle_in_name,
    read_text,
    to_int,
    utc_from_iso,
    utc_midnight,
)

NAME = "datecount"

NO_HANDLE = (
    "follower history without an account: pass --handle and name this file "
    "(or put the handle in the file name)"
)

_URIM_HANDLE = re.compile(r"(?:twitter|x)\.com/(?:#!/)?@?([A-Za-z0-9_]{1,20})(?:[/?#]|$)")
#: Columns that belong to the handle,observed_at,followers format (followers_csv).
_OTHER_FORMAT = {"handle", "observed_at"}


class _Reader:
    """``date,count``, memento and manual monthly follower logs."""

    name = NAME

    def sniff(self, head: bytes, path: Path) -> bool:
        """A CSV with ``date,count``, ``MementoDatetime,URIM,FollowerCount`` or ``date`` and ``followers``."""
        return _shape(csv_header(head)) is not None

    def read(self, path: Path, ctx: ReadContext) -> ReadResult:
        """One follower snapshot per row; see the module docstring."""
        return _read(Path(path), ctx)


READER = _Reader()


def _shape(header: list[str] | None) -> tuple[str, str, str] | None:
    """``(shape, time column, count column)`` of a header, or None if not this format."""
    if not header:
        return None
    columns = [c.strip().lower() for c in header]
    names = set(columns)
    if names & _OTHER_FORMAT:
        return None
    if columns[:2] == ["date", "count"]:
        return "datecount", "date", "count"
    if {"mementodatetime", "urim", "followercount"} <= names:
        return "memento", "mementodatetime", "followercount"
    if {"date", "followers"} <= names:
        return "log", "date", "followers"
    return None


def observation_time(value: str, shape: str) -> datetime:
    """When a count was observed.

    Parameters
    ----------
    value : str
        ``YYYY-MM-DD`` (read as 00:00 UTC of that day), an ISO 8601 instant with an
        offset, or for ``shape="memento"`` a Memento-Datetime ``%Y%m%d%H%M%S`` (UTC).
    shape : str
        ``"datecount"``, ``"log"`` or ``"memento"``.

    Returns
    -------
    datetime
        The instant in UTC. Raises ``ValueError`` for anything else.
    """
    value = value.strip()
    if shape == "memento":
        return datetime.strptime(value, "%Y%m%d%H%M%S").replace(tzinfo=UTC)
    if len(value) == 10:
        return utc_midnight(value)
    return utc_from_iso(value)


def handle_of_urim(urim: str) -> str | None:
    """The account of a URI-M such as ``.../web/2014.../https://twitter.com/pnationale06``."""
    match = _URIM_HANDLE.search(urim or "")
    return match.group(1) if match else None


def _read(path: Path, ctx: ReadContext) -> ReadResult:
    text, encoding_note = read_text(path)
    file = ctx.name(path)
    notes = [f"{file}: {encoding_note}"] if encoding_note else []
    header = [c.strip().lower() for c in csv_header(text[:65536].encode("utf-8")) or []]
    shape = _shape(header)
    if shape is None:
        reason = "not a date,count or follower log file (header not recognised)"
        return ReadResult(rejects=frame([reject(file, 1, reason, text)], "rejects"))
    kind, time_column, count_column = shape
    given = ctx.handle.lstrip("@") if ctx.handle else None
    from_name = handle_in_name(path, ctx.registry)
    # the file's name names its account: --handle is for files that do not (review)
    fixed = from_name or given
    snapshots: dict[tuple[str, datetime], dict] = {}
    rejects: list[dict] = []
    repeated = 0
    for line, cells, raw in csv_records(text):
        if len(cells) != len(header):
            reason = f"{len(cells)} cells where the header has {len(header)} (truncated row?)"
            rejects.append(reject(file, line, reason, raw))
            continue
        record = dict(zip(header, cells, strict=True))
        if record[count_column].strip() in MISSING:
            reason = f"no follower count recorded ({record[count_column].strip() or 'blank'})"
            rejects.append(reject(file, line, reason, raw))
            continue
        urim = handle_of_urim(record.get("urim", "")) if kind == "memento" else None
        handle = urim or fixed
        try:
            row = check_row(_snapshot(record, handle, shape), "followers")
        except ValueError as exc:
            rejects.append(reject(file, line, str(exc), raw))
            continue
        key = (row["handle"].casefold(), row["observed_at"])
        repeated += key in snapshots
        snapshots[key] = row
    if repeated:
        notes.append(f"{file}: {repeated} rows repeat the date of an earlier row: the last kept")
    if snapshots and kind != "memento":
        notes.append(f"{file}: bare dates read as 00:00 UTC of the day")
    if from_name and snapshots and kind != "memento":
        ignored = (
            f"; --handle @{given} not used for it"
            if given and given.casefold() != from_name.casefold()
            else ""
        )
        notes.append(f"{file}: account @{from_name} from the file name{ignored}")
    return ReadResult(
        followers=frame(list(snapshots.values()), "followers"),
        rejects=frame(rejects, "rejects"),
        notes=notes,
    )


def _snapshot(record: dict, handle: str | None, shape: tuple[str, str, str]) -> dict:
    """One follower snapshot; ``ValueError`` with the reject reason when unusable."""
    kind, time_column, count_column = shape
    if handle is None:
        raise ValueError(NO_HANDLE)
    try:
        observed_at = observation_time(record[time_column], kind)
    except ValueError:
        raise ValueError(f"bad {time_column} {record[time_column]!r}") from None
    try:
        followers = to_int(record[count_column])
    except ValueError:
        followers = None
    if followers is None or followers < 0:
        raise ValueError(f"bad {count_column} {record[count_column]!r}")
    return {"handle": handle, "observed_at": observed_at, "followers": followers, "source": NAME}
