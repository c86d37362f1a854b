"""The editable lexicon of cues per category and language (``lexicon.toml``).

A cue is a word, a phrase, a hashtag or a prefix (``temoin*``) that points to a
category; its syntax is described at the top of ``lexicon.toml``. Cues are matched on
the word tokens of the normalised text (:func:`pilot_eval.classify.text.normalize`), so
accents, case and CamelCase hashtags do not matter. Every cue is tried on every tweet
whatever its language (the ``fr``/``es``/``any`` keys organise the file). The lexicon both
explains decisions (the cues that fired) and feeds the learned model (one weighted hit
count per category).
"""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from pilot_eval.classify.categories import CATEGORIES
from pilot_eval.classify.text import TOKEN, fold_accents
from pilot_eval.errors import UserError

if TYPE_CHECKING:
    from pilot_eval.classify.tokens import Tokens

#: The lexicon shipped with the package.
DEFAULT_LEXICON = Path(__file__).resolve().parent / "lexicon.toml"

LANG_KEYS = ("fr", "es", "any")

#: An atom is one word of a cue: (word, is_prefix).
Atom = tuple[str, bool]
#: What a token that matches no atom of any cue satisfies, and may start.
_NO_CUE: tuple[frozenset, tuple] = (frozenset(), ())


@dataclass(frozen=True)
class Cue:
    """One cue: the ``category`` it points to, its ``lang`` key, as written, its atoms."""

    category: str
    lang: str
    text: str
    atoms: tuple[Atom, ...]
    weight: float


def parse_cue(raw: str) -> tuple[str, tuple[Atom, ...], float]:
    """(display text, atoms, weight) of one cue as written in the TOML file.

    >>> parse_cue("Appel à témoin*^3")
    ('appel a temoin*', (('appel', False), ('a', False), ('temoin', True)), 3.0)
    """
    text, weight = raw.strip(), 1.0
    head, _, tail = text.rpartition("^")
    if head and tail.replace(".", "", 1).isdigit():
        text, weight = head, float(tail)
    folded = fold_accents(text).lower().strip()
    atoms: list[Atom] = []
    for chunk in folded.split():
        words = TOKEN.findall(chunk)
        for k, word in enumerate(words):
            atoms.append((word, chunk.endswith("*") and k == len(words) - 1))
    return folded, tuple(atoms), weight


