"""Read the canonical tables of ``data/processed`` (SPEC section 5).

Metrics, notebooks and the report read tables only through :func:`load`; nothing
downstream of ingestion re-reads raw data.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from pilot_eval.config import DEFAULT_DATA_DIR, data_paths
from pilot_eval.errors import UserError
from pilot_eval.schema import empty_frame, to_pandas

if TYPE_CHECKING:
    import pandas as pd

    from pilot_eval.registry import Registry

#: Written by ingestion beside the tables: sources, file hashes, the simulated flag.
MANIFEST = "manifest.json"


@dataclass
class Tables:
    """The canonical tables plus what ingestion recorded about them."""

    tweets: pd.DataFrame
    followers: pd.DataFrame
    rejects: pd.DataFrame
    manifest: dict = field(default_factory=dict)

    @property
    def simulated(self) -> bool:
        """True when any ingested input is the bundled simulated sample."""
        return bool(self.manifest.get("simulated", False))

    @property
    def empty(self) -> bool:
        """True when there are neither tweets nor follower snapshots."""
        return self.tweets.empty and self.followers.empty


def read_manifest(processed: Path) -> dict:
    """The ingestion manifest of ``processed`` ({} when there is none)."""
    path = processed / MANIFEST
    if not path.exists():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UserError(
            f"cannot read {path}: {exc}; run pilot-eval ingest to write it again"
        ) from None


def require_published(path: Path, name: str) -> None:
    """A :class:`UserError` when table ``path`` is absent although the manifest beside
    it says the last ingest wrote it (deleted since): its rows must not silently count
    as none."""
    if not path.exists() and name in (read_manifest(path.parent).get("tables") or {}):
        raise UserError(
            f"{path} is missing (the last ingest wrote it): run pilot-eval ingest to "
            "write the tables again"
        )


def read_table(path: Path, name: str, columns: list[str] | None = None) -> pd.DataFrame:
    """One canonical table as pandas (empty with the right columns when absent, unless
    the manifest says it was written: :func:`require_published`)."""
    if not path.exists():
        require_published(path, name)
        return empty_frame(name)
    try:
        import pyarrow.parquet as pq

        return to_pandas(pq.read_table(path, columns=columns))
    except Exception as exc:  # pyarrow raises several types for a damaged file
        raise UserError(f"cannot read table {path}: {exc}") from None


def has_data(data_dir: str | Path = DEFAULT_DATA_DIR) -> bool:
    """True when ``data_dir/processed`` holds a tweets or followers table."""
    paths = data_paths(data_dir)
    return paths.table("tweets").exists() or paths.table("followers").exists()


def load(data_dir: str | Path = DEFAULT_DATA_DIR) -> Tables:
    """Load ``tweets``, ``followers`` and ``rejects`` from ``data_dir/processed``."""
    paths = data_paths(data_dir)
    return Tables(
        tweets=read_table(paths.table("tweets"), "tweets"),
        followers=read_table(paths.table("followers"), "followers"),
        rejects=read_table(paths.table("rejects"), "rejects"),
        manifest=read_manifest(paths.processed),
    )


def accounts_without_data(
    tweets: pd.DataFrame, followers: pd.DataFrame, registry: Registry
) -> list[str]:
    """Measured accounts of which the tables hold nothing at all: no tweet (at any date)
    and no follower snapshot, in registry order.

    Their KPIs count 0 tweets, as SPEC section 6 counts them (the tests' oracle and an
    independent review read it so); the report says "pas de données" for them and
    ``pilot-eval kpis`` warns. Here, not in :mod:`pilot_eval.metrics.kpis`, so that the
    report's kernels need not import SciPy for it (about 1 s).
    """
    seen: set[str] = set()
    for table in (tweets, followers):
        if "handle" in table.columns and len(table):
            seen.update(str(h).casefold() for h in table["handle"].dropna().unique())
    return [a.handle for a in registry.measured() if a.handle.casefold() not in seen]


def data_days(tweets: pd.DataFrame, followers: pd.DataFrame) -> tuple[date | None, date | None]:
    """The first and last local days (Europe/Paris) the tables speak of: the day of the
    earliest tweet or follower snapshot, and the day of the latest collection (a tweet's
    ``collected_at``, or its ``created_at`` when not recorded; a snapshot's
    ``observed_at``). None when the tables are empty.

    A period reaching outside them counts days without data in its per-day rates:
    ``pilot-eval kpis`` warns, the report says so.
    """
    import pandas as pd

    from pilot_eval.config import TIMEZONE

    firsts, lasts = [], []
    for table, columns in (
        (tweets, ("created_at", "collected_at")),
        (followers, ("observed_at",)),
    ):
        for column in columns:
            if column in table.columns and len(table):
                values = pd.to_datetime(table[column], utc=True)
                firsts.append(values.min())
                lasts.append(values.max())
    firsts = [t for t in firsts if pd.notna(t)]
    lasts = [t for t in lasts if pd.notna(t)]
    if not firsts:
        return None, None
    return min(firsts).tz_convert(TIMEZONE).date(), max(lasts).tz_convert(TIMEZONE).date()
