import numpy as np
import pandas as pd
import pytest

from pilot_eval.metrics.stats import (
    bootstrap_median_ci,
    chi2_category_mix,
    kruskal_pilots,
    mann_whitney_vs_national,
    negative_binomial_model,
)


@pytest.mark.parametrize("n", [7, 8, 41, 60])
def test_bootstrap_median_ci_matches_the_naive_bootstrap(n):
    rng = np.random.default_rng(n)
    x = np.round(rng.lognormal(1, 1, n))
    naive = np.median(x[rng.integers(0, n, (20_000, n))], axis=1)
    expected = np.percentile(naive, [2.5, 97.5])
    low, high = bootstrap_median_ci(x)
    sorted_x = np.sort(x)
    # same distribution: the bounds agree up to one order statistic
    for got, want in zip((low, high), expected, strict=True):
        k = np.searchsorted(sorted_x, want)
        assert sorted_x[max(k - 1, 0)] <= got <= sorted_x[min(k + 1, n - 1)]


def test_bootstrap_median_ci_edge_cases_and_determinism():
    assert all(np.isnan(bootstrap_median_ci([])))
    # one value has no spread to resample: no interval rather than a zero-width one
    assert all(np.isnan(bootstrap_median_ci([np.nan, 4.0])))
    assert bootstrap_median_ci([4.0, 4.0]) == (4.0, 4.0)  # two equal values: a real interval
    x = np.random.default_rng(0).normal(size=150_000)
    assert bootstrap_median_ci(x) == bootstrap_median_ci(x)
    low, high = bootstrap_median_ci(x)
    assert low < np.median(x) < high and high - low < 0.02


def frame(rows: dict[str, list[float]]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"handle": h, "engagement_rate_pct": v} for h, vs in rows.items() for v in vs]
    )


def test_mann_whitney_effect_sizes(tiny_registry):
    tf = frame({"PNationale44": [3.0, 4.0, 5.0], "pnationale": [1.0, 2.0, 3.0]})
    out = mann_whitney_vs_national(tf, tiny_registry).set_index("handle")
    row = out.loc["PNationale44"]
    # pairs (x > y): 3>1,3>2,4>*,5>* = 8, tie 3=3 counts 1/2 -> U = 8.5 of 9
    assert row["U"] == 8.5
    assert row["CLES"] == pytest.approx(8.5 / 9)
    assert row["RBC"] == pytest.approx(2 * 8.5 / 9 - 1)
    assert 0 < row["p_unc"] < 1
    assert np.isnan(out.loc["pnationale06", "U"]) and out.loc["pnationale06", "reason"]


def test_kruskal_and_chi2(tiny_registry):
    tf = frame({"PNationale44": [1.0, 2.0, 3.0], "pnationale06": [4.0, 5.0, 6.0]})
    kw = kruskal_pilots(tf, tiny_registry).iloc[0]
    assert kw["groups"] == 2 and kw["dof"] == 1 and kw["H"] > 0
    alone = kruskal_pilots(frame({"PNationale44": [1.0]}), tiny_registry).iloc[0]
    assert alone["reason"] and alone["groups"] == 1
    assert np.isnan(alone["dof"]) and np.isnan(alone["H"])  # no test, no degrees of freedom
    counts = pd.DataFrame(
        {"prevention": [10, 0], "traffic": [0, 10], "other": [0, 0]}, index=["a", "b"]
    )
    chi = chi2_category_mix(counts).iloc[0]
    assert chi["chi2"] == pytest.approx(20.0) and chi["dof"] == 1
    assert chi["cramers_v"] == pytest.approx(1.0)
    assert chi2_category_mix(counts.iloc[:1]).iloc[0]["reason"]


def test_negative_binomial_recovers_rate_ratios():
    rng = np.random.default_rng(1)
    n = 4000
    handle = rng.choice(["a", "b"], n)
    media = rng.integers(0, 2, n).astype(bool)
    followers = rng.uniform(500, 5000, n)
    mu = followers * 0.002 * np.where(handle == "b", 2.0, 1.0) * np.where(media, 1.5, 1.0)
    engagement = rng.negative_binomial(5, 5 / (5 + mu))
    tf = pd.DataFrame(
        {
            "handle": handle,
            "kind": "original",
            "media": media,
            "category": rng.choice(["prevention", "traffic"], n),
            "engagement": engagement.astype(float),
            "followers_at": followers,
        }
    )
    out = negative_binomial_model(tf).set_index("term")
    assert out.attrs["reason"] is None and out.attrs["n"] == n
    assert out.loc["handle[T.b]", "ci_low"] < 2.0 < out.loc["handle[T.b]", "ci_high"]
    assert out.loc["media", "ci_low"] < 1.5 < out.loc["media", "ci_high"]
    assert (
        out.loc["category[T.traffic]", "ci_low"] < 1.0 < out.loc["category[T.traffic]", "ci_high"]
    )


def test_negative_binomial_falls_back_when_newton_diverges():
    """Accounts of very different sizes (as @policia beside the pilots) make Newton's
    method step to NaN from statsmodels' start values on this seed; BFGS then fits."""
    rng = np.random.default_rng(0)
    rows = []
    for handle, n, followers, mu in (
        ("big", 60, 200_000, 400),
        ("a", 40, 800, 6),
        ("b", 40, 900, 5),
    ):
        for _ in range(n):
            media = bool(rng.random() < 0.4)
            mean = mu * (1.8 if media else 1.0)
            rows.append(
                {
                    "handle": handle,
                    "kind": "original",
                    "media": media,
                    "category": str(rng.choice(["prevention", "traffic"])),
                    "engagement": float(rng.negative_binomial(0.8, 0.8 / (0.8 + mean))),
                    "followers_at": float(followers),
                }
            )
    out = negative_binomial_model(pd.DataFrame(rows))
    assert out.attrs["reason"] is None and out.attrs["method"] == "bfgs"
    media = out.set_index("term").loc["media"]
    assert media["ci_low"] < 1.8 < media["ci_high"]
    assert np.isfinite(out[["irr", "se", "p_unc"]].to_numpy(dtype=float)).all()


def test_negative_binomial_on_tiny_data_gives_a_reason():
    tf = pd.DataFrame(
        {
            "handle": ["a"],
            "kind": ["original"],
            "media": [False],
            "category": ["other"],
            "engagement": [1.0],
            "followers_at": [10.0],
        }
    )
    out = negative_binomial_model(tf)
    assert out.empty and "too few" in out.attrs["reason"]
    assert negative_binomial_model(pd.DataFrame()).attrs["reason"]


def test_median_ci_table_by_account_and_kind():
    from pilot_eval.metrics.stats import median_ci_table

    tf = pd.DataFrame(
        {
            "handle": ["a", "a", "a", "b"],
            "kind": ["original", "original", "reply", "original"],
            "engagement": [1.0, 3.0, np.nan, 4.0],
        }
    )
    out = median_ci_table(tf, ["handle", "kind"])
    assert list(out.columns) == ["handle", "kind", "n", "median", "ci_low", "ci_high", "mean"]
    first = out.iloc[0]
    assert (first["handle"], first["kind"], first["n"], first["median"]) == (
        "a",
        "original",
        2,
        2.0,
    )
    assert first["ci_low"] >= 1.0 and first["ci_high"] <= 3.0
    assert out.iloc[1]["n"] == 0 and np.isnan(out.iloc[1]["median"])
