"""Small hand-made raw datasets in the real formats, with the tricky cases of SPEC 5-6.

Tweets and users are built with snscrape's own classes and serialised with ``.json()``,
as ``snscrape --jsonl --with-entity`` writes them; files collected by ``pilot-eval
collect`` start with the ``pilot_eval.collect.Collection`` header line. Follower
snapshots go to a ``handle,observed_at,followers,following,tweets`` CSV.

The dataset (:func:`build_tricky_dataset`) contains, on purpose:

* the switch to summer time on 30 March 2014 (tweets either side of 01:00 UTC), a
  tweet at 23:30 UTC on 31 March 2014 (1 April in Paris: outside) and one at 21:59 UTC
  (23:59 in Paris: inside); tweets at 22:59 and 23:00 UTC on 22 December 2013 (23:59 on
  the 22nd and 00:00 on the 23rd in Paris); the same around the bounds of the second
  period 2014-01-13 .. 2014-02-28;
* accounts opened inside the period (the 0-follower opening point), an account with no
  data at all, an impostor and a non-registry account that must not be measured;
* gaps of more than 45 days between snapshots, with the last snapshot 2 days
  (pnationale62: nearest rule applies) and 4 days (pnationale67: null) after the end;
* the same tweets in two files with different collection times, where the file with
  the *later* collection comes *first* in path order; a gzipped file; a file without
  the collection header (its collection time is the file's modification time);
* retweets (nested original), replies, a reply that also quotes (reply wins), quotes,
  a null ``quoteCount``; handles in other letter cases; a bad row in the CSV.
"""

from __future__ import annotations

import gzip
import json
import os
import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import snscrape.modules.twitter as tw

REGISTRY_TOML = """\
[[account]]
handle = "PNationale44"
name = "DDSP de Loire-Atlantique"
role = "pilot"
department = "44"
opened = 2013-12-23
lang = "fr"
timezone = "Europe/Paris"

[[account]]
handle = "pnationale35"
name = "DDSP d'Ille-et-Vilaine"
role = "pilot"
department = "35"
opened = 2014-01-13

[[account]]
handle = "pnationale62"
name = "DDSP du Pas-de-Calais"
role = "pilot"
department = "62"
opened = 2014-01-10

[[account]]
handle = "pnationale67"
name = "DDSP du Bas-Rhin"
role = "pilot"
department = "67"
opened = 2014-01-10

[[account]]
handle = "pnationale06"
name = "DDSP des Alpes-Maritimes"
role = "pilot"
department = "06"
opened = 2014-01-13

[[account]]
handle = "pnationale"
name = "Police nationale"
role = "national"
opened = 2012-12-01

[[account]]
handle = "policia"
name = "Policia Nacional"
role = "comparator"
lang = "es"

[[account]]
handle = "PNationale86"
name = "Impostor 86"
role = "impostor"
department = "86"
"""

#: Periods the tests compare: the default one and a second one inside it.
PERIODS = ((date(2013, 12, 23), date(2014, 3, 31)), (date(2014, 1, 13), date(2014, 2, 28)))
#: Extra periods for the tricky dataset: before some accounts opened; the DST day alone.
EXTRA_PERIODS = ((date(2013, 12, 23), date(2014, 1, 5)), (date(2014, 3, 30), date(2014, 3, 30)))


def utc(*args: int) -> datetime:
    """A UTC datetime."""
    return datetime(*args, tzinfo=UTC)


def make_user(handle: str, uid: int, followers: int) -> tw.User:
    """A full snscrape ``User`` with ``followersCount`` = ``followers``."""
    return tw.User(
        username=handle,
        id=uid,
        displayname=f"Police {handle}",
        rawDescription="Compte officiel. Urgence : composez le 17.",
        renderedDescription="Compte officiel. Urgence : composez le 17.",
        descriptionLinks=None,
        verified=False,
        created=datetime(2013, 9, 2, 8, 30, tzinfo=UTC),
        followersCount=followers,
        friendsCount=180,
        statusesCount=950,
        favouritesCount=120,
        listedCount=75,
        mediaCount=21,
        location="France",
        protected=False,
        link=None,
        profileImageUrl="https://pbs.twimg.com/profile_images/1/a_normal.jpg",
        profileBannerUrl=None,
    )


class TweetFactory:
    """Builds snscrape ``Tweet`` objects with unique ids."""

    def __init__(self) -> None:
        self.next_id = 420_000_000_000_000_000

    def new_id(self) -> int:
        self.next_id += 1_000_003
        return self.next_id

    def tweet(
        self,
        user: tw.User,
        when: datetime,
        counts: tuple[int | None, int | None, int | None, int | None],
        *,
        kind: str = "original",
        tweet_id: int | None = None,
        text: str = "Conseil de prévention : fermez votre porte à clé &amp; signalez",
        retweeted: tw.Tweet | None = None,
    ) -> tw.Tweet:
        """A tweet; counts are (retweets, likes, replies, quotes); ``kind`` picks the links."""
        tid = tweet_id if tweet_id is not None else self.new_id()
        rts, likes, replies, quotes = counts
        reply_to = tid - 7 if kind in ("reply", "reply+quote") else None
        quoted = tw.TweetRef(id=tid - 11) if kind in ("quote", "reply+quote") else None
        if kind == "retweet" and retweeted is None:
            other = make_user("Prefet44", 999001, 5000)
            retweeted = self.tweet(
                other,
                when - timedelta(hours=2),
                (rts, 9, 1, 0),
                text="Déviation A11 suite accident",
            )
        if retweeted is not None:
            text = f"RT @{retweeted.user.username}: {retweeted.rawContent}"[:140]
        return tw.Tweet(
            url=f"https://twitter.com/{user.username}/status/{tid}",
            date=when,
            rawContent=text,
            renderedContent=text,
            id=tid,
            user=user,
            replyCount=replies,
            retweetCount=rts,
            likeCount=likes,
            quoteCount=quotes,
            conversationId=reply_to or tid,
            lang="fr",
            retweetedTweet=retweeted,
            quotedTweet=quoted,
            inReplyToTweetId=reply_to,
        )


