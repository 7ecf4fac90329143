from __future__ import annotations

import base64
import dataclasses
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vigil.cases.vault import (
    MasterKeyring,
    Sealed,
    WrappedKey,
    fingerprint,
    new_case_key,
    open_sealed,
    rewrap,
    seal,
    sha256_hex,
    unwrap,
    wrap,
)
from vigil.core import ConfigError, IntegrityError


def _flip(data: bytes, index: int = 0) -> bytes:
    return data[:index] + bytes([data[index] ^ 0x01]) + data[index + 1 :]


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


# --- keyring ---------------------------------------------------------------------------------


def test_generate_gives_one_current_32_byte_key() -> None:
    ring = MasterKeyring.generate()
    assert list(ring.keys) == [ring.current]
    assert ring.current.startswith("mk-") and len(ring.current) == 11
    assert len(ring.keys[ring.current]) == 32
    other = MasterKeyring.generate()
    assert other.keys[other.current] != ring.keys[ring.current]


def test_repr_names_key_ids_but_not_key_bytes() -> None:
    ring = MasterKeyring.generate()
    key = ring.keys[ring.current]
    text = repr(ring)
    assert ring.current in text
    assert _b64(key) not in text and key.hex() not in text and repr(key) not in text


def test_keyring_is_a_read_only_copy() -> None:
    source = {"a": b"\x01" * 32}
    ring = MasterKeyring(source, "a")
    source["b"] = b"\x02" * 32
    assert list(ring.keys) == ["a"]
    with pytest.raises(TypeError):
        ring.keys["c"] = b"\x03" * 32  # type: ignore[index]
    assert hash(ring) == hash(MasterKeyring({"a": b"\x01" * 32}, "a"))


@pytest.mark.parametrize(
    ("keys", "current"),
    [
        ({"a": b"\x01" * 31}, "a"),
        ({"a": b"\x01" * 32}, "b"),
        ({"bad id": b"\x01" * 32}, "bad id"),
        ({"current": b"\x01" * 32}, "current"),
    ],
)
def test_keyring_constructor_rejects_bad_rings(keys: dict[str, bytes], current: str) -> None:
    with pytest.raises(ConfigError):
        MasterKeyring(keys, current)


def test_key_file_round_trip() -> None:
    ring = MasterKeyring.generate().rotate().rotate()
    text = ring.to_text()
    assert text.startswith("#")
    assert MasterKeyring.from_text(text, "keys.txt") == ring
    assert list(MasterKeyring.from_text(text, "keys.txt").keys) == list(ring.keys)


def test_key_file_allows_comments_blank_lines_and_any_order() -> None:
    k1, k2 = b"\x01" * 32, b"\x02" * 32
    text = (
        f"\n# master keys\ncurrent mk-2   # rotated in May\n\nmk-1 {_b64(k1)}\n  mk-2\t{_b64(k2)}\n"
    )
    ring = MasterKeyring.from_text(text, "keys.txt")
    assert ring.current == "mk-2"
    assert dict(ring.keys) == {"mk-1": k1, "mk-2": k2}


GOOD = _b64(b"\x07" * 32)
SHORT = _b64(b"\x07" * 16)
NOT_B64 = "c2VjcmV0LWtleS1tYXRlcmlhbA*!"


