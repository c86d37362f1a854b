"""The KPIs of SPEC section 6 as one dictionary, and the ``pilot-eval kpis`` command.

:func:`compute_kpis` is pure (DataFrames in, dict out); :func:`kpis_command` is the only
function of :mod:`pilot_eval.metrics` that reads files (the canonical tables) and it
renders JSON, CSV or an aligned text table.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from pilot_eval.config import TIMEZONE
from pilot_eval.metrics import stats
from pilot_eval.metrics.content import CATEGORIES, category_counts, category_share
from pilot_eval.metrics.engagement import engagement, engagement_frame, period_tweets
from pilot_eval.metrics.followers import account_snapshots, followers_at, weekly_growth_rate
from pilot_eval.metrics.period import effective_start, local_midnight, period_bounds, period_days
from pilot_eval.registry import Account, Registry
from pilot_eval.schema import COUNT_COLUMNS, KINDS

#: Keys of each account in the JSON, in order (SPEC section 6 plus documented extras).
ACCOUNT_KEYS = [
    "role",
    "days",
    "followers_start",
    "followers_end",
    "follower_gain",
    "follower_gain_pct",
    "daily_follower_gain",
    "tweets",
    "originals",
    "replies",
    "quotes",
    "retweets",
    "tweets_per_day",
    "median_engagement",
    "median_engagement_ci95",
    "mean_engagement",
    "median_engagement_rate_pct",
    "median_engagement_rate_ci95",
    "median_impression_rate_pct",
    "median_impression_rate_ci95",
    "category_share",
    # extras
    "name",
    "effective_start",
    "weekly_growth_pct",
    "conversation_rate",
    "n_engagement_set",
    "n_engagement_rate",
    "n_impressions",
    "missing_counts",
]

#: Columns of the tweets table read by ``pilot-eval kpis`` (KPIs and classifier).
_TWEET_COLUMNS = [
    "tweet_id",
    "handle",
    "created_at",
    "collected_at",
    "text",
    "lang",
    "kind",
    *COUNT_COLUMNS,
    "impressions",
    "interactions",
    "hashtags",
    "media_count",
    "source",
]
#: Columns compute_kpis works on (the others are dropped first, for speed).
_KPI_COLUMNS = [
    "tweet_id",
    "handle",
    "created_at",
    "kind",
    *COUNT_COLUMNS,
    "impressions",
    "interactions",
    "media_count",
    "category",
]

_KIND_KEYS = {"original": "originals", "reply": "replies", "quote": "quotes", "retweet": "retweets"}


def _num(value) -> float | None:
    """A finite float, or None (never NaN in JSON)."""
    if value is None or value is pd.NA:
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def _median(values: np.ndarray) -> float | None:
    values = values[~np.isnan(values)]
    return float(np.median(values)) if values.size else None


def _ci(values: np.ndarray) -> list[float] | None:
    low, high = stats.bootstrap_median_ci(values)
    return None if math.isnan(low) else [low, high]


def _followers_kpis(followers: pd.DataFrame, account: Account, first: date, end: date) -> dict:
    snaps = account_snapshots(followers, account.handle)
    instants = pd.DatetimeIndex([local_midnight(first), local_midnight(end + timedelta(days=1))])
    f_start, f_end = (_num(v) for v in followers_at(snaps, instants, opened=account.opened))
    days = period_days(first, end)
    gain = None if f_start is None or f_end is None else f_end - f_start
    return {
        "days": days,
        "followers_start": f_start,
        "followers_end": f_end,
        "follower_gain": gain,
        "follower_gain_pct": None if gain is None or f_start == 0 else 100.0 * gain / f_start,
        "daily_follower_gain": None if gain is None or days == 0 else gain / days,
        "weekly_growth_pct": weekly_growth_rate(f_start, f_end, days),
    }


def _tweet_kpis(period: pd.DataFrame, days: int) -> dict:
    kinds = period["kind"].astype("string").value_counts() if not period.empty else {}
    n = int(len(period))
    out = {"tweets": n}
    for kind in KINDS:
        out[_KIND_KEYS[kind]] = int(kinds.get(kind, 0))
    out["tweets_per_day"] = n / days if days else None
    out["conversation_rate"] = out["replies"] / n if n else None
    return out


def _engagement_kpis(eset: pd.DataFrame, frame: pd.DataFrame) -> dict:
    eng = frame["engagement"].to_numpy(dtype="float64")
    rate = frame["engagement_rate_pct"].to_numpy(dtype="float64")
    imp = frame["impression_rate_pct"].to_numpy(dtype="float64")
    known = eng[~np.isnan(eng)]
    missing = {}
    for column in COUNT_COLUMNS:
        k = int(eset[column].isna().sum()) if not eset.empty else 0
        if k:
            missing[column] = k
    return {
        "median_engagement": _median(eng),
        "median_engagement_ci95": _ci(eng),
        "mean_engagement": float(known.mean()) if known.size else None,
        "median_engagement_rate_pct": _median(rate),
        "median_engagement_rate_ci95": _ci(rate),
        "median_impression_rate_pct": _median(imp),
        "median_impression_rate_ci95": _ci(imp),
        "n_engagement_set": int(len(frame)),
        "n_engagement_rate": int((~np.isnan(rate)).sum()),
        "n_impressions": int((~np.isnan(imp)).sum()),
        "missing_counts": missing,
    }


def _records(frame: pd.DataFrame) -> list[dict]:
    return [_clean(r) for r in frame.to_dict(orient="records")]


def _clean(obj):
    """Recursively replace NaN/inf by None and numpy scalars by Python numbers."""
    if isinstance(obj, dict):
        return {str(k): _clean(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_clean(v) for v in obj]
    if isinstance(obj, (bool, np.bool_)):
        return bool(obj)
    if isinstance(obj, (int, np.integer)):
        return int(obj)
    if isinstance(obj, (float, np.floating)):
        return _num(obj)
    if obj is None or obj is pd.NA or obj is pd.NaT:
        return None
    if isinstance(obj, (date, pd.Timestamp)):
        return obj.isoformat()
    return obj


def _comparisons(frame: pd.DataFrame, eset: pd.DataFrame, registry: Registry) -> dict:
    pilots = [a.handle for a in registry.by_role("pilot")]
    nb = stats.negative_binomial_model(frame)
    return {
        "median_ci": {
            "method": "percentile bootstrap",
            "level": 0.95,
            "n_boot": stats.N_BOOT,
            "seed": stats.SEED,
        },
        "mann_whitney": _records(stats.mann_whitney_vs_national(frame, registry)),
        "kruskal_wallis": _records(stats.kruskal_pilots(frame, registry))[0],
        "chi_square": _records(stats.chi2_category_mix(category_counts(eset, pilots)))[0],
        "negative_binomial": {
            "formula": "engagement ~ account + kind + media + category, offset log(followers_at)",
            "n": nb.attrs.get("n"),
            "alpha": _num(nb.attrs.get("alpha")),
            "method": nb.attrs.get("method"),
            "reason": nb.attrs.get("reason"),
            "terms": _records(nb),
        },
    }


def compute_kpis(
    tweets: pd.DataFrame,
    followers: pd.DataFrame,
    registry: Registry,
    start: date,
    end: date,
    *,
    data_info: dict | None = None,
) -> dict:
    """Every KPI of SPEC section 6 for every measured account, as a JSON-ready dict.

    Parameters
    ----------
    tweets, followers
        Canonical tables (``tweets`` may carry a ``category`` column; without it the
        category shares are null).
    registry
        Accounts; pilot, national and comparator accounts are measured, in registry order.
    start, end
        First and last local day of the period (Europe/Paris), inclusive.
    data_info
        ``{"tweets", "rejects", "sources", "simulated"}`` about the whole tables, from
        :func:`kpis_command`; by default counted from the frames given.

    Returns
    -------
    dict
        ``period``, ``simulated``, ``accounts`` (handle → the keys of
        :data:`ACCOUNT_KEYS`), ``tests`` (comparisons: ``mann_whitney``,
        ``kruskal_wallis``, ``chi_square``, ``negative_binomial``, ``median_ci``), ``data``.
        Values that cannot be computed are None; floats are not rounded.
    """
    slim = tweets[[c for c in _KPI_COLUMNS if c in tweets.columns]]
    period = period_tweets(slim, registry, start, end)
    if not period.empty:
        is_rt = (period["kind"].astype("string").fillna("") == "retweet").to_numpy()
        eset = period[~is_rt]
        eset = eset.assign(engagement=engagement(eset) if not eset.empty else np.nan)
    else:
        eset = period.assign(engagement=np.nan)
    frame = engagement_frame(eset, followers, registry)
    measured = registry.measured()
    handles = [a.handle for a in measured]
    has_categories = "category" in eset.columns and eset["category"].notna().any()
    shares = category_share(eset, handles) if has_categories else None

    accounts = {}
    for account in measured:
        first = effective_start(account, start)
        fk = _followers_kpis(followers, account, first, end)
        mine = period[(period["handle"] == account.handle).to_numpy(dtype=bool)]
        mine_eset = eset[(eset["handle"] == account.handle).to_numpy(dtype=bool)]
        mine_frame = frame[(frame["handle"] == account.handle).to_numpy(dtype=bool)]
        values = {"role": account.role, "name": account.name, "effective_start": first.isoformat()}
        values.update(fk)
        values.update(_tweet_kpis(mine, fk["days"]))
        values.update(_engagement_kpis(mine_eset, mine_frame))
        if shares is None or shares.loc[account.handle].isna().all():
            values["category_share"] = {c: None for c in CATEGORIES}
        else:
            values["category_share"] = {c: float(shares.loc[account.handle, c]) for c in CATEGORIES}
        accounts[account.handle] = _clean({k: values[k] for k in ACCOUNT_KEYS})

    info = dict(data_info or {})
    if "sources" not in info:
        sources = set()
        for table in (tweets, followers):
            if "source" in table.columns:
                sources.update(str(s) for s in table["source"].dropna().unique())
        info["sources"] = sorted(sources)
    data = {
        "tweets": int(info.get("tweets", len(tweets))),
        "rejects": info.get("rejects"),
        "sources": list(info["sources"]),
        "tweets_in_period": int(len(period)),
        "follower_snapshots": int(info.get("follower_snapshots", len(followers))),
        "categories": info.get("categories", "column" if has_categories else "unavailable"),
    }
    return _clean(
        {
            "period": {"start": start.isoformat(), "end": end.isoformat(), "timezone": TIMEZONE},
            "simulated": bool(info.get("simulated", False)),
            "accounts": accounts,
            "tests": _comparisons(frame, eset, registry),
            "data": data,
        }
    )


def kpis_frame(kpis: dict) -> pd.DataFrame:
    """One flat row per account of a :func:`compute_kpis` result (the CSV).

    Columns: ``handle``, then the scalar KPIs in :data:`ACCOUNT_KEYS` order; each
    ``*_ci95`` becomes ``*_ci95_low`` and ``*_ci95_high``; ``category_share`` becomes
    ``share_<category>`` for every category; ``missing_counts`` becomes
    ``missing_<count column>`` (0 when none is missing).
    """
    return pd.DataFrame(_flat_rows(kpis))


def _flat_rows(kpis: dict) -> list[dict]:
    rows = []
    for handle, values in kpis["accounts"].items():
        row: dict = {"handle": handle}
        for key in ACCOUNT_KEYS:
            value = values.get(key)
            if key.endswith("_ci95"):
                row[f"{key}_low"], row[f"{key}_high"] = value if value else (None, None)
            elif key == "category_share":
                for cat in CATEGORIES:
                    row[f"share_{cat}"] = (value or {}).get(cat)
            elif key == "missing_counts":
                for column in COUNT_COLUMNS:
                    row[f"missing_{column}"] = (value or {}).get(column, 0)
            else:
                row[key] = value
        rows.append(row)
    return rows


def _fmt(value) -> str:
    """A cell of the text table, written the English way (the CLI is English):
    thousands comma, decimal point ("5,439.60")."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if not math.isfinite(value):
            return "—"
        if value == int(value) and abs(value) >= 100:
            return f"{value:,.0f}"
        return f"{value:.3g}" if abs(value) < 1 else f"{value:,.2f}"
    return str(value)


