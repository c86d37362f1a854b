"""Text normalisation and cheap language detection for tweets.

Normalisation makes real tweets comparable with the corpus and the lexicon: lower
case, accents folded (``témoin`` → ``temoin``), URLs replaced by the token ``_url_``,
mentions kept as ``@name``, and hashtags kept as one token *and* split into their words
(``#AppelATemoins`` → ``#appelatemoins appel a temoins``).
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

_URL = re.compile(r"(?:https?://|www\.)\S+|\b\w+\.(?:ly|co|gl|fr|es|com)/\S*", re.IGNORECASE)
_HASHTAG = re.compile(r"#(\w+)")
_CAMEL = re.compile(
    r"(?<=[a-zà-ÿ])(?=[A-ZÀ-Þ])|(?<=[A-ZÀ-Þ])(?=[A-ZÀ-Þ][a-zà-ÿ])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])"
)
_SPACES = re.compile(r"\s+")
_SMILEY = re.compile(r"(?<!\w)(?:[:;=]-?[)D(pP]|<3|\^\^)(?!\w)")
_PCT = re.compile(r"%")
_ROAD = re.compile(r"\b(?:a|ap|n|m|d|rn|rd|rn|cv|ma|b)-?\d{1,4}\b")
#: Word tokens (hashtags keep their ``#``); the tokenizer of the lexicon and the model.
TOKEN = re.compile(r"#?\w+")
#: Characters folded before accent stripping (ligatures, typographic quotes).
_TRANSLATE = str.maketrans(
    {"œ": "oe", "Œ": "OE", "æ": "ae", "’": "'", "‘": "'", "«": '"', "»": '"', "ß": "ss"}
)


class _FoldTable(dict):
    """``str.translate`` table folding each character once (memoised on first sight)."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        decomposed = unicodedata.normalize("NFKD", char.translate(_TRANSLATE))
        folded = "".join(c for c in decomposed if not unicodedata.combining(c))
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def fold_accents(text: str) -> str:
    """``text`` without diacritics (NFKD, combining marks dropped); ``ñ`` becomes ``n``."""
    if text.isascii():
        return text
    return text.translate(_FOLD)


def _split_hashtag(match: re.Match[str]) -> str:
    tag = match.group(1)
    words = _CAMEL.sub(" ", tag).replace("_", " ")
    return f" #{tag} {words} "


def normalize(text: object) -> str:
    """Normalise one tweet text for matching and for the model.

    Parameters
    ----------
    text
        The tweet as displayed; ``None``/NaN give ``""``.

    Returns
    -------
    str
        Lower case, accent-free, URLs as ``_url_``, hashtags doubled by their split
        words, ``_smiley_`` for emoticons, ``_pct_`` for ``%``, ``_road_`` after road
        numbers (N137, A-6), single spaces.

    Examples
    --------
    >>> normalize("#AppelATémoins : contactez le 17 http://t.co/x")
    '#appelatemoins appel a temoins : contactez le 17 _url_'
    """
    if text is None or (isinstance(text, float) and np.isnan(text)):
        return ""
    s = str(text)
    if not s:
        return ""
    s = _URL.sub(" _url_ ", s)
    s = _SMILEY.sub(" _smiley_ ", s)
    s = _PCT.sub(" _pct_ ", s)
    s = _HASHTAG.sub(_split_hashtag, s)
    s = fold_accents(s).lower()
    s = _ROAD.sub(lambda m: f"{m.group(0)} _road_", s)
    return _SPACES.sub(" ", s).strip()


def normalize_series(texts: pd.Series) -> pd.Series:
    """:func:`normalize` applied to a Series, computed once per distinct text."""
    values = texts.astype(object).where(texts.notna(), "")
    uniques = pd.unique(values.to_numpy())
    mapping = {u: normalize(u) for u in uniques}
    return pd.Series([mapping[v] for v in values.to_numpy()], index=texts.index, dtype=object)


_FR_WORDS = re.compile(
    r"\b(?:le|les|des|du|est|et|pour|vous|une|dans|avec|nous|sont|cette|ce|au|aux|sur|pas|"
    r"votre|vos|qui|ont|merci|ete|suite)\b"
)
_ES_WORDS = re.compile(
    r"\b(?:el|los|las|y|del|por|para|con|una|un|es|su|sus|al|lo|han|ha|esta|este|gracias|"
    r"tu|hoy|como|pero|muy|nos)\b"
)


def detect_lang(normalized: pd.Series) -> pd.Series:
    """Guess ``fr`` or ``es`` from counts of frequent function words.

    Parameters
    ----------
    normalized
        Texts already passed through :func:`normalize`.

    Returns
    -------
    pandas.Series
        ``"es"`` where Spanish function words outnumber French ones, else ``"fr"``.
    """
    if normalized.empty:
        return pd.Series([], index=normalized.index, dtype=object)
    s = normalized.astype(str)
    fr = s.str.count(_FR_WORDS.pattern)
    es = s.str.count(_ES_WORDS.pattern)
    return pd.Series(np.where(es > fr, "es", "fr"), index=normalized.index, dtype=object)


def fill_lang(lang: pd.Series | None, normalized: pd.Series) -> pd.Series:
    """``lang`` reduced to ``fr``/``es``; missing or other values are detected."""
    detected = detect_lang(normalized)
    if lang is None:
        return detected
    given = lang.astype(object).where(lang.notna(), "").astype(str).str.lower().str[:2]
    return given.where(given.isin(["fr", "es"]), detected).astype(object)
