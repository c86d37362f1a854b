"""An independent computation of the KPIs of SPEC section 6, straight from raw files.

This module is the check the product owner will run, built ahead of them: it reads the
raw inputs directly (snscrape JSON lines, optionally gzipped and optionally preceded by
the ``pilot_eval.collect.Collection`` header line; follower snapshots CSV
``handle,observed_at,followers[,following,tweets]``; Twitter Analytics tweet-activity
CSV; twarc2 API v2 pages and twarc-csv files; account archives ``tweets.js`` with ``account.js``) and the registry TOML, and computes every KPI with plain loops. It deliberately
shares no code with ``pilot_eval.ingest`` or ``pilot_eval.metrics``: it was written from
SPEC sections 3-6 alone.

Definitions used (SPEC section 6):

* period: local dates ``start..end`` inclusive, Europe/Paris, i.e. instants
  ``[start 00:00, end+1 00:00)`` Paris time; effective start = max(start, opened);
  ``days`` = local calendar days from effective start to ``end`` inclusive.
* followers_at(t): snapshot points (one per instant: the last one read), plus 0 at the
  opening instant when that precedes the first snapshot; null before the opening; a
  point's value at its instant; linear interpolation between consecutive points at most
  45 days apart; otherwise the nearest point if at most 3 days away; else null.
* engagement = sum of the non-null retweet, like, reply and quote counts (null when all
  four are null: such a tweet is left out of the medians and the mean); the engagement
  set is the account's non-retweet tweets from the effective start to the end.

Merge rules (SPEC section 5): one tweet per id; counts from the copy with the latest
``collected_at`` (ties: the file read last in path order, then the later line).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import statistics
import tomllib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")
MEASURED_ROLES = ("pilot", "national", "comparator")
INTERPOLATION_MAX = timedelta(days=45)
NEAREST_MAX = timedelta(days=3)
COLLECTION_TYPE = "pilot_eval.collect.Collection"
TWEET_TYPE = "snscrape.modules.twitter.Tweet"
USER_TYPE = "snscrape.modules.twitter.User"
COUNT_KEYS = ("retweetCount", "likeCount", "replyCount", "quoteCount")

#: KPI keys compared with the product, in the order of SPEC section 6.
KPI_KEYS = (
    "role",
    "days",
    "followers_start",
    "followers_end",
    "follower_gain",
    "follower_gain_pct",
    "daily_follower_gain",
    "tweets",
    "originals",
    "replies",
    "quotes",
    "retweets",
    "tweets_per_day",
    "median_engagement",
    "mean_engagement",
    "median_engagement_rate_pct",
    "median_impression_rate_pct",
)


@dataclass
class Tweet:
    """One tweet as seen in one file. Counts are ``None`` when the source lacks them."""

    tweet_id: int
    handle: str
    created_at: datetime
    kind: str
    counts: dict[str, int | None]
    collected_at: datetime
    order: tuple[int, int]  # (file index in path order, line number)
    impressions: int | None = None
    interactions: int | None = None


@dataclass
class Snapshot:
    """One follower count of one account at one instant (UTC-aware)."""

    handle: str
    observed_at: datetime
    followers: int
    order: tuple[int, int]


@dataclass
class RawData:
    """Everything the oracle read: tweets (merged by id) and snapshots."""

    tweets: dict[int, Tweet] = field(default_factory=dict)
    snapshots: list[Snapshot] = field(default_factory=list)
    analytics: dict[int, tuple[int | None, int | None, Tweet]] = field(default_factory=dict)
    #: Nested / included copies (SPEC section 5 "same tweet seen several times"): they
    #: update a tweet some file gives in its own right, never create one.
    sightings: list[Tweet] = field(default_factory=list)


# ---------------------------------------------------------------- registry


def load_accounts(path: str | Path) -> list[dict]:
    """The ``[[account]]`` tables of a registry TOML file, ``opened`` as a date or None."""
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    accounts = []
    for entry in data["account"]:
        opened = entry.get("opened")
        if opened is not None and not isinstance(opened, date):
            opened = date.fromisoformat(str(opened))
        accounts.append(
            {"handle": str(entry["handle"]).lstrip("@"), "role": entry["role"], "opened": opened}
        )
    return accounts


# ---------------------------------------------------------------- reading raw files


def _read_text(path: Path) -> str:
    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    return raw.decode("utf-8", errors="replace")


def _parse_time(text: str) -> datetime:
    value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    if value.tzinfo is None:
        raise ValueError(f"no offset in {text!r}")
    return value.astimezone(UTC)


def _int_field(obj: dict, key: str) -> int | None:
    if obj.get(f"{key}.str") is not None:
        return int(obj[f"{key}.str"])
    value = obj.get(key)
    return None if value is None else int(value)


def _kind(obj: dict) -> str:
    """SPEC section 5: retweet > reply > quote > original."""
    if obj.get("retweetedTweet") is not None:
        return "retweet"
    if obj.get("inReplyToTweetId") is not None or obj.get("inReplyToTweetId.str") is not None:
        return "reply"
    if obj.get("quotedTweet") is not None:
        return "quote"
    return "original"


def _author(obj: dict) -> str | None:
    user = obj.get("user") or {}
    if user.get("username"):
        return user["username"]
    url = obj.get("url") or ""
    parts = url.split("/")
    if "status" in parts:
        return parts[parts.index("status") - 1]
    return None


def _tweets_in(obj: dict, include_nested: bool):
    """The tweet object and, with ``include_nested``, its nested full tweets (sightings)."""
    yield obj
    if include_nested:
        for key in ("retweetedTweet", "quotedTweet"):
            inner = obj.get(key)
            if isinstance(inner, dict) and inner.get("_type") == TWEET_TYPE:
                yield from _tweets_in(inner, include_nested)


def _users_in(obj: dict, include_nested: bool):
    """Full User objects embedded as authors (partial mention users have no counts)."""
    for tweet in _tweets_in(obj, include_nested):
        user = tweet.get("user")
        if isinstance(user, dict) and user.get("_type") == USER_TYPE:
            yield user


def _add_snapshot_from_user(data: RawData, user: dict, when: datetime, order) -> None:
    if user.get("followersCount") is None or not user.get("username"):
        return
    data.snapshots.append(Snapshot(user["username"], when, int(user["followersCount"]), order))


def _add_tweet(data: RawData, tweet: Tweet) -> None:
    """Keep the copy with the latest collected_at; ties go to the copy read last."""
    old = data.tweets.get(tweet.tweet_id)
    if old is None or (tweet.collected_at, tweet.order) >= (old.collected_at, old.order):
        data.tweets[tweet.tweet_id] = tweet


def _apply_sightings(data: RawData) -> None:
    """Counts of a sighting replace a tweet's when collected later (ties: the file read
    later; within one file the tweet's own line wins). Handle and kind stay."""
    for seen in data.sightings:
        own = data.tweets.get(seen.tweet_id)
        if own is None:
            continue
        if (seen.collected_at, seen.order[0]) > (own.collected_at, own.order[0]):
            own.counts = dict(seen.counts)
            own.collected_at = seen.collected_at
            own.order = seen.order


