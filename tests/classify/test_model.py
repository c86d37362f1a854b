"""The learned model: training, fast char features, saved-model staleness."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from pilot_eval.classify.lexicon import load_lexicon
from pilot_eval.classify.model import (
    _load_saved,
    corpus_hash,
    get_model,
    model_version,
    read_corpus,
    save_model,
    train,
)
from pilot_eval.classify.text import normalize
from pilot_eval.classify.tokens import tokenize

TEXTS = [
    "accident sur la rocade deviation en place",
    "bouchons sur l'a7 circulation ralentie",
    "deux individus interpelles en flagrant delit",
    "trafic de cannabis demantele trois gardes a vue",
    "retenciones en la a-6 por un accidente",
    "detenidos tres ladrones en madrid",
]
CATS = ["traffic", "traffic", "operations", "operations", "traffic", "operations"]


def test_word_and_char_tfidf_equal_scikit_learn():
    model = get_model()
    raw = [
        "Déviation à Nantes !",
        "",
        "a",
        "Detenido  un   atracador",
        "Appel à témoins : contactez le 17",
        "appel a témoins appel a témoins #AppelATémoins",
        "accidente en la A-6, retenciones",
    ]
    texts = [normalize(t) for t in raw]
    tokenized = tokenize(texts, normalized=True)
    for fast, slow in (
        (model.word_tfidf(tokenized.tokens), model.word.transform(texts)),
        (model.char_tfidf(tokenized.words), model.char.transform(texts)),
    ):
        assert fast.shape == slow.shape
        assert fast.nnz == slow.nnz > 0
        assert abs(fast - slow).max() < 1e-6


def test_char_grams_of_words_shorter_than_the_smallest_n_equal_scikit_learn():
    """With 4–5-grams, a padded one-letter word (" a ") is one n-gram by itself."""
    model = train(
        TEXTS + ["a y a", "en a o y"], CATS + ["traffic", "operations"], char_range=(4, 5)
    )
    texts = ["a o", "y en la a-6", "accident a y", ""]
    fast = model.char_tfidf(tokenize(texts, normalized=True).words)
    slow = model.char.transform(texts)
    assert " a " in model.char.vocabulary_
    assert fast.nnz == slow.nnz > 0
    assert abs(fast - slow).max() < 1e-6


def test_char_ngrams_too_long_for_integer_keys_are_counted_by_scikit_learn():
    model = train(TEXTS, CATS, char_range=(2, 6))
    texts = [normalize(t) for t in ["Accident sur la rocade", "detenidos en madrid", ""]]
    fast = model.char_tfidf(tokenize(texts, normalized=True).words)
    slow = model.char.transform(texts)
    assert model._char_keys() is None
    assert fast.nnz == slow.nnz > 0
    assert abs(fast - slow).max() < 1e-6


def test_predict_raw_texts_equals_predict_normalised_texts():
    model = get_model()
    raw = ["Appel à témoins : contactez le 17", "Detenidos 3 #Madrid", "", "Bonne année !"]
    a = model.predict(raw, normalized=False)
    b = model.predict([normalize(t) for t in raw])
    assert list(a.category) == list(b.category)
    assert np.allclose(a.confidence, b.confidence) and a.cues == b.cues


def test_train_and_predict_on_a_tiny_corpus():
    model = train(TEXTS, CATS, version="test")
    pred = model.predict(
        [normalize("Accident et déviation sur la rocade"), normalize("Detenido un ladrón")]
    )
    assert list(pred.category) == ["traffic", "operations"]
    assert np.all((pred.confidence > 0.5) & (pred.confidence <= 1))
    assert all(c for c in pred.cues)


def test_saved_model_is_used_only_for_its_version(tmp_path: Path):
    path = tmp_path / "model.joblib"
    model = train(TEXTS, CATS, version="v1")
    save_model(model, path)
    lexicon = load_lexicon()
    assert _load_saved(path, "v1", lexicon) is not None
    assert _load_saved(path, "v2", lexicon) is None  # stale: retrained by get_model
    path.write_bytes(b"garbage")
    assert _load_saved(path, "v1", lexicon) is None


def test_model_version_follows_corpus_and_lexicon(tmp_path: Path):
    (tmp_path / "fr.csv").write_text(
        "id,lang,category,text\nfr-1,fr,other,bonjour\n", encoding="utf-8"
    )
    before = model_version(tmp_path)
    assert corpus_hash(tmp_path) != corpus_hash(tmp_path / "nothing")
    (tmp_path / "fr.csv").write_text(
        "id,lang,category,text\nfr-1,fr,community,bonjour\n", encoding="utf-8"
    )
    assert model_version(tmp_path) != before


def test_read_corpus_drops_unknown_categories(tmp_path: Path):
    (tmp_path / "es.csv").write_text(
        "id,lang,category,text\nes-1,es,traffic,atasco en la m-30\nes-2,es,weather,lluvia\n",
        encoding="utf-8",
    )
    corpus = read_corpus(tmp_path)
    assert corpus["category"].tolist() == ["traffic"]
    assert read_corpus(tmp_path / "missing").empty


def test_shipped_model_is_deterministic():
    corpus = read_corpus()
    if corpus.empty:
        pytest.skip("no corpus")
    texts = [normalize(t) for t in corpus["text"].head(200)]
    a = train(texts, corpus["category"].head(200).to_numpy())
    b = train(texts, corpus["category"].head(200).to_numpy())
    probe = [normalize("Contrôle routier ce soir sur la N165")]
    assert a.predict(probe).category[0] == b.predict(probe).category[0]
    assert a.predict(probe).confidence[0] == b.predict(probe).confidence[0]
