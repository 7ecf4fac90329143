from __future__ import annotations

from pathlib import Path

import pytest

from vigil.core import ConfigError, KeyMissingError, Pseudonymiser, load_settings


def test_pseudonyms_are_keyed_stable_and_not_the_id() -> None:
    a = Pseudonymiser(b"k" * 32)
    b = Pseudonymiser(b"j" * 32)
    assert a.pseudonym("alice.k") == a.pseudonym("alice.k")
    assert a.pseudonym("alice.k") != b.pseudonym("alice.k")
    assert "alice" not in a.pseudonym("alice.k")
    assert a.many(["alice.k", "bert.m"]) == [a.pseudonym("alice.k"), a.pseudonym("bert.m")]


def test_scanning_real_data_needs_a_key() -> None:
    with pytest.raises(KeyMissingError, match="VIGIL_PSEUDONYM_KEY"):
        Pseudonymiser.from_secret(None)
    with pytest.raises(KeyMissingError):
        Pseudonymiser.from_secret("short")


def test_config_file_then_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = tmp_path / "vigil.toml"
    cfg.write_text(
        'risk_areas = ["PH", "PH:Central Visayas"]\npseudonym_key = "from-the-file-0123456789"\n'
        "[metadata]\nmin_foreign_contacts = 4\n"
    )
    s = load_settings(cfg)
    assert s.risk_areas == ["PH", "PH:Central Visayas"]
    assert s.metadata.min_foreign_contacts == 4
    assert s.pseudonym_key is not None
    assert "from-the-file" not in repr(s)
    monkeypatch.setenv("VIGIL_PSEUDONYM_KEY", "from-the-environment-0123")
    monkeypatch.setenv("VIGIL_METADATA__MIN_FOREIGN_CONTACTS", "5")
    s = load_settings(cfg)
    assert s.pseudonym_key is not None
    assert s.pseudonym_key.get_secret_value() == "from-the-environment-0123"
    assert s.metadata.min_foreign_contacts == 5


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("risk_areas = [", "not valid TOML"),
        ("[metadata]\nmin_foreign_contacts = 1\n", "metadata.min_foreign_contacts"),
        ('column_mapping = { phone = "x" }\n', "column_mapping"),
        ("no_such_setting = 1\n", "no_such_setting"),
    ],
)
def test_bad_config_is_one_clear_error(tmp_path: Path, text: str, message: str) -> None:
    cfg = tmp_path / "vigil.toml"
    cfg.write_text(text)
    with pytest.raises(ConfigError, match=message):
        load_settings(cfg)


def test_missing_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(tmp_path / "nope.toml")
