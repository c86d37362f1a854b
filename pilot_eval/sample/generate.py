"""Write the simulated sample into ``DATA_DIR/raw/sample/`` (SPEC section 9).

Files written (and nothing else touched in the folder):

* ``snscrape_<handle>.jsonl`` (``.jsonl.gz`` for @policia, to exercise gzip input): the
  collection header line (:func:`pilot_eval.ingest.base.collection_header`, simulated),
  then what ``snscrape --jsonl --with-entity twitter-user HANDLE`` prints: the User
  entity, then the tweets newest first, each ``item.json()`` of snscrape's dataclasses;
* ``followers_snapshots.csv``: ``handle,observed_at,followers,following,tweets``;
* ``generating_parameters.json``: the generating parameters and true categories;
* ``README.md``: what this is (SIMULATED DATA — données simulées).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import snscrape.modules.twitter as sntwitter
import snscrape.version

from pilot_eval.ingest.base import collection_header
from pilot_eval.registry import Registry
from pilot_eval.sample.engagement import (
    theoretical_median_engagement,
    theoretical_median_rate_pct,
)
from pilot_eval.sample.growth import Snapshot, epoch, snapshot_times
from pilot_eval.sample.profiles import (
    CATEGORIES,
    CATEGORY_MULTIPLIER,
    END,
    HOUR_WEIGHTS,
    HOURS,
    MEDIA_MULTIPLIER,
    PARIS,
    REPLY_MIX,
    REPLY_MULTIPLIER,
    SPLIT,
    SPLIT_SHARED,
    UTC,
)
from pilot_eval.sample.simulate import (
    COLLECTED_AT,
    EXTERNAL,
    PRIVATE_REPLY_SHARE,
    SEED,
    AccountSim,
    Record,
    Simulation,
    simulate,
    weekday_factors,
)
from pilot_eval.sample.twitter import (
    TweetParts,
    build_retweet,
    build_tweet,
    partial_user,
    photo,
    private_user_id,
    tco,
)

PARAMS_TYPE = "pilot_eval.sample.GeneratingParameters"
PARAMS_FILE = "generating_parameters.json"
FOLLOWERS_FILE = "followers_snapshots.csv"
README_FILE = "README.md"
#: Accounts whose snscrape file is gzipped (to exercise gzip input).
GZIPPED = ("policia",)
#: Period of the theoretical KPIs (the default period, SPEC section 3).
PERIOD_START = date(2013, 12, 23)
PERIOD_END = date(2014, 3, 31)
SINCE, UNTIL = "2013-12-20", "2014-04-02"

#: Follower counts reported at the time (SPEC section 1), written as exact snapshots:
#: casefolded handle -> (local instant, followers).
REPORTED = {
    "pnationale06": (
        (datetime(2014, 1, 14, 9, 0, tzinfo=PARIS), 285),
        (datetime(2014, 1, 14, 12, 0, tzinfo=PARIS), 326),
    ),
    "pnationale": ((datetime(2014, 2, 4, 12, 0, tzinfo=PARIS), 9486),),
    "policia": ((datetime(2014, 2, 4, 12, 0, tzinfo=PARIS), 732000),),
}
#: Accounts whose last snapshot comes after the end of March (2 April 2014, local).
LATE_LAST_SNAPSHOT = {"pnationale62": datetime(2014, 4, 2, 10, 41, tzinfo=PARIS)}
#: Accounts written in lower case in the CSV (hand-logged; matching is case-insensitive).
LOWERCASE_IN_CSV = ("pnationale44",)


def write_sample(target: Path, registry: Registry) -> list[Path]:
    """Write the simulated sample of the measured accounts of ``registry`` into ``target``.

    Deterministic: the same registry gives byte-identical files. Files of a previous
    sample in ``target`` are replaced (each written atomically); other files are kept.
    Returns the written files, snscrape files first.
    """
    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    sim = simulate(registry)
    builder = _Builder(sim)
    written: list[Path] = []
    _remove_previous(target)
    for acc in sim.accounts:
        lines = builder.lines(acc)
        gz = acc.account.handle.casefold() in GZIPPED
        name = f"snscrape_{acc.account.handle}.jsonl" + (".gz" if gz else "")
        data = ("\n".join(lines) + "\n").encode("utf-8")
        written.append(_write(target / name, _gzip(data) if gz else data))
    snapshots = {acc.account.handle: snapshots_of(acc) for acc in sim.accounts}
    written.append(_write(target / FOLLOWERS_FILE, _followers_csv(sim, snapshots)))
    files = [p.name for p in written] + [PARAMS_FILE, README_FILE]
    params = generating_parameters(sim, snapshots, builder, files)
    written.append(
        _write(
            target / PARAMS_FILE,
            (json.dumps(params, indent=1, ensure_ascii=False) + "\n").encode("utf-8"),
        )
    )
    written.append(_write(target / README_FILE, _readme(sim).encode("utf-8")))
    return written


# ---------------------------------------------------------------- files


def _remove_previous(target: Path) -> None:
    """Delete the files a previous sample wrote (as listed in its parameters file)."""
    params = target / PARAMS_FILE
    try:
        old = json.loads(params.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    if old.get("_type") != PARAMS_TYPE:
        return
    for name in old.get("files", []):
        path = target / Path(name).name
        if path.is_file():
            path.unlink()


def _write(path: Path, data: bytes) -> Path:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return path


def _gzip(data: bytes) -> bytes:
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0) as gz:
        gz.write(data)
    return buf.getvalue()


# ---------------------------------------------------------------- snscrape objects


class _Builder:
    """Turns simulated records into snscrape objects (users, tweets, retweets)."""

    def __init__(self, sim: Simulation) -> None:
        self.sim = sim
        self.rng = np.random.default_rng([SEED, 2])
        self.users = {acc.account.handle.casefold(): self._user(acc) for acc in sim.accounts}
        for handle, (name, followers, _lang, _cats) in EXTERNAL.items():
            self.users.setdefault(
                handle,
                sntwitter.User(
                    username={"dgtes": "DGTes"}.get(handle, handle),
                    id=private_user_id(handle),
                    displayname=name,
                    verified=True,
                    followersCount=followers,
                    created=datetime(2010, 3, 1, 10, 0, tzinfo=UTC),
                    protected=False,
                ),
            )
        for rec in sim.externals:  # retweeted accounts not in the registry nor in EXTERNAL
            self.users.setdefault(
                rec.handle.casefold(),
                sntwitter.User(
                    username=rec.handle,
                    id=private_user_id(rec.handle),
                    displayname=rec.handle,
                    followersCount=int(rec.followers),
                    protected=False,
                ),
            )
        self.tweets: dict[int, sntwitter.Tweet] = {}
        originals = [r for acc in sim.accounts for r in acc.records if r.kind != "retweet"]
        for rec in sorted(originals + sim.externals, key=lambda r: r.tweet_id):
            self.tweets[rec.tweet_id] = self._tweet(rec)
        for acc in sim.accounts:
            for rec in acc.records:
                if rec.kind == "retweet":
                    assert rec.retweet_of is not None
                    self.tweets[rec.tweet_id] = build_retweet(
                        rec.tweet_id,
                        rec.created,
                        self.users[acc.account.handle.casefold()],
                        self.tweets[rec.retweet_of.tweet_id],
                        rec.source,
                        self.users,
                    )

    def _user(self, acc: AccountSim) -> sntwitter.User:
        p = acc.profile
        n = sum(1 for r in acc.records if r.created <= COLLECTED_AT)
        n_media = sum(1 for r in acc.records if r.media and r.created <= COLLECTED_AT)
        followers = round(acc.growth.at(COLLECTED_AT))
        link = sntwitter.TextLink(
            text="interieur.gouv.fr" if p.lang != "es" else "policia.es",
            url="http://www.interieur.gouv.fr" if p.lang != "es" else "http://www.policia.es",
            tcourl=tco(self.rng),
            indices=(0, 22),
        )
        return sntwitter.User(
            username=acc.account.handle,
            id=p.user_id,
            displayname=p.displayname,
            rawDescription=p.description,
            renderedDescription=p.description,
            verified=p.verified,
            created=p.created,
            followersCount=followers,
            friendsCount=p.following[1],
            statusesCount=p.prior_tweets + n,
            favouritesCount=int(n * 0.2) + p.prior_tweets // 10,
            listedCount=max(1, followers // 45),
            mediaCount=p.prior_tweets // 5 + n_media,
            location=p.location,
            protected=False,
            link=link,
            profileImageUrl=f"https://pbs.twimg.com/profile_images/{p.user_id}0/avatar_normal.png",
            profileBannerUrl=f"https://pbs.twimg.com/profile_banners/{p.user_id}/{int(p.created.timestamp())}",
            blue=False,
        )

    def _tweet(self, rec: Record) -> sntwitter.Tweet:
        assert rec.draft is not None
        user = self.users[rec.handle.casefold()]
        reply_user, reply_id = None, None
        if rec.reply_to is not None:
            name, uid, display, reply_id = rec.reply_to
            reply_user = partial_user(name, uid, display)
        return build_tweet(
            TweetParts(
                tweet_id=rec.tweet_id,
                created=rec.created,
                user=user,
                text=rec.draft.text,
                lang=rec.lang,
                source=rec.source,
                link=rec.draft.link,
                link_tco=tco(self.rng) if rec.draft.link else None,
                media=[photo(self.rng)] if rec.media else None,
                media_tco=tco(self.rng) if rec.media else None,
                counts=rec.counts,
                reply_to_id=reply_id,
                reply_to_user=reply_user,
                conversation_id=reply_id,
                known_users=self.users,
            )
        )

    def lines(self, acc: AccountSim) -> list[str]:
        """The lines of an account's snscrape file: header, User entity, tweets newest first."""
        header = collection_header(
            handle=acc.account.handle,
            collected_at=COLLECTED_AT,
            query=f"from:{acc.account.handle} since:{SINCE} until:{UNTIL}",
            since=SINCE,
            until=UNTIL,
            snscrape_version=snscrape.version.__version__,
            simulated=True,
        )
        out = [json.dumps(header), self.users[acc.account.handle.casefold()].json()]
        for rec in sorted(acc.records, key=lambda r: (r.created, r.tweet_id), reverse=True):
            out.append(self.tweets[rec.tweet_id].json())
        return out


