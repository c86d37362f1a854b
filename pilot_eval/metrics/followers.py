"""Follower counts at any instant, and the growth series built on them (SPEC section 6).

``followers_at(t)`` for one account:

- the *known points* are the account's snapshots (``observed_at``, ``followers``),
  plus 0 followers at its opening (00:00 Europe/Paris of the registry's opening date)
  when that instant comes strictly before the first snapshot (or when there is no
  snapshot at all);
- several snapshots at the same instant: the one collected last, i.e. the last row in
  table order (ingestion writes snapshots in collection order);
- before the opening instant: null;
- at a point's instant: its value;
- strictly between two consecutive points at most 45 days apart (45 × 24 h, inclusive):
  linear interpolation in time;
- otherwise: the value of the nearest point if it is at most 3 days (72 h, inclusive)
  away, else null. Ties cannot occur: a tie would need two consecutive points both at
  most 3 days away yet more than 45 days apart.

Counts are returned as float64 (interpolated values are fractional); null is NaN in
arrays and ``None`` once the KPIs are written as JSON.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

from pilot_eval.config import TIMEZONE
from pilot_eval.metrics.period import effective_start, local_midnight, period_days
from pilot_eval.registry import Registry

NS_PER_DAY = 86_400 * 10**9
#: Largest gap (in days) between two known points across which counts are interpolated.
MAX_INTERPOLATION_GAP_DAYS = 45
#: Largest distance (in days) to the nearest known point outside interpolation.
MAX_NEAREST_DAYS = 3


def to_ns(times) -> np.ndarray:
    """UTC instants (Series, array, list, Timestamp) as int64 nanoseconds since 1970.

    Naive values are taken as UTC. Null instants become ``iNaT`` (the int64 minimum).
    """
    if isinstance(times, (pd.Timestamp, str)) or np.isscalar(times):
        times = [times]
    index = pd.DatetimeIndex(pd.to_datetime(times, utc=True))
    return index.as_unit("ns").asi8.copy()


def known_points(
    snapshots: pd.DataFrame, *, opened: date | None, tz: str = TIMEZONE
) -> tuple[np.ndarray, np.ndarray]:
    """The known points of one account: (instants in int64 ns, followers as float64).

    Parameters
    ----------
    snapshots
        Rows of the ``followers`` table for one account (``observed_at``, ``followers``),
        in table order. Rows with a null instant or count are ignored.
    opened
        Registry opening date (the account had 0 followers at 00:00 ``tz`` that day).

    Returns
    -------
    (ndarray, ndarray)
        Strictly increasing instants and their follower counts.
    """
    snaps = snapshots[["observed_at", "followers"]].dropna()
    t = to_ns(snaps["observed_at"])
    v = snaps["followers"].to_numpy(dtype="float64")
    # stable sort by instant, then keep the last row of each instant (collected last)
    order = np.argsort(t, kind="stable")
    t, v = t[order], v[order]
    if t.size:
        last = np.r_[t[1:] != t[:-1], True]
        t, v = t[last], v[last]
    if opened is not None:
        t_open = local_midnight(opened, tz).value
        if t.size == 0 or t_open < t[0]:
            t = np.r_[np.int64(t_open), t]
            v = np.r_[0.0, v]
    return t, v


def followers_at(
    snapshots: pd.DataFrame, times, *, opened: date | None, tz: str = TIMEZONE
) -> np.ndarray:
    """Followers of one account at each instant of ``times`` (SPEC section 6).

    Parameters
    ----------
    snapshots
        The account's rows of the ``followers`` table (``observed_at``, ``followers``).
    times
        UTC instants (Series, array, list or a Timestamp).
    opened
        The registry opening date, or None when unknown.
    tz
        Time zone of the opening instant (Europe/Paris).

    Returns
    -------
    numpy.ndarray
        float64, one value per instant; NaN where the rules give null (before the
        opening, far from every known point, or a null instant).

    Examples
    --------
    >>> snaps = pd.DataFrame({"observed_at": pd.to_datetime(
    ...     ["2014-01-01T00:00Z", "2014-01-11T00:00Z"]), "followers": [100, 200]})
    >>> followers_at(snaps, pd.to_datetime(["2014-01-06T00:00Z"]), opened=None)
    array([150.])
    """
    pts_t, pts_v = known_points(snapshots, opened=opened, tz=tz)
    t_open = None if opened is None else local_midnight(opened, tz).value
    return _followers_at_ns(pts_t, pts_v, to_ns(times), t_open)


def _followers_at_ns(
    pts_t: np.ndarray, pts_v: np.ndarray, t: np.ndarray, t_open: int | None
) -> np.ndarray:
    """The rules of :func:`followers_at` on int64 nanosecond instants."""
    out = np.full(t.shape, np.nan)
    valid = t != np.iinfo(np.int64).min
    if t_open is not None:
        valid &= t >= t_open
    if pts_t.size == 0:
        return out
    n = pts_t.size
    right = np.searchsorted(pts_t, t, side="right")  # pts_t[right-1] <= t < pts_t[right]
    prev = np.clip(right - 1, 0, n - 1)
    nxt = np.clip(right, 0, n - 1)
    has_prev = right > 0
    has_next = right < n
    exact = has_prev & (pts_t[prev] == t)
    out[valid & exact] = pts_v[prev][valid & exact]

    gap = pts_t[nxt] - pts_t[prev]
    between = valid & ~exact & has_prev & has_next
    interp = between & (gap <= MAX_INTERPOLATION_GAP_DAYS * NS_PER_DAY)
    if interp.any():
        frac = (t[interp] - pts_t[prev][interp]) / gap[interp]
        v0, v1 = pts_v[prev][interp], pts_v[nxt][interp]
        out[interp] = v0 + (v1 - v0) * frac

    rest = valid & ~exact & ~interp
    if rest.any():
        big = np.iinfo(np.int64).max
        d_prev = np.where(has_prev, t - pts_t[prev], big)
        d_next = np.where(has_next, pts_t[nxt] - t, big)
        use_prev = d_prev <= d_next
        dist = np.where(use_prev, d_prev, d_next)
        value = np.where(use_prev, pts_v[prev], pts_v[nxt])
        near = rest & (dist <= MAX_NEAREST_DAYS * NS_PER_DAY)
        out[near] = value[near]
    return out


def _casefold_handles(frame: pd.DataFrame) -> pd.Series:
    """``frame["handle"]`` case-folded (computed once per distinct handle)."""
    codes, uniques = pd.factorize(frame["handle"])
    folded = np.array([str(u).casefold() for u in uniques] + [None], dtype=object)
    return pd.Series(folded[codes], index=frame.index, dtype="string")


def account_snapshots(followers: pd.DataFrame, handle: str) -> pd.DataFrame:
    """The rows of ``followers`` whose handle matches ``handle`` case-insensitively."""
    if followers.empty:
        return followers
    return followers[(_casefold_handles(followers) == handle.casefold()).fillna(False)]


def followers_by_account(
    followers: pd.DataFrame, tweets: pd.DataFrame, registry: Registry, *, time_column: str
) -> np.ndarray:
    """``followers_at(tweets[time_column])`` for tweets of several accounts at once.

    ``tweets["handle"]`` is matched to the registry case-insensitively; tweets of
    accounts absent from the registry get NaN. Returns float64 aligned with ``tweets``.
    """
    out = np.full(len(tweets), np.nan)
    if tweets.empty:
        return out
    # one factorisation, then integer comparisons (not one string comparison per
    # tweet and account)
    codes, uniques = pd.factorize(_casefold_handles(tweets))
    position = {str(u): i for i, u in enumerate(uniques)}
    t_all = to_ns(tweets[time_column])
    for account in registry:
        i = position.get(account.handle.casefold())
        if i is None:
            continue
        mask = codes == i
        snaps = account_snapshots(followers, account.handle)
        pts_t, pts_v = known_points(snaps, opened=account.opened)
        t_open = None if account.opened is None else local_midnight(account.opened).value
        out[mask] = _followers_at_ns(pts_t, pts_v, t_all[mask], t_open)
    return out


# ----------------------------------------------------------------- growth series


def _local_dates(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def daily_followers(
    followers: pd.DataFrame, registry: Registry, start: date, end: date
) -> pd.DataFrame:
    """Daily follower series of every measured account over the period.

    For each account and each local date ``date`` from its effective start to
    ``end + 1`` inclusive: the followers at 00:00 Europe/Paris of ``date`` (so the first
    row is ``followers_start`` and the last row ``followers_end`` of the KPIs).

    Returns
    -------
    pandas.DataFrame
        ``handle``, ``role``, ``date`` (datetime.date), ``instant`` (UTC),
        ``followers`` (float, NaN when unknown), ``daily_gain`` (followers minus the
        previous row, NaN on the first row), ``observed`` (True when at least one
        snapshot was taken during the local day ``date``: [date 00:00, date+1 00:00)).
    """
    frames = []
    for account in registry.measured():
        first = effective_start(account, start)
        if period_days(first, end) == 0:
            continue
        days = _local_dates(first, end + timedelta(days=1))
        instants = pd.DatetimeIndex([local_midnight(d) for d in days])
        snaps = account_snapshots(followers, account.handle)
        values = followers_at(snaps, instants, opened=account.opened)
        observed_days = set()
        if not snaps.empty:
            local = pd.DatetimeIndex(snaps["observed_at"].dropna()).tz_convert(TIMEZONE)
            observed_days = set(local.date)
        frames.append(
            pd.DataFrame(
                {
                    "handle": account.handle,
                    "role": account.role,
                    "date": days,
                    "instant": instants,
                    "followers": values,
                    "daily_gain": np.r_[np.nan, np.diff(values)],
                    "observed": [d in observed_days for d in days],
                }
            )
        )
    columns = ["handle", "role", "date", "instant", "followers", "daily_gain", "observed"]
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)[columns]


def indexed_growth(daily: pd.DataFrame) -> pd.DataFrame:
    """Growth indexed to 100 at the period start, from :func:`daily_followers`.

    The base of each account is its followers on its first row (the effective period
    start). When that is 0 or unknown (an account opened during the period starts at
    0), the base is its followers at the end of the first day a snapshot was taken (the
    first positive value after an ``observed`` row), not a value interpolated from the
    opening's 0, which would make any later growth look enormous; without any observed
    day, the first positive value. ``base_date`` says which day.

    Returns
    -------
    pandas.DataFrame
        The input columns plus ``base_date``, ``base`` and ``index`` (100 × followers /
        base; NaN when the account never has a positive known count).
    """
    parts = []
    for _, group in daily.groupby("handle", sort=False):
        values = group["followers"].to_numpy(dtype="float64")
        candidates = np.flatnonzero(values > 0)
        observed = np.flatnonzero(group["observed"].to_numpy(dtype=bool))
        if not values[0] > 0 and len(observed):  # after the first day with a snapshot
            later = candidates[candidates > observed[0]]
            candidates = later if len(later) else candidates
        if not len(candidates):
            base, base_date = np.nan, None
        else:
            base, base_date = values[candidates[0]], group["date"].iloc[candidates[0]]
        parts.append(
            group.assign(base_date=base_date, base=base, index=100.0 * group["followers"] / base)
        )
    if not parts:
        return daily.assign(base_date=None, base=np.nan, index=np.nan)
    return pd.concat(parts, ignore_index=True)


def aligned_on_opening(daily: pd.DataFrame, registry: Registry) -> pd.DataFrame:
    """Follower curves aligned on each account's opening day (day 0 = opening date).

    Only accounts with a registry opening date are kept. Returns the input columns plus
    ``day`` (int: local days since the opening date).
    """
    opened = {a.handle: a.opened for a in registry if a.opened is not None}
    keep = daily[daily["handle"].isin(list(opened))]
    day = [(d - opened[h]).days for h, d in zip(keep["handle"], keep["date"], strict=True)]
    return keep.assign(day=np.asarray(day, dtype="int64"))


#: Shortest period, in days, given a weekly growth rate.
MIN_WEEKLY_DAYS = 7


def weekly_growth_rate(
    followers_start: float | None, followers_end: float | None, days: int
) -> float | None:
    """Compound weekly follower growth rate, in percent.

    As Fanpage Karma's "follower growth (weekly)": the constant weekly rate that takes
    the account from ``followers_start`` to ``followers_end`` in ``days`` days,
    ``100 × ((followers_end / followers_start) ** (7 / days) − 1)``. None when a count is
    unknown, ``followers_start`` is 0 (an account opened during the period), or the
    period is shorter than a week (:data:`MIN_WEEKLY_DAYS`: the rate would extrapolate
    a few days' change to a whole week).
    """
    if followers_start is None or followers_end is None or days < MIN_WEEKLY_DAYS:
        return None
    if not np.isfinite(followers_start) or not np.isfinite(followers_end):
        return None
    if followers_start <= 0:
        return None
    return float(100.0 * ((followers_end / followers_start) ** (7.0 / days) - 1.0))


def weekly_growth(daily: pd.DataFrame) -> pd.DataFrame:
    """:func:`weekly_growth_rate` of every account of a :func:`daily_followers` frame.

    Returns ``handle``, ``followers_start``, ``followers_end``, ``days`` (period days:
    rows − 1) and ``weekly_growth_pct``.
    """
    rows = []
    for handle, group in daily.groupby("handle", sort=False):
        first, last = group["followers"].iloc[0], group["followers"].iloc[-1]
        days = len(group) - 1
        rows.append(
            {
                "handle": handle,
                "followers_start": first,
                "followers_end": last,
                "days": days,
                "weekly_growth_pct": weekly_growth_rate(first, last, days),
            }
        )
    return pd.DataFrame(
        rows, columns=["handle", "followers_start", "followers_end", "days", "weekly_growth_pct"]
    )


def loglinear_fit(
    followers: pd.DataFrame,
    registry: Registry,
    start: date,
    end: date,
    *,
    min_followers: float = 1000.0,
    min_snapshots: int = 3,
) -> pd.DataFrame:
    """Log-linear growth of established accounts: OLS of ln(followers) on time.

    Uses the snapshots observed in the period ``[start 00:00, end+1 00:00)`` Paris (not
    interpolated values, which would fake precision). An account is *established* when
    every snapshot in the period has at least ``min_followers`` followers; new accounts
    (which start from 0) are not log-linear and are left out.

    The slope ``b`` (per day) gives a compound daily growth of ``100 × (exp(b) − 1)`` %;
    its 95 % interval maps the OLS t-interval of ``b`` the same way. Snapshots close in
    time are autocorrelated, so the interval is optimistic.

    Returns
    -------
    pandas.DataFrame
        ``handle``, ``n`` (snapshots), ``daily_growth_pct``, ``ci_low``, ``ci_high``,
        ``weekly_growth_pct`` (compounded from the daily slope), ``r2``.
    """
    import statsmodels.api as sm

    from pilot_eval.metrics.period import period_bounds

    lo, hi = period_bounds(start, end)
    rows = []
    for account in registry.measured():
        snaps = account_snapshots(followers, account.handle)[["observed_at", "followers"]]
        snaps = snaps.dropna()
        t = to_ns(snaps["observed_at"])
        v = snaps["followers"].to_numpy(dtype="float64")
        inside = (t >= lo.value) & (t < hi.value)
        t, v = t[inside], v[inside]
        if t.size < min_snapshots or (v < min_followers).any() or np.unique(t).size < 2:
            continue
        x = (t - lo.value) / NS_PER_DAY
        fit = sm.OLS(np.log(v), sm.add_constant(x)).fit()
        slope = float(fit.params[1])
        low, high = (float(c) for c in fit.conf_int(0.05)[1])
        rows.append(
            {
                "handle": account.handle,
                "n": int(t.size),
                "daily_growth_pct": 100.0 * np.expm1(slope),
                "ci_low": 100.0 * np.expm1(low),
                "ci_high": 100.0 * np.expm1(high),
                "weekly_growth_pct": 100.0 * np.expm1(7.0 * slope),
                "r2": float(fit.rsquared),
            }
        )
    columns = ["handle", "n", "daily_growth_pct", "ci_low", "ci_high", "weekly_growth_pct", "r2"]
    return pd.DataFrame(rows, columns=columns)
