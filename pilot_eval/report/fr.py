"""French formatting for the directors' pages.

Numbers use a narrow no-break space (U+202F) as the thousands separator and a comma as
the decimal mark (``12 345``, ``3,4``); percentages put a no-break space before ``%``
(``3,4 %``); dates are written out (``23 décembre 2013``). A missing value (None, NaN,
NA) is written :data:`MISSING` ("non calculable"), never as a made-up number.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from numbers import Number

import pandas as pd

#: Thousands separator: narrow no-break space (typographic rule of the Imprimerie nationale).
THOUSANDS = "\u202f"
#: Space before ``%`` and other units: no-break space.
NBSP = "\u00a0"
#: What a value that cannot be computed is written as.
MISSING = "non calculable"
#: Its short form in wide tables (explained in the table's caption).
MISSING_SHORT = "n.\u00a0c."
#: What is written for an account of which the data set holds nothing at all (no
#: tweet, no follower snapshot): not 0, which would say it posted nothing.
NO_DATA = "pas de données"
#: What is written for an account that opened after the period (0 days in it): not the
#: 0 followers of its opening day, which lies outside the period.
NOT_OPEN = "non ouvert"

MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
#: Abbreviated month names (Imprimerie nationale usage: no dot after a whole word).
MONTHS_SHORT = (
    "janv.", "févr.", "mars", "avr.", "mai", "juin",
    "juil.", "août", "sept.", "oct.", "nov.", "déc.",
)  # fmt: skip
#: Weekday names, Monday first (``datetime.weekday()`` order).
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
WEEKDAYS_SHORT = ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim.")


def is_missing(value: object) -> bool:
    """True for None, NaN, ``pd.NA`` and ``pd.NaT``."""
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def number(value: object, decimals: int = 0, *, missing: str = MISSING) -> str:
    """A number in French: ``12 345``, ``3,4``, ``-1 517,25``.

    Parameters
    ----------
    value
        Any real number; None/NaN gives ``missing``.
    decimals
        Digits after the decimal comma (rounded half away from zero by Python's format).
    """
    if is_missing(value) or not isinstance(value, Number | str):
        return missing
    x = float(value)
    if math.isinf(x):
        return missing
    text = f"{x:,.{decimals}f}"
    if text.startswith("-") and float(text.replace(",", "")) == 0:
        text = text[1:]  # no "-0"
    return text.replace(",", THOUSANDS).replace(".", ",")


def integer(value: object, *, missing: str = MISSING) -> str:
    """A whole number in French: ``12 345``."""
    return number(value, 0, missing=missing)


def decimal(value: object, decimals: int = 1, *, missing: str = MISSING) -> str:
    """A decimal number in French, ``decimals`` digits after the comma: ``3,4``."""
    return number(value, decimals, missing=missing)


def _two_significant(x: float, decimals: int) -> int:
    """``decimals``, or more below 1 so that two significant digits of ``x`` show
    (0.026 → 3), at most 3 more."""
    if x == 0 or not math.isfinite(x) or abs(x) >= 1:
        return decimals
    return min(max(decimals, 1 - math.floor(math.log10(abs(x)))), decimals + 3)


def per_day(value: object, decimals: int = 1, *, missing: str = MISSING) -> str:
    """A rate such as tweets or followers per day: ``decimals`` digits after the comma,
    more below 1 so that two significant digits show (2/78 → ``0,026``, not ``0,0``)."""
    if is_missing(value) or not isinstance(value, Number | str):
        return missing
    x = float(value)
    if x == 0:
        return "0"
    return number(x, _two_significant(x, decimals), missing=missing)


def percent(value: object, decimals: int = 1, *, missing: str = MISSING) -> str:
    """A percentage already in percent units (3.4 → ``3,4 %``); with ``decimals`` ≥ 1,
    small values keep two significant digits (0.023 → ``0,023 %``, not ``0,02 %``)."""
    if is_missing(value):
        return missing
    if decimals >= 1 and isinstance(value, Number | str):
        decimals = _two_significant(float(value), decimals)
    return f"{number(value, decimals, missing=missing)}{NBSP}%"


def share(value: object, decimals: int = 0, *, missing: str = MISSING) -> str:
    """A share in [0, 1] as a percentage (0.25 → ``25 %``)."""
    if is_missing(value):
        return missing
    return percent(100 * float(value), decimals, missing=missing)


def signed(value: object, decimals: int = 0, *, missing: str = MISSING) -> str:
    """A number with an explicit sign: ``+1 517``, ``−3,2`` (U+2212 minus)."""
    if is_missing(value):
        return missing
    x = float(value)
    body = number(abs(x), decimals)
    if body.strip("0,") == "":
        return body
    return ("+" if x > 0 else "\u2212") + body


def interval(low: object, high: object, decimals: int = 1, *, missing: str = MISSING) -> str:
    """A confidence interval in French: ``[3,0 ; 5,0]``; bounds below 1 keep two
    significant digits when ``decimals`` ≥ 1 (``[0,020 ; 0,027]``, not ``[0,02 ; 0,03]``)."""
    if is_missing(low) or is_missing(high):
        return missing
    if decimals >= 1:
        nonzero = [abs(float(v)) for v in (low, high) if float(v) != 0]
        decimals = _two_significant(min(nonzero), decimals) if nonzero else decimals
    return f"[{number(low, decimals)}{NBSP};{NBSP}{number(high, decimals)}]"


def _as_date(value: object) -> date | None:
    if is_missing(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def long_date(value: object, *, weekday: bool = False, missing: str = MISSING) -> str:
    """A date in French: ``23 décembre 2013`` (``1er`` for the first of the month).

    ``weekday=True`` prefixes the day name: ``lundi 23 décembre 2013``. Accepts a
    ``date``, ``datetime``, ``Timestamp`` (its local date as given) or ISO string.
    """
    d = _as_date(value)
    if d is None:
        return missing
    day = "1er" if d.day == 1 else str(d.day)
    text = f"{day} {MONTHS[d.month - 1]} {d.year}"
    return f"{WEEKDAYS[d.weekday()]} {text}" if weekday else text


def short_date(value: object, *, missing: str = MISSING) -> str:
    """A compact date for tables and axes: ``23/12/2013``."""
    d = _as_date(value)
    return missing if d is None else d.strftime("%d/%m/%Y")


def short_day_month(value: object, *, missing: str = MISSING) -> str:
    """A day and abbreviated month for chart axes: ``1 avr.``, ``25 déc.``, ``3 mars``."""
    d = _as_date(value)
    return missing if d is None else f"{d.day} {MONTHS_SHORT[d.month - 1]}"


def period(start: object, end: object) -> str:
    """A period in words: ``du 23 décembre 2013 au 31 mars 2014``; ``le 14 janvier 2014``
    for a single day."""
    if _as_date(start) is not None and _as_date(start) == _as_date(end):
        return f"le {long_date(start)}"
    return f"du {long_date(start)} au {long_date(end)}"


def clock(value: datetime) -> str:
    """A time of day in French: ``16 h 05`` (non-breaking spaces)."""
    return f"{value.hour}{NBSP}h{NBSP}{value.minute:02d}"


def weekday_name(index: int, *, short: bool = False) -> str:
    """Weekday name from ``datetime.weekday()`` (0 = lundi)."""
    return (WEEKDAYS_SHORT if short else WEEKDAYS)[int(index)]


def plural(n: object, singular: str, plural_form: str | None = None) -> str:
    """``n`` and the noun agreed in French (0 and 1 are singular): ``1 517 abonnés``."""
    if is_missing(n):
        return f"{MISSING}"
    word = singular if abs(float(n)) < 2 else (plural_form or singular + "s")
    decimals = 0 if float(n).is_integer() else 1
    return f"{number(n, decimals)} {word}"
