"""A tiny processed dataset (canonical tables written directly) for report tests."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq

from pilot_eval.config import data_paths
from pilot_eval.schema import conform

#: A private person mentioned in tweets and replied to: must never appear in pages.
PRIVATE = "jean_dupont75"
#: A tweet with markup: must be shown as text.
MARKUP = '<script>alert("x")</script> Attention aux faux policiers <b>gras</b>'

ACCOUNTS = {
    "PNationale44": ("2013-12-23", 300.0, 25.0),
    "pnationale35": ("2014-01-13", 150.0, 10.0),
    "pnationale62": ("2014-01-13", 120.0, 8.0),
    "pnationale67": ("2014-01-13", 200.0, 20.0),
    "pnationale06": ("2014-01-13", 280.0, 15.0),
    "pnationale": ("2013-12-01", 7000.0, 40.0),
    "policia": ("2013-12-01", 680000.0, 500.0),
}


def write_tiny(data_dir: Path, *, simulated: bool = True, seed: int = 1) -> Path:
    """Write tweets, followers, rejects and a manifest under ``data_dir/processed``."""
    rng = np.random.default_rng(seed)
    paths = data_paths(data_dir)
    paths.processed.mkdir(parents=True, exist_ok=True)
    tweets, followers = [], []
    tid = 400_000_000_000_000_000
    for handle, (opened, base, per_day) in ACCOUNTS.items():
        first = pd.Timestamp(max(opened, "2013-12-23"), tz="Europe/Paris")
        for d in range(0, (pd.Timestamp("2014-03-31", tz="Europe/Paris") - first).days + 1, 3):
            when = first + pd.Timedelta(days=d, hours=int(rng.integers(7, 22)))
            tid += 1
            kind = ["original", "original", "reply", "retweet"][int(rng.integers(0, 4))]
            text = f"Conseil de prévention n°{d} #cambriolage"
            reply_to = None
            if kind == "reply":
                text, reply_to = f"@{PRIVATE} merci pour votre signalement", PRIVATE
            if handle == "pnationale67" and d == 3:
                text, kind = MARKUP, "original"
            scale = base / 100 if handle != "policia" else 60
            tweets.append(
                {
                    "tweet_id": tid, "handle": handle, "created_at": when.tz_convert("UTC"),
                    "text": text, "lang": "es" if handle == "policia" else "fr", "kind": kind,
                    "retweet_count": int(rng.poisson(scale)), "like_count": int(rng.poisson(scale)),
                    "reply_count": int(rng.poisson(1)), "quote_count": 0,
                    "hashtags": ["cambriolage"], "mentions": [PRIVATE] if reply_to else [],
                    "urls": [], "media_count": int(rng.integers(0, 2)), "source": "snscrape",
                    "collected_at": pd.Timestamp("2014-04-01", tz="UTC"), "reply_to": reply_to,
                    "in_registry": True,
                }
            )  # fmt: skip
        for d in range(0, 100, 4):
            when = pd.Timestamp("2013-12-23 12:00", tz="Europe/Paris") + pd.Timedelta(days=d)
            if when.date() < pd.Timestamp(opened).date():
                continue
            followers.append(
                {"handle": handle, "observed_at": when.tz_convert("UTC"),
                 "followers": int(base + per_day * d), "source": "followers_csv", "in_registry": True}
            )  # fmt: skip
    rejects = [{"file": "raw/x.jsonl", "line": 3, "reason": "truncated JSON", "raw": '{"id":'}]
    for name, rows in (("tweets", tweets), ("followers", followers), ("rejects", rejects)):
        pq.write_table(conform(pd.DataFrame(rows), name), paths.table(name))
    (paths.processed / "manifest.json").write_text(
        json.dumps({"simulated": simulated, "sources": ["snscrape", "followers_csv"]}),
        encoding="utf-8",
    )
    return data_dir
