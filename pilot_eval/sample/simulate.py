"""Simulation of the sample's tweets (no I/O): schedule, kinds, texts, engagement.

See :mod:`pilot_eval.sample` for the whole picture. Everything is drawn from numpy
Generators seeded with :data:`SEED` and a stable number per account (CRC-32 of the
casefolded handle), so adding an account to the registry does not change the others.
"""

from __future__ import annotations

import zlib
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import accumulate
from types import ModuleType
from zoneinfo import ZoneInfo

import numpy as np

from pilot_eval.registry import Account, Registry
from pilot_eval.sample import texts_es, texts_fr
from pilot_eval.sample.engagement import draw_one, split_counts
from pilot_eval.sample.growth import GrowthModel
from pilot_eval.sample.profiles import (
    CATEGORIES,
    CATEGORY_MULTIPLIER,
    HOUR_WEIGHTS,
    HOURS,
    MEDIA_MULTIPLIER,
    PLACES,
    REPLY_MIX,
    REPLY_MULTIPLIER,
    SHARED_CATEGORIES,
    SPLIT,
    SPLIT_SHARED,
    UTC,
    WEEKDAY_FACTOR,
    Profile,
    profile_for,
)
from pilot_eval.sample.texts import Composer, Context, Draft
from pilot_eval.sample.twitter import IdFactory, private_user_id

#: The fixed seed of the sample.
SEED = 20140331
#: When the simulated collection ran (the counts in the files are observed then).
COLLECTED_AT = datetime(2014, 4, 1, 6, 0, tzinfo=UTC)
#: Last local day with scheduled tweets.
LAST_DAY = date(2014, 3, 31)
#: Probability that a reply answers a private person (else another police account).
PRIVATE_REPLY_SHARE = 0.75
#: Share of replies carrying a photo.
REPLY_MEDIA_SHARE = 0.03

#: The text of the tweet that tests HTML escaping in the report (as displayed).
SCRIPT_TEXT = (
    "Vu dans nos mentions : <script>alert(1)</script> Ne cliquez jamais sur un lien "
    "ou un code douteux ! #Prévention"
)

#: Accounts retweeted by the sample accounts that are not measured: name, followers,
#: language and the categories of their tweets.
EXTERNAL = {
    "guardiacivil": ("Guardia Civil", 310000, "es", ("operations", "prevention", "missing_person")),
    "interiorgob": ("Ministerio del Interior", 95000, "es", ("institutional", "prevention")),
    "dgtes": ("Dirección General de Tráfico", 260000, "es", ("traffic",)),
}
EXTERNAL_ENGAGEMENT_PER_FOLLOWER = 0.0004


@dataclass(frozen=True)
class Forced:
    """A tweet placed by hand (edge cases): UTC instant, kind, category, fixed text."""

    at: datetime
    category: str
    text: str | None = None


#: Edge cases real data has, keyed by casefolded handle.
FORCED = {
    # 23:30 UTC on 31 March = 01:30 on 1 April in Paris: outside the default period.
    "pnationale44": (Forced(datetime(2014, 3, 31, 23, 30, tzinfo=UTC), "operations"),),
    # Saturday 29 March 23:30 Paris (22:30 UTC), the night before the DST switch.
    "pnationale06": (Forced(datetime(2014, 3, 29, 22, 30, tzinfo=UTC), "community"),),
    # A literal <script> in a tweet (raw: &lt;script&gt;), to test escaping in reports.
    "pnationale35": (
        Forced(datetime(2014, 2, 12, 10, 14, 9, tzinfo=UTC), "prevention", SCRIPT_TEXT),
    ),
}


@dataclass
class Record:
    """One simulated tweet before it becomes a snscrape ``Tweet``."""

    handle: str
    created: datetime
    kind: str  # original | reply | retweet
    category: str
    tweet_id: int
    source: str = "Twitter Web Client"
    lang: str = "fr"
    media: bool = False
    followers: float = 0.0
    mu: float = 0.0
    engagement: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    draft: Draft | None = None
    reply_to: tuple[str, int, str, int] | None = None  # username, user id, name, tweet id
    retweet_of: Record | None = None
    external: bool = False


