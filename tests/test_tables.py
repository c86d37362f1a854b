"""Reading the published tables (pilot_eval.tables)."""

from __future__ import annotations

import json

import pytest

from pilot_eval.errors import UserError
from pilot_eval.tables import load, read_table


def test_a_table_the_manifest_lists_but_is_gone_is_an_error(data_dir):
    """A deleted followers.parquet must not read as "no snapshots" (review: kpis ran
    without follower data, exit 0)."""
    processed = data_dir / "processed"
    (processed / "manifest.json").write_text(
        json.dumps({"tables": {"tweets": [1, 1], "followers": [1, 1]}}), encoding="utf-8"
    )
    with pytest.raises(UserError, match="followers.parquet is missing.*run pilot-eval ingest"):
        read_table(processed / "followers.parquet", "followers")
    # a table the manifest does not list is simply empty
    assert read_table(processed / "rejects.parquet", "rejects").empty
    with pytest.raises(UserError, match="missing"):
        load(data_dir)
