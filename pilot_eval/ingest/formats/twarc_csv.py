"""Reader for twarc-csv's flattened CSV (``twarc2 csv``; SPEC section 4.2).

Two kinds of file, recognised by their header (FORMATS.md section 2):

* **tweets** (``id, conversation_id, referenced_tweets.replied_to.id, ...,
  author.username, ..., public_metrics.*, __twarc.retrieved_at``): one tweet per row;
  the author's ``author.public_metrics.*`` also give a follower snapshot;
* **users** (``id, created_at, username, ..., public_metrics.followers_count, ...``):
  one follower snapshot per row.

What twarc-csv 0.7.2 does to the data, and how it is undone here:

* newlines in text are written as the two characters ``\\n`` (and ``\\r`` dropped):
  they are turned back into newlines;
* list cells are JSON (``["#tag"]``, ``["@user"]``): hashtags lose their ``#`` and
  mentions their ``@``; ``entities.urls`` holds expanded URLs, except media links,
  written as their ``pic.twitter.com/...`` display URL, which are dropped (pictures,
  not shared links; counted by ``media_count`` from ``attachments.media_keys``);
* a retweet's ``text``, entities and ``public_metrics`` are replaced by the retweeted
  tweet's ("merge retweets"): the text is rebuilt as ``RT @user: text`` and the
  counts, which are the original tweet's and not the retweet's, are left null.

Rows whose ``id`` or ``created_at`` is unusable, or that are cut short, are rejects.
``collected_at`` is ``__twarc.retrieved_at``; else ``--collected-at``, else the file's
modification time (noted). ``public_metrics.impression_count`` is not Analytics'
impressions and is not used.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from pilot_eval.ingest.base import ReadContext, ReadResult, reject
from pilot_eval.ingest.formats._rows import (
    MISSING,
    check_row,
    csv_header,
    csv_records,
    describe,
    fallback_time,
    frame,
    keep_latest,
    read_text,
    to_int,
    utc_from_iso,
)
from pilot_eval.ingest.formats.twarc2 import tweet_kind

NAME = "twarc_csv"

_TWEET_COLUMNS = {"id", "created_at", "text", "author.username"}
_USER_COLUMNS = {"id", "username", "public_metrics.followers_count"}
_REFS = (
    ("retweeted", "referenced_tweets.retweeted.id"),
    ("replied_to", "referenced_tweets.replied_to.id"),
    ("quoted", "referenced_tweets.quoted.id"),
)


class _Reader:
    """twarc-csv tweets or users CSV."""

    name = NAME

    def sniff(self, head: bytes, path: Path) -> bool:
        """A CSV whose header has twarc-csv's tweet or user columns."""
        return _kind(csv_header(head)) is not None

    def read(self, path: Path, ctx: ReadContext) -> ReadResult:
        """Tweets and author snapshots, or user snapshots; see the module docstring."""
        return _read(Path(path), ctx)


READER = _Reader()


def _kind(header: list[str] | None) -> str | None:
    if not header:
        return None
    columns = set(header)
    has_twarc = any(c.startswith(("public_metrics.", "__twarc.", "author.")) for c in columns)
    if _TWEET_COLUMNS <= columns and has_twarc:
        return "tweets"
    if _USER_COLUMNS <= columns and "text" not in columns:
        return "users"
    return None