@dataclass(frozen=True)
class Lexicon:
    """The cues of every category, indexed for token matching."""

    cues: tuple[Cue, ...]
    version: str
    _by_first: dict = field(default_factory=dict, compare=False, hash=False, repr=False)
    _exact: dict = field(default_factory=dict, compare=False, hash=False, repr=False)
    _prefix: dict = field(default_factory=dict, compare=False, hash=False, repr=False)
    _rank: dict = field(default_factory=dict, compare=False, hash=False, repr=False)
    _memo: dict = field(default_factory=dict, compare=False, hash=False, repr=False)
    _labels: list = field(default_factory=list, compare=False, hash=False, repr=False)
    _prefix_lengths: list = field(default_factory=list, compare=False, hash=False, repr=False)
    _prefix_heads: set = field(default_factory=set, compare=False, hash=False, repr=False)
    _category: np.ndarray = field(default=None, compare=False, hash=False, repr=False)
    _weight: np.ndarray = field(default=None, compare=False, hash=False, repr=False)

    def __post_init__(self) -> None:
        # per cue, in file order: "category:cue" as reported, category index, weight
        self._labels.extend(f"{c.category}:{c.text}" for c in self.cues)
        index = {c: i for i, c in enumerate(CATEGORIES)}
        object.__setattr__(
            self, "_category", np.array([index[c.category] for c in self.cues], dtype=np.int64)
        )
        object.__setattr__(
            self, "_weight", np.array([c.weight for c in self.cues], dtype=np.float32)
        )
        for rank, cue in enumerate(self.cues):
            self._rank[id(cue)] = rank
            for word, is_prefix in cue.atoms:
                (self._prefix if is_prefix else self._exact).setdefault(word, (word, is_prefix))
            self._by_first.setdefault(cue.atoms[0], []).append(cue)
        for cues in self._by_first.values():
            cues.sort(key=lambda c: -len(c.atoms))  # longest cue first
        self._prefix_lengths.extend(sorted({len(p) for p in self._prefix}))
        if self._prefix_lengths:  # a token can match a prefix only if it starts so
            shortest = self._prefix_lengths[0]
            self._prefix_heads.update(p[:shortest] for p in self._prefix)

    def _atoms_of(self, token: str, memo: dict[str, tuple]) -> tuple[frozenset, tuple]:
        """(atoms the token satisfies, cues that may start at it, longest first).

        Candidate cues are ordered by number of atoms (longest first), then by weight
        (strongest first), then by their order in the lexicon file, so the choice between
        equally long cues (``circulation`` and ``circul*``) never depends on string
        hashing: scores are the same in every process.
        """
        entry = memo.get(token)
        if entry is None:
            found = set()
            if token in self._exact:
                found.add((token, False))
            shortest = self._prefix_lengths[0] if self._prefix_lengths else 0
            if shortest and token[:shortest] in self._prefix_heads:
                for k in self._prefix_lengths:
                    if k > len(token):
                        break
                    if token[:k] in self._prefix:
                        found.add((token[:k], True))
            if not found:
                memo[token] = _NO_CUE
                return _NO_CUE
            cands = {id(c): c for atom in found for c in self._by_first.get(atom, ())}
            ordered = sorted(
                cands.values(), key=lambda c: (-len(c.atoms), -c.weight, self._rank[id(c)])
            )
            entry = memo[token] = (frozenset(found), tuple(ordered))
        return entry

    def match(self, normalized: Iterable[str]) -> tuple[np.ndarray, list[str]]:
        """Weighted cue hits per category and the cues that fired, per normalised text.

        See :meth:`match_tokens`, which this calls on the texts' tokens.
        """
        from pilot_eval.classify.tokens import tokenize

        return self.match_tokens(tokenize(list(normalized), normalized=True).tokens)

    def match_tokens(self, tokens: Tokens, *, report: bool = True) -> tuple[np.ndarray, list[str]]:
        """Weighted cue hits per category and the cues that fired, per text.

        At each word, the longest cue that starts there is taken (between equally long
        cues, the heaviest, then the first in the file) and matching resumes after it, so
        ``contactez le 17`` fires once, not also as ``le 17``. Each distinct token is
        looked up once (memoised on the lexicon between calls); only the positions where
        some cue may start are visited.

        Parameters
        ----------
        tokens
            The :data:`~pilot_eval.classify.text.TOKEN` tokens of normalised texts
            (:func:`pilot_eval.classify.tokens.tokenize`).
        report
            False leaves every ``fired`` empty (the scores alone feed the model).

        Returns
        -------
        scores : numpy.ndarray
            Shape ``(n, len(CATEGORIES))``, float32: sum of the weights of the cues that
            fired, per category.
        fired : list of str
            Per text, the distinct cues that fired as ``category:cue``, joined by ``|``.
        """
        n_texts = tokens.n_texts
        scores = np.zeros((n_texts, len(CATEGORIES)), dtype=np.float32)
        fired: list[str] = [""] * n_texts
        memo = self._memo  # token -> (atoms, candidate cues); kept between calls
        if len(memo) > 500_000:
            memo.clear()
        entries = [memo[t] if t in memo else self._atoms_of(t, memo) for t in tokens.vocabulary]
        rank = self._rank
        n_vocab = len(entries)
        # per distinct token: may a cue start there; may a cue of several words start there;
        # else the cue always taken there (the first candidate), as its rank in the file
        starts = np.fromiter((bool(e[1]) for e in entries), bool, n_vocab)
        several = np.fromiter((any(len(c.atoms) > 1 for c in e[1]) for e in entries), bool, n_vocab)
        single = np.fromiter(
            (rank[id(e[1][0])] if e[1] else -1 for e in entries), np.int64, n_vocab
        )
        codes = tokens.codes
        if not n_vocab or not starts.any():
            return scores, fired
        row_of = tokens.text_index
        # 1. positions where a cue of several words may start, text by text, in order
        hit_pos: list[int] = []
        hit_cue: list[int] = []
        span_pos: list[int] = []
        span_len: list[int] = []
        maybe_long = np.flatnonzero(several[codes])
        codes_list = codes.tolist()
        ends = tokens.offsets[1:].tolist()
        current, i, end = -1, 0, 0
        for pos, row in zip(maybe_long.tolist(), row_of[maybe_long].tolist(), strict=True):
            if row != current:
                current, i, end = row, 0, ends[row]  # matching resumes at i
            if pos < i:
                continue
            for cue in entries[codes_list[pos]][1]:
                n = len(cue.atoms)
                if n == 1 or (
                    pos + n <= end
                    and all(cue.atoms[k] in entries[codes_list[pos + k]][0] for k in range(1, n))
                ):
                    break
            else:
                continue
            hit_pos.append(pos)
            hit_cue.append(rank[id(cue)])
            if n > 1:
                span_pos.append(pos)
                span_len.append(n)
            i = pos + n
        # 2. one-word cues, except inside a cue of several words taken above
        inside = np.zeros(len(codes) + 1, dtype=np.int64)
        span_at = np.asarray(span_pos, dtype=np.int64)
        np.add.at(inside, span_at + 1, 1)
        np.add.at(inside, span_at + np.asarray(span_len, dtype=np.int64), -1)
        short = np.flatnonzero(starts[codes] & ~several[codes] & (np.cumsum(inside)[:-1] == 0))
        positions = np.concatenate([np.asarray(hit_pos, dtype=np.int64), short])
        cues = np.concatenate([np.asarray(hit_cue, dtype=np.int64), single[codes[short]]])
        if not len(positions):
            return scores, fired
        order = np.argsort(positions, kind="stable")
        rows, cues = row_of[positions[order]], cues[order]
        np.add.at(scores, (rows, self._category[cues]), self._weight[cues])
        if not report:
            return scores, fired
        # the distinct cues of each text, in the order they fired
        key = rows * len(self.cues) + cues
        first = np.sort(np.unique(key, return_index=True)[1])
        rows, cues = rows[first], cues[first]
        bounds = np.flatnonzero(np.diff(rows)) + 1
        labels = self._labels
        cue_list = cues.tolist()
        starts_at = [0, *bounds.tolist()]
        stops_at = [*bounds.tolist(), len(cue_list)]
        for row, a, b in zip(rows[starts_at].tolist(), starts_at, stops_at, strict=True):
            fired[row] = "|".join([labels[r] for r in cue_list[a:b]])
        return scores, fired


