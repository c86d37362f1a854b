"""The analyst's manual labels: they win over the classifier and measure it."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pandas as pd

from pilot_eval.classify.categories import CATEGORIES
from pilot_eval.errors import UserError

#: The labels file inside ``--data-dir``.
LABELS_FILE = "labels.csv"


def read_labels_csv(path: str | Path) -> pd.DataFrame:
    """Read a labels CSV (``tweet_id,category``; extra columns ignored).

    Returns
    -------
    pandas.DataFrame
        ``tweet_id`` (int64), ``category`` (one of :data:`CATEGORIES`); the last label
        of a tweet wins.

    Raises
    ------
    UserError
        Missing or unreadable file, missing column, a tweet id that is not an integer or
        an unknown category; the message names the file and the line.
    """
    from pilot_eval.ingest.formats._rows import read_csv_text

    path = Path(path)
    try:
        text, delimiter, _ = read_csv_text(path)  # ',' or ';', UTF-8 or Windows-1252
        with io.StringIO(text, newline="") as handle:
            reader = csv.DictReader(handle, delimiter=delimiter)
            fields = [f.strip() for f in (reader.fieldnames or [])]
            id_col = next((f for f in ("tweet_id", "id") if f in fields), None)
            if id_col is None or "category" not in fields:
                raise UserError(
                    f"{path}: a labels file needs the columns tweet_id,category "
                    f"(found: {', '.join(fields) or 'nothing'})"
                )
            reader.fieldnames = fields
            ids: list[int] = []
            cats: list[str] = []
            for row in reader:
                line = reader.line_num
                raw_id = (row.get(id_col) or "").strip()
                cat = (row.get("category") or "").strip().lower()
                if not raw_id and not cat:
                    continue
                try:
                    ids.append(int(raw_id))
                except ValueError:
                    raise UserError(
                        f"{path}, line {line}: tweet id {raw_id!r} is not an integer"
                    ) from None
                if cat not in CATEGORIES:
                    raise UserError(
                        f"{path}, line {line}: unknown category {cat!r} "
                        f"(known: {', '.join(CATEGORIES)})"
                    )
                cats.append(cat)
    except FileNotFoundError:
        raise UserError(f"{path}: labels file not found") from None
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise UserError(f"{path}: cannot read the labels file ({exc})") from exc
    frame = pd.DataFrame(
        {"tweet_id": np.array(ids, dtype="int64"), "category": pd.Series(cats, dtype=object)}
    )
    return frame.drop_duplicates("tweet_id", keep="last").reset_index(drop=True)


def load_labels(data_dir: str | Path) -> pd.DataFrame | None:
    """The analyst's labels ``DATA_DIR/labels.csv``, or None when there is no such file.

    See :func:`read_labels_csv` for the format and the errors.
    """
    path = Path(data_dir) / LABELS_FILE
    if not path.exists():
        return None
    return read_labels_csv(path)


def measure_against_labels(predicted: pd.DataFrame, labels: pd.DataFrame) -> dict:
    """Accuracy of the classifier on the analyst's own labels.

    Parameters
    ----------
    predicted
        ``tweet_id`` and ``category`` as the *model* predicted them (if a
        ``model_category`` column is present, it is used instead of ``category``, so
        the output of :func:`categorize` with labels applied can be passed directly).
    labels
        ``tweet_id``, ``category`` (the truth).

    Returns
    -------
    dict
        ``n`` (labelled tweets found among the predictions), ``accuracy`` and
        ``macro_f1`` (None when ``n`` is 0), ``per_category``: {code: {precision,
        recall, support}}.
    """
    from sklearn.metrics import f1_score, precision_recall_fscore_support

    col = "model_category" if "model_category" in predicted.columns else "category"
    pred = predicted[["tweet_id", col]].rename(columns={col: "predicted"})
    joined = labels[["tweet_id", "category"]].merge(pred, on="tweet_id", how="inner")
    n = len(joined)
    if n == 0:
        return {"n": 0, "accuracy": None, "macro_f1": None, "per_category": {}}
    truth, guess = joined["category"].to_numpy(), joined["predicted"].to_numpy()
    present = [c for c in CATEGORIES if c in set(truth) | set(guess)]
    p, r, _, s = precision_recall_fscore_support(truth, guess, labels=present, zero_division=0)
    return {
        "n": int(n),
        "accuracy": float((truth == guess).mean()),
        "macro_f1": float(
            f1_score(
                truth,
                guess,
                labels=[c for c in present if c in set(truth)],
                average="macro",
                zero_division=0,
            )
        ),
        "per_category": {
            c: {"precision": float(p[i]), "recall": float(r[i]), "support": int(s[i])}
            for i, c in enumerate(present)
        },
    }
