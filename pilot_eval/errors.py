"""Errors a user can act on.

Raise :class:`UserError` for anything caused by the user's input (unknown handle,
unreadable file, start after end, no data in the period, no network). The CLI prints
its message as one line on stderr and exits with :attr:`UserError.exit_code`; it never
shows a traceback for them.
"""

from __future__ import annotations

import sys


class UserError(Exception):
    """A mistake or a condition the user must fix; the message is one readable line."""

    exit_code: int = 2

    def __init__(self, message: str, *, exit_code: int | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code


def is_interrupt(exc: BaseException) -> bool:
    """Whether ``exc`` is the user's Ctrl-C: ``KeyboardInterrupt``, or DuckDB reporting
    it during a query. duckdb 2.0 raises ``RuntimeError("Query interrupted")`` (checked
    with SIGINT during a ``read_json``; review), and has an ``InterruptException`` class
    too. Code that catches broad errors asks this first, so that Ctrl-C stops the run
    instead of becoming, say, an unreadable file."""
    if isinstance(exc, KeyboardInterrupt):
        return True
    duckdb = sys.modules.get("duckdb")  # imported lazily: without it, no query ran
    if duckdb is not None and isinstance(exc, duckdb.InterruptException):
        return True
    return isinstance(exc, RuntimeError) and str(exc).startswith("Query interrupted")
