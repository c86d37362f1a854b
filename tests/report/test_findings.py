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


NBSP = "\u00a0"


def test_missing_counts_are_said_next_to_the_engagement():
    """SPEC section 6: counts a source does not provide are reported (an archive)."""
    k = _k(n_engagement_set=110, missing_counts={"reply_count": 110, "quote_count": 110})
    assert F.missing_counts_note(k) == "sans réponses ni citations (absentes de la source)"
    assert "sans réponses ni citations (absentes de la source)" in F.engagement_sentence("x", k)
    part = _k(n_engagement_set=110, missing_counts={"reply_count": 40})
    assert F.missing_counts_note(part) == "réponses absentes de la source pour 40 tweets sur 110"
    assert F.missing_counts_note(_k(missing_counts={})) is None
    assert "absentes" not in F.engagement_sentence("x", _k(missing_counts={}))


def test_account_without_any_data_is_not_an_account_that_posted_nothing(registry):
    k = _k(tweets=0, originals=0, replies=0, retweets=0, tweets_per_day=0.0,
           follower_gain=None, daily_follower_gain=None, followers_end=None,
           median_engagement=None, median_engagement_rate_pct=None)  # fmt: skip
    text = " ".join(F.account_findings("pnationale62", k, registry, no_data=True))
    assert "aucune donnée collectée" in text.lower()
    assert "aucun tweet" not in text and "0,0" not in text
    assert "n'a publié aucun tweet" in F.activity_sentence("pnationale62", k)  # with data: 0


def test_tweets_per_day_below_one_is_not_zero():
    assert "(0,026 par jour)" in F.activity_sentence("x", _k(tweets=2, tweets_per_day=2 / 78))


def test_fragile_median_rate_says_how_many_tweets(registry):
    s = F.engagement_sentence("x", _k(n_engagement_rate=7))
    assert "7 tweets" in s and "fragile" in s
    assert "fragile" not in F.engagement_sentence("x", _k(n_engagement_rate=120))


def _cohort(**tests):
    return {
        "accounts": {
            "PNationale44": _k(median_engagement_rate_pct=0.5),
            "pnationale67": _k(median_engagement_rate_pct=0.3),
            "pnationale": _k(role="national", median_engagement_rate_pct=0.1),
        },
        "tests": tests,
    }


def test_content_mix_sentence_depends_on_the_chi_square(registry):
    same = " ".join(
        F.cohort_findings(_cohort(chi_square={"cramers_v": 0.05, "p_unc": 0.4}), registry)
    )
    assert "nature différente" not in same and "ne diffère pas significativement" in same
    diff = " ".join(
        F.cohort_findings(_cohort(chi_square={"cramers_v": 0.3, "p_unc": 0.001}), registry)
    )
    assert "contenus de nature différente" in diff and "modérée" in diff


def test_ratio_next_to_non_significant_tests_says_so(registry):
    mw = [
        {"handle": "PNationale44", "reference": "pnationale", "p_unc": 0.3, "RBC": 0.2},
        {"handle": "pnationale67", "reference": "pnationale", "p_unc": 0.6, "RBC": 0.1},
    ]
    text = " ".join(F.cohort_findings(_cohort(mann_whitney=mw), registry))
    ratio = text.split("fois plus par abonné")[1].split(".")[0]
    assert "significative pour aucun pilote" in ratio
    mw[0]["p_unc"] = mw[1]["p_unc"] = 0.001
    text = " ".join(F.cohort_findings(_cohort(mann_whitney=mw), registry))
    assert "aucun pilote" not in text.split("fois plus par abonné")[1].split(".")[0]


def test_degenerate_range_reads_as_one_value(registry):
    kpis = _cohort()
    kpis["accounts"]["pnationale67"]["median_engagement_rate_pct"] = 0.5
    text = " ".join(F.cohort_findings(kpis, registry))
    assert "va de" not in text and f"0,50{NBSP}%" in text
    recs = " ".join(F.recommendations({"accounts": {"pnationale67": _k()}}, registry))
    assert "va de" not in recs


def test_generalisation_needs_more_than_a_positive_gain(registry):
    """New accounts start at 0 followers: every pilot gains followers. The
    recommendation rests on engagement per follower against @pnationale."""
    mw = [
        {"handle": "PNationale44", "reference": "pnationale", "p_unc": 0.5, "RBC": 0.1},
        {"handle": "pnationale67", "reference": "pnationale", "p_unc": 0.5, "RBC": 0.1},
    ]
    recs = " ".join(F.recommendations(_cohort(mann_whitney=mw), registry))
    assert "justifie d'ouvrir" not in recs
    for r in mw:
        r["p_unc"] = 0.001
    recs = " ".join(F.recommendations(_cohort(mann_whitney=mw), registry))
    assert "justifie d'ouvrir un compte dans chaque DDSP" in recs
    mw[1]["RBC"] = -0.3  # one pilot significantly below the national account
    assert "justifie d'ouvrir" not in " ".join(
        F.recommendations(_cohort(mann_whitney=mw), registry)
    )


