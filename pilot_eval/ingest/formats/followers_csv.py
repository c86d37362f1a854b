"""Reader for follower snapshots CSV (SPEC section 4, point 5).

Header ``handle,observed_at,followers[,following,tweets]`` in any column order (extra
columns are ignored). ``observed_at`` is ISO 8601 with an offset or ``Z``; a value
without offset or unparsable is rejected ("bad date"). ``followers`` (and
``following``/``tweets`` when given) must be non-negative integers; an empty
``following``/``tweets`` is null, and so is one missing because the row is shorter than
the header (optional trailing fields omitted: ``pnationale06,2014-01-14T09:00:00+01:00,285``
under a five-column header); a row missing a required field is rejected ("missing
columns"). Every unusable row becomes a reject.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from pilot_eval.ingest.base import ReadContext, ReadResult, open_binary, reject
from pilot_eval.ingest.formats._rows import csv_header, csv_records, to_int
from pilot_eval.schema import empty_frame

REQUIRED = ("handle", "observed_at", "followers")
OPTIONAL = ("following", "tweets")


def _header(head: bytes) -> list[str] | None:
    cells = csv_header(head)
    return [c.casefold() for c in cells] if cells else None


def parse_instant(text: str) -> datetime | None:
    """An ISO 8601 instant with offset or ``Z`` as UTC; None if bare or unparsable."""
    text = text.strip()
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    if value.tzinfo is None:
        return None
    return value.astimezone(UTC)


def parse_count(text: str | None) -> int | None:
    """A non-negative integer (``"1234"``, ``"1234.0"``, ``"1 234"``: :func:`to_int`);
    raises ValueError otherwise, and for a missing value."""
    value = to_int(text)
    if value is None:
        raise ValueError("missing")
    return value


def _optional_count(record: list[str], position: int | None) -> int | None:
    """The optional count at ``position``; None when the column is absent, the row
    stops before it (trailing fields omitted) or the field is empty."""
    if position is None or position >= len(record) or not record[position].strip():
        return None
    return parse_count(record[position])


class _Reader:
    name = "followers_csv"

    def sniff(self, head: bytes, path: Path) -> bool:
        """True when the header names at least handle, observed_at and followers."""
        cols = _header(head)
        return bool(cols) and all(c in cols for c in REQUIRED)

    def read(self, path: Path, ctx: ReadContext) -> ReadResult:
        """One follower snapshot per valid row; ``source`` = ``followers_csv``."""
        name = ctx.name(path)
        with open_binary(path) as fh:
            data = fh.read()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
        header = _header(text[:65536].encode("utf-8")) or []
        index = {c: header.index(c) for c in REQUIRED + OPTIONAL if c in header}
        rows, rejects = [], []
        for line, record, raw in csv_records(text):  # first physical line, blank skipped
            if any(index[c] >= len(record) for c in REQUIRED):
                rejects.append(reject(name, line, "missing columns", raw))
                continue
            if len(record) > len(header):  # a comma inside a value, a shifted row
                reason = f"{len(record)} cells where the header has {len(header)}"
                rejects.append(reject(name, line, reason, raw))
                continue
            handle = record[index["handle"]].strip().lstrip("@")
            observed = parse_instant(record[index["observed_at"]])
            if not handle:
                rejects.append(reject(name, line, "missing handle", raw))
                continue
            if observed is None:
                rejects.append(reject(name, line, "bad date", raw))
                continue
            try:
                followers = parse_count(record[index["followers"]])
                extra = {c: _optional_count(record, index.get(c)) for c in OPTIONAL}
            except ValueError:
                rejects.append(reject(name, line, "bad count", raw))
                continue
            rows.append(
                {
                    "handle": handle,
                    "observed_at": observed,
                    "followers": followers,
                    "following": extra.get("following"),
                    "tweets": extra.get("tweets"),
                    "source": self.name,
                }
            )
        followers = pd.DataFrame(rows) if rows else empty_frame("followers")
        return ReadResult(
            followers=followers,
            rejects=pd.DataFrame(rejects) if rejects else empty_frame("rejects"),
        )


READER = _Reader()
