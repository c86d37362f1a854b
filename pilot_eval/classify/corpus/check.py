"""Validate the labelled tweet corpus (``fr.csv``, ``es.csv``) and print its counts.

Run from the repository root::

    python pilot_eval/classify/corpus/check.py

Checks, for every file: the header is exactly ``id,lang,category,text``; ids are
``<lang>-NNNN``, unique; ``lang`` matches the file; ``category`` is one of the nine
codes of SPEC section 7; ``text`` is 40 to 140 characters (the 2013 tweet limit);
no two texts are identical after normalisation (lower case, accents, URLs, mentions,
punctuation and spaces removed). Exit status 1 when any check fails.
"""

from __future__ import annotations

import csv
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

from pilot_eval.classify.categories import CATEGORIES

COLUMNS: list[str] = ["id", "lang", "category", "text"]
MIN_CHARS: int = 40
MAX_CHARS: int = 140
HERE = Path(__file__).resolve().parent


def normalise(text: str) -> str:
    """Return ``text`` folded for duplicate detection.

    Lower case, accents stripped, ``http(s)://...`` links and ``@mentions`` removed,
    every non-alphanumeric character removed.
    """
    text = re.sub(r"https?://\S+|@\w+", " ", text.lower())
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^0-9a-z]+", "", text)


def check_file(path: Path, lang: str) -> tuple[list[str], Counter[str]]:
    """Validate one corpus file.

    Parameters
    ----------
    path : Path
        The CSV file (UTF-8, RFC 4180 quoting).
    lang : str
        Expected value of the ``lang`` column and id prefix (``"fr"`` or ``"es"``).

    Returns
    -------
    tuple[list[str], Counter[str]]
        The problems found (one message each, empty when valid) and the number of
        rows per category.
    """
    problems: list[str] = []
    counts: Counter[str] = Counter()
    if not path.is_file():
        return [f"{path.name}: missing"], counts
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader, None)
        if header != COLUMNS:
            return [f"{path.name}: header {header!r}, expected {COLUMNS!r}"], counts
        seen_ids: set[str] = set()
        seen_texts: dict[str, str] = {}
        for line_no, row in enumerate(reader, start=2):
            where = f"{path.name}:{line_no}"
            if len(row) != len(COLUMNS):
                problems.append(f"{where}: {len(row)} fields")
                continue
            id_, row_lang, category, text = row
            if not re.fullmatch(rf"{lang}-\d{{4}}", id_):
                problems.append(f"{where}: bad id {id_!r}")
            if id_ in seen_ids:
                problems.append(f"{where}: duplicate id {id_}")
            seen_ids.add(id_)
            if row_lang != lang:
                problems.append(f"{where}: lang {row_lang!r}")
            if category not in CATEGORIES:
                problems.append(f"{where}: unknown category {category!r}")
            counts[category] += 1
            if not MIN_CHARS <= len(text) <= MAX_CHARS:
                problems.append(f"{where} ({id_}): {len(text)} characters")
            key = normalise(text)
            if key in seen_texts:
                problems.append(f"{where} ({id_}): same text as {seen_texts[key]}")
            seen_texts.setdefault(key, id_)
    return problems, counts


def main() -> int:
    """Check both files, print the counts per category, return the exit status."""
    status = 0
    for lang in ("fr", "es"):
        problems, counts = check_file(HERE / f"{lang}.csv", lang)
        for problem in problems:
            print(problem)
        status = status or int(bool(problems))
        total = sum(counts.values())
        print(f"{lang}: {total} rows")
        for category in CATEGORIES:
            print(
                f"  {category:<15} {counts[category]:>4}  {counts[category] / max(total, 1):6.1%}"
            )
    return status


if __name__ == "__main__":
    sys.exit(main())
