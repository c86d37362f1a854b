from datetime import date

import pandas as pd

from pilot_eval.metrics.period import effective_start, local_midnight, period_bounds, period_days
from pilot_eval.registry import Account


def test_period_bounds_cross_the_summer_time_switch():
    lo, hi = period_bounds(date(2013, 12, 23), date(2014, 3, 31))
    assert lo == pd.Timestamp("2013-12-22T23:00:00Z")  # winter time: UTC+1
    assert hi == pd.Timestamp("2014-03-31T22:00:00Z")  # 1 April 00:00 in summer time: UTC+2


def test_local_midnight_on_the_switch_day():
    assert local_midnight(date(2014, 3, 30)) == pd.Timestamp("2014-03-29T23:00:00Z")
    assert local_midnight(date(2014, 3, 31)) == pd.Timestamp("2014-03-30T22:00:00Z")


def test_effective_start_is_the_later_of_start_and_opening():
    a = Account("x", "x", "pilot", opened=date(2014, 1, 13))
    assert effective_start(a, date(2013, 12, 23)) == date(2014, 1, 13)
    assert effective_start(a, date(2014, 2, 1)) == date(2014, 2, 1)
    assert effective_start(Account("y", "y", "national"), date(2013, 12, 23)) == date(2013, 12, 23)


def test_days_inclusive():
    assert period_days(date(2013, 12, 23), date(2014, 3, 31)) == 99
    assert period_days(date(2014, 1, 13), date(2014, 3, 31)) == 78
    assert period_days(date(2014, 3, 31), date(2014, 3, 31)) == 1
    assert period_days(date(2014, 4, 2), date(2014, 3, 31)) == 0
