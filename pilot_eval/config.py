"""Paths and constants in one place (cookiecutter-data-science's ``config.py``).

Everything that names a directory, a default period or the analysis time zone lives
here, so that the CLI, the notebooks and the tests agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

#: Time zone of every period boundary (SPEC section 6). Madrid keeps the same clock.
TIMEZONE = "Europe/Paris"

#: Default assessment period (SPEC section 3): first day of the pilot, last day of March.
DEFAULT_START = date(2013, 12, 23)
DEFAULT_END = date(2014, 3, 31)

#: Default data directory, relative to the working directory.
DEFAULT_DATA_DIR = Path("data")

#: Default reports directory, relative to the working directory.
DEFAULT_REPORTS_DIR = Path("reports")

PACKAGE_DIR = Path(__file__).resolve().parent

#: The account registry shipped in the package (SPEC section 3).
DEFAULT_REGISTRY = PACKAGE_DIR / "accounts.toml"

#: The parameterised notebooks (top-level ``notebooks/``; the package is installed editable).
NOTEBOOKS_DIR = PACKAGE_DIR.parent / "notebooks"


#: File name of the report's pseudonym key in the data directory.
KEY_FILE = "pseudonym.key"


@dataclass(frozen=True)
class DataPaths:
    """The layout under ``--data-dir``: immutable inputs and rebuilt tables."""

    root: Path

    @property
    def raw(self) -> Path:
        """Immutable inputs as collected or exported (never modified by the code)."""
        return self.root / "raw"

    @property
    def processed(self) -> Path:
        """Canonical Parquet tables rebuilt from ``raw``."""
        return self.root / "processed"

    @property
    def sample(self) -> Path:
        """Where ``pilot-eval sample`` writes the simulated dataset."""
        return self.raw / "sample"

    @property
    def snscrape(self) -> Path:
        """Where ``pilot-eval collect`` writes snscrape JSON lines."""
        return self.raw / "snscrape"

    def table(self, name: str) -> Path:
        """Path of the canonical table ``name`` (``tweets``, ``followers``, ``rejects``)."""
        return self.processed / f"{name}.parquet"

    @property
    def pseudonym_key(self) -> Path:
        """The report's pseudonym key, created on first use (:mod:`pilot_eval.report.privacy`)."""
        return self.root / KEY_FILE

    @property
    def written(self) -> tuple[Path, ...]:
        """What pilot-eval writes in the data directory itself: never input."""
        return (self.processed, self.pseudonym_key)


def data_paths(data_dir: str | Path = DEFAULT_DATA_DIR) -> DataPaths:
    """Return the :class:`DataPaths` rooted at ``data_dir``."""
    return DataPaths(Path(data_dir))