def load_lexicon(path: Path | None = None) -> Lexicon:
    """Read a lexicon file (default: the one shipped in the package).

    Raises
    ------
    UserError
        When the file cannot be read, is not valid TOML, or names an unknown category
        or language key.
    """
    path = Path(path) if path is not None else DEFAULT_LEXICON
    try:
        mtime = path.stat().st_mtime_ns
    except OSError as exc:
        raise UserError(f"{path}: cannot read the lexicon ({exc.strerror})") from exc
    return _load_lexicon_cached(path, mtime)


@lru_cache(maxsize=4)
def _load_lexicon_cached(path: Path, _mtime: int) -> Lexicon:
    try:
        raw = path.read_bytes()
        data = tomllib.loads(raw.decode("utf-8"))
    except OSError as exc:
        raise UserError(f"{path}: cannot read the lexicon ({exc.strerror})") from exc
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UserError(f"{path}: not a valid TOML lexicon ({exc})") from exc
    cues: list[Cue] = []
    for category, section in data.items():
        if category not in CATEGORIES:
            known = ", ".join(CATEGORIES)
            raise UserError(f"{path}: unknown category [{category}] (known: {known})")
        for lang, entries in section.items():
            if lang not in LANG_KEYS:
                raise UserError(f"{path}: [{category}] unknown key {lang!r} (fr, es, any)")
            for entry in entries:
                text, atoms, weight = parse_cue(str(entry))
                if atoms:
                    cues.append(Cue(category, lang, text, atoms, weight))
    version = hashlib.sha256(raw).hexdigest()[:16]
    return Lexicon(tuple(cues), version)
