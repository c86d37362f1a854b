"""Which ``pnationaleNN`` handles are official, held by impostors, or free (SPEC section 3).

In January 2014 members of the public opened handles such as pnationale86 or PNationale05
because the police had not reserved them (#PoliceNationalePasRéservée). Before every
directorate gets an account, the police should hold ``pnationaleNN`` for each of the 101
departments. :func:`audit_handles` says, for each, what is known:

``official``
    A pilot or national account of the registry has that department.
``impostor``
    The registry lists the handle as an impostor, or the handle is held by an account that
    is not official: it appears (case-insensitively) in collected tweets as author,
    mention, reply, retweet or quote (Twitter only links existing accounts), or the online
    lookup found a profile (active or suspended: either way the name is taken).
``unreserved``
    The online lookup (``--online``) found no account with that handle: nobody holds it,
    so the police can and should reserve it.
``unknown``
    No registry entry, no sighting in the collected data, and no online answer (not
    asked, or Twitter could not be reached): the handle may be free or held.

The difference between the last two is evidence: ``unreserved`` is a fact observed on
Twitter at a given time, ``unknown`` is the absence of any observation.

Departments: 01 to 95 with 2A and 2B instead of 20 (Corsica), and the five overseas
departments 971 to 974 and 976: 101 in all (975, Saint-Pierre-et-Miquelon, is an overseas
collectivity, not a department).

Look-alike handles (``pnationale_NN``, ``PoliceNationaleNN``, ``pnationale5`` for 05...)
seen in the data are listed as evidence of their department without changing its status
(they are other handles), and :func:`handles_to_reserve` lists them too.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from pilot_eval.config import TIMEZONE
from pilot_eval.errors import UserError
from pilot_eval.registry import Registry

#: The 101 departments, in the usual order.
DEPARTMENTS: tuple[str, ...] = (
    tuple(f"{n:02d}" for n in range(1, 20))
    + ("2A", "2B")
    + tuple(f"{n:02d}" for n in range(21, 96))
    + ("971", "972", "973", "974", "976")
)

STATUSES = ("official", "impostor", "unreserved", "unknown")
#: The statuses in French, for the report.
STATUS_FR = {
    "official": "officiel",
    "impostor": "usurpé",
    "unreserved": "libre, non réservé",
    "unknown": "non vérifié",
}
#: Roles whose department handle counts as the police's own.
OFFICIAL_ROLES = ("pilot", "national")
#: Columns of the tweets table where other accounts' handles appear.
SIGHTING_COLUMNS = {
    "handle": "author",
    "mentions": "mentioned",
    "reply_to": "replied to",
    "retweet_of": "retweeted",
    "quote_of": "quoted",
}
COLUMNS = ["handle", "department", "status", "evidence"]  # SPEC section 3 order

#: ``pnationaleNN`` and look-alikes: optional "police", optional separators, the code.
_PATTERN = re.compile(r"^(?:p|police)[._]?nationale[._]?(\d{1,3}|2[ab])$", re.IGNORECASE)


def department_handle(department: str) -> str:
    """The handle the police would use for ``department``: ``pnationale`` + code.

    >>> department_handle("05"), department_handle("2A")
    ('pnationale05', 'pnationale2A')
    """
    return f"pnationale{department}"


def department_of(handle: str) -> str | None:
    """The department a ``pnationaleNN``-like handle names, or None.

    Case-insensitive; ``pnationale_05``, ``PoliceNationale05`` and ``pnationale5`` all give
    ``"05"``; a code that is not one of :data:`DEPARTMENTS` gives None.
    """
    match = _PATTERN.match(str(handle).lstrip("@"))
    if not match:
        return None
    code = match.group(1).upper()
    if code.isdigit():
        code = code if len(code) == 3 else f"{int(code):02d}"
    return code if code in DEPARTMENTS else None


def is_exact(handle: str, department: str) -> bool:
    """True when ``handle`` is ``pnationale{department}`` up to case."""
    return handle.casefold() == department_handle(department).casefold()


# ---------------------------------------------------------------- evidence


def sightings(tweets: pd.DataFrame | None) -> pd.DataFrame:
    """Handles of the ``pnationaleNN`` family seen in the tweets table.

    Looks at :data:`SIGHTING_COLUMNS` (``mentions`` is a list per tweet). Returns one row
    per handle as written (handles differing only in case are one handle, written as first
    seen): ``handle``, ``department``, ``exact`` (True for ``pnationaleNN`` itself),
    ``tweets`` (distinct tweets where it appears), ``first_seen`` (earliest local date,
    Europe/Paris), ``as`` (how it appears, e.g. ``"mentioned, replied to"``).
    """
    columns = ["handle", "department", "exact", "tweets", "first_seen", "as"]
    if tweets is None or tweets.empty:
        return pd.DataFrame(columns=columns)
    tweets = tweets.reset_index(drop=True)  # a unique index to join the exploded values on
    parts = []
    for column, role in SIGHTING_COLUMNS.items():
        if column not in tweets.columns:
            continue
        seen = tweets[column]
        if column == "mentions":
            seen = seen.explode()
        seen = seen.dropna().astype(str).str.lstrip("@")
        # cheap vectorised filter first: the regex then runs on a handful of handles only
        seen = seen[seen.str.contains("nationale", case=False, regex=False)]
        rows = tweets.loc[seen.index.unique(), ["tweet_id", "created_at"]]
        parts.append(rows.join(seen.rename("seen")).assign(role=role))
    if not parts:
        return pd.DataFrame(columns=columns)
    long = pd.concat(parts, ignore_index=True)
    codes = {h: department_of(h) for h in long["seen"].unique()}
    long["department"] = long["seen"].map(codes)
    long = long.dropna(subset=["department"])
    if long.empty:
        return pd.DataFrame(columns=columns)
    long["key"] = long["seen"].str.casefold()
    created = pd.to_datetime(long["created_at"], utc=True)
    long["day"] = created.dt.tz_convert(TIMEZONE).dt.date
    grouped = long.groupby("key", sort=True)
    out = pd.DataFrame(
        {
            "handle": grouped["seen"].first(),
            "department": grouped["department"].first(),
            "tweets": grouped["tweet_id"].nunique(),
            "first_seen": grouped["day"].min(),
            # roles in SIGHTING_COLUMNS order (the order of the concatenated parts)
            "as": long.drop_duplicates(["key", "role"]).groupby("key")["role"].agg(", ".join),
        }
    ).reset_index(drop=True)
    out["exact"] = [is_exact(h, d) for h, d in zip(out["handle"], out["department"], strict=True)]
    return out[columns]


def _sighting_text(row: pd.Series) -> str:
    n = int(row["tweets"])
    return (
        f"@{row['handle']} seen in {n} collected tweet{'s' if n > 1 else ''} "
        f"({row['as']}), first on {row['first_seen']}"
    )


def _registry_text(account) -> str:
    return f"registry: {account.role} account @{account.handle} ({account.name})"


# ---------------------------------------------------------------- online lookup


def lookup_profiles(
    handles: Iterable[str], *, source=None, delay: float = 0.2, stall: float | None = None
) -> tuple[dict[str, str], str | None]:
    """Look ``handles`` up on Twitter with snscrape (``TwitterUserScraper(h).entity``).

    Returns ``(found, skipped)``: ``found`` maps each handle answered to ``"absent"`` (no
    such account), ``"suspended"``, or a one-line profile (``"profile: Name, N followers,
    created YYYY-MM-DD"``); ``skipped`` is None, or one line saying why the lookup stopped
    (Twitter unreachable, refusing, not answering...: the bounded failure handling of
    :mod:`pilot_eval.collect`, which stops at the first failure that is not specific to a
    handle).
    """
    import snscrape.base
    import snscrape.modules.twitter as sntwitter

    from pilot_eval import collect as col

    source = source or col.TwitterSource(retries=1)
    stall = col.STALL_TIMEOUT if stall is None else stall
    found: dict[str, str] = {}
    with col.quiet_snscrape() as capture:
        for i, handle in enumerate(handles):
            if i and delay > 0:
                time.sleep(delay)
            capture.messages.clear()
            items = col.scrape(source, handle, None, stall=stall)
            try:
                entity = next(items)
            except (KeyboardInterrupt, SystemExit):
                raise
            except snscrape.base.EntityUnavailable:
                found[handle] = "suspended"
                continue
            except BaseException as exc:
                if isinstance(exc, snscrape.base.ScraperException) and str(exc) == "Empty response":
                    found[handle] = "absent"  # what UserByScreenName answers for no such user
                    continue
                failure = col.classify_failure(handle, exc, capture.messages)
                return found, f"online check stopped at {handle}: {failure.reason}"
            finally:
                items.close()
            if isinstance(entity, sntwitter.User):
                created = entity.created.date().isoformat() if entity.created else "?"
                found[handle] = (
                    f"profile: {entity.displayname!s}, {entity.followersCount} followers, "
                    f"created {created}"
                )
            else:
                found[handle] = "suspended"
    return found, None


# ---------------------------------------------------------------- the audit


def audit_handles(
    registry: Registry,
    tweets: pd.DataFrame | None,
    *,
    online: bool = False,
    profiles: dict[str, str] | None = None,
    source=None,
    delay: float = 0.2,
) -> pd.DataFrame:
    """One row per department: ``department``, ``handle``, ``status``, ``evidence``.

    Parameters
    ----------
    registry
        Official accounts (roles pilot and national with a ``department``) and impostors.
    tweets
        The canonical tweets table (may be None or empty): sightings of the handles.
    online
        Look the handles that are not official up on Twitter (see :func:`lookup_profiles`;
        an online failure is reported on stderr and leaves those rows to the other
        evidence).
    profiles
        Results of a lookup already made (handle -> answer), instead of ``online``.
    source, delay
        The snscrape access of the online lookup (tests pass one with a fake transport)
        and the polite pause between lookups, in seconds.

    ``status`` follows the module docstring; ``evidence`` joins every observation with
    ``"; "`` (registry entry, sightings of the handle and of look-alikes with counts and
    first-seen dates, the online answer). Rows are in department order; the input is
    not modified.
    """
    seen = sightings(tweets)
    by_department: dict[str, list[tuple[str, object]]] = {d: [] for d in DEPARTMENTS}
    for account in registry:
        code = _normalise_department(account.department)
        if code is None:
            code = department_of(account.handle)
        if code in by_department:
            by_department[code].append(("registry", account))

    skipped = None
    if online and profiles is None:
        official = {
            code
            for code, items in by_department.items()
            if any(a.role in OFFICIAL_ROLES for _, a in items)
        }
        wanted = [department_handle(d) for d in DEPARTMENTS if d not in official]
        profiles, skipped = lookup_profiles(wanted, source=source, delay=delay)
        if skipped:
            print(
                f"pilot-eval audit-handles: {skipped}; results from the registry and "
                "collected data only",
                file=sys.stderr,
            )
    profiles = {k.casefold(): v for k, v in (profiles or {}).items()}

    rows = []
    for code in DEPARTMENTS:
        handle = department_handle(code)
        accounts = [a for _, a in by_department[code]]
        official = [a for a in accounts if a.role in OFFICIAL_ROLES]
        impostors = [a for a in accounts if a.role == "impostor"]
        if official:
            handle = official[0].handle
        elif impostors and is_exact(impostors[0].handle, code):
            handle = impostors[0].handle
        evidence = [_registry_text(a) for a in official + impostors]
        mine = seen[seen["department"] == code] if not seen.empty else seen
        exact = mine[mine["exact"]] if not mine.empty else mine
        exact_foreign = (
            exact[~exact["handle"].str.casefold().isin([a.handle.casefold() for a in official])]
            if not exact.empty
            else exact
        )
        for _, row in exact_foreign.iterrows():
            evidence.append(_sighting_text(row))
        if not mine.empty:
            for _, row in mine[~mine["exact"]].iterrows():
                evidence.append("look-alike " + _sighting_text(row))
        answer = profiles.get(handle.casefold())
        if answer is not None:
            evidence.append(
                "online: no such account" if answer == "absent" else f"online: {answer}"
            )
        if official:
            status = "official"
        elif impostors or not exact_foreign.empty or answer not in (None, "absent"):
            status = "impostor"
        elif answer == "absent":
            status = "unreserved"
        else:
            status = "unknown"
        if not evidence:
            evidence.append(
                "no registry entry, not seen in the collected tweets, "
                + ("no online answer" if online else "not looked up online")
            )
        rows.append(
            {
                "department": code,
                "handle": handle,
                "status": status,
                "evidence": "; ".join(evidence),
            }
        )
    audit = pd.DataFrame(rows, columns=COLUMNS)
    #: why the online lookup asked for stopped (the command then exits 1), or None
    audit.attrs["online_failure"] = skipped
    return audit


def _normalise_department(value: str | None) -> str | None:
    if value is None:
        return None
    code = str(value).strip().upper()
    if code.isdigit() and len(code) < 3:
        code = f"{int(code):02d}"
    return code if code in DEPARTMENTS else None


#: Order of urgency in :func:`handles_to_reserve`.
ACTIONS = {
    "impostor": ("reclaim", "récupérer : compte tenu par un tiers, à signaler à Twitter"),
    "lookalike": ("watch", "surveiller : pseudonyme approchant utilisé par un tiers"),
    "unreserved": ("reserve", "réserver : pseudonyme libre"),
    "unknown": ("verify", "vérifier puis réserver : disponibilité non vérifiée"),
}


def handles_to_reserve(audit: pd.DataFrame) -> pd.DataFrame:
    """What the police should reserve before generalising the accounts.

    From the output of :func:`audit_handles`: every department whose handle is not
    ``official``, plus look-alike handles seen in the data. Returns ``priority`` (1 =
    most urgent), ``department``, ``handle``, ``status``, ``action`` (``reclaim`` for
    impostors, ``watch`` for look-alikes, ``reserve`` for unreserved, ``verify`` for
    unknown), ``action_fr`` (the same in French, for the report) and ``evidence``; sorted
    by priority then department. The input is not modified.
    """
    rows = []
    for rec in audit.to_dict("records"):
        if rec["status"] != "official":
            rows.append({**rec, "kind": rec["status"]})
        for part in str(rec["evidence"]).split("; "):
            match = re.match(r"look-alike @(\S+) ", part)
            if match:
                rows.append(
                    {
                        "department": rec["department"],
                        "handle": match.group(1),
                        "status": rec["status"],
                        "evidence": part,
                        "kind": "lookalike",
                    }
                )
    order = list(ACTIONS)
    out = pd.DataFrame(rows, columns=["department", "handle", "status", "evidence", "kind"])
    out["priority"] = out["kind"].map(lambda k: order.index(k) + 1).astype("int64")
    out["action"] = out["kind"].map(lambda k: ACTIONS[k][0])
    out["action_fr"] = out["kind"].map(lambda k: ACTIONS[k][1])
    rank = {d: i for i, d in enumerate(DEPARTMENTS)}
    out = out.assign(_rank=out["department"].map(rank)).sort_values(["priority", "_rank"])
    return out[
        ["priority", "department", "handle", "status", "action", "action_fr", "evidence"]
    ].reset_index(drop=True)


# ---------------------------------------------------------------- the command


def format_table(audit: pd.DataFrame, *, width: int = 90) -> str:
    """An aligned text table: counts by status, then the rows, notable statuses first.

    ``evidence`` is cut at ``width`` characters (the CSV format keeps it whole).
    """
    counts = audit["status"].value_counts()
    title = f"{len(audit)} departments: " + ", ".join(f"{counts.get(s, 0)} {s}" for s in STATUSES)
    rank = {s: i for i, s in enumerate(STATUSES)}
    ordered = audit.assign(_s=audit["status"].map(rank), _d=range(len(audit))).sort_values(
        ["_s", "_d"]
    )
    evidence = (
        ordered["evidence"].fillna("").map(lambda e: e if len(e) <= width else e[: width - 1] + "…")
    )
    shown = ordered[["department", "handle", "status"]].assign(evidence=evidence)
    widths = {c: max(len(c), *(len(str(v)) for v in shown[c])) for c in shown.columns}
    lines = [title, ""]
    lines.append("  ".join(c.ljust(widths[c]) for c in shown.columns).rstrip())
    lines.append("  ".join("-" * widths[c] for c in shown.columns))
    for rec in shown.itertuples(index=False):
        lines.append(
            "  ".join(
                str(v).ljust(widths[c]) for c, v in zip(shown.columns, rec, strict=True)
            ).rstrip()
        )
    return "\n".join(lines)


def audit_command(
    data_dir: str | Path, registry: Registry, fmt: str, *, online: bool = False
) -> tuple[str, bool]:
    """``pilot-eval audit-handles``: the audit as ``table`` or ``csv`` text, and whether
    the online lookup asked for stopped (its rows then rest on the offline evidence).

    Reads the tweets table of ``data_dir/processed`` (absent tables are fine: the audit
    then rests on the registry, and on Twitter with ``online``).
    """
    from pilot_eval.tables import load

    if fmt not in ("table", "csv"):
        raise UserError(f"unknown format '{fmt}': use table or csv")
    tweets = load(data_dir).tweets
    audit = audit_handles(registry, tweets, online=online)
    text = audit.to_csv(index=False).rstrip("\n") if fmt == "csv" else format_table(audit)
    return text, bool(audit.attrs.get("online_failure"))