# ---------------------------------------------------------------- follower snapshots


def snapshots_of(acc: AccountSim) -> list[Snapshot]:
    """The follower snapshots of an account: irregular days, reported figures exact."""
    p = acc.profile
    key = acc.account.handle.casefold()
    rng = np.random.default_rng([SEED, 3, *acc.account.handle.casefold().encode()])
    first = p.snapshots_from or PERIOD_START
    if p.opened is not None:
        first = max(first, p.opened + timedelta(days=1))
    tz = acc.tz
    times = snapshot_times(
        rng,
        first_day=datetime(first.year, first.month, first.day, tzinfo=tz),
        last_day=datetime(2014, 3, 31, tzinfo=tz),
    )
    # the last day of March is always observed, in the evening
    times.append(
        datetime(2014, 3, 31, 20 + int(rng.integers(0, 2)), int(rng.integers(60)), tzinfo=tz)
    )
    reported = REPORTED.get(key, ())
    reported_days = {t.date() for t, _ in reported}
    times = sorted({t for t in times if t.date() not in reported_days})
    values = acc.growth.followers(np.array([epoch(t) for t in times]))
    rows = [(t, int(round(v))) for t, v in zip(times, values, strict=True)]
    rows += [(t.astimezone(tz), v) for t, v in reported]
    if key in LATE_LAST_SNAPSHOT:
        late = LATE_LAST_SNAPSHOT[key].astimezone(tz)
        rows.append((late, int(round(acc.growth.at(late)))))
    rows.sort()
    created = np.array(sorted(r.created.timestamp() for r in acc.records))
    start_f, end_f = p.following
    begin = _effective_start(acc)
    span = (END - begin).total_seconds()
    out = []
    for t, followers in rows:
        frac = min(1.0, max(0.0, (t - begin).total_seconds() / span))
        n = int(np.searchsorted(created, t.timestamp(), side="right"))
        out.append(
            Snapshot(
                observed_at=t,
                followers=followers,
                following=int(round(start_f + (end_f - start_f) * frac)),
                tweets=p.prior_tweets + n,
            )
        )
    return out


