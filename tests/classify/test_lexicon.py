"""The cue lexicon: syntax, matching, errors."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from pilot_eval.classify.categories import CATEGORIES
from pilot_eval.classify.lexicon import load_lexicon, parse_cue
from pilot_eval.classify.text import TOKEN, normalize
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


def test_a_cue_never_spans_two_texts():
    lexicon = load_lexicon()
    scores, fired = lexicon.match(["merci contactez le", "17 ce soir", "contactez le 17"])
    assert "appeal_witness:contactez le 17" not in fired[0].split("|")
    assert fired[2].split("|") == ["appeal_witness:contactez le 17"]
    assert scores[2, CATEGORIES.index("appeal_witness")] == 2.0
    assert scores.shape == (3, len(CATEGORIES))


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


def _greedy_match(lexicon, text: str) -> tuple[dict[str, float], list[str]]:
    """The matching rule, written plainly for one text: at each token the first candidate
    cue (longest, heaviest, first in the file) whose words all follow is taken, and
    matching resumes after it."""
    tokens = TOKEN.findall(text)
    scores: dict[str, float] = {}
    fired: list[str] = []
    i = 0
    for pos, token in enumerate(tokens):
        if pos < i:
            continue
        atoms, cands = lexicon._atoms_of(token, {})
        for cue in cands:
            n = len(cue.atoms)
            following = [lexicon._atoms_of(t, {})[0] for t in tokens[pos + 1 : pos + n]]
            if len(following) == n - 1 and all(
                a in found for a, found in zip(cue.atoms[1:], following, strict=True)
            ):
                break
        else:
            continue
        scores[cue.category] = scores.get(cue.category, 0.0) + cue.weight
        label = f"{cue.category}:{cue.text}"
        if label not in fired:
            fired.append(label)
        i = pos + n
    return scores, fired


def test_match_equals_the_plain_rule_on_random_texts():
    """Texts of cue words, whole multi-word cues and other words, in random order."""
    lexicon = load_lexicon()
    words = sorted({w for cue in lexicon.cues for w, _ in cue.atoms})
    words += sorted({" ".join(w for w, _ in cue.atoms) for cue in lexicon.cues})
    words += ["le", "la", "17", "ce", "soir", "nantes", "madrid", "temoins", "circulations"]
    _assert_random_texts_follow_the_plain_rule(lexicon, words, seed=8, n=3000, longest=25)


def _assert_random_texts_follow_the_plain_rule(
    lexicon, words: list[str], *, seed: int, n: int, longest: int
) -> None:
    """``n`` texts of up to ``longest`` of ``words`` in random order: scores and fired
    cues as :func:`_greedy_match` gives them."""
    rng = np.random.default_rng(seed)
    texts = [" ".join(rng.choice(words, size=rng.integers(0, longest))) for _ in range(n)]
    scores, fired = lexicon.match(texts)
    for row, text in enumerate(texts):
        expected_scores, expected_fired = _greedy_match(lexicon, text)
        assert fired[row] == "|".join(expected_fired), text
        for category, value in expected_scores.items():
            assert scores[row, CATEGORIES.index(category)] == pytest.approx(value), text
        assert scores[row].sum() == pytest.approx(sum(expected_scores.values())), text


def test_overlapping_cues_of_several_words_follow_the_plain_rule(tmp_path: Path):
    """Cues that overlap, share words, end at a text's end, or lose to a longer one whose
    last word is missing: every case on random texts of their words, against the rule."""
    path = tmp_path / "lexicon.toml"
    path.write_text(
        "[traffic]\nfr = ['a b', 'b c d', 'c d', 'x*', 'a b c d e']\n"
        "[operations]\nfr = ['b c', 'd', 'a', 'x y z', 'xy*']\n",
        encoding="utf-8",
    )
    lexicon = load_lexicon(path)
    scores, fired = lexicon.match(["a b c d", "b c d", "a b c d e", "a b c d f", "b c"])
    assert fired[0] == "traffic:a b|traffic:c d"  # 'b c' starts inside 'a b'
    assert fired[1] == "traffic:b c d"
    assert fired[2] == "traffic:a b c d e"
    assert fired[3] == "traffic:a b|traffic:c d"  # 'a b c d e' lacks its last word
    assert fired[4] == "operations:b c"  # 'b c d' would run past the end of the text
    assert scores[0, CATEGORIES.index("traffic")] == 2.0
    words = ["a", "b", "c", "d", "e", "f", "x", "xy", "xyz", "y", "z"]
    _assert_random_texts_follow_the_plain_rule(lexicon, words, seed=11, n=2000, longest=12)
