"""Shared pieces of the case-workflow reliability tests: a store on disk with its users, the
database read directly (not through the service), and the figures each test reports.

Content bytes are placeholders ("placeholder recording" plus a random marker); nothing here
describes any recording.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, select

from vigil.cases import (
    Actor,
    Authorisation,
    CaseService,
    LogEntry,
    MasterKeyring,
    Role,
    Signer,
    TreeHead,
    VerifyReport,
    verify_log,
)
from vigil.core import CasesConfig
from vigil.store import audit_db
from vigil.store.case_rows import authorisation_from_row
from vigil.store.case_store import SqlCaseStore
from vigil.store.case_tables import authorisations
from vigil.store.database import open_engine

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
DB_NAME = "cases.db"
WITNESS_NAME = "audit-head.json"

# One user per role, and a second supervisor so four-eyes approvals can succeed.
USERS: tuple[tuple[str, Role], ...] = (
    ("ana", Role.ANALYST),
    ("sam", Role.SUPERVISOR),
    ("sue", Role.SUPERVISOR),
    ("leo", Role.LEGAL_OFFICER),
    ("ivy", Role.INVESTIGATOR),
    ("aud", Role.AUDITOR),
    ("adm", Role.ADMIN),
)


def password(name: str) -> str:
    return f"password-of-{name}-long"


def placeholder(marker: str) -> bytes:
    return b"placeholder recording " + marker.encode("ascii")


@dataclass
class Home:
    """A store directory: the database and witness file inside, keys held in memory."""

    root: Path
    signer: Signer
    keyring: MasterKeyring
    config: CasesConfig

    @property
    def db(self) -> Path:
        return self.root / DB_NAME

    @property
    def witness(self) -> Path:
        return self.root / WITNESS_NAME

    @property
    def url(self) -> str:
        return f"sqlite:///{self.db}"

    def open(self, url: str | None = None) -> tuple[CaseService, SqlCaseStore]:
        engine = open_engine(url or self.url)
        store = SqlCaseStore(engine, self.signer, witness=self.witness)
        return CaseService(store, self.signer, self.keyring, self.config), store


def new_home(root: Path, config: CasesConfig | None = None) -> Home:
    root.mkdir(parents=True, exist_ok=True)
    return Home(root, Signer.generate(), MasterKeyring.generate(), config or CasesConfig())


def add_users(service: CaseService, now: datetime = T0) -> dict[str, Actor]:
    """Bootstrap the admin, then the other users; returns every user's Actor."""
    admin = service.add_user(None, "adm", password("adm"), frozenset({Role.ADMIN}), now).actor
    actors = {"adm": admin}
    for name, role in USERS:
        if name != "adm":
            user = service.add_user(admin, name, password(name), frozenset({role}), now)
            actors[name] = user.actor
    return actors


class Template:
    """A migrated store with its users, built once and copied per run (argon2 is slow)."""

    def __init__(self) -> None:
        self.home = new_home(Path(tempfile.mkdtemp(prefix="vigil-template-")))
        service, store = self.home.open()
        self.actors = add_users(service)
        store.compact()
        store.engine.dispose()

    def copy_to(self, root: Path) -> Home:
        root.mkdir(parents=True, exist_ok=True)
        for name in (DB_NAME, WITNESS_NAME):
            shutil.copy2(self.home.root / name, root / name)
        return Home(root, self.home.signer, self.home.keyring, self.home.config)

    def remove(self) -> None:
        shutil.rmtree(self.home.root, ignore_errors=True)


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """A connection straight to the database, outside the service and the store's API."""
    with engine.connect() as conn:
        yield conn


def log_of(conn: Connection) -> tuple[list[LogEntry], list[TreeHead]]:
    return list(audit_db.entries(conn)), audit_db.heads(conn)


def verify_store_log(engine: Engine, verifier_of: Signer, witness: Path) -> VerifyReport:
    """verify_log over the rows as stored, with the witness file outside the database."""
    with reading(engine) as conn:
        entries, heads = log_of(conn)
    return verify_log(entries, heads, verifier_of.verifier, witness=audit_db.read_witness(witness))


def authorisation_rows(conn: Connection) -> list[Authorisation]:
    return [authorisation_from_row(r) for r in conn.execute(select(authorisations))]


def report(name: str, figures: dict[str, Any], line: str) -> Path:
    """Print the one-line figure (visible with -s) and keep it as JSON under the temp dir."""
    folder = Path(os.environ.get("VIGIL_REPORT_DIR", Path(tempfile.gettempdir()) / "vigil-reports"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.json"
    path.write_text(json.dumps({"test": name, **figures}, indent=2, sort_keys=True) + "\n")
    print(f"\n[{name}] {line} (figures in {path})")
    return path
