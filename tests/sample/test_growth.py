"""Follower curves and snapshot schedules of the sample."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import pytest

from pilot_eval.sample.growth import GrowthModel, GrowthSpec, epoch, snapshot_times
from pilot_eval.sample.profiles import PARIS


def _new_spec(**kw) -> GrowthSpec:
    base = dict(
        reference=datetime(2014, 1, 13, tzinfo=PARIS),
        new=True,
        tau_days=5.0,
        targets=(
            (datetime(2014, 1, 20, tzinfo=PARIS), 400.0),
            (datetime(2014, 4, 1, tzinfo=PARIS), 1200.0),
        ),
    )
    base.update(kw)
    return GrowthSpec(**base)


def test_fit_passes_through_the_targets() -> None:
    model = GrowthModel.fit(_new_spec())
    assert model.at(datetime(2014, 1, 20, tzinfo=PARIS)) == pytest.approx(400.0)
    assert model.at(datetime(2014, 4, 1, tzinfo=PARIS)) == pytest.approx(1200.0)
    assert model.spec.terms() == ["linear", "concave"]


def test_new_account_has_zero_before_opening_and_grows_concavely() -> None:
    model = GrowthModel.fit(_new_spec())
    opening = datetime(2014, 1, 13, tzinfo=PARIS)
    assert model.at(opening - timedelta(hours=1)) == 0.0
    assert model.at(opening) == pytest.approx(0.0, abs=1e-9)
    daily = np.diff(
        model.followers(np.array([epoch(opening + timedelta(days=d)) for d in range(80)]))
    )
    assert (daily > 0).all()
    assert daily[0] > 3 * daily[-1]


def test_burst_term_reproduces_a_jump_within_hours() -> None:
    spec = _new_spec(
        burst_center=datetime(2014, 1, 14, 10, 30, tzinfo=PARIS),
        burst_width_hours=0.6,
        targets=(
            (datetime(2014, 1, 14, 9, tzinfo=PARIS), 285.0),
            (datetime(2014, 1, 14, 12, tzinfo=PARIS), 326.0),
            (datetime(2014, 4, 1, tzinfo=PARIS), 1600.0),
        ),
    )
    model = GrowthModel.fit(spec)
    assert round(model.at(datetime(2014, 1, 14, 9, tzinfo=PARIS))) == 285
    assert round(model.at(datetime(2014, 1, 14, 12, tzinfo=PARIS))) == 326
    assert all(c >= 0 for c in model.coefficients)


def test_established_account_has_a_level() -> None:
    spec = GrowthSpec(
        reference=datetime(2013, 12, 1, tzinfo=PARIS),
        new=False,
        targets=(
            (datetime(2014, 1, 1, tzinfo=PARIS), 1000.0),
            (datetime(2014, 3, 1, tzinfo=PARIS), 1590.0),
        ),
    )
    model = GrowthModel.fit(spec)
    assert spec.terms() == ["level", "linear"]
    assert model.coefficients[1] == pytest.approx(10.0)
    assert model.at(datetime(2013, 12, 1, tzinfo=PARIS)) == pytest.approx(690.0)


def test_contradictory_targets_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        GrowthModel.fit(
            _new_spec(
                targets=(
                    (datetime(2014, 1, 20, tzinfo=PARIS), 900.0),
                    (datetime(2014, 4, 1, tzinfo=PARIS), 500.0),
                )
            )
        )


def test_describe_lists_targets_and_model_values() -> None:
    d = GrowthModel.fit(_new_spec()).describe()
    assert set(d["coefficients"]) == {"linear", "concave"}
    assert [t["followers"] for t in d["targets"]] == [400.0, 1200.0]
    assert d["targets"][0]["model"] == pytest.approx(400.0)


def test_snapshot_times_are_irregular_local_and_dense() -> None:
    rng = np.random.default_rng(0)
    first = datetime(2014, 1, 1, tzinfo=PARIS)
    last = datetime(2014, 3, 31, tzinfo=PARIS)
    times = snapshot_times(rng, first_day=first, last_day=last, max_gap_days=4)
    assert times == sorted(times)
    assert all(8 <= t.hour <= 21 for t in times)
    assert max(b - a for a, b in zip(times, times[1:], strict=False)) < timedelta(days=5)
    # after the DST switch, the offset of a Paris time is +02:00
    assert {t.utcoffset() for t in times} == {timedelta(hours=1), timedelta(hours=2)}
    assert 20 < len(times) < 70