def read_snscrape(
    data: RawData,
    path: Path,
    file_index: int,
    *,
    collected_at: datetime | None = None,
    include_nested: bool = True,
    embedded_users: bool = True,
) -> None:
    """Read one snscrape JSON lines file into ``data``.

    The collection time is the header line's ``collected_at``, else ``collected_at``,
    else the file's modification time. Unparseable lines are skipped.
    """
    lines = _read_text(path).splitlines()
    when = collected_at
    objects = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError:
            continue
        if not isinstance(obj, dict):
            continue
        if obj.get("_type") == COLLECTION_TYPE:
            when = _parse_time(obj["collected_at"])
            continue
        objects.append((number, obj))
    if when is None:
        when = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
    for number, obj in objects:
        order = (file_index, number)
        if obj.get("_type") == USER_TYPE:
            _add_snapshot_from_user(data, obj, when, order)
            continue
        if obj.get("_type") != TWEET_TYPE:
            continue
        try:
            for item in _tweets_in(obj, include_nested):
                handle = _author(item)
                tweet_id = _int_field(item, "id")
                if handle is None or tweet_id is None:
                    continue
                counts = {k: _int_field(item, k) for k in COUNT_KEYS}
                add = _add_tweet if item is obj else _add_sighting
                add(
                    data,
                    Tweet(
                        tweet_id,
                        handle,
                        _parse_time(item["date"]),
                        _kind(item),
                        counts,
                        when,
                        order,
                    ),
                )
            if embedded_users:
                for user in _users_in(obj, include_nested):
                    _add_snapshot_from_user(data, user, when, order)
        except (KeyError, TypeError, ValueError):
            continue


