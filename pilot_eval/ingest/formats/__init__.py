"""Input format readers, tried in order by :func:`detect` (SPEC section 4).

Each module of this package defines ``READER``, an object with ``name``, ``sniff``
and ``read`` (:class:`pilot_eval.ingest.base.Reader`). The first reader whose
``sniff`` accepts a file's head reads it; the order below goes from the most specific
signature to the most general.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from pilot_eval.ingest.base import Reader, read_head

#: Reader modules in detection order (most specific first). They are imported when
#: detection reaches them, so that a run over snscrape files never imports the other
#: readers (nor pandas, which they use).
MODULES: list[str] = [
    "sample_params",  # the simulated sample's generating parameters (JSON)
    "snscrape",  # snscrape JSON lines (``_type`` snscrape.modules.twitter.*)
    "twarc2",  # Twitter API v2 pages / twarc2 JSON lines
    "archive",  # account archive tweets.js / tweet.js (+ account.js etc.)
    "analytics",  # Twitter Analytics tweet-activity CSV
    "twarc_csv",  # twarc-csv flattened CSV
    "followers_csv",  # handle,observed_at,followers[,following,tweets]
    "datecount",  # date,count follower histories and manual monthly logs
]


def reader(module: str) -> Reader:
    """The ``READER`` of format module ``module`` (one of :data:`MODULES`)."""
    return importlib.import_module(f"{__name__}.{module}").READER


def detect(path: Path) -> Reader | None:
    """The reader for ``path``, recognised by content; None for an unknown format."""
    head = read_head(path)
    if not head.strip():
        return None
    for module in MODULES:
        candidate = reader(module)
        if candidate.sniff(head, path):
            return candidate
    return None


def context_stamp(name: str | None, path: Path) -> str | None:
    """A fingerprint of the other files that a read of ``path`` by format ``name``
    depends on (``Reader.context_stamp``, when the format has one), else None.

    Ingest reads a file again when its stamp changed, even if the file did not.
    """
    if name not in MODULES:
        return None
    stamp = getattr(reader(name), "context_stamp", None)
    return stamp(path) if stamp is not None else None
