"""Key files kept apart from the database: the master keyring and the signing key.

Created on first use with owner-only permissions. The master key may instead come from
VIGIL_MASTER_KEY, which then wins (e.g. from a secrets manager); it is never written out.
"""

from __future__ import annotations

import os
from pathlib import Path

from vigil.cases import MasterKeyring, Signer
from vigil.core import ConfigError, IntegrityError


def _write_private(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_suffix(path.suffix + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    tmp.replace(path)


def load_signer(path: Path) -> Signer:
    """The Ed25519 key that signs tree heads, authorisations and certificates."""
    if not path.exists():
        signer = Signer.generate()
        _write_private(path, signer.private_pem())
        path.with_suffix(".pub.pem").write_bytes(signer.verifier.public_pem())
        return signer
    try:
        return Signer.from_pem(path.read_bytes())
    except (ValueError, IntegrityError) as exc:
        raise ConfigError(f"The signing key file {path} is not a PEM private key.") from exc


def load_keyring(path: Path) -> MasterKeyring:
    env = os.environ.get("VIGIL_MASTER_KEY")
    if env:
        return MasterKeyring.from_env(env)
    if not path.exists():
        ring = MasterKeyring.generate()
        save_keyring(path, ring)
        return ring
    return MasterKeyring.from_text(path.read_text(encoding="utf-8"), str(path))


def save_keyring(path: Path, ring: MasterKeyring) -> None:
    if os.environ.get("VIGIL_MASTER_KEY"):
        raise ConfigError("The master key comes from VIGIL_MASTER_KEY; rotate it at its source.")
    _write_private(path, ring.to_text().encode("utf-8"))
