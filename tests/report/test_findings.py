"""Sentences generated from the KPI dict (pilot_eval.report.findings)."""

from __future__ import annotations

from pilot_eval.report import findings as F

NNBSP = "\u202f"


def _k(**kw):
    base = {
        "role": "pilot", "days": 78, "followers_start": 0, "followers_end": 1517.0,
        "follower_gain": 1517.0, "follower_gain_pct": None, "daily_follower_gain": 1517 / 78,
        "tweets": 120, "originals": 90, "replies": 20, "quotes": 0, "retweets": 10,
        "tweets_per_day": 120 / 78, "median_engagement": 4.0, "median_engagement_ci95": [3.0, 5.0],
        "median_engagement_rate_pct": 0.21, "conversation_rate": 0.1667,
    }  # fmt: skip
    base.update(kw)
    return base


def test_growth_sentence_from_numbers(registry):
    s = F.growth_sentence("pnationale67", _k(), registry)
    assert s.startswith("Le compte @pnationale67 (DDSP du Bas-Rhin) a gagné")
    assert f"1{NNBSP}517 abonnés en 78 jours, soit 19,4 par jour" in s


def test_growth_sentence_null_is_non_calculable(registry):
    s = F.growth_sentence(
        "pnationale67", _k(follower_gain=None, daily_follower_gain=None), registry
    )
    assert "non calculable" in s and "None" not in s


def test_activity_and_engagement_sentences():
    a = F.activity_sentence("pnationale67", _k())
    assert "120 tweets (1,5 par jour), dont 20 réponses et 10 retweets" in a
    e = F.engagement_sentence("pnationale67", _k())
    assert "4,0 interactions" in e and "0,21\u00a0%" in e and "[3,0" in e
    assert "non calculable" in F.engagement_sentence("x", _k(median_engagement=None))


def test_cohort_findings_compare_with_national(registry):
    kpis = {
        "accounts": {
            "PNationale44": _k(daily_follower_gain=25.0, median_engagement_rate_pct=0.5),
            "pnationale67": _k(median_engagement_rate_pct=0.3),
            "pnationale": _k(role="national", median_engagement_rate_pct=0.1),
        },
        "tests": {
            "mann_whitney": [
                {"handle": "PNationale44", "reference": "pnationale", "p_unc": 0.001, "RBC": 0.4},
                {"handle": "pnationale67", "reference": "pnationale", "p_unc": 0.5, "RBC": 0.1},
            ],
            "kruskal_wallis": {"p_unc": 0.2},
            "chi_square": {"cramers_v": 0.45},
        },
    }
    text = " ".join(F.cohort_findings(kpis, registry))
    assert f"ont gagné ensemble 3{NNBSP}034 abonnés" in text
    assert "la plus rapide est celle de @PNationale44" in text
    assert "4,0 fois plus par abonné" in text  # median of 0.3 and 0.5 is 0.4 vs 0.1
    assert (
        "plus élevé pour @PNationale44" in text
        and "@pnationale67" not in text.split("Mann")[1].split(".")[0]
    )
    assert "ne diffèrent pas" in text and "forte" in text


def test_recommendations_mention_handles_to_reserve(registry):
    kpis = {"accounts": {"PNationale44": _k(), "pnationale67": _k()}}
    recs = F.recommendations(kpis, registry, n_to_reserve=90)
    assert any("90 identifiants" in r for r in recs)
    assert any("17\u00a0%" in r for r in recs)  # conversation rate as a share