def write_snscrape(
    path: Path,
    user: tw.User | None,
    tweets: list[tw.Tweet],
    *,
    collected_at: datetime | None,
    gz: bool = False,
) -> Path:
    """Write a snscrape JSON lines file: header (when ``collected_at``), entity, tweets."""
    lines = []
    if collected_at is not None:
        lines.append(
            json.dumps(
                {
                    "_type": "pilot_eval.collect.Collection",
                    "collected_at": collected_at.isoformat(),
                    "handle": user.username if user else None,
                    "query": None,
                    "since": "2013-12-20",
                    "until": "2014-04-02",
                    "snscrape": "0.7.0.20230622",
                    "simulated": False,
                }
            )
        )
    if user is not None:
        lines.append(user.json())
    lines.extend(t.json() for t in tweets)
    lines.insert(len(lines) // 2, "")  # a blank line is skipped
    payload = ("\n".join(lines) + "\n").encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(payload, mtime=0) if gz else payload)
    return path


def _filler(rng: random.Random, first: datetime, last: datetime, n: int, shares: dict[str, float]):
    """``n`` (when, kind, counts) triples, times uniform in [first, last)."""
    span = int((last - first).total_seconds())
    kinds = list(shares)
    weights = [shares[k] for k in kinds]
    out = []
    for _ in range(n):
        when = first + timedelta(seconds=rng.randrange(span))
        kind = rng.choices(kinds, weights)[0]
        counts = (
            int(rng.paretovariate(1.3)) - 1,
            int(rng.paretovariate(1.2)) - 1,
            rng.randrange(4),
            rng.randrange(2),
        )
        out.append((when, kind, counts))
    return out


SHARES = {"original": 0.7, "reply": 0.15, "retweet": 0.1, "quote": 0.05}
#: Tweets at the bounds of both periods (UTC): outside / inside pairs and the DST switch.
EDGE_TIMES = (
    utc(2013, 12, 22, 22, 59),  # 23:59 on 22 Dec in Paris: before the default period
    utc(2013, 12, 22, 23, 0),  # 00:00 on 23 Dec in Paris: first instant
    utc(2014, 1, 12, 22, 59),  # 23:59 on 12 Jan: before the second period
    utc(2014, 1, 12, 23, 0),  # 00:00 on 13 Jan: first instant of the second period
    utc(2014, 2, 28, 22, 59),  # 23:59 on 28 Feb: last minute of the second period
    utc(2014, 2, 28, 23, 0),  # 00:00 on 1 Mar: after the second period
    utc(2014, 3, 30, 0, 30),  # 01:30 CET, before the switch to summer time
    utc(2014, 3, 30, 1, 30),  # 03:30 CEST, after it
    utc(2014, 3, 31, 21, 59),  # 23:59 CEST on 31 Mar: inside
    utc(2014, 3, 31, 22, 0),  # 00:00 on 1 Apr in Paris: outside
    utc(2014, 3, 31, 23, 30),  # 01:30 on 1 Apr in Paris: outside
)


