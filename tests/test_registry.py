from datetime import date

import pytest

from pilot_eval.errors import UserError
from pilot_eval.registry import load_registry


def test_shipped_registry_has_the_seven_measured_accounts(registry):
    handles = [a.handle for a in registry.measured()]
    assert handles == [
        "PNationale44",
        "pnationale35",
        "pnationale62",
        "pnationale67",
        "pnationale06",
        "pnationale",
        "policia",
    ]
    assert registry.require("pnationale44").opened == date(2013, 12, 23)
    assert registry.get("POLICIA").role == "comparator"
    assert registry.get("pnationale86").role == "impostor"


def test_matching_is_case_insensitive_and_canonical(registry):
    assert registry.canonical("@pNationale44") == "PNationale44"
    assert registry.canonical("someone") == "someone"


def test_unknown_handle_is_a_user_error(registry):
    with pytest.raises(UserError, match="unknown handle 'nobody'"):
        registry.require("nobody")


@pytest.mark.parametrize(
    "body, message",
    [
        ('[[account]]\nhandle = "a"\nname = "A"\nrole = "boss"\n', "role 'boss'"),
        ('[[account]]\nhandle = "a"\nrole = "pilot"\n', "missing name"),
        (
            '[[account]]\nhandle = "a"\nname = "A"\nrole = "pilot"\nopened = "2014-13-01"\n',
            "not a date",
        ),
        ("handle = ", "cannot read"),
        ("", "no [[account]]"),
        (
            '[[account]]\nhandle = "a"\nname = "A"\nrole = "pilot"\ntimezone = "Mars/Olympus"\n',
            "not an IANA time zone",
        ),
        (
            '[[account]]\nhandle = "a"\nname = "A"\nrole = "pilot"\nopened = 2013-12-23T10:00:00\n',
            "not a date and time",
        ),
    ],
)
def test_malformed_registry_is_a_user_error(tmp_path, body, message):
    path = tmp_path / "accounts.toml"
    path.write_text(body)
    with pytest.raises(UserError, match=message.replace("[", r"\[").replace("(", r"\(")):
        load_registry(path)


def test_missing_registry_file(tmp_path):
    with pytest.raises(UserError, match="not found"):
        load_registry(tmp_path / "nope.toml")


def test_registry_without_measured_accounts(tmp_path):
    path = tmp_path / "accounts.toml"
    path.write_text('[[account]]\nhandle = "pnationale86"\nname = "X"\nrole = "impostor"\n')
    with pytest.raises(UserError, match="no pilot, national or comparator account"):
        load_registry(path).require_measured()


def test_registry_not_in_utf8_is_a_user_error(tmp_path):
    """A registry saved as Latin-1 (é is byte 0xE9) is one clear line, not a traceback."""
    path = tmp_path / "reg.toml"
    path.write_bytes(
        '[[account]]\nhandle = "pnationale"\nname = "Sûreté"\nrole = "national"\n'.encode("latin-1")
    )
    with pytest.raises(UserError) as caught:
        load_registry(path)
    assert str(caught.value) == (
        f"registry file {path} is not UTF-8 text (byte 0xFB on line 3): save it as UTF-8"
    )
