"""Errors a user can act on.

Raise :class:`UserError` for anything caused by the user's input (unknown handle,
unreadable file, start after end, no data in the period, no network). The CLI prints
its message as one line on stderr and exits with :attr:`UserError.exit_code`; it never
shows a traceback for them.
"""

from __future__ import annotations


class UserError(Exception):
    """A mistake or a condition the user must fix; the message is one readable line."""

    exit_code: int = 2

    def __init__(self, message: str, *, exit_code: int | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code