def build_tricky_dataset(root: Path) -> dict[str, Path]:
    """Write the raw files and the registry under ``root``; returns their paths.

    ``raw`` is the directory to ingest, ``registry`` the TOML file.
    """
    rng = random.Random(20140331)
    raw = root / "raw"
    f = TweetFactory()
    csv_rows: list[str] = ["handle,observed_at,followers,following,tweets"]

    def snap(handle: str, when: str, followers: int) -> None:
        csv_rows.append(f"{handle},{when},{followers},180,100")

    # ---- PNationale44: opened 2013-12-23 (= default start); a 47-day gap Feb 1 -> Mar 20.
    u44 = make_user("PNationale44", 2001, 1620)
    snap("pnationale44", "2014-01-05T10:00:00+01:00", 120)
    snap("PNationale44", "2014-02-01T12:00:00Z", 800)
    snap("PNATIONALE44", "2014-03-20T09:00:00+01:00", 1500)
    tweets44 = [
        f.tweet(u44, when, (i % 4, 2 * i % 7, i % 3, 0)) for i, when in enumerate(EDGE_TIMES)
    ]
    tweets44 += [
        f.tweet(u44, utc(2014, 2, 2, 10), (3, 5, 1, None)),  # null quote count, near Feb 1
        f.tweet(u44, utc(2014, 2, 20, 10), (8, 20, 2, 0)),  # in the gap: no rate
        f.tweet(u44, utc(2014, 3, 18, 10), (1, 2, 0, 0), kind="reply+quote"),  # reply wins
        f.tweet(u44, utc(2014, 1, 20, 15), (4, 0, 0, 0), kind="retweet"),
        f.tweet(u44, utc(2014, 1, 21, 15), (0, 3, 1, 0), kind="quote"),
    ]
    tweets44 += [
        f.tweet(u44, w, c, kind=k)
        for w, k, c in _filler(rng, utc(2013, 12, 22, 23, 0), utc(2014, 4, 3), 60, SHARES)
    ]

    # ---- pnationale35: opened 2014-01-13 (= second period's start); last snapshot 4 days
    # after the end but only 6 days after the previous one (interpolated).
    u35 = make_user("pnationale35", 2002, 760)
    snap("pnationale35", "2014-01-14T09:00:00Z", 50)
    snap("pnationale35", "2014-02-10T09:00:00+01:00", 300)
    snap("pnationale35", "2014-03-29T10:00:00Z", 700)
    tweets35 = [
        f.tweet(u35, w, c, kind=k)
        for w, k, c in _filler(rng, utc(2014, 1, 12, 23, 0), utc(2014, 4, 3), 40, SHARES)
    ]
    tweets35.append(f.tweet(u35, utc(2014, 1, 12, 23, 0), (2, 3, 0, 0)))  # opening instant: 0

    # ---- pnationale62: opened 2014-01-10; Feb 5 -> Apr 2 20:00 UTC (> 45 days): the
    # last snapshot, 1 day 22 h after the end, is the nearest point within 3 days.
    u62 = make_user("pnationale62", 2003, 900)
    snap("pnationale62", "2014-01-20T12:00:00Z", 150)
    snap("pnationale62", "2014-02-05T12:00:00Z", 400)
    tweets62 = [
        f.tweet(u62, w, c, kind=k)
        for w, k, c in _filler(rng, utc(2014, 1, 9, 23, 0), utc(2014, 4, 3), 30, SHARES)
    ]

    # ---- pnationale67: same shape, last snapshot 4 days after the end: followers_end null.
    u67 = make_user("pnationale67", 2004, 650)
    snap("pnationale67", "2014-01-20T12:00:00Z", 100)
    snap("pnationale67", "2014-02-05T12:00:00Z", 300)
    tweets67 = [
        f.tweet(u67, w, c, kind=k)
        for w, k, c in _filler(rng, utc(2014, 1, 9, 23, 0), utc(2014, 4, 3), 25, SHARES)
    ]

    # ---- pnationale: established; a snapshot exactly at the default start instant; two
    # collections, the later one first in path order.
    for day, followers in [
        ("2013-12-10T09:00:00+01:00", 6100),
        ("2013-12-22T23:00:00Z", 6400),
        ("2014-01-08T12:00:00+01:00", 7000),
        ("2014-01-25T08:00:00Z", 8200),
        ("2014-02-04T18:00:00+01:00", 9486),
        ("2014-02-27T08:00:00Z", 10300),
        ("2014-03-14T08:00:00Z", 11000),
        ("2014-03-30T03:30:00+02:00", 11700),
    ]:
        snap("Pnationale", day, followers)
    u_late = make_user("pnationale", 2005, 11750)  # collected 2014-04-01T06:00Z
    u_early = make_user("pnationale", 2005, 9900)  # collected 2014-02-15T06:00Z
    plan = _filler(rng, utc(2013, 12, 20), utc(2014, 4, 3), 80, SHARES)
    ids = [f.new_id() for _ in plan]
    late = [
        f.tweet(u_late, w, (c[0] + 5, c[1] + 10, c[2] + 1, c[3]), kind=k, tweet_id=i)
        for (w, k, c), i in zip(plan, ids, strict=True)
    ]
    early = [
        f.tweet(u_early, w, c, kind=k, tweet_id=i)
        for (w, k, c), i in zip(plan, ids, strict=True)
        if w < utc(2014, 2, 15)
    ]
    only_early = f.tweet(u_early, utc(2014, 1, 30, 9), (7, 7, 7, 0))  # deleted later
    # PNationale44 retweets a pnationale tweet: the nested original has the latest counts.
    original = late[len(late) // 2]
    tweets44.append(
        f.tweet(
            u44,
            original.date + timedelta(minutes=5),
            (original.retweetCount, 0, 0, 0),
            kind="retweet",
            retweeted=original,
        )
    )

    # ---- policia: gzipped collection + an older file without header (mtime).
    u_pol = make_user("policia", 2006, 745000)
    for day, followers in [
        ("2013-12-16T11:30:00Z", 680736),
        ("2014-01-15T11:30:00Z", 700500),
        ("2014-02-04T11:30:00Z", 732000),
        ("2014-03-01T11:30:00Z", 738000),
    ]:
        snap("policia", day, followers)
    plan = _filler(rng, utc(2013, 12, 20), utc(2014, 4, 3), 50, SHARES)
    ids = [f.new_id() for _ in plan]
    pol = [
        f.tweet(u_pol, w, (c[0] * 10, c[1] * 20, c[2], c[3]), kind=k, tweet_id=i)
        for (w, k, c), i in zip(plan, ids, strict=True)
    ]
    pol_old = [
        f.tweet(make_user("policia", 2006, 739500), w, c, kind=k, tweet_id=i)
        for (w, k, c), i in zip(plan, ids, strict=True)
        if w < utc(2014, 3, 5)
    ]

    # ---- not measured: an impostor and an account outside the registry.
    u86 = make_user("PNationale86", 2007, 40)
    snap("PNationale86", "2014-01-20T12:00:00Z", 35)
    imp = [f.tweet(u86, utc(2014, 1, 21, 10), (1, 1, 0, 0))]
    stranger = [f.tweet(make_user("Gendarmerie", 2008, 90000), utc(2014, 1, 21, 10), (9, 9, 9, 0))]

    csv_rows.append("pnationale35,31/03/2014,12,1,1")  # bad date: a reject, not a snapshot
    paths = {
        "44": write_snscrape(
            raw / "snscrape" / "PNationale44.jsonl", u44, tweets44, collected_at=utc(2014, 4, 2, 8)
        ),
        "35": write_snscrape(
            raw / "snscrape" / "pnationale35.jsonl", u35, tweets35, collected_at=utc(2014, 4, 4, 12)
        ),
        "62": write_snscrape(
            raw / "snscrape" / "pnationale62.jsonl", u62, tweets62, collected_at=utc(2014, 4, 2, 20)
        ),
        "67": write_snscrape(
            raw / "snscrape" / "pnationale67.jsonl", u67, tweets67, collected_at=utc(2014, 4, 4, 23)
        ),
        "nat_late": write_snscrape(
            raw / "snscrape" / "pnationale_a.jsonl", u_late, late, collected_at=utc(2014, 4, 1, 6)
        ),
        "nat_early": write_snscrape(
            raw / "snscrape" / "pnationale_b.jsonl",
            u_early,
            early + [only_early],
            collected_at=utc(2014, 2, 15, 6),
        ),
        "pol": write_snscrape(
            raw / "snscrape" / "policia.jsonl.gz",
            u_pol,
            pol,
            collected_at=utc(2014, 4, 1, 6),
            gz=True,
        ),
        "pol_old": write_snscrape(
            raw / "snscrape" / "policia_old.jsonl",
            make_user("policia", 2006, 739500),
            pol_old,
            collected_at=None,
        ),
        "imp": write_snscrape(
            raw / "snscrape" / "PNationale86.jsonl", u86, imp, collected_at=utc(2014, 4, 1, 6)
        ),
        "stranger": write_snscrape(
            raw / "snscrape" / "gendarmerie.jsonl", None, stranger, collected_at=utc(2014, 4, 1, 6)
        ),
    }
    old_mtime = utc(2014, 3, 5, 12).timestamp()
    os.utime(paths["pol_old"], (old_mtime, old_mtime))
    followers = raw / "followers" / "snapshots.csv"
    followers.parent.mkdir(parents=True, exist_ok=True)
    followers.write_text("\n".join(csv_rows) + "\n", encoding="utf-8")
    registry = root / "accounts.toml"
    registry.write_text(REGISTRY_TOML, encoding="utf-8")
    return {"raw": raw, "registry": registry, **paths, "followers": followers}


# ---------------------------------------------------------------- other formats (issue 3)

ANALYTICS_COLUMNS = (
    "Tweet id,Tweet permalink,Tweet text,time,impressions,engagements,engagement rate,"
    "retweets,replies,likes,user profile clicks,url clicks,hashtag clicks,detail expands,"
    "permalink clicks,app opens,app installs,follows,email tweet,dial phone,media views,"
    "media engagements,promoted impressions,promoted engagements,promoted engagement rate,"
    "promoted retweets,promoted replies,promoted likes,promoted user profile clicks,"
    "promoted url clicks,promoted hashtag clicks,promoted detail expands,"
    "promoted permalink clicks,promoted app opens,promoted app installs,promoted follows,"
    "promoted email tweet,promoted dial phone,promoted media views,promoted media engagements"
).split(",")


def analytics_row(
    handle: str,
    tweet_id: int,
    text: str,
    when: datetime,
    impressions: int,
    engagements: int,
    retweets: int,
    replies: int,
    likes: int,
) -> list[str]:
    """One Twitter Analytics tweet-activity row (floats as the export writes them)."""
    rate = engagements / impressions if impressions else 0.0
    row = [
        str(tweet_id),
        f"https://twitter.com/{handle}/status/{tweet_id}",
        text,
        when.strftime("%Y-%m-%d %H:%M +0000"),
        f"{impressions:.1f}",
        f"{engagements:.1f}",
        repr(rate),
        f"{retweets:.1f}",
        f"{replies:.1f}",
        f"{likes:.1f}",
    ]
    row += ["0.0"] * 5 + ["0"] * 7
    row += ["-"] * (len(ANALYTICS_COLUMNS) - len(row))
    return row


def write_analytics(path: Path, rows: list[list[str]]) -> Path:
    """A tweet-activity export: every field quoted, as Twitter wrote it."""
    import csv

    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, quoting=csv.QUOTE_ALL)
        writer.writerow(ANALYTICS_COLUMNS)
        writer.writerows(rows)
    return path


