"""Charts of the report (matplotlib, no pyplot state).

Every function takes tidy DataFrames produced by :mod:`pilot_eval.metrics` and returns
a :class:`matplotlib.figure.Figure` built without pyplot (so nothing is shown twice in a
notebook and no GUI backend is needed). Conventions, the same on every chart:

- one colour per account everywhere (:func:`account_colors`);
- log scales where counts span orders of magnitude (followers of @policia vs the
  pilots; engagement per tweet);
- axes labelled in French, dates in French, a source line under the figure
  (:func:`add_source`).
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence
from datetime import timedelta

import matplotlib

matplotlib.use("Agg", force=False)

import matplotlib.dates as mdates  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import (  # noqa: E402
    Formatter,
    FuncFormatter,
    LogLocator,
    MaxNLocator,
    NullFormatter,
)

from pilot_eval.report import fr  # noqa: E402

#: Colours of the pilot accounts, in registry order (colour-blind-safe, Okabe–Ito).
PILOT_COLORS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
#: Fixed colours by role for the reference accounts.
ROLE_COLORS = {"national": "#1B2A49", "comparator": "#C0392B"}
#: Colours of the content categories (SPEC section 7 order).
CATEGORY_COLORS = {
    "prevention": "#0072B2",
    "appeal_witness": "#E69F00",
    "missing_person": "#CC79A7",
    "operations": "#1B2A49",
    "traffic": "#009E73",
    "recruitment": "#56B4E9",
    "institutional": "#999999",
    "community": "#F0E442",
    "other": "#DDDDDD",
}
#: Default source line.
DEFAULT_SOURCE = "Source : tweets et relevés d'abonnés ingérés par pilot_eval ; calculs pilot_eval."
FIGSIZE = (10.0, 5.0)
FONT_SIZE = 11


def account_colors(accounts: Iterable) -> dict[str, str]:
    """One colour per account, the same on every chart of a report.

    ``accounts``: registry accounts (objects with ``handle`` and ``role``) in registry
    order. Pilots take :data:`PILOT_COLORS` in order; the national account and the
    comparator take :data:`ROLE_COLORS`; any other account a grey.
    """
    colors, i = {}, 0
    for account in accounts:
        if account.role in ROLE_COLORS:
            colors[account.handle] = ROLE_COLORS[account.role]
        elif account.role == "pilot":
            colors[account.handle] = PILOT_COLORS[i % len(PILOT_COLORS)]
            i += 1
        else:
            colors[account.handle] = "#7F7F7F"
    return colors


def new_figure(figsize: tuple[float, float] = FIGSIZE, nrows: int = 1, ncols: int = 1, **kw):
    """A pyplot-free figure with an Agg canvas and its axes."""
    fig = Figure(figsize=figsize, dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    axes = fig.subplots(nrows, ncols, squeeze=True, **kw)
    for ax in np.atleast_1d(axes).ravel():
        ax.tick_params(labelsize=FONT_SIZE - 1)
        ax.grid(True, color="#e5e5e5", linewidth=0.8)
        ax.set_axisbelow(True)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
    return fig, axes


#: Characters of the source line per inch of figure width (its small type).
SOURCE_CHARS_PER_INCH = 15


def add_source(fig: Figure, text: str = DEFAULT_SOURCE) -> Figure:
    """Write the source line under the figure (bottom left, small grey type), wrapped
    to the figure's width."""
    lines = textwrap.wrap(text, width=int(fig.get_figwidth() * SOURCE_CHARS_PER_INCH))
    fig.get_layout_engine().set(h_pad=0.12 * max(len(lines), 1))  # room under the axes
    fig.text(
        0.01, 0.0, "\n".join(lines), ha="left", va="bottom", fontsize=FONT_SIZE - 3,
        color="#555555",
    )  # fmt: skip
    fig.source = text  # read back by the report's figure wrapper
    return fig


