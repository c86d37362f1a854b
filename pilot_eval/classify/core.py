"""Categorise tweets: manual labels first, then the model, with an on-disk cache."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from pilot_eval.classify.model import get_model, model_version
from pilot_eval.errors import UserError

#: Gives the texts of tweet ids (a Series aligned with the ids given), for callers
#: that pass ``text_hash`` instead of ``text`` (see :func:`categorize`).
TextLoader = Callable[[pd.Series], pd.Series]

#: Output columns of :func:`categorize`.
COLUMNS = ["tweet_id", "category", "category_source", "confidence", "cues"]
#: The cache file inside ``cache_dir``.
CACHE_FILE = "categories.parquet"


def _empty() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "tweet_id": pd.Series(dtype="int64"),
            "category": pd.Series(dtype=object),
            "category_source": pd.Series(dtype=object),
            "confidence": pd.Series(dtype="float64"),
            "cues": pd.Series(dtype=object),
        }
    )


def hash_scheme() -> str:
    """How :func:`text_hash` keys texts: DuckDB's ``hash()`` of this DuckDB version.

    Part of the cache's version: DuckDB does not promise the same hash across its
    versions, so an upgrade rebuilds the cache instead of missing every row.
    """
    import duckdb

    return f"duckdb-hash-{duckdb.__version__}"


def text_hash_sql(column: str) -> str:
    """DuckDB SQL for :func:`text_hash` of ``column`` (readers of Parquet use it directly)."""
    return f"hash(coalesce({column}, ''))"


def text_hash(texts: pd.Series) -> np.ndarray:
    """A 64-bit key per text (null counts as ""): DuckDB's ``hash()`` of the text.

    Computed by DuckDB over the Arrow data, in order, without making a Python string
    per row: 1M texts take about 0.1 s where pandas' object hashing took 2.4 s (issue
    8); an MD5 took 0.6 s more. Keys identify texts for the classifier's cache only
    (a collision among a million texts has odds of about 1 in 40 million); see
    :func:`hash_scheme`. Returns ``uint64`` values aligned with ``texts``.
    """
    import duckdb
    import pyarrow as pa

    column = pa.Array.from_pandas(texts.reset_index(drop=True), type=pa.large_string())
    con = duckdb.connect()
    try:
        con.register("_texts", pa.table({"t": column}))
        out = con.execute(f"SELECT {text_hash_sql('t')} AS h FROM _texts").fetchnumpy()
    finally:
        con.close()
    return np.asarray(out["h"], dtype=np.uint64)


#: From this many distinct texts, the model runs in parallel worker processes. Each
#: worker first starts and loads the model (about 2 s) and the model classifies about
#: 40,000 texts per second per core (bench texts), so smaller batches stay in this
#: process: measured on 2 cores (issue 8), 100,000 texts took 2.4 s in this process and
#: 4.2 s in 2 new workers; 200,000 texts about 5 s either way.
PARALLEL_FROM = 200_000
#: Distinct texts per task (and per step of the progress bar).
CHUNK = 20_000
#: From this many distinct texts, a progress bar on stderr (when it is a terminal).
PROGRESS_FROM = 20_000


def _predict_chunk(
    texts: list[str], explain: bool = True
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Normalise and classify raw texts (runs in a worker process for big batches)."""
    pred = get_model().predict(texts, normalized=False, explain=explain)
    cues = np.full(len(texts), None, dtype=object) if pred.cues is None else pred.cues
    return np.asarray(pred.category, dtype=object), np.asarray(pred.confidence), cues