def twarc_user(handle: str, uid: int, followers: int) -> dict:
    """An API v2 user object."""
    return {
        "public_metrics": {
            "followers_count": followers,
            "following_count": 180,
            "tweet_count": 400,
            "listed_count": 3,
        },
        "verified": False,
        "description": "Compte officiel",
        "id": str(uid),
        "created_at": "2014-01-12T23:00:00.000Z",
        "url": "",
        "name": f"Police {handle}",
        "protected": False,
        "username": handle,
    }


def twarc_tweet(
    tweet_id: int, author_id: int, when: datetime, counts, kind: str, ref_id: int | None = None
) -> dict:
    """An API v2 tweet object; ``kind`` sets ``referenced_tweets``."""
    rts, likes, replies, quotes = counts
    obj = {
        "lang": "fr",
        "created_at": when.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
        "text": "Appel à témoins : contactez le 17",
        "id": str(tweet_id),
        "public_metrics": {
            "retweet_count": rts,
            "reply_count": replies,
            "like_count": likes,
            "quote_count": quotes,
        },
        "reply_settings": "everyone",
        "source": "Twitter Web Client",
        "author_id": str(author_id),
        "conversation_id": str(tweet_id),
    }
    ref_type = {"retweet": "retweeted", "reply": "replied_to", "quote": "quoted"}.get(kind)
    if ref_type:
        obj["referenced_tweets"] = [{"type": ref_type, "id": str(ref_id)}]
        if kind == "retweet":
            obj["text"] = "RT @Prefet35: Déviation sur la rocade"
    return obj


