"""The bundled simulated sample (SPEC section 9): ``pilot-eval sample``.

SIMULATED DATA — données simulées. :func:`write_sample` writes, into
``DATA_DIR/raw/sample/``, a deterministic dataset in the real raw formats (snscrape JSON
lines built with snscrape's own classes, a follower snapshots CSV) calibrated on the
facts of SPEC section 1, with its generating parameters beside it.

Modules: :mod:`~pilot_eval.sample.profiles` (calibration per account),
:mod:`~pilot_eval.sample.growth` (follower curves and snapshots),
:mod:`~pilot_eval.sample.texts` with :mod:`~pilot_eval.sample.texts_fr` and
:mod:`~pilot_eval.sample.texts_es` (tweet texts), :mod:`~pilot_eval.sample.engagement`
(engagement model and theoretical medians), :mod:`~pilot_eval.sample.simulate` (the
tweets), :mod:`~pilot_eval.sample.twitter` (snscrape objects) and
:mod:`~pilot_eval.sample.generate` (the files).
"""

from __future__ import annotations

from pilot_eval.sample.generate import PARAMS_TYPE, write_sample
from pilot_eval.sample.simulate import SEED

__all__ = ["PARAMS_TYPE", "SEED", "write_sample"]