def _add_sighting(data: RawData, tweet: Tweet) -> None:
    data.sightings.append(tweet)


def read_follower_csv(data: RawData, path: Path, file_index: int) -> None:
    """Read a ``handle,observed_at,followers[,...]`` CSV into ``data``; bad rows skipped."""
    reader = csv.DictReader(io.StringIO(_read_text(path)))
    for number, row in enumerate(reader, start=2):
        try:
            snap = Snapshot(
                row["handle"].strip().lstrip("@"),
                _parse_time(row["observed_at"]),
                int(row["followers"]),
                (file_index, number),
            )
        except (KeyError, TypeError, ValueError, AttributeError):
            continue
        data.snapshots.append(snap)


def _num(text: str | int | None) -> int | None:
    if isinstance(text, int):
        return text
    if text is None or text.strip() in ("", "-"):
        return None
    return int(float(text))


def read_analytics_csv(data: RawData, path: Path, file_index: int) -> None:
    """Read a Twitter Analytics tweet-activity CSV: impressions and engagements per id."""
    reader = csv.DictReader(io.StringIO(_read_text(path)))
    for number, row in enumerate(reader, start=2):
        try:
            tweet_id = int(row["Tweet id"])
            handle = row["Tweet permalink"].split("/")[3]
            created = datetime.strptime(row["time"], "%Y-%m-%d %H:%M %z")
            likes = row.get("likes", row.get("favorites"))
            counts = {
                "retweetCount": _num(row["retweets"]),
                "likeCount": _num(likes),
                "replyCount": _num(row["replies"]),
                "quoteCount": None,
            }
            text = row["Tweet text"]
            kind = "retweet" if text.startswith("RT @") else "original"
            tweet = Tweet(
                tweet_id,
                handle,
                created.astimezone(UTC),
                kind,
                counts,
                datetime.min.replace(tzinfo=UTC),
                (file_index, number),
            )
            data.analytics[tweet_id] = (_num(row["impressions"]), _num(row["engagements"]), tweet)
        except (KeyError, TypeError, ValueError, IndexError):
            continue


def _twarc_time(text: str) -> datetime:
    return _parse_time(text.replace(".000Z", "Z"))


def _twarc_kind(obj: dict) -> str:
    """SPEC section 5 for twarc2: retweeted > replied_to > quoted > original."""
    types = {ref.get("type") for ref in obj.get("referenced_tweets") or []}
    for ref_type, kind in (("retweeted", "retweet"), ("replied_to", "reply"), ("quoted", "quote")):
        if ref_type in types:
            return kind
    return "original"


