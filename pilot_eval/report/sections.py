"""The building blocks of the notebooks: one call per cell, French output.

A notebook creates a :class:`Context` with :func:`load_context` (its parameters) and
calls the functions below, each returning something Jupyter displays: an
:class:`IPython.display.HTML` block built from escaped text, or a :class:`Chart` (a
PNG). Numbers come from :mod:`pilot_eval.metrics` (never recomputed here); text from
the data is pseudonymised (:mod:`pilot_eval.report.privacy`) and escaped.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path

import pandas as pd
from IPython.display import HTML

from pilot_eval import plots
from pilot_eval.registry import Registry, load_registry
from pilot_eval.report import findings as F
from pilot_eval.report import fr
from pilot_eval.report.privacy import Pseudonymiser, escape, load_key
from pilot_eval.report.run import CATEGORIES_FILE

CATEGORY_LABELS_FALLBACK = {
    "prevention": "Prévention",
    "appeal_witness": "Appels à témoins",
    "missing_person": "Disparitions",
    "operations": "Résultats d'enquêtes",
    "traffic": "Circulation",
    "recruitment": "Recrutement",
    "institutional": "Institutionnel",
    "community": "Proximité et humour",
    "other": "Autres",
}
KIND_LABELS = {
    "original": "Tweet original",
    "reply": "Réponse",
    "quote": "Citation",
    "retweet": "Retweet",
}
#: French names of the ingestion formats (``source`` column of the tables).
SOURCE_LABELS = {
    "snscrape": "Collecte snscrape (tweets et profils)",
    "twarc2": "API Twitter v2 (twarc2)",
    "twarc_csv": "API Twitter v2, export CSV (twarc-csv)",
    "archive": "Archive de compte Twitter",
    "analytics": "Export Twitter Analytics",
    "followers_csv": "Relevés d'abonnés (CSV)",
    "datecount": "Historique d'abonnés (pages archivées, relevés manuels)",
    "sample_params": "Paramètres de l'échantillon simulé",
}
ROLE_LABELS = {
    "pilot": "pilote",
    "national": "national",
    "comparator": "comparaison",
    "impostor": "usurpateur",
}


def category_labels() -> dict[str, str]:
    """French labels of the content categories (from :mod:`pilot_eval.classify`)."""
    try:
        from pilot_eval.classify.categories import CATEGORY_LABELS_FR
    except ImportError:
        return dict(CATEGORY_LABELS_FALLBACK)
    return {**CATEGORY_LABELS_FALLBACK, **CATEGORY_LABELS_FR}


class Chart:
    """A matplotlib figure displayed as an embedded PNG (no pyplot, no duplicates).

    ``alt``: the image's text for screen readers and when images are blocked (French);
    by default made from the figure's title and axis labels (:func:`figure_alt`).
    """

    def __init__(self, fig, dpi: int = 100, *, alt: str | None = None) -> None:
        self.fig, self.dpi = fig, dpi
        self.alt = alt or figure_alt(fig)

    def _repr_png_(self) -> tuple[bytes, dict]:
        buf = io.BytesIO()
        self.fig.savefig(buf, format="png", dpi=self.dpi, facecolor="white")
        return buf.getvalue(), {"alt": self.alt}


def figure_alt(fig) -> str:
    """``Graphique : <title> (axe horizontal : <x> ; axe vertical : <y>)`` of a figure."""
    suptitle = fig._suptitle.get_text() if getattr(fig, "_suptitle", None) else ""
    axes = fig.get_axes()
    titles = [suptitle] if suptitle else [ax.get_title(loc="left") or ax.get_title() for ax in axes]
    title = next((t for t in titles if t), "graphique du rapport")
    text = f"Graphique : {title}"
    if axes:
        x, y = axes[0].get_xlabel(), axes[0].get_ylabel()
        bits = [f"axe horizontal : {x}" if x else "", f"axe vertical : {y}" if y else ""]
        bits = [b for b in bits if b]
        if bits:
            text += f" ({' ; '.join(bits)})"
    return text


# ---------------------------------------------------------------- context


@dataclass
class Context:
    """Everything a notebook needs, computed lazily and once."""

    start: date
    end: date
    data_dir: Path
    registry: Registry
    focus: list[str]
    kpis_file: Path | None = None

    @cached_property
    def tables(self):
        """The canonical tables (:func:`pilot_eval.tables.load`)."""
        from pilot_eval.tables import load

        return load(self.data_dir)

    @property
    def simulated(self) -> bool:
        """True when the data is the bundled simulated sample."""
        return self.tables.simulated

    @cached_property
    def kpis(self) -> dict:
        """The KPIs of SPEC section 6, as ``pilot-eval kpis --format json`` gives them.

        Read from ``kpis_file`` (written once by ``pilot-eval report``) when it is given
        and covers the same period; computed otherwise.
        """
        import json

        from pilot_eval.report.run import compute_report_kpis

        if self.kpis_file is not None and self.kpis_file.exists():
            kpis = json.loads(self.kpis_file.read_text(encoding="utf-8"))
            period = kpis.get("period", {})
            if (
                period.get("start") == self.start.isoformat()
                and period.get("end") == self.end.isoformat()
            ):
                return kpis

        kpis, _ = compute_report_kpis(self.data_dir, self.registry, self.start, self.end)
        return kpis

    @cached_property
    def period_tweets(self) -> pd.DataFrame:
        """Tweets of the period of measured accounts, with their ``category``."""
        from pilot_eval.metrics.engagement import period_tweets

        period = period_tweets(self.tables.tweets, self.registry, self.start, self.end)
        cached = self.kpis_file.with_name(CATEGORIES_FILE) if self.kpis_file else None
        if cached is not None and cached.exists() and not period.empty:
            cats = pd.read_parquet(cached)
            mapping = pd.Series(cats["category"].to_numpy(), index=cats["tweet_id"].to_numpy())
            if period["tweet_id"].isin(mapping.index).all():
                return period.assign(category=period["tweet_id"].map(mapping).astype("string"))
        from pilot_eval.metrics.kpis import with_categories  # scipy, statsmodels, the model

        return with_categories(period, self.data_dir)[0]

    @cached_property
    def engagement(self) -> pd.DataFrame:
        """Per-tweet engagement table (``metrics.engagement.tweet_engagement``)."""
        from pilot_eval.metrics.engagement import tweet_engagement

        return tweet_engagement(
            self.period_tweets, self.tables.followers, self.registry, self.start, self.end
        )

    @cached_property
    def daily(self) -> pd.DataFrame:
        """Daily follower series (``metrics.followers.daily_followers``)."""
        from pilot_eval.metrics.followers import daily_followers

        return daily_followers(self.tables.followers, self.registry, self.start, self.end)

    @cached_property
    def colors(self) -> dict[str, str]:
        """One colour per account (:func:`pilot_eval.plots.account_colors`)."""
        return plots.account_colors(self.registry.measured())

    @cached_property
    def pseudonymiser(self) -> Pseudonymiser:
        """Private handles → stable pseudonyms, keyed per data directory."""
        return Pseudonymiser(self.registry, load_key(self.data_dir))

    @cached_property
    def no_data(self) -> set[str]:
        """Measured accounts of which the data set holds nothing at all
        (:func:`pilot_eval.tables.accounts_without_data`): their KPIs say 0
        tweets; the report says "pas de données" instead."""
        from pilot_eval.tables import accounts_without_data

        empty = accounts_without_data(self.tables.tweets, self.tables.followers, self.registry)
        return {h for h in self.measured() if h in empty}

    def measured(self) -> list[str]:
        """Handles of the measured accounts present in the KPIs, registry order."""
        return [a.handle for a in self.registry.measured() if a.handle in self.kpis["accounts"]]


def load_context(
    *, start: str, end: str, data_dir: str, accounts: str | None = None,
    focus: list[str] | None = None, kpis_file: str | None = None, ensure: bool = True,
) -> Context:  # fmt: skip
    """The :class:`Context` of a notebook from its parameters.

    ``data_dir`` relative paths are taken from the working directory (``notebooks/`` in
    JupyterLab, so the default ``"../data"`` is the repository's ``data/``). With
    ``ensure``, a data directory without tables is filled as ``pilot-eval report`` does
    (ingest raw data, or write and ingest the simulated sample). ``kpis_file``: the
    ``kpis.json`` of the run, so that the KPIs are computed once per report; the
    notebooks of a run that share a kernel then share the context (``_RUN_CONTEXTS``).
    """
    key = (str(start), str(end), str(data_dir), accounts, tuple(focus or ()), kpis_file)
    if kpis_file and key in _RUN_CONTEXTS:
        return _RUN_CONTEXTS[key]
    registry = load_registry(accounts)
    path = Path(data_dir).resolve()
    if ensure:
        from pilot_eval.report.run import ensure_processed

        ensure_processed(path, registry, progress=False)
    handles = (
        [registry.require(h).handle for h in focus]
        if focus
        else [a.handle for a in registry.by_role("pilot")]
    )
    kpis_path = Path(kpis_file).resolve() if kpis_file else None
    ctx = Context(
        date.fromisoformat(str(start)),
        date.fromisoformat(str(end)),
        path,
        registry,
        handles,
        kpis_path,
    )
    if kpis_file:
        _RUN_CONTEXTS[key] = ctx
    return ctx


#: Contexts of report runs, by parameters. ``pilot-eval report`` executes several
#: notebooks in one kernel with the same ``kpis_file`` (new for every run): they share
#: one context, so the tables are read and the series computed once per kernel. Without
#: ``kpis_file`` (an analyst in JupyterLab) every call reads the data afresh.
_RUN_CONTEXTS: dict[tuple, Context] = {}


# ---------------------------------------------------------------- HTML helpers


def html_table(
    frame: pd.DataFrame,
    *,
    numeric: list[str] | None = None,
    caption: str | None = None,
    wide: bool = False,
) -> str:
    """An HTML table of ``frame`` whose cells are already formatted; every cell escaped.

    ``wide``: a table of many columns, set smaller and allowed to wrap inside its cells
    so that it fits the page (and the printed page) without a horizontal scroll.
    """
    numeric = set(numeric or [])
    head = "".join(f"<th>{escape(c)}</th>" for c in frame.columns)
    rows = []
    for rec in frame.itertuples(index=False):
        cells = "".join(
            f'<td class="num">{escape(v)}</td>' if col in numeric else f"<td>{escape(v)}</td>"
            for col, v in zip(frame.columns, rec, strict=True)
        )
        rows.append(f"<tr>{cells}</tr>")
    cap = f"<caption>{escape(caption)}</caption>" if caption else ""
    cls = ' class="wide"' if wide else ""
    return f"<table{cls}>{cap}<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def paragraphs(sentences: list[str], *, as_list: bool = True) -> HTML:
    """Sentences (plain text) as an escaped list or paragraphs."""
    if as_list:
        items = "".join(f'<li class="finding">{escape(s)}</li>' for s in sentences)
        return HTML(f"<ul>{items}</ul>")
    return HTML("".join(f"<p>{escape(s)}</p>" for s in sentences))


def _handle(h: str) -> str:
    return "@" + h


# ---------------------------------------------------------------- summary


def period_intro(ctx: Context) -> HTML:
    """One paragraph: the period, the accounts, the data (simulated or not)."""
    k = ctx.kpis
    data = k.get("data", {})
    text = (
        f"Période analysée : {fr.period(ctx.start, ctx.end)} (heure de Paris). "
        f"{fr.plural(len(ctx.measured()), 'compte mesuré', 'comptes mesurés')}, dont "
        f"{fr.plural(len(ctx.registry.by_role('pilot')), 'compte pilote', 'comptes pilotes')} ; "
        f"{fr.plural(data.get('tweets_in_period', 0), 'tweet')} dans la période."
    )
    if ctx.simulated:
        text += " Les données sont simulées (échantillon fourni avec pilot_eval)."
    html = f"<p>{escape(text)}</p>"
    outside = data_outside_period(ctx)
    if outside:
        html += f'<p class="note"><strong>Attention :</strong> {escape(outside)}</p>'
    return HTML(html)


def data_outside_period(ctx: Context) -> str | None:
    """A French sentence when the period reaches outside the data collected (before the
    first tweet or snapshot, after the last collection), else None: the days without
    data count as days without tweets or new followers in the per-day figures."""
    from pilot_eval.tables import data_days

    first, last = data_days(ctx.tables.tweets, ctx.tables.followers)
    parts = []
    if first is not None and ctx.start < first:
        parts.append(f"commence avant les premières données collectées ({fr.long_date(first)})")
    if last is not None and ctx.end > last:
        parts.append(f"se termine après la dernière collecte ({fr.long_date(last)})")
    if not parts:
        return None
    return (
        f"la période {' et '.join(parts)} ; les jours sans données y comptent comme des jours "
        "sans tweet ni nouvel abonné : les nombres de tweets et les moyennes par jour sont "
        "sous-estimés, et un 0 ne signifie pas une absence d'activité."
    )


def _left_out(pilots: list[str], values: dict[str, object]) -> str:
    """``3 comptes sur 5 non calculables (@a, @b, @c)``: the pilots a total leaves out."""
    out = [h for h in pilots if fr.is_missing(values.get(h))]
    if not out:
        return ""
    n = len(out)
    return (
        f"{fr.integer(n)} compte{'s' if n > 1 else ''} sur {fr.integer(len(pilots))} "
        f"non calculable{'s' if n > 1 else ''} ({', '.join('@' + h for h in out)})"
    )


def kpi_cards(ctx: Context) -> HTML:
    """Headline numbers of the pilot cohort as cards.

    A total over the pilots says, on its card, which pilots it leaves out (their value
    is null) and, for tweets, which pilots have no data at all; no total is shown when
    every value is null.
    """
    acc = ctx.kpis["accounts"]
    pilots = [h for h in ctx.measured() if acc[h]["role"] == "pilot"]
    ends = {h: acc[h].get("followers_end") for h in pilots}
    gains = {h: acc[h].get("follower_gain") for h in pilots}
    with_data = [h for h in pilots if h not in ctx.no_data]
    tweets = sum(acc[h].get("tweets") or 0 for h in with_data)
    no_data = [h for h in pilots if h in ctx.no_data]

    def total(values: dict, fmt) -> str:
        known = [v for v in values.values() if not fr.is_missing(v)]
        return fmt(sum(known)) if known else fr.MISSING

    cards = [
        (fr.integer(len(pilots)), "comptes pilotes", ""),
        (total(ends, fr.integer), "abonnés des pilotes en fin de période", _left_out(pilots, ends)),
        (total(gains, fr.signed), "abonnés gagnés par les pilotes", _left_out(pilots, gains)),
        (
            fr.integer(tweets) if with_data else fr.NO_DATA,
            "tweets publiés par les pilotes",
            f"{fr.NO_DATA} pour {', '.join('@' + h for h in no_data)}" if no_data else "",
        ),
    ]
    body = "".join(
        f'<div class="kpi-card"><div class="v">{escape(v)}</div><div class="l">{escape(label)}</div>'
        + (f'<div class="caveat">{escape(note)}</div>' if note else "")
        + "</div>"
        for v, label, note in cards
    )
    return HTML(f'<div class="kpi-cards">{body}</div>')


def _rate_with_n(k: dict, *, missing: str = fr.MISSING) -> str:
    """``0,22 % (n = 285)``: a median engagement rate and the tweets it rests on,
    ``fragile`` below :data:`pilot_eval.report.findings.FRAGILE_N` tweets."""
    rate = k.get("median_engagement_rate_pct")
    if fr.is_missing(rate):
        return missing
    n = k.get("n_engagement_rate")
    if fr.is_missing(n):
        return fr.percent(rate, 2)
    fragile = ", fragile" if n < F.FRAGILE_N else ""
    return f"{fr.percent(rate, 2)} (n{fr.NBSP}={fr.NBSP}{fr.integer(n)}{fragile})"


#: Columns of :func:`summary_frame`.
SUMMARY_COLUMNS = [
    "Compte", "Rôle", "Jours", "Abonnés début", "Abonnés fin", "Gain / jour", "Tweets",
    "Tweets / jour", "Engagement médian [IC 95\u00a0%]", "Engagement / abonnés (médiane)",
]  # fmt: skip


def summary_frame(ctx: Context) -> pd.DataFrame:
    """The executive KPI table, one row per measured account, values formatted in French.

    Null values read :data:`pilot_eval.report.fr.MISSING_SHORT` (explained in the
    caption); an account without any data reads "pas de données" (not 0 tweets) and "—"
    elsewhere; an engagement whose counts are missing from the source is marked "†"
    (the caption says which counts).
    """
    na = fr.MISSING_SHORT
    rows = []
    for h in ctx.measured():
        k = ctx.kpis["accounts"][h]
        role = ROLE_LABELS.get(k.get("role"), k.get("role"))
        if h in ctx.no_data or k.get("days") == 0:
            row = dict.fromkeys(SUMMARY_COLUMNS, "—")
            row.update({"Compte": _handle(h), "Rôle": role, "Jours": fr.integer(k.get("days"), missing=na),
                        "Tweets": fr.NO_DATA if h in ctx.no_data else fr.NOT_OPEN})  # fmt: skip
            rows.append(row)
            continue
        ci = k.get("median_engagement_ci95") or [None, None]
        engagement = (
            f"{fr.decimal(k.get('median_engagement'))} {fr.interval(*ci, missing=na)}"
            if k.get("median_engagement") is not None
            else na
        )
        if F.missing_counts_note(k):
            engagement += "\u00a0†"
        rows.append(dict(zip(SUMMARY_COLUMNS, [
            _handle(h), role,
            fr.integer(k.get("days"), missing=na),
            fr.integer(k.get("followers_start"), missing=na),
            fr.integer(k.get("followers_end"), missing=na),
            fr.per_day(k.get("daily_follower_gain"), missing=na),
            fr.integer(k.get("tweets"), missing=na),
            fr.per_day(k.get("tweets_per_day"), missing=na),
            engagement,
            _rate_with_n(k, missing=na),
        ], strict=True)))  # fmt: skip
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)


def summary_table(ctx: Context) -> HTML:
    """:func:`summary_frame` as an HTML table, its markers explained in the caption."""
    frame = summary_frame(ctx)
    numeric = [c for c in frame.columns if c not in ("Compte", "Rôle")]
    notes = [
        "Engagement = retweets + j'aime + réponses + citations par tweet (hors retweets). "
        f"IC : intervalle de confiance à 95{fr.NBSP}% (bootstrap). "
        "n : tweets sur lesquels repose la médiane rapportée aux abonnés ; « fragile » : "
        f"moins de {F.FRAGILE_N} tweets. {fr.MISSING_SHORT} : non calculable."
    ]
    if any(h in ctx.no_data for h in ctx.measured()):
        notes.append(f"« {fr.NO_DATA} » : aucun tweet ni relevé d'abonnés collecté pour ce compte.")
    for h in ctx.measured():
        note = F.missing_counts_note(ctx.kpis["accounts"][h])
        if note and h not in ctx.no_data:
            notes.append(f"† @{h} : engagement {note}.")
    notes.append("Source : pilot_eval.")
    return HTML(html_table(frame, numeric=numeric, caption=" ".join(notes), wide=True))


def cohort_findings(ctx: Context) -> HTML:
    """The cohort against @pnationale and @policia, in sentences."""
    return paragraphs(F.cohort_findings(ctx.kpis, ctx.registry))


def directorates(ctx: Context) -> HTML:
    """One sub-section per focus account: sentences and its best tweets."""
    parts = []
    for h in ctx.focus:
        k = ctx.kpis["accounts"].get(h)
        if k is None:
            continue
        account = ctx.registry.get(h)
        parts.append(f"<h3>{escape(account.name)} ({escape(_handle(h))})</h3>")
        no_data = h in ctx.no_data
        parts.append(paragraphs(F.account_findings(h, k, ctx.registry, no_data=no_data)).data)
        if no_data:
            continue
        parts.append("<p><strong>Tweets les plus repris :</strong></p>")
        parts.append(best_tweets(ctx, handle=h, n=2).data)
    return HTML("".join(parts))


# ---------------------------------------------------------------- engagement


def best_tweets(ctx: Context, *, handle: str | None = None, n: int = 3) -> HTML:
    """The ``n`` tweets with the most engagement of an account (or of each account),
    pseudonymised and escaped, with date and counts."""
    eng = ctx.engagement
    texts = ctx.period_tweets.set_index("tweet_id")["text"]
    handles = [handle] if handle else ctx.measured()
    out = []
    for h in handles:
        top = eng[eng["handle"] == h].dropna(subset=["engagement"]).nlargest(n, "engagement")
        if handle is None:
            out.append(f"<h4>{escape(_handle(h))}</h4>")
        if top.empty:
            out.append('<p class="note">Aucun tweet dans la période.</p>')
        for rec in top.itertuples():
            text = ctx.pseudonymiser.text(texts.get(rec.tweet_id, ""))
            meta = (
                f"{fr.long_date(rec.local_time, weekday=True)} à {fr.clock(rec.local_time)} — "
                f"{fr.plural(rec.engagement, 'interaction')}"
                + (
                    f" ({fr.percent(rec.engagement_rate_pct, 2)} des abonnés)"
                    if pd.notna(rec.engagement_rate_pct)
                    else ""
                )  # fmt: skip
                + f" — {KIND_LABELS.get(rec.kind, rec.kind)}"
            )
            out.append(
                f'<blockquote class="tweet"><div>{escape(text)}</div>'
                f'<div class="meta">{escape(meta)}</div></blockquote>'
            )
    return HTML("".join(out))


def engagement_distribution(ctx: Context) -> Chart:
    """Box plots of engagement per tweet by account, log scale."""
    return Chart(plots.engagement_distribution(ctx.engagement, ctx.colors))


def medians_frame(ctx: Context) -> pd.DataFrame:
    """Median engagement and engagement rate with their 95 % intervals (from the KPIs)."""
    rows = []
    for h in ctx.measured():
        k = ctx.kpis["accounts"][h]
        ci = k.get("median_engagement_ci95") or [None, None]
        rci = k.get("median_engagement_rate_ci95") or [None, None]
        ici = k.get("median_impression_rate_ci95") or [None, None]
        rows.append({"handle": h, "median": k.get("median_engagement"), "low": ci[0], "high": ci[1],
                     "rate": k.get("median_engagement_rate_pct"), "rate_low": rci[0], "rate_high": rci[1],
                     "n": k.get("n_engagement_set"), "impr": k.get("median_impression_rate_pct"),
                     "impr_low": ici[0], "impr_high": ici[1]})  # fmt: skip
    return pd.DataFrame(rows)


def medians_table(ctx: Context) -> HTML:
    """Medians with intervals, formatted."""
    m = medians_frame(ctx)
    frame = pd.DataFrame(
        {
            "Compte": [_handle(h) for h in m["handle"]],
            "Tweets (hors retweets)": [
                fr.NO_DATA if h in ctx.no_data else fr.integer(v)
                for h, v in zip(m["handle"], m["n"], strict=True)
            ],
            "Engagement médian": [fr.decimal(v) for v in m["median"]],
            "IC 95\u00a0%": [fr.interval(a, b) for a, b in zip(m["low"], m["high"], strict=True)],
            "Engagement / abonnés (médiane)": [fr.percent(v, 2) for v in m["rate"]],
            "IC 95\u00a0% ": [
                fr.interval(a, b, 2) for a, b in zip(m["rate_low"], m["rate_high"], strict=True)
            ],
            "Taux d'engagement Analytics": [fr.percent(v, 2) for v in m["impr"]],
            "IC 95\u00a0%  ": [
                fr.interval(a, b, 2) for a, b in zip(m["impr_low"], m["impr_high"], strict=True)
            ],
        }
    )
    return HTML(html_table(frame, numeric=list(frame.columns[1:]), caption=(
        "Taux d'engagement Analytics : interactions / impressions (Twitter Analytics), "
        "non calculable sans export Analytics.")))  # fmt: skip


def medians_chart(ctx: Context) -> Chart:
    """Median engagement rate per account with its interval, log scale."""
    m = medians_frame(ctx)
    return Chart(plots.medians_with_intervals(
        m, ctx.colors, value="rate", low="rate_low", high="rate_high",
        xlabel="Engagement médian rapporté aux abonnés (%)"))  # fmt: skip


def weekday_hour(ctx: Context) -> Chart:
    """Tweets by weekday and hour in local time."""
    from pilot_eval.metrics.behaviour import by_weekday_hour

    return Chart(plots.by_weekday_hour(
        by_weekday_hour(ctx.engagement, "weekday"), by_weekday_hour(ctx.engagement, "hour"), ctx.colors))  # fmt: skip


def timing_table(ctx: Context, by: str = "weekday") -> HTML:
    """Median engagement per tweet by weekday, or by band of hours (``by="hour_band"``),
    in local time: accounts in columns, each median with its number of tweets."""
    from pilot_eval.metrics.behaviour import HOUR_BANDS, by_weekday_hour

    t = by_weekday_hour(ctx.engagement, by)
    if by == "weekday":
        head, labels = "Jour", [fr.weekday_name(i) for i in range(7)]
        when = "le jour"
    else:
        head, labels = "Heure", [f"{a}\u00a0h – {b}\u00a0h" for a, b in HOUR_BANDS]
        when = "l'heure"
    medians = t.pivot(index=by, columns="handle", values="median_engagement")
    counts = t.pivot(index=by, columns="handle", values="tweets")
    frame = pd.DataFrame({head: [labels[i] for i in medians.index]})
    for h in [h for h in ctx.measured() if h in medians.columns]:
        frame[_handle(h)] = [
            f"{fr.decimal(m, missing='—')} ({fr.integer(n)})" if n else "—"
            for m, n in zip(medians[h], counts[h], strict=True)
        ]
    return HTML(
        html_table(
            frame,
            numeric=list(frame.columns[1:]),
            caption=f"Engagement médian par tweet selon {when} de publication (heure locale), "
            "et entre parenthèses le nombre de tweets (hors retweets).",
        )
    )


def by_kind_media(ctx: Context) -> HTML:
    """Median engagement by kind of tweet and by presence of media, per account."""
    eng = ctx.engagement.dropna(subset=["engagement"])
    rows = []
    for h in ctx.measured():
        mine = eng[eng["handle"] == h]
        row = {"Compte": _handle(h)}
        for kind in ("original", "reply", "quote"):
            sub = mine[mine["kind"] == kind]["engagement"]
            row[KIND_LABELS[kind]] = (
                f"{fr.decimal(sub.median(), missing='—')} ({fr.integer(len(sub))})"
            )
        for flag, label in ((True, "Avec média"), (False, "Sans média")):
            sub = mine[mine["media"] == flag]["engagement"]
            row[label] = f"{fr.decimal(sub.median(), missing='—')} ({fr.integer(len(sub))})"
        rows.append(row)
    frame = pd.DataFrame(rows)
    return HTML(
        html_table(
            frame,
            numeric=list(frame.columns[1:]),
            caption="Engagement médian par tweet (nombre de tweets entre parenthèses).",
        )
    )


# ---------------------------------------------------------------- growth


def follower_curves(ctx: Context) -> Chart:
    """Followers per day and account, log scale."""
    return Chart(plots.follower_curves(ctx.daily, ctx.colors))


def indexed_growth(ctx: Context) -> Chart:
    """Growth indexed to 100 at the start of the period."""
    from pilot_eval.metrics.followers import indexed_growth as _indexed

    return Chart(plots.indexed_growth(_indexed(ctx.daily), ctx.colors))


def daily_gains(ctx: Context) -> Chart:
    """Daily follower gains (7-day mean)."""
    return Chart(plots.daily_gains(ctx.daily, ctx.colors))


def growth_table(ctx: Context) -> HTML:
    """Followers at start and end, gain, gain per day and weekly growth, per account."""
    rows = []
    for h in ctx.measured():
        k = ctx.kpis["accounts"][h]
        if h in ctx.no_data or k.get("days") == 0:
            start = (
                fr.long_date(k.get("effective_start"))
                if h in ctx.no_data
                else "ouverture le " + fr.long_date(k.get("effective_start"))
            )
            rows.append({"Compte": _handle(h), "Début effectif": start,
                         "Abonnés début": fr.NO_DATA if h in ctx.no_data else fr.NOT_OPEN,
                         "Abonnés fin": "—", "Gain": "—", "Gain (%)": "—",
                         "Gain / jour": "—", "Croissance hebdomadaire": "—"})  # fmt: skip
            continue
        rows.append({"Compte": _handle(h), "Début effectif": fr.long_date(k.get("effective_start")),
                     "Abonnés début": fr.integer(k.get("followers_start")),
                     "Abonnés fin": fr.integer(k.get("followers_end")),
                     "Gain": fr.signed(k.get("follower_gain")),
                     "Gain (%)": fr.percent(k.get("follower_gain_pct")),
                     "Gain / jour": fr.per_day(k.get("daily_follower_gain")),
                     "Croissance hebdomadaire": fr.percent(k.get("weekly_growth_pct"), 2)})  # fmt: skip
    frame = pd.DataFrame(rows)
    return HTML(html_table(frame, numeric=list(frame.columns[2:])))


def growth_findings(ctx: Context) -> HTML:
    """One growth sentence per measured account."""
    return paragraphs(
        [
            F.no_data_sentence(h, ctx.registry)
            if h in ctx.no_data
            else F.growth_sentence(h, ctx.kpis["accounts"][h], ctx.registry)
            for h in ctx.measured()
        ]
    )


# ---------------------------------------------------------------- content


def category_shares(ctx: Context) -> pd.DataFrame:
    """Category shares per account from the KPIs (rows = handles)."""
    shares = {h: ctx.kpis["accounts"][h].get("category_share") or {} for h in ctx.measured()}
    return pd.DataFrame(shares).T.astype("float64")


def category_mix(ctx: Context) -> Chart | HTML:
    """Stacked bars of the category mix per account."""
    shares = category_shares(ctx)
    if shares.dropna(how="all").empty:
        return HTML('<p class="note">Catégories non disponibles (classifieur absent).</p>')
    return Chart(plots.category_mix(shares, category_labels()))


def category_table(ctx: Context) -> HTML:
    """Category shares per account, formatted."""
    shares = category_shares(ctx)
    labels = category_labels()
    frame = pd.DataFrame({"Catégorie": [labels.get(c, c) for c in shares.columns]})
    for h in shares.index:
        frame[_handle(h)] = [fr.share(v, 0) for v in shares.loc[h]]
    return HTML(
        html_table(
            frame,
            numeric=list(frame.columns[1:]),
            caption="Part des tweets hors retweets de chaque compte.",
        )
    )


def engagement_by_category(ctx: Context) -> HTML:
    """Median engagement rate per category (all measured accounts, pilots first)."""
    from pilot_eval.metrics.content import CATEGORIES
    from pilot_eval.metrics.content import engagement_by_category as _by_cat

    t = _by_cat(ctx.engagement)
    if t.empty:
        return HTML('<p class="note">Catégories non disponibles.</p>')
    labels = category_labels()
    wide = t.pivot(index="category", columns="handle", values="median_engagement")
    # SPEC 7 order, as the category shares (the pivot sorts the codes alphabetically)
    wide = wide.reindex([c for c in CATEGORIES if c in wide.index])
    frame = pd.DataFrame({"Catégorie": [labels.get(c, c) for c in wide.index]})
    for h in [h for h in ctx.measured() if h in wide.columns]:
        frame[_handle(h)] = [fr.decimal(v, missing="—") for v in wide[h]]
    return HTML(
        html_table(
            frame,
            numeric=list(frame.columns[1:]),
            caption="Engagement médian par tweet selon la catégorie.",
        )
    )


# ---------------------------------------------------------------- handles, recommendations


def handles_frame(ctx: Context) -> pd.DataFrame:
    """``audit.handles_to_reserve`` on the data of the context (offline)."""
    from pilot_eval.audit import audit_handles, handles_to_reserve

    return handles_to_reserve(audit_handles(ctx.registry, ctx.tables.tweets, online=False))


def handle_action_counts(handles: pd.DataFrame) -> dict[str, int]:
    """Handles of :func:`handles_frame` per action: ``reclaim`` (held by impostors),
    ``reserve`` (free, or to check then reserve: ``verify``), ``watch`` (look-alikes)."""
    actions = handles["action"]
    return {
        "reclaim": int((actions == "reclaim").sum()),
        "reserve": int(actions.isin(["reserve", "verify"]).sum()),
        "watch": int((actions == "watch").sum()),
    }


def handles_table(ctx: Context, *, limit: int = 25) -> HTML:
    """The handles to reserve or reclaim, most urgent first."""
    t = handles_frame(ctx)
    head = t.head(limit)
    frame = pd.DataFrame({
        "Priorité": [fr.integer(v) for v in head["priority"]],
        "Département": head["department"].astype(str).tolist(),
        "Identifiant": ["@" + str(ctx.pseudonymiser.handle(h)) for h in head["handle"]],  # look-alikes
        "Action": head["action_fr"].astype(str).tolist(),
    })  # fmt: skip
    counts = handle_action_counts(t)
    text = (
        f"{fr.integer(len(t))} identifiants à traiter : {fr.integer(counts['reclaim'])} à récupérer, "
        f"{fr.integer(counts['reserve'])} à réserver ou vérifier, "
        f"{fr.integer(counts['watch'])} à surveiller. Les {fr.integer(len(head))} premiers :"
    )
    return HTML(f"<p>{escape(text)}</p>" + html_table(frame, numeric=["Priorité"]))


def recommendations(ctx: Context) -> HTML:
    """Recommendations generated from the KPIs and the handle audit."""
    try:
        counts = handle_action_counts(handles_frame(ctx))
        reserve, reclaim = counts["reserve"], counts["reclaim"]
    except Exception:  # the audit is optional for the recommendations
        reserve = reclaim = None
    return paragraphs(F.recommendations(ctx.kpis, ctx.registry, reserve, reclaim))


# ---------------------------------------------------------------- data quality


def sources_table(ctx: Context) -> HTML:
    """Tweets and follower snapshots per source format."""
    t, f = ctx.tables.tweets, ctx.tables.followers
    src = sorted(set(t["source"].dropna().astype(str)) | set(f["source"].dropna().astype(str)))
    frame = pd.DataFrame({
        "Source": [SOURCE_LABELS.get(x, x) for x in src],
        "Tweets": [fr.integer((t["source"] == s).sum()) for s in src],
        "Relevés d'abonnés": [fr.integer((f["source"] == s).sum()) for s in src],
    })  # fmt: skip
    return HTML(html_table(frame, numeric=["Tweets", "Relevés d'abonnés"]))


def coverage_frame(ctx: Context) -> pd.DataFrame:
    """Per measured account: tweets in the period, first and last tweet day, days with
    at least one tweet, follower snapshots and days with a snapshot."""
    eng_t = ctx.period_tweets
    local = eng_t.assign(
        day=pd.to_datetime(eng_t["created_at"], utc=True).dt.tz_convert("Europe/Paris").dt.date
    )
    rows = []
    for h in ctx.measured():
        mine = local[local["handle"] == h]
        daily = ctx.daily[ctx.daily["handle"] == h]
        rows.append({"Compte": _handle(h), "Tweets": fr.integer(len(mine)),
                     "Premier tweet": fr.short_date(mine["day"].min()) if len(mine) else "—",
                     "Dernier tweet": fr.short_date(mine["day"].max()) if len(mine) else "—",
                     "Jours avec tweet": fr.integer(mine["day"].nunique()),
                     "Jours avec relevé d'abonnés": fr.integer(int(daily["observed"].sum()) if len(daily) else 0),
                     "Jours de la période": fr.integer(ctx.kpis["accounts"][h].get("days"))})  # fmt: skip
    return pd.DataFrame(rows)


def coverage_table(ctx: Context) -> HTML:
    """:func:`coverage_frame` as HTML."""
    frame = coverage_frame(ctx)
    return HTML(html_table(frame, numeric=list(frame.columns[1:])))


def coverage_chart(ctx: Context) -> Chart:
    """Days with tweets per account (local days), mark size by the day's tweets."""
    t = ctx.period_tweets
    day = pd.to_datetime(t["created_at"], utc=True).dt.tz_convert("Europe/Paris").dt.date
    counts = t.assign(day=day).groupby(["handle", "day"]).size().rename("tweets").reset_index()
    return Chart(plots.coverage_strips(counts, ctx.colors, ctx.measured()))


def snapshots_table(ctx: Context) -> HTML:
    """Follower snapshots per account: how many, first and last, and the last value."""
    f = ctx.tables.followers
    rows = []
    for h in ctx.measured():
        mine = f[f["handle"].astype(str).str.casefold() == h.casefold()].sort_values("observed_at")
        rows.append({"Compte": _handle(h), "Relevés": fr.integer(len(mine)),
                     "Premier": fr.short_date(mine["observed_at"].iloc[0]) if len(mine) else "—",
                     "Dernier": fr.short_date(mine["observed_at"].iloc[-1]) if len(mine) else "—",
                     "Dernière valeur": fr.integer(mine["followers"].iloc[-1]) if len(mine) else "—"})  # fmt: skip
    frame = pd.DataFrame(rows)
    return HTML(html_table(frame, numeric=list(frame.columns[1:])))


def rejects_table(ctx: Context) -> HTML:
    """Rejected records by reason and file name (the raw text is not shown)."""
    r = ctx.tables.rejects
    if r.empty:
        return HTML("<p>Aucun enregistrement rejeté à l'ingestion.</p>")
    g = (
        r.assign(file=r["file"].astype(str).map(lambda p: Path(p).name))
        .groupby(["reason", "file"])
        .size()
    )
    g = g.rename("n").reset_index().sort_values("n", ascending=False)
    frame = pd.DataFrame(
        {
            "Motif": g["reason"].astype(str),
            "Fichier": g["file"],
            "Enregistrements": [fr.integer(v) for v in g["n"]],
        }
    )
    text = (
        f"{fr.plural(len(r), 'enregistrement rejeté', 'enregistrements rejetés')} à l'ingestion, "
        "conservés dans la table des rejets (motif, fichier et ligne) :"
    )
    return HTML(f"<p>{escape(text)}</p>" + html_table(frame, numeric=["Enregistrements"]))


def _evaluation_summary(ctx: Context | None) -> dict | None:
    """The classifier's evaluation: the run's ``classifier_evaluation.json`` when written by
    ``pilot-eval report`` (no scikit-learn in the kernel), else ``evaluation_summary()``;
    None when the classifier is not installed."""
    import json

    from pilot_eval.report.run import EVALUATION_FILE

    if ctx is not None and ctx.kpis_file is not None:
        cached = ctx.kpis_file.with_name(EVALUATION_FILE)
        if cached.exists():
            return json.loads(cached.read_text(encoding="utf-8"))
    try:
        from pilot_eval.classify import evaluation_summary
    except ImportError:
        return None
    return evaluation_summary() or {}


def classifier_accuracy(ctx: Context | None = None) -> HTML:
    """The classifier's measured accuracy (``classify.evaluation_summary``), in French.

    One sentence (method, macro-F1 overall and per language) and a table of precision,
    recall and F1 per category, measured on labelled tweets the model had not seen.
    """
    summary = _evaluation_summary(ctx)
    if summary is None:
        return HTML('<p class="note">Évaluation du classifieur non disponible.</p>')
    overall = summary.get("overall") or {}
    if not overall:
        return HTML(
            '<p class="note">Le classifieur n\'a pas encore été évalué (make classifier-eval).</p>'
        )
    langs = {"fr": "français", "es": "espagnol"}
    by_lang = ", ".join(
        f"{langs.get(k, k)} {fr.decimal(v.get('macro_f1'), 2)}"
        for k, v in (summary.get("by_lang") or {}).items()
    )
    text = (
        f"Le classement automatique des tweets a été mesuré par validation croisée "
        f"({fr.integer(summary.get('n_splits'))} plis) sur {fr.plural(overall.get('n'), 'tweet')} "
        f"étiquetés à la main qu'il n'avait pas vus : F1 macro {fr.decimal(overall.get('macro_f1'), 2)}, "
        f"exactitude {fr.share(overall.get('accuracy'), 1)}"
        + (f" (F1 macro par langue : {by_lang})" if by_lang else "")
        + "."
    )
    if summary.get("stale"):
        text += " Attention : le modèle a changé depuis cette mesure."
    labels = category_labels()
    per = overall.get("per_category") or {}
    frame = pd.DataFrame({
        "Catégorie": [labels.get(c, c) for c in per],
        "Précision": [fr.share(v.get("precision"), 0) for v in per.values()],
        "Rappel": [fr.share(v.get("recall"), 0) for v in per.values()],
        "F1": [fr.decimal(v.get("f1"), 2) for v in per.values()],
        "Tweets étiquetés": [fr.integer(v.get("support")) for v in per.values()],
    })  # fmt: skip
    return HTML(f"<p>{escape(text)}</p>" + html_table(frame, numeric=list(frame.columns[1:])))


DEFINITIONS = [
    ("Période", "jours locaux du début à la fin inclus, en heure de Paris pour tous les comptes ; "
     "le début effectif d'un compte est le plus tardif du début de période et de sa date d'ouverture."),
    ("Dates d'ouverture", "celles du registre des comptes ; quand la presse ne dit que « ouvert au plus tard "
     "le », c'est ce jour qui est retenu (ainsi pour les pilotes ouverts en janvier 2014) : le compte y "
     "est supposé à 0 abonné, ce qui surestime son gain et raccourcit sa période s'il a ouvert plus tôt."),
    ("Abonnés à une date", "relevés d'abonnés du compte, plus 0 abonné à son ouverture ; interpolation "
     "linéaire entre deux relevés distants d'au plus 45 jours, sinon le relevé le plus proche s'il est à "
     "moins de 3 jours, sinon non calculable."),
    ("Gain d'abonnés", "abonnés en fin de période moins abonnés au début effectif ; par jour : divisé par "
     "le nombre de jours ; en\u00a0% : rapporté aux abonnés du début (non calculable si 0)."),
    ("Croissance hebdomadaire", "taux de croissance constant par semaine qui mène des abonnés du début "
     "effectif à ceux de la fin : 100 × ((abonnés fin / abonnés début) puissance (7 / jours) − 1), en\u00a0% "
     "par semaine ; non calculable pour un compte ouvert pendant la période (0 abonné au début) "
     "ou pour une période de moins de 7 jours."),
    ("Tweets", "tous les tweets du compte dans la période, par nature : originaux, réponses, citations, retweets."),
    ("Engagement", "retweets + j'aime + réponses + citations d'un tweet, hors retweets faits par le compte ; "
     "les compteurs absents d'une source sont omis."),
    ("Engagement rapporté aux abonnés", "100 × engagement / abonnés au moment du tweet ; médiane par compte."),
    ("Taux d'engagement Analytics", "100 × interactions / impressions (export Twitter Analytics)."),
    ("Intervalles", "intervalle de confiance à 95\u00a0% de chaque médiane par bootstrap (percentiles, graine fixe) ; "
     "aucun intervalle pour une seule valeur."),
    ("Comparaisons", "test de Mann–Whitney de chaque pilote face à @pnationale, Kruskal–Wallis entre pilotes, "
     "khi-deux et V de Cramér sur la répartition des catégories ; une différence est dite significative "
     "au seuil de 5\u00a0%. Une médiane qui repose sur moins de 20 tweets est dite fragile."),
    ("Recommandation de généralisation", F.GENERALISATION_RULE[0].upper() + F.GENERALISATION_RULE[1:]),
    ("Confidentialité", "les identifiants de personnes privées (hors registre des comptes) sont remplacés par des "
     "pseudonymes stables ; le texte des tweets est affiché tel quel, sans balisage."),
]  # fmt: skip


def missing_counts_notes(ctx: Context) -> list[str]:
    """One sentence per account whose engagement lacks counts the source did not give."""
    out = []
    for h in ctx.measured():
        note = F.missing_counts_note(ctx.kpis["accounts"][h])
        if note and h not in ctx.no_data:
            out.append(f"@{h} : engagement compté {note}.")
    return out


def definitions(ctx: Context | None = None) -> HTML:
    """The definitions of SPEC section 6, in French; with ``ctx``, the counts missing
    from the sources, account by account (SPEC section 6), and the accounts without data."""
    items = "".join(f"<li><strong>{escape(t)}</strong> : {escape(d)}</li>" for t, d in DEFINITIONS)
    if ctx is not None:
        missing = missing_counts_notes(ctx)
        text = (
            " ".join(missing)
            if missing
            else "toutes les sources donnent les quatre compteurs de chaque tweet."
        )
        items += f"<li><strong>Compteurs absents des sources</strong> : {escape(text)}</li>"
        if ctx.no_data:
            names = ", ".join("@" + h for h in sorted(ctx.no_data))
            items += (
                f"<li><strong>Comptes sans données</strong> : {escape(names)} — aucun tweet ni "
                "relevé d'abonnés collecté ; leurs indicateurs sont notés « pas de données », "
                "non 0.</li>"
            )
    return HTML(f"<ul>{items}</ul>")
