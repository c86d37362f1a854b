"""Small helpers shared by the twarc2, twarc-csv, archive, Analytics and date,count readers.

Readers build plain Python rows (one ``dict`` per tweet, snapshot or reject) and turn
them into frames with :func:`frame`, which types them exactly as :mod:`pilot_eval.schema`
says (missing keys become nulls, counts nullable ``Int64``, timestamps UTC).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pyarrow as pa

from pilot_eval.ingest.base import FILE_MTIME, ReadContext, open_binary
from pilot_eval.registry import Registry
from pilot_eval.schema import COLUMNS, SCHEMAS, to_pandas

#: Cells that mean "no value" in the CSV formats (Analytics writes "-" for promoted
#: columns, R writes "NA").
MISSING = frozenset({"", "-", "NA", "N/A", "NaN", "nan", "null", "None"})

#: Thousands separators inside a count: a digit, spaces, then three digits.
_THOUSANDS = re.compile(r"(?<=\d)[ \u00a0\u202f](?=\d{3}\b)")
#: A count written with thousands commas ("1,234", "12,345,678"), never a decimal.
_COMMA_THOUSANDS = re.compile(r"-?\d{1,3}(?:,\d{3})+")
_RT = re.compile(r"^RT @([A-Za-z0-9_]{1,20})\b")
_LEADING_MENTION = re.compile(r"^\.?@([A-Za-z0-9_]{1,20})\b")
_HASHTAG = re.compile(r"(?<![\w&])#(\w+)")
_MENTION = re.compile(r"(?<![\w@])@([A-Za-z0-9_]{1,20})\b")


def frame(rows: list[dict], name: str) -> pd.DataFrame:
    """Rows as a frame of canonical table ``name``.

    Parameters
    ----------
    rows : list of dict
        One dict per record, keyed by column name. Keys that are not columns of the
        table are ignored; missing columns are null.
    name : str
        ``"tweets"``, ``"followers"`` or ``"rejects"`` (:data:`pilot_eval.schema.SCHEMAS`).

    Returns
    -------
    pandas.DataFrame
        The table's columns in order, counts as nullable ``Int64``, timestamps UTC.
    """
    table = pa.Table.from_pylist(rows, schema=SCHEMAS[name])
    return to_pandas(table)


#: The largest value an ``int64`` column holds.
INT64_MAX = 2**63 - 1


def _int64(value: object) -> bool:
    return type(value) is int and -INT64_MAX - 1 <= value <= INT64_MAX  # not a bool


def _string_list(value: object) -> bool:
    return type(value) is list and all(v is None or type(v) is str for v in value)


#: How each column type's values are checked (None always fits).
_FITS = {
    "int64": _int64,
    "string": lambda v: isinstance(v, str),
    "bool": lambda v: type(v) is bool,
    "timestamp": lambda v: isinstance(v, datetime),
    "list<string>": _string_list,
}
#: Per table, each column with its type and check, worked out once.
_CHECKS = {
    name: tuple((column, kind, _FITS[kind]) for column, kind in columns)
    for name, columns in COLUMNS.items()
}


def check_row(row: dict, name: str) -> dict:
    """``row`` unchanged if table ``name`` can hold each of its values, else
    ``ValueError`` naming the column: a reader calls it on each record, so that one bad
    value costs that record (a reject), not the whole file's conversion by
    :func:`frame` (review: an id over 2**63, a number where text goes). A column the
    row lacks is null, which fits (about 3.4 µs per tweet row)."""
    for column, kind, fits in _CHECKS[name]:
        value = row.get(column)
        if value is not None and not fits(value):
            shown = repr(value)
            shown = shown if len(shown) <= 40 else shown[:37] + "..."
            raise ValueError(f"{column} is not a {kind} value: {shown}")
    return row


def keep_latest(tweets: dict[int, dict], row: dict) -> None:
    """Keep ``row`` in ``tweets`` (by ``tweet_id``) unless the same tweet was already
    seen with a later ``collected_at``; at equal times the row read last wins."""
    seen = tweets.get(row["tweet_id"])
    if seen is None or seen["collected_at"] <= row["collected_at"]:
        tweets[row["tweet_id"]] = row


def describe(exc: Exception) -> str:
    """A reject reason from an exception raised while reading a record."""
    if isinstance(exc, KeyError):
        return f"missing {exc.args[0]!r}"
    return str(exc)


def utc_from_iso(value: str) -> datetime:
    """Parse an ISO 8601 instant with an offset or ``Z`` into an aware UTC datetime.

    Raises ``ValueError`` for a malformed value or one without an offset (an instant
    must say which clock it is on).
    """
    parsed = datetime.fromisoformat(str(value).strip())
    if parsed.tzinfo is None:
        raise ValueError(f"no UTC offset in {value!r}")
    return parsed.astimezone(UTC)


def utc_midnight(value: str) -> datetime:
    """A bare ISO date ``YYYY-MM-DD`` as 00:00 UTC of that day."""
    day = datetime.strptime(str(value).strip(), "%Y-%m-%d")
    return day.replace(tzinfo=UTC)


def file_mtime(path: Path) -> datetime:
    """The file's modification time, UTC."""
    return datetime.fromtimestamp(Path(path).stat().st_mtime, tz=UTC)


def fallback_time(path: Path, ctx: ReadContext, what: str) -> tuple[datetime, str]:
    """``--collected-at`` when given, else the file's mtime, and a note saying which.

    ``what`` names the time in the note, e.g. ``"collection time"``.
    """
    if ctx.collected_at is not None:
        when = ctx.collected_at
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return when.astimezone(UTC), f"{what} from --collected-at ({when.isoformat()})"
    when = file_mtime(path)
    ctx.used.add(FILE_MTIME)
    return when, f"{what} from the file's modification time ({when.isoformat()})"


