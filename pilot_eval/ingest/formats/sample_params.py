"""Reader for the simulated sample's generating-parameters file (no rows, simulated).

The bundled sample (SPEC section 9) writes its generating parameters beside the raw
files as one JSON document whose top-level ``_type`` is
``"pilot_eval.sample.GeneratingParameters"``. Ingestion recognises it so that it is
neither reported as unrecognised nor read as data; it only marks the run simulated.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from pilot_eval.ingest.base import ReadContext, ReadResult, open_binary, reject

PARAMS_TYPE = "pilot_eval.sample.GeneratingParameters"
_SNIFF = re.compile(rb'^\s*\{\s*"_type"\s*:\s*"' + re.escape(PARAMS_TYPE.encode()) + rb'"')


class _Reader:
    name = "sample_params"

    def sniff(self, head: bytes, path: Path) -> bool:
        """True when the JSON document starts with the parameters' ``_type``."""
        return bool(_SNIFF.match(head)) or (
            head.lstrip().startswith(b"{") and f'"_type": "{PARAMS_TYPE}"'.encode() in head[:4096]
        )

    def read(self, path: Path, ctx: ReadContext) -> ReadResult:
        """No rows; ``simulated=True``. A damaged file is one reject (line 0)."""
        try:
            with open_binary(path) as fh:
                data = json.loads(fh.read().decode("utf-8"))
        except (OSError, EOFError, UnicodeDecodeError, ValueError) as exc:
            import pandas as pd

            rows = [reject(ctx.name(path), 0, f"unreadable parameters file: {exc}", b"")]
            return ReadResult(rejects=pd.DataFrame(rows), simulated=True)
        ok = isinstance(data, dict) and data.get("_type") == PARAMS_TYPE
        notes = [] if ok else ["parameters file without the expected _type"]
        return ReadResult(simulated=True, notes=notes)


READER = _Reader()