@dataclass
class AccountSim:
    """The simulation of one account: profile, fitted growth, and its tweets."""

    account: Account
    profile: Profile
    growth: GrowthModel
    tz: ZoneInfo
    records: list[Record] = field(default_factory=list)
    #: The originals in time order and their instants (filled after the first pass).
    originals: list[Record] = field(default_factory=list)
    original_times: list[datetime] = field(default_factory=list)
    #: Followers (float) at the planned tweet instants, computed in one go.
    planned_followers: dict[datetime, float] = field(default_factory=dict)

    def followers_at(self, t: datetime) -> float:
        """Followers on the growth curve at ``t`` (cached for planned instants)."""
        f = self.planned_followers.get(t)
        return f if f is not None else self.growth.at(t)


@dataclass
class Simulation:
    """All simulated accounts (registry order) and the external retweeted tweets."""

    accounts: list[AccountSim]
    externals: list[Record]


def account_rng(handle: str, salt: int = 0) -> np.random.Generator:
    """The generator of one account (stable whatever the registry holds)."""
    return np.random.default_rng([SEED, zlib.crc32(handle.casefold().encode()), salt])


def text_module(lang: str) -> ModuleType:
    """The phrase banks of a language (Spanish, else French)."""
    return texts_es if lang == "es" else texts_fr


def weekday_factors() -> np.ndarray:
    """Multipliers of the daily rate, Monday..Sunday, normalised to a mean of 1."""
    wf = np.array(WEEKDAY_FACTOR, dtype=float)
    return wf / wf.mean()


def schedule(profile: Profile, tz: ZoneInfo, rng: np.random.Generator) -> list[datetime]:
    """Tweet instants (UTC): Poisson per local day, weekday effect, hours 7-22 local."""
    wf = weekday_factors()
    hw = np.array(HOUR_WEIGHTS, dtype=float) / sum(HOUR_WEIGHTS)
    first = profile.tweets_from or date(2013, 12, 23)
    out: list[datetime] = []
    day = first
    while day <= LAST_DAY:
        n = int(rng.poisson(profile.tweets_per_day * wf[day.weekday()]))
        hours = rng.choice(np.array(HOURS), size=n, p=hw)
        if profile.opened == day:  # the account is created in the morning
            hours = np.maximum(hours, 10)
        for h in hours:
            local = datetime(
                day.year,
                day.month,
                day.day,
                int(h),
                int(rng.integers(60)),
                int(rng.integers(60)),
                tzinfo=tz,
            )
            out.append(local.astimezone(UTC))
        day += timedelta(days=1)
    return sorted(out)


def simulate(registry: Registry) -> Simulation:
    """Simulate every measured account of ``registry`` (pure: writes nothing)."""
    ids = IdFactory(np.random.default_rng([SEED, 1]))
    composers = {"fr": Composer(texts_fr), "es": Composer(texts_es)}
    sims = []
    for account in registry.measured():
        profile = profile_for(account)
        sims.append(
            AccountSim(
                account=account,
                profile=profile,
                growth=GrowthModel.fit(profile.growth),
                tz=ZoneInfo(account.timezone),
            )
        )
    by_handle = {s.account.handle.casefold(): s for s in sims}
    plans = {}
    for sim in sims:
        rng = account_rng(sim.account.handle)
        plans[sim.account.handle] = (rng, _plan(sim, rng))
    # pass 1: originals of every account, so that replies and retweets can refer to them
    for sim in sims:
        rng, plan = plans[sim.account.handle]
        for at, kind, forced in plan:
            if kind == "original":
                sim.records.append(_original(sim, at, rng, ids, composers, forced))
    for sim in sims:
        sim.originals = sorted(sim.records, key=lambda r: r.created)
        sim.original_times = [r.created for r in sim.originals]
    # pass 2: replies; pass 3: retweets (of sample accounts or of external accounts)
    externals: list[Record] = []
    for sim in sims:
        rng, plan = plans[sim.account.handle]
        for at, kind, _ in plan:
            if kind == "reply":
                sim.records.append(_reply(sim, at, rng, ids, composers, by_handle))
    for sim in sims:
        rng, plan = plans[sim.account.handle]
        for at, kind, _ in plan:
            if kind == "retweet":
                sim.records.append(_retweet(sim, at, rng, ids, composers, by_handle, externals))
    for sim in sims:
        sim.records.sort(key=lambda r: (r.created, r.tweet_id))
    return Simulation(accounts=sims, externals=externals)