def test_zero_growth_advice_only_for_open_accounts_with_a_measured_gain(registry):
    kpis = _cohort()
    kpis["accounts"]["pnationale67"].update(follower_gain=None, daily_follower_gain=None)
    recs = " ".join(F.recommendations(kpis, registry))
    assert "croissance nulle" not in recs and "@pnationale67" in recs
    kpis["accounts"]["pnationale67"].update(follower_gain=0.0, daily_follower_gain=0.0)
    recs = " ".join(F.recommendations(kpis, registry))
    assert "@pnationale67" in recs and "pas gagné d'abonnés" in recs


def test_cohort_gain_not_computable_is_a_sentence_not_a_number(registry):
    kpis = {
        "accounts": {
            "PNationale44": _k(follower_gain=None, daily_follower_gain=None),
            "pnationale67": _k(follower_gain=None, daily_follower_gain=None),
        }
    }
    text = " ".join(F.cohort_findings(kpis, registry))
    assert "gagné ensemble non calculable" not in text
    assert "Le gain d'abonnés des comptes pilotes est non calculable" in text


def test_cohort_total_names_only_the_pilots_it_adds_up(registry):
    kpis = {
        "accounts": {
            "PNationale44": _k(follower_gain=100.0),
            "pnationale67": _k(follower_gain=50.0),
            "pnationale06": _k(follower_gain=None, daily_follower_gain=None),
        }
    }
    text = F.cohort_findings(kpis, registry)[0]
    assert text == (
        "Les 2 pilotes dont le gain est mesurable ont gagné ensemble 150 abonnés "
        "(gain non calculable pour 1 autre pilote)."
    )


def test_non_computable_gain_of_an_account_named_with_parentheses(registry):
    # the national account's name has parentheses: who() ends it with a comma
    s = F.growth_sentence("pnationale", _k(follower_gain=None), registry)
    assert ", :" not in s and "(Direction générale) : le gain" in s


def test_pilots_against_the_comparator(registry):
    accounts = {
        "PNationale44": _k(median_engagement=4.0, median_engagement_rate_pct=0.3),
        "pnationale67": _k(median_engagement=6.0, median_engagement_rate_pct=0.5),
        "policia": _k(role="comparator", median_engagement=400.0, median_engagement_rate_pct=0.02),
    }
    s = F.comparator_sentence("policia", accounts, ["PNationale44", "pnationale67"])
    assert s.startswith("Le compte modèle @policia suscite en médiane 400,0 interactions par tweet")
    assert f"soit 0,020{NBSP}% de ses abonnés" in s
    # median pilot: 5 interactions (80 times fewer), 0.4 % per follower (20 times more)
    assert "80,0 fois moins d'interactions par tweet et 20,0 fois plus rapporté aux abonnés" in s
    kpis = {"accounts": accounts}
    assert s in F.cohort_findings(kpis, registry)
    accounts["policia"] = _k(role="comparator", median_engagement=None)
    assert F.comparator_sentence("policia", accounts, ["PNationale44"]) is None


def test_significance_for_each_pilot_says_how_many_were_tested(registry):
    kpis = {
        "tests": {
            "mann_whitney": [
                {"handle": h, "reference": "pnationale", "p_unc": 0.001, "RBC": 0.4}
                for h in ("PNationale44", "pnationale67")
            ]
        }
    }
    three = ["PNationale44", "pnationale67", "pnationale06"]
    assert "chacun des 2 pilotes testés sur 3" in F._ratio_significance(kpis, three, higher=True)
    assert "pour chaque pilote" in F._ratio_significance(kpis, three[:2], higher=True)


def test_recommendation_reserves_free_handles_and_reclaims_held_ones(registry):
    kpis = {"accounts": {"PNationale44": _k()}}
    recs = F.recommendations(kpis, registry, n_to_reserve=87, n_to_reclaim=9)
    handles = next(r for r in recs if "identifiant" in r)
    assert handles.startswith("Réserver sans attendre 87 identifiants @pnationaleNN encore libres")
    assert "récupérer les 9 que des usurpateurs ont ouverts" in handles
    one = F.recommendations(kpis, registry, n_to_reserve=None, n_to_reclaim=1)
    assert any(r.startswith("Récupérer celui qu'un usurpateur a ouvert") for r in one)


def test_a_median_below_two_interactions_is_singular():
    assert "1,0 interaction (" in F.engagement_sentence("x", _k(median_engagement=1.0))


def test_cohort_total_leaves_out_pilots_not_yet_open(registry):
    kpis = {
        "accounts": {
            "PNationale44": _k(follower_gain=765.0),
            "pnationale67": _k(days=0, follower_gain=None, daily_follower_gain=None),
            "pnationale06": _k(days=0, follower_gain=None, daily_follower_gain=None),
        }
    }
    assert F.cohort_findings(kpis, registry)[0] == (
        "Le compte pilote @PNationale44 a gagné 765 abonnés ; "
        "2 pilotes n'étaient pas encore ouverts."
    )
