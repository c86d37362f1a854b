"""The numbers of the assessment (SPEC section 6): pure functions, DataFrames in and out.

Modules and their public functions
----------------------------------
period
    ``local_midnight``, ``period_bounds`` (UTC instants of ``[start 00:00, end+1 00:00)``
    Paris), ``effective_start``, ``period_days``.
followers
    ``followers_at`` (interpolation, opening, 45-day and 3-day rules), ``known_points``,
    ``followers_by_account``, ``daily_followers``, ``indexed_growth``,
    ``aligned_on_opening``, ``weekly_growth_rate``, ``weekly_growth``, ``loglinear_fit``.
engagement
    ``period_tweets``, ``engagement``, ``engagement_set``, ``missing_counts``,
    ``impression_rate``, ``tweet_engagement`` (the per-tweet table), ``local_times``.
content
    ``CATEGORIES``, ``category_counts``, ``category_share``, ``engagement_by_category``.
stats
    ``bootstrap_median_ci``, ``median_ci_table``, ``mann_whitney_vs_national``,
    ``kruskal_pilots``, ``chi2_category_mix``, ``negative_binomial_model``.
behaviour
    ``by_weekday_hour``, ``weekday_hour_counts``, ``conversation_rate``.
kpis
    ``compute_kpis`` (the dict of SPEC section 6), ``kpis_frame`` (the CSV),
    ``render_table``, ``with_categories``, ``kpis_command`` (``pilot-eval kpis``: the only
    function here that reads files).
"""
