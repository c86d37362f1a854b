from datetime import date

import numpy as np
import pandas as pd
import pytest

from pilot_eval.metrics.followers import (
    aligned_on_opening,
    daily_followers,
    followers_at,
    indexed_growth,
    loglinear_fit,
    weekly_growth_rate,
)

from .conftest import make_table


def snaps(*points: tuple[str, int], handle: str = "x") -> pd.DataFrame:
    return make_table(
        "followers", [{"handle": handle, "observed_at": t, "followers": v} for t, v in points]
    )


def at(s, *times, opened=None):
    return followers_at(s, pd.to_datetime(list(times), utc=True, format="ISO8601"), opened=opened)


def test_at_a_point_its_value_and_linear_interpolation_between():
    s = snaps(("2014-01-01T00:00Z", 100), ("2014-01-11T00:00Z", 200))
    np.testing.assert_allclose(
        at(s, "2014-01-01T00:00Z", "2014-01-03T12:00Z", "2014-01-11T00:00Z"), [100, 125, 200]
    )


def test_interpolation_up_to_45_days_then_nearest_within_3_days():
    s = snaps(("2014-01-01T00:00Z", 100), ("2014-02-15T00:00Z", 190))  # exactly 45 days
    np.testing.assert_allclose(at(s, "2014-01-23T12:00Z"), [145.0])
    far = snaps(("2014-01-01T00:00Z", 100), ("2014-02-15T00:00:01Z", 190))  # 45 d + 1 s
    got = at(
        far,
        "2014-01-04T00:00Z",
        "2014-01-04T00:00:01Z",
        "2014-01-20T00:00Z",
        "2014-02-12T00:00:01Z",
        "2014-02-12T00:00Z",
    )
    np.testing.assert_array_equal(got, [100.0, np.nan, np.nan, 190.0, np.nan])


def test_outside_the_points_nearest_within_3_days():
    s = snaps(("2014-01-10T00:00Z", 100), ("2014-01-20T00:00Z", 200))
    got = at(s, "2014-01-07T00:00Z", "2014-01-06T23:59Z", "2014-01-23T00:00Z", "2014-01-23T00:01Z")
    np.testing.assert_array_equal(got, [100.0, np.nan, 200.0, np.nan])


def test_opening_point_is_zero_at_paris_midnight_and_null_before():
    s = snaps(("2013-12-24T23:00Z", 48))  # 25 Dec 00:00 Paris, two days after the opening
    got = at(
        s, "2013-12-22T22:59Z", "2013-12-22T23:00Z", "2013-12-23T23:00Z", opened=date(2013, 12, 23)
    )
    np.testing.assert_allclose(got, [np.nan, 0.0, 24.0])


def test_opening_point_only_when_before_the_first_snapshot():
    s = snaps(("2013-12-22T23:00Z", 5), ("2013-12-23T23:00Z", 15))  # a snapshot at the opening
    np.testing.assert_allclose(at(s, "2013-12-22T23:00Z", opened=date(2013, 12, 23)), [5.0])


def test_no_snapshot_at_all_only_the_opening_point():
    s = snaps()
    got = at(
        s, "2013-12-22T23:00Z", "2013-12-25T23:00Z", "2013-12-25T23:01Z", opened=date(2013, 12, 23)
    )
    np.testing.assert_array_equal(got, [0.0, 0.0, np.nan])
    assert np.isnan(at(s, "2014-01-01T00:00Z")).all()


def test_same_instant_the_last_row_wins():
    s = snaps(("2014-01-01T00:00Z", 100), ("2014-01-11T00:00Z", 150), ("2014-01-01T00:00Z", 120))
    np.testing.assert_allclose(at(s, "2014-01-01T00:00Z", "2014-01-06T00:00Z"), [120, 135])


def test_daily_followers_first_and_last_rows_are_start_and_end(tiny_registry):
    fol = make_table(
        "followers",
        [
            {"handle": "pnationale06", "observed_at": "2014-01-22T23:00Z", "followers": 100},
            {"handle": "PNATIONALE06", "observed_at": "2014-01-25T11:00Z", "followers": 130},
        ],
    )
    daily = daily_followers(fol, tiny_registry, date(2014, 1, 1), date(2014, 1, 24))
    d06 = daily[daily["handle"] == "pnationale06"]
    assert d06["date"].iloc[0] == date(2014, 1, 13)
    assert d06["date"].iloc[-1] == date(2014, 1, 25)
    assert d06["followers"].iloc[0] == 0.0
    assert d06["followers"].iloc[-1] == pytest.approx(100 + 30 * 48 / 60)  # 25 Jan 00:00 Paris
    assert d06.set_index("date")["observed"].to_dict()[date(2014, 1, 23)]
    assert not d06.set_index("date")["observed"].to_dict()[date(2014, 1, 22)]
    aligned = aligned_on_opening(daily, tiny_registry)
    assert aligned.loc[aligned["handle"] == "pnationale06", "day"].iloc[0] == 0
    idx = indexed_growth(daily)
    i06 = idx[idx["handle"] == "pnationale06"]
    # opened at 0 on 13 January: not 14 January's value interpolated from that 0 (about
    # 11), but the end of 23 January, the first day with a snapshot (review)
    assert i06["base_date"].iloc[0] == date(2014, 1, 24)
    assert i06["base"].iloc[0] == pytest.approx(100 + 30 * 24 / 60)
    assert i06["index"].iloc[-1] == pytest.approx(
        100 * i06["followers"].iloc[-1] / i06["base"].iloc[0]
    )


def test_weekly_growth_rate_compound():
    assert weekly_growth_rate(100, 200, 14) == pytest.approx(100 * (2**0.5 - 1))
    assert weekly_growth_rate(0, 200, 14) is None
    assert weekly_growth_rate(None, 200, 14) is None
    assert weekly_growth_rate(100, float("nan"), 14) is None
    # less than a week: a weekly rate would extrapolate (one day x 7 gave +9 379 %)
    assert weekly_growth_rate(100, 150, 6) is None
    assert weekly_growth_rate(100, 150, 7) == pytest.approx(50.0)


def test_loglinear_fit_recovers_a_daily_rate(tiny_registry):
    times = pd.date_range("2014-01-01T12:00Z", periods=30, freq="D")
    values = np.round(700_000 * 1.002 ** np.arange(30))
    fol = make_table(
        "followers",
        [
            {"handle": "policia", "observed_at": t, "followers": int(v)}
            for t, v in zip(times, values, strict=True)
        ],
    )
    fit = loglinear_fit(fol, tiny_registry, date(2013, 12, 23), date(2014, 3, 31))
    assert list(fit["handle"]) == ["policia"]
    row = fit.iloc[0]
    assert row["daily_growth_pct"] == pytest.approx(0.2, abs=1e-3)
    assert row["ci_low"] <= 0.2 <= row["ci_high"]
