"""Period boundaries (SPEC section 6).

A period is a pair of local dates ``start``..``end`` (inclusive) in Europe/Paris for
every account (Madrid keeps the same clock), i.e. the instants
``[start 00:00, end+1 00:00)`` Paris time, returned here in UTC. The switch to summer
time on 30 March 2014 is handled by the time-zone database: 31 March 2014 00:00 Paris is
30 March 22:00 UTC, 1 April 2014 00:00 Paris is 31 March 22:00 UTC.
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from pilot_eval.config import TIMEZONE
from pilot_eval.registry import Account


def local_midnight(day: date, tz: str = TIMEZONE) -> pd.Timestamp:
    """The instant 00:00 local time of ``day`` in ``tz``, as a UTC timestamp.

    Examples
    --------
    >>> local_midnight(date(2014, 4, 1))
    Timestamp('2014-03-31 22:00:00+0000', tz='UTC')
    """
    return pd.Timestamp(day.isoformat()).tz_localize(tz).tz_convert("UTC")


def period_bounds(start: date, end: date, tz: str = TIMEZONE) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The UTC instants ``[start 00:00, end+1 00:00)`` local time in ``tz``.

    Parameters
    ----------
    start, end
        First and last local day of the period, inclusive.
    tz
        IANA time zone of the boundaries (Europe/Paris for every account).

    Returns
    -------
    (pd.Timestamp, pd.Timestamp)
        Inclusive lower bound and exclusive upper bound, tz-aware UTC.
    """
    return local_midnight(start, tz), local_midnight(end + timedelta(days=1), tz)


def effective_start(account: Account | None, start: date) -> date:
    """The later of ``start`` and the account's registry opening date (if any)."""
    opened = getattr(account, "opened", None)
    if opened is not None and opened > start:
        return opened
    return start


def period_days(first: date, end: date) -> int:
    """Local calendar days from ``first`` to ``end`` inclusive (0 when ``first > end``)."""
    return max((end - first).days + 1, 0)
