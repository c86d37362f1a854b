"""Fixtures of the sample tests: the bundled sample, written once per session."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from pilot_eval.registry import load_registry
from pilot_eval.sample import write_sample


@pytest.fixture(scope="session")
def sample_dir(tmp_path_factory) -> Path:
    """A folder holding the simulated sample of the shipped registry."""
    target = tmp_path_factory.mktemp("sample")
    write_sample(target, load_registry())
    return target


def read_jsonl(path: Path) -> list[dict]:
    """Every line of a (possibly gzipped) JSON lines file, parsed."""
    opener = gzip.open if path.read_bytes()[:2] == b"\x1f\x8b" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@pytest.fixture(scope="session")
def sample_files(sample_dir: Path) -> dict[str, list[dict]]:
    """Parsed lines of every snscrape file, keyed by file name."""
    return {p.name: read_jsonl(p) for p in sorted(sample_dir.glob("snscrape_*"))}


@pytest.fixture(scope="session")
def sample_tweets(sample_files) -> list[dict]:
    """Every Tweet line of the sample (not the nested retweeted originals)."""
    return [
        obj
        for lines in sample_files.values()
        for obj in lines
        if obj["_type"] == "snscrape.modules.twitter.Tweet"
    ]


@pytest.fixture(scope="session")
def sample_params(sample_dir: Path) -> dict:
    """The generating parameters written beside the sample."""
    return json.loads((sample_dir / "generating_parameters.json").read_text(encoding="utf-8"))
