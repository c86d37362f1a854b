"""Tiny hand-made tables for the metrics tests."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from pilot_eval.registry import Account, Registry
from pilot_eval.schema import SCHEMAS, to_pandas


def make_table(name: str, rows: list[dict]) -> pd.DataFrame:
    """A canonical table ``name`` (tweets / followers) from a few rows; other columns null."""
    import pyarrow as pa

    schema = SCHEMAS[name]
    columns = {f.name: [r.get(f.name) for r in rows] for f in schema}
    for key in ("created_at", "observed_at", "collected_at"):
        if key in columns:
            columns[key] = [None if v is None else pd.Timestamp(v) for v in columns[key]]
    return to_pandas(pa.table(columns, schema=schema))


def tweet(tweet_id: int, handle: str, created_at: str, kind: str = "original", **counts) -> dict:
    """One tweet row; counts default to 0 unless given (None = not provided)."""
    row = {"tweet_id": tweet_id, "handle": handle, "created_at": created_at, "kind": kind}
    for c in ("retweet_count", "like_count", "reply_count", "quote_count"):
        row[c] = counts.pop(c, 0)
    row.update(counts)
    return row


@pytest.fixture
def tiny_registry() -> Registry:
    """A pilot opened on 23 Dec 2013, a pilot opened 13 Jan 2014, national, comparator."""
    return Registry(
        accounts=(
            Account("PNationale44", "DDSP 44", "pilot", "44", date(2013, 12, 23)),
            Account("pnationale06", "DDSP 06", "pilot", "06", date(2014, 1, 13)),
            Account("pnationale", "DGPN", "national"),
            Account("policia", "Policía", "comparator", lang="es", timezone="Europe/Madrid"),
            Account("pnationale86", "Impostor", "impostor", "86"),
        )
    )