@pytest.mark.parametrize(
    ("text", "line", "secret"),
    [
        (f"mk-1 {NOT_B64}\ncurrent mk-1\n", 1, NOT_B64),
        (f"mk-1 {GOOD}=\ncurrent mk-1\n", 1, GOOD),  # bad padding
        (f"mk-1 {SHORT}\ncurrent mk-1\n", 1, SHORT),
        (f"mk-1 {GOOD}\nmk-1 {SHORT}x\ncurrent mk-1\n", 2, SHORT),
        (f"mk-1 {GOOD}\nmk-1 {GOOD}\ncurrent mk-1\n", 2, GOOD),  # duplicate id
        (f"mk-1 {GOOD}\ncurrent mk-2\n", 2, GOOD),  # unknown current
        (f"mk-1 {GOOD}\ncurrent mk-1\ncurrent mk-1\n", 3, GOOD),
        (f"mk-1 {GOOD} extra\ncurrent mk-1\n", 1, GOOD),
        (f"{GOOD}\ncurrent mk-1\n", 1, GOOD),  # key without an id
        (f"{GOOD} mk-1\ncurrent mk-1\n", 1, GOOD),  # swapped columns
        (f"mk-1 {GOOD}\ncurrent\n", 2, GOOD),
        (f"mk-1 {GOOD}\ncurrent {GOOD}\n", 2, GOOD),  # key pasted as the current id
    ],
)
def test_key_file_errors_name_source_and_line_but_not_the_key(
    text: str, line: int, secret: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        MasterKeyring.from_text(text, "/etc/vigil/keys")
    message = str(caught.value)
    assert message.startswith(f"Key file /etc/vigil/keys, line {line}: ")
    assert message.endswith(".") and message.count(". ") == 0
    for fragment in (secret, secret[:12], base64.b64decode(GOOD).hex()):
        assert fragment not in message


@pytest.mark.parametrize("text", ["", "# nothing\n", f"mk-1 {GOOD}\n"])
def test_key_file_without_current_line(text: str) -> None:
    with pytest.raises(ConfigError, match=r"^Key file keys\.txt has no \"current KEY_ID\" line\.$"):
        MasterKeyring.from_text(text, "keys.txt")


def test_key_file_error_messages_differ_for_base64_and_length() -> None:
    with pytest.raises(ConfigError, match="not valid base64"):
        MasterKeyring.from_text(f"mk-1 {NOT_B64}\ncurrent mk-1\n", "k")
    with pytest.raises(ConfigError, match="16 bytes long, not 32"):
        MasterKeyring.from_text(f"mk-1 {SHORT}\ncurrent mk-1\n", "k")
    with pytest.raises(ConfigError, match="repeats the one on line 1"):
        MasterKeyring.from_text(f"mk-1 {GOOD}\nmk-1 {GOOD}\ncurrent mk-1\n", "k")
    with pytest.raises(ConfigError, match="current key id is not defined"):
        MasterKeyring.from_text(f"mk-1 {GOOD}\ncurrent mk-2\n", "k")


def test_from_env() -> None:
    key = bytes(range(32))
    ring = MasterKeyring.from_env(f"  {_b64(key)}\n")
    assert ring.current == "env" and dict(ring.keys) == {"env": key}


@pytest.mark.parametrize("value", ["", NOT_B64, SHORT, _b64(b"\x01" * 33), GOOD + "=="])
def test_from_env_rejects_anything_but_32_bytes(value: str) -> None:
    with pytest.raises(ConfigError) as caught:
        MasterKeyring.from_env(value)
    assert value.strip("=") == "" or value.strip("=") not in str(caught.value)


def test_rotate_and_retire() -> None:
    ring = MasterKeyring.generate()
    rotated = ring.rotate()
    assert rotated.current != ring.current
    assert set(rotated.keys) == {ring.current, rotated.current}
    assert rotated.keys[ring.current] == ring.keys[ring.current]
    assert ring.current in ring.keys and len(ring.keys) == 1  # the original is unchanged
    retired = rotated.retire(ring.current)
    assert list(retired.keys) == [rotated.current]
    with pytest.raises(ConfigError, match="cannot be retired"):
        rotated.retire(rotated.current)
    with pytest.raises(ConfigError, match="no master key"):
        rotated.retire("mk-00000000")


# --- wrapping case keys ----------------------------------------------------------------------


def test_wrap_round_trip() -> None:
    ring = MasterKeyring.generate()
    dek = new_case_key()
    assert len(dek) == 32 and dek != new_case_key()
    wrapped = wrap(ring, "case-1", dek)
    assert wrapped.key_id == ring.current and len(wrapped.nonce) == 12
    assert dek not in wrapped.ciphertext
    assert unwrap(ring, "case-1", wrapped) == dek
    assert wrap(ring, "case-1", dek).nonce != wrapped.nonce


def test_wrap_refuses_a_key_of_the_wrong_size() -> None:
    with pytest.raises(ValueError, match="32 bytes"):
        wrap(MasterKeyring.generate(), "case-1", b"short")


def test_wrapped_key_cannot_move_to_another_case() -> None:
    ring = MasterKeyring.generate()
    wrapped = wrap(ring, "case-1", new_case_key())
    with pytest.raises(IntegrityError, match="case-2"):
        unwrap(ring, "case-2", wrapped)


@pytest.mark.parametrize(
    "tamper",
    [
        lambda w: dataclasses.replace(w, ciphertext=_flip(w.ciphertext)),
        lambda w: dataclasses.replace(w, ciphertext=_flip(w.ciphertext, -1)),  # the tag
        lambda w: dataclasses.replace(w, ciphertext=w.ciphertext[:-1]),
        lambda w: dataclasses.replace(w, ciphertext=b""),
        lambda w: dataclasses.replace(w, nonce=_flip(w.nonce)),
        lambda w: dataclasses.replace(w, nonce=w.nonce[:8]),
    ],
)
def test_tampered_wrapped_key_fails(tamper: Callable[[WrappedKey], WrappedKey]) -> None:
    ring = MasterKeyring.generate()
    wrapped = wrap(ring, "case-1", new_case_key())
    with pytest.raises(IntegrityError):
        unwrap(ring, "case-1", tamper(wrapped))


def test_relabelled_key_id_fails() -> None:
    ring = MasterKeyring.generate().rotate()
    wrapped = wrap(ring, "case-1", new_case_key())
    old = next(k for k in ring.keys if k != ring.current)
    with pytest.raises(IntegrityError):
        unwrap(ring, "case-1", dataclasses.replace(wrapped, key_id=old))


def test_unknown_master_key_is_a_config_error() -> None:
    wrapped = wrap(MasterKeyring.generate(), "case-1", new_case_key())
    with pytest.raises(ConfigError, match="not in the keyring"):
        unwrap(MasterKeyring.generate(), "case-1", wrapped)


def test_rotation_rewrap_and_retire() -> None:
    ring = MasterKeyring.generate()
    old = ring.current
    dek = new_case_key()
    wrapped = wrap(ring, "case-7", dek)

    ring = ring.rotate()
    assert unwrap(ring, "case-7", wrapped) == dek  # still opens under the old key

    moved = rewrap(ring, "case-7", wrapped)
    assert moved.key_id == ring.current != old
    assert fingerprint(moved) != fingerprint(wrapped)
    assert rewrap(ring, "case-7", moved) is moved  # already current: re-running changes nothing

    ring = ring.retire(old)
    assert unwrap(ring, "case-7", moved) == dek
    with pytest.raises(ConfigError):
        unwrap(ring, "case-7", wrapped)  # the old wrap died with its master key


def test_rewrap_checks_the_case() -> None:
    ring = MasterKeyring.generate()
    wrapped = wrap(ring, "case-1", new_case_key())
    with pytest.raises(IntegrityError):
        rewrap(ring.rotate(), "case-2", wrapped)


# --- sealing items ---------------------------------------------------------------------------


def test_seal_round_trip() -> None:
    dek = new_case_key()
    sealed = seal(dek, "case-1", "item-1", b"recorded bytes")
    assert b"recorded bytes" not in sealed.ciphertext and len(sealed.nonce) == 12
    assert open_sealed(dek, "case-1", "item-1", sealed) == b"recorded bytes"
    assert open_sealed(dek, "case-1", "item-2", seal(dek, "case-1", "item-2", b"")) == b""


@pytest.mark.parametrize(
    ("case_id", "item_id", "tamper"),
    [
        ("case-2", "item-1", None),
        ("case-1", "item-2", None),
        # Length-prefixed AAD: shifting a character between the ids does not collide.
        ("case-1i", "tem-1", None),
        ("case-1", "item-1", lambda s: Sealed(s.nonce, _flip(s.ciphertext))),
        ("case-1", "item-1", lambda s: Sealed(s.nonce, _flip(s.ciphertext, -1))),
        ("case-1", "item-1", lambda s: Sealed(_flip(s.nonce, 11), s.ciphertext)),
        ("case-1", "item-1", lambda s: Sealed(s.nonce + b"\x00", s.ciphertext)),
        ("case-1", "item-1", lambda s: Sealed(s.nonce, s.ciphertext[:10])),
    ],
)
def test_sealed_item_bound_to_case_item_and_bytes(
    case_id: str, item_id: str, tamper: Callable[[Sealed], Sealed] | None
) -> None:
    dek = new_case_key()
    sealed = seal(dek, "case-1", "item-1", b"recorded bytes")
    if tamper is not None:
        sealed = tamper(sealed)
    with pytest.raises(IntegrityError):
        open_sealed(dek, case_id, item_id, sealed)


def test_sealed_item_needs_its_case_key() -> None:
    sealed = seal(new_case_key(), "case-1", "item-1", b"recorded bytes")
    with pytest.raises(IntegrityError):
        open_sealed(new_case_key(), "case-1", "item-1", sealed)


def test_sha256_hex_and_fingerprint() -> None:
    assert sha256_hex(b"abc") == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )
    wrapped = WrappedKey("mk-1", b"\x00" * 12, b"\x01" * 48)
    fp = fingerprint(wrapped)
    assert len(fp) == 64 and fp == fingerprint(WrappedKey("mk-1", b"\x00" * 12, b"\x01" * 48))
    assert fp != fingerprint(dataclasses.replace(wrapped, key_id="mk-2"))
    assert fp != fingerprint(dataclasses.replace(wrapped, nonce=b"\x00" * 11 + b"\x01"))
    assert fp != fingerprint(dataclasses.replace(wrapped, ciphertext=b"\x01" * 47))
    # Length-prefixed: moving a byte from the nonce to the ciphertext changes the fingerprint.
    assert fp != fingerprint(WrappedKey("mk-1", b"\x00" * 11, b"\x00" + b"\x01" * 48))


