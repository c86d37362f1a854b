"""Follower growth curves of the simulated sample and their irregular snapshots.

The curve of an account is a sum of non-negative basis functions of the time ``d``
(days since the curve's reference instant), whose coefficients are solved (least
squares, exact when there are as many targets as coefficients) so that the curve
passes through calibration targets (SPEC section 1: the follower counts reported at
the time, plus chosen end-of-March levels):

* ``level``: 1 (established accounts only: the followers at the reference instant);
* ``linear``: ``d`` (steady growth, followers per day);
* ``concave``: ``1 - exp(-d / tau_days)`` (the fast first days of a new account);
* ``burst``: ``1 / (1 + exp(-(t - burst_center) / burst_width))`` (a press-coverage
  jump, e.g. @pnationale06 on 14 January 2014 or the pilot's launch in January).

A new account has 0 followers before its reference instant (its opening, 00:00 Paris).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np

DAY = 86400.0


def epoch(t: datetime) -> float:
    """Seconds since 1970-01-01 UTC of an aware datetime."""
    if t.tzinfo is None:
        raise ValueError("datetimes must be timezone-aware")
    return t.timestamp()


@dataclass(frozen=True)
class GrowthSpec:
    """The shape of an account's follower curve and the targets it must pass through.

    Parameters
    ----------
    reference
        Instant where ``d = 0``: the opening (new accounts, 0 followers) or any instant
        before the period (established accounts).
    new
        True for an account opened during the period (no ``level`` term, 0 before).
    targets
        ``(instant, followers)`` pairs the curve passes through.
    tau_days
        Time constant of the ``concave`` term in days; None leaves the term out.
    burst_center, burst_width_hours
        Centre and width (hours) of the ``burst`` term; None leaves it out.
    """

    reference: datetime
    new: bool
    targets: tuple[tuple[datetime, float], ...]
    tau_days: float | None = None
    burst_center: datetime | None = None
    burst_width_hours: float | None = None

    def terms(self) -> list[str]:
        """Names of the basis functions, in coefficient order."""
        names = [] if self.new else ["level"]
        names.append("linear")
        if self.tau_days is not None:
            names.append("concave")
        if self.burst_center is not None:
            names.append("burst")
        return names

    def basis(self, seconds: np.ndarray) -> np.ndarray:
        """Matrix (len(seconds) x terms) of the basis functions at epoch ``seconds``."""
        d = np.maximum((np.asarray(seconds, dtype=float) - epoch(self.reference)) / DAY, 0.0)
        cols = []
        for name in self.terms():
            if name == "level":
                cols.append(np.ones_like(d))
            elif name == "linear":
                cols.append(d)
            elif name == "concave":
                cols.append(1.0 - np.exp(-d / self.tau_days))
            else:
                assert self.burst_center is not None and self.burst_width_hours is not None
                z = (np.asarray(seconds, dtype=float) - epoch(self.burst_center)) / (
                    self.burst_width_hours * 3600.0
                )
                cols.append(1.0 / (1.0 + np.exp(-np.clip(z, -60.0, 60.0))))
        return np.column_stack(cols)


@dataclass(frozen=True)
class GrowthModel:
    """A fitted follower curve: ``followers(t) = basis(t) @ coefficients``."""

    spec: GrowthSpec
    coefficients: tuple[float, ...] = field(default=())

    @classmethod
    def fit(cls, spec: GrowthSpec) -> GrowthModel:
        """Solve the coefficients so that the curve passes through ``spec.targets``.

        Raises ValueError when a coefficient comes out negative (the curve would not be
        monotone increasing): the targets and the shape do not agree.
        """
        seconds = np.array([epoch(t) for t, _ in spec.targets])
        values = np.array([v for _, v in spec.targets], dtype=float)
        coef, *_ = np.linalg.lstsq(spec.basis(seconds), values, rcond=None)
        if (coef < 0).any():
            raise ValueError(f"negative growth coefficients {coef} for targets {spec.targets}")
        return cls(spec=spec, coefficients=tuple(float(c) for c in coef))

    def followers(self, seconds: np.ndarray | float) -> np.ndarray:
        """Followers (float, not rounded) at epoch ``seconds``; 0 before a new account opens."""
        s = np.atleast_1d(np.asarray(seconds, dtype=float))
        out = self.spec.basis(s) @ np.array(self.coefficients)
        if self.spec.new:
            out = np.where(s < epoch(self.spec.reference), 0.0, out)
        return out

    def at(self, t: datetime) -> float:
        """Followers (float) at the instant ``t``."""
        return float(self.followers(epoch(t))[0])

    def describe(self) -> dict:
        """JSON-ready description: model form, coefficients and targets."""
        spec = self.spec
        return {
            "model": "sum of basis functions, coefficients solved through the targets",
            "formula": "followers(t) = sum(coefficient[term] * term(t)); "
            "d = days since reference; level = 1, linear = d, "
            "concave = 1 - exp(-d / tau_days), "
            "burst = 1 / (1 + exp(-(t - burst_center) / burst_width_hours))",
            "reference": spec.reference.isoformat(),
            "new_account": spec.new,
            "tau_days": spec.tau_days,
            "burst_center": spec.burst_center.isoformat() if spec.burst_center else None,
            "burst_width_hours": spec.burst_width_hours,
            "coefficients": dict(
                zip(spec.terms(), [round(c, 6) for c in self.coefficients], strict=True)
            ),
            "targets": [
                {"at": t.isoformat(), "followers": v, "model": round(self.at(t), 2)}
                for t, v in spec.targets
            ],
        }


@dataclass(frozen=True)
class Snapshot:
    """One row of the follower snapshots CSV (``observed_at`` is aware, local offset)."""

    observed_at: datetime
    followers: int
    following: int
    tweets: int


def snapshot_times(
    rng: np.random.Generator,
    *,
    first_day: datetime,
    last_day: datetime,
    max_gap_days: int = 4,
) -> list[datetime]:
    """Irregular observation instants between two local midnights (aware, local zone).

    Days are visited with gaps of 1 to ``max_gap_days`` days (a few snapshots a week);
    about one observed day in six gets a second snapshot. Hours are 08:00-21:59 local.
    """
    times: list[datetime] = []
    day = first_day
    while day <= last_day:
        n = 2 if rng.random() < 0.17 else 1
        hours = np.sort(rng.choice(np.arange(8, 22), size=n, replace=False))
        for h in hours:
            minute = int(rng.integers(0, 60))
            times.append(_local(day, int(h), minute))
        step = int(rng.choice(np.arange(1, max_gap_days + 1), p=_gap_probs(max_gap_days)))
        day = day + timedelta(days=step)
    return times


def _gap_probs(max_gap: int) -> np.ndarray:
    p = np.array([0.3, 0.35, 0.2, 0.15] + [0.05] * max(0, max_gap - 4))[:max_gap]
    return p / p.sum()


def _local(day: datetime, hour: int, minute: int) -> datetime:
    """``day`` (a local midnight) at ``hour:minute`` local, with the right UTC offset."""
    naive = datetime(day.year, day.month, day.day, hour, minute)
    return naive.replace(tzinfo=day.tzinfo).astimezone(day.tzinfo)