def _plan(sim: AccountSim, rng: np.random.Generator) -> list[tuple[datetime, str, Forced | None]]:
    p = sim.profile
    times = schedule(p, sim.tz, rng)
    shares = np.array([1 - p.reply_share - p.retweet_share, p.reply_share, p.retweet_share])
    kinds = rng.choice(np.array(["original", "reply", "retweet"]), size=len(times), p=shares)
    plan: list[tuple[datetime, str, Forced | None]] = [
        (t, str(k), None) for t, k in zip(times, kinds, strict=True)
    ]
    for forced in FORCED.get(sim.account.handle.casefold(), ()):
        plan.append((forced.at, "original", forced))
    instants = [t for t, _, _ in plan]
    values = sim.growth.followers(np.array([t.timestamp() for t in instants]))
    sim.planned_followers = dict(zip(instants, (float(v) for v in values), strict=True))
    return sorted(plan, key=lambda x: x[0])


def _pick(rng: np.random.Generator, weights) -> int:
    """Index drawn with probabilities proportional to ``weights`` (fast for short lists)."""
    cum = list(accumulate(float(w) for w in weights))
    return min(bisect_right(cum, rng.random() * cum[-1]), len(cum) - 1)


def _recent(sim: AccountSim, at: datetime, window: timedelta, gap: timedelta) -> list[Record]:
    """Originals of ``sim`` created in ``[at - window, at - gap]``."""
    times = sim.original_times
    lo = bisect_left(times, at - window)
    hi = bisect_right(times, at - gap)
    return sim.originals[lo:hi]


def _context(sim: AccountSim) -> Context:
    module = text_module(sim.profile.lang)
    return Context(
        places=sim.profile.places,
        handle=sim.account.handle,
        extra=module.account_slots(sim.account.department),
    )


def _source(profile: Profile, rng: np.random.Generator) -> str:
    names = list(profile.sources)
    return names[_pick(rng, profile.sources.values())]


def _engage(rec: Record, epf: float, sigma: float, rng: np.random.Generator) -> None:
    mu = rec.followers * epf * CATEGORY_MULTIPLIER[rec.category]
    mu *= MEDIA_MULTIPLIER if rec.media else 1.0
    mu *= REPLY_MULTIPLIER if rec.kind == "reply" else 1.0
    rec.mu = mu
    rec.engagement = draw_one(rng, mu, sigma)
    shares = SPLIT_SHARED if rec.category in SHARED_CATEGORIES else SPLIT
    rec.counts = split_counts(rng, rec.engagement, shares)


def _composer(composers: dict[str, Composer], lang: str) -> Composer:
    return composers["es" if lang == "es" else "fr"]


def _original(
    sim: AccountSim,
    at: datetime,
    rng: np.random.Generator,
    ids: IdFactory,
    composers: dict[str, Composer],
    forced: Forced | None,
) -> Record:
    p = sim.profile
    mix = [p.category_mix[c] for c in CATEGORIES]
    category = forced.category if forced else CATEGORIES[_pick(rng, mix)]
    media = bool(rng.random() < p.media_share)
    composer = _composer(composers, p.lang)
    if forced is not None and forced.text is not None:
        composer.seen.add(forced.text)
        draft = Draft(text=forced.text, category=category)
    else:
        draft = composer.compose(category, rng, _context(sim), media=media)
    return _own_tweet(sim, at, "original", category, media, draft, rng, ids)


def _own_tweet(
    sim: AccountSim,
    at: datetime,
    kind: str,
    category: str,
    media: bool,
    draft: Draft,
    rng: np.random.Generator,
    ids: IdFactory,
    **extra,
) -> Record:
    """A tweet written by the account itself (original or reply), with drawn engagement."""
    p = sim.profile
    rec = Record(
        handle=sim.account.handle,
        created=at,
        kind=kind,
        category=category,
        tweet_id=ids.new(at),
        source=_source(p, rng),
        lang=p.lang,
        media=media,
        followers=sim.followers_at(at),
        draft=draft,
        **extra,
    )
    _engage(rec, p.engagement_per_follower, p.sigma, rng)
    return rec


