"""The learned classifier: TF-IDF word and character n-grams plus lexicon scores.

Features, all computed on the normalised text (:mod:`pilot_eval.classify.text`):

- word 1–2-grams (hashtags kept as ``#tag`` and split into words), TF-IDF, sublinear tf;
- character 2–5-grams inside word boundaries (``char_wb``), TF-IDF, sublinear tf: robust
  to typos, missing accents and word endings, in both languages;
- the lexicon's weighted cue hits per category (:mod:`pilot_eval.classify.lexicon`),
  ``log1p``-scaled and multiplied by :data:`LEXICON_WEIGHT`.

A linear SVM (``LinearSVC``, ``class_weight="balanced"``, fixed ``random_state``; its
margins are turned into 0–1 confidences by a softmax) is trained on the labelled corpus
(``corpus/*.csv``) in about a second. The trained model is kept as ``model.joblib``
beside this module (a build artefact, not committed; ``make model`` builds it) with its
:attr:`Model.version`, a hash of corpus, lexicon and :data:`MODEL_REVISION`.
:func:`get_model` loads that file when its version is current and otherwise retrains
and rewrites it, so a stale model is never used. The version also keys the cache of
results. Without a corpus, a lexicon-only rule is used.
"""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import scipy.sparse as sp

from pilot_eval.classify.categories import CATEGORIES, OTHER
from pilot_eval.classify.lexicon import Lexicon, load_lexicon
from pilot_eval.classify.text import TOKEN
from pilot_eval.classify.tokens import TokenizedTexts, Tokens, run_offsets, tokenize

if TYPE_CHECKING:  # scikit-learn is imported where a model is built or loaded: reading
    # cached categories (pilot-eval kpis) never needs it (0.3 s, issue 8)
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.svm import LinearSVC

#: Bump when features or hyper-parameters change: it invalidates cached results.
MODEL_REVISION = "6"
#: The labelled corpus directory (``fr.csv``, ``es.csv``: ``id,lang,category,text``).
CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
#: The trained model written by ``make model`` (``python -m pilot_eval.classify model``).
MODEL_FILE = Path(__file__).resolve().parent / "model.joblib"
#: Scale of the lexicon features against the TF-IDF blocks (tuned by cross-validation).
LEXICON_WEIGHT = 0.1
#: Inverse regularisation strength of the logistic regression (tuned by cross-validation).
C = 0.5
RANDOM_STATE = 0
#: ``"svc"`` (LinearSVC, fast to train) or ``"lr"`` (logistic regression).
CLASSIFIER = "svc"
#: Scale of LinearSVC margins before the softmax that turns them into confidences.
SOFTMAX_SCALE = 3.0


def read_corpus(corpus_dir: Path = CORPUS_DIR) -> pd.DataFrame:
    """The labelled corpus: columns ``id``, ``lang``, ``category``, ``text``.

    Every ``*.csv`` file of ``corpus_dir`` is read; rows whose category is not one of
    :data:`CATEGORIES` or whose text is empty are left out. Empty frame when none.
    """
    frames = [
        pd.read_csv(path, dtype=str, keep_default_na=False)
        for path in sorted(Path(corpus_dir).glob("*.csv"))
    ]
    columns = ["id", "lang", "category", "text"]
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    corpus = pd.concat(frames, ignore_index=True)[columns]
    keep = corpus["category"].isin(CATEGORIES) & (corpus["text"].str.strip() != "")
    return corpus.loc[keep].reset_index(drop=True)