def _fr_number_formatter(decimals: int = 0) -> FuncFormatter:
    return FuncFormatter(lambda x, _pos: fr.number(x, decimals, missing=""))


def _auto_decimals(x: float) -> int:
    """Decimals a tick label of ``x`` needs for its magnitude."""
    ax_ = abs(x)
    if ax_ >= 10 or ax_ == 0:
        return 0
    return 1 if ax_ >= 1 else max(2, int(-np.floor(np.log10(ax_))) + 1)


def _fr_auto(x: float, _pos=None, *, decimals: int | None = None) -> str:
    """A tick label in French with as many decimals as the magnitude needs (or
    ``decimals``), trailing zeros dropped."""
    if not np.isfinite(x):
        return ""
    text = fr.number(x, _auto_decimals(x) if decimals is None else decimals, missing="")
    return text.rstrip("0").rstrip(",") if "," in text else text


class _FrenchNumberFormatter(Formatter):
    """Tick labels by :func:`_fr_auto`, with more decimals when labels would repeat
    (``100,2`` and ``100,4``, not ``100`` twice)."""

    def __call__(self, x: float, pos=None) -> str:
        return _fr_auto(x)

    def format_ticks(self, values) -> list[str]:
        """Labels of all ticks of the axis at once (so that they can be made distinct)."""
        labels = [_fr_auto(v) for v in values]
        for decimals in range(1, 7):
            if len(set(labels)) == len(labels):
                break
            labels = [_fr_auto(v, decimals=max(decimals, _auto_decimals(v))) for v in values]
        return labels


class _ReadableLogLocator(LogLocator):
    """Log ticks at 1, 2 and 5 of each decade; when fewer than 3 of them fall in the
    view (values within a factor of about 10, e.g. an index from 100 to 180), evenly
    spaced round values instead (100, 120, 140 …) so that the curves can be read."""

    def __init__(self) -> None:
        super().__init__(base=10, subs=(1.0, 2.0, 5.0))

    def tick_values(self, vmin: float, vmax: float) -> np.ndarray:
        """Tick values of the view ``vmin``–``vmax``."""
        ticks = super().tick_values(vmin, vmax)
        lo, hi = sorted((vmin, vmax))
        if np.count_nonzero((ticks >= lo) & (ticks <= hi)) >= 3 or not 0 < lo < hi:
            return ticks
        linear = MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]).tick_values(lo, hi)
        return linear[linear > 0]


def log_axis(ax, which: str = "y") -> None:
    """Log scale with French labels at 1, 2 and 5 of each decade, no scientific notation;
    round values in between when the axis spans less than about a decade."""
    axis = ax.yaxis if which == "y" else ax.xaxis
    (ax.set_yscale if which == "y" else ax.set_xscale)("log")
    axis.set_major_locator(_ReadableLogLocator())
    axis.set_major_formatter(_FrenchNumberFormatter())
    axis.set_minor_formatter(NullFormatter())


#: Spans (in days) up to which a date axis has one tick a day: the automatic locator
#: would choose hours there, and the series are daily.
SHORT_SPAN_DAYS = 5


class _FrenchDateLocator(mdates.AutoDateLocator):
    """Automatic date ticks, but one a day on spans of 1 to :data:`SHORT_SPAN_DAYS` days."""

    def __init__(self) -> None:
        super().__init__(minticks=4, maxticks=9)

    def get_locator(self, dmin, dmax):
        """The locator of the span ``dmin``–``dmax`` (datetimes)."""
        if timedelta(days=1) <= abs(dmax - dmin) <= timedelta(days=SHORT_SPAN_DAYS):
            locator = mdates.DayLocator(tz=self.tz)
            locator.set_axis(self.axis)
            return locator
        return super().get_locator(dmin, dmax)


