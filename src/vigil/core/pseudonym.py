"""Keyed pseudonymisation of identifiers (HMAC-SHA256).

A pseudonym is stable under one key, so analyses join across files, and it cannot be
reversed without the key. Re-identification is done by recomputing pseudonyms of candidate
raw ids, which needs the key and is an audited act.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from vigil.core.errors import KeyMissingError

PSEUDONYM_PREFIX = "p_"
_MIN_KEY_BYTES = 16


@dataclass(frozen=True)
class Pseudonymiser:
    """HMAC-SHA256 pseudonyms, truncated to 128 bits (ample against collisions at 1e10 ids)."""

    key: bytes

    def __post_init__(self) -> None:
        if len(self.key) < _MIN_KEY_BYTES:
            raise KeyMissingError(
                f"The pseudonymisation key must be at least {_MIN_KEY_BYTES} bytes long."
            )

    @classmethod
    def from_secret(cls, secret: str | None) -> Pseudonymiser:
        """Build from the configured secret; real data is never scanned without one."""
        if not secret:
            raise KeyMissingError(
                "No pseudonymisation key: set VIGIL_PSEUDONYM_KEY or pseudonym_key in the config."
            )
        return cls(secret.encode("utf-8"))

    @classmethod
    def demo(cls) -> Pseudonymiser:
        """A fresh random key for demos on simulated data."""
        return cls(secrets.token_bytes(32))

    def pseudonym(self, identifier: str) -> str:
        digest = hmac.new(self.key, identifier.encode("utf-8"), hashlib.sha256).hexdigest()
        return PSEUDONYM_PREFIX + digest[:32]

    def many(self, identifiers: Iterable[str]) -> list[str]:
        # Reuse one keyed HMAC state: copying it skips re-deriving the key pads per id.
        base = hmac.new(self.key, digestmod=hashlib.sha256)
        out = []
        for ident in identifiers:
            h = base.copy()
            h.update(ident.encode("utf-8"))
            out.append(PSEUDONYM_PREFIX + h.hexdigest()[:32])
        return out
