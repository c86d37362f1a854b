"""Findings in French sentences, generated from the KPI dictionary (SPEC section 6).

Every sentence is built from the numbers of :func:`pilot_eval.metrics.kpis.compute_kpis`
(never written by hand), and says "non calculable" where a value is null. The
sentences are plain text: escape them before putting them in HTML.
"""

from __future__ import annotations

from pilot_eval.registry import Registry
from pilot_eval.report import fr

#: Below this many tweets, a median is shown as fragile.
FRAGILE_N = 20
#: Significance level of the comparisons.
ALPHA = 0.05
#: The counts of SPEC section 5, as French nouns (plural) and whether they are feminine.
COUNT_LABELS = {
    "retweet_count": ("retweets", False),
    "like_count": ("j'aime", False),
    "reply_count": ("réponses", True),
    "quote_count": ("citations", True),
}
#: When the report recommends opening an account in every DDSP (method section).
GENERALISATION_RULE = (
    "la généralisation (un compte dans chaque DDSP) n'est recommandée que si chaque pilote a "
    "des tweets mesurés, si aucun pilote n'a un engagement par abonné significativement plus "
    "faible que le compte national et si la majorité des pilotes l'ont significativement plus "
    "élevé (Mann–Whitney, seuil de 5\u00a0%). Le gain d'abonnés seul n'y suffit pas : un compte "
    "nouveau part de 0 abonné et en gagne forcément."
)


def _v(k: dict, key: str):
    value = k.get(key)
    return None if fr.is_missing(value) else value


def _p(p: float) -> str:
    """A p-value in French: ``p = 0,012``, ``p < 0,001``."""
    return f"p < {fr.decimal(0.001, 3)}" if p < 0.001 else f"p = {fr.decimal(p, 3)}"


def _span(low: float, high: float, fmt) -> str:
    """``va de X à Y``, or ``est de X`` when both read the same."""
    a, b = fmt(low), fmt(high)
    return f"est de {a}" if a == b else f"va de {a} à {b}"


def _enumerate(words: list[str], last: str = "et") -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {last} {words[-1]}"


def missing_counts_note(k: dict) -> str | None:
    """Which counts the source did not give for the account's engagement set (SPEC
    section 6: they are left out of the engagement, and the report says so).

    ``sans réponses ni citations (absentes de la source)`` when a count is missing for
    every tweet (an archive), ``réponses absentes de la source pour 40 tweets sur 110``
    when for some; None when nothing is missing.
    """
    missing = {c: n for c, n in (k.get("missing_counts") or {}).items() if n}
    if not missing:
        return None
    n_set = _v(k, "n_engagement_set")
    whole = [c for c, n in missing.items() if n_set is None or n >= n_set]
    parts = []
    if whole:
        words = [COUNT_LABELS.get(c, (c, False))[0] for c in whole]
        fem = all(COUNT_LABELS.get(c, (c, False))[1] for c in whole)
        parts.append(
            f"sans {_enumerate(words, 'ni')} ({'absentes' if fem else 'absents'} de la source)"
        )
    for c, n in missing.items():
        if c in whole:
            continue
        word, fem = COUNT_LABELS.get(c, (c, False))
        parts.append(
            f"{word} {'absentes' if fem else 'absents'} de la source pour "
            f"{fr.plural(n, 'tweet')} sur {fr.integer(n_set)}"
        )
    return " ; ".join(parts)


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
            f"{subject.rstrip(',')} : le gain d'abonnés sur ses {fr.plural(days, 'jour')} est non calculable "
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
        text += f", {fr.signed(pct, 1)}{fr.NBSP}%)" if pct is not None else ")"
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
        f"@{handle} a publié {fr.plural(n, 'tweet')} ({fr.per_day(_v(k, 'tweets_per_day'))} par jour)"
        f"{tail}."
    )


def engagement_sentence(handle: str, k: dict) -> str:
    """Median engagement with its interval, the per-follower rate (said fragile when it
    rests on fewer than :data:`FRAGILE_N` tweets) and the counts missing from the source."""
    med = _v(k, "median_engagement")
    if med is None:
        return f"L'engagement de @{handle} est non calculable (aucun tweet hors retweets)."
    ci = k.get("median_engagement_ci95") or [None, None]
    text = (
        f"Un tweet de @{handle} suscite en médiane {fr.decimal(med, 1)} "
        f"interaction{'s' if abs(med) >= 2 else ''} "
        f"(IC 95{fr.NBSP}% {fr.interval(ci[0], ci[1])})"
    )
    rate = _v(k, "median_engagement_rate_pct")
    if rate is not None:
        text += f", soit {fr.percent(rate, 2)} de ses abonnés"
        n = _v(k, "n_engagement_rate")
        if n is not None and n < FRAGILE_N:
            text += f" (médiane de {fr.plural(n, 'tweet')} seulement : valeur fragile)"
    note = missing_counts_note(k)
    if note:
        text += f" ; engagement compté {note}"
    return text + "."