class _FrenchDateFormatter(Formatter):
    """Dates in French (``14 janv.``) whose labels on one axis are always distinct: the
    hour is added when a tick is not at midnight (``14 janv. 6 h``), the year when
    labels still repeat (``1 janv. 2014``)."""

    def __call__(self, x: float, pos=None) -> str:
        return self.format_ticks([x])[0]

    def format_ticks(self, values) -> list[str]:
        """Labels of all ticks of the axis at once (so that they can be made distinct)."""
        when = [mdates.num2date(v) for v in values]
        hours = any((w.hour, w.minute) != (0, 0) for w in when)
        labels = [_fr_date(w, hours=hours) for w in when]
        if len(set(labels)) < len(labels):
            labels = [_fr_date(w, hours=hours, year=True) for w in when]
        return labels


def _fr_date(when, *, hours: bool = False, year: bool = False) -> str:
    """``14 janv.``, ``14 janv. 6 h``, ``14 janv. 6 h 30``, ``1 janv. 2014``."""
    text = _short_fr(when) + (f" {when.year}" if year else "")
    if hours:
        text += f" {when.hour} h" + (f" {when.minute:02d}" if when.minute else "")
    return text


def _french_dates(ax) -> None:
    """French date ticks with distinct labels; a single day is shown ± 1 day (not the
    ± 2 years matplotlib gives a single date)."""
    x0, x1 = ax.dataLim.intervalx
    if np.isfinite([x0, x1]).all() and x0 == x1:
        ax.set_xlim(x0 - 1, x1 + 1)
    ax.xaxis.set_major_locator(_FrenchDateLocator())
    ax.xaxis.set_major_formatter(_FrenchDateFormatter())


def _short_fr(when) -> str:
    return fr.short_day_month(when)


def _label(handle: str) -> str:
    return "@" + handle


def _registry_order(handles: Iterable, colors: dict[str, str]) -> list[str]:
    """The distinct ``handles`` in registry order, which is the order of ``colors``
    (:func:`account_colors`); handles without a colour follow, in their order."""
    rank = {h: i for i, h in enumerate(colors)}
    distinct = dict.fromkeys(h for h in handles if isinstance(h, str))
    return sorted(distinct, key=lambda h: rank.get(h, len(rank)))


def _by_account(frame: pd.DataFrame, colors: dict[str, str]) -> list[tuple[str, pd.DataFrame]]:
    """``(handle, rows)`` of each account of ``frame``, in registry order."""
    groups = dict(tuple(frame.groupby("handle", sort=False)))
    return [(h, groups[h]) for h in _registry_order(groups, colors)]


def _nothing_to_draw(y: np.ndarray) -> bool:
    """True when no value of ``y`` can be drawn: an account without data is left out
    of a chart and of its legend (the report says « pas de données » for it)."""
    return not np.isfinite(y).any()


def _plot_series(ax, x, y: np.ndarray, color: str, label: str) -> None:
    """A curve of one account; a lone value (no neighbour to join) gets a marker."""
    marker = "o" if np.isfinite(y).sum() == 1 else None
    ax.plot(x, y, color=color, linewidth=2, marker=marker, label=label)


def _legend_or_message(ax, message: str) -> None:
    """The accounts' legend beside the axes; without any curve, ``message`` (French)
    in the axes instead, no ticks and no legend."""
    if ax.get_legend_handles_labels()[0]:
        ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False)
    else:
        say_nothing_to_draw(ax, message)


def say_nothing_to_draw(ax, message: str) -> None:
    """Write ``message`` in the middle of empty axes and remove their ticks and grid."""
    ax.set_xticks([])
    ax.set_yticks([])
    ax.minorticks_off()
    ax.grid(False)
    ax.text(0.5, 0.5, message, transform=ax.transAxes, ha="center", va="center",
            fontsize=FONT_SIZE + 1, color="#555555", wrap=True)  # fmt: skip


#: Message of a growth chart without any curve.
NO_FOLLOWERS = "Aucun relevé d'abonnés à représenter sur la période"