def _reply(
    sim: AccountSim,
    at: datetime,
    rng: np.random.Generator,
    ids: IdFactory,
    composers: dict[str, Composer],
    by_handle: dict[str, AccountSim],
) -> Record:
    p = sim.profile
    category = CATEGORIES[_pick(rng, [REPLY_MIX[c] for c in CATEGORIES])]
    target = None
    if rng.random() >= PRIVATE_REPLY_SHARE:
        target = _police_target(sim, at, rng, by_handle)
    if target is None:
        private = text_module(p.lang).PRIVATE_HANDLES
        name = private[int(rng.integers(len(private)))]
        before = at - timedelta(minutes=int(rng.integers(3, 240)))
        target = (name, private_user_id(name), name.replace("_", " ").title(), ids.new(before))
    media = bool(rng.random() < REPLY_MEDIA_SHARE)
    draft = _composer(composers, p.lang).compose(
        category, rng, _context(sim), reply_to=target[0], media=media
    )
    return _own_tweet(sim, at, "reply", category, media, draft, rng, ids, reply_to=target)


def _police_target(
    sim: AccountSim, at: datetime, rng: np.random.Generator, by_handle: dict[str, AccountSim]
) -> tuple[str, int, str, int] | None:
    """A recent original of another sample police account, to answer it."""
    candidates = [
        r
        for h in sim.profile.replies_to_police
        if (other := by_handle.get(h.casefold())) is not None and other is not sim
        for r in _recent(other, at, timedelta(days=2), timedelta(minutes=5))
    ]
    if not candidates:
        return None
    r = candidates[int(rng.integers(len(candidates)))]
    other = by_handle[r.handle.casefold()]
    return (other.account.handle, other.profile.user_id, other.profile.displayname, r.tweet_id)


def _retweet(
    sim: AccountSim,
    at: datetime,
    rng: np.random.Generator,
    ids: IdFactory,
    composers: dict[str, Composer],
    by_handle: dict[str, AccountSim],
    externals: list[Record],
) -> Record:
    p = sim.profile
    candidates = [
        r
        for h in p.retweets_from
        if (other := by_handle.get(h.casefold())) is not None and other is not sim
        for r in _recent(other, at, timedelta(days=3), timedelta(minutes=2))
    ]
    outside = [h for h in p.retweets_from if h.casefold() not in by_handle]
    if candidates:
        original = candidates[_pick(rng, [r.engagement + 1.0 for r in candidates])]
    elif outside:
        original = _external(outside[int(rng.integers(len(outside)))], at, rng, ids, composers)
        externals.append(original)
    else:  # nothing to retweet: the slot becomes an original tweet
        return _original(sim, at, rng, ids, composers, None)
    return Record(
        handle=sim.account.handle,
        created=at,
        kind="retweet",
        category=original.category,
        tweet_id=ids.new(at),
        source=_source(p, rng),
        lang=original.lang,
        media=original.media,
        retweet_of=original,
        counts={"retweets": original.counts.get("retweets", 0)},
    )


def _external(
    handle: str,
    at: datetime,
    rng: np.random.Generator,
    ids: IdFactory,
    composers: dict[str, Composer],
) -> Record:
    name, followers, lang, categories = EXTERNAL.get(
        handle.casefold(), (handle, 5000, "fr", ("prevention", "operations"))
    )
    category = categories[int(rng.integers(len(categories)))]
    created = at - timedelta(minutes=int(rng.integers(10, 600)))
    module = text_module(lang)
    places = PLACES["ES" if lang == "es" else "FR"]
    media = bool(rng.random() < 0.3)
    draft = _composer(composers, lang).compose(
        category,
        rng,
        Context(places=places, handle=handle, extra=module.account_slots(None)),
        media=media,
    )
    rec = Record(
        handle=handle,
        created=created,
        kind="original",
        category=category,
        tweet_id=ids.new(created),
        source="TweetDeck",
        lang=lang,
        media=media,
        followers=float(followers),
        draft=draft,
        external=True,
    )
    _engage(rec, EXTERNAL_ENGAGEMENT_PER_FOLLOWER, 1.0, rng)
    return rec
