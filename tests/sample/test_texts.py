"""The phrase grammar and the French and Spanish banks."""

from __future__ import annotations

import re

import numpy as np
import pytest

from pilot_eval.sample import texts_es, texts_fr
from pilot_eval.sample.profiles import CATEGORIES, PLACES
from pilot_eval.sample.texts import Composer, Context, Link, twitter_escape


def test_twitter_escape_keeps_the_three_entities() -> None:
    assert twitter_escape("a & b < c > d") == "a &amp; b &lt; c &gt; d"


def test_link_display_form() -> None:
    link = Link.of("http://www.interieur.gouv.fr/Actualites/L-actu-du-Ministere/Operation")
    assert link.display == "interieur.gouv.fr/Actualit\u2026"
    assert Link.of("https://www.policia.es/").display == "policia.es/"


@pytest.mark.parametrize(("module", "dept"), [(texts_fr, "67"), (texts_fr, None), (texts_es, None)])
def test_every_category_composes_unique_short_texts(module, dept) -> None:
    composer = Composer(module)
    places = PLACES["ES"] if module is texts_es else PLACES.get(dept or "FR")
    ctx = Context(places=places, handle="x", extra=module.account_slots(dept))
    rng = np.random.default_rng(7)
    texts = []
    for category in CATEGORIES:
        for i in range(60):
            draft = composer.compose(category, rng, ctx, media=i % 3 == 0)
            assert draft.category == category
            budget = 140 - 23 * ((draft.link is not None) + (i % 3 == 0))
            assert len(draft.text) <= budget
            assert not re.search(r"[{}]", draft.text)
            texts.append(draft.text)
    assert len(set(texts)) == len(texts)


def test_replies_start_with_the_handle_and_have_no_hashtags() -> None:
    composer = Composer(texts_fr)
    ctx = Context(places=PLACES["44"], handle="x", extra=texts_fr.account_slots("44"))
    rng = np.random.default_rng(8)
    for category in CATEGORIES:
        draft = composer.compose(category, rng, ctx, reply_to="julie_nts44")
        assert draft.text.startswith("@julie_nts44 ")
        assert draft.link is None


def test_texts_are_varied_not_one_template_per_category() -> None:
    composer = Composer(texts_fr)
    ctx = Context(places=PLACES["35"], handle="x", extra=texts_fr.account_slots("35"))
    rng = np.random.default_rng(9)
    for category in CATEGORIES:
        openings = {composer.compose(category, rng, ctx).text.split()[0] for _ in range(40)}
        assert len(openings) >= 3, category


def test_mascot_only_in_bas_rhin() -> None:
    assert any("Indy" in s for s in texts_fr.account_slots("67")["community_local"])
    assert not any("Indy" in s for s in texts_fr.account_slots("44")["community_local"])


def test_unknown_slot_is_an_error() -> None:
    composer = Composer(texts_fr)
    with pytest.raises(KeyError, match="nope"):
        composer._fill("{nope}", np.random.default_rng(0), Context(places=["A"], handle="x"))
