"""The numbers of the assessment (SPEC section 6): pure functions, DataFrames in and out.

Modules
-------
period
    Period boundaries in Europe/Paris, effective start, days.
followers
    ``followers_at`` (interpolation, opening, 45-day and 3-day rules) and growth series.
engagement
    Tweets of the period, the engagement set, per-tweet engagement and rates.
content
    Category shares and engagement by category.
stats
    Bootstrap intervals for medians and the comparisons between accounts.
behaviour
    Posting behaviour in local time and the conversation rate.
kpis
    The KPI dictionary of SPEC section 6 and the ``pilot-eval kpis`` command (the only
    module that reads tables).
"""
