"""Shared test fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from pilot_eval.registry import load_registry

REPO = Path(__file__).resolve().parent.parent
#: Real samples of the input formats, beside the repository (never copied into it).
SHARED_FIXTURES = REPO.parent / "shared" / "fixtures"


@pytest.fixture(scope="session")
def shared_fixtures() -> Path:
    """``../shared/fixtures``; the test is skipped when it is absent."""
    if not SHARED_FIXTURES.is_dir():
        pytest.skip("../shared/fixtures is not beside the repository")
    return SHARED_FIXTURES


@pytest.fixture(scope="session")
def registry():
    """The account registry shipped in the package."""
    return load_registry()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """An empty data directory with ``raw/`` and ``processed/``."""
    (tmp_path / "data" / "raw").mkdir(parents=True)
    (tmp_path / "data" / "processed").mkdir(parents=True)
    return tmp_path / "data"
