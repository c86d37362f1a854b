"""The analyst's labels file and the accuracy measured on it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pilot_eval.classify import load_labels, measure_against_labels
from pilot_eval.errors import UserError


def test_no_labels_file_gives_none(tmp_path: Path):
    assert load_labels(tmp_path) is None


def test_labels_are_read_and_last_wins(tmp_path: Path):
    (tmp_path / "labels.csv").write_text(
        "tweet_id,category,note\n10,prevention,x\n11,Traffic,\n10,other,fixed\n", encoding="utf-8"
    )
    labels = load_labels(tmp_path)
    assert labels["tweet_id"].dtype == "int64"
    assert dict(zip(labels["tweet_id"], labels["category"], strict=True)) == {
        10: "other",
        11: "traffic",
    }


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "tweet_id,category\n1,prevention\n2,weather\n",
            r"labels\.csv, line 3: unknown category 'weather'",
        ),
        ("tweet_id,category\nabc,prevention\n", r"labels\.csv, line 2: tweet id 'abc'"),
        ("id_tweet,cat\n1,prevention\n", "needs the columns tweet_id,category"),
    ],
)
def test_bad_labels_are_user_errors_with_file_and_line(tmp_path: Path, content: str, message: str):
    (tmp_path / "labels.csv").write_text(content, encoding="utf-8")
    with pytest.raises(UserError, match=message):
        load_labels(tmp_path)


def test_measure_against_labels():
    predicted = pd.DataFrame(
        {"tweet_id": [1, 2, 3, 4], "category": ["traffic", "traffic", "other", "prevention"]}
    )
    labels = pd.DataFrame(
        {"tweet_id": [1, 2, 3, 9], "category": ["traffic", "prevention", "other", "other"]}
    )
    m = measure_against_labels(predicted, labels)
    assert m["n"] == 3
    assert m["accuracy"] == pytest.approx(2 / 3)
    assert m["per_category"]["traffic"]["precision"] == pytest.approx(0.5)
    assert m["per_category"]["prevention"]["recall"] == 0.0
    assert measure_against_labels(predicted, labels.iloc[3:])["accuracy"] is None
