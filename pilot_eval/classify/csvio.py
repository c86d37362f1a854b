"""``pilot-eval classify``: add a category to every row of any CSV of texts."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from pilot_eval.classify.core import classify_texts
from pilot_eval.classify.labels import read_labels_csv
from pilot_eval.errors import UserError


def _read_input(path: Path) -> tuple[pd.DataFrame, str]:
    """The CSV as text columns, and its delimiter: ``,`` or ``;`` (French Excel), in
    UTF-8 or Windows-1252 (as the ingest readers take them)."""
    from pilot_eval.ingest.formats._rows import read_csv_text

    if not path.exists():
        raise UserError(f"{path}: input file not found")
    if path.is_dir():
        raise UserError(f"{path}: is a directory, not a CSV file")
    try:
        text, delimiter, _ = read_csv_text(path)
        if "\x00" in text:
            raise UserError(f"{path}: not a text file (a CSV in UTF-8 or Windows-1252)")
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, sep=delimiter)
    except pd.errors.EmptyDataError:
        raise UserError(
            f"{path}: the file is empty (a CSV with a header line is expected)"
        ) from None
    except pd.errors.ParserError as exc:
        detail = str(exc).strip().splitlines()[-1] if str(exc).strip() else "cannot parse"
        raise UserError(f"{path}: malformed CSV ({detail})") from None
    except (OSError, EOFError, csv.Error) as exc:
        raise UserError(f"{path}: cannot read the file ({exc})") from None
    return frame, delimiter


def classify_csv(
    input: str | Path,
    output: str | Path,
    *,
    text_column: str = "text",
    lang_column: str | None = None,
    labels: str | Path | None = None,
) -> int:
    """Classify every row of a CSV and write it with ``category``, ``cues``, ``confidence``.

    Parameters
    ----------
    input, output
        CSV paths; the input in UTF-8 or Windows-1252, with ``,`` or ``;`` between
        cells, the output in UTF-8 with the input's separator. Every input column is kept, in order; ``category``,
        ``cues`` and ``confidence`` (0–1, rounded to 3 decimals) are added (replaced
        if present).
    text_column
        The column that holds the text.
    lang_column
        The column that holds the language (``fr``/``es``); detected when not given.
    labels
        A labels CSV (``tweet_id,category``) whose labels win; the input then needs a
        ``tweet_id`` or ``id`` column.

    Returns
    -------
    int
        Number of rows written.

    Raises
    ------
    UserError
        Missing, unreadable or malformed input; a missing column (named, with the
        available ones); labels without an id column in the input.
    """
    src, dst = Path(input), Path(output)
    frame, delimiter = _read_input(src)
    available = ", ".join(frame.columns) or "none"
    for name, what in ((text_column, "text"), (lang_column, "language")):
        if name is not None and name not in frame.columns:
            raise UserError(f"{src}: no {what} column {name!r} (available columns: {available})")
    lang = frame[lang_column] if lang_column else None
    pred = classify_texts(frame[text_column], lang)
    result = frame.drop(
        columns=[c for c in ("category", "cues", "confidence") if c in frame.columns]
    )
    result = result.assign(
        category=pred["category"].to_numpy(),
        cues=pred["cues"].to_numpy(),
        confidence=pred["confidence"].round(3).to_numpy(),
    )
    if labels is not None:
        manual = read_labels_csv(labels).set_index("tweet_id")["category"]
        id_col = next((c for c in ("tweet_id", "id") if c in frame.columns), None)
        if id_col is None:
            raise UserError(
                f"{src}: labels need a tweet_id or id column in the input (available columns: {available})"
            )
        ids = pd.to_numeric(frame[id_col], errors="coerce")
        found = ids.map(manual)
        has = found.notna().to_numpy()
        result.loc[has, "cues"] = "manual label"
        result.loc[has, "category"] = found[has].to_numpy()
        result.loc[has, "confidence"] = 1.0
    try:
        dst.parent.mkdir(parents=True, exist_ok=True)
        # as it came: ';' for French Excel, which then needs the BOM to read UTF-8
        result.to_csv(
            dst, index=False, sep=delimiter, encoding="utf-8-sig" if delimiter == ";" else "utf-8"
        )
    except OSError as exc:
        raise UserError(f"{dst}: cannot write the output ({exc.strerror})") from None
    return len(result)
