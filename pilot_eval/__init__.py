"""pilot_eval: evaluation suite for the 2013-2014 Police nationale Twitter pilot."""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["Tables", "load", "load_registry", "__version__"]

if TYPE_CHECKING:
    from pilot_eval.registry import load_registry
    from pilot_eval.tables import Tables, load


def __getattr__(name: str):
    """``load``, ``Tables`` and ``load_registry``, imported when first used.

    Importing a submodule (``pilot_eval.cli`` for every command) does not pay for
    pandas until a command needs it (issue 8: ``pilot-eval ingest`` does not).
    """
    if name == "load_registry":
        from pilot_eval.registry import load_registry

        return load_registry
    if name in ("Tables", "load"):
        from pilot_eval import tables

        return getattr(tables, name)
    raise AttributeError(f"module 'pilot_eval' has no attribute {name!r}")