# --- properties ------------------------------------------------------------------------------

_IDS = st.text(min_size=1, max_size=40)
_RING = MasterKeyring.generate().rotate()


@settings(max_examples=60, deadline=None)
@given(plaintext=st.binary(max_size=4096), case_id=_IDS, item_id=_IDS)
def test_seal_open_property(plaintext: bytes, case_id: str, item_id: str) -> None:
    dek = new_case_key()
    sealed = seal(dek, case_id, item_id, plaintext)
    assert open_sealed(dek, case_id, item_id, sealed) == plaintext
    with pytest.raises(IntegrityError):
        open_sealed(dek, case_id, item_id + "x", sealed)


@settings(max_examples=60, deadline=None)
@given(dek=st.binary(min_size=32, max_size=32), case_id=_IDS)
def test_wrap_unwrap_property(dek: bytes, case_id: str) -> None:
    wrapped = wrap(_RING, case_id, dek)
    assert unwrap(_RING, case_id, wrapped) == dek
    assert unwrap(_RING, case_id, rewrap(_RING, case_id, wrapped)) == dek
    with pytest.raises(IntegrityError):
        unwrap(_RING, case_id + "x", wrapped)


@settings(max_examples=40, deadline=None)
@given(
    keys=st.dictionaries(
        st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,20}", fullmatch=True).filter(
            lambda k: k != "current"
        ),
        st.binary(min_size=32, max_size=32),
        min_size=1,
        max_size=5,
    ),
    data=st.data(),
)
def test_key_file_round_trip_property(keys: dict[str, bytes], data: st.DataObject) -> None:
    ring = MasterKeyring(keys, data.draw(st.sampled_from(sorted(keys))))
    assert MasterKeyring.from_text(ring.to_text(), "k") == ring
