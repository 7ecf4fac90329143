"""Signed chain heads: what makes cutting lines off the end of a transcript detectable.

A hash chain alone proves that no line was edited, inserted or reordered, but a chain cut
short is still a valid chain. So the evidence store signs every partner's chain head (seq and
hash of the last line) with Ed25519 each time it syncs, and appends the signed head to
``<transcript>.heads.jsonl`` beside the transcript. ``vigil decoy report`` then requires every
signed head to be found in its transcript: a transcript shorter than one of its signed heads
was cut.

The private key lives outside the evidence folder (by default ``decoy-signing-key.pem`` in its
parent, mode 0600, created on first use); the public key is written into the folder as
``evidence.pub.pem``. Keys and canonical JSON are vigil.core.signing's, as for the case
workflow's signatures; a head carries its signature in base64.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from dataclasses import dataclass
from pathlib import Path

from vigil.core import ConfigError, InputError, IntegrityError, Signer, Verifier, canonical_bytes

HEADS_SUFFIX = ".heads.jsonl"
PUBLIC_KEY_NAME = "evidence.pub.pem"
DEFAULT_KEY_NAME = "decoy-signing-key.pem"
_FIELDS = ("network", "partner", "seq", "hash", "at")


def heads_path(transcript: Path) -> Path:
    """``x.jsonl`` -> ``x.heads.jsonl``; ``x.rooms.jsonl`` -> ``x.rooms.heads.jsonl``."""
    return transcript.with_name(transcript.name.removesuffix(".jsonl") + HEADS_SUFFIX)


def default_key_path(evidence: Path) -> Path:
    return evidence.resolve().parent / DEFAULT_KEY_NAME


@dataclass(frozen=True)
class HeadSigner:
    signer: Signer

    @classmethod
    def load_or_create(cls, path: Path) -> HeadSigner:
        """The key in ``path``; a new one written there (mode 0600) when there is none."""
        try:
            pem = path.read_bytes()
        except FileNotFoundError:
            signer = Signer.generate()
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:  # another run created it meanwhile: use that one
                return cls.load_or_create(path)
            with os.fdopen(fd, "wb") as fh:
                fh.write(signer.private_pem())
                fh.flush()
                os.fsync(fh.fileno())
            return cls(signer)
        except OSError as exc:
            raise ConfigError(f"cannot read the signing key {path}: {exc.strerror}.") from None
        try:
            return cls(Signer.from_pem(pem))
        except IntegrityError as exc:
            raise ConfigError(f"{path}: {exc}") from None

    @property
    def verifier(self) -> HeadVerifier:
        return HeadVerifier(self.signer.verifier)

    def sign(self, record: dict[str, object]) -> dict[str, object]:
        """``record`` (the head fields) with its base64 signature added."""
        signature = self.signer.private_key.sign(canonical_bytes(record))
        return {**record, "signature": base64.b64encode(signature).decode("ascii")}


@dataclass(frozen=True)
class HeadVerifier:
    verifier: Verifier

    @classmethod
    def from_pem(cls, pem: bytes, source: Path) -> HeadVerifier:
        try:
            return cls(Verifier.from_pem(pem))
        except IntegrityError as exc:
            raise InputError(f"{source}: {exc}") from None

    def public_pem(self) -> bytes:
        return self.verifier.public_pem()

    def valid(self, record: dict[str, object]) -> bool:
        signature = record.get("signature")
        if not isinstance(signature, str):
            return False
        try:
            raw = base64.b64decode(signature, validate=True)
        except (ValueError, binascii.Error):
            return False
        return self.verifier.valid({k: record.get(k) for k in _FIELDS}, raw.hex())


def publish_public_key(evidence: Path, signer: HeadSigner) -> None:
    """Write ``evidence.pub.pem`` into the folder; refuse a folder signed with another key
    (its earlier heads could no longer be verified)."""
    path = evidence / PUBLIC_KEY_NAME
    pem = signer.verifier.public_pem()
    try:
        existing = path.read_bytes()
    except FileNotFoundError:
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(pem)
        tmp.replace(path)
        return
    if existing != pem:
        raise ConfigError(
            f"{evidence} was signed with another key than this signing key ({path} differs);"
            " use that folder's key (--signing-key) or a new evidence folder."
        )


@dataclass(frozen=True, slots=True)
class SignedHead:
    network: str
    partner: str
    seq: int
    hash: str
    line: int  # line number in the heads file


def read_heads(path: Path, verifier: HeadVerifier) -> list[SignedHead]:
    """Every signed head of one heads file, signatures checked; InputError names the first
    bad line."""
    found: list[SignedHead] = []
    with path.open(encoding="utf-8") as fh:
        for number, raw in enumerate(fh, start=1):
            try:
                record = json.loads(raw)
                ok = isinstance(record, dict) and verifier.valid(record)
            except json.JSONDecodeError:
                ok = False
            if not ok:
                raise InputError(
                    f"{path} line {number} is not a validly signed chain head:"
                    " the signed heads were altered or forged."
                )
            network, partner, seq, digest = (record.get(k) for k in _FIELDS[:4])
            if (
                not isinstance(network, str)
                or not isinstance(partner, str)
                or not isinstance(seq, int)
                or not isinstance(digest, str)
            ):
                raise InputError(f"{path} line {number} is not a chain head.")
            found.append(SignedHead(network, partner, seq, digest, number))
    return found
