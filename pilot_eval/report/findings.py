"""Findings in French sentences, generated from the KPI dictionary (SPEC section 6).

Every sentence is built from the numbers of :func:`pilot_eval.metrics.kpis.compute_kpis`
(never written by hand), and says "non calculable" where a value is null. The
sentences are plain text: escape them before putting them in HTML.
"""

from __future__ import annotations

from pilot_eval.registry import Registry
from pilot_eval.report import fr


def _v(k: dict, key: str):
    value = k.get(key)
    return None if fr.is_missing(value) else value


def who(handle: str, registry: Registry | None = None) -> str:
    """``@pnationale67 (DDSP du Bas-Rhin)``, or just ``@handle`` when not in the registry."""
    account = registry.get(handle) if registry is not None else None
    if account is None:
        return f"@{handle}"
    return f"@{handle}, {account.name}," if "(" in account.name else f"@{handle} ({account.name})"


def growth_sentence(handle: str, k: dict, registry: Registry | None = None) -> str:
    """ "Le compte @pnationale67 (DDSP du Bas-Rhin) a gagné 1 517 abonnés en 78 jours, soit 19,4 par jour"."""
    gain, days, daily = _v(k, "follower_gain"), _v(k, "days"), _v(k, "daily_follower_gain")
    subject = f"Le compte {who(handle, registry)}"
    if not days:
        return f"{subject} n'était pas ouvert pendant la période."
    if gain is None:
        return (
            f"{subject} : le gain d'abonnés sur ses {fr.plural(days, 'jour')} est non calculable "
            "(pas de relevé d'abonnés assez proche du début ou de la fin de la période)."
        )
    verb = "a gagné" if gain >= 0 else "a perdu"
    text = (
        f"{subject} {verb} {fr.plural(round(abs(gain)), 'abonné')} en {fr.plural(days, 'jour')}, "
        f"soit {fr.decimal(abs(daily) if daily is not None else None)} par jour"
    )
    start, end, pct = _v(k, "followers_start"), _v(k, "followers_end"), _v(k, "follower_gain_pct")
    if start is not None and end is not None:
        text += f" (de {fr.integer(start)} à {fr.integer(end)}"
        text += f", {fr.signed(pct, 1)} %)" if pct is not None else ")"
    return text + "."


def activity_sentence(handle: str, k: dict) -> str:
    """ "@X a publié 310 tweets (3,1 par jour), dont 30 réponses et 25 retweets"."""
    n = _v(k, "tweets")
    if not n:
        return f"@{handle} n'a publié aucun tweet pendant la période."
    parts = []
    for key, word in (("replies", "réponse"), ("retweets", "retweet"), ("quotes", "citation")):
        if _v(k, key):
            parts.append(fr.plural(k[key], word))
    tail = (
        f", dont {', '.join(parts[:-1]) + ' et ' + parts[-1] if len(parts) > 1 else parts[0]}"
        if parts
        else ""
    )
    return (
        f"@{handle} a publié {fr.plural(n, 'tweet')} ({fr.decimal(_v(k, 'tweets_per_day'))} par jour)"
        f"{tail}."
    )


def engagement_sentence(handle: str, k: dict) -> str:
    """Median engagement with its interval, and the per-follower rate."""
    med = _v(k, "median_engagement")
    if med is None:
        return f"L'engagement de @{handle} est non calculable (aucun tweet hors retweets)."
    ci = k.get("median_engagement_ci95") or [None, None]
    text = (
        f"Un tweet de @{handle} suscite en médiane {fr.decimal(med, 1)} interactions "
        f"(IC 95 % {fr.interval(ci[0], ci[1])})"
    )
    rate = _v(k, "median_engagement_rate_pct")
    if rate is not None:
        text += f", soit {fr.percent(rate, 2)} de ses abonnés"
    return text + "."


def account_findings(handle: str, k: dict, registry: Registry | None = None) -> list[str]:
    """The three sentences of one account: growth, activity, engagement."""
    return [
        growth_sentence(handle, k, registry),
        activity_sentence(handle, k),
        engagement_sentence(handle, k),
    ]