def _spans_orders(values: Sequence[float], orders: float = 1.5) -> bool:
    v = np.asarray([x for x in values if x is not None and np.isfinite(x) and x > 0])
    return v.size > 1 and np.log10(v.max() / v.min()) >= orders


# ---------------------------------------------------------------- growth


def follower_curves(
    daily: pd.DataFrame, colors: dict[str, str], *, log: bool | None = None
) -> Figure:
    """Followers per day and account (``daily_followers`` output); log y by default
    when the accounts span more than 1.5 orders of magnitude. Observed days are dotted."""
    fig, ax = new_figure()
    for handle, group in _by_account(daily, colors):
        x = pd.to_datetime(pd.Series(group["date"]).astype("string"))
        y = group["followers"].astype("float64").to_numpy()
        y_plot = np.where(y > 0, y, np.nan) if log is not False else y
        if _nothing_to_draw(y_plot):
            continue
        color = colors.get(handle, "#7F7F7F")
        _plot_series(ax, x, y_plot, color, _label(handle))
        obs = group["observed"].to_numpy(dtype=bool) if "observed" in group else None
        if obs is not None and obs.any():
            ax.plot(x[obs], y_plot[obs], "o", color=color, markersize=3, alpha=0.7)
    use_log = _spans_orders(daily["followers"].astype("float64").tolist()) if log is None else log
    if use_log:
        log_axis(ax, "y")
    else:
        ax.yaxis.set_major_formatter(_fr_number_formatter())
    ax.set_ylabel("Abonnés" + (" (échelle logarithmique)" if use_log else ""))
    ax.set_xlabel("Date (heure de Paris)")
    ax.set_title("Nombre d'abonnés par compte", loc="left", fontsize=FONT_SIZE + 2)
    _french_dates(ax)
    _legend_or_message(ax, NO_FOLLOWERS)
    return add_source(fig, DEFAULT_SOURCE + " Points : jours avec un relevé.")


def indexed_growth(indexed: pd.DataFrame, colors: dict[str, str]) -> Figure:
    """Growth indexed to 100 at each account's base day (``indexed_growth`` output), log y."""
    fig, ax = new_figure()
    for handle, group in _by_account(indexed, colors):
        x = pd.to_datetime(pd.Series(group["date"]).astype("string"))
        y = group["index"].astype("float64").to_numpy()
        base_date = group["base_date"].iloc[0] if "base_date" in group else None
        if base_date is not None and not pd.isna(base_date):  # each curve starts at 100
            y = np.where((group["date"] >= base_date).to_numpy(), y, np.nan)
        y_plot = np.where(y > 0, y, np.nan)
        if _nothing_to_draw(y_plot):
            continue
        _plot_series(ax, x, y_plot, colors.get(handle, "#7F7F7F"), _label(handle))
    ax.axhline(100, color="#888888", linewidth=1, linestyle="--")
    log_axis(ax, "y")
    ax.set_ylabel("Indice (base 100, échelle log.)")
    ax.set_xlabel("Date (heure de Paris)")
    ax.set_title("Croissance relative des abonnés (base 100)", loc="left", fontsize=FONT_SIZE + 2)
    _french_dates(ax)
    _legend_or_message(ax, NO_FOLLOWERS)
    return add_source(
        fig,
        DEFAULT_SOURCE + " Base : début de période ; pour un compte ouvert pendant la "
        "période, fin du jour de son premier relevé d'abonnés.",
    )


