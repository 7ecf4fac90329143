"""Ed25519 signatures over canonical JSON: audit tree heads, authorisations, certificates,
manifests, and the decoy's transcript chain heads. In core so every layer signs one way."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from vigil.core.errors import IntegrityError


def canonical_bytes(value: Any) -> bytes:
    """One byte form per value: sorted keys, no spaces, UTF-8, so signatures are reproducible."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


@dataclass(frozen=True)
class Signer:
    private_key: Ed25519PrivateKey

    @classmethod
    def generate(cls) -> Signer:
        return cls(Ed25519PrivateKey.generate())

    @classmethod
    def from_pem(cls, pem: bytes) -> Signer:
        try:
            key = serialization.load_pem_private_key(pem, password=None)
        except (ValueError, TypeError, UnsupportedAlgorithm):
            # TypeError: the key is encrypted; none of these is worth a traceback.
            raise IntegrityError("The signing key is not an unencrypted PEM private key.") from None
        if not isinstance(key, Ed25519PrivateKey):
            raise IntegrityError("The signing key file does not hold an Ed25519 private key.")
        return cls(key)

    def private_pem(self) -> bytes:
        return self.private_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )

    @property
    def verifier(self) -> Verifier:
        return Verifier(self.private_key.public_key())

    def sign(self, value: Any) -> str:
        """Hex signature over the canonical bytes of a JSON-able value."""
        return self.private_key.sign(canonical_bytes(value)).hex()


@dataclass(frozen=True)
class Verifier:
    public_key: Ed25519PublicKey

    @classmethod
    def from_pem(cls, pem: bytes) -> Verifier:
        try:
            key = serialization.load_pem_public_key(pem)
        except (ValueError, UnsupportedAlgorithm):
            raise IntegrityError("The public key file does not hold a PEM public key.") from None
        if not isinstance(key, Ed25519PublicKey):
            raise IntegrityError("The public key file does not hold an Ed25519 public key.")
        return cls(key)

    def public_pem(self) -> bytes:
        return self.public_key.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )

    def fingerprint(self) -> str:
        """SHA-256 of the raw public key, to name the key in certificates and manifests."""
        import hashlib

        raw = self.public_key.public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        return hashlib.sha256(raw).hexdigest()

    def valid(self, value: Any, signature: str) -> bool:
        try:
            self.public_key.verify(bytes.fromhex(signature), canonical_bytes(value))
        except (InvalidSignature, ValueError):
            return False
        return True

    def check(self, value: Any, signature: str, what: str) -> None:
        if not self.valid(value, signature):
            raise IntegrityError(f"The signature on {what} does not verify.")
