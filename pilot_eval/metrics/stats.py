"""Uncertainty and comparisons between accounts (SPEC section 6, issue 4 point 3).

Every comparison returns a tidy DataFrame whose columns are documented (pingouin
style: ``p_unc`` is the uncorrected p-value). Functions never raise on small or
degenerate data: they return NaN statistics or an empty table, with the reason in
``frame.attrs["reason"]`` (and a ``reason`` column where there is one row per test).
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from scipy import stats as st

from pilot_eval.registry import Registry

#: Bootstrap replicates and seed of every median interval (fixed: reproducible).
N_BOOT = 10_000
SEED = 20140331


def bootstrap_median_ci(
    values, *, n_boot: int = N_BOOT, seed: int = SEED, level: float = 0.95
) -> tuple[float, float]:
    """95 % percentile-bootstrap interval of the median of ``values``.

    The interval is the (2.5 %, 97.5 %) percentiles (``numpy.percentile``, linear) of the
    medians of ``n_boot`` resamples with replacement of size n. Resampling is done
    exactly but without drawing n values per replicate: the j-th order statistic of a
    resample of the sorted data ``x(1..n)`` is ``x(ceil(n·U(j)))`` where ``U(j)`` is the
    j-th order statistic of n uniforms, which is Beta(j, n−j+1) distributed. For odd n
    the median is that statistic for j = (n+1)/2; for even n it is the mean of the
    statistics j = n/2 and j+1, with ``U(j+1) = U(j) + (1−U(j))·Beta(1, n−j)``. This has
    the same distribution as the naive bootstrap at O(n log n + n_boot) cost, so it is
    fast on 150k values.

    Parameters
    ----------
    values
        Numbers; NaN are dropped.
    n_boot, seed
        Replicates and seed of ``numpy.random.default_rng``.
    level
        Coverage of the interval.

    Returns
    -------
    (float, float)
        ``(low, high)``; ``(nan, nan)`` when there are fewer than two values (a single
        value has no spread to resample: its "interval" would have zero width).
    """
    x = np.sort(np.asarray(values, dtype="float64"))
    x = x[~np.isnan(x)]
    n = x.size
    if n < 2:
        return (np.nan, np.nan)
    rng = np.random.default_rng(seed)
    j = (n + 1) // 2 if n % 2 else n // 2
    u = rng.beta(j, n - j + 1, size=n_boot)
    k = np.clip(np.ceil(n * u).astype(np.int64), 1, n) - 1
    if n % 2:
        medians = x[k]
    else:
        u2 = u + (1.0 - u) * rng.beta(1, n - j, size=n_boot)
        k2 = np.clip(np.ceil(n * u2).astype(np.int64), 1, n) - 1
        medians = (x[k] + x[k2]) / 2.0
    alpha = (1.0 - level) / 2.0
    low, high = np.percentile(medians, [100 * alpha, 100 * (1 - alpha)])
    return (float(low), float(high))


def _rates(tweet_frame: pd.DataFrame, handle: str, column: str) -> np.ndarray:
    values = tweet_frame.loc[tweet_frame["handle"] == handle, column].to_numpy(dtype="float64")
    return values[~np.isnan(values)]


MWU_COLUMNS = [
    "handle",
    "reference",
    "n_x",
    "n_y",
    "median_x",
    "median_y",
    "U",
    "p_unc",
    "RBC",
    "CLES",
    "reason",
]


def mann_whitney_vs_national(
    tweet_frame: pd.DataFrame, registry: Registry, *, column: str = "engagement_rate_pct"
) -> pd.DataFrame:
    """Mann–Whitney U (two-sided) of each pilot's engagement rates against @pnationale.

    Parameters
    ----------
    tweet_frame
        :func:`~pilot_eval.metrics.engagement.tweet_engagement` output.
    registry
        Pilots are the accounts with role ``pilot``; the reference is the first account
        with role ``national``.
    column
        The per-tweet value compared (NaN dropped).

    Returns
    -------
    pandas.DataFrame
        One row per pilot: ``handle``, ``reference``, ``n_x`` / ``n_y`` (tweets of the
        pilot / the reference), ``median_x`` / ``median_y``, ``U`` (scipy's U statistic of
        the pilot), ``p_unc``, ``CLES`` (common-language effect size: P(X > Y) + ½ P(X = Y)
        = U / (n_x·n_y), X a pilot tweet and Y a reference tweet), ``RBC`` (rank-biserial
        correlation 2·CLES − 1, in [−1, 1], positive when the pilot's rates are higher),
        ``reason`` (why the test was not run, else null).
    """
    national = registry.by_role("national")
    reference = national[0].handle if national else None
    y = _rates(tweet_frame, reference, column) if reference else np.array([])
    rows = []
    for pilot in registry.by_role("pilot"):
        x = _rates(tweet_frame, pilot.handle, column)
        row = {
            "handle": pilot.handle,
            "reference": reference,
            "n_x": int(x.size),
            "n_y": int(y.size),
            "median_x": float(np.median(x)) if x.size else np.nan,
            "median_y": float(np.median(y)) if y.size else np.nan,
            "U": np.nan,
            "p_unc": np.nan,
            "RBC": np.nan,
            "CLES": np.nan,
            "reason": None,
        }
        if reference is None:
            row["reason"] = "no national account in the registry"
        elif x.size == 0 or y.size == 0:
            row["reason"] = "no engagement rate for one of the two accounts"
        else:
            res = st.mannwhitneyu(x, y, alternative="two-sided")
            cles = float(res.statistic) / (x.size * y.size)
            row.update(U=float(res.statistic), p_unc=float(res.pvalue), CLES=cles, RBC=2 * cles - 1)
        rows.append(row)
    return pd.DataFrame(rows, columns=MWU_COLUMNS)


KW_COLUMNS = ["groups", "n", "H", "dof", "p_unc", "epsilon_sq", "reason"]


def kruskal_pilots(
    tweet_frame: pd.DataFrame, registry: Registry, *, column: str = "engagement_rate_pct"
) -> pd.DataFrame:
    """Kruskal–Wallis H test of ``column`` across the pilot accounts.

    Returns
    -------
    pandas.DataFrame
        One row: ``groups`` (pilots with at least one value), ``n`` (values), ``H``,
        ``dof`` (groups − 1), ``p_unc``, ``epsilon_sq`` (effect size H / (n − 1)),
        ``reason`` (why the test was not run, else null; ``H``, ``dof``, ``p_unc`` and
        ``epsilon_sq`` are then null).
    """
    groups = [_rates(tweet_frame, p.handle, column) for p in registry.by_role("pilot")]
    groups = [g for g in groups if g.size]
    n = int(sum(g.size for g in groups))
    row = {
        "groups": len(groups),
        "n": n,
        "H": np.nan,
        "dof": np.nan,
        "p_unc": np.nan,
        "epsilon_sq": np.nan,
        "reason": None,
    }
    if len(groups) < 2:
        row["reason"] = "fewer than two pilots with engagement rates"
    elif np.unique(np.concatenate(groups)).size < 2:
        row["reason"] = "all values are identical"
    else:
        res = st.kruskal(*groups)
        row.update(
            H=float(res.statistic),
            dof=len(groups) - 1,
            p_unc=float(res.pvalue),
            epsilon_sq=float(res.statistic) / (n - 1),
        )
    return pd.DataFrame([row], columns=KW_COLUMNS)


CHI2_COLUMNS = ["accounts", "categories", "n", "chi2", "dof", "p_unc", "cramers_v", "reason"]


def chi2_category_mix(counts: pd.DataFrame) -> pd.DataFrame:
    """Chi-square test of independence of account × category, with Cramér's V.

    Parameters
    ----------
    counts
        Contingency table (rows = accounts, columns = categories), e.g.
        :func:`~pilot_eval.metrics.content.category_counts` of the pilots. Empty rows and
        columns are dropped before the test.

    Returns
    -------
    pandas.DataFrame
        One row: ``accounts`` and ``categories`` (kept), ``n`` (tweets), ``chi2``, ``dof``,
        ``p_unc``, ``cramers_v`` (sqrt(chi2 / (n · (min(rows, columns) − 1)))),
        ``reason`` (why the test was not run, else null).
    """
    table = counts.loc[counts.sum(axis=1) > 0, counts.sum(axis=0) > 0]
    r, c = table.shape
    n = int(table.to_numpy().sum())
    row = {
        "accounts": r,
        "categories": c,
        "n": n,
        "chi2": np.nan,
        "dof": np.nan,
        "p_unc": np.nan,
        "cramers_v": np.nan,
        "reason": None,
    }
    if r < 2 or c < 2:
        row["reason"] = "needs at least two accounts and two categories with tweets"
    else:
        res = st.chi2_contingency(table.to_numpy(), correction=False)
        row.update(
            chi2=float(res.statistic),
            dof=int(res.dof),
            p_unc=float(res.pvalue),
            cramers_v=float(np.sqrt(res.statistic / (n * (min(r, c) - 1)))),
        )
    return pd.DataFrame([row], columns=CHI2_COLUMNS)


NB_COLUMNS = ["term", "irr", "ci_low", "ci_high", "coef", "se", "p_unc"]
#: Above this many tweets the count model is fitted on a fixed-seed random subsample.
NB_MAX_ROWS = 20_000


def _empty_nb(reason: str, n: int = 0) -> pd.DataFrame:
    frame = pd.DataFrame(columns=NB_COLUMNS)
    frame.attrs.update(reason=reason, n=n, alpha=None, method=None)
    return frame


def negative_binomial_model(
    tweet_frame: pd.DataFrame, *, max_rows: int = NB_MAX_ROWS, seed: int = SEED
) -> pd.DataFrame:
    """Negative-binomial count model of engagement with the follower count as exposure.

    ``engagement ~ account + kind + media + category`` with ``log(followers_at)`` as
    offset (NB2, statsmodels ``NegativeBinomial``, dispersion ``alpha`` estimated).
    Tweets with an unknown engagement, no category or ``followers_at`` ≤ 0 are left
    out; factors with a single level are dropped from the formula. Reference levels:
    the first account in table order, ``original``, no media, the first category in
    SPEC order present. Above ``max_rows`` tweets, a fixed-seed random subsample of
    ``max_rows`` tweets is used (``attrs["n"]`` says how many).

    Returns
    -------
    pandas.DataFrame
        One row per coefficient (intercept excluded): ``term`` (e.g.
        ``handle[T.policia]``, ``kind[T.reply]``, ``media``), ``irr`` (incidence-rate ratio exp(coef): engagement per
        follower relative to the reference level), ``ci_low`` / ``ci_high`` (95 % Wald
        interval of the IRR), ``coef``, ``se``, ``p_unc``. ``attrs``: ``n``, ``alpha``,
        ``method`` (statsmodels' optimiser that converged: ``newton``, else ``bfgs``),
        ``reason`` (null when fitted; else the table is empty and this says why).
    """
    from statsmodels.discrete.discrete_model import NegativeBinomial
    from statsmodels.tools.sm_exceptions import ConvergenceWarning

    need = ["handle", "kind", "media", "category", "engagement", "followers_at"]
    if tweet_frame.empty or any(c not in tweet_frame.columns for c in need):
        return _empty_nb("no tweets")
    data = tweet_frame[need]
    keep = data["engagement"].notna() & data["category"].notna() & (data["followers_at"] > 0)
    data = data[keep.to_numpy(dtype=bool)]
    if len(data) > max_rows:
        data = data.sample(n=max_rows, random_state=seed).sort_index()
    n = len(data)
    if n < 20:
        return _empty_nb(f"too few tweets to fit a count model ({n})", n)
    data = pd.DataFrame(
        {
            "engagement": np.rint(data["engagement"].to_numpy(dtype="float64")),
            "handle": data["handle"].astype(str).to_numpy(),
            "kind": data["kind"].astype(str).to_numpy(),
            "media": data["media"].astype(bool).astype(int).to_numpy(),
            "category": data["category"].astype(str).to_numpy(),
            "offset": np.log(data["followers_at"].to_numpy(dtype="float64")),
        }
    )
    design = {"Intercept": np.ones(n)}
    for name, ref in (("handle", None), ("kind", "original"), ("category", None)):
        levels = list(pd.unique(data[name]))
        if len(levels) < 2:
            continue
        if ref is None or ref not in levels:
            ref = levels[0] if name != "category" else _first_category(levels)
        ordered = [ref] + sorted(lv for lv in levels if lv != ref)
        for level in ordered[1:]:
            design[f"{name}[T.{level}]"] = (data[name].to_numpy() == level).astype("float64")
    if data["media"].nunique() > 1:
        design["media"] = data["media"].to_numpy(dtype="float64")
    exog = pd.DataFrame(design)
    fit, method, failure = None, None, "count model did not converge"
    model = NegativeBinomial(data["engagement"], exog, offset=data["offset"])
    # Newton first (exact Hessian); from statsmodels' start values it can step to NaN
    # when accounts differ by orders of magnitude (@policia beside the pilots), and
    # BFGS then reaches the same maximum
    for method, maxiter in (("newton", 100), ("bfgs", 2000)):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                fit = model.fit(method=method, maxiter=maxiter, disp=False)
        except (ValueError, np.linalg.LinAlgError, ConvergenceWarning) as exc:
            fit, failure = None, f"count model failed: {exc}".splitlines()[0]
            continue
        if (
            bool(fit.mle_retvals.get("converged", True))
            and np.isfinite(fit.params).all()
            and np.isfinite(fit.bse).all()
        ):
            break
        fit, failure = None, "count model did not converge"
    if fit is None:
        return _empty_nb(failure, n)
    params, bse, pvalues = fit.params, fit.bse, fit.pvalues
    conf = fit.conf_int(0.05)
    names = [t for t in params.index if t not in ("Intercept", "alpha")]
    out = pd.DataFrame(
        {
            "term": names,
            "irr": np.exp(params[names].to_numpy()),
            "ci_low": np.exp(conf.loc[names, 0].to_numpy()),
            "ci_high": np.exp(conf.loc[names, 1].to_numpy()),
            "coef": params[names].to_numpy(),
            "se": bse[names].to_numpy(),
            "p_unc": pvalues[names].to_numpy(),
        },
        columns=NB_COLUMNS,
    )
    out.attrs.update(reason=None, n=n, alpha=float(params.get("alpha", np.nan)), method=method)
    return out


def _first_category(levels: list[str]) -> str:
    from pilot_eval.metrics.content import CATEGORIES

    ordered = [c for c in CATEGORIES if c in levels]
    return ordered[0] if ordered else sorted(levels)[0]


def median_ci_table(
    tweet_frame: pd.DataFrame, by: list[str] | str = "handle", column: str = "engagement"
) -> pd.DataFrame:
    """Median of ``column`` per group with its 95 % bootstrap interval.

    Parameters
    ----------
    tweet_frame
        :func:`~pilot_eval.metrics.engagement.tweet_engagement` output.
    by
        Grouping column(s), e.g. ``"handle"``, ``["handle", "kind"]``, ``["handle", "media"]``.
    column
        ``engagement``, ``engagement_rate_pct`` or ``impression_rate_pct``.

    Returns
    -------
    pandas.DataFrame
        The ``by`` columns, ``n`` (non-null values), ``median``, ``ci_low``, ``ci_high``
        (:func:`bootstrap_median_ci`), ``mean``; groups in order of first appearance.
    """
    keys = [by] if isinstance(by, str) else list(by)
    columns = [*keys, "n", "median", "ci_low", "ci_high", "mean"]
    rows = []
    if not tweet_frame.empty:
        for key, group in tweet_frame.groupby(keys, sort=False, observed=True):
            values = group[column].to_numpy(dtype="float64")
            values = values[~np.isnan(values)]
            low, high = bootstrap_median_ci(values)
            key = key if isinstance(key, tuple) else (key,)
            rows.append(
                [
                    *key,
                    int(values.size),
                    float(np.median(values)) if values.size else np.nan,
                    low,
                    high,
                    float(values.mean()) if values.size else np.nan,
                ]
            )
    return pd.DataFrame(rows, columns=columns)