def read_twarc2(data: RawData, path: Path, file_index: int, *, include_nested: bool = True) -> None:
    """Read twarc2 API v2 pages: tweets of ``data`` (and ``includes.tweets``), user snapshots.

    Every page is a snapshot at its ``__twarc.retrieved_at``: tweet counts and the
    ``followers_count`` of every user in ``includes.users``.
    """
    for number, line in enumerate(_read_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            page = json.loads(line)
            when = _parse_time(page["__twarc"]["retrieved_at"])
            includes = page.get("includes") or {}
            users = {u["id"]: u for u in includes.get("users") or []}
            order = (file_index, number)
            for user in users.values():
                followers = (user.get("public_metrics") or {}).get("followers_count")
                if followers is not None:
                    data.snapshots.append(Snapshot(user["username"], when, int(followers), order))
            items = [(o, _add_tweet) for o in page.get("data") or []]
            if include_nested:
                items += [(o, _add_sighting) for o in includes.get("tweets") or []]
            for obj, add in items:
                user = users.get(obj.get("author_id"))
                if user is None:
                    continue
                metrics = obj.get("public_metrics") or {}
                counts = {
                    "retweetCount": metrics.get("retweet_count"),
                    "likeCount": metrics.get("like_count"),
                    "replyCount": metrics.get("reply_count"),
                    "quoteCount": metrics.get("quote_count"),
                }
                add(
                    data,
                    Tweet(
                        int(obj["id"]),
                        user["username"],
                        _twarc_time(obj["created_at"]),
                        _twarc_kind(obj),
                        counts,
                        when,
                        order,
                    ),
                )
        except (KeyError, TypeError, ValueError, json.JSONDecodeError):
            continue


def read_twarc_csv(data: RawData, path: Path, file_index: int) -> None:
    """Read twarc-csv's flattened tweets; each row's author is a snapshot at retrieval."""
    reader = csv.DictReader(io.StringIO(_read_text(path)))
    for number, row in enumerate(reader, start=2):
        try:
            when = _parse_time(row["__twarc.retrieved_at"])
            handle = row["author.username"]
            order = (file_index, number)
            if row.get("author.public_metrics.followers_count"):
                followers = int(float(row["author.public_metrics.followers_count"]))
                data.snapshots.append(Snapshot(handle, when, followers, order))
            if row.get("referenced_tweets.retweeted.id"):
                kind = "retweet"
            elif row.get("referenced_tweets.replied_to.id"):
                kind = "reply"
            elif row.get("referenced_tweets.quoted.id"):
                kind = "quote"
            else:
                kind = "original"
            counts = {
                "retweetCount": _num(row.get("public_metrics.retweet_count")),
                "likeCount": _num(row.get("public_metrics.like_count")),
                "replyCount": _num(row.get("public_metrics.reply_count")),
                "quoteCount": _num(row.get("public_metrics.quote_count")),
            }
            tweet = Tweet(
                int(row["id"]), handle, _twarc_time(row["created_at"]), kind, counts, when, order
            )
            _add_tweet(data, tweet)
        except (KeyError, TypeError, ValueError):
            continue


def _ytd_array(text: str) -> list:
    return json.loads(text[text.index("[") :])


def read_archive(data: RawData, path: Path, file_index: int) -> None:
    """Read an account archive's ``tweets.js``/``tweet.js``; the handle from ``account.js``.

    Archives give likes and retweets only (reply and quote counts null); a text starting
    with ``RT @`` is a retweet; ``in_reply_to_status_id`` makes a reply. The counts are
    taken as observed at the file's modification time.
    """
    account = _ytd_array(_read_text(path.parent / "account.js"))[0]["account"]
    handle = account["username"]
    when = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
    for number, item in enumerate(_ytd_array(_read_text(path)), start=1):
        try:
            obj = item["tweet"]
            text = obj.get("full_text") or obj.get("text") or ""
            if text.startswith("RT @"):
                kind = "retweet"
            elif obj.get("in_reply_to_status_id") or obj.get("in_reply_to_status_id_str"):
                kind = "reply"
            else:
                kind = "original"
            counts = {
                "retweetCount": _num(obj.get("retweet_count")),
                "likeCount": _num(obj.get("favorite_count")),
                "replyCount": None,
                "quoteCount": None,
            }
            created = datetime.strptime(obj["created_at"], "%a %b %d %H:%M:%S %z %Y")
            _add_tweet(
                data,
                Tweet(
                    int(obj["id_str"]),
                    handle,
                    created.astimezone(UTC),
                    kind,
                    counts,
                    when,
                    (file_index, number),
                ),
            )
        except (KeyError, TypeError, ValueError):
            continue


def _sniff(path: Path) -> str | None:
    text = _read_text(path)
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    if first.startswith("window.YTD.tweet"):
        return "archive"
    if first.lstrip().startswith("{") and '"__twarc"' in first:
        return "twarc2"
    if first.lstrip().startswith("{"):
        return "snscrape"
    header = first.lower()
    if "tweet id" in header and "impressions" in header:
        return "analytics"
    if header.startswith("id,") and "author.username" in header and "__twarc" in header:
        return "twarc_csv"
    if header.replace(" ", "").startswith("handle,observed_at,followers"):
        return "followers"
    return None


def read_raw(
    paths: list[Path],
    *,
    collected_at: datetime | None = None,
    include_nested: bool = True,
    embedded_users: bool = True,
) -> RawData:
    """Read every file under ``paths`` (files or directories), in path order."""
    files: list[Path] = []
    for p in paths:
        p = Path(p)
        files.extend(sorted(f for f in p.rglob("*") if f.is_file()) if p.is_dir() else [p])
    files = sorted(files, key=lambda f: str(f))
    data = RawData()
    for index, path in enumerate(files):
        kind = _sniff(path)
        if kind == "snscrape":
            read_snscrape(
                data,
                path,
                index,
                collected_at=collected_at,
                include_nested=include_nested,
                embedded_users=embedded_users,
            )
        elif kind == "followers":
            read_follower_csv(data, path, index)
        elif kind == "analytics":
            read_analytics_csv(data, path, index)
        elif kind == "twarc2":
            read_twarc2(data, path, index, include_nested=include_nested)
        elif kind == "archive":
            read_archive(data, path, index)
        elif kind == "twarc_csv":
            read_twarc_csv(data, path, index)
    _apply_sightings(data)
    for tweet_id, (impressions, interactions, row_tweet) in data.analytics.items():
        if tweet_id in data.tweets:
            data.tweets[tweet_id].impressions = impressions
            data.tweets[tweet_id].interactions = interactions
        else:
            row_tweet.impressions = impressions
            row_tweet.interactions = interactions
            data.tweets[tweet_id] = row_tweet
    return data


# ---------------------------------------------------------------- definitions


def paris_midnight(day: date) -> datetime:
    """00:00 Europe/Paris on ``day``, as a UTC datetime."""
    return datetime.combine(day, time(0, 0), tzinfo=PARIS).astimezone(UTC)


def follower_points(snapshots: list[Snapshot], opened: date | None) -> list[tuple[datetime, float]]:
    """Sorted (instant, followers) points: one per instant (read last wins) + opening 0."""
    by_instant: dict[datetime, Snapshot] = {}
    for snap in sorted(snapshots, key=lambda s: s.order):
        by_instant[snap.observed_at] = snap
    points = [(t, float(by_instant[t].followers)) for t in sorted(by_instant)]
    if opened is not None:
        opening = paris_midnight(opened)
        if not points or opening < points[0][0]:
            points.insert(0, (opening, 0.0))
    return points


def followers_at(points: list[tuple[datetime, float]], opened: date | None, t: datetime):
    """SPEC section 6 followers_at(t); ``None`` when it cannot be computed."""
    if opened is not None and t < paris_midnight(opened):
        return None
    before = None
    after = None
    for instant, value in points:
        if instant == t:
            return value
        if instant < t:
            before = (instant, value)
        elif after is None:
            after = (instant, value)
    if before and after and after[0] - before[0] <= INTERPOLATION_MAX:
        frac = (t - before[0]) / (after[0] - before[0])
        return before[1] + frac * (after[1] - before[1])
    candidates = [p for p in (before, after) if p is not None and abs(p[0] - t) <= NEAREST_MAX]
    if not candidates:
        return None
    return min(candidates, key=lambda p: abs(p[0] - t))[1]


def engagement(tweet: Tweet) -> int | None:
    """Sum of the counts the source provides (missing ones are left out).

    ``None`` when the source provides none of the four counts: nothing was observed,
    and SPEC section 6 says a value that cannot be computed is null, not 0.
    """
    known = [v for v in tweet.counts.values() if v is not None]
    return sum(known) if known else None


def _div(a, b):
    return None if a is None or b is None or b == 0 else a / b


def _median(values: list[float]):
    return float(statistics.median(values)) if values else None


def account_kpis(account: dict, data: RawData, start: date, end: date) -> dict:
    """Every compared KPI of one account for the local period ``start..end``."""
    handle = account["handle"]
    key = handle.casefold()
    opened = account["opened"]
    eff_start = max(start, opened) if opened is not None else start
    days = max(0, (end - eff_start).days + 1)  # 0 when the account opens after the end
    t0 = paris_midnight(eff_start)
    t1 = paris_midnight(end + timedelta(days=1))
    snaps = [s for s in data.snapshots if s.handle.casefold() == key]
    points = follower_points(snaps, opened)
    f_start = followers_at(points, opened, t0)
    f_end = followers_at(points, opened, t1)
    gain = None if f_start is None or f_end is None else f_end - f_start
    tweets = [
        tw
        for tw in data.tweets.values()
        if tw.handle.casefold() == key and t0 <= tw.created_at < t1
    ]
    kinds = {
        k: sum(1 for tw in tweets if tw.kind == k)
        for k in ("original", "reply", "quote", "retweet")
    }
    eng_set = [tw for tw in tweets if tw.kind != "retweet"]
    engagements = [engagement(tw) for tw in eng_set if engagement(tw) is not None]
    rates = []
    for tw in eng_set:
        f = followers_at(points, opened, tw.created_at)
        if f is not None and f > 0 and engagement(tw) is not None:
            rates.append(100.0 * engagement(tw) / f)
    impression_rates = [
        100.0 * tw.interactions / tw.impressions
        for tw in eng_set
        if tw.impressions is not None and tw.impressions > 0 and tw.interactions is not None
    ]
    return {
        "role": account["role"],
        "days": days,
        "followers_start": f_start,
        "followers_end": f_end,
        "follower_gain": gain,
        "follower_gain_pct": None if gain is None or not f_start else 100.0 * gain / f_start,
        "daily_follower_gain": _div(gain, days),
        "tweets": len(tweets),
        "originals": kinds["original"],
        "replies": kinds["reply"],
        "quotes": kinds["quote"],
        "retweets": kinds["retweet"],
        "tweets_per_day": _div(len(tweets), days),
        "median_engagement": _median(engagements),
        "mean_engagement": statistics.fmean(engagements) if engagements else None,
        "median_engagement_rate_pct": _median(rates),
        "median_impression_rate_pct": _median(impression_rates),
    }


def oracle_kpis(
    paths: list[Path],
    registry_toml: str | Path,
    start: date,
    end: date,
    *,
    collected_at: datetime | None = None,
    include_nested: bool = True,
    embedded_users: bool = True,
) -> dict[str, dict]:
    """KPIs of every measured account (pilot, national, comparator), keyed by handle."""
    data = read_raw(
        list(paths),
        collected_at=collected_at,
        include_nested=include_nested,
        embedded_users=embedded_users,
    )
    return {
        a["handle"]: account_kpis(a, data, start, end)
        for a in load_accounts(registry_toml)
        if a["role"] in MEASURED_ROLES
    }


def compare(expected: dict[str, dict], got: dict[str, dict], rel: float = 1e-9) -> list[str]:
    """Differences between oracle and product KPIs, one readable line each ([] = equal)."""
    problems = []
    for handle in sorted(set(expected) | set(got)):
        if handle not in got:
            problems.append(f"{handle}: missing from the product's accounts")
            continue
        if handle not in expected:
            problems.append(f"{handle}: reported by the product but not a measured account")
            continue
        for key in KPI_KEYS:
            want, have = expected[handle][key], got[handle].get(key, "<absent>")
            if not _same(want, have, rel):
                problems.append(f"{handle}.{key}: expected {want!r}, got {have!r}")
    return problems


def _same(want, have, rel: float) -> bool:
    if want is None or have is None:
        return want is None and have is None
    if isinstance(want, str) or isinstance(have, str):
        return want == have
    if isinstance(have, bool):
        return False
    return abs(want - have) <= rel * max(abs(want), abs(have)) or want == have


def main(argv: list[str] | None = None) -> int:
    """``python tests/oracle/kpi_oracle.py RAW... --accounts TOML --start D --end D``: JSON."""
    import argparse

    parser = argparse.ArgumentParser(description="Independent KPI oracle (SPEC section 6).")
    parser.add_argument("paths", nargs="+", type=Path, help="raw files or directories")
    parser.add_argument("--accounts", required=True, help="registry TOML")
    parser.add_argument("--start", type=date.fromisoformat, default=date(2013, 12, 23))
    parser.add_argument("--end", type=date.fromisoformat, default=date(2014, 3, 31))
    parser.add_argument("--collected-at", type=_parse_time, default=None)
    args = parser.parse_args(argv)
    kpis = oracle_kpis(
        args.paths, args.accounts, args.start, args.end, collected_at=args.collected_at
    )
    print(
        json.dumps(
            {"period": {"start": str(args.start), "end": str(args.end)}, "accounts": kpis}, indent=2
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
