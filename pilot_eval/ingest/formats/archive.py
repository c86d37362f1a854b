"""Reader for the Twitter account archive (SPEC section 4.3; FORMATS.md section 3).

An archive's ``data/`` folder holds JavaScript files, each one assignment of JSON:
``window.YTD.<type>.partN = [...]`` or, for ``manifest.js``,
``window.__THAR_CONFIG = {...}``. Tweets are in ``tweets.js``
(``window.YTD.tweets.part0``; older archives ``tweet.js``, ``window.YTD.tweet.part0``),
one ``{"tweet": {...}}`` per element with v1.1-like keys and **numbers as strings**.

Per tweet: ``created_at`` like ``Wed Feb 10 18:00:00 +0000 2021``; ``full_text``;
``favorite_count`` → ``like_count``; ``retweet_count``; ``reply_count`` and
``quote_count`` are null (archives do not carry them). Kind: a text starting with
``RT @user`` is a ``retweet`` of ``user``; else a tweet with ``in_reply_to_status_id``
is a ``reply`` to ``in_reply_to_screen_name``; else one with ``quoted_status_id`` is a
``quote``; else ``original``. ``media_count`` counts ``extended_entities.media`` (or
``entities.media``).

Which account: archives do not name it in ``tweets.js``. In order:

1. ``account.js`` beside the tweets (``[{"account": {"username": ...}}]``);
2. ``manifest.js`` beside them (``userInfo.userName``);
3. the archive's ``README.txt`` (``@username at the time the archive was generated:``),
   beside the tweets or one folder up (the archive's root);
4. ``pilot-eval ingest --handle``;

companion files are recognised by their content, whatever their name. Without any of
them every tweet is a reject (:data:`NO_HANDLE`).

``collected_at``: the archive's generation date (``manifest.js``,
``archiveInfo.generationDate``), else ``--collected-at``, else the file's modification
time; the notes say which.

Legacy archives (the "Grailbird" layout Twitter delivered from 2012 to 2018, i.e. what
a directorate would have downloaded in 2014) are read too: one file per month,
``data/js/tweets/2014_01.js`` (``Grailbird.data.tweets_2014_01 = [...]``), whose tweets
embed their ``user`` (the handle), keep a retweet's original as ``retweeted_status``
and date ``2014-01-14 09:30:00 +0000``; ``data/js/user_details.js`` names the account
and ``payload_details.js`` gives the generation date. Their ``tweets.csv`` repeats the
same tweets with less detail and is recognised as a side file.

Every other archive file (``account.js``, ``manifest.js``, ``profile.js``,
``follower.js``, ``like.js``, the README, any ``window.YTD.*``) is recognised as an
archive side file and gives nothing (one note), so it is not reported as unknown.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path

from pilot_eval.ingest.base import ReadContext, ReadResult, read_head, reject
from pilot_eval.ingest.formats._rows import (
    check_row,
    csv_header,
    describe,
    fallback_time,
    frame,
    read_text,
    retweeted_handle,
    to_int,
    utc_from_iso,
)

NAME = "archive"

NO_HANDLE = "archive without account.js: add it, or pass --handle and name this file"

_YTD = re.compile(rb"^\s*window\.YTD\.([A-Za-z0-9_]+)\.part\d+\s*=")
_THAR = re.compile(rb"^\s*window\.__THAR_CONFIG\s*=")
_README = b"This archive was generated at the request of the following user"
_README_USER = re.compile(r"@username at the time the archive was generated:\s*@?([A-Za-z0-9_]+)")
#: Legacy archives (2012-2018, "Grailbird"): one file per month, data/js/tweets/2014_01.js.
_GRAILBIRD = re.compile(rb"^\s*Grailbird\.data\.tweets_\d{4}_\d{2}\s*=")
#: Legacy side files: data/js/user_details.js, payload_details.js, tweet_index.js.
_GRAILBIRD_VAR = re.compile(rb"^\s*var\s+(user_details|payload_details|tweet_index)\s*=")
#: Header of a legacy archive's tweets.csv (the same tweets as the monthly files).
_GRAILBIRD_CSV = ("tweet_id", "in_reply_to_status_id", "in_reply_to_user_id", "timestamp")
#: Archive data types that hold the account's own tweets.
_TWEET_TYPES = {"tweets", "tweet"}
#: Companion files larger than this are not opened to look for the account.
_COMPANION_MAX_BYTES = 2_000_000


class _Reader:
    """Account archive: ``tweets.js`` / ``tweet.js``, and its side files."""

    name = NAME

    def sniff(self, head: bytes, path: Path) -> bool:
        """Any archive data file (``window.YTD.*``, ``window.__THAR_CONFIG``, legacy
        ``Grailbird.data.*``, ``var user_details`` ..., ``tweets.csv``) or README."""
        text = head.lstrip(b"\xef\xbb\xbf")
        if _YTD.match(text) or _THAR.match(text) or _README in text[:2000]:
            return True
        if _GRAILBIRD.match(text) or _GRAILBIRD_VAR.match(text):
            return True
        header = csv_header(text)
        return bool(header) and tuple(c.lower() for c in header[:4]) == _GRAILBIRD_CSV

    def context_stamp(self, path: Path) -> str | None:
        """See :func:`companions_stamp`."""
        return companions_stamp(Path(path))

    def read(self, path: Path, ctx: ReadContext) -> ReadResult:
        """Tweets of a tweets file; an empty result with a note for side files."""
        path = Path(path)
        head = read_head(path).lstrip(b"\xef\xbb\xbf")
        if _holds_tweets(head):
            return _read_tweets(path, ctx)
        match = _YTD.match(head)
        what = f"'{match.group(1).decode()}' data" if match else "manifest, README or legacy"
        return ReadResult(
            notes=[f"{ctx.name(path)}: archive side file ({what}): nothing to ingest"]
        )


def _holds_tweets(head: bytes) -> bool:
    """True for the head of a file of the account's own tweets: ``tweets.js`` /
    ``tweet.js`` (``window.YTD.tweet(s)``) or a legacy monthly file."""
    match = _YTD.match(head)
    return bool(_GRAILBIRD.match(head) or (match and match.group(1).decode() in _TWEET_TYPES))


READER = _Reader()


# ---------------------------------------------------------------- parsing


def parse_assignment(text: str) -> object:
    """The JSON value assigned in an archive file (``window.X = <json>``).

    Parameters
    ----------
    text : str
        The whole file, e.g. ``window.YTD.tweets.part0 = [ ... ]``.

    Returns
    -------
    object
        The parsed JSON (a list for ``window.YTD.*``, a dict for the manifest).

    Raises
    ------
    ValueError
        When the text is not such an assignment or its JSON is bad (truncated file).
    """
    start = text.find("=")
    if start < 0:
        raise ValueError("no 'window.… =' assignment")
    body = text[start + 1 :].strip()
    if body.endswith(";"):
        body = body[:-1]
    return json.loads(body)


_BLANK = re.compile(r"[ \t\n\r]*")
#: Characters of a damaged archive's rest kept as the reject's raw text.
DAMAGED_RAW_MAX = 65536


def array_elements(text: str) -> tuple[list[tuple[int, str, object]], tuple[int, str, str] | None]:
    """The elements of the JSON list assigned in an archive file (``window.X = [...]``).

    Returns ``(elements, damage)``: each element as (file line where it starts, its raw
    text, its parsed value), and, when the list breaks off (a cut or damaged file),
    ``(line, raw rest, JSON error)`` at the first element that cannot be read, the
    elements before it being kept. Raises ``ValueError`` when the file holds no such
    assignment (``parse_assignment`` says why), ``TypeError`` when it assigns something
    that is not a list.
    """
    start = text.find("=")
    pos = _BLANK.match(text, start + 1).end() if start >= 0 else -1
    if pos < 0 or not text.startswith("[", pos):
        value = parse_assignment(text)  # raises ValueError for bad JSON
        raise TypeError(f"the archive file assigns a {type(value).__name__}, not a list")
    decoder = json.JSONDecoder()
    elements: list[tuple[int, str, object]] = []
    line, counted = 1, 0
    pos = _BLANK.match(text, pos + 1).end()
    if text.startswith("]", pos):
        return elements, None
    while True:
        line += text.count("\n", counted, pos)
        counted = pos
        try:
            value, end = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            return elements, (line, text[pos : pos + DAMAGED_RAW_MAX], exc.msg)
        elements.append((line, text[pos:end], value))
        after = _BLANK.match(text, end).end()
        if text.startswith(",", after):
            pos = _BLANK.match(text, after + 1).end()
        elif text.startswith("]", after):
            return elements, None
        else:
            line += text.count("\n", counted, after)
            return elements, (line, text[after : after + DAMAGED_RAW_MAX], "expected ',' or ']'")


_MONTHS = {m: i for i, m in enumerate("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), 1)}


def archive_time(value: str) -> datetime:
    """An archive ``created_at`` as an aware UTC datetime.

    Parameters
    ----------
    value : str
        ``Wed Feb 10 18:00:00 +0000 2021`` (``%a %b %d %H:%M:%S %z %Y``, English
        names whatever the locale); other RFC 2822 dates are accepted too.

    Returns
    -------
    datetime
        The instant in UTC.

    Raises
    ------
    ValueError
        For an unusable value or one without a UTC offset.
    """
    parts = str(value).split()
    if len(parts) == 3:  # legacy archives: 2014-01-14 09:30:00 +0000
        try:
            return datetime.strptime(str(value), "%Y-%m-%d %H:%M:%S %z").astimezone(UTC)
        except ValueError:
            pass
    try:
        _, month, day, clock, offset, year = parts
        hour, minute, second = (int(x) for x in clock.split(":"))
        sign = -1 if offset[0] == "-" else 1
        shift = sign * (int(offset[1:3]) * 60 + int(offset[3:5]))
        local = datetime(int(year), _MONTHS[month], int(day), hour, minute, second, tzinfo=UTC)
        return local - timedelta(minutes=shift)
    except (ValueError, KeyError, IndexError):
        pass
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        raise ValueError(f"bad created_at {value!r}") from None
    if parsed.tzinfo is None:
        raise ValueError(f"no UTC offset in {value!r}")
    return parsed.astimezone(UTC)


def _companion_files(path: Path) -> Iterator[tuple[Path, bytes]]:
    """The files near ``path`` that may tell its account or date, with their heads.

    The files of the same folder, then of the parent folder (``data/`` sits in the
    archive's root; legacy monthly files sit in ``data/js/tweets/``), nearest first,
    except ``path`` and files over :data:`_COMPANION_MAX_BYTES`.
    """
    for folder in (path.parent, path.parent.parent):
        try:
            files = sorted(p for p in folder.iterdir() if p.is_file() and p != path)
        except OSError:
            continue
        for file in files:
            try:
                if file.stat().st_size > _COMPANION_MAX_BYTES:
                    continue
            except OSError:
                continue
            yield file, read_head(file, 4096).lstrip(b"\xef\xbb\xbf")


def _companions(path: Path) -> dict[str, object]:
    """What the archive files near ``path`` say (:func:`_companion_files`).

    Keys: ``account`` (account.js), ``manifest`` (manifest.js), ``readme`` (the handle
    in README.txt), ``user_details`` and ``payload_details`` (legacy archives). The
    nearest wins. Files are recognised by content, not by name.
    """
    found: dict[str, object] = {}
    for file, head in _companion_files(path):
        if _README in head and "readme" not in found:
            user = _README_USER.search(head.decode("utf-8", errors="replace"))
            if user:
                found["readme"] = user.group(1)
        kind = _companion_kind(head)
        if kind and kind not in found:
            try:
                found[kind] = parse_assignment(file.read_text(encoding="utf-8-sig"))
            except (OSError, ValueError):
                continue
    return found


def companions_stamp(path: Path) -> str | None:
    """A fingerprint of the side files a tweets file's read depends on: the name, size
    and modification time of each file near it that :func:`_companions` would use
    (account.js, manifest.js, README, legacy details). None for any other archive file.

    Ingest reads the tweets file again when it changes: an ``account.js`` added beside
    an archive whose tweets were rejected for want of an account, for instance.
    """
    if not _holds_tweets(read_head(path).lstrip(b"\xef\xbb\xbf")):
        return None
    seen = []
    for file, side in _companion_files(path):
        if _README in side or _companion_kind(side):
            st = file.stat()
            seen.append([str(file), st.st_size, st.st_mtime_ns])
    return hashlib.sha256(json.dumps(seen).encode()).hexdigest()[:16]


def _companion_kind(head: bytes) -> str | None:
    match = _YTD.match(head)
    if match and match.group(1) == b"account":
        return "account"
    if _THAR.match(head):
        return "manifest"
    legacy = _GRAILBIRD_VAR.match(head)
    if legacy and legacy.group(1) != b"tweet_index":
        return legacy.group(1).decode()
    return None


def _account_handle(found: dict[str, object], ctx: ReadContext) -> tuple[str | None, str]:
    """The archive's handle and where it came from (see the module docstring)."""
    account = found.get("account")
    if isinstance(account, list):
        for element in account:
            username = (
                (element.get("account") or {}).get("username")
                if isinstance(element, dict)
                else None
            )
            if username:
                return str(username), "account.js"
    manifest = found.get("manifest")
    if isinstance(manifest, dict):
        username = (manifest.get("userInfo") or {}).get("userName")
        if username:
            return str(username), "manifest.js"
    details = found.get("user_details")
    if isinstance(details, dict) and details.get("screen_name"):
        return str(details["screen_name"]), "user_details.js"
    if found.get("readme"):
        return str(found["readme"]), "the archive's README"
    if ctx.handle:
        return ctx.handle.lstrip("@"), "--handle"
    return None, "nowhere"


def _generated_at(found: dict[str, object]) -> tuple[datetime | None, str]:
    """The archive's generation date, and the file that gave it."""
    manifest = found.get("manifest")
    if isinstance(manifest, dict):
        value = (manifest.get("archiveInfo") or {}).get("generationDate")
        if value:
            try:
                return utc_from_iso(str(value)), "manifest.js"
            except ValueError:
                pass
    payload = found.get("payload_details")
    if isinstance(payload, dict) and payload.get("created_at"):
        try:
            return archive_time(str(payload["created_at"])), "payload_details.js"
        except ValueError:
            pass
    return None, ""


def _read_tweets(path: Path, ctx: ReadContext) -> ReadResult:
    file = ctx.name(path)
    text, encoding_note = read_text(path)
    notes = [f"{file}: {encoding_note}"] if encoding_note else []
    try:
        elements, damage = array_elements(text)
    except (ValueError, TypeError) as exc:
        reason = (
            "archive tweets file does not hold a list"
            if isinstance(exc, TypeError)
            else f"archive file is not valid JSON after 'window.… =' (truncated?): {exc}"
        )
        return ReadResult(rejects=frame([reject(file, 0, reason, text)], "rejects"), notes=notes)

    found = _companions(path)
    handle, handle_source = _account_handle(found, ctx)
    collected_at, generation_source = _generated_at(found)
    if collected_at is not None:
        notes.append(f"{file}: collection time = archive generation date ({generation_source})")
    else:
        collected_at, note = fallback_time(path, ctx, "collection time")
        notes.append(f"{file}: no manifest.js beside it, {note}")
    if handle is not None:
        notes.append(f"{file}: account @{handle} from {handle_source}")

    rows: dict[int, dict] = {}  # by tweet id: a line repeated in the file counts once
    repeated = 0
    rejects: list[dict] = []
    for line, raw, element in elements:
        author = _own_author(element) or handle
        if author is None:
            rejects.append(reject(file, line, NO_HANDLE, raw))
            continue
        try:
            row = check_row(_tweet_row(element, author, collected_at), "tweets")
            repeated += row["tweet_id"] in rows
            rows[row["tweet_id"]] = row
        except (KeyError, TypeError, ValueError) as exc:
            reason = f"unusable archive tweet: {describe(exc)}"
            rejects.append(reject(file, line, reason, raw))
    if damage is not None:
        line, raw, why = damage
        reason = f"archive file cut or damaged from this line on, the rest is lost ({why})"
        rejects.append(reject(file, line, reason, raw))
    if repeated:
        notes.append(f"{file}: {repeated} tweets repeat the id of an earlier one: the last kept")
    return ReadResult(
        tweets=frame(list(rows.values()), "tweets"),
        rejects=frame(rejects, "rejects"),
        notes=notes,
    )


def _own_author(element: object) -> str | None:
    """Legacy archives embed the account's ``user`` in every tweet."""
    user = element.get("user") if isinstance(element, dict) else None
    return user.get("screen_name") if isinstance(user, dict) else None


def _tweet_row(element: object, handle: str, collected_at: datetime) -> dict:
    """One canonical row from an archive element ``{"tweet": {...}}`` (or a bare tweet)."""
    if not isinstance(element, dict):
        raise TypeError("element is not an object")
    tweet = element.get("tweet", element)
    if not isinstance(tweet, dict):
        raise TypeError("'tweet' is not an object")
    tweet_id = int(tweet.get("id_str") or tweet["id"])
    text = tweet.get("full_text", tweet.get("text"))
    entities = tweet.get("entities") or {}
    media = (tweet.get("extended_entities") or {}).get("media") or entities.get("media") or []
    retweet_of = _retweeted_author(tweet) or retweeted_handle(text)
    reply_status = tweet.get("in_reply_to_status_id_str") or tweet.get("in_reply_to_status_id")
    quoted = (
        tweet.get("quoted_status_id_str")
        or tweet.get("quoted_status_id")
        or tweet.get("quoted_status")
    )
    if retweet_of:
        kind = "retweet"
    elif reply_status:
        kind = "reply"
    elif quoted:
        kind = "quote"
    else:
        kind = "original"
    return {
        "tweet_id": tweet_id,
        "handle": handle,
        "created_at": archive_time(tweet["created_at"]),
        "text": text,
        "lang": tweet.get("lang"),
        "kind": kind,
        "retweet_count": to_int(tweet.get("retweet_count")),
        "like_count": to_int(tweet.get("favorite_count")),
        "reply_count": None,  # archives carry no reply count
        "quote_count": None,  # nor quote count
        "hashtags": [h["text"] for h in entities.get("hashtags") or [] if h.get("text")],
        "mentions": [
            m["screen_name"] for m in entities.get("user_mentions") or [] if m.get("screen_name")
        ],
        "urls": [u["expanded_url"] for u in entities.get("urls") or [] if u.get("expanded_url")],
        "media_count": len(media),
        "source": NAME,
        "collected_at": collected_at,
        "reply_to": tweet.get("in_reply_to_screen_name") if kind == "reply" else None,
        "retweet_of": retweet_of,
    }


def _retweeted_author(tweet: dict) -> str | None:
    """Legacy archives keep a retweet's original as ``retweeted_status``."""
    original = tweet.get("retweeted_status")
    if not isinstance(original, dict):
        return None
    user = original.get("user")
    return user.get("screen_name") if isinstance(user, dict) else None