def _followers_csv(sim: Simulation, snapshots: dict[str, list[Snapshot]]) -> bytes:
    rows = []
    for acc in sim.accounts:
        handle = acc.account.handle
        shown = handle.lower() if handle.casefold() in LOWERCASE_IN_CSV else handle
        for s in snapshots[handle]:
            if acc.profile.lang == "es":
                observed = s.observed_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            else:
                observed = s.observed_at.isoformat()
            rows.append(
                (s.observed_at.timestamp(), shown, observed, s.followers, s.following, s.tweets)
            )
    rows.sort(key=lambda r: (r[0], r[1]))
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["handle", "observed_at", "followers", "following", "tweets"])
    for r in rows:
        w.writerow(r[1:])
    return buf.getvalue().encode("utf-8")


# ---------------------------------------------------------------- parameters


def _effective_start(acc: AccountSim) -> datetime:
    start = datetime(PERIOD_START.year, PERIOD_START.month, PERIOD_START.day, tzinfo=PARIS)
    if acc.account.opened is not None:
        o = acc.account.opened
        start = max(start, datetime(o.year, o.month, o.day, tzinfo=PARIS))
    return start


def generating_parameters(
    sim: Simulation, snapshots: dict[str, list[Snapshot]], builder: _Builder, files: list[str]
) -> dict:
    """The JSON document ``generating_parameters.json`` (see the README it comes with)."""
    return {
        "_type": PARAMS_TYPE,
        "simulated": True,
        "description": "SIMULATED DATA - données simulées: the bundled sample of pilot_eval, "
        "generated by `pilot-eval sample`; no tweet or count in it is real.",
        "seed": SEED,
        "generator": "pilot_eval.sample",
        "snscrape": snscrape.version.__version__,
        "collected_at": COLLECTED_AT.isoformat(),
        "period": {
            "start": PERIOD_START.isoformat(),
            "end": PERIOD_END.isoformat(),
            "timezone": "Europe/Paris",
        },
        "files": files,
        "model": {
            "tweets": "Poisson count per local day = tweets_per_day * weekday_factor; "
            "local hours 7-22 with hour_weights; kind drawn with kind_shares",
            "weekday_factor": [round(x, 6) for x in weekday_factors()],
            "hours": list(HOURS),
            "hour_weights": list(HOUR_WEIGHTS),
            "engagement": "E = retweets + likes + replies (quotes 0) ~ Poisson(lambda), "
            "lambda = mu * exp(sigma * Z - sigma^2 / 2), Z ~ N(0, 1), "
            "mu = followers_at(created_at) * engagement_per_follower * "
            "category_multiplier * (media_multiplier if photo) * "
            "(reply_multiplier if reply); retweets made by an account carry the "
            "original's retweet count and 0 likes",
            "category_multiplier": CATEGORY_MULTIPLIER,
            "media_multiplier": MEDIA_MULTIPLIER,
            "reply_multiplier": REPLY_MULTIPLIER,
            "split": {"default": SPLIT, "appeal_witness and missing_person": SPLIT_SHARED},
            "private_reply_share": PRIVATE_REPLY_SHARE,
            "snapshots": "a few per week at 08:00-21:59 local, gaps of 1-4 days, some days "
            "with 2; counts = the growth curve rounded; reported figures exact",
        },
        "accounts": {
            acc.account.handle: _account_params(acc, snapshots[acc.account.handle])
            for acc in sim.accounts
        },
        "labels": {str(r.tweet_id): r.category for acc in sim.accounts for r in acc.records},
    }