def no_data_sentence(handle: str, registry: Registry | None = None) -> str:
    """For an account of which the data set holds nothing (no tweet, no snapshot)."""
    return (
        f"Aucune donnée collectée pour le compte {who(handle, registry).rstrip(',')} : ni tweet "
        "ni relevé d'abonnés ; son activité, sa croissance et son engagement ne peuvent pas "
        "être mesurés."
    )


def account_findings(
    handle: str, k: dict, registry: Registry | None = None, *, no_data: bool = False
) -> list[str]:
    """The three sentences of one account: growth, activity, engagement; one sentence
    saying that nothing was collected when ``no_data`` (not "0 tweets")."""
    if no_data:
        return [no_data_sentence(handle, registry)]
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
    # pilots open during the period (one opened after it has no gain to add up)
    opened = [h for h in pilots if _v(accounts[h], "days")]
    if opened:
        gains = [accounts[h].get("follower_gain") for h in opened]
        known = [g for g in gains if not fr.is_missing(g)]
        n_unknown = len(gains) - len(known)
        if not known:
            out.append(
                f"Le gain d'abonnés {'du compte pilote' if len(pilots) == 1 else 'des comptes pilotes'} "
                "est non calculable (pas de relevé d'abonnés assez proche du début ou de la fin "
                "de la période)."
            )
        else:
            total = sum(known)
            lost = total < 0
            if len(known) == 1:
                h = next(h for h, g in zip(opened, gains, strict=True) if not fr.is_missing(g))
                subject = (
                    f"Le compte pilote @{h}"
                    if not n_unknown
                    else f"Le seul pilote dont le gain est mesurable, @{h},"
                )
                verb = "a perdu" if lost else "a gagné"
            else:
                subject = (
                    f"Les {fr.integer(len(opened))} comptes pilotes"
                    if not n_unknown
                    else f"Les {fr.integer(len(known))} pilotes dont le gain est mesurable"
                )
                verb = "ont perdu ensemble" if lost else "ont gagné ensemble"
            text = f"{subject} {verb} {fr.plural(round(abs(total)), 'abonné')}"
            if n_unknown:
                others = fr.plural(n_unknown, "autre pilote", "autres pilotes")
                text += f" (gain non calculable pour {others})"
            if len(opened) < len(pilots):
                closed = len(pilots) - len(opened)
                was = "n'était pas encore ouvert" if closed == 1 else "n'étaient pas encore ouverts"
                text += f" ; {fr.plural(closed, 'pilote')} {was}"
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
        mid = _middle(rates)
        pct = lambda v: fr.percent(v, 2)  # noqa: E731
        text = f"Rapporté au nombre d'abonnés, l'engagement médian des pilotes {_span(rates[0], rates[-1], pct)}"
        if pct(rates[0]) != pct(rates[-1]):
            text += f" (pilote médian : {pct(mid)})"
        text += f", contre {pct(ref)} pour @{national[0].handle}"
        if not fr.is_missing(ref) and ref > 0 and mid > 0:
            ratio = mid / ref
            text += (
                f" : {fr.decimal(ratio, 1)} fois plus par abonné"
                if ratio >= 1
                else f" : {fr.decimal(1 / ratio, 1)} fois moins par abonné"
            )
            text += _ratio_significance(kpis, pilots, higher=ratio >= 1)
        out.append(text + ".")
    for comparator in registry.by_role("comparator"):
        if comparator.handle in accounts:
            text = comparator_sentence(comparator.handle, accounts, pilots)
            if text:
                out.append(text)
    out.extend(test_findings(kpis))
    return out