def to_int(value: object) -> int | None:
    """A count cell as an int.

    Parameters
    ----------
    value : object
        ``"12"``, ``"1938.0"`` (Analytics writes counts as floats), ``"1 234"`` or
        ``"1234,0"`` (French spreadsheets), ``"1,234"`` (thousands commas) or ``12``;
        a cell of :data:`MISSING` (``""``, ``"-"``, ``"NA"``...) or None.

    Returns
    -------
    int or None
        The count; None for a missing value.

    Raises
    ------
    ValueError
        For anything else (text, fractions such as ``"2.5"``, negative counts).
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"not a count: {value!r}")
    if isinstance(value, int):
        count = value
    else:
        text = str(value).strip()
        if text in MISSING:
            return None
        text = _THOUSANDS.sub("", text)  # "1 234", with a space or a (narrow) no-break one
        if _COMMA_THOUSANDS.fullmatch(text):
            text = text.replace(",", "")  # "1,234": groups of three, a thousands comma
        elif "," in text and "." not in text:
            text = text.replace(",", ".")  # "1234,0": a French decimal comma
        try:
            count = int(text)
        except ValueError:
            try:
                number = float(text)
            except ValueError:
                raise ValueError(f"not a count: {value!r}") from None
            if not number.is_integer():
                raise ValueError(f"not a whole count: {value!r}") from None
            count = int(number)
    if count < 0:
        raise ValueError(f"negative count: {value!r}")
    if count > INT64_MAX:
        raise ValueError(f"count too large: {value!r}")
    return count


def retweeted_handle(text: str | None) -> str | None:
    """The handle in a leading ``RT @handle`` (the retweet convention), else None."""
    match = _RT.match(text or "")
    return match.group(1) if match else None


def leading_mention(text: str | None) -> str | None:
    """The handle a text starts with (``@handle ...`` or ``.@handle ...``), else None."""
    match = _LEADING_MENTION.match(text or "")
    return match.group(1) if match else None


def hashtags_in(text: str | None) -> list[str]:
    """Hashtags of a text, without ``#``, in order (an approximation of Twitter's parser)."""
    return _HASHTAG.findall(text or "")


def mentions_in(text: str | None) -> list[str]:
    """Handles mentioned in a text, without ``@``, in order."""
    return _MENTION.findall(text or "")


def read_text(path: Path) -> tuple[str, str | None]:
    """The whole file as text (gzip transparent) and a note if it was not UTF-8.

    UTF-8 (with or without BOM) is expected; a file that does not decode is read as
    Windows-1252, the other encoding spreadsheet exports come in, and the note says so.
    """
    with open_binary(path) as fh:
        data = fh.read()
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "not UTF-8: read as Windows-1252"


def read_csv_text(path: Path) -> tuple[str, str, str | None]:
    """A CSV file as text (:func:`read_text`), its delimiter (:func:`csv_delimiter`) and
    the note on its encoding (None for UTF-8)."""
    text, note = read_text(path)
    return text, csv_delimiter(text.split("\n", 1)[0]), note


def csv_delimiter(first_line: str) -> str:
    """``;`` for a CSV whose header is split by semicolons (the "CSV" of a French
    Excel), else ``,``."""
    return ";" if first_line.count(";") > first_line.count(",") else ","


def csv_header(head: bytes) -> list[str] | None:
    """The header cells of a CSV head (first line, split by :func:`csv_delimiter`), or
    None if it is not CSV-like."""
    text = head.decode("utf-8-sig", errors="replace")
    first = text.split("\n", 1)[0].rstrip("\r")
    if not first.strip() or first.lstrip().startswith(("{", "[", "<")):
        return None
    try:
        return [cell.strip() for cell in next(csv.reader([first], delimiter=csv_delimiter(first)))]
    except (csv.Error, StopIteration):
        return None


#: The longest CSV cell read (the csv module's default, 128 KiB, failed whole files).
FIELD_SIZE_LIMIT = 2**31 - 1


def csv_records(text: str) -> Iterator[tuple[int, list[str], str]]:
    """Data records of a CSV text: ``(first physical line, cells, raw text)``.

    The header (line 1) is not yielded. Blank lines are skipped. Line numbers are
    physical lines, so that a reject points at the right place even when a quoted
    cell spans several lines.
    """
    csv.field_size_limit(FIELD_SIZE_LIMIT)  # a long cell is a long text, not a broken file
    lines = io.StringIO(text).readlines()  # the same line split as the csv reader's
    reader = csv.reader(io.StringIO(text), delimiter=csv_delimiter(lines[0] if lines else ""))
    previous = 0
    for cells in reader:
        start = previous + 1
        previous = reader.line_num
        if start == 1:
            continue
        if not cells or all(not c.strip() for c in cells):
            continue
        raw = "".join(lines[start - 1 : reader.line_num]).rstrip("\r\n")
        yield start, cells, raw


def handle_in_name(path: Path, registry: Registry) -> str | None:
    """The registry handle named in the file's stem (``followers_pnationale06.csv``).

    Matching is case-insensitive and a handle must not be glued to other letters or
    digits (``pnationale`` does not match ``pnationale06``); the longest match wins.
    """
    stem = Path(path).name.split(".", 1)[0]
    found = None
    for account in registry:
        pattern = rf"(?<![A-Za-z0-9]){re.escape(account.handle)}(?![A-Za-z0-9])"
        if re.search(pattern, stem, flags=re.IGNORECASE):
            if found is None or len(account.handle) > len(found):
                found = account.handle
    return found