def _account_params(acc: AccountSim, snaps: list[Snapshot]) -> dict:
    p = acc.profile
    start = _effective_start(acc)
    in_period = [r for r in acc.records if start <= r.created < END]
    eng = [r for r in in_period if r.kind != "retweet"]
    mu = np.array([r.mu for r in eng])
    followers = np.array([r.followers for r in eng])
    days = (PERIOD_END - start.date()).days + 1
    kinds = {
        k: sum(r.kind == k for r in in_period) for k in ("original", "reply", "quote", "retweet")
    }
    original_share = 1 - p.reply_share - p.retweet_share
    set_mix = {
        c: round(
            (original_share * p.category_mix[c] + p.reply_share * REPLY_MIX[c])
            / (original_share + p.reply_share),
            6,
        )
        for c in CATEGORIES
    }
    weekly = {}
    day = start
    while day <= END:
        weekly[day.date().isoformat()] = round(acc.growth.at(day), 1)
        day = (day + timedelta(days=7)).replace(hour=0)
    weekly[END.isoformat()] = round(acc.growth.at(END), 1)
    return {
        "role": acc.account.role,
        "lang": p.lang,
        "opened": acc.account.opened.isoformat() if acc.account.opened else None,
        "tweets_from": p.tweets_from.isoformat() if p.tweets_from else None,
        "growth": {
            **acc.growth.describe(),
            "followers_at_period_start": round(acc.growth.at(start), 2),
            "followers_at_period_end": round(acc.growth.at(END), 2),
            "follower_gain": round(acc.growth.at(END) - acc.growth.at(start), 2),
            "followers_at": weekly,
            "followers_at_note": "curve values at 00:00 Europe/Paris of each date (weekly from "
            "the effective period start) and at the period end instant",
            "followers_at_collection": round(acc.growth.at(COLLECTED_AT)),
            "reported_snapshots": [
                {"at": t.isoformat(), "followers": v}
                for t, v in REPORTED.get(acc.account.handle.casefold(), ())
            ],
            "snapshots": len(snaps),
            "first_snapshot": snaps[0].observed_at.isoformat() if snaps else None,
            "last_snapshot": snaps[-1].observed_at.isoformat() if snaps else None,
        },
        "tweets": {
            "tweets_per_day": p.tweets_per_day,
            "kind_shares": {
                "original": round(original_share, 6),
                "reply": p.reply_share,
                "retweet": p.retweet_share,
                "quote": 0.0,
            },
            "media_share": p.media_share,
            "days_in_period": days,
            "expected_tweets_in_period": round(p.tweets_per_day * days, 1),
            "generated_in_period": {"tweets": len(in_period), **kinds},
            "generated_total": len(acc.records),
        },
        "category_mix": {
            "originals": p.category_mix,
            "replies": REPLY_MIX,
            "engagement_set": set_mix,
        },
        "engagement": {
            "distribution": "poisson-lognormal",
            "engagement_per_follower": p.engagement_per_follower,
            "sigma": p.sigma,
            "over": "the engagement set of the default period (tweets that are not retweets)",
            "n": len(eng),
            "theoretical_mean_engagement": round(float(mu.mean()), 4) if len(eng) else None,
            "theoretical_median_engagement": theoretical_median_engagement(mu, p.sigma),
            "theoretical_median_engagement_rate_pct": _round(
                theoretical_median_rate_pct(mu, followers, p.sigma), 6
            ),
            "generated_median_engagement": float(np.median([r.engagement for r in eng]))
            if eng
            else None,
        },
    }


