"""Texts as arrays of token codes: what the lexicon and the model read (issue 8).

Normalising and tokenising a text costs Python work per word; a million tweets hold
tens of millions of words but few distinct ones. :func:`tokenize` therefore does that
work once per *distinct* word and represents each text as a run of integer codes into
a vocabulary of distinct strings, so that counting n-grams, matching the lexicon and
building TF-IDF matrices are NumPy and SciPy operations.

This is exact, not an approximation: :func:`pilot_eval.classify.text.normalize` never
looks across whitespace (URLs end at a space, hashtags and road numbers are words,
spaces are collapsed), so the normalised text is the normalised words joined by single
spaces, leaving out words that normalise to nothing. ``tests/classify/test_tokens.py``
checks that identity, and that the matrices built here equal scikit-learn's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import chain

import numpy as np
import pandas as pd
import scipy.sparse as sp

from pilot_eval.classify.text import TOKEN, fold_accents, normalize


@dataclass(frozen=True)
class Tokens:
    """Texts as runs of codes: text ``i`` is ``vocabulary[codes[offsets[i]:offsets[i + 1]]]``."""

    codes: np.ndarray
    offsets: np.ndarray
    vocabulary: np.ndarray

    @property
    def n_texts(self) -> int:
        return len(self.offsets) - 1

    @cached_property
    def text_index(self) -> np.ndarray:
        """The text (row) of each code in :attr:`codes` (computed once)."""
        return np.repeat(np.arange(self.n_texts), np.diff(self.offsets))

    def counts(self) -> sp.csr_matrix:
        """Texts × vocabulary matrix of occurrence counts (float32)."""
        ones = np.ones(len(self.codes), dtype=np.float32)
        shape = (self.n_texts, len(self.vocabulary))
        matrix = sp.csr_matrix((ones, (self.text_index, self.codes)), shape=shape)
        matrix.sum_duplicates()
        return matrix


@dataclass(frozen=True)
class TokenizedTexts:
    """The two tokenisations of normalised texts the classifier uses.

    ``words``: the whitespace-separated words (character n-grams never cross them);
    ``tokens``: the matches of :data:`pilot_eval.classify.text.TOKEN` (word n-grams and
    the lexicon).
    """

    words: Tokens
    tokens: Tokens

    @property
    def n_texts(self) -> int:
        return self.words.n_texts


def run_offsets(lengths: np.ndarray) -> np.ndarray:
    """Offsets (``len + 1``, starting at 0) of consecutive runs of ``lengths``."""
    offsets = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    return offsets


def _factorize(runs: list[list[str]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Runs of strings as (codes, lengths of the runs, distinct strings)."""
    lengths = np.fromiter((len(r) for r in runs), np.int64, len(runs))
    flat = np.fromiter(chain.from_iterable(runs), object, int(lengths.sum()))
    codes, distinct = pd.factorize(flat)
    return codes.astype(np.int64, copy=False), lengths, np.asarray(distinct, dtype=object)


def _expand(
    codes: np.ndarray,
    text_of: np.ndarray,
    n_texts: int,
    part_codes: np.ndarray,
    part_len: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Each code ``c`` (of text ``text_of``) replaced by its run, the ``c``-th run of
    ``part_codes`` (whose lengths are ``part_len``): (new codes, new text offsets)."""
    part_off = run_offsets(part_len)
    lengths = part_len[codes]
    out_off = run_offsets(lengths)
    index = np.repeat(part_off[codes] - out_off[:-1], lengths) + np.arange(out_off[-1])
    text_len = np.bincount(text_of, weights=lengths, minlength=n_texts).astype(np.int64)
    return part_codes[index], run_offsets(text_len)


def _normalize_word(word: str) -> str:
    """:func:`pilot_eval.classify.text.normalize` of one word, with exact shortcuts for
    the commonest words.

    A word of letters only, still letters only once its accents are folded and it is
    lower-cased, is just that: every substitution of ``normalize`` needs a character
    that is not a letter (``.``, ``/``, ``:``, ``#``, ``%``, a digit, a space). A word of
    ASCII digits is left as it is (a road number needs letters before its digits), and
    a word starting with ``http://`` or ``https://`` and more is one URL.
    """
    if word.isalpha():
        folded = fold_accents(word).lower()
        if folded.isalpha():
            return folded
    elif word.isascii() and word.isdigit():
        return word
    if (word.startswith("http://") and len(word) > 7) or (
        word.startswith("https://") and len(word) > 8
    ):
        return "_url_"
    return normalize(word)


def tokenize(texts: Sequence[str], *, normalized: bool) -> TokenizedTexts:
    """Tokenise texts, normalising each distinct word once.

    Parameters
    ----------
    texts
        Raw tweet texts (``normalized=False``: each is normalised by
        :func:`pilot_eval.classify.text.normalize`) or texts already normalised.

    Returns
    -------
    TokenizedTexts
        Whitespace words and :data:`~pilot_eval.classify.text.TOKEN` tokens of the
        normalised texts, in order, as codes into vocabularies of distinct strings.
    """
    codes, lengths, distinct = _factorize([t.split() for t in texts])
    text_of = np.repeat(np.arange(len(texts)), lengths)
    norms = list(distinct) if normalized else [_normalize_word(w) for w in distinct]
    word_codes, word_len, words = _factorize([n.split() for n in norms])
    token_codes, token_len, tokens = _factorize([TOKEN.findall(n) for n in norms])
    return TokenizedTexts(
        Tokens(*_expand(codes, text_of, len(texts), word_codes, word_len), words),
        Tokens(*_expand(codes, text_of, len(texts), token_codes, token_len), tokens),
    )
