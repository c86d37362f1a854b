"""Reader for the `datecount` input format (not written yet: sniffs nothing)."""

from __future__ import annotations

from pathlib import Path

from pilot_eval.ingest.base import ReadContext, ReadResult


class _Reader:
    name = "datecount"

    def sniff(self, head: bytes, path: Path) -> bool:
        return False

    def read(self, path: Path, ctx: ReadContext) -> ReadResult:
        raise NotImplementedError


READER = _Reader()
