"""Input format readers, tried in order by :func:`detect` (SPEC section 4).

Add a format by writing a module with a reader object and listing it in
:data:`READERS`. The first reader whose ``sniff`` accepts a file's head reads it.
"""

from __future__ import annotations

from pathlib import Path

from pilot_eval.ingest.base import Reader, read_head

#: Readers in detection order (most specific first). Filled by the format modules.
READERS: list[Reader] = []


def detect(path: Path) -> Reader | None:
    """The reader for ``path``, recognised by content; None for an unknown format."""
    head = read_head(path)
    if not head.strip():
        return None
    for reader in READERS:
        if reader.sniff(head, path):
            return reader
    return None