def _predict_unique(
    texts: list[str], explain: bool = True
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Classify distinct texts, in worker processes for big batches, with a progress bar."""
    from tqdm import tqdm

    if not texts:
        return np.array([], dtype=object), np.array([], dtype="float64"), np.array([], dtype=object)
    chunks = [texts[i : i + CHUNK] for i in range(0, len(texts), CHUNK)]
    bar = tqdm(
        total=len(texts),
        desc="classify",
        unit="text",
        unit_scale=True,
        file=sys.stderr,
        leave=False,
        disable=True if len(texts) < PROGRESS_FROM else None,  # None: only on a terminal
    )
    with bar:
        if len(texts) < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
            parts = []
            for chunk in chunks:
                parts.append(_predict_chunk(chunk, explain))
                bar.update(len(chunk))
        else:
            from joblib import Parallel, delayed

            get_model()  # trains and saves model.joblib once, before the workers load it
            jobs = min(os.cpu_count() or 1, 8)
            run = Parallel(n_jobs=jobs, return_as="generator")
            parts = []
            for chunk, part in zip(
                chunks, run(delayed(_predict_chunk)(c, explain) for c in chunks), strict=True
            ):
                parts.append(part)
                bar.update(len(chunk))
    return (
        np.concatenate([p[0] for p in parts]),
        np.concatenate([p[1] for p in parts]),
        np.concatenate([np.asarray(p[2], dtype=object) for p in parts]),
    )


def classify_texts(
    texts: pd.Series, lang: pd.Series | None = None, *, explain: bool = True
) -> pd.DataFrame:
    """Model predictions for raw texts (no labels, no cache).

    Each distinct text is classified once; big batches run in parallel processes.

    Parameters
    ----------
    texts
        Tweet texts as displayed (null gives an empty text).
    lang
        Accepted for symmetry with the tables and ignored: the model is trained on
        French and Spanish together and every cue of the lexicon is tried on every
        text, so a missing or wrong language cannot mislead it.
    explain
        False leaves ``cues`` null (faster: the KPIs need only the category).

    Returns
    -------
    pandas.DataFrame
        Same index as ``texts``: ``category``, ``confidence`` (0–1: softmax of the
        classifier's margins for the chosen category), ``cues`` (the lexicon cues of
        that category that fired, then the words that weighed most).
    """
    del lang
    values = texts.astype(object).where(texts.notna(), "")
    codes, uniques = pd.factorize(values.to_numpy())
    if len(uniques) == 0:
        return pd.DataFrame(
            {
                "category": pd.Series(dtype=object),
                "confidence": pd.Series(dtype="float64"),
                "cues": pd.Series(dtype=object),
            },
            index=texts.index,
        )
    cats, conf, cues = _predict_unique([str(u) for u in uniques], explain)
    return pd.DataFrame(
        {
            "category": cats[codes],
            "confidence": conf.astype("float64")[codes],
            "cues": cues[codes],
        },
        index=texts.index,
    )


def _read_cache(path: Path, version: str, columns: list[str] | None = None) -> pd.DataFrame | None:
    if not path.exists():
        return None
    try:
        cached = pd.read_parquet(path, columns=columns)
    except Exception:  # a corrupt cache is rebuilt, never fatal
        return None
    if cached.empty or "version" not in cached.columns or (cached["version"] != version).any():
        return None
    return cached


def _write_cache(path: Path, frame: pd.DataFrame) -> None:
    """Best effort: a read-only folder or a full disk leaves the cache as it was (the
    categories are computed anyway; they are only not kept for the next run)."""
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        frame.to_parquet(tmp, index=False)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


def _model_rows(
    tweets: pd.DataFrame, cache_dir: Path | None, texts: TextLoader | None, cues: bool
) -> pd.DataFrame:
    """``category, confidence, cues`` from the model for every row (cached by id + text).

    ``tweets`` has ``text`` or ``text_hash`` (:func:`text_hash`); without ``text``, the
    texts of the rows the cache does not hold come from ``texts``. With ``cues=False``
    the cache is read without its ``cues`` column (null in the output): the KPIs need
    only the category, and a million cue strings cost seconds.
    """

    def texts_of(rows: pd.DataFrame) -> pd.Series:
        if "text" in rows.columns:
            return rows["text"]
        if texts is None:
            raise UserError("categorize: texts are needed for tweets the cache does not hold")
        loaded = texts(rows["tweet_id"]).to_numpy(dtype=object)
        return pd.Series(loaded, index=rows.index, dtype=object)

    if cache_dir is None:
        return classify_texts(texts_of(tweets), explain=cues)
    version = f"{model_version()}+{hash_scheme()}"  # cheap: no training needed
    path = Path(cache_dir) / CACHE_FILE
    keys = pd.DataFrame(
        {
            "tweet_id": tweets["tweet_id"].astype("int64").to_numpy(),
            "text_hash": (
                tweets["text_hash"].to_numpy(dtype=np.uint64)
                if "text_hash" in tweets.columns
                else text_hash(tweets["text"])
            ),
        }
    )
    light = None if cues else ["tweet_id", "text_hash", "category", "confidence", "version"]
    cached = _read_cache(path, version, light)
    if cached is not None:
        hit = keys.merge(cached, on=["tweet_id", "text_hash"], how="left")
        if not cues:
            hit["cues"] = None
    else:
        hit = keys.assign(category=None, confidence=np.nan, cues=None)
    missing = hit["category"].isna().to_numpy()
    if cues:  # rows classified for the KPIs were not explained
        missing = missing | hit["cues"].isna().to_numpy()
    if missing.any():
        sub = tweets.iloc[np.flatnonzero(missing)]
        fresh = classify_texts(texts_of(sub), explain=cues)
        for col in ("category", "confidence", "cues"):
            values = (
                hit[col].astype(object if col != "confidence" else "float64").to_numpy(copy=True)
            )
            values[missing] = fresh[col].to_numpy()
            hit[col] = values
        new = hit.loc[missing, ["tweet_id", "text_hash", "category", "confidence", "cues"]]
        new = new.assign(version=version)
        full = _read_cache(path, version) if cached is not None else None
        if full is not None:
            new = pd.concat([full, new], ignore_index=True)
        new = new.drop_duplicates(["tweet_id", "text_hash"], keep="last")
        _write_cache(path, new)
    return pd.DataFrame(
        {
            "category": hit["category"].to_numpy(),
            "confidence": hit["confidence"].to_numpy(),
            "cues": hit["cues"].to_numpy(),
        },
        index=tweets.index,
    )


def categorize(
    tweets: pd.DataFrame,
    *,
    labels: pd.DataFrame | None = None,
    cache_dir: Path | None = None,
    texts: TextLoader | None = None,
    cues: bool = True,
) -> pd.DataFrame:
    """Assign a content category (SPEC section 7) to every tweet.

    Parameters
    ----------
    tweets
        ``tweet_id`` (int), ``text``; a ``lang`` column may be present but is not
        needed (see :func:`classify_texts`). Not modified. Instead of ``text``, a
        ``text_hash`` column (:func:`text_hash`) with ``texts`` and ``cache_dir``:
        only the tweets the cache does not hold are then read.
    labels
        Manual labels ``tweet_id, category`` (see :func:`load_labels`): they win.
    cache_dir
        Where to keep ``categories.parquet``, results keyed by tweet id, a hash of the
        text and the model version; repeated calls then skip the model.
    texts
        Gives the texts of tweet ids, when ``tweets`` has ``text_hash`` and no ``text``.
    cues
        False leaves ``cues`` null and reads the cache without them (faster).

    Returns
    -------
    pandas.DataFrame
        One row per input row, same order and index: ``tweet_id``, ``category``,
        ``category_source`` (``"label"`` or ``"model"``), ``confidence`` (0–1; 1.0 for a
        label), ``cues`` (why: lexicon cues that fired and the words that weighed most;
        for a label, ``"manual label"`` and the model's opinion).

    Examples
    --------
    >>> categorize(pd.DataFrame({"tweet_id": [1], "text": ["Appel à témoins : contactez le 17"]}))
    ... # doctest: +SKIP
    """
    missing = [c for c in ("tweet_id", "text") if c not in tweets.columns]
    if missing == ["text"] and "text_hash" in tweets.columns and texts is not None:
        missing = []
    if missing:
        raise UserError(
            f"categorize: missing column(s) {', '.join(missing)} (found: {', '.join(map(str, tweets.columns))})"
        )
    if tweets.empty:
        return _empty()
    try:
        tweets = tweets.assign(tweet_id=tweets["tweet_id"].astype("int64"))
    except (TypeError, ValueError):
        raise UserError("categorize: tweet_id must hold integer tweet ids") from None
    model = _model_rows(tweets, cache_dir, texts, cues)
    out = pd.DataFrame(
        {
            "tweet_id": tweets["tweet_id"].astype("int64").to_numpy(),
            "category": model["category"].to_numpy(dtype=object),
            "category_source": "model",
            "confidence": model["confidence"].to_numpy(dtype="float64"),
            "cues": model["cues"].to_numpy(dtype=object),
        },
        index=tweets.index,
    )
    if labels is not None and not labels.empty:
        manual = labels.drop_duplicates("tweet_id", keep="last").set_index("tweet_id")["category"]
        found = out["tweet_id"].map(manual)
        has = found.notna().to_numpy()
        if has.any():
            model_cat = out["category"].to_numpy(dtype=object)
            out.loc[has, "cues"] = ["manual label (model: " + str(c) + ")" for c in model_cat[has]]
            out.loc[has, "category"] = found[has].to_numpy()
            out.loc[has, "category_source"] = "label"
            out.loc[has, "confidence"] = 1.0
    return out