def daily_gains(daily: pd.DataFrame, colors: dict[str, str], *, window: int = 7) -> Figure:
    """Daily follower gains, ``window``-day rolling mean per account, log y. A period
    with fewer than two days of gains (one day) has no curve: the chart says so."""
    fig, ax = new_figure()
    gain_days = daily.loc[daily["daily_gain"].notna(), "date"].nunique()
    groups = _by_account(daily, colors) if gain_days >= 2 else []
    for handle, group in groups:
        x = pd.to_datetime(pd.Series(group["date"]).astype("string"))
        gain = group["daily_gain"].astype("float64").rolling(window, min_periods=1).mean()
        y = gain.to_numpy()
        y_plot = np.where(y > 0, y, np.nan)
        if _nothing_to_draw(y_plot):
            continue
        _plot_series(ax, x, y_plot, colors.get(handle, "#7F7F7F"), _label(handle))
    log_axis(ax, "y")
    ax.set_ylabel(f"Abonnés gagnés par jour (moyenne sur {window} jours, échelle log.)")
    ax.set_xlabel("Date (heure de Paris)")
    ax.set_title("Gains quotidiens d'abonnés", loc="left", fontsize=FONT_SIZE + 2)
    _french_dates(ax)
    _legend_or_message(
        ax,
        "Période trop courte pour des gains quotidiens (il faut au moins deux jours)"
        if gain_days < 2
        else "Aucun gain d'abonnés à représenter sur la période",
    )
    return add_source(fig)


# ---------------------------------------------------------------- engagement


def engagement_distribution(
    frame: pd.DataFrame, colors: dict[str, str], *, column: str = "engagement",
    label: str = "Engagement par tweet (retweets + j'aime + réponses + citations)",
) -> Figure:  # fmt: skip
    """Box plots per account of a per-tweet value (``tweet_engagement`` output), on a
    symmetric-log x axis (linear below 1, so tweets with 0 engagement are shown)."""
    handles = _registry_order(frame["handle"], colors)
    fig, ax = new_figure((10.0, 0.55 * max(len(handles), 3) + 1.6))
    data = [
        frame.loc[frame["handle"] == h, column].dropna().astype("float64").to_numpy()
        for h in handles
    ]
    keep = [i for i, d in enumerate(data) if d.size]
    if keep:
        box = ax.boxplot([data[i] for i in keep], orientation="horizontal", patch_artist=True,
                         widths=0.6, showfliers=True,
                         flierprops={"markersize": 2, "alpha": 0.4})  # fmt: skip
        for patch, i in zip(box["boxes"], keep, strict=True):
            patch.set_facecolor(colors.get(handles[i], "#7F7F7F"))
            patch.set_alpha(0.75)
        for med in box["medians"]:
            med.set_color("black")
        ax.set_yticks(range(1, len(keep) + 1), [_label(handles[i]) for i in keep])
        ax.invert_yaxis()
    ax.set_xscale("symlog", linthresh=1)
    ax.set_xlim(left=0)  # engagement is never negative
    ax.xaxis.set_major_formatter(_fr_number_formatter())
    ax.set_xlabel(label + " — échelle logarithmique")
    ax.set_ylabel("Compte")
    ax.set_title("Distribution de l'engagement par tweet", loc="left", fontsize=FONT_SIZE + 2)
    return add_source(fig, DEFAULT_SOURCE + " Boîtes : quartiles ; trait noir : médiane.")


