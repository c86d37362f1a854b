"""Calibration of the simulated sample: one generating profile per measured account.

The numbers come from SPEC section 1 (opening dates, follower counts reported at the
time, posting themes); where the press gives no figure (end-of-March levels, tweet
rates, engagement levels) the value is a plausible choice, stated here and written to
``generating_parameters.json``. Accounts of a custom registry that are not calibrated
here get the default profile of their role.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from pilot_eval.classify.categories import CATEGORIES
from pilot_eval.registry import Account
from pilot_eval.sample.growth import GrowthSpec

PARIS = ZoneInfo("Europe/Paris")
UTC = ZoneInfo("UTC")


#: Mean engagement multiplier per category (appeals and disappearances are shared most).
CATEGORY_MULTIPLIER = {
    "prevention": 1.0,
    "appeal_witness": 3.0,
    "missing_person": 4.5,
    "operations": 1.4,
    "traffic": 0.8,
    "recruitment": 1.2,
    "institutional": 0.6,
    "community": 1.5,
    "other": 0.5,
}
#: Multiplier of the mean engagement for a tweet with a photo, and for a reply.
MEDIA_MULTIPLIER = 1.8
REPLY_MULTIPLIER = 0.12

#: Category mix of replies (answers to followers), the same for every account.
REPLY_MIX = {
    "prevention": 0.25,
    "appeal_witness": 0.0,
    "missing_person": 0.0,
    "operations": 0.02,
    "traffic": 0.06,
    "recruitment": 0.08,
    "institutional": 0.04,
    "community": 0.45,
    "other": 0.10,
}

#: Share of each count in a tweet's engagement (retweets, likes, replies); sharing
#: categories (appeals, disappearances) are retweeted more.
SPLIT = {"retweets": 0.45, "likes": 0.45, "replies": 0.10}
SPLIT_SHARED = {"retweets": 0.72, "likes": 0.22, "replies": 0.06}
SHARED_CATEGORIES = ("appeal_witness", "missing_person")

#: The five pilot accounts, whose tweets the national account and the pilots retweet and answer.
PILOT_HANDLES = ("PNationale44", "pnationale35", "pnationale62", "pnationale67", "pnationale06")

#: Local posting hours (7..22) and their relative weights (morning and afternoon peaks).
HOURS = tuple(range(7, 23))
HOUR_WEIGHTS = (2, 5, 8, 9, 8, 6, 5, 6, 7, 7, 6, 5, 4, 3, 3, 2)
#: Multiplier of the daily tweet rate, Monday..Sunday (fewer at weekends).
WEEKDAY_FACTOR = (1.15, 1.15, 1.1, 1.1, 1.1, 0.75, 0.65)


def _mix(**weights: float) -> dict[str, float]:
    total = sum(weights.values())
    return {c: round(weights.get(c, 0.0) / total, 6) for c in CATEGORIES}


def _paris(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=PARIS)


#: Period end instant (1 April 2014 00:00 Paris) used as the end-of-March target.
END = _paris(2014, 4, 1)


@dataclass(frozen=True)
class Profile:
    """How one account is simulated. Rates are per local day; shares are fractions.

    ``engagement_per_follower``: mean engagement (retweets + likes + replies) of an
    original, text-only ``prevention`` tweet, per follower at its creation time.
    ``sigma``: standard deviation of the log-normal factor of a tweet's mean
    (engagement is Poisson given that mean: heavy-tailed, overdispersed).
    """

    handle: str
    role: str
    lang: str
    displayname: str
    description: str
    location: str
    user_id: int
    created: datetime
    verified: bool
    growth: GrowthSpec
    tweets_per_day: float
    reply_share: float
    retweet_share: float
    media_share: float
    engagement_per_follower: float
    sigma: float
    category_mix: dict[str, float]
    places: tuple[str, ...]
    retweets_from: tuple[str, ...]
    replies_to_police: tuple[str, ...]
    following: tuple[int, int] = (40, 160)
    prior_tweets: int = 0
    sources: dict[str, float] = field(
        default_factory=lambda: {
            "Twitter Web Client": 0.55,
            "TweetDeck": 0.25,
            "Twitter for iPhone": 0.2,
        }
    )
    tweets_from: date | None = None
    snapshots_from: date | None = None

    @property
    def opened(self) -> date | None:
        """Local opening day of a new account (0 followers at 00:00), else None."""
        return self.growth.reference.date() if self.growth.new else None


PLACES = {
    "44": (
        "Nantes",
        "Saint-Nazaire",
        "Rezé",
        "Saint-Herblain",
        "Orvault",
        "La Baule",
        "Vertou",
        "Carquefou",
        "Bouguenais",
        "Pornic",
    ),
    "35": (
        "Rennes",
        "Saint-Malo",
        "Fougères",
        "Vitré",
        "Cesson-Sévigné",
        "Bruz",
        "Dinard",
        "Redon",
        "Saint-Jacques-de-la-Lande",
        "Betton",
    ),
    "62": (
        "Arras",
        "Calais",
        "Lens",
        "Boulogne-sur-Mer",
        "Béthune",
        "Liévin",
        "Saint-Omer",
        "Hénin-Beaumont",
        "Bruay-la-Buissière",
        "Berck",
    ),
    "67": (
        "Strasbourg",
        "Haguenau",
        "Sélestat",
        "Schiltigheim",
        "Illkirch-Graffenstaden",
        "Saverne",
        "Lingolsheim",
        "Bischheim",
        "Obernai",
        "Molsheim",
    ),
    "06": (
        "Nice",
        "Cannes",
        "Antibes",
        "Grasse",
        "Menton",
        "Cagnes-sur-Mer",
        "Beausoleil",
        "Saint-Laurent-du-Var",
        "Vallauris",
        "Mandelieu",
    ),
    "FR": (
        "Paris",
        "Lyon",
        "Marseille",
        "Lille",
        "Toulouse",
        "Bordeaux",
        "Nantes",
        "Strasbourg",
        "Rennes",
        "Nice",
    ),
    "ES": (
        "Madrid",
        "Barcelona",
        "Valencia",
        "Sevilla",
        "Málaga",
        "Bilbao",
        "Zaragoza",
        "Alicante",
        "Murcia",
        "Palma",
        "Granada",
        "Valladolid",
        "Vigo",
        "Córdoba",
    ),
}

_PILOT_MIX = _mix(
    prevention=22,
    appeal_witness=7,
    missing_person=5,
    operations=20,
    traffic=12,
    recruitment=5,
    institutional=12,
    community=12,
    other=5,
)

_PNATIONALE_ID = 1004218459


def _pilot(
    handle: str, dept: str, name: str, user_id: int, *, opened: date, growth: dict, **overrides
) -> Profile:
    ref = _paris(opened.year, opened.month, opened.day)
    spec = GrowthSpec(reference=ref, new=True, **growth)
    base = Profile(
        handle=handle,
        role="pilot",
        lang="fr",
        displayname=f"Police nationale {dept}",
        description=(
            f"Compte officiel de la Police nationale - {name}. Ce compte n'est pas "
            "surveillé 24h/24 : en cas d'urgence, composez le 17."
        ),
        location=f"{PLACES[dept][0]}, France",
        user_id=user_id,
        created=(ref + timedelta(hours=9, minutes=17)).astimezone(UTC),
        verified=False,
        growth=spec,
        tweets_per_day=2.8,
        reply_share=0.10,
        retweet_share=0.08,
        media_share=0.25,
        engagement_per_follower=0.0035,
        sigma=0.85,
        category_mix=_PILOT_MIX,
        places=PLACES[dept],
        retweets_from=("pnationale", *PILOT_HANDLES),
        replies_to_police=("pnationale", *PILOT_HANDLES),
        tweets_from=opened,
        snapshots_from=opened,
    )
    return replace(base, **overrides)


def calibrated_profiles() -> dict[str, Profile]:
    """The profiles of the seven accounts of SPEC section 1, keyed by casefolded handle."""
    jan13 = date(2014, 1, 13)
    profiles = [
        _pilot(
            "PNationale44",
            "44",
            "DDSP de Loire-Atlantique",
            2263874411,
            opened=date(2013, 12, 23),
            tweets_per_day=3.0,
            growth={"tau_days": 7.0, "targets": ((_paris(2014, 1, 13, 12), 950.0), (END, 2300.0))},
        ),
        _pilot(
            "pnationale35",
            "35",
            "DDSP d'Ille-et-Vilaine",
            2291546607,
            opened=jan13,
            tweets_per_day=2.4,
            category_mix=_mix(
                prevention=24,
                appeal_witness=8,
                missing_person=5,
                operations=18,
                traffic=12,
                recruitment=6,
                institutional=12,
                community=10,
                other=5,
            ),
            growth={"tau_days": 5.0, "targets": ((_paris(2014, 1, 20, 12), 430.0), (END, 1350.0))},
        ),
        _pilot(
            "pnationale62",
            "62",
            "DDSP du Pas-de-Calais",
            2291560213,
            opened=jan13,
            tweets_per_day=2.2,
            category_mix=_mix(
                prevention=18,
                appeal_witness=8,
                missing_person=6,
                operations=22,
                traffic=20,
                recruitment=5,
                institutional=10,
                community=7,
                other=4,
            ),
            growth={"tau_days": 5.0, "targets": ((_paris(2014, 1, 20, 12), 360.0), (END, 1150.0))},
        ),
        _pilot(
            "pnationale67",
            "67",
            "DDSP du Bas-Rhin",
            2291571890,
            opened=jan13,
            tweets_per_day=2.6,
            media_share=0.35,
            engagement_per_follower=0.004,
            category_mix=_mix(
                prevention=18,
                appeal_witness=6,
                missing_person=4,
                operations=16,
                traffic=10,
                recruitment=5,
                institutional=10,
                community=26,
                other=5,
            ),
            growth={"tau_days": 6.0, "targets": ((_paris(2014, 1, 20, 12), 540.0), (END, 1800.0))},
        ),
        _pilot(
            "pnationale06",
            "06",
            "DDSP des Alpes-Maritimes",
            2291585146,
            opened=jan13,
            tweets_per_day=2.5,
            category_mix=_mix(
                prevention=28,
                appeal_witness=7,
                missing_person=5,
                operations=18,
                traffic=10,
                recruitment=4,
                institutional=11,
                community=12,
                other=5,
            ),
            growth={
                "tau_days": 4.0,
                "burst_center": _paris(2014, 1, 14, 10, 30),
                "burst_width_hours": 0.6,
                "targets": (
                    (_paris(2014, 1, 14, 9), 285.0),
                    (_paris(2014, 1, 14, 12), 326.0),
                    (END, 1600.0),
                ),
            },
        ),
        Profile(
            handle="pnationale",
            role="national",
            lang="fr",
            displayname="Police nationale",
            description=(
                "Compte officiel de la Police nationale. Pas de dépôt de plainte ni de "
                "signalement d'urgence ici : composez le 17."
            ),
            location="Paris, France",
            user_id=_PNATIONALE_ID,
            created=datetime(2012, 12, 4, 10, 2, 41, tzinfo=UTC),
            verified=True,
            growth=GrowthSpec(
                reference=_paris(2013, 12, 1),
                new=False,
                burst_center=_paris(2014, 1, 22, 12),
                burst_width_hours=60.0,
                targets=(
                    (_paris(2014, 1, 15, 12), 7000.0),
                    (_paris(2014, 2, 4, 12), 9486.0),
                    (END, 13000.0),
                ),
            ),
            tweets_per_day=5.5,
            reply_share=0.08,
            retweet_share=0.10,
            media_share=0.30,
            engagement_per_follower=0.0016,
            sigma=0.9,
            category_mix=_mix(
                prevention=22,
                appeal_witness=5,
                missing_person=4,
                operations=16,
                traffic=8,
                recruitment=13,
                institutional=22,
                community=7,
                other=3,
            ),
            places=PLACES["FR"],
            retweets_from=PILOT_HANDLES,
            replies_to_police=PILOT_HANDLES,
            following=(210, 260),
            prior_tweets=1830,
            sources={"Twitter Web Client": 0.45, "TweetDeck": 0.45, "Twitter for iPhone": 0.10},
            tweets_from=date(2013, 12, 20),
            snapshots_from=date(2013, 12, 16),
        ),
        Profile(
            handle="policia",
            role="comparator",
            lang="es",
            displayname="Policía Nacional",
            description=(
                "Perfil oficial de la Policía Nacional de España. No atendemos denuncias "
                "por aquí: en caso de emergencia llama al 091."
            ),
            location="España",
            user_id=48722871,
            created=datetime(2009, 6, 19, 9, 11, 5, tzinfo=UTC),
            verified=True,
            growth=GrowthSpec(
                reference=_paris(2013, 12, 1),
                new=False,
                tau_days=30.0,
                burst_center=_paris(2014, 1, 25, 12),
                burst_width_hours=48.0,
                targets=(
                    (_paris(2013, 12, 15, 12), 680000.0),
                    (_paris(2014, 1, 15, 12), 702000.0),
                    (_paris(2014, 2, 4, 12), 732000.0),
                    (END, 770000.0),
                ),
            ),
            tweets_per_day=12.0,
            reply_share=0.12,
            retweet_share=0.07,
            media_share=0.30,
            engagement_per_follower=0.00032,
            sigma=1.0,
            category_mix=_mix(
                prevention=26,
                appeal_witness=5,
                missing_person=7,
                operations=24,
                traffic=3,
                recruitment=6,
                institutional=10,
                community=15,
                other=4,
            ),
            places=PLACES["ES"],
            retweets_from=("guardiacivil", "interiorgob", "DGTes"),
            replies_to_police=("guardiacivil", "interiorgob"),
            following=(2950, 3060),
            prior_tweets=21450,
            sources={"TweetDeck": 0.7, "Twitter Web Client": 0.2, "Twitter for iPhone": 0.1},
            tweets_from=date(2013, 12, 20),
            snapshots_from=date(2013, 12, 16),
        ),
    ]
    return {p.handle.casefold(): p for p in profiles}


def profile_for(account: Account) -> Profile:
    """The generating profile of ``account``: calibrated, else a default for its role.

    Registry values win: the handle is written as the registry writes it, and a
    registry opening date replaces the calibrated one for a default profile.
    """
    calibrated = calibrated_profiles().get(account.handle.casefold())
    if calibrated is not None:
        return replace(calibrated, handle=account.handle)
    return _default_profile(account)


def _default_profile(account: Account) -> Profile:
    user_id = 2300000000 + zlib.crc32(account.handle.casefold().encode()) % 90000000
    if account.lang == "es":
        places = PLACES["ES"]
    else:
        places = PLACES.get(account.department or "", PLACES["FR"])
    if account.role == "pilot":
        opened = account.opened or date(2014, 1, 13)
        dept = account.department or "00"
        base = _pilot(
            account.handle,
            dept if dept in PLACES else "44",
            account.name,
            user_id,
            opened=opened,
            growth={
                "tau_days": 5.0,
                "targets": (
                    (_paris(opened.year, opened.month, opened.day) + timedelta(days=7), 400.0),
                    (END, 1200.0),
                ),
            },
        )
        return replace(
            base,
            lang=account.lang,
            places=places,
            displayname=f"Police nationale {dept}",
            location="France",
        )
    template = calibrated_profiles()["pnationale" if account.lang != "es" else "policia"]
    return replace(
        template,
        handle=account.handle,
        role=account.role,
        lang=account.lang,
        displayname=account.name,
        user_id=user_id,
        places=places,
    )
