"""Reader for the Twitter Analytics tweet-activity export (SPEC section 4.4).

The per-tweet CSV account owners downloaded from analytics.twitter.com
(FORMATS.md section 4): 40 quoted columns starting ``"Tweet id","Tweet permalink",
"Tweet text","time","impressions","engagements"``. It is the only source of
impressions.

Per row:

* ``tweet_id`` from ``Tweet id``; ``handle`` from the permalink
  (``https://twitter.com/<handle>/status/<id>``);
* ``created_at`` from ``time`` (``%Y-%m-%d %H:%M %z``, minute precision, UTC);
* ``impressions`` and ``interactions`` from ``impressions`` and ``engagements``
  (written as floats, ``"1938.0"``; ``engagements`` counts every click);
* ``retweet_count``, ``reply_count``, ``like_count`` from ``retweets``, ``replies``,
  ``likes`` (older exports: ``favorites``); ``quote_count`` is null (not exported);
* ``kind`` is not in the file: ``retweet`` when the text starts with ``RT @``,
  ``reply`` when it starts with ``@``, else ``original`` — the merge lets any other
  source's kind win;
* hashtags and mentions are read off the text (the file has no entities); ``urls``,
  ``media_count`` and ``lang`` are null (unknown).

``collected_at``: ``--collected-at``, else the file's modification time (noted): the
export does not say when it was downloaded. Rows with a bad id or time are rejects;
``source`` is ``"analytics"`` (the merge takes impressions only from this source).

The daily variant of the export (``Date, Tweets published, impressions, ...``: totals
per day) is recognised so that it is not reported as unknown, and gives nothing.
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
    fallback_time,
    frame,
    hashtags_in,
    leading_mention,
    mentions_in,
    read_text,
    retweeted_handle,
    to_int,
)

NAME = "analytics"

#: The first columns of every tweet-activity export, lowercased.
SIGNATURE = ("tweet id", "tweet permalink", "tweet text", "time")

#: The first columns of the daily export (``daily_tweet_activity_metrics_*.csv``): one
#: row per day of totals, no tweet and no follower count.
DAILY_SIGNATURE = ("date", "tweets published")

_PERMALINK = re.compile(
    r"^https?://(?:www\.|mobile\.)?(?:twitter|x)\.com/(?:#!/)?([A-Za-z0-9_]{1,20})/status(?:es)?/(\d+)"
)
_ID = re.compile(r"^\d{1,20}$")


class _Reader:
    """Twitter Analytics tweet-activity CSV."""

    name = NAME

    def sniff(self, head: bytes, path: Path) -> bool:
        """A CSV whose header starts with ``Tweet id, Tweet permalink, Tweet text, time``."""
        header = csv_header(head)
        if not header:
            return False
        columns = tuple(c.lower() for c in header)
        if columns[: len(DAILY_SIGNATURE)] == DAILY_SIGNATURE:
            return True  # the daily summary export: recognised, nothing to ingest
        return columns[: len(SIGNATURE)] == SIGNATURE and "impressions" in columns

    def read(self, path: Path, ctx: ReadContext) -> ReadResult:
        """One tweet row per export row; see the module docstring."""
        return _read(Path(path), ctx)


READER = _Reader()


def analytics_time(value: str) -> datetime:
    """An Analytics ``time`` cell as an aware UTC datetime.

    Parameters
    ----------
    value : str
        ``2016-12-23 18:50 +0000`` (``%Y-%m-%d %H:%M %z``, minute precision).

    Returns
    -------
    datetime
        The instant in UTC. Raises ``ValueError`` for any other layout.
    """
    return datetime.strptime(value.strip(), "%Y-%m-%d %H:%M %z").astimezone(UTC)


def _read(path: Path, ctx: ReadContext) -> ReadResult:
    text, encoding_note = read_text(path)
    file = ctx.name(path)
    header = [c.lower() for c in csv_header(text[:65536].encode("utf-8")) or []]
    if tuple(header[: len(DAILY_SIGNATURE)]) == DAILY_SIGNATURE:
        return ReadResult(notes=[f"{file}: daily Analytics totals (no tweets): nothing to ingest"])
    collected_at, time_note = fallback_time(path, ctx, "collection time")
    notes = [f"{file}: {time_note}"]
    if encoding_note:
        notes.append(f"{file}: {encoding_note}")
    likes = "likes" if "likes" in header else "favorites"
    absent = [
        c for c in ("retweets", likes, "replies", "impressions", "engagements") if c not in header
    ]
    if absent:
        notes.append(f"{file}: no column {', '.join(absent)}: those counts are null")
    rows: dict[int, dict] = {}  # by tweet id: a line repeated in the file counts once
    repeated = 0
    rejects: list[dict] = []
    for line, cells, raw in csv_records(text):
        if len(cells) != len(header):  # a row cut short would give null counts
            reason = f"{len(cells)} cells where the header has {len(header)} (truncated row?)"
            rejects.append(reject(file, line, reason, raw))
            continue
        record = dict(zip(header, cells, strict=False))
        try:
            row = check_row(_tweet_row(record, likes, collected_at), "tweets")
            repeated += row["tweet_id"] in rows
            rows[row["tweet_id"]] = row
        except (KeyError, ValueError) as exc:
            rejects.append(reject(file, line, str(exc), raw))
    if repeated:
        notes.append(f"{file}: {repeated} rows repeat the id of an earlier row: the last kept")
    return ReadResult(
        tweets=frame(list(rows.values()), "tweets"),
        rejects=frame(rejects, "rejects"),
        notes=notes,
    )


def _tweet_row(record: dict, likes: str, collected_at: datetime) -> dict:
    """One canonical row; ``ValueError`` with the reason for a bad id, permalink or time."""
    tweet_id = record["tweet id"].strip()
    if not _ID.match(tweet_id):
        raise ValueError(f"bad tweet id {tweet_id!r}")
    link = _PERMALINK.match(record.get("tweet permalink", "").strip())
    if link is None:
        raise ValueError("no handle in the tweet permalink")
    try:
        created_at = analytics_time(record["time"])
    except ValueError:
        raise ValueError(f"bad time {record['time']!r}") from None
    text = record.get("tweet text")
    retweet_of = retweeted_handle(text)
    reply_to = (
        None if retweet_of else leading_mention(text) if (text or "").startswith("@") else None
    )
    kind = "retweet" if retweet_of else "reply" if reply_to else "original"
    return {
        "tweet_id": int(tweet_id),
        "handle": link.group(1),
        "created_at": created_at,
        "text": text,
        "kind": kind,
        "retweet_count": _count(record, "retweets"),
        "like_count": _count(record, likes),
        "reply_count": _count(record, "replies"),
        "quote_count": None,  # not in the export
        "impressions": _count(record, "impressions"),
        "interactions": _count(record, "engagements"),
        "hashtags": hashtags_in(text),
        "mentions": mentions_in(text),
        "source": NAME,
        "collected_at": collected_at,
        "reply_to": reply_to,
        "retweet_of": retweet_of,
    }


def _count(record: dict, column: str) -> int | None:
    value = record.get(column)
    if value is None or value.strip() in MISSING:
        return None
    try:
        return to_int(value)
    except ValueError:
        raise ValueError(f"bad {column} {value!r}") from None
