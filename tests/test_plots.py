"""Charts: labelled axes in French, log scales where counts span orders of magnitude."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest

from pilot_eval import plots


@pytest.fixture
def colors(registry):
    return plots.account_colors(registry.measured())


def _daily():
    days = [date(2014, 1, 1) + timedelta(days=i) for i in range(30)]
    rows = []
    for handle, base, gain in (("policia", 700_000, 900), ("PNationale44", 500, 20)):
        values = base + gain * np.arange(30, dtype=float)
        rows.append(pd.DataFrame({"handle": handle, "date": days, "followers": values,
                                  "daily_gain": np.r_[np.nan, np.diff(values)],
                                  "observed": [i % 5 == 0 for i in range(30)]}))  # fmt: skip
    return pd.concat(rows, ignore_index=True)


def test_colors_are_one_per_account_and_stable(registry, colors):
    assert len(set(colors.values())) == len(colors) == len(registry.measured())
    assert plots.account_colors(registry.measured()) == colors
    assert colors["pnationale"] == plots.ROLE_COLORS["national"]


def test_follower_curves_log_scale_and_french_labels(colors):
    fig = plots.follower_curves(_daily(), colors)
    ax = fig.axes[0]
    assert ax.get_yscale() == "log"  # 500 vs 700 000 followers
    assert "Abonnés" in ax.get_ylabel() and "Date" in ax.get_xlabel()
    assert fig.source.startswith("Source")
    assert {t.get_text() for t in ax.get_legend().get_texts()} == {"@policia", "@PNationale44"}
    line = next(li for li in ax.get_lines() if li.get_label() == "@policia")
    assert line.get_color().lower() == colors["policia"].lower()


def test_follower_curves_linear_when_similar(colors):
    daily = _daily()
    daily = daily[daily["handle"] == "PNationale44"]
    assert plots.follower_curves(daily, colors).axes[0].get_yscale() == "linear"


def test_indexed_growth_and_daily_gains_are_log(colors):
    daily = _daily()
    indexed = daily.assign(
        index=100 * daily["followers"] / daily.groupby("handle")["followers"].transform("first")
    )
    assert plots.indexed_growth(indexed, colors).axes[0].get_yscale() == "log"
    ax = plots.daily_gains(daily, colors).axes[0]
    assert ax.get_yscale() == "log" and "par jour" in ax.get_ylabel()


def test_engagement_distribution_log_axis(colors):
    frame = pd.DataFrame({"handle": ["policia"] * 3 + ["PNationale44"] * 3,
                          "engagement": [100.0, 2000.0, 50.0, 0.0, 3.0, 7.0]})  # fmt: skip
    ax = plots.engagement_distribution(frame, colors).axes[0]
    assert ax.get_xscale() == "symlog"
    assert "Engagement" in ax.get_xlabel() and ax.get_ylabel() == "Compte"
    assert [t.get_text() for t in ax.get_yticklabels()] == ["@PNationale44", "@policia"]


def test_category_mix_and_bars_have_labels():
    shares = pd.DataFrame({"prevention": [0.6, 0.1], "traffic": [0.4, 0.9]}, index=["a", "b"])
    ax = plots.category_mix(shares, {"prevention": "Prévention"}).axes[0]
    assert "Part des tweets" in ax.get_xlabel()
    assert "Prévention" in [t.get_text() for t in ax.get_legend().get_texts()]
    t = pd.DataFrame({"k": ["x", "y"], "v": [1.0, 1000.0]})
    ax = plots.bars(t, x="k", y="v", xlabel="Valeur", ylabel="Clé", title="T", log=True).axes[0]
    assert ax.get_xscale() == "log" and ax.get_xlabel() == "Valeur"


def test_coverage_strips_one_row_per_account(colors):
    counts = pd.DataFrame({"handle": ["policia", "policia", "PNationale44"],
                           "day": [date(2014, 1, 1), date(2014, 1, 2), date(2014, 1, 2)],
                           "tweets": [30, 1, 2]})  # fmt: skip
    ax = plots.coverage_strips(counts, colors, ["PNationale44", "policia"]).axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["@PNationale44", "@policia"]
    assert ax.get_xlabel().startswith("Date") and "30" in ax.get_title(loc="left")


def test_date_axis_uses_french_month_abbreviations(colors):
    """Not "1 avri." or "25 déce.": janv., févr., mars, avr., ... déc."""
    days = [date(2013, 12, 20) + timedelta(days=i) for i in range(110)]
    daily = pd.DataFrame({"handle": "PNationale44", "date": days,
                          "followers": np.arange(110.0) + 1, "daily_gain": 1.0,
                          "observed": True})  # fmt: skip
    fig = plots.follower_curves(daily, colors)
    fig.canvas.draw()
    labels = [t.get_text() for t in fig.axes[0].get_xticklabels() if t.get_text()]
    months = {label.split(" ", 1)[1] for label in labels}
    assert months <= {"déc.", "janv.", "févr.", "mars", "avr."}, labels
    assert {"janv.", "févr."} <= months, labels


def test_an_account_without_values_is_left_out_of_the_legends(colors):
    daily = _daily()
    empty = daily[daily["handle"] == "PNationale44"].assign(
        handle="pnationale35", followers=np.nan, daily_gain=np.nan, observed=False
    )
    daily = pd.concat([daily, empty], ignore_index=True)
    indexed = daily.assign(
        index=100 * daily["followers"] / daily.groupby("handle")["followers"].transform("first")
    )
    for fig in (
        plots.follower_curves(daily, colors),
        plots.indexed_growth(indexed, colors),
        plots.daily_gains(daily, colors),
    ):
        labels = {t.get_text() for t in fig.axes[0].get_legend().get_texts()}
        assert labels == {"@policia", "@PNationale44"}


def test_indexed_curves_start_at_their_base_day(colors):
    """An account opened during the period is indexed on a later day: its curve starts
    there at 100, not below it (the days before are not drawn)."""
    daily = _daily()
    late = daily["handle"] == "PNationale44"
    base_day = daily.loc[late, "date"].iloc[10]
    indexed = daily.assign(base_date=daily["date"].iloc[0], index=100.0)
    indexed.loc[late, "base_date"] = base_day
    indexed.loc[late, "index"] = np.linspace(50, 150, late.sum())
    ax = plots.indexed_growth(indexed, colors).axes[0]
    line = next(li for li in ax.get_lines() if li.get_label() == "@PNationale44")
    y = np.asarray(line.get_ydata(), dtype=float)
    assert np.isnan(y[:10]).all() and np.isfinite(y[10:]).all()


def _xtick_labels(fig, i: int = 0) -> list[str]:
    fig.canvas.draw()
    return [t.get_text() for t in fig.axes[i].get_xticklabels() if t.get_text()]


def _one_day(day: date, n_days: int = 1) -> pd.DataFrame:
    """A ``daily_followers`` frame of an ``n_days`` period: rows ``day`` … ``day + n_days``."""
    days = [day + timedelta(days=i) for i in range(n_days + 1)]
    rows = [pd.DataFrame({"handle": handle, "date": days,
                          "followers": base + 10.0 * np.arange(n_days + 1),
                          "daily_gain": np.r_[np.nan, np.full(n_days, 10.0)], "observed": True})
            for handle, base in (("PNationale44", 900.0), ("policia", 700_000.0))]  # fmt: skip
    daily = pd.concat(rows, ignore_index=True)
    return daily.assign(index=100 * daily["followers"] / daily.groupby("handle")["followers"]
                        .transform("first"))  # fmt: skip


@pytest.mark.parametrize("day", [date(2014, 1, 14), date(2014, 3, 30)])  # 30 March: DST
@pytest.mark.parametrize("n_days", [1, 2, 3, 5])
def test_date_ticks_of_short_periods_are_distinct_days(colors, day, n_days):
    """Not « 14 janv. » six times on a one-day period: one tick a day, each label once."""
    daily = _one_day(day, n_days)
    for fig in (plots.follower_curves(daily, colors), plots.indexed_growth(daily, colors)):
        labels = _xtick_labels(fig)
        assert len(labels) >= 2 and len(set(labels)) == len(labels), labels
        assert labels[0] == plots.fr.short_day_month(day), labels


def test_date_ticks_of_a_single_day_and_of_years_are_distinct(colors):
    """A single date (coverage of a one-day period) is shown around that day, not over
    four years labelled « 1 janv. »; yearly ticks carry the year."""
    counts = pd.DataFrame({"handle": ["policia"], "day": [date(2014, 3, 30)], "tweets": [3]})
    labels = _xtick_labels(plots.coverage_strips(counts, colors, ["policia"]))
    assert "30 mars" in labels and len(set(labels)) == len(labels), labels
    days = [date(2010, 1, 1) + timedelta(days=i) for i in range(0, 5 * 365, 7)]
    daily = pd.DataFrame({"handle": "policia", "date": days, "followers": 1000.0 + np.arange(
        len(days)), "daily_gain": 1.0, "observed": False})  # fmt: skip
    labels = _xtick_labels(plots.follower_curves(daily, colors))
    assert len(labels) >= 2 and len(set(labels)) == len(labels), labels


def test_date_ticks_within_a_day_carry_the_hour():
    fig, ax = plots.new_figure()
    ax.plot(pd.to_datetime(pd.Series(["2014-03-30 00:00", "2014-03-30 18:00"])), [1, 2])
    plots._french_dates(ax)
    labels = _xtick_labels(fig)
    assert len(set(labels)) == len(labels) >= 3 and labels[0].startswith("30 mars 0 h"), labels


def _texts(ax) -> list[str]:
    return [t.get_text() for t in ax.texts]


def test_daily_gains_of_a_one_day_period_say_so(colors):
    """One day has a single gain per account: no empty plot with a legend of seven
    accounts, but a French message in the axes."""
    ax = plots.daily_gains(_one_day(date(2014, 1, 14)), colors).axes[0]
    assert ax.get_legend() is None and not ax.get_lines()
    assert any("Période trop courte" in t for t in _texts(ax)), _texts(ax)
    assert not _xtick_labels(ax.figure)
    ax = plots.daily_gains(_one_day(date(2014, 1, 14), 2), colors).axes[0]  # two days: curves
    assert ax.get_legend() is not None and not _texts(ax)


def test_growth_charts_without_any_value_say_so(colors):
    daily = _one_day(date(2014, 1, 14), 3).assign(followers=np.nan, daily_gain=np.nan, index=np.nan)
    for fig in (plots.follower_curves(daily, colors), plots.indexed_growth(daily, colors)):
        ax = fig.axes[0]
        assert ax.get_legend() is None and any("Aucun" in t for t in _texts(ax))


def test_a_lone_value_is_drawn_with_a_marker(colors):
    """An account with one value only (opened on the last day) is not an invisible line."""
    daily = _one_day(date(2014, 1, 14), 3)
    daily.loc[(daily["handle"] == "policia") & (daily.index % 4 != 3), "followers"] = np.nan
    ax = plots.follower_curves(daily, colors).axes[0]
    line = next(li for li in ax.get_lines() if li.get_label() == "@policia")
    assert line.get_marker() == "o"


def _visible_labels(ax, which: str = "y") -> list[str]:
    """Labels of the major ticks inside the view of the axis ``which``, once drawn."""
    ax.figure.canvas.draw()
    axis = ax.yaxis if which == "y" else ax.xaxis
    lo, hi = sorted(axis.get_view_interval())
    return [t.label1.get_text() for t in axis.get_major_ticks()
            if lo <= t.get_loc() <= hi and t.label1.get_text()]  # fmt: skip


@pytest.mark.parametrize("top", [101.0, 115.0, 190.0, 900.0])
def test_indexed_growth_within_a_decade_has_readable_labels(colors, top):
    """March alone (index 100 to 190) showed only « 100 » on its log axis."""
    daily = _one_day(date(2014, 3, 1), 30)
    growth = np.linspace(100.0, top, 31)
    indexed = daily.assign(index=np.r_[growth, np.linspace(100.0, 100.5, 31)])
    ax = plots.indexed_growth(indexed, colors).axes[0]
    labels = _visible_labels(ax)
    assert ax.get_yscale() == "log"
    assert len(labels) >= 3 and len(set(labels)) == len(labels), labels
    assert all(label.replace(",", "").replace("\u202f", "").isdigit() for label in labels), labels


def test_log_axes_over_decades_keep_1_2_5_labels(colors):
    ax = plots.follower_curves(_daily(), colors).axes[0]  # 500 to 700 000
    labels = _visible_labels(ax)
    assert {"1\u202f000", "2\u202f000", "5\u202f000", "100\u202f000"} <= set(labels), labels


def test_accounts_are_in_registry_order_on_every_chart(colors):
    """The engagement box plot and the hour-of-day legend listed accounts in
    case-insensitive alphabetical order (the order of their data); the tables and the
    other charts use the registry order, that of ``colors``."""
    registry_order = list(colors)
    alphabetical = sorted(colors, key=str.lower)
    assert alphabetical != registry_order
    labels = [plots._label(h) for h in registry_order]
    engagement = pd.DataFrame({"handle": np.repeat(alphabetical, 3),
                               "engagement": np.tile([1.0, 5.0, 20.0], len(alphabetical))})  # fmt: skip
    ax = plots.engagement_distribution(engagement, colors).axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == labels
    weekday = pd.DataFrame({"handle": np.repeat(alphabetical, 7),
                            "weekday": np.tile(range(7), len(alphabetical)), "tweets": 3})  # fmt: skip
    hour = pd.DataFrame({"handle": np.repeat(alphabetical, 24),
                         "hour": np.tile(range(24), len(alphabetical)), "tweets": 2})  # fmt: skip
    fig = plots.by_weekday_hour(weekday, hour, colors)
    assert [t.get_text() for t in fig.axes[1].get_legend().get_texts()] == labels
    daily = pd.concat([_one_day(date(2014, 1, 14), 3).assign(handle=h) for h in alphabetical])
    for fig in (plots.follower_curves(daily, colors), plots.daily_gains(daily, colors)):
        assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == labels
    table = pd.DataFrame({"handle": alphabetical, "rate": 1.0, "low": 0.5, "high": 2.0})
    ax = plots.medians_with_intervals(table, colors, value="rate", low="low", high="high",
                                      xlabel="Taux").axes[0]  # fmt: skip
    assert [t.get_text() for t in ax.get_yticklabels()] == labels


def _medians(rows: list[tuple[str, float, float | None, float | None]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["handle", "rate", "low", "high"])


def _medians_ax(table: pd.DataFrame, colors):
    fig = plots.medians_with_intervals(
        table, colors, value="rate", low="low", high="high", xlabel="Taux (%)"
    )
    fig.canvas.draw()
    return fig.axes[0]


def test_medians_chart_shows_intervals_from_0(colors):
    """1–20 Dec. 2013: @pnationale [0,00 ; 0,15] was cut at both ends of a log axis."""
    table = _medians([("pnationale", 0.038, 0.0, 0.152), ("policia", 0.032, 0.014, 0.104)])
    ax = _medians_ax(table, colors)
    lo, hi = ax.get_xlim()
    assert ax.get_xscale() == "linear" and "log" not in ax.get_xlabel()
    assert lo < 0.0 and hi > 0.152
    assert "0" in _visible_labels(ax, "x")


def test_medians_chart_log_axis_shows_every_bound(colors):
    table = _medians([("pnationale", 0.1, 0.02, 0.3), ("policia", 2.0, 1.0, 9.5),
                      ("PNationale44", 0.5, None, None)])  # fmt: skip
    ax = _medians_ax(table, colors)
    lo, hi = ax.get_xlim()
    assert ax.get_xscale() == "log" and lo < 0.02 and hi > 9.5
    assert len(ax.get_yticklabels()) == 3
