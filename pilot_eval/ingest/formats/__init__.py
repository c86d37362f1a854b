"""Input format readers, tried in order by :func:`detect` (SPEC section 4).

Each module of this package defines ``READER``, an object with ``name``, ``sniff``
and ``read`` (:class:`pilot_eval.ingest.base.Reader`). The first reader whose
``sniff`` accepts a file's head reads it; the order below goes from the most specific
signature to the most general.
"""

from __future__ import annotations

from pathlib import Path

from pilot_eval.ingest.base import Reader, read_head
from pilot_eval.ingest.formats import (
    analytics,
    archive,
    datecount,
    followers_csv,
    sample_params,
    snscrape,
    twarc2,
    twarc_csv,
)

#: Readers in detection order (most specific first).
READERS: list[Reader] = [
    sample_params.READER,  # the simulated sample's generating parameters (JSON)
    snscrape.READER,  # snscrape JSON lines (``_type`` snscrape.modules.twitter.*)
    twarc2.READER,  # Twitter API v2 pages / twarc2 JSON lines
    archive.READER,  # account archive tweets.js / tweet.js (+ account.js etc.)
    analytics.READER,  # Twitter Analytics tweet-activity CSV
    twarc_csv.READER,  # twarc-csv flattened CSV
    followers_csv.READER,  # handle,observed_at,followers[,following,tweets]
    datecount.READER,  # date,count follower histories and manual monthly logs
]


def detect(path: Path) -> Reader | None:
    """The reader for ``path``, recognised by content; None for an unknown format."""
    head = read_head(path)
    if not head.strip():
        return None
    for reader in READERS:
        if reader.sniff(head, path):
            return reader
    return None
