"""The engagement model and its theoretical medians."""

from __future__ import annotations

import numpy as np
import pytest

from pilot_eval.sample.engagement import (
    draw_engagement,
    draw_one,
    split_counts,
    theoretical_median_engagement,
    theoretical_median_rate_pct,
)


def test_draws_have_the_mean_mu() -> None:
    rng = np.random.default_rng(1)
    draws = draw_engagement(rng, np.full(200_000, 8.0), 0.9)
    assert draws.dtype == np.int64
    assert draws.mean() == pytest.approx(8.0, rel=0.03)
    assert np.median(draws) < draws.mean()  # heavy right tail
    assert draw_one(np.random.default_rng(2), 0.0, 0.9) == 0


def test_theoretical_median_matches_a_large_simulation() -> None:
    mu = np.array([3.0, 10.0, 40.0])
    sigma = 0.8
    rng = np.random.default_rng(3)
    sims = draw_engagement(rng, np.repeat(mu, 100_000), sigma)
    assert theoretical_median_engagement(mu, sigma) == np.median(sims)


def test_theoretical_median_rate_matches_a_large_simulation() -> None:
    mu = np.array([3.0, 10.0, 40.0])
    followers = np.array([1000.0, 2000.0, 10000.0])
    rng = np.random.default_rng(4)
    draws = draw_engagement(rng, np.repeat(mu, 100_000), 0.8)
    rates = 100 * draws / np.repeat(followers, 100_000)
    assert theoretical_median_rate_pct(mu, followers, 0.8) == pytest.approx(
        np.median(rates), rel=0.02
    )


def test_empty_and_zero_follower_sets() -> None:
    assert theoretical_median_engagement(np.array([]), 1.0) is None
    assert theoretical_median_rate_pct(np.array([1.0]), np.array([0.0]), 1.0) is None


def test_split_counts_sums_to_total() -> None:
    counts = split_counts(
        np.random.default_rng(5), 100, {"retweets": 0.7, "likes": 0.2, "replies": 0.1}
    )
    assert sum(counts.values()) == 100
    assert counts["retweets"] > counts["replies"]
