"""Per-case envelope encryption, the basis of crypto-shredding.

Every case gets its own data key (DEK). Recorded items are sealed under it with AES-256-GCM,
and the DEK is stored only wrapped under a master key that lives apart from the database.
Destroying the wrapped DEK makes every ciphertext of the case unreadable, wherever copies of
the ciphertext went; that is what "shredding" a case means here. A copy of the wrapped DEK
(a database backup) stays openable while its master key exists, which is why rotating and
retiring master keys completes the shredding of old backups.

Pure functions: no file or database I/O. The store keeps `WrappedKey` and `Sealed` values.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from vigil.core import ConfigError, IntegrityError

KEY_BYTES = 32  # AES-256
NONCE_BYTES = 12  # GCM's native nonce size; random nonces are safe far past our volumes
ENV_KEY_ID = "env"

# Key ids appear in key files and next to every wrapped key; keep them short and plain so a
# file line splits unambiguously. "current" is the directive naming the current key.
_KEY_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
_CURRENT = "current"

# Domain-separation labels: a wrapped key can never be passed off as a sealed item or the
# other way round, and a later format can change the label.
_WRAP_LABEL = "vigil/wrap-key/v1"
_SEAL_LABEL = "vigil/sealed-item/v1"
_FINGERPRINT_LABEL = "vigil/key-fingerprint/v1"


def _framed(*parts: str | bytes) -> bytes:
    """Length-prefix each part, so ("a", "bc") and ("ab", "c") never give the same bytes."""
    out = bytearray()
    for part in parts:
        raw = part.encode("utf-8") if isinstance(part, str) else part
        out += len(raw).to_bytes(4, "big") + raw
    return bytes(out)


def _valid_key_id(key_id: str) -> bool:
    return key_id != _CURRENT and _KEY_ID.fullmatch(key_id) is not None


@dataclass(frozen=True, repr=False)
class MasterKeyring:
    """Master keys by id; new wraps use `current`, older keys stay to open older wraps."""

    # hash=False: a mapping is unhashable; equal rings still hash equally through `current`.
    keys: Mapping[str, bytes] = field(hash=False)
    current: str

    def __post_init__(self) -> None:
        # Messages here never include key bytes: they may end up in logs.
        for key_id, key in self.keys.items():
            if not _valid_key_id(key_id):
                raise ConfigError("A master key id is empty, too long or has unusual characters.")
            if len(key) != KEY_BYTES:
                raise ConfigError(f"Every master key must be exactly {KEY_BYTES} bytes long.")
        if self.current not in self.keys:
            raise ConfigError("The current master key id is not one of the keyring's keys.")
        # A private read-only copy: the caller's dict changing later must not change the ring.
        object.__setattr__(self, "keys", MappingProxyType(dict(self.keys)))

    def __repr__(self) -> str:
        return f"MasterKeyring(key_ids={list(self.keys)!r}, current={self.current!r})"

    @classmethod
    def generate(cls) -> MasterKeyring:
        key_id = _new_key_id(set())
        return cls({key_id: secrets.token_bytes(KEY_BYTES)}, key_id)

    @classmethod
    def from_env(cls, value: str) -> MasterKeyring:
        """One key from an environment value: base64 of exactly 32 bytes, id "env"."""
        key = _decode_base64(value.strip())
        if key is None or len(key) != KEY_BYTES:
            raise ConfigError(
                f"The master key from the environment is not base64 of exactly {KEY_BYTES} bytes."
            )
        return cls({ENV_KEY_ID: key}, ENV_KEY_ID)

    @classmethod
    def from_text(cls, text: str, source: str) -> MasterKeyring:
        """Parse a key file: "KEY_ID BASE64" lines, one "current KEY_ID" line, '#' comments.

        Errors name the source and line number but never quote the line, which may hold a key.
        """
        keys: dict[str, bytes] = {}
        key_lines: dict[str, int] = {}
        current: str | None = None
        current_line = 0
        for number, raw_line in enumerate(text.splitlines(), start=1):
            # Base64 has no '#', so anything after one is a comment.
            tokens = raw_line.split("#", 1)[0].split()
            if not tokens:
                continue
            if len(tokens) != 2:
                raise _file_error(
                    source, number, 'expected "KEY_ID BASE64_KEY" or "current KEY_ID"'
                )
            first, second = tokens
            if first == _CURRENT:
                if current is not None:
                    raise _file_error(
                        source,
                        number,
                        f'a second "current" line (the first is line {current_line})',
                    )
                if not _valid_key_id(second):
                    raise _file_error(
                        source,
                        number,
                        "the current key id is empty, too long or has unusual characters",
                    )
                current, current_line = second, number
                continue
            if not _valid_key_id(first):
                raise _file_error(
                    source, number, "the key id is too long or has unusual characters"
                )
            key = _decode_base64(second)
            if key is None:
                raise _file_error(source, number, "the key is not valid base64")
            if len(key) != KEY_BYTES:
                raise _file_error(
                    source, number, f"the key is {len(key)} bytes long, not {KEY_BYTES}"
                )
            if first in keys:
                raise _file_error(
                    source, number, f"the key id repeats the one on line {key_lines[first]}"
                )
            keys[first], key_lines[first] = key, number
        if current is None:
            raise ConfigError(f'Key file {source} has no "current KEY_ID" line.')
        if current not in keys:
            raise _file_error(source, current_line, "the current key id is not defined in the file")
        return cls(keys, current)

    def to_text(self) -> str:
        lines = [
            "# vigil master keys: keep this file secret and apart from the database.",
            "# Retire a key only after every case key wrapped under it was rewrapped.",
        ]
        for key_id, key in self.keys.items():
            lines.append(f"{key_id} {base64.b64encode(key).decode('ascii')}")
        lines.append(f"{_CURRENT} {self.current}")
        return "\n".join(lines) + "\n"

    def rotate(self) -> MasterKeyring:
        """A new current key; the old ones stay so existing wraps still open until rewrapped."""
        key_id = _new_key_id(set(self.keys))
        return MasterKeyring({**self.keys, key_id: secrets.token_bytes(KEY_BYTES)}, key_id)

    def retire(self, key_id: str) -> MasterKeyring:
        """Drop an old key. Wraps still under it become unreadable, as if shredded."""
        if key_id == self.current:
            raise ConfigError(
                f"The current master key {key_id} cannot be retired; rotate to a new key first."
            )
        if key_id not in self.keys:
            raise ConfigError(f"The keyring has no master key {key_id} to retire.")
        return MasterKeyring({k: v for k, v in self.keys.items() if k != key_id}, self.current)


def _file_error(source: str, line: int, problem: str) -> ConfigError:
    return ConfigError(f"Key file {source}, line {line}: {problem}.")


def _new_key_id(taken: set[str]) -> str:
    while True:
        key_id = f"mk-{secrets.token_hex(4)}"
        if key_id not in taken:
            return key_id


def _decode_base64(text: str) -> bytes | None:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None


def new_case_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


@dataclass(frozen=True)
class WrappedKey:
    """A case key encrypted under the master key `key_id`; the only form a DEK is stored in."""

    key_id: str
    nonce: bytes
    ciphertext: bytes


def _wrap_aad(key_id: str, case_id: str) -> bytes:
    # Binding the case id stops a wrapped key being copied onto another case's row.
    return _framed(_WRAP_LABEL, key_id, case_id)


def wrap(ring: MasterKeyring, case_id: str, dek: bytes) -> WrappedKey:
    if len(dek) != KEY_BYTES:
        raise ValueError(f"a case key must be {KEY_BYTES} bytes, not {len(dek)}")
    key_id = ring.current
    nonce = secrets.token_bytes(NONCE_BYTES)
    ciphertext = AESGCM(ring.keys[key_id]).encrypt(nonce, dek, _wrap_aad(key_id, case_id))
    return WrappedKey(key_id, nonce, ciphertext)


def unwrap(ring: MasterKeyring, case_id: str, wrapped: WrappedKey) -> bytes:
    master = ring.keys.get(wrapped.key_id)
    if master is None:
        raise ConfigError(
            f"The key of case {case_id} is wrapped under master key {wrapped.key_id}, "
            "which is not in the keyring."
        )
    dek = _decrypt(master, wrapped.nonce, wrapped.ciphertext, _wrap_aad(wrapped.key_id, case_id))
    if dek is None or len(dek) != KEY_BYTES:
        raise IntegrityError(
            f"The wrapped key of case {case_id} does not verify: it was altered or belongs to "
            "another case."
        )
    return dek


def rewrap(ring: MasterKeyring, case_id: str, wrapped: WrappedKey) -> WrappedKey:
    """Move a wrapped key to the current master key, so older master keys can be retired.

    A key already under the current master key is checked and returned unchanged, so a
    rotation job can be re-run without rewriting every row.
    """
    dek = unwrap(ring, case_id, wrapped)
    if wrapped.key_id == ring.current:
        return wrapped
    return wrap(ring, case_id, dek)


@dataclass(frozen=True)
class Sealed:
    """One recorded item encrypted under its case key."""

    nonce: bytes
    ciphertext: bytes


def _seal_aad(case_id: str, item_id: str) -> bytes:
    # Binding case and item ids stops ciphertexts being swapped between rows undetected.
    return _framed(_SEAL_LABEL, case_id, item_id)


def seal(dek: bytes, case_id: str, item_id: str, plaintext: bytes) -> Sealed:
    if len(dek) != KEY_BYTES:
        raise ValueError(f"a case key must be {KEY_BYTES} bytes, not {len(dek)}")
    nonce = secrets.token_bytes(NONCE_BYTES)
    return Sealed(nonce, AESGCM(dek).encrypt(nonce, plaintext, _seal_aad(case_id, item_id)))


def open_sealed(dek: bytes, case_id: str, item_id: str, sealed: Sealed) -> bytes:
    if len(dek) != KEY_BYTES:
        raise ValueError(f"a case key must be {KEY_BYTES} bytes, not {len(dek)}")
    plaintext = _decrypt(dek, sealed.nonce, sealed.ciphertext, _seal_aad(case_id, item_id))
    if plaintext is None:
        raise IntegrityError(
            f"Item {item_id} of case {case_id} does not verify: it was altered, moved from "
            "another item, or sealed under another key."
        )
    return plaintext


def _decrypt(key: bytes, nonce: bytes, ciphertext: bytes, aad: bytes) -> bytes | None:
    """None on any authentication failure, including a nonce of the wrong length."""
    if len(nonce) != NONCE_BYTES:
        return None
    try:
        return AESGCM(key).decrypt(nonce, ciphertext, aad)
    except InvalidTag:
        return None


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def fingerprint(wrapped: WrappedKey) -> str:
    """Names a wrapped case key in a deletion certificate without revealing anything of it.

    It hashes only the ciphertext, so it says which stored key was destroyed, not the key.
    """
    return hashlib.sha256(
        _framed(_FINGERPRINT_LABEL, wrapped.key_id, wrapped.nonce, wrapped.ciphertext)
    ).hexdigest()
