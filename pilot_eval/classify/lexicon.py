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
    _atom_ids: dict = field(default_factory=dict, compare=False, hash=False, repr=False)
    _cue_atoms: np.ndarray = field(default=None, compare=False, hash=False, repr=False)

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
        # per cue, in file order: the ids of its atoms, padded with -1
        for cue in self.cues:
            for atom in cue.atoms:
                self._atom_ids.setdefault(atom, len(self._atom_ids))
        width = max((len(c.atoms) for c in self.cues), default=1)
        cue_atoms = np.full((len(self.cues), width), -1, dtype=np.int64)
        for rank, cue in enumerate(self.cues):
            cue_atoms[rank, : len(cue.atoms)] = [self._atom_ids[a] for a in cue.atoms]
        object.__setattr__(self, "_cue_atoms", cue_atoms)

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

    def _first_matches(
        self,
        entries: list[tuple[frozenset, tuple]],
        relevant: list[int],
        several: np.ndarray,
        codes: np.ndarray,
        positions: np.ndarray,
        ends: np.ndarray,
    ) -> tuple[np.ndarray, np.ndarray]:
        """The cue that matches at each position where a cue of several words may start.

        At each position the token's candidate cues are tried in their order (longest,
        heaviest, first in the file): the first one whose words all follow before the
        end of the text matches. All positions are tried at once, candidate by
        candidate, word by word.

        Parameters
        ----------
        entries
            Per distinct token (code): the atoms it satisfies and the cues that may
            start at it (:meth:`_atoms_of`).
        relevant
            The tokens that satisfy some atom (the others are never looked at).
        several
            Per distinct token: whether a cue of several words may start at it.
        codes
            The token codes of all texts, end to end.
        positions, ends
            Where to try (indices into ``codes``), and the end of each one's text.

        Returns
        -------
        found : numpy.ndarray
            The matching cue's rank in the file, -1 where none matches.
        length : numpy.ndarray
            Its number of words, 0 where none matches.
        """
        found = np.full(len(positions), -1, dtype=np.int64)
        length = np.zeros(len(positions), dtype=np.int64)
        if not len(positions):
            return found, length
        rank = self._rank
        cue_atoms = self._cue_atoms
        cue_len = (cue_atoms >= 0).sum(axis=1)
        starters = np.flatnonzero(several)
        width = max(len(entries[v][1]) for v in starters.tolist())
        table = np.full((len(several), width), -1, dtype=np.int64)
        for v in starters.tolist():
            cands = entries[v][1]
            table[v, : len(cands)] = [rank[id(c)] for c in cands]
        # the atoms each distinct token satisfies, as sorted keys: token * n_atoms + atom
        n_atoms = len(self._atom_ids)
        satisfied = np.sort(
            np.fromiter(
                (v * n_atoms + self._atom_ids[a] for v in relevant for a in entries[v][0]),
                dtype=np.int64,
            )
        )
        codes = codes.astype(np.int64, copy=False)
        candidates = table[codes[positions]]
        undecided = np.ones(len(positions), dtype=bool)
        for j in range(width):
            idx = np.flatnonzero(undecided & (candidates[:, j] >= 0))
            if not len(idx):
                break
            cue = candidates[idx, j]
            n = cue_len[cue]
            start = positions[idx]
            ok = (n == 1) | (start + n <= ends[idx])
            for k in range(1, cue_atoms.shape[1]):
                check = np.flatnonzero(ok & (n > k))
                if not len(check):
                    break
                keys = codes[start[check] + k] * n_atoms + cue_atoms[cue[check], k]
                at = np.minimum(np.searchsorted(satisfied, keys), len(satisfied) - 1)
                ok[check] = satisfied[at] == keys if len(satisfied) else False
            hit = idx[ok]
            found[hit] = cue[ok]
            length[hit] = n[ok]
            undecided[hit] = False
        return found, length

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
        ``contactez le 17`` fires once, not also as ``le 17``. Each distinct token that
        may be a cue word is looked up once (memoised on the lexicon between calls). The
        cues of several words are tried at all their possible starts at once
        (:meth:`_first_matches`); only the matches are then walked in order, to drop
        those inside an earlier match.

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
        exact, heads = self._exact, self._prefix_heads
        k = self._prefix_lengths[0] if self._prefix_lengths else 0
        # a token that is no cue word and does not start like a prefix cue satisfies no
        # atom (most tokens): it is not looked up
        entries = [
            memo.get(t)
            or (self._atoms_of(t, memo) if t in exact or (k and t[:k] in heads) else _NO_CUE)
            for t in tokens.vocabulary
        ]
        relevant = [v for v, e in enumerate(entries) if e is not _NO_CUE]
        rank = self._rank
        n_vocab = len(entries)
        # per distinct token: may a cue start there; may a cue of several words start there;
        # else the cue always taken there (the first candidate), as its rank in the file
        starts = np.zeros(n_vocab, dtype=bool)
        several = np.zeros(n_vocab, dtype=bool)
        single = np.full(n_vocab, -1, dtype=np.int64)
        for v in relevant:
            cands = entries[v][1]
            if cands:
                starts[v] = True
                several[v] = any(len(c.atoms) > 1 for c in cands)
                single[v] = rank[id(cands[0])]
        codes = tokens.codes
        if not n_vocab or not starts.any():
            return scores, fired
        row_of = tokens.text_index
        # 1. cues of several words: where one matches, then those not inside an earlier one
        maybe_long = np.flatnonzero(several[codes])
        ends = tokens.offsets[1:][row_of[maybe_long]]
        found, length = self._first_matches(entries, relevant, several, codes, maybe_long, ends)
        hit_pos: list[int] = []
        hit_cue: list[int] = []
        span_pos: list[int] = []
        span_len: list[int] = []
        i = 0  # matching resumes at i (a cue never ends past its text, so no reset per text)
        long = np.flatnonzero(length > 1)
        for pos, cue, n in zip(
            maybe_long[long].tolist(), found[long].tolist(), length[long].tolist(), strict=True
        ):
            if pos >= i:
                hit_pos.append(pos)
                hit_cue.append(cue)
                span_pos.append(pos)
                span_len.append(n)
                i = pos + n
        # 2. one-word cues, except inside a cue of several words taken above
        inside = np.zeros(len(codes) + 1, dtype=np.int64)
        span_at = np.asarray(span_pos, dtype=np.int64)
        np.add.at(inside, span_at + 1, 1)
        np.add.at(inside, span_at + np.asarray(span_len, dtype=np.int64), -1)
        outside = np.cumsum(inside)[:-1] == 0
        short = np.flatnonzero(starts[codes] & ~several[codes] & outside)
        one = np.flatnonzero(length == 1)
        one = one[outside[maybe_long[one]]]  # a one-word cue where a longer one may start
        positions = np.concatenate([np.asarray(hit_pos, dtype=np.int64), maybe_long[one], short])
        cues = np.concatenate(
            [np.asarray(hit_cue, dtype=np.int64), found[one], single[codes[short]]]
        )
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
