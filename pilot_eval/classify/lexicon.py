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

import numpy as np

from pilot_eval.classify.categories import CATEGORIES
from pilot_eval.classify.text import TOKEN, fold_accents
from pilot_eval.errors import UserError

#: The lexicon shipped with the package.
DEFAULT_LEXICON = Path(__file__).resolve().parent / "lexicon.toml"

LANG_KEYS = ("fr", "es", "any")

#: An atom is one word of a cue: (word, is_prefix).
Atom = tuple[str, bool]


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

    def __post_init__(self) -> None:
        for rank, cue in enumerate(self.cues):
            self._rank[id(cue)] = rank
            for word, is_prefix in cue.atoms:
                (self._prefix if is_prefix else self._exact).setdefault(word, (word, is_prefix))
            self._by_first.setdefault(cue.atoms[0], []).append(cue)
        for cues in self._by_first.values():
            cues.sort(key=lambda c: -len(c.atoms))  # longest cue first

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
            for k in range(1, len(token) + 1):
                if token[:k] in self._prefix:
                    found.add((token[:k], True))
            cands = {id(c): c for atom in found for c in self._by_first.get(atom, ())}
            ordered = sorted(
                cands.values(), key=lambda c: (-len(c.atoms), -c.weight, self._rank[id(c)])
            )
            entry = memo[token] = (frozenset(found), tuple(ordered))
        return entry

    def match(self, normalized: Iterable[str]) -> tuple[np.ndarray, list[str]]:
        """Weighted cue hits per category and the cues that fired, per text.

        At each word, the longest cue that starts there is taken (between equally long
        cues, the heaviest, then the first in the file) and matching resumes after it, so
        ``contactez le 17`` fires once, not also as ``le 17``. Token lookups are memoised
        on the lexicon between calls.

        Parameters
        ----------
        normalized
            Normalised texts.

        Returns
        -------
        scores : numpy.ndarray
            Shape ``(n, len(CATEGORIES))``, float32: sum of the weights of the cues that
            fired, per category.
        fired : list of str
            Per text, the distinct cues that fired as ``category:cue``, joined by ``|``.
        """
        texts = list(normalized)
        scores = np.zeros((len(texts), len(CATEGORIES)), dtype=np.float32)
        fired: list[str] = [""] * len(texts)
        cat_index = {c: i for i, c in enumerate(CATEGORIES)}
        memo = self._memo  # token -> (atoms, candidate cues); kept between calls
        if len(memo) > 500_000:
            memo.clear()
        atoms_of = self._atoms_of
        for row, text in enumerate(texts):
            tokens = TOKEN.findall(text)
            entries = [memo[t] if t in memo else atoms_of(t, memo) for t in tokens]
            hits: dict[str, None] = {}
            n_tokens = len(tokens)
            i = 0  # matching resumes here (after the last cue taken)
            for pos, (_, cands) in enumerate(entries):
                if not cands or pos < i:
                    continue
                for cue in cands:
                    n = len(cue.atoms)
                    if n == 1 or (
                        pos + n <= n_tokens
                        and all(cue.atoms[k] in entries[pos + k][0] for k in range(1, n))
                    ):
                        break
                else:
                    continue
                scores[row, cat_index[cue.category]] += cue.weight
                hits[f"{cue.category}:{cue.text}"] = None
                i = pos + n
            if hits:
                fired[row] = "|".join(hits)
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
