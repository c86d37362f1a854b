"""The simulation of tweets (before they are written)."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from pilot_eval.registry import load_registry
from pilot_eval.sample.profiles import CATEGORIES, calibrated_profiles, profile_for
from pilot_eval.sample.simulate import account_rng, schedule, simulate, weekday_factors


@pytest.fixture(scope="module")
def sim():
    return simulate(load_registry())


def test_weekday_factors_average_one_and_weekends_are_quieter() -> None:
    wf = weekday_factors()
    assert wf.mean() == pytest.approx(1.0)
    assert wf[5] < wf[0] and wf[6] < wf[0]


def test_schedule_starts_at_opening_and_stays_in_local_hours() -> None:
    profile = calibrated_profiles()["pnationale06"]
    tz = ZoneInfo("Europe/Paris")
    times = schedule(profile, tz, np.random.default_rng(0))
    local = [t.astimezone(tz) for t in times]
    assert local[0].date() >= date(2014, 1, 13)
    assert local[-1].date() <= date(2014, 3, 31)
    assert all(7 <= t.hour <= 22 for t in local)
    assert all(t.hour >= 10 for t in local if t.date() == date(2014, 1, 13))


def test_simulation_is_deterministic_and_account_streams_are_stable(sim) -> None:
    again = simulate(load_registry())
    assert [r.tweet_id for a in sim.accounts for r in a.records] == [
        r.tweet_id for a in again.accounts for r in a.records
    ]
    a = account_rng("PNationale44").random()
    assert a == account_rng("pnationale44").random()
    assert a != account_rng("pnationale35").random()


def test_measured_accounts_only_and_kinds(sim) -> None:
    assert [a.account.handle for a in sim.accounts] == [
        "PNationale44",
        "pnationale35",
        "pnationale62",
        "pnationale67",
        "pnationale06",
        "pnationale",
        "policia",
    ]
    for acc in sim.accounts:
        kinds = {r.kind for r in acc.records}
        assert kinds == {"original", "reply", "retweet"}
        for r in acc.records:
            if r.kind == "retweet":
                assert r.retweet_of is not None and r.retweet_of.created < r.created
                assert r.category == r.retweet_of.category


def test_media_and_sharing_categories_get_more_engagement(sim) -> None:
    recs = [
        r
        for a in sim.accounts
        for r in a.records
        if r.kind == "original" and a.profile.lang == "fr"
    ]
    rate = lambda rs: np.mean([r.engagement / r.followers for r in rs if r.followers > 0])  # noqa: E731
    assert rate([r for r in recs if r.media]) > rate([r for r in recs if not r.media])
    shared = [r for r in recs if r.category in ("appeal_witness", "missing_person")]
    assert rate(shared) > 1.5 * rate([r for r in recs if r.category == "prevention"])


def test_profiles_are_valid() -> None:
    registry = load_registry()
    for account in registry.measured():
        p = profile_for(account)
        assert p.handle == account.handle
        assert set(p.category_mix) == set(CATEGORIES)
        assert sum(p.category_mix.values()) == pytest.approx(1.0, abs=1e-5)
        assert 0 < p.reply_share + p.retweet_share < 0.5
        if account.role == "pilot":
            assert p.opened == account.opened
            assert 1 <= p.tweets_per_day <= 5
    assert profile_for(registry.require("policia")).lang == "es"
