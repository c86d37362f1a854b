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
    """Per text: ``category``, ``confidence`` (probability, 0–1), ``cues`` (explanation)."""

    category: np.ndarray
    confidence: np.ndarray
    cues: list[str]


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

    def char_tfidf(self, normalized: list[str]) -> sp.csr_matrix:
        """``self.char.transform(normalized)``, computed word by word (same result, faster).

        ``char_wb`` n-grams never cross a space, so a text's n-gram counts are the sum
        of its words' counts: the n-grams of each *distinct* word are computed once
        (documents × words counts) @ (words × n-grams counts), then TF-IDF as
        scikit-learn does it (sublinear tf, idf, L2 norm).
        """
        from sklearn.feature_extraction.text import CountVectorizer
        from sklearn.preprocessing import normalize as l2_normalize

        assert self.char is not None
        n_features = len(self.char.vocabulary_)
        words = CountVectorizer(analyzer=str.split, dtype=np.float32)
        try:
            doc_words = words.fit_transform(normalized)
        except ValueError:  # no word at all in the batch
            return sp.csr_matrix((len(normalized), n_features), dtype=np.float32)
        grams = CountVectorizer(
            analyzer="char_wb",
            ngram_range=self.char.ngram_range,
            vocabulary=self.char.vocabulary_,
            lowercase=False,
            dtype=np.float32,
        ).transform(words.get_feature_names_out())
        counts = (doc_words @ grams).tocsr()
        counts.sum_duplicates()
        if self.char.sublinear_tf:
            np.log(counts.data, counts.data)
            counts.data += 1
        tfidf = counts @ sp.diags(self.char.idf_.astype(np.float32))
        return l2_normalize(tfidf.tocsr(), norm="l2", copy=False)

    def features(self, normalized: list[str], scores: np.ndarray) -> sp.csr_matrix:
        """The feature matrix: word TF-IDF | char TF-IDF | lexicon block."""
        assert self.word is not None and self.char is not None
        return sp.hstack(
            [
                self.word.transform(normalized),
                self.char_tfidf(normalized),
                self._lexicon_block(scores),
            ],
            format="csr",
        )

    def predict(self, normalized: list[str], *, explain: bool = True) -> Predictions:
        """Classify normalised texts.

        Parameters
        ----------
        normalized
            Texts already passed through :func:`pilot_eval.classify.text.normalize`.
        explain
            Also list the most weighted terms (slower; cues are always listed).
        """
        scores, fired = self.lexicon.match(normalized)
        if self.clf is None:
            return _lexicon_only(scores, fired)
        X = self.features(normalized, scores)
        proba = self._proba(X)
        best = proba.argmax(axis=1)
        classes = self.clf.classes_
        cats = classes[best]
        terms = self._top_terms(X, best) if explain else None
        return Predictions(
            cats.astype(object), proba[np.arange(len(best)), best], _explain(cats, fired, terms)
        )

    def _proba(self, X: sp.csr_matrix) -> np.ndarray:
        if hasattr(self.clf, "predict_proba"):
            return self.clf.predict_proba(X)
        # LinearSVC: softmax of the margins (a monotone confidence, 0-1, sums to 1)
        z = self.clf.decision_function(X) * SOFTMAX_SCALE
        if z.ndim == 1:  # two classes: one margin, for the second class
            z = np.column_stack([-z, z])
        z = np.exp(z - z.max(axis=1, keepdims=True))
        return z / z.sum(axis=1, keepdims=True)

    def _top_terms(self, X: sp.csr_matrix, best: np.ndarray, k: int = 3) -> list[list[str]]:
        """Per row, up to ``k`` informative word n-grams that pushed most towards ``best``.

        A term's contribution is its TF-IDF weight times the classifier's weight for the
        chosen class; only positive contributions of terms that are not made of function
        words only count. Vectorised over all non-zeros (ties: lower feature index first).
        """
        n_word = len(self._word_names)
        Xw = X[:, :n_word].tocsr()
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


def _lexicon_only(scores: np.ndarray, fired: list[str]) -> Predictions:
    total = scores.sum(axis=1)
    best = scores.argmax(axis=1)
    cats = np.array(CATEGORIES, dtype=object)[best]
    cats[total == 0] = OTHER
    conf = np.where(total > 0, scores.max(axis=1) / np.maximum(total, 1e-9), 0.2)
    return Predictions(cats, conf.astype(float), _explain(cats, fired, None))


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
    scores, _ = lexicon.match(texts)
    model = Model(lexicon, version, word, char, None, lexicon_weight)
    word.fit(texts)
    char.fit(texts)
    # the pruned-term sets are for introspection only and dominate the pickled size
    word.stop_words_ = None
    char.stop_words_ = None
    model._word_names = word.get_feature_names_out()
    X = model.features(texts, scores)
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
