"""Reader for Twitter API v2 JSON lines as twarc2 writes them (SPEC section 4.2).

Two shapes are read, line by line (FORMATS.md section 2):

* **pages** — one API response per line: ``data`` (tweets, or users for a users
  lookup such as ``twarc2 users``), ``includes`` (``users``, ``tweets``, ``media``...),
  ``meta``, ``errors`` and ``__twarc`` (``retrieved_at``, when the page was fetched);
* **flattened** lines (``twarc2 flatten``) — one tweet per line with ``author``,
  ``in_reply_to_user`` and the referenced tweets inlined and ``__twarc`` copied onto
  it; a flattened users file has one user per line.

What is kept:

* every tweet of ``data`` is a tweet row; ids are strings in the API and become
  int64; ``handle`` is the author's ``username`` looked up by ``author_id``;
* tweets of ``includes.tweets`` (and the referenced tweets inlined in flattened lines)
  are the tweets that the page's tweets retweet, quote or answer (or users' pinned
  tweets). They serve as context (who was retweeted or answered) and as *sightings*
  (``_status = "context"``): their counts update a tweet that some file gives in its own
  right when they were collected later (:mod:`pilot_eval.ingest.merge`), but they are
  never tweet rows, whoever wrote them: an account's tweets are the ``data`` of its own pages, as in
  the snscrape reader, where a retweet's nested original is not a row either. Counting
  them would add tweets to an account (a pilot retweeting @pnationale would add
  @pnationale tweets) that its own collection did not return;
* every user object with ``public_metrics`` (``includes.users``, or ``data`` of a users
  lookup, or a flattened ``author``) is a follower snapshot observed at
  ``__twarc.retrieved_at`` (users files only give snapshots);
* ``errors`` entries are the API's own (a deleted tweet, a suspended user): they are
  not records of the file that we failed to read, so they are not rejects; they are
  counted in the notes.

``collected_at`` (and a snapshot's ``observed_at``) is ``__twarc.retrieved_at``; a line
without it takes ``--collected-at``, else the file's modification time (noted).
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import pandas as pd

from pilot_eval.ingest.base import ReadContext, ReadResult, open_binary, reject
from pilot_eval.ingest.formats._rows import (
    check_row,
    describe,
    fallback_time,
    frame,
    keep_latest,
    retweeted_handle,
    utc_from_iso,
)

NAME = "twarc2"

#: Keys that open a twarc2 page line (``{"data": ...``) as the API returns them.
_PAGE_START = re.compile(rb'^\s*\{\s*"(data|includes|errors|meta|__twarc)"\s*:')

#: A file that is not JSON lines is parsed as one document only up to this size.
_WHOLE_DOCUMENT_MAX_BYTES = 512 * 1024 * 1024

_KIND_ORDER = (("retweeted", "retweet"), ("replied_to", "reply"), ("quoted", "quote"))


class _Reader:
    """twarc2 / API v2 JSON lines: pages, or flattened tweets and users."""

    name = NAME

    def sniff(self, head: bytes, path: Path) -> bool:
        """A JSON object line that is an API v2 page, or a v2 tweet or user object."""
        text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
        if not text.startswith(b"{") or b'"_type"' in text[:2000]:
            return False  # not JSON lines, or snscrape's (every object has _type)
        if _PAGE_START.match(text):
            return True
        first = text.split(b"\n", 1)[0]
        try:
            obj = json.loads(first)
        except ValueError:
            # a flattened line longer than the head: twarc copies __twarc onto it
            return b'"__twarc"' in text and b'"id"' in text
        return isinstance(obj, dict) and (_is_v2_tweet(obj) or _is_v2_user(obj))

    def read(self, path: Path, ctx: ReadContext) -> ReadResult:
        """Read every line of ``path``; see the module docstring for what is kept."""
        return _read(Path(path), ctx)


READER = _Reader()


# ---------------------------------------------------------------- shapes


def _is_v2_tweet(obj: dict) -> bool:
    """An API v2 tweet: string id, text, and v2-only keys."""
    v2_keys = ("author_id", "edit_history_tweet_ids", "public_metrics", "referenced_tweets")
    return isinstance(obj.get("id"), str) and "text" in obj and any(k in obj for k in v2_keys)


def _is_v2_user(obj: dict) -> bool:
    """An API v2 user: string id, username, and no tweet text."""
    return isinstance(obj.get("id"), str) and "username" in obj and "text" not in obj


def _is_page(obj: dict) -> bool:
    return any(k in obj for k in ("data", "includes", "errors", "meta"))


def _page_of_flat_tweet(tweet: dict) -> dict:
    """A flattened tweet line as the page it came from (twarc's ``flatten``, reversed)."""
    users: list[dict] = []
    included: list[dict] = []
    for key in ("author", "in_reply_to_user"):
        if isinstance(tweet.get(key), dict) and tweet[key]:
            users.append(tweet[key])
    refs = []
    for ref in tweet.get("referenced_tweets") or []:
        if not isinstance(ref, dict):
            continue
        refs.append({"type": ref.get("type"), "id": ref.get("id")})
        full = {k: v for k, v in ref.items() if k != "type"}
        if "text" in full:  # an available tweet, not just {type, id}
            included.append(full)
            if isinstance(full.get("author"), dict) and full["author"]:
                users.append(full["author"])
    data = {k: v for k, v in tweet.items() if k not in ("author", "in_reply_to_user", "__twarc")}
    if refs:
        data["referenced_tweets"] = refs
    return {
        "data": [data],
        "includes": {"users": users, "tweets": included},
        "__twarc": tweet.get("__twarc"),
    }


# ---------------------------------------------------------------- reading


class _State:
    """Rows accumulated over the lines of one file."""

    def __init__(self, path: Path, ctx: ReadContext) -> None:
        self.path = path
        self.ctx = ctx
        self.file = ctx.name(path)
        self.tweets: dict[int, dict] = {}
        self.snapshots: dict[tuple[str, datetime], dict] = {}
        self.rejects: list[dict] = []
        self.api_errors = 0
        self.context_seen = 0
        #: Sightings of tweets of ``includes.tweets`` (merged as context, never rows).
        self.context: dict[int, dict] = {}
        self._fallback: tuple[datetime, str] | None = None
        self.fallback_used = False
        self.notes_extra: list[str] = []

    def fallback(self) -> datetime:
        """When a line has no ``__twarc.retrieved_at``: --collected-at, else mtime."""
        if self._fallback is None:
            self._fallback = fallback_time(self.path, self.ctx, "collection time")
        self.fallback_used = True
        return self._fallback[0]

    def notes(self) -> list[str]:
        notes = list(self.notes_extra)
        if self.fallback_used and self._fallback is not None:
            notes.append(f"{self.file}: lines without __twarc.retrieved_at, {self._fallback[1]}")
        if self.api_errors:
            notes.append(
                f"{self.file}: {self.api_errors} API error entries (deleted or withheld "
                "tweets and users) skipped; not rejects"
            )
        if self.context_seen:
            notes.append(
                f"{self.file}: {self.context_seen} tweets of includes.tweets (retweeted, "
                "quoted, answered or pinned): context only (they update the counts of "
                "tweets given elsewhere in their own right), not tweet rows"
            )
        return notes


def _read(path: Path, ctx: ReadContext) -> ReadResult:
    state = _State(path, ctx)
    parsed = 0
    with open_binary(path) as fh:
        for number, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            parsed += _read_line(state, number, raw.rstrip(b"\r\n"))
    if not parsed and state.rejects:
        _read_whole_document(state)
    return ReadResult(
        tweets=frame(list(state.tweets.values()), "tweets"),
        context=_context(state),
        followers=frame(list(state.snapshots.values()), "followers"),
        rejects=frame(state.rejects, "rejects"),
        notes=state.notes(),
    )


def _context(state: _State) -> pd.DataFrame:
    """Context sightings: the latest of each tweet the file does not give in its own
    right, or gives on a page retrieved before the sighting's (its counts are newer)."""
    return frame(
        [
            row
            for tid, row in state.context.items()
            if tid not in state.tweets or row["collected_at"] > state.tweets[tid]["collected_at"]
        ],
        "tweets",
    )


def _read_whole_document(state: _State) -> None:
    """No line was JSON: the file may be one pretty-printed page (or a JSON array).

    If the whole file parses, its objects replace the per-line rejects (record numbers
    then count objects, not lines); otherwise the line rejects stand.
    """
    if state.path.stat().st_size > _WHOLE_DOCUMENT_MAX_BYTES:
        return
    with open_binary(state.path) as fh:
        data = fh.read()
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except ValueError:
        return
    objects = document if isinstance(document, list) else [document]
    state.rejects = []
    state.notes_extra.append(f"{state.file}: one JSON document, not JSON lines")
    for number, obj in enumerate(objects, start=1):
        _read_object(state, number, obj, json.dumps(obj).encode())


def _read_line(state: _State, number: int, raw: bytes) -> int:
    """Read one line; 1 if it was a JSON object (used or rejected for its content), else 0."""
    try:
        obj = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        state.rejects.append(reject(state.file, number, "not UTF-8", raw))
        return 0
    except ValueError as exc:
        truncated = not raw.rstrip().endswith(b"}")
        reason = "invalid JSON (truncated line?)" if truncated else "invalid JSON"
        state.rejects.append(reject(state.file, number, f"{reason}: {exc.msg}", raw))
        return 0
    _read_object(state, number, obj, raw)
    return 1 if isinstance(obj, dict) else 0


def _read_object(state: _State, number: int, obj: object, raw: bytes) -> None:
    if not isinstance(obj, dict):
        state.rejects.append(reject(state.file, number, "not a JSON object", raw))
        return
    try:
        when = _retrieved_at(obj.get("__twarc")) or state.fallback()
    except ValueError:
        state.rejects.append(reject(state.file, number, "bad __twarc.retrieved_at", raw))
        return
    if _is_page(obj):
        _read_page(state, number, obj, when)
    elif _is_v2_tweet(obj) or ("id" in obj and "text" in obj):
        _read_page(state, number, _page_of_flat_tweet(obj), when)
    elif _is_v2_user(obj):
        _read_page(state, number, {"data": [obj]}, when)
    else:
        state.rejects.append(reject(state.file, number, "not a twarc2 page, tweet or user", raw))


def _retrieved_at(meta: object) -> datetime | None:
    if isinstance(meta, dict) and meta.get("retrieved_at"):
        return utc_from_iso(meta["retrieved_at"])
    return None


def _read_page(state: _State, number: int, page: dict, when: datetime) -> None:
    includes = page.get("includes") if isinstance(page.get("includes"), dict) else {}
    data = page.get("data")
    items = data if isinstance(data, list) else [data] if isinstance(data, dict) else []
    users = [u for u in includes.get("users") or [] if isinstance(u, dict)]
    users += [u for u in items if isinstance(u, dict) and _is_v2_user(u)]
    names = {str(u["id"]): u["username"] for u in users if u.get("id") and u.get("username")}
    context = {str(t.get("id")): t for t in includes.get("tweets") or [] if isinstance(t, dict)}
    errors = page.get("errors")
    state.api_errors += len(errors) if isinstance(errors, list) else 0

    for user in users:
        try:
            _add_snapshot(state, user, when)
        except (TypeError, ValueError) as exc:
            reason = f"unusable user public_metrics: {exc}"
            state.rejects.append(reject(state.file, number, reason, json.dumps(user)))
    for item in items:
        if not isinstance(item, dict) or _is_v2_user(item):
            continue
        try:
            row = check_row(_tweet_row(item, names, context, when), "tweets")
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            reason = f"unusable tweet in data: {describe(exc)}"
            state.rejects.append(reject(state.file, number, reason, json.dumps(item)))
            continue
        keep_latest(state.tweets, row)
    for ref in context.values():
        try:
            row = check_row(_tweet_row(ref, names, context, when), "tweets")
        except (KeyError, TypeError, ValueError, AttributeError):
            continue  # context the API gave incompletely: not a reject, nothing to update
        keep_latest(state.context, row)
    state.context_seen += len(context)


def _add_snapshot(state: _State, user: dict, when: datetime) -> None:
    metrics = user.get("public_metrics")
    if not isinstance(metrics, dict) or not user.get("username"):
        return
    if metrics.get("followers_count") is None:
        return
    key = (str(user["username"]).casefold(), when)
    state.snapshots[key] = check_row(
        {
            "handle": user["username"],
            "observed_at": when,
            "followers": int(metrics["followers_count"]),
            "following": _count(metrics, "following_count"),
            "tweets": _count(metrics, "tweet_count"),
            "source": NAME,
        },
        "followers",
    )


def _count(metrics: dict, key: str) -> int | None:
    value = metrics.get(key)
    return None if value is None else int(value)


def tweet_kind(types: set[str]) -> str:
    """The canonical kind from the types of ``referenced_tweets``.

    Parameters
    ----------
    types : set of str
        The ``type`` values of a tweet's ``referenced_tweets`` (``retweeted``,
        ``replied_to``, ``quoted``); empty for an original tweet.

    Returns
    -------
    str
        ``retweet`` if retweeted; else ``reply`` if replied_to; else ``quote`` if
        quoted; else ``original`` (SPEC section 5).

    Examples
    --------
    >>> tweet_kind({"replied_to", "quoted"})
    'reply'
    """
    for ref_type, kind in _KIND_ORDER:
        if ref_type in types:
            return kind
    return "original"


def _tweet_row(tweet: dict, names: dict, context: dict, when: datetime) -> dict:
    """One canonical tweet row from an API v2 tweet object.

    Raises ``KeyError``/``ValueError`` when the id, the author or the date is unusable.
    """
    tweet_id = int(tweet["id"])
    author_id = str(tweet.get("author_id"))
    handle = names.get(author_id)
    if handle is None:
        raise ValueError(f"author {author_id} not in includes.users")
    refs = {r.get("type"): str(r.get("id")) for r in tweet.get("referenced_tweets") or []}
    text = tweet.get("text")
    metrics = tweet.get("public_metrics") or {}
    entities = tweet.get("entities") or {}
    attachments = tweet.get("attachments") or {}
    reply_to = names.get(str(tweet.get("in_reply_to_user_id")))
    if reply_to is None and "replied_to" in refs:
        reply_to = _author_of(refs["replied_to"], names, context)
    retweet_of = None
    if "retweeted" in refs:
        retweet_of = _author_of(refs["retweeted"], names, context) or retweeted_handle(text)
    quote_of = _author_of(refs["quoted"], names, context) if "quoted" in refs else None
    return {
        "tweet_id": tweet_id,
        "handle": handle,
        "created_at": utc_from_iso(tweet["created_at"]),
        "text": text,
        "lang": tweet.get("lang"),
        "kind": tweet_kind(set(refs)),
        # public_metrics.impression_count (2023 captures) is Twitter's public view
        # count, not Analytics' impressions: ``impressions`` stays null (SPEC section 5).
        "retweet_count": _count(metrics, "retweet_count"),
        "like_count": _count(metrics, "like_count"),
        "reply_count": _count(metrics, "reply_count"),
        "quote_count": _count(metrics, "quote_count"),
        "hashtags": [h["tag"] for h in entities.get("hashtags") or [] if h.get("tag")],
        "mentions": [m["username"] for m in entities.get("mentions") or [] if m.get("username")],
        # media links (those with a media_key) are pictures, not links the tweet shares
        "urls": [
            u["expanded_url"]
            for u in entities.get("urls") or []
            if u.get("expanded_url") and "media_key" not in u
        ],
        "media_count": len(attachments.get("media_keys") or []),
        "source": NAME,
        "collected_at": when,
        "reply_to": reply_to,
        "retweet_of": retweet_of,
        "quote_of": quote_of,
    }


def _author_of(tweet_id: str, names: dict, context: dict) -> str | None:
    ref = context.get(tweet_id)
    return names.get(str(ref.get("author_id"))) if ref else None
