"""The package namespace imports lazily (PEP 562)."""

from __future__ import annotations

import subprocess
import sys

import pytest

import pilot_eval.classify as classify


def test_labels_do_not_import_sklearn():
    code = (
        "import sys\n"
        "from pilot_eval.classify import CATEGORIES, CATEGORY_LABELS_FR\n"
        "assert CATEGORIES and CATEGORY_LABELS_FR\n"
        "print('sklearn' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_every_public_name_resolves():
    for name in classify.__all__:
        assert getattr(classify, name) is not None
    assert set(classify.__all__) <= set(dir(classify))


def test_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError):
        classify.no_such_name  # noqa: B018