def medians_with_intervals(
    table: pd.DataFrame, colors: dict[str, str], *, value: str, low: str, high: str, xlabel: str,
    log: bool = True,
) -> Figure:  # fmt: skip
    """Point and 95 % interval per account (one row per ``handle``), log x by default.

    The x axis shows every point and every bound. A value or bound of 0 cannot be on a
    log axis: the chart is then linear, from 0."""
    t = table.dropna(subset=[value])
    t = t.set_index("handle", drop=False).loc[_registry_order(t["handle"], colors)]
    t = t.reset_index(drop=True)
    fig, ax = new_figure((10.0, 0.5 * max(len(t), 3) + 1.6))
    for i, row in t.iterrows():
        c = colors.get(row["handle"], "#7F7F7F")
        lo, hi = row.get(low), row.get(high)
        if pd.notna(lo) and pd.notna(hi):
            ax.plot([lo, hi], [i, i], color=c, linewidth=3, alpha=0.6)
        ax.plot([row[value]], [i], "o", color=c, markersize=8)
    ax.set_yticks(range(len(t)), [_label(h) for h in t["handle"]])
    ax.invert_yaxis()
    shown = pd.concat([pd.to_numeric(t[c], errors="coerce") for c in (value, low, high) if c in t])
    shown = shown[np.isfinite(shown)].to_numpy(dtype="float64")
    use_log = log and shown.size > 0 and bool((shown > 0).all())
    if use_log:
        log_axis(ax, "x")
    else:
        ax.xaxis.set_major_formatter(_FrenchNumberFormatter())
    if shown.size:
        ax.set_xlim(*_limits_showing(shown, log=use_log))
    ax.set_xlabel(xlabel + (" (échelle log.)" if ax.get_xscale() == "log" else ""))
    ax.set_ylabel("Compte")
    ax.set_title("Médianes et intervalles de confiance à 95 %", loc="left", fontsize=FONT_SIZE + 2)
    return add_source(fig, DEFAULT_SOURCE + " Intervalles : bootstrap (percentiles).")


def _limits_showing(values: np.ndarray, *, log: bool, margin: float = 0.05) -> tuple[float, float]:
    """Axis limits showing all ``values`` with a ``margin`` (share of the axis) each side;
    a linear axis also shows 0."""
    lo, hi = float(values.min()), float(values.max())
    if log:
        pad = max((hi / lo) ** margin, 1.1)
        return lo / pad, hi * pad
    lo, hi = min(lo, 0.0), max(hi, 0.0)
    pad = margin * (hi - lo) or 1.0
    return lo - pad, hi + pad


def by_weekday_hour(weekday: pd.DataFrame, hour: pd.DataFrame, colors: dict[str, str]) -> Figure:
    """Tweets per weekday and per hour (local time) for each account (``by_weekday_hour`` outputs)."""
    fig, (ax1, ax2) = new_figure((11.0, 4.6), 1, 2)
    for handle, g in _by_account(weekday, colors):
        ax1.plot(g["weekday"], g["tweets"], marker="o", color=colors.get(handle, "#7F7F7F"),
                 label=_label(handle))  # fmt: skip
    ax1.set_xticks(range(7), [fr.weekday_name(i, short=True) for i in range(7)])
    ax1.set_xlabel("Jour de la semaine (heure locale)")
    ax1.set_ylabel("Tweets publiés")
    for handle, g in _by_account(hour, colors):
        ax2.plot(g["hour"], g["tweets"], color=colors.get(handle, "#7F7F7F"), label=_label(handle))
    ax2.set_xticks(range(0, 24, 3), [f"{h} h" for h in range(0, 24, 3)])
    ax2.set_xlabel("Heure de publication (heure locale)")
    ax2.set_ylabel("Tweets publiés")
    for ax in (ax1, ax2):
        if _spans_orders(weekday["tweets"].astype("float64").tolist()):
            ax.set_yscale("symlog", linthresh=1)
        else:
            ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.yaxis.set_major_formatter(_fr_number_formatter())
    ax2.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False, fontsize=FONT_SIZE - 2)
    fig.suptitle("Rythme de publication", x=0.01, ha="left", fontsize=FONT_SIZE + 2)
    return add_source(fig)