def _round(x: float | None, n: int) -> float | None:
    return None if x is None else round(x, n)


def _readme(sim: Simulation) -> str:
    accounts = ", ".join(f"@{a.account.handle}" for a in sim.accounts)
    return f"""# SIMULATED DATA — données simulées

This folder is the **bundled simulated sample** of pilot_eval, written by
`pilot-eval sample`. Nothing in it is real: texts, tweet ids, user ids, follower
counts and engagement counts are invented by a random generator with a fixed seed
({SEED}); running the command again gives the same bytes. Ce dossier contient des
**données simulées** : aucun tweet ni aucun chiffre n'est réel.

Accounts simulated: {accounts}.

## Files (the real raw formats, read by `pilot-eval ingest`)

- `snscrape_<handle>.jsonl` (`.jsonl.gz` for @policia): one file per account, as
  `snscrape --jsonl --with-entity twitter-user HANDLE` writes it (snscrape's own
  `Tweet`/`User` classes and `item.json()`), preceded by the collection header line of
  `pilot-eval collect` with `"simulated": true`, collected at {COLLECTED_AT.isoformat()}.
- `{FOLLOWERS_FILE}`: follower snapshots, `handle,observed_at,followers,following,tweets`.
- `{PARAMS_FILE}`: the generating parameters (growth curves, tweet rates, kind shares,
  category mixes, engagement distribution with its theoretical medians) and the true
  category of every tweet (`labels`), so that tests can check the estimators.

## How it was generated

- Followers: a curve per account through the figures of SPEC section 1 (openings,
  @pnationale06 285 → 326 on 14 January 2014 09:00 → 12:00, @pnationale 9,486 and
  @policia 732,000 on 4 February 2014) and chosen end-of-March levels; concave for
  the new pilot accounts, near-linear for the established ones; snapshots a few times a
  week. @pnationale62's last snapshot is on 2 April 2014.
- Tweets: Poisson per local day with fewer at weekends, local hours 7–22; replies
  (to private persons with invented handles and to police accounts), retweets (the
  original nested, the wrapper with 0 likes), photos; no quotes (native quotes did not
  exist in 2014). Texts composed from phrase banks per category (French for the French
  accounts, Spanish for @policia), across the nine categories of SPEC section 7.
- Engagement: Poisson-log-normal, mean proportional to the followers at the time of the
  tweet, with multipliers per category (appeals and disappearances are shared most),
  for photos and for replies.
- Edge cases: raw texts keep `&amp;`, `&lt;`, `&gt;`; one tweet contains a literal
  `<script>alert(1)</script>`; @PNationale44 tweets at 23:30 UTC on 31 March 2014 (1 April
  in Paris); @pnationale06 at 22:30 UTC on Saturday 29 March 2014 (23:30 in Paris).
"""