def _middle(values: list[float]) -> float:
    """The median of sorted ``values`` (the middle one, or the mean of the two)."""
    n = len(values)
    return values[n // 2] if n % 2 else (values[n // 2 - 1] + values[n // 2]) / 2


def _times(ratio: float) -> str:
    """``2,1 fois plus`` or ``3,0 fois moins`` for a ratio of two positive values."""
    if ratio >= 1:
        return f"{fr.decimal(ratio, 1)} fois plus"
    return f"{fr.decimal(1 / ratio, 1)} fois moins"


def comparator_sentence(handle: str, accounts: dict, pilots: list[str]) -> str | None:
    """The pilots against a comparator account (@policia, the model): median engagement
    per tweet, and per follower, of the median pilot against the comparator's. Descriptive
    only: SPEC 6 tests the pilots against the national account, not the comparator.
    None when the comparator's median engagement is not computable."""
    k = accounts[handle]
    med, rate = _v(k, "median_engagement"), _v(k, "median_engagement_rate_pct")
    if med is None:
        return None
    text = f"Le compte modèle @{handle} suscite en médiane {fr.decimal(med, 1)} interaction"
    text += "s" if abs(med) >= 2 else ""
    text += (
        f" par tweet, soit {fr.percent(rate, 2)} de ses abonnés"
        if rate is not None
        else " par tweet"
    )
    meds = sorted(m for h in pilots if (m := _v(accounts[h], "median_engagement")) is not None)
    rates = sorted(
        r for h in pilots if (r := _v(accounts[h], "median_engagement_rate_pct")) is not None
    )
    if not meds:
        return text + "."
    compared = []
    if med > 0 and _middle(meds) > 0:
        compared.append(f"{_times(_middle(meds) / med)} d'interactions par tweet")
    if rate is not None and rate > 0 and rates and _middle(rates) > 0:
        compared.append(f"{_times(_middle(rates) / rate)} rapporté aux abonnés")
    if compared:
        text += f" ; le pilote médian en obtient {' et '.join(compared)}"
    return text + "."


def _mann_whitney(kpis: dict, pilots: list[str]) -> list[dict]:
    """The pilots' Mann–Whitney rows against the national account that have a p-value."""
    rows = (kpis.get("tests") or {}).get("mann_whitney") or []
    return [r for r in rows if r.get("handle") in pilots and not fr.is_missing(r.get("p_unc"))]


def _significant(row: dict, *, higher: bool) -> bool:
    rbc = row.get("RBC") or 0
    return row["p_unc"] < ALPHA and (rbc > 0 if higher else rbc < 0)


def _ratio_significance(kpis: dict, pilots: list[str], *, higher: bool) -> str:
    """What the Mann–Whitney tests say of a ratio of medians, for the sentence's end."""
    mw = _mann_whitney(kpis, pilots)
    if not mw:
        return ""
    n = sum(_significant(r, higher=higher) for r in mw)
    if n == 0:
        return ", mais la différence n'est significative pour aucun pilote (Mann–Whitney, seuil 5\u00a0%)"
    if n < len(mw):
        return (
            f", différence significative pour {fr.integer(n)} pilote{'s' if n > 1 else ''} "
            f"sur {fr.integer(len(mw))} seulement (Mann–Whitney, seuil 5\u00a0%)"
        )
    if len(mw) < len(pilots):
        return (
            f", différence significative pour chacun des {fr.integer(len(mw))} pilotes testés "
            f"sur {fr.integer(len(pilots))} (Mann–Whitney, seuil 5\u00a0%)"
        )
    return ", différence significative pour chaque pilote (Mann–Whitney, seuil 5\u00a0%)"


def test_findings(kpis: dict) -> list[str]:
    """Sentences from the comparisons (Mann–Whitney, Kruskal–Wallis, chi-square)."""
    tests = kpis.get("tests") or {}
    out = []
    mw = [r for r in tests.get("mann_whitney") or [] if not fr.is_missing(r.get("p_unc"))]
    if mw:
        higher = [r["handle"] for r in mw if _significant(r, higher=True)]
        lower = [r["handle"] for r in mw if _significant(r, higher=False)]
        ref = mw[0].get("reference")
        text = f"Test de Mann–Whitney (taux d'engagement par tweet, seuil 5{fr.NBSP}%) face à @{ref} : "
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
            f"(Kruskal–Wallis, {_p(kw['p_unc'])})."
        )
    chi = tests.get("chi_square") or {}
    if not fr.is_missing(chi.get("cramers_v")):
        v, p = chi["cramers_v"], chi.get("p_unc")
        strength = "faible" if v < 0.2 else "modérée" if v < 0.4 else "forte"
        cramer = f"V de Cramér = {fr.decimal(v, 2)}"
        if fr.is_missing(p):
            out.append(
                f"Association {strength} entre compte pilote et catégorie de contenu ({cramer} ; "
                "test du khi-deux non calculable)."
            )
        elif p < ALPHA:
            out.append(
                f"Les pilotes publient des contenus de nature différente (khi-deux, {_p(p)}), "
                f"avec une association {strength} entre compte et catégorie ({cramer})."
            )
        else:
            out.append(
                "La répartition des contenus ne diffère pas significativement d'un pilote à "
                f"l'autre (khi-deux, {_p(p)} ; {cramer})."
            )
    return out