def corpus_hash(corpus_dir: Path = CORPUS_DIR) -> str:
    """SHA-256 (16 hex digits) of the corpus files' names and bytes."""
    digest = hashlib.sha256()
    for path in sorted(Path(corpus_dir).glob("*.csv")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _word_vectorizer() -> TfidfVectorizer:
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(
        lowercase=False,
        token_pattern=TOKEN.pattern,
        ngram_range=(1, 2),
        sublinear_tf=True,
        min_df=1,
        dtype=np.float32,
    )


def _char_vectorizer(char_range: tuple[int, int] = (2, 5)) -> TfidfVectorizer:
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(
        lowercase=False,
        analyzer="char_wb",
        ngram_range=char_range,
        sublinear_tf=True,
        min_df=2,
        dtype=np.float32,
    )


@dataclass
class Predictions:
    """Per text: ``category``, ``confidence`` (probability, 0–1), ``cues`` (explanation,
    None when not asked for)."""

    category: np.ndarray
    confidence: np.ndarray
    cues: list[str] | None


#: Function words never shown as "terms" in explanations (they weigh, but explain nothing).
_FUNCTION_WORDS = frozenset(
    """a au aux avec ce ces cette dans de des du en et il ils la le les leur lui mais ne nos
    notre nous on ou par pas pour qu que qui sa se ses son sont sur un une vos votre vous y
    al con del el en es esta este las lo los mas me mi muy nos os para pero por que se si
    su sus te tu un una uno y ya hoy ha han""".split()
)


def _informative(term: str) -> bool:
    return not all(word in _FUNCTION_WORDS for word in term.split())


def _explain(cats: np.ndarray, fired: list[str], terms: list[list[str]] | None) -> list[str]:
    out = []
    for i, cat in enumerate(cats):
        own = [h.split(":", 1)[1] for h in fired[i].split("|") if h.startswith(cat + ":")]
        parts = []
        if own:
            parts.append("cues: " + ", ".join(own[:4]))
        if terms is not None and terms[i]:
            parts.append("terms: " + ", ".join(terms[i]))
        out.append("; ".join(parts) if parts else "no cue")
    return out


@dataclass
class Model:
    """A trained classifier (or the lexicon-only fallback when ``clf`` is None)."""

    lexicon: Lexicon
    version: str
    word: TfidfVectorizer | None = None
    char: TfidfVectorizer | None = None
    clf: LogisticRegression | LinearSVC | None = None
    lexicon_weight: float = LEXICON_WEIGHT
    _word_names: np.ndarray = field(default_factory=lambda: np.array([]), repr=False)

    def _lexicon_block(self, scores: np.ndarray) -> sp.csr_matrix:
        return sp.csr_matrix(np.log1p(scores) * self.lexicon_weight)

    def word_tfidf(self, tokens: Tokens) -> sp.csr_matrix:
        """``self.word.transform(texts)`` from the texts' tokens (same result, faster).

        Word 1–2-grams are counted on token codes: a unigram is a feature when its
        token is in the vocabulary; a bigram ``"a b"`` is looked up once per distinct
        pair of consecutive tokens of a text, and only for tokens that occur in some
        bigram feature. Then TF-IDF as scikit-learn does it (:func:`_tfidf`).
        """
        assert self.word is not None
        if tuple(self.word.ngram_range) != (1, 2):
            raise NotImplementedError(f"word n-grams {self.word.ngram_range}: only (1, 2)")
        vocabulary = self.word.vocabulary_
        names, codes = tokens.vocabulary, tokens.codes
        unigram = np.fromiter((vocabulary.get(t, -1) for t in names), np.int64, len(names))
        parts = self._bigram_parts()
        in_bigram = np.fromiter((t in parts for t in names), bool, len(names))
        text_of = tokens.text_index
        pair = (text_of[1:] == text_of[:-1]) & in_bigram[codes[:-1]] & in_bigram[codes[1:]]
        pair_at = np.flatnonzero(pair)
        keys = codes[pair_at] * len(names) + codes[pair_at + 1]
        distinct, inverse = np.unique(keys, return_inverse=True)
        bigram_names = names[distinct // len(names)] + " " + names[distinct % len(names)]
        bigram = np.fromiter(
            (vocabulary.get(b, -1) for b in bigram_names), np.int64, len(bigram_names)
        )[inverse]
        uni = unigram[codes]
        rows = np.concatenate([text_of[uni >= 0], text_of[pair_at][bigram >= 0]])
        cols = np.concatenate([uni[uni >= 0], bigram[bigram >= 0]])
        counts = sp.csr_matrix(
            (np.ones(len(rows), dtype=np.float32), (rows, cols)),
            shape=(tokens.n_texts, len(vocabulary)),
        )
        return _tfidf(counts, self.word)

    def _bigram_parts(self) -> frozenset[str]:
        """Tokens that occur in some bigram feature (memoised)."""
        parts = getattr(self, "_bigram_parts_cache", None)
        if parts is None:
            assert self.word is not None
            parts = frozenset(p for f in self.word.vocabulary_ if " " in f for p in f.split(" "))
            self._bigram_parts_cache = parts
        return parts

    def char_tfidf(self, words: Tokens) -> sp.csr_matrix:
        """``self.char.transform(texts)`` from the texts' words (same result, faster).

        ``char_wb`` n-grams never cross a space, so a text's n-gram counts are the sum
        of its words' counts: the n-grams of each *distinct* word are counted once
        (:meth:`char_grams`), (texts × words counts) @ (words × n-grams counts), then
        TF-IDF as scikit-learn does it (:func:`_tfidf`). The product has one entry per
        (text, n-gram) already: its column indices are left unsorted (sorting them took
        a third of the classifier's time, issue 8).
        """
        counts = words.counts() @ self.char_grams(words.vocabulary)
        return _tfidf(counts, self.char, summed=True)

    def char_grams(self, words: np.ndarray) -> sp.csr_matrix:
        """Words × character n-gram features: counts, as scikit-learn's ``char_wb``.

        Each word is padded with one space on each side; for each n of the n-gram
        range, every n-gram of the padded word is counted when it is a feature (a
        padded word shorter than the smallest n is one n-gram by itself). Vectorised:
        every character is coded by its rank in the alphabet of the features (a
        character outside it is in no feature), and an n-gram is the integer of its
        character codes (12 bits each), looked up among the features' integers. Exact,
        not hashed. N-grams longer than 5 characters are counted by scikit-learn.
        """
        assert self.char is not None
        lo, hi = self.char.ngram_range
        char_keys = self._char_keys()
        if char_keys is None:
            from sklearn.feature_extraction.text import CountVectorizer

            return CountVectorizer(
                analyzer="char_wb",
                ngram_range=(lo, hi),
                vocabulary=self.char.vocabulary_,
                lowercase=False,
                dtype=np.float32,
            ).transform(words)
        alphabet, keys, features = char_keys
        padded = [f" {w} " for w in words]
        lengths = np.fromiter((len(w) for w in padded), np.int64, len(padded))
        points = np.frombuffer(
            "".join(padded).encode("utf-32-le", "surrogatepass"), dtype=np.uint32
        )
        at = np.searchsorted(alphabet, points)
        at[at == len(alphabet)] = 0
        code = np.where(alphabet[at] == points, at + 1, 0).astype(np.int64)  # 0: unknown
        word_of = np.repeat(np.arange(len(padded)), lengths)  # per character
        word_len = lengths[word_of]
        left = word_len - (np.arange(len(points)) - run_offsets(lengths)[word_of])  # to its end
        rows, cols = [], []
        for n in range(lo, hi + 1):
            ok = left >= n
            if n == lo:  # a word shorter than every n is one n-gram by itself
                ok |= (left == word_len) & (word_len < lo)
            pos = np.flatnonzero(ok)
            span = np.minimum(n, left[pos])
            key = np.zeros(len(pos), dtype=np.int64)
            known = np.ones(len(pos), dtype=bool)
            for k in range(n):
                inside = k < span
                c = np.where(inside, code[np.minimum(pos + k, len(code) - 1)], 0)
                known &= ~inside | (c > 0)
                key |= c << (12 * k)
            found = np.searchsorted(keys, key)
            found[found == len(keys)] = 0
            hit = known & (keys[found] == key) if len(keys) else np.zeros(len(key), bool)
            rows.append(word_of[pos[hit]])
            cols.append(features[found[hit]])
        grams = sp.csr_matrix(
            (
                np.ones(sum(len(r) for r in rows), dtype=np.float32),
                (np.concatenate(rows), np.concatenate(cols)),
            ),
            shape=(len(padded), len(self.char.vocabulary_)),
        )
        grams.sum_duplicates()
        return grams

    def _char_keys(self) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
        """(alphabet of the char features as sorted code points, sorted feature integers,
        their feature indices), memoised; see :meth:`char_grams`. None when n-grams do
        not fit 64-bit keys (more than 5 characters, or over 4,095 distinct characters)."""
        cached = getattr(self, "_char_keys_cache", False)
        if cached is False:
            assert self.char is not None
            vocabulary = self.char.vocabulary_
            alphabet = np.array(sorted({ord(c) for f in vocabulary for c in f}), dtype=np.uint32)
            if len(alphabet) > 4095 or 12 * self.char.ngram_range[1] > 63:
                cached = None  # n-grams too long for 64-bit keys: scikit-learn counts them
                self._char_keys_cache = cached
                return cached
            rank = {int(p): i + 1 for i, p in enumerate(alphabet)}
            keys = np.fromiter(
                (sum(rank[ord(c)] << (12 * k) for k, c in enumerate(f)) for f in vocabulary),
                np.int64,
                len(vocabulary),
            )
            features = np.fromiter(vocabulary.values(), np.int64, len(vocabulary))
            order = np.argsort(keys)
            cached = (alphabet, keys[order], features[order])
            self._char_keys_cache = cached
        return cached

    def feature_blocks(self, texts: TokenizedTexts, scores: np.ndarray) -> list[sp.csr_matrix]:
        """The blocks of the feature matrix, in column order: word TF-IDF, char TF-IDF,
        lexicon scores."""
        return [
            self.word_tfidf(texts.tokens),
            self.char_tfidf(texts.words),
            self._lexicon_block(scores),
        ]

    def features(self, texts: TokenizedTexts, scores: np.ndarray) -> sp.csr_matrix:
        """The feature matrix: word TF-IDF | char TF-IDF | lexicon block."""
        return sp.hstack(self.feature_blocks(texts, scores), format="csr")

    def predict(
        self, texts: list[str], *, normalized: bool = True, explain: bool = True
    ) -> Predictions:
        """Classify texts.

        Parameters
        ----------
        texts
            Texts already passed through :func:`pilot_eval.classify.text.normalize`,
            or raw texts with ``normalized=False`` (each distinct word is then
            normalised once: :func:`pilot_eval.classify.tokens.tokenize`).
        explain
            Explain each decision in ``cues``: the lexicon cues of the chosen category
            that fired and the terms that weighed most. False leaves ``cues`` None
            (the KPIs need only the category; about 10 µs less per text).
        """
        tokenized = tokenize(texts, normalized=normalized)
        scores, fired = self.lexicon.match_tokens(tokenized.tokens, report=explain)
        if self.clf is None:
            return _lexicon_only(scores, fired, explain)
        blocks = self.feature_blocks(tokenized, scores)
        proba = self._proba(blocks)
        best = proba.argmax(axis=1)
        classes = self.clf.classes_
        cats = classes[best]
        confidence = proba[np.arange(len(best)), best]
        if not explain:
            return Predictions(cats.astype(object), confidence, None)
        terms = self._top_terms(blocks[0], best)
        return Predictions(cats.astype(object), confidence, _explain(cats, fired, terms))

    def _proba(self, blocks: list[sp.csr_matrix]) -> np.ndarray:
        """Per text and class, a 0–1 confidence from the feature ``blocks``.

        LinearSVC: softmax of its margins, computed block by block (the sum of each
        block times its slice of the weights, plus the intercept: what
        ``decision_function`` computes on the stacked matrix, without stacking it,
        which took a sixth of the classifier's time, issue 8).
        """
        if hasattr(self.clf, "predict_proba"):
            return self.clf.predict_proba(sp.hstack(blocks, format="csr"))
        coef, z, start = self.clf.coef_, self.clf.intercept_, 0
        for block in blocks:
            z = z + block @ coef[:, start : start + block.shape[1]].T
            start += block.shape[1]
        if start != coef.shape[1]:
            raise ValueError(f"{start} features for a classifier of {coef.shape[1]}")
        z = np.asarray(z).reshape(-1, coef.shape[0]) * SOFTMAX_SCALE
        if coef.shape[0] == 1:  # two classes: one margin, for the second class
            z = np.column_stack([-z[:, 0], z[:, 0]])
        # a monotone confidence, 0-1, sums to 1
        z = np.exp(z - z.max(axis=1, keepdims=True))
        return z / z.sum(axis=1, keepdims=True)

    def _top_terms(self, Xw: sp.csr_matrix, best: np.ndarray, k: int = 3) -> list[list[str]]:
        """Per row of the word TF-IDF block ``Xw``, up to ``k`` informative word n-grams
        that pushed most towards ``best``.

        A term's contribution is its TF-IDF weight times the classifier's weight for the
        chosen class; only positive contributions of terms that are not made of function
        words only count. Vectorised over all non-zeros (ties: lower feature index first).
        """
        n_word = len(self._word_names)
        if Xw.shape[1] != n_word:
            raise ValueError(f"{Xw.shape[1]} word features for {n_word} word names")
        coef = self.clf.coef_[:, :n_word]
        if coef.shape[0] == 1:  # two classes: one weight vector, for the second class
            coef = np.vstack([-coef[0], coef[0]])
        rows = np.repeat(np.arange(Xw.shape[0]), np.diff(Xw.indptr))
        contrib = Xw.data * coef[best[rows], Xw.indices]
        keep = (contrib > 0) & self._informative_mask()[Xw.indices]
        rows, idx, contrib = rows[keep], Xw.indices[keep], contrib[keep]
        order = np.lexsort((idx, -contrib, rows))
        rows, idx = rows[order], idx[order]
        starts = np.searchsorted(rows, rows, side="left")
        top = (np.arange(len(rows)) - starts) < k
        rows, idx = rows[top], idx[top]
        out: list[list[str]] = [[] for _ in range(Xw.shape[0])]
        for r, name in zip(rows.tolist(), self._word_names[idx].tolist(), strict=True):
            out[r].append(name)
        return out

    def _informative_mask(self) -> np.ndarray:
        """Boolean per word feature: not made of function words only (memoised)."""
        mask = getattr(self, "_informative_cache", None)
        if mask is None or len(mask) != len(self._word_names):
            mask = np.fromiter(
                (_informative(str(t)) for t in self._word_names), bool, len(self._word_names)
            )
            self._informative_cache = mask
        return mask


def _tfidf(
    counts: sp.csr_matrix, vectorizer: TfidfVectorizer, *, summed: bool = False
) -> sp.csr_matrix:
    """TF-IDF of a count matrix exactly as ``vectorizer.transform`` computes it.

    Sublinear tf (``1 + log(count)``) when the vectorizer uses it, times the idf of
    each column, then each row scaled to unit L2 norm (float32, as scikit-learn's
    ``TfidfTransformer.transform``). ``summed``: ``counts`` holds at most one entry
    per cell (a matrix product does), so duplicates are not summed, which would sort
    every row's indices first.
    """
    from sklearn.preprocessing import normalize as l2_normalize

    counts = counts.tocsr()
    if not summed:
        counts.sum_duplicates()
    if vectorizer.sublinear_tf:
        np.log(counts.data, counts.data)
        counts.data += 1
    counts.data *= vectorizer.idf_[counts.indices]
    return l2_normalize(counts, norm="l2", copy=False)


def _lexicon_only(scores: np.ndarray, fired: list[str], explain: bool) -> Predictions:
    total = scores.sum(axis=1)
    best = scores.argmax(axis=1)
    cats = np.array(CATEGORIES, dtype=object)[best]
    cats[total == 0] = OTHER
    conf = np.where(total > 0, scores.max(axis=1) / np.maximum(total, 1e-9), 0.2)
    return Predictions(cats, conf.astype(float), _explain(cats, fired, None) if explain else None)


def train(
    texts: list[str],
    categories: list[str] | np.ndarray,
    *,
    lexicon: Lexicon | None = None,
    version: str = "",
    lexicon_weight: float = LEXICON_WEIGHT,
    c: float = C,
    classifier: str = "",
    char_range: tuple[int, int] = (2, 5),
) -> Model:
    """Fit a :class:`Model` on normalised ``texts`` and their ``categories``."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.svm import LinearSVC

    lexicon = lexicon or load_lexicon()
    classifier = classifier or CLASSIFIER
    word, char = _word_vectorizer(), _char_vectorizer(char_range)
    tokenized = tokenize(texts, normalized=True)
    scores, _ = lexicon.match_tokens(tokenized.tokens, report=False)
    model = Model(lexicon, version, word, char, None, lexicon_weight)
    word.fit(texts)
    char.fit(texts)
    # the pruned-term sets are for introspection only and dominate the pickled size
    word.stop_words_ = None
    char.stop_words_ = None
    model._word_names = word.get_feature_names_out()
    X = model.features(tokenized, scores)
    if classifier == "svc":
        clf = LinearSVC(C=c, class_weight="balanced", random_state=RANDOM_STATE)
    else:
        clf = LogisticRegression(
            C=c, max_iter=3000, class_weight="balanced", random_state=RANDOM_STATE
        )
    clf.fit(X, np.asarray(categories))
    clf.coef_ = clf.coef_.astype(np.float32)  # half the size, same decisions
    model.clf = clf
    return model


def model_version(corpus_dir: Path = CORPUS_DIR, lexicon: Lexicon | None = None) -> str:
    """Hash of the model revision, the corpus and the lexicon: changes when any does."""
    lexicon = lexicon or load_lexicon()
    raw = f"{MODEL_REVISION}:{corpus_hash(corpus_dir)}:{lexicon.version}"
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def get_model() -> Model:
    """The classifier trained on the shipped corpus and lexicon (trained once, cached).

    It is retrained when the corpus or the lexicon file changes.
    """
    lexicon = load_lexicon()
    return _trained(model_version(CORPUS_DIR, lexicon), lexicon)


def _load_saved(path: Path, version: str, lexicon: Lexicon) -> Model | None:
    """The model saved in ``path`` if it was built for ``version``, else None."""
    if not path.exists():
        return None
    try:
        import joblib

        saved = joblib.load(path)
    except Exception:  # an unreadable file is rebuilt, never fatal
        return None
    if not isinstance(saved, dict) or saved.get("version") != version:
        return None
    model = Model(
        lexicon, version, saved["word"], saved["char"], saved["clf"], saved["lexicon_weight"]
    )
    model._word_names = saved["word"].get_feature_names_out()
    return model


def save_model(model: Model, path: Path = MODEL_FILE) -> Path:
    """Write ``model`` (vectorisers, classifier, version; not the lexicon) with joblib.

    The file is written to a temporary name and renamed, so a reader never sees half
    of it.
    """
    import os

    import joblib

    payload = {
        "version": model.version,
        "word": model.word,
        "char": model.char,
        "clf": model.clf,
        "lexicon_weight": model.lexicon_weight,
    }
    tmp = path.with_name(f"{path.name}.tmp{os.getpid()}")
    joblib.dump(payload, tmp, compress=3)
    os.replace(tmp, path)
    return path


@lru_cache(maxsize=2)
def _trained(version: str, lexicon: Lexicon) -> Model:
    saved = _load_saved(MODEL_FILE, version, lexicon)
    if saved is not None:
        return saved
    model = _train_from_corpus(version, lexicon)
    if model.clf is not None:
        try:
            save_model(model)
        except OSError:  # read-only install: keep the model in memory only
            pass
    return model


def _train_from_corpus(version: str, lexicon: Lexicon) -> Model:
    from pilot_eval.classify.text import normalize

    corpus = read_corpus()
    if corpus["category"].nunique() < 2:
        return Model(lexicon, version)
    texts = [normalize(t) for t in corpus["text"]]
    return train(texts, corpus["category"].to_numpy(), lexicon=lexicon, version=version)


def build_model() -> int:
    """Entry point of ``make model``: train on the corpus and write :data:`MODEL_FILE`."""
    lexicon = load_lexicon()
    version = model_version(CORPUS_DIR, lexicon)
    model = _train_from_corpus(version, lexicon)
    if model.clf is None:
        print("no labelled corpus: nothing to save", file=sys.stderr)
        return 1
    save_model(model)
    size = MODEL_FILE.stat().st_size / 1e6
    print(f"model {version} ({size:.1f} MB) -> {MODEL_FILE}", file=sys.stderr)
    return 0
