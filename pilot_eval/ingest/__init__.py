"""Ingestion: detect every raw file's format by content, read, validate, merge (SPEC 4-5).

:func:`ingest` is what ``pilot-eval ingest`` calls; readers live in
:mod:`pilot_eval.ingest.formats`, merge rules in :mod:`pilot_eval.ingest.merge`.
"""

from __future__ import annotations

from pilot_eval.ingest.pipeline import IngestSummary, ingest

__all__ = ["IngestSummary", "ingest"]