def write_twarc2(path: Path, pages: list[dict]) -> Path:
    """One API response page per line, as twarc2 writes them."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(p) + "\n" for p in pages), encoding="utf-8")
    return path


def twarc_page(tweets: list[dict], users: list[dict], nested: list[dict], retrieved_at: datetime):
    """A search page with its includes and ``__twarc`` metadata."""
    return {
        "data": tweets,
        "includes": {"users": users, "tweets": nested},
        "meta": {
            "newest_id": tweets[0]["id"],
            "oldest_id": tweets[-1]["id"],
            "result_count": len(tweets),
        },
        "__twarc": {
            "url": "https://api.twitter.com/2/tweets/search/all?query=from%3A",
            "version": "2.13.0",
            "retrieved_at": retrieved_at.strftime("%Y-%m-%dT%H:%M:%S+00:00"),
        },
    }


def archive_tweet(tweet_id: int, when: datetime, counts, kind: str) -> dict:
    """One element of ``tweets.js``: v1.1-like keys, every number as a string."""
    rts, likes = counts[0], counts[1]
    text = "Conseils contre les cambriolages &amp; vols"
    obj = {
        "retweeted": False,
        "source": '<a href="http://twitter.com">Twitter Web Client</a>',
        "entities": {"hashtags": [], "symbols": [], "user_mentions": [], "urls": []},
        "display_text_range": ["0", str(len(text))],
        "favorite_count": str(likes),
        "id_str": str(tweet_id),
        "truncated": False,
        "retweet_count": str(rts),
        "id": str(tweet_id),
        "created_at": when.strftime("%a %b %d %H:%M:%S +0000 %Y"),
        "favorited": False,
        "full_text": text,
        "lang": "fr",
    }
    if kind == "retweet":
        obj["full_text"] = "RT @pnationale: Conseils contre les cambriolages"
        obj["favorite_count"] = obj["retweet_count"] = "0"
    elif kind == "reply":
        obj["in_reply_to_status_id"] = obj["in_reply_to_status_id_str"] = str(tweet_id - 9)
        obj["in_reply_to_screen_name"] = "citoyen62"
        obj["full_text"] = "@citoyen62 Merci, composez le 17"
    return {"tweet": obj}


def write_archive(folder: Path, handle: str, tweets: list[dict]) -> Path:
    """An archive's ``data/tweets.js`` and ``data/account.js``."""
    data = folder / "data"
    data.mkdir(parents=True, exist_ok=True)
    account = [
        {
            "account": {
                "email": "ddsp@example.invalid",
                "createdVia": "web",
                "username": handle,
                "accountId": "2003",
                "createdAt": "2014-01-09T23:10:00.000Z",
                "accountDisplayName": f"Police {handle}",
            }
        }
    ]
    (data / "account.js").write_text(
        "window.YTD.account.part0 = " + json.dumps(account, indent=2), encoding="utf-8"
    )
    path = data / "tweets.js"
    path.write_text("window.YTD.tweets.part0 = " + json.dumps(tweets, indent=2), encoding="utf-8")
    return path