def bars(
    table: pd.DataFrame, *, x: str, y: str, color: str | dict | None = None, xlabel: str,
    ylabel: str, title: str, log: bool = False, decimals: int = 1,
) -> Figure:  # fmt: skip
    """Horizontal bars of ``y`` per ``x`` (one row per bar), labelled in French."""
    t = table.reset_index(drop=True)
    fig, ax = new_figure((10.0, 0.45 * max(len(t), 3) + 1.6))
    if isinstance(color, dict):
        cols = [color.get(k, "#7F7F7F") for k in t[x]]
    else:
        cols = color or "#1f4e79"
    values = t[y].astype("float64").fillna(0)
    ax.barh(range(len(t)), values, color=cols)
    ax.set_yticks(range(len(t)), [str(v) for v in t[x]])
    ax.invert_yaxis()
    for i, v in enumerate(values):
        ax.annotate(fr.number(v, decimals), (v, i), xytext=(3, 0), textcoords="offset points",
                    va="center", fontsize=FONT_SIZE - 2)  # fmt: skip
    if log and (values > 0).all():
        log_axis(ax, "x")
    else:
        ax.xaxis.set_major_formatter(_fr_number_formatter(decimals))
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title, loc="left", fontsize=FONT_SIZE + 2)
    return add_source(fig)


# ---------------------------------------------------------------- content


def category_mix(shares: pd.DataFrame, labels: dict[str, str] | None = None) -> Figure:
    """Stacked horizontal bars: share of each category per account (rows = handles,
    columns = categories, values in [0, 1], e.g. ``content.category_share``)."""
    labels = labels or {}
    s = shares.dropna(how="all").fillna(0.0)
    fig, ax = new_figure((10.0, 0.5 * max(len(s), 3) + 2.2))
    left = np.zeros(len(s))
    for cat in s.columns:
        v = 100 * s[cat].to_numpy(dtype="float64")
        ax.barh(range(len(s)), v, left=left, color=CATEGORY_COLORS.get(cat, "#7F7F7F"),
                label=labels.get(cat, cat), edgecolor="white", linewidth=0.5)  # fmt: skip
        for i, (lo, w) in enumerate(zip(left, v, strict=True)):
            if w >= 7:
                ax.text(lo + w / 2, i, fr.number(w, 0), ha="center", va="center",
                        fontsize=FONT_SIZE - 3, color="white" if cat in ("operations", "prevention") else "black")  # fmt: skip
        left += v
    ax.set_yticks(range(len(s)), [_label(h) for h in s.index])
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("Part des tweets (%, hors retweets)")
    ax.set_ylabel("Compte")
    ax.set_title("Répartition des contenus par catégorie", loc="left", fontsize=FONT_SIZE + 2)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=5, frameon=False,
              fontsize=FONT_SIZE - 2)  # fmt: skip
    return add_source(fig, DEFAULT_SOURCE + " Catégories : classifieur pilot_eval.")


# ---------------------------------------------------------------- coverage


def coverage_strips(counts: pd.DataFrame, colors: dict[str, str], handles: Sequence[str]) -> Figure:
    """One strip per account: a mark on each local day with tweets, its area
    proportional to the number of tweets (``counts``: ``handle``, ``day``, ``tweets``)."""
    fig, ax = new_figure((10.0, 0.45 * max(len(handles), 3) + 1.8))
    top = float(counts["tweets"].max()) if len(counts) else 1.0
    for i, handle in enumerate(handles):
        g = counts[counts["handle"] == handle]
        if g.empty:
            continue
        x = pd.to_datetime(pd.Series(g["day"]).astype("string"))
        sizes = 8 + 120 * g["tweets"].astype("float64").to_numpy() / top
        ax.scatter(x, np.full(len(g), i), s=sizes, color=colors.get(handle, "#7F7F7F"), alpha=0.75,
                   linewidths=0)  # fmt: skip
    ax.set_yticks(range(len(handles)), [_label(h) for h in handles])
    ax.set_ylim(len(handles) - 0.5, -0.5)
    ax.set_xlabel("Date (heure de Paris)")
    ax.set_ylabel("Compte")
    ax.set_title(
        f"Jours couverts par des tweets (taille : nombre de tweets du jour, maximum {fr.integer(top)})",
        loc="left", fontsize=FONT_SIZE + 1,
    )  # fmt: skip
    _french_dates(ax)
    return add_source(fig)