def _read(path: Path, ctx: ReadContext) -> ReadResult:
    text, encoding_note = read_text(path)
    file = ctx.name(path)
    notes = [f"{file}: {encoding_note}"] if encoding_note else []
    header = csv_header(text.encode("utf-8")) or []
    kind = _kind(header)
    if kind is None:
        reason = "not a twarc-csv tweets or users file (header not recognised)"
        return ReadResult(rejects=frame([reject(file, 1, reason, text[:4096])], "rejects"))
    tweets: dict[int, dict] = {}
    snapshots: dict[tuple[str, datetime], dict] = {}
    rejects: list[dict] = []
    fallback: list[tuple[datetime, str]] = []

    def when_of(record: dict) -> datetime:
        value = _cell(record, "__twarc.retrieved_at")
        if value:
            return utc_from_iso(value)
        if not fallback:
            fallback.append(fallback_time(path, ctx, "collection time"))
        return fallback[0][0]

    for line, cells, raw in csv_records(text):
        if len(cells) != len(header):
            reason = f"{len(cells)} cells where the header has {len(header)} (truncated row?)"
            rejects.append(reject(file, line, reason, raw))
            continue
        record = dict(zip(header, cells, strict=True))
        try:
            when = when_of(record)
            if kind == "tweets":
                row = check_row(_tweet_row(record, when), "tweets")
                keep_latest(tweets, row)
                prefix = "author."
            else:
                prefix = ""
            snapshot = _snapshot(record, prefix, when)
            if snapshot is not None:
                check_row(snapshot, "followers")
        except (KeyError, ValueError) as exc:
            rejects.append(reject(file, line, f"unusable {kind[:-1]} row: {describe(exc)}", raw))
            continue
        if snapshot is not None:
            snapshots[(snapshot["handle"].casefold(), when)] = snapshot
    if fallback:
        notes.append(f"{file}: rows without __twarc.retrieved_at, {fallback[0][1]}")
    return ReadResult(
        tweets=frame(list(tweets.values()), "tweets"),
        followers=frame(list(snapshots.values()), "followers"),
        rejects=frame(rejects, "rejects"),
        notes=notes,
    )


def _cell(record: dict, column: str) -> str | None:
    value = record.get(column)
    if value is None or value.strip() in MISSING:
        return None
    return value.strip()


def _list(record: dict, column: str, strip: str = "") -> list[str]:
    """A JSON list cell as strings, without the leading ``strip`` character."""
    value = _cell(record, column)
    if value is None:
        return []
    items = json.loads(value)
    if not isinstance(items, list):
        raise ValueError(f"{column} is not a list")
    return [str(i)[1:] if strip and str(i).startswith(strip) else str(i) for i in items]


def _unescape(text: str | None) -> str | None:
    return None if text is None else text.replace("\\n", "\n")


def _tweet_row(record: dict, when: datetime) -> dict:
    tweet_id = int(record["id"])
    handle = _cell(record, "author.username")
    if handle is None:
        raise ValueError("no author.username")
    refs = {kind for kind, column in _REFS if _cell(record, column)}
    kind = tweet_kind(refs)
    text = _unescape(record.get("text"))
    retweet_of = _cell(record, "retweeted_username")
    counts = {
        "retweet_count": to_int(record.get("public_metrics.retweet_count")),
        "like_count": to_int(record.get("public_metrics.like_count")),
        "reply_count": to_int(record.get("public_metrics.reply_count")),
        "quote_count": to_int(record.get("public_metrics.quote_count")),
    }
    if kind == "retweet":
        # twarc-csv put the retweeted tweet's text and counts in this row
        if retweet_of and not (text or "").startswith("RT @"):
            text = f"RT @{retweet_of}: {text}"
        counts = dict.fromkeys(counts)
    mentions = _list(record, "entities.mentions", "@")
    if kind == "retweet" and retweet_of and retweet_of not in mentions:
        mentions.insert(0, retweet_of)  # the "RT @user" mention, as the API lists it
    media = _list(record, "attachments.media_keys")
    return {
        "tweet_id": tweet_id,
        "handle": handle,
        "created_at": utc_from_iso(record["created_at"]),
        "text": text,
        "lang": _cell(record, "lang"),
        "kind": kind,
        **counts,
        "hashtags": _list(record, "entities.hashtags", "#"),
        "mentions": mentions,
        "urls": [
            u
            for u in _list(record, "entities.urls")
            if not u.startswith(("pic.twitter.com/", "pic.x.com/"))
        ],
        "media_count": len(media),
        "source": NAME,
        "collected_at": when,
        "reply_to": _cell(record, "in_reply_to_username"),
        "retweet_of": retweet_of,
        "quote_of": _cell(record, "quoted_username"),
    }


def _snapshot(record: dict, prefix: str, when: datetime) -> dict | None:
    """A follower snapshot from ``<prefix>public_metrics.*``; None without a count."""
    handle = _cell(record, f"{prefix}username")
    followers = to_int(record.get(f"{prefix}public_metrics.followers_count"))
    if handle is None or followers is None:
        return None
    return {
        "handle": handle,
        "observed_at": when,
        "followers": followers,
        "following": to_int(record.get(f"{prefix}public_metrics.following_count")),
        "tweets": to_int(record.get(f"{prefix}public_metrics.tweet_count")),
        "source": NAME,
    }