def build_mixed_dataset(root: Path) -> dict[str, Path]:
    """Accounts delivered in other formats, ingested in one call (issue 3's acceptance).

    * PNationale44: snscrape + a Twitter Analytics export (impressions for part of its
      tweets, a zero-impression row, rows for tweets snscrape did not see);
    * pnationale35: twarc2 pages only (two retrievals of the same tweets, the later one
      in the file that comes first in path order; users as snapshots);
    * pnationale62: an account archive only (likes and retweets, nothing else);
    * pnationale: snscrape collected in February and twarc2 pages retrieved in April
      for the same tweets (the April counts win);
    * pnationale67: twarc-csv only; pnationale06: snscrape's buggy-int-parser form.
    """
    rng = random.Random(35)
    raw = root / "raw"
    f = TweetFactory()
    csv_rows = ["handle,observed_at,followers,following,tweets"]
    for handle, points in {
        "PNationale44": [
            ("2013-12-28T10:00:00Z", 60),
            ("2014-01-30T10:00:00Z", 700),
            ("2014-03-10T10:00:00Z", 1400),
        ],
        "pnationale35": [("2014-01-20T10:00:00Z", 80), ("2014-02-20T10:00:00Z", 380)],
        "pnationale62": [
            ("2014-01-15T10:00:00Z", 40),
            ("2014-02-15T10:00:00Z", 260),
            ("2014-03-25T10:00:00Z", 520),
            ("2014-04-02T10:00:00Z", 560),
        ],
        "pnationale": [
            ("2013-12-20T10:00:00Z", 6300),
            ("2014-01-31T10:00:00Z", 9200),
            ("2014-03-14T10:00:00Z", 11000),
        ],
    }.items():
        csv_rows += [f"{handle},{when},{n},180,100" for when, n in points]
    paths: dict[str, Path] = {}

    # PNationale44: snscrape + Analytics.
    u44 = make_user("PNationale44", 2001, 1650)
    plan = _filler(rng, utc(2013, 12, 22, 23), utc(2014, 4, 2), 40, SHARES)
    t44 = [f.tweet(u44, w, c, kind=k) for w, k, c in plan]
    paths["44"] = write_snscrape(
        raw / "snscrape" / "PNationale44.jsonl", u44, t44, collected_at=utc(2014, 4, 1, 7)
    )
    rows = []
    for i, t in enumerate(t44[:25]):
        impressions = 0 if i == 3 else 200 + 37 * i
        rows.append(
            analytics_row(
                "PNationale44",
                t.id,
                t.rawContent,
                t.date,
                impressions,
                (5 + 3 * i) if impressions else 0,
                t.retweetCount + 1,
                t.replyCount,
                t.likeCount + 2,
            )
        )
    for i, when in enumerate(
        [
            utc(2014, 1, 5, 9, 15),
            utc(2014, 2, 11, 17, 40),
            utc(2014, 3, 31, 21, 59),
            utc(2014, 3, 31, 22, 1),
        ]
    ):
        rows.append(
            analytics_row(
                "PNationale44",
                f.new_id(),
                "Recrutement : concours de gardien de la paix",
                when,
                900 + i,
                40 + i,
                4 + i,
                i,
                6,
            )
        )
    paths["analytics"] = write_analytics(
        raw / "analytics" / "tweet_activity_metrics_PNationale44_20131201_20140401_fr.csv", rows
    )

    # pnationale35: twarc2 only.
    u35_late, u35_early = (
        twarc_user("pnationale35", 2002, 640),
        twarc_user("pnationale35", 2002, 300),
    )
    other = twarc_user("Prefet35", 3002, 2500)
    plan = _filler(rng, utc(2014, 1, 12, 23), utc(2014, 4, 2), 30, SHARES)
    ids = [f.new_id() for _ in plan]
    nested = [
        twarc_tweet(i - 1, 3002, w, (5, 9, 0, 0), "original")
        for (w, k, _), i in zip(plan, ids, strict=True)
        if k == "retweet"
    ]

    def page(items, user, when):
        return twarc_page(
            items,
            [user, other],
            [n for n in nested if n["id"] in {str(int(t["id"]) - 1) for t in items}],
            when,
        )

    late_items = [
        twarc_tweet(i, 2002, w, (c[0] + 2, c[1] + 3, c[2], c[3]), k, i - 1)
        for (w, k, c), i in zip(plan, ids, strict=True)
    ]
    early_items = [
        twarc_tweet(i, 2002, w, c, k, i - 1)
        for (w, k, c), i in zip(plan, ids, strict=True)
        if w < utc(2014, 2, 20)
    ]
    paths["35_late"] = write_twarc2(
        raw / "twarc2" / "pn35_a.jsonl",
        [
            page(late_items[:15], u35_late, utc(2014, 4, 2, 9)),
            page(late_items[15:], u35_late, utc(2014, 4, 2, 9, 1)),
        ],
    )
    paths["35_early"] = write_twarc2(
        raw / "twarc2" / "pn35_b.jsonl",
        [
            page(early_items, u35_early, utc(2014, 2, 20, 10)),
        ],
    )

    # pnationale62: archive only.
    plan = _filler(rng, utc(2014, 1, 9, 23), utc(2014, 4, 2), 30, SHARES)
    arch = [archive_tweet(f.new_id(), w, c, "original" if k == "quote" else k) for w, k, c in plan]
    paths["62"] = write_archive(raw / "archive_pn62", "pnationale62", arch)

    # pnationale: snscrape in February, twarc2 in April, same tweets.
    u_nat = make_user("pnationale", 2005, 9600)
    plan = [
        (w, k, c)
        for w, k, c in _filler(rng, utc(2013, 12, 20), utc(2014, 2, 14), 30, SHARES)
        if k != "retweet"
    ]
    ids = [f.new_id() for _ in plan]
    early = [
        f.tweet(u_nat, w, c, kind=k, tweet_id=i) for (w, k, c), i in zip(plan, ids, strict=True)
    ]
    paths["nat_snscrape"] = write_snscrape(
        raw / "snscrape" / "pnationale.jsonl", u_nat, early, collected_at=utc(2014, 2, 15, 6)
    )
    late = [
        twarc_tweet(i, 2005, w, (c[0] + 4, c[1] + 8, c[2] + 1, c[3]), k, i - 1)
        for (w, k, c), i in zip(plan, ids, strict=True)
    ]
    paths["nat_twarc2"] = write_twarc2(
        raw / "twarc2" / "nat.jsonl",
        [twarc_page(late, [twarc_user("pnationale", 2005, 11900)], [], utc(2014, 4, 1, 6))],
    )

    # pnationale67: twarc-csv only (each row's author followers, a snapshot at retrieval).
    plan = _filler(rng, utc(2014, 1, 12, 23), utc(2014, 4, 2), 25, SHARES)
    rows67 = [
        {
            "id": f.new_id(),
            "author_id": 2004,
            "username": "pnationale67",
            "when": w,
            "counts": c,
            "kind": k,
            "followers": 610,
        }
        for w, k, c in plan
    ]
    csv_rows += [
        "pnationale67,2014-01-20T10:00:00Z,90,180,10",
        "pnationale67,2014-02-28T10:00:00Z,420,180,60",
    ]
    paths["67"] = write_twarc_csv(raw / "twarc2" / "pn67.csv", rows67, utc(2014, 4, 1, 9))

    # pnationale06: snscrape in the --jsonl-for-buggy-int-parser form.
    u06 = make_user("pnationale06", 2010, 400)
    t06 = [
        f.tweet(u06, w, c, kind=k)
        for w, k, c in _filler(rng, utc(2014, 1, 12, 23), utc(2014, 4, 2), 20, SHARES)
    ]
    csv_rows += [
        "pnationale06,2014-01-14T08:00:00Z,285,,",
        "pnationale06,2014-01-14T11:00:00Z,326,,",
        "pnationale06,2014-03-01T11:00:00Z,380,,",
    ]
    paths["06"] = write_snscrape_buggy_int(
        raw / "snscrape" / "pn06.jsonl", u06, t06, utc(2014, 4, 1, 8)
    )

    followers = raw / "followers" / "snapshots.csv"
    followers.parent.mkdir(parents=True, exist_ok=True)
    followers.write_text("\n".join(csv_rows) + "\n", encoding="utf-8")
    registry = root / "accounts.toml"
    registry.write_text(REGISTRY_TOML, encoding="utf-8")
    return {"raw": raw, "registry": registry, **paths, "followers": followers}


