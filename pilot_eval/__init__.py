"""pilot_eval: evaluation suite for the 2013-2014 Police nationale Twitter pilot."""

from pilot_eval.registry import load_registry
from pilot_eval.tables import Tables, load

__version__ = "0.1.0"
__all__ = ["Tables", "load", "load_registry", "__version__"]
