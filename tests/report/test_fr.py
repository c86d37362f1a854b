"""French formatting (pilot_eval.report.fr)."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from pilot_eval.report import fr

NNBSP = "\u202f"
NBSP = "\u00a0"


def test_integer_uses_narrow_no_break_space():
    assert fr.integer(12345) == f"12{NNBSP}345"
    assert fr.integer(1234567) == f"1{NNBSP}234{NNBSP}567"
    assert fr.integer(999) == "999"


def test_decimal_comma_and_rounding():
    assert fr.decimal(3.44) == "3,4"
    assert fr.decimal(19.449, 2) == "19,45"
    assert fr.decimal(-0.04) == "0,0"
    assert fr.decimal(1517.25, 2) == f"1{NNBSP}517,25"


def test_percent_and_share():
    assert fr.percent(3.4) == f"3,4{NBSP}%"
    assert fr.share(0.25) == f"25{NBSP}%"
    # @policia's rate per follower: two significant digits, not 0,02 %
    assert fr.percent(0.0234, 2) == f"0,023{NBSP}%"
    assert fr.percent(0.21, 2) == f"0,21{NBSP}%"
    assert fr.interval(0.0201, 0.0266, 2) == f"[0,020{NBSP};{NBSP}0,027]"
    assert fr.interval(0.0, 0.15, 2) == f"[0,00{NBSP};{NBSP}0,15]"


def test_missing_values_say_non_calculable():
    for value in (None, float("nan"), pd.NA, np.nan, float("inf")):
        assert fr.number(value) == "non calculable"
    assert fr.percent(None) == "non calculable"
    assert fr.interval(1.0, None) == "non calculable"
    assert fr.long_date(None) == "non calculable"


def test_dates_in_words():
    assert fr.long_date(date(2013, 12, 23)) == "23 décembre 2013"
    assert fr.long_date("2014-03-01") == "1er mars 2014"
    assert fr.long_date(date(2013, 12, 23), weekday=True) == "lundi 23 décembre 2013"
    assert fr.period("2013-12-23", "2014-03-31") == "du 23 décembre 2013 au 31 mars 2014"
    assert fr.period("2014-01-14", date(2014, 1, 14)) == "le 14 janvier 2014"
    assert fr.clock(pd.Timestamp("2014-03-30 02:05")) == f"2{NBSP}h{NBSP}05"
    assert fr.short_date(pd.Timestamp("2014-02-04")) == "04/02/2014"


def test_signed_interval_plural_weekday():
    assert fr.signed(1517) == f"+1{NNBSP}517"
    assert fr.signed(-3.2, 1) == "\u22123,2"
    assert fr.interval(3, 5) == f"[3,0{NBSP};{NBSP}5,0]"
    assert fr.plural(1, "abonné") == "1 abonné"
    assert fr.plural(1517, "abonné") == f"1{NNBSP}517 abonnés"
    assert fr.weekday_name(6) == "dimanche"


def test_per_day_keeps_two_significant_digits_below_one():
    assert fr.per_day(2 / 78) == "0,026"
    assert fr.per_day(0.5) == "0,50"
    assert fr.per_day(0.04) == "0,040"
    assert fr.per_day(3.1414) == "3,1"
    assert fr.per_day(0) == "0"
    assert fr.per_day(None) == fr.MISSING


def test_short_month_names_are_the_french_abbreviations():
    assert fr.MONTHS_SHORT == (
        "janv.", "févr.", "mars", "avr.", "mai", "juin",
        "juil.", "août", "sept.", "oct.", "nov.", "déc.",
    )  # fmt: skip
    assert fr.short_day_month(date(2014, 4, 1)) == "1 avr."
    assert fr.short_day_month(date(2013, 12, 25)) == "25 déc."
    assert fr.short_day_month(date(2014, 3, 3)) == "3 mars"
