"""Engagement model of the simulated sample and its theoretical medians.

A tweet's engagement ``E`` (retweets + likes + replies; quotes are 0: native quotes
did not exist in 2013-2014) is Poisson-log-normal:

    mu     = followers_at(created_at) * engagement_per_follower
             * category_multiplier * (media_multiplier if photo) * (reply_multiplier if reply)
    lambda = mu * exp(sigma * Z - sigma**2 / 2),  Z ~ N(0, 1)   (so E[lambda] = mu)
    E      ~ Poisson(lambda)

then split into retweets, likes and replies by a multinomial draw. The theoretical
medians of an account are those of the mixture over its engagement set (its tweets
that are not retweets, with their followers, categories, media and kinds), computed
with Gauss-Hermite quadrature over ``Z``: no simulation noise.
"""

from __future__ import annotations

import numpy as np
from scipy import special

_NODES, _WEIGHTS = np.polynomial.hermite_e.hermegauss(24)
_WEIGHTS = _WEIGHTS / _WEIGHTS.sum()


def draw_engagement(rng: np.random.Generator, mu: np.ndarray, sigma: float) -> np.ndarray:
    """Draw engagement counts (int64) for tweets of mean ``mu`` and log-sd ``sigma``."""
    mu = np.asarray(mu, dtype=float)
    lam = mu * np.exp(sigma * rng.standard_normal(mu.shape) - sigma**2 / 2)
    return np.asarray(rng.poisson(lam), dtype=np.int64)


def draw_one(rng: np.random.Generator, mu: float, sigma: float) -> int:
    """Draw the engagement of one tweet (same law as :func:`draw_engagement`)."""
    lam = mu * float(np.exp(sigma * rng.standard_normal() - sigma**2 / 2))
    return int(rng.poisson(lam))


def split_counts(rng: np.random.Generator, total: int, shares: dict[str, float]) -> dict[str, int]:
    """Split ``total`` engagement into the counts named in ``shares`` (multinomial)."""
    names = list(shares)
    p = np.array([shares[n] for n in names], dtype=float)
    counts = rng.multinomial(int(total), p / p.sum())
    return {n: int(c) for n, c in zip(names, counts, strict=True)}


def _mixture_cdf(k: np.ndarray, mu: np.ndarray, sigma: float) -> np.ndarray:
    """P(E_i <= k_i) averaged over Z for each tweet i (k may differ per tweet)."""
    lam = mu[:, None] * np.exp(sigma * _NODES[None, :] - sigma**2 / 2)
    return special.pdtr(np.floor(k)[:, None], lam) @ _WEIGHTS


def theoretical_median_engagement(mu: np.ndarray, sigma: float) -> float | None:
    """Median of the engagement mixture (the smallest integer k with CDF >= 0.5)."""
    mu = np.asarray(mu, dtype=float)
    if mu.size == 0:
        return None
    lo, hi = 0, int(np.max(mu) * np.exp(4 * sigma) + 10)
    while lo < hi:
        mid = (lo + hi) // 2
        if _mixture_cdf(np.full(mu.size, mid), mu, sigma).mean() >= 0.5:
            hi = mid
        else:
            lo = mid + 1
    return float(lo)


def theoretical_median_rate_pct(
    mu: np.ndarray, followers: np.ndarray, sigma: float
) -> float | None:
    """Median of the engagement rate ``100 * E / followers`` over the mixture, in %.

    Tweets at 0 followers are left out (the rate is undefined, SPEC section 6). The
    rate's distribution is discrete; the value returned is the smallest rate whose
    CDF reaches 0.5 (to 1e-6 %).
    """
    mu = np.asarray(mu, dtype=float)
    followers = np.asarray(followers, dtype=float)
    keep = followers > 0
    mu, followers = mu[keep], followers[keep]
    if mu.size == 0:
        return None
    lo, hi = 0.0, float(np.max(mu / followers) * np.exp(4 * sigma) * 100 + 1)
    for _ in range(34):
        mid = (lo + hi) / 2
        if _mixture_cdf(mid * followers / 100 + 1e-9, mu, sigma).mean() >= 0.5:
            hi = mid
        else:
            lo = mid
    return float(hi)
