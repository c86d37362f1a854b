"""The simulated sample's generating-parameters file."""

from __future__ import annotations

import json

from pilot_eval.ingest.base import ReadContext
from pilot_eval.ingest.formats import detect
from pilot_eval.ingest.formats.sample_params import PARAMS_TYPE, READER


def test_recognised_without_rows_and_simulated(tmp_path, registry):
    path = tmp_path / "params.json"
    path.write_text(json.dumps({"_type": PARAMS_TYPE, "seed": 1, "accounts": {}}))
    assert detect(path) is READER
    result = READER.read(path, ReadContext(registry=registry, root=tmp_path))
    assert result.simulated
    assert len(result.tweets) == 0 and len(result.followers) == 0 and len(result.rejects) == 0


def test_other_json_is_not_params():
    assert not READER.sniff(b'{"_type": "something.else"}', None)
