"""Categorise tweets: manual labels first, then the model, with an on-disk cache."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd

from pilot_eval.classify.model import get_model, model_version
from pilot_eval.classify.text import normalize
from pilot_eval.errors import UserError

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


def _text_hash(texts: pd.Series) -> np.ndarray:
    return pd.util.hash_pandas_object(texts.astype(object).fillna(""), index=False).to_numpy()


#: From this many distinct texts, the model runs in parallel worker processes.
PARALLEL_FROM = 150_000
#: Distinct texts per worker task.
CHUNK = 50_000


def _predict_chunk(texts: list[str]) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Normalise and classify raw texts (runs in a worker process for big batches)."""
    normalized = [normalize(t) for t in texts]
    pred = get_model().predict(normalized)
    return np.asarray(pred.category, dtype=object), np.asarray(pred.confidence), pred.cues


def _predict_unique(texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    if len(texts) < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        cats, conf, cues = _predict_chunk(texts)
        return cats, conf, np.asarray(cues, dtype=object)
    from joblib import Parallel, delayed

    get_model()  # trains and saves model.joblib once, before the workers load it
    chunks = [texts[i : i + CHUNK] for i in range(0, len(texts), CHUNK)]
    jobs = min(os.cpu_count() or 1, 8)
    parts = Parallel(n_jobs=jobs)(delayed(_predict_chunk)(c) for c in chunks)
    return (
        np.concatenate([p[0] for p in parts]),
        np.concatenate([p[1] for p in parts]),
        np.concatenate([np.asarray(p[2], dtype=object) for p in parts]),
    )


def classify_texts(texts: pd.Series, lang: pd.Series | None = None) -> pd.DataFrame:
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
    cats, conf, cues = _predict_unique([str(u) for u in uniques])
    return pd.DataFrame(
        {
            "category": cats[codes],
            "confidence": conf.astype("float64")[codes],
            "cues": cues[codes],
        },
        index=texts.index,
    )


def _read_cache(path: Path, version: str) -> pd.DataFrame | None:
    if not path.exists():
        return None
    try:
        cached = pd.read_parquet(path)
    except Exception:  # a corrupt cache is rebuilt, never fatal
        return None
    if cached.empty or "version" not in cached.columns or (cached["version"] != version).any():
        return None
    return cached


def _write_cache(path: Path, frame: pd.DataFrame) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    frame.to_parquet(tmp, index=False)
    os.replace(tmp, path)


def _model_rows(tweets: pd.DataFrame, cache_dir: Path | None) -> pd.DataFrame:
    """``category, confidence, cues`` from the model for every row (cached by id + text)."""
    if cache_dir is None:
        return classify_texts(tweets["text"])
    version = model_version()  # cheap: no training needed to read the cache
    path = Path(cache_dir) / CACHE_FILE
    keys = pd.DataFrame(
        {
            "tweet_id": tweets["tweet_id"].astype("int64").to_numpy(),
            "text_hash": _text_hash(tweets["text"]),
        }
    )
    cached = _read_cache(path, version)
    if cached is not None:
        hit = keys.merge(cached, on=["tweet_id", "text_hash"], how="left")
    else:
        hit = keys.assign(category=None, confidence=np.nan, cues=None)
    missing = hit["category"].isna().to_numpy()
    if missing.any():
        sub = tweets.iloc[np.flatnonzero(missing)]
        fresh = classify_texts(sub["text"])
        for col in ("category", "confidence", "cues"):
            values = (
                hit[col].astype(object if col != "confidence" else "float64").to_numpy(copy=True)
            )
            values[missing] = fresh[col].to_numpy()
            hit[col] = values
        new = hit[["tweet_id", "text_hash", "category", "confidence", "cues"]].assign(
            version=version
        )
        if cached is not None:
            new = pd.concat([cached, new], ignore_index=True)
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
) -> pd.DataFrame:
    """Assign a content category (SPEC section 7) to every tweet.

    Parameters
    ----------
    tweets
        ``tweet_id`` (int), ``text``; a ``lang`` column may be present but is not
        needed (see :func:`classify_texts`). Not modified.
    labels
        Manual labels ``tweet_id, category`` (see :func:`load_labels`): they win.
    cache_dir
        Where to keep ``categories.parquet``, results keyed by tweet id, a hash of the
        text and the model version; repeated calls then skip the model.

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
    model = _model_rows(tweets, cache_dir)
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