def render_table(kpis: dict) -> str:
    """A readable aligned text table: one column per account, one row per KPI."""
    rows = _flat_rows(kpis)
    labels = [k for k in (rows[0] if rows else {}) if k not in ("handle", "name")]
    header = ["kpi"] + [r["handle"] for r in rows]
    body = [[label] + [_fmt(r[label]) for r in rows] for label in labels]
    widths = [max(len(str(r[i])) for r in [header, *body]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        first = cells[0].ljust(widths[0])
        rest = [str(c).rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True)]
        return "  ".join([first, *rest]).rstrip()

    period = kpis["period"]
    title = f"KPIs {period['start']} .. {period['end']} ({period['timezone']})"
    if kpis.get("simulated"):
        title += "  [SIMULATED DATA]"
    out = [title, line(header), line(["-" * w for w in widths])]
    out += [line(r) for r in body]
    return "\n".join(out)


def with_categories(tweets: pd.DataFrame, data_dir: str | Path) -> tuple[pd.DataFrame, str]:
    """``tweets`` with a ``category`` column from :mod:`pilot_eval.classify`.

    Only tweets that are not retweets are classified (categories are measured on the
    engagement set); retweets get a null category. The model is a function of the text
    alone (see :func:`pilot_eval.classify.classify_texts`), so each distinct text (by
    its 64-bit :func:`~pilot_eval.classify.core.text_hash`) is classified once, with the
    classifier's cache in ``DATA_DIR/processed/cache`` (rebuildable, never read as
    data). The analyst's labels file of ``data_dir`` (``classify.load_labels``) wins
    over the model, by tweet id. ``tweets`` may carry ``text_hash`` instead of ``text``
    (as :func:`period_kpis` reads them): the texts of tweets the cache does not hold
    are then read from ``data_dir``'s tweets table.

    Returns the frame (input not modified) and a note on where categories came from:
    ``"classifier"``, ``"classifier and N manual labels"``, or ``"unavailable: ..."``
    when the classifier cannot be imported (the frame is then returned unchanged and the
    shares are null).
    """
    try:
        from pilot_eval.classify import categorize, load_labels
    except ImportError as exc:
        return tweets, f"unavailable: {exc}"
    from pilot_eval.config import data_paths

    out = tweets.drop(columns=["category"], errors="ignore")
    category = np.full(len(out), None, dtype=object)
    if out.empty:
        return out.assign(category=pd.Series(category, dtype="string")), "classifier"
    todo = (out["kind"].astype("string").fillna("") != "retweet").to_numpy()
    sub = out.loc[todo]
    if not sub.empty:
        from pilot_eval.classify.core import text_hash

        # hashed once: categorize keys its cache by the same text_hash
        hashes = (
            sub["text_hash"].to_numpy(dtype=np.uint64)
            if "text_hash" in sub.columns
            else text_hash(sub["text"])
        )
        codes, _ = pd.factorize(hashes)
        first = np.unique(codes, return_index=True)[1]
        unique = sub.iloc[first][[c for c in ("tweet_id", "text") if c in sub.columns]]
        unique = unique.assign(text_hash=hashes[first])
        paths = data_paths(data_dir)
        cache = paths.processed / "cache"
        cats = categorize(
            unique,
            cache_dir=cache if cache.parent.is_dir() else None,
            texts=lambda ids: texts_by_id(paths.table("tweets"), ids),
            cues=False,
        )
        category[np.flatnonzero(todo)] = cats["category"].to_numpy(dtype=object)[codes]
    note = "classifier"
    labels = load_labels(data_dir)
    if labels is not None and not labels.empty:
        manual = labels.drop_duplicates("tweet_id", keep="last").set_index("tweet_id")["category"]
        found = out["tweet_id"].map(manual).to_numpy(dtype=object)
        has = pd.notna(found)
        category[has] = found[has]
        note = f"classifier and {int(has.sum())} manual labels"
    return out.assign(category=pd.Series(category, index=out.index, dtype="string")), note


def read_keyed_tweets(path: Path) -> pd.DataFrame:
    """The tweets table's KPI columns, with ``text_hash`` in place of ``text``.

    DuckDB reads the Parquet file and hashes each text as it goes
    (:func:`pilot_eval.classify.core.text_hash_sql`), so a million texts never become
    Python strings (issue 8); :func:`with_categories` reads back only the texts the
    classifier's cache lacks (:func:`texts_by_id`). Empty when the table is absent.
    """
    import duckdb

    from pilot_eval.classify.core import text_hash_sql
    from pilot_eval.errors import UserError, is_interrupt
    from pilot_eval.schema import to_pandas

    columns = [c for c in _TWEET_COLUMNS if c != "text"]
    if not path.exists():
        from pilot_eval.schema import empty_frame
        from pilot_eval.tables import require_published

        require_published(path, "tweets")

        return empty_frame("tweets")[columns].assign(text_hash=pd.Series(dtype="uint64"))
    con = duckdb.connect()
    try:
        con.execute("SET TimeZone = 'UTC'")
        table = con.sql(
            f"SELECT {', '.join(columns)}, {text_hash_sql('text')} AS text_hash "
            f"FROM read_parquet(?)",
            params=[str(path)],
        ).to_arrow_table()
    except duckdb.Error as exc:
        if is_interrupt(exc):  # Ctrl-C, not a damaged table
            raise
        raise UserError(f"cannot read table {path}: {str(exc).splitlines()[0]}") from None
    finally:
        con.close()
    return to_pandas(table)


def texts_by_id(path: Path, ids: pd.Series) -> pd.Series:
    """Texts of the tweets ``ids`` in the tweets table at ``path``, aligned with ``ids``."""
    import duckdb
    import pyarrow as pa

    wanted = pa.table({"tweet_id": pa.array(ids.astype("int64").to_numpy())})
    con = duckdb.connect()
    try:
        con.register("_ids", wanted)
        found = con.sql(
            "SELECT tweet_id, text FROM read_parquet(?) SEMI JOIN _ids USING (tweet_id)",
            params=[str(path)],
        ).to_arrow_table()
    finally:
        con.close()
    # object dtype: pandas' default string dtype would copy a million texts into Arrow
    # again (1.5 s), only for the classifier to read them back as Python strings
    text = pd.Series(found["text"].to_pylist(), index=found["tweet_id"].to_numpy(), dtype=object)
    text = text[~text.index.duplicated(keep="last")]
    return pd.Series(
        text.reindex(ids.astype("int64").to_numpy()).to_numpy(), index=ids.index, dtype=object
    )


def kpis_command(
    data_dir: str | Path,
    registry: Registry,
    start: date,
    end: date,
    fmt: str = "table",
    *,
    warn: Callable[[str], None] | None = None,
) -> str:
    """The output of ``pilot-eval kpis``: KPIs of the period as json, csv or table.

    ``warn`` is called with each warning about the data, as :func:`period_kpis` does
    (the CLI prints them on stderr). Raises :class:`~pilot_eval.errors.UserError` as
    :func:`period_kpis` does.
    """
    kpis, _ = period_kpis(data_dir, registry, start, end, warn=warn)
    if fmt == "json":
        return json.dumps(kpis, indent=2, ensure_ascii=False)
    if fmt == "csv":
        return kpis_frame(kpis).to_csv(index=False).rstrip("\n")
    return render_table(kpis)


def period_kpis(
    data_dir: str | Path,
    registry: Registry,
    start: date,
    end: date,
    *,
    warn: Callable[[str], None] | None = None,
) -> tuple[dict, pd.DataFrame]:
    """The KPIs of the period from ``data_dir/processed``, and the tweets they were made of.

    Returns ``(kpis, period)``: the dict of :func:`compute_kpis` (with ``data``
    information about the tables) and the period's tweets with their ``category`` (from
    :func:`with_categories`), so that callers such as the report classify only once.

    ``warn``, when given, is called with one line per condition that makes some KPIs
    read wrong without being an error: measured accounts without any data
    (:func:`pilot_eval.tables.accounts_without_data`; their counts read 0), and a period that starts
    before the first data or runs past the last collection (:func:`pilot_eval.tables.data_days`; per-day
    rates then count days without data).

    Raises :class:`~pilot_eval.errors.UserError` when ``data_dir/processed`` holds no
    data, or when the period holds neither a tweet nor a follower snapshot of a measured
    account.
    """
    from pilot_eval.config import data_paths
    from pilot_eval.errors import UserError
    from pilot_eval.tables import (
        accounts_without_data,
        data_days,
        has_data,
        read_manifest,
        read_table,
    )

    paths = data_paths(data_dir)
    if not has_data(data_dir):
        raise UserError(f"no data in {paths.processed}: run pilot-eval ingest")
    # only the columns the KPIs and the classifier use: a million tweets stay light
    tweets = read_keyed_tweets(paths.table("tweets"))
    followers = read_table(paths.table("followers"), "followers")
    if tweets.empty and followers.empty:
        raise UserError(f"no data in {paths.processed}: run pilot-eval ingest")
    period = period_tweets(tweets, registry, start, end)
    if period.empty and not _snapshots_in_period(followers, registry, start, end):
        raise UserError(f"no tweets or follower snapshots between {start} and {end}")
    if warn is not None:
        empty = accounts_without_data(tweets, followers, registry)
        if empty:
            whose = "its counts read" if len(empty) == 1 else "their counts read"
            warn(f"no tweets and no follower snapshots at all for {', '.join(empty)}: {whose} 0")
        first, last = data_days(tweets, followers)
        rates = "per-day rates count days without data"
        if first is not None and start < first:
            warn(f"the period starts before the first data ({first}): {rates}")
        # by days, as for the start: a collection during the last day covers it
        if last is not None and end > last:
            warn(f"the period runs past the data collected (last collection {last}): {rates}")
    period, note = with_categories(period, data_dir)
    manifest = read_manifest(paths.processed)
    # formats that gave data; the sample's parameters file is a marker, not a source
    sources = {s for s in manifest.get("sources", []) or [] if isinstance(s, str)}
    sources.discard("sample_params")
    for table in (tweets, followers):
        sources.update(str(s) for s in table["source"].dropna().unique())
    info = {
        "tweets": len(tweets),
        "rejects": _row_count(paths.table("rejects")),
        "sources": sorted(sources),
        "simulated": bool(manifest.get("simulated", False)),
        "follower_snapshots": len(followers),
        "categories": note,
    }
    return compute_kpis(period, followers, registry, start, end, data_info=info), period


def _row_count(path: Path) -> int:
    """Rows of a Parquet file from its metadata (0 when absent)."""
    import pyarrow.parquet as pq

    return pq.ParquetFile(path).metadata.num_rows if path.exists() else 0


def _snapshots_in_period(
    followers: pd.DataFrame, registry: Registry, start: date, end: date
) -> bool:
    """Whether snapshots of a measured account speak of the period: one taken in it,
    or ones that give followers_at at its start or end (interpolated across it, or
    within 3 days of it; SPEC section 6). The opening point alone does not count."""
    if followers.empty:
        return False
    lo, hi = period_bounds(start, end)
    measured = {a.handle.casefold() for a in registry.measured()}
    handles = followers["handle"].astype("string").str.casefold().isin(measured)
    observed = pd.to_datetime(followers["observed_at"], utc=True)
    if bool((handles & (observed >= lo) & (observed < hi)).fillna(False).any()):
        return True
    ends = pd.DatetimeIndex([lo, hi])
    for account in registry.measured():
        snaps = account_snapshots(followers, account.handle)
        if not snaps.empty and np.isfinite(followers_at(snaps, ends, opened=None)).any():
            return True
    return False