def generalisation(kpis: dict, registry: Registry) -> tuple[bool, str]:
    """Whether the numbers support an account in every DDSP (:data:`GENERALISATION_RULE`)
    and why, in a French clause."""
    accounts = kpis.get("accounts", {})
    pilots = [a.handle for a in registry.by_role("pilot") if a.handle in accounts]
    national = registry.by_role("national")
    ref = f"@{national[0].handle}" if national else "le compte national"
    if not pilots:
        return False, "aucun compte pilote n'est mesuré"
    unmeasured = [h for h in pilots if fr.is_missing(accounts[h].get("median_engagement_rate_pct"))]
    if unmeasured:
        names = _enumerate(["@" + h for h in unmeasured])
        return False, f"l'engagement par abonné de {names} n'est pas mesurable"
    mw = {r["handle"]: r for r in _mann_whitney(kpis, pilots)}
    if set(mw) != set(pilots):
        return False, f"la comparaison avec {ref} n'est pas calculable pour chaque pilote"
    lower = [h for h in pilots if _significant(mw[h], higher=False)]
    higher = [h for h in pilots if _significant(mw[h], higher=True)]
    if lower:
        names = _enumerate(["@" + h for h in lower])
        return (
            False,
            f"l'engagement par abonné de {names} est significativement plus faible que celui de {ref}",
        )
    counts = f"{fr.integer(len(higher))} pilote{'s' if len(higher) > 1 else ''} sur {fr.integer(len(pilots))}"
    if 2 * len(higher) <= len(pilots):
        return False, (
            f"l'engagement par abonné n'est significativement plus élevé que celui de {ref} que "
            f"pour {counts}"
        )
    return True, (
        f"l'engagement par abonné est significativement plus élevé que celui de {ref} pour "
        f"{counts}, et plus faible pour aucun"
    )


def recommendations(
    kpis: dict,
    registry: Registry,
    n_to_reserve: int | None = None,
    n_to_reclaim: int | None = None,
) -> list[str]:
    """Recommendations derived from the numbers (growth, replies, engagement, handles):
    ``n_to_reserve`` handles free or to check, ``n_to_reclaim`` held by impostors."""
    accounts = kpis.get("accounts", {})
    pilots = [a.handle for a in registry.by_role("pilot") if a.handle in accounts]
    out = []
    if pilots:
        ok, why = generalisation(kpis, registry)
        if ok:
            out.append(
                f"Les comptes pilotes touchent leurs abonnés mieux que le compte national ({why}) : "
                "l'expérimentation justifie d'ouvrir un compte dans chaque DDSP, en s'appuyant sur "
                "les pratiques des pilotes dont l'engagement par abonné est le plus élevé."
            )
        else:
            out.append(
                f"Les résultats ne suffisent pas à recommander un compte dans chaque DDSP ({why}) : "
                "prolonger l'expérimentation et la mesure avant de décider."
            )
    opened = [h for h in pilots if _v(accounts[h], "days")]
    flat = [h for h in opened if _v(accounts[h], "follower_gain") is not None
            and accounts[h]["follower_gain"] <= 0]  # fmt: skip
    unknown = [h for h in opened if _v(accounts[h], "follower_gain") is None]
    if flat:
        names = _enumerate(["@" + h for h in flat])
        verb = "n'a" if len(flat) == 1 else "n'ont"
        out.append(
            f"{names} {verb} pas gagné d'abonnés pendant la période : examiner leurs pratiques "
            "avant toute généralisation."
        )
    if unknown:
        names = _enumerate(["@" + h for h in unknown])
        out.append(
            f"La croissance de {names} n'a pas pu être mesurée (relevés d'abonnés manquants "
            "ou trop éloignés) : relever les abonnés de chaque compte au moins chaque semaine."
        )
    conv = [accounts[h].get("conversation_rate") for h in pilots]
    conv = [c for c in conv if not fr.is_missing(c)]
    if conv:
        out.append(
            f"La part de réponses des pilotes {_span(min(conv), max(conv), fr.share)} : "
            "fixer une doctrine commune de réponse (renseigner sans entrer dans les polémiques)."
        )
    actions = []
    if n_to_reserve:
        actions.append(
            f"réserver sans attendre {fr.plural(n_to_reserve, 'identifiant')} @pnationaleNN "
            f"encore {'libre' if n_to_reserve < 2 else 'libres'} ou à vérifier"
        )
    if n_to_reclaim:
        actions.append(
            "récupérer celui qu'un usurpateur a ouvert"
            if n_to_reclaim < 2
            else f"récupérer les {fr.integer(n_to_reclaim)} que des usurpateurs ont ouverts"
        )
    if actions:
        text = " et ".join(actions)
        out.append(f"{text[0].upper()}{text[1:]} (voir la section sur les identifiants).")
    out.append(
        "Poursuivre la mesure : relever les abonnés chaque jour et exporter Twitter Analytics "
        "chaque mois, pour suivre les impressions et pas seulement les interactions."
    )
    return out
