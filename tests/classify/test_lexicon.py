"""The cue lexicon: syntax, matching, errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from pilot_eval.classify.categories import CATEGORIES
from pilot_eval.classify.lexicon import load_lexicon, parse_cue
from pilot_eval.classify.text import normalize
from pilot_eval.errors import UserError


def test_parse_cue_prefix_weight_and_accents():
    text, atoms, weight = parse_cue("Appel à témoin*^3")
    assert text == "appel a temoin*"
    assert atoms == (("appel", False), ("a", False), ("temoin", True))
    assert weight == 3.0


def test_shipped_lexicon_covers_every_category():
    lexicon = load_lexicon()
    covered = {c.category for c in lexicon.cues}
    assert covered == set(CATEGORIES)
    assert len(lexicon.version) == 16


def test_match_takes_the_longest_cue_and_reports_it():
    lexicon = load_lexicon()
    scores, fired = lexicon.match([normalize("#AppelATémoins vous étiez là ? Contactez le 17")])
    assert "appeal_witness:contactez le 17" in fired[0].split("|")
    assert "appeal_witness:#appelatemoin*" in fired[0].split("|")
    assert scores[0].argmax() == CATEGORIES.index("appeal_witness")


def test_match_prefix_does_not_match_inside_a_word():
    lexicon = load_lexicon()
    _, fired = lexicon.match([normalize("rien à voir avec les manifestants")])
    assert "traffic:manifestation" not in fired[0]


def test_bad_lexicon_is_a_user_error(tmp_path: Path):
    bad = tmp_path / "lexicon.toml"
    bad.write_text("[nonsense]\nfr = ['x']\n", encoding="utf-8")
    with pytest.raises(UserError, match="unknown category"):
        load_lexicon(bad)
    bad.write_text("[prevention\n", encoding="utf-8")
    with pytest.raises(UserError, match="not a valid TOML"):
        load_lexicon(bad)
    with pytest.raises(UserError, match="cannot read"):
        load_lexicon(tmp_path / "missing.toml")


def test_equally_long_cues_tie_on_weight_then_file_order(tmp_path: Path):
    path = tmp_path / "lexicon.toml"
    path.write_text(
        "[traffic]\nfr = ['circul*', 'circulation^2']\n[operations]\nfr = ['circulati*']\n",
        encoding="utf-8",
    )
    scores, fired = load_lexicon(path).match(["la circulation"])
    assert fired == ["traffic:circulation"]
    assert scores[0, CATEGORIES.index("traffic")] == 2.0


@pytest.mark.slow
def test_match_is_the_same_in_every_process(tmp_path: Path):
    """Ties used to follow set order, i.e. string hashing (PYTHONHASHSEED)."""
    import os
    import subprocess
    import sys

    code = (
        "import hashlib;from pilot_eval.classify.lexicon import load_lexicon;"
        "from pilot_eval.classify.text import normalize;"
        "s,f=load_lexicon().match([normalize(t) for t in ["
        "'circulation perturbee, accident sur la N137 : prudence',"
        "'#prevention cambriolage circulation disparition inquietante temoins']]);"
        "print(hashlib.md5(s.tobytes()+'|'.join(f).encode()).hexdigest())"
    )
    out = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in (1, 2, 3, 4)
    }
    assert len(out) == 1