def build_edge_dataset(root: Path) -> dict[str, Path]:
    """Boundary cases of followers_at and of the opening date, ingested with --collected-at.

    * pnationale35 (opened 2014-01-13 in the registry) has a snapshot and a tweet on
      2014-01-10/11, before its registered opening: no opening point is added,
      followers_at is null before the opening, the early tweet is not counted;
    * pnationale62: two snapshots exactly 45 days apart around the end (interpolated);
      its tweets are written by ``PNationale62`` (another letter case);
    * pnationale67: the only point near the end is exactly 3 days after it (kept); a
      tweet with no count at all (engagement null) and one with likes only;
    * pnationale: a snapshot exactly 3 days before the start, one exactly at the end
      instant, and a 52-day gap around the second period's start (null);
    * policia: files without the collection header, their time from ``--collected-at``.
    """
    rng = random.Random(62)
    raw = root / "raw"
    f = TweetFactory()
    rows = ["handle,observed_at,followers,following,tweets"]
    for handle, when, n in [
        ("pnationale35", "2014-01-10T12:00:00Z", 30),
        ("pnationale35", "2014-01-20T12:00:00Z", 100),
        ("pnationale35", "2014-02-25T12:00:00Z", 420),
        ("pnationale35", "2014-04-01T12:00:00Z", 800),
        ("pnationale62", "2014-01-15T12:00:00Z", 60),
        ("pnationale62", "2014-03-01T12:00:00Z", 500),
        ("pnationale62", "2014-04-15T12:00:00Z", 950),  # exactly 45 days later
        ("pnationale67", "2014-01-15T12:00:00Z", 60),
        ("pnationale67", "2014-02-01T12:00:00Z", 300),
        ("pnationale67", "2014-04-03T22:00:00Z", 777),  # end instant + exactly 3 days
        ("pnationale", "2013-12-19T23:00:00Z", 6000),  # start instant - exactly 3 days
        ("pnationale", "2014-02-10T12:00:00Z", 9600),
        ("pnationale", "2014-03-20T12:00:00Z", 11000),
        ("pnationale", "2014-04-01T00:00:00+02:00", 11111),  # exactly the end instant
        ("policia", "2013-12-16T11:30:00Z", 680736),
        ("policia", "2014-02-04T11:30:00Z", 732000),
        ("policia", "2014-03-20T11:30:00Z", 741000),
    ]:
        rows.append(f"{handle},{when},{n},,")
    paths: dict[str, Path] = {}

    u35 = make_user("pnationale35", 2002, 800)
    t35 = [f.tweet(u35, utc(2014, 1, 11, 10), (3, 4, 1, 0))]  # before the registered opening
    t35 += [
        f.tweet(u35, w, c, kind=k)
        for w, k, c in _filler(rng, utc(2014, 1, 12, 23), utc(2014, 4, 1, 12), 25, SHARES)
    ]
    paths["35"] = write_snscrape(raw / "pn35.jsonl", u35, t35, collected_at=utc(2014, 4, 1, 12))
    u62 = make_user("PNationale62", 2003, 950)
    t62 = [
        f.tweet(u62, w, c, kind=k)
        for w, k, c in _filler(rng, utc(2014, 1, 12, 23), utc(2014, 4, 3), 25, SHARES)
    ]
    t62.append(f.tweet(u62, utc(2014, 3, 1, 12), (2, 2, 2, 0)))  # at a snapshot's instant
    paths["62"] = write_snscrape(raw / "pn62.jsonl", u62, t62, collected_at=utc(2014, 4, 15, 12))
    u67 = make_user("pnationale67", 2004, 777)
    t67 = [
        f.tweet(u67, w, c, kind=k)
        for w, k, c in _filler(rng, utc(2014, 1, 12, 23), utc(2014, 4, 3), 20, SHARES)
    ]
    t67.append(f.tweet(u67, utc(2014, 2, 2, 9), (None, None, None, None)))  # no count at all
    t67.append(f.tweet(u67, utc(2014, 2, 2, 10), (None, 4, None, None)))  # likes only
    paths["67"] = write_snscrape(raw / "pn67.jsonl", u67, t67, collected_at=utc(2014, 4, 3, 22))
    u_nat = make_user("pnationale", 2005, 11000)
    t_nat = [
        f.tweet(u_nat, w, c, kind=k)
        for w, k, c in _filler(rng, utc(2013, 12, 20), utc(2014, 4, 3), 30, SHARES)
    ]
    paths["nat"] = write_snscrape(
        raw / "nat.jsonl", u_nat, t_nat, collected_at=utc(2014, 3, 20, 12)
    )
    u_pol = make_user("policia", 2006, 741000)
    plan = _filler(rng, utc(2013, 12, 20), utc(2014, 4, 3), 30, SHARES)
    ids = [f.new_id() for _ in plan]
    pol = [
        f.tweet(u_pol, w, (c[0] * 10, c[1] * 10, c[2], c[3]), kind=k, tweet_id=i)
        for (w, k, c), i in zip(plan, ids, strict=True)
    ]
    paths["pol"] = write_snscrape(raw / "policia.jsonl", u_pol, pol, collected_at=None)
    followers = raw / "snapshots.csv"
    followers.write_text("\n".join(rows) + "\n", encoding="utf-8")
    registry = root / "accounts.toml"
    registry.write_text(REGISTRY_TOML, encoding="utf-8")
    return {"raw": raw, "registry": registry, **paths, "followers": followers}


