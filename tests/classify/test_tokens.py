"""Tokenising texts once per distinct word (issue 8): exact, not approximate."""

from __future__ import annotations

import numpy as np
import pytest

from pilot_eval.classify.text import TOKEN, normalize
from pilot_eval.classify.tokens import _normalize_word, tokenize

#: Texts where a word-by-word normalisation could differ from the whole text's.
TRICKY = [
    "",
    " ",
    "a",
    "¨",  # NFKD gives a space: the word normalises to nothing
    "x ¨ y",
    "x\u0301 \u0301",
    "Déviation à Nantes !",
    "Detenido  un   atracador",
    "#AppelATémoins :) vous?",
    "#Tráfico #DGT_Info #A6 #N-137",
    "A-6 N137 rn7 50% <3 ^^",
    "bit.ly/abc www.Example.com/x (http://t.co/Y)",
    "İstanbul ŒUVRE « ok » ’ ß ﬁn ½ ²",
    "\u00a0nbsp\u2002en\ttab\nnl\u3000ideo",
    ":-) ;p =D :( a:) b",
    "RT @policia: Detenidos 3 #Madrid",
    "http://t.co/abc https://t.co/x:) HTTP://T.CO/Y http: https://",
    "abc ABC aBc é a7 n137 ok% x:)",
]


@pytest.mark.parametrize("text", TRICKY)
def test_normalize_never_looks_across_whitespace(text: str):
    """The identity tokenize relies on: normalise words, join them by single spaces."""
    by_word = " ".join(w for w in (normalize(word) for word in text.split()) if w)
    assert normalize(text) == by_word


@pytest.mark.parametrize("word", [w for text in TRICKY for w in text.split()])
def test_the_shortcuts_for_common_words_are_normalize(word: str):
    assert _normalize_word(word) == normalize(word)


def test_the_shortcuts_are_normalize_for_every_letter_and_digit():
    """The letters-only shortcut folds and lower-cases: checked on every Unicode letter
    or digit, alone and inside a word (ligatures, Turkish İ, modifier letters...)."""
    chars = [chr(c) for c in range(0x30000) if chr(c).isalpha() or chr(c).isdigit()]
    assert len(chars) > 100_000
    words = chars + [f"Ab{c}" for c in chars] + [f"{c}12" for c in chars[::7]]
    differ = [w for w in words if _normalize_word(w) != normalize(w)]
    assert differ == []


def _runs(tokens, i: int) -> list[str]:
    return list(tokens.vocabulary[tokens.codes[tokens.offsets[i] : tokens.offsets[i + 1]]])


def test_tokenize_gives_the_words_and_tokens_of_the_normalised_texts():
    texts = [*TRICKY, *TRICKY[::-1]]
    tokenized = tokenize(texts, normalized=False)
    assert tokenized.n_texts == len(texts)
    for i, text in enumerate(texts):
        norm = normalize(text)
        assert _runs(tokenized.words, i) == norm.split()
        assert _runs(tokenized.tokens, i) == TOKEN.findall(norm)
    # each distinct string once
    assert len(set(tokenized.words.vocabulary)) == len(tokenized.words.vocabulary)


def test_tokenize_of_normalised_texts_does_not_normalise_again():
    tokenized = tokenize(["a7 _road_", "", "a b a"], normalized=True)
    assert _runs(tokenized.words, 0) == ["a7", "_road_"]
    assert _runs(tokenized.words, 1) == []
    assert _runs(tokenized.tokens, 2) == ["a", "b", "a"]
    counts = tokenized.tokens.counts().toarray()
    a = list(tokenized.tokens.vocabulary).index("a")
    assert counts[2, a] == 2.0 and counts[1].sum() == 0


def test_tokenize_nothing():
    tokenized = tokenize([], normalized=False)
    assert tokenized.n_texts == 0
    assert tokenized.tokens.counts().shape[0] == 0
    assert np.array_equal(tokenized.words.offsets, [0])
