"""Wiring the case workflow to its store, keys and witness file from the settings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from vigil.cases import CaseService, MasterKeyring, Signer
from vigil.core import Settings
from vigil.store.case_store import SqlCaseStore
from vigil.store.database import database_url, open_engine
from vigil.store.keys import load_keyring, load_signer


@dataclass(frozen=True)
class KeyPaths:
    master: Path
    signing: Path
    witness: Path

    @classmethod
    def of(cls, settings: Settings) -> KeyPaths:
        keys = settings.home / "keys"
        return cls(
            master=settings.cases.master_key_file or keys / "master.keys",
            signing=settings.cases.signing_key_file or keys / "signing.pem",
            witness=settings.home / "audit-head.json",
        )


def open_store(settings: Settings) -> SqlCaseStore:
    """The store and its signing key only: enough to append to or verify the audit log."""
    paths = KeyPaths.of(settings)
    engine = open_engine(database_url(settings.cases.database_url, settings.home))
    return SqlCaseStore(engine, load_signer(paths.signing), witness=paths.witness)


def open_service(settings: Settings) -> tuple[CaseService, SqlCaseStore]:
    paths = KeyPaths.of(settings)
    signer: Signer = load_signer(paths.signing)
    keyring: MasterKeyring = load_keyring(paths.master)
    engine = open_engine(database_url(settings.cases.database_url, settings.home))
    store = SqlCaseStore(engine, signer, witness=paths.witness)
    return CaseService(store, signer, keyring, settings.cases), store
