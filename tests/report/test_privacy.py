"""Pseudonyms and escaping (pilot_eval.report.privacy)."""

from __future__ import annotations

import pandas as pd
import pytest

from pilot_eval.config import data_paths
from pilot_eval.report import privacy


@pytest.fixture
def pseudo(registry):
    return privacy.Pseudonymiser(registry, b"test-key")


def test_registry_handles_are_kept_as_written(pseudo):
    assert pseudo.handle("@pnationale44") == "@PNationale44"
    assert pseudo.handle("POLICIA") == "policia"
    assert pseudo.handle("pnationale86") == "pnationale86"  # impostor: public, in registry


def test_private_handles_get_stable_keyed_pseudonyms(registry, pseudo):
    a = pseudo.handle("jean_dupont")
    assert a.startswith("utilisateur_") and "dupont" not in a
    assert pseudo.handle("Jean_Dupont") == a  # case-insensitive
    assert privacy.Pseudonymiser(registry, b"test-key").handle("jean_dupont") == a
    assert privacy.Pseudonymiser(registry, b"other-key").handle("jean_dupont") != a
    assert pseudo.handle("marie_x") != a


def test_text_replaces_only_private_mentions(pseudo):
    out = pseudo.text("Merci @jean_dupont et @PNationale67 ! contact: a@b.fr")
    assert "jean_dupont" not in out
    assert "@PNationale67" in out.replace("@pnationale67", "@PNationale67")
    assert "a@b.fr" in out


def test_frame_is_copied_and_all_columns_pseudonymised(pseudo):
    frame = pd.DataFrame(
        {
            "handle": ["PNationale44"],
            "text": ["@voisin_curieux merci"],
            "reply_to": ["voisin_curieux"],
            "mentions": [["voisin_curieux", "pnationale"]],
        }
    )
    out = pseudo.frame(frame)
    assert frame.loc[0, "reply_to"] == "voisin_curieux"  # input untouched
    assert "voisin_curieux" not in str(out.to_dict())
    assert out.loc[0, "mentions"][1] == "pnationale"


def test_key_file_created_once_and_reused(tmp_path, monkeypatch):
    monkeypatch.delenv(privacy.KEY_ENV, raising=False)
    k1 = privacy.load_key(tmp_path)
    assert data_paths(tmp_path).pseudonym_key.exists()
    assert privacy.load_key(tmp_path) == k1
    monkeypatch.setenv(privacy.KEY_ENV, "from-env")
    assert privacy.load_key(tmp_path) == b"from-env"


def test_escape_neutralises_markup():
    assert privacy.escape('<script>alert("x")</script>') == (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
    )
    assert privacy.escape(None) == ""
    assert "<" not in privacy.escape_markdown("<b>*gras*</b>")


def test_institutional_handles_are_not_pseudonymised(pseudo):
    assert pseudo.handle("pnationale75") == "pnationale75"
    assert pseudo.handle("@PNationale2A") == "@PNationale2A"
    assert "@pnationale974" in pseudo.text("voir @pnationale974")
    assert pseudo.handle("pnationale_75").startswith("utilisateur_")  # look-alike: a person