def cohort_findings(kpis: dict, registry: Registry) -> list[str]:
    """The pilot cohort against the national account and the comparator."""
    accounts = kpis.get("accounts", {})
    pilots = [a.handle for a in registry.by_role("pilot") if a.handle in accounts]
    out = []
    if pilots:
        gains = [accounts[h].get("follower_gain") for h in pilots]
        known = [g for g in gains if not fr.is_missing(g)]
        total = fr.integer(sum(known)) if known else fr.MISSING
        n_unknown = len(gains) - len(known)
        text = f"Les {fr.integer(len(pilots))} comptes pilotes ont gagné ensemble {total} abonnés"
        if n_unknown:
            text += f" (gain non calculable pour {fr.integer(n_unknown)} d'entre eux)"
        out.append(text + ".")
        best = max(
            (h for h in pilots if not fr.is_missing(accounts[h].get("daily_follower_gain"))),
            key=lambda h: accounts[h]["daily_follower_gain"], default=None,
        )  # fmt: skip
        if best:
            out.append(
                f"La croissance la plus rapide est celle de {who(best, registry)} : "
                f"{fr.decimal(accounts[best]['daily_follower_gain'])} abonnés par jour."
            )
    for ref in registry.by_role("national") + registry.by_role("comparator"):
        k = accounts.get(ref.handle)
        if k is not None:
            out.append(growth_sentence(ref.handle, k, registry))
    national = registry.by_role("national")
    rates = [accounts[h].get("median_engagement_rate_pct") for h in pilots]
    rates = sorted(r for r in rates if not fr.is_missing(r))
    if national and rates and national[0].handle in accounts:
        ref = accounts[national[0].handle].get("median_engagement_rate_pct")
        mid = (
            rates[len(rates) // 2]
            if len(rates) % 2
            else (rates[len(rates) // 2 - 1] + rates[len(rates) // 2]) / 2
        )
        text = (
            f"Rapporté au nombre d'abonnés, l'engagement médian des pilotes va de "
            f"{fr.percent(rates[0], 2)} à {fr.percent(rates[-1], 2)} (pilote médian : {fr.percent(mid, 2)}), "
            f"contre {fr.percent(ref, 2)} pour @{national[0].handle}"
        )
        if not fr.is_missing(ref) and ref > 0 and mid > 0:
            ratio = mid / ref
            text += (
                f" : {fr.decimal(ratio, 1)} fois plus par abonné"
                if ratio >= 1
                else f" : {fr.decimal(1 / ratio, 1)} fois moins par abonné"
            )
        out.append(text + ".")
    out.extend(test_findings(kpis))
    return out


def test_findings(kpis: dict) -> list[str]:
    """Sentences from the comparisons (Mann–Whitney, Kruskal–Wallis, chi-square)."""
    tests = kpis.get("tests") or {}
    out = []
    mw = [r for r in tests.get("mann_whitney") or [] if not fr.is_missing(r.get("p_unc"))]
    if mw:
        higher = [r["handle"] for r in mw if r["p_unc"] < 0.05 and (r.get("RBC") or 0) > 0]
        lower = [r["handle"] for r in mw if r["p_unc"] < 0.05 and (r.get("RBC") or 0) < 0]
        ref = mw[0].get("reference")
        text = f"Test de Mann–Whitney (taux d'engagement par tweet, seuil 5 %) face à @{ref} : "
        bits = []
        if higher:
            bits.append("plus élevé pour " + ", ".join("@" + h for h in higher))
        if lower:
            bits.append("plus faible pour " + ", ".join("@" + h for h in lower))
        if not bits:
            bits.append("aucune différence significative")
        out.append(text + " ; ".join(bits) + ".")
    kw = tests.get("kruskal_wallis") or {}
    if not fr.is_missing(kw.get("p_unc")):
        verdict = (
            "diffèrent significativement"
            if kw["p_unc"] < 0.05
            else "ne diffèrent pas significativement"
        )
        out.append(
            f"Entre eux, les pilotes {verdict} par leur taux d'engagement "
            f"(Kruskal–Wallis, p = {fr.decimal(kw['p_unc'], 3)})."
        )
    chi = tests.get("chi_square") or {}
    if not fr.is_missing(chi.get("cramers_v")):
        v = chi["cramers_v"]
        strength = "faible" if v < 0.2 else "modérée" if v < 0.4 else "forte"
        out.append(
            f"Les pilotes publient des contenus de nature différente, avec une association "
            f"{strength} entre compte et catégorie (V de Cramér = {fr.decimal(v, 2)})."
        )
    return out


def recommendations(kpis: dict, registry: Registry, n_to_reserve: int | None = None) -> list[str]:
    """Recommendations derived from the numbers (growth, replies, engagement, handles)."""
    accounts = kpis.get("accounts", {})
    pilots = [a.handle for a in registry.by_role("pilot") if a.handle in accounts]
    out = []
    gains = [accounts[h].get("daily_follower_gain") for h in pilots]
    if gains and all(not fr.is_missing(g) and g > 0 for g in gains):
        out.append(
            "Tous les comptes pilotes ont gagné des abonnés chaque jour en moyenne : "
            "l'expérimentation justifie d'ouvrir un compte dans chaque DDSP, en s'appuyant sur "
            "les pratiques des pilotes qui progressent le plus vite."
        )
    elif gains:
        out.append(
            "Les pilotes ne progressent pas tous : examiner les comptes à la croissance nulle ou "
            "non mesurée avant toute généralisation."
        )
    conv = [accounts[h].get("conversation_rate") for h in pilots]
    conv = [c for c in conv if not fr.is_missing(c)]
    if conv:
        out.append(
            f"La part de réponses des pilotes va de {fr.share(min(conv))} à {fr.share(max(conv))} : "
            "fixer une doctrine commune de réponse (renseigner sans entrer dans les polémiques)."
        )
    if n_to_reserve:
        out.append(
            f"Réserver sans attendre les {fr.integer(n_to_reserve)} identifiants @pnationaleNN "
            "non officiels (voir la section sur les identifiants), et récupérer ceux ouverts par des usurpateurs."
        )
    out.append(
        "Poursuivre la mesure : relever les abonnés chaque jour et exporter Twitter Analytics "
        "chaque mois, pour suivre les impressions et pas seulement les interactions."
    )
    return out