#: twarc-csv 0.7.2's default tweet columns (``twarc2 csv``), in order.
TWARC_CSV_COLUMNS = (
    "id,conversation_id,referenced_tweets.replied_to.id,referenced_tweets.retweeted.id,"
    "referenced_tweets.quoted.id,author_id,in_reply_to_user_id,in_reply_to_username,"
    "retweeted_user_id,retweeted_username,quoted_user_id,quoted_username,created_at,text,"
    "lang,source,public_metrics.impression_count,public_metrics.reply_count,"
    "public_metrics.retweet_count,public_metrics.quote_count,public_metrics.like_count,"
    "public_metrics.bookmark_count,reply_settings,edit_history_tweet_ids,"
    "edit_controls.edits_remaining,edit_controls.editable_until,"
    "edit_controls.is_edit_eligible,possibly_sensitive,withheld.scope,withheld.copyright,"
    "withheld.country_codes,entities.annotations,entities.cashtags,entities.hashtags,"
    "entities.mentions,entities.urls,context_annotations,attachments.media,"
    "attachments.media_keys,attachments.poll.duration_minutes,"
    "attachments.poll.end_datetime,attachments.poll.id,attachments.poll.options,"
    "attachments.poll.voting_status,attachments.poll_ids,author.id,author.created_at,"
    "author.username,author.name,author.description,author.entities.description.cashtags,"
    "author.entities.description.hashtags,author.entities.description.mentions,"
    "author.entities.description.urls,author.entities.url.urls,author.url,author.location,"
    "author.pinned_tweet_id,author.profile_image_url,author.protected,"
    "author.public_metrics.followers_count,author.public_metrics.following_count,"
    "author.public_metrics.listed_count,author.public_metrics.tweet_count,author.verified,"
    "author.verified_type,author.withheld.scope,author.withheld.copyright,"
    "author.withheld.country_codes,geo.coordinates.coordinates,geo.coordinates.type,"
    "geo.country,geo.country_code,geo.full_name,geo.geo.bbox,geo.geo.type,geo.id,geo.name,"
    "geo.place_id,geo.place_type,matching_rules,__twarc.retrieved_at,__twarc.url,"
    "__twarc.version"
).split(",")


def write_twarc_csv(path: Path, tweets: list[dict], retrieved_at: datetime) -> Path:
    """A twarc-csv file; each dict gives id, author, created_at, counts, kind, ref, followers."""
    import csv

    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=TWARC_CSV_COLUMNS)
        writer.writeheader()
        for t in tweets:
            rts, likes, replies, quotes = t["counts"]
            row = {
                "id": str(t["id"]),
                "conversation_id": str(t["id"]),
                "author_id": str(t["author_id"]),
                "created_at": t["when"].strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                "text": "Contrôles routiers annoncés ce week-end sur la RN4",
                "lang": "fr",
                "source": "Twitter Web Client",
                "public_metrics.reply_count": replies,
                "public_metrics.retweet_count": rts,
                "public_metrics.quote_count": quotes,
                "public_metrics.like_count": likes,
                "reply_settings": "everyone",
                "possibly_sensitive": "False",
                "author.id": str(t["author_id"]),
                "author.username": t["username"],
                "author.name": f"Police {t['username']}",
                "author.protected": "False",
                "author.public_metrics.followers_count": t["followers"],
                "author.public_metrics.following_count": 180,
                "author.public_metrics.listed_count": 2,
                "author.public_metrics.tweet_count": 300,
                "author.verified": "False",
                "__twarc.retrieved_at": retrieved_at.strftime("%Y-%m-%dT%H:%M:%S+00:00"),
                "__twarc.url": "https://api.twitter.com/2/tweets/search/all?query=from%3A",
                "__twarc.version": "2.13.0",
            }
            column = {"reply": "replied_to", "retweet": "retweeted", "quote": "quoted"}.get(
                t["kind"]
            )
            if column:
                row[f"referenced_tweets.{column}.id"] = str(t["id"] - 1)
            if t["kind"] == "retweet":
                row["retweeted_username"] = "Prefet67"
                row["text"] = "RT @Prefet67: Alerte neige sur les routes du Bas-Rhin"
            writer.writerow(row)
    return path


def _with_str_ids(obj):
    """The ``--jsonl-for-buggy-int-parser`` form: a ``<key>.str`` beside every int > 2**53."""
    if isinstance(obj, list):
        return [_with_str_ids(v) for v in obj]
    if not isinstance(obj, dict):
        return obj
    out = {}
    for key, value in obj.items():
        out[key] = _with_str_ids(value)
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2**53:
            out[f"{key}.str"] = str(value)
    return out


def write_snscrape_buggy_int(
    path: Path, user: tw.User, tweets: list[tw.Tweet], collected_at: datetime
) -> Path:
    """Like :func:`write_snscrape`, in the ``--jsonl-for-buggy-int-parser`` form."""
    write_snscrape(path, user, tweets, collected_at=collected_at)
    lines = path.read_text(encoding="utf-8").splitlines()
    out = [json.dumps(_with_str_ids(json.loads(ln))) if ln.strip() else ln for ln in lines]
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path
