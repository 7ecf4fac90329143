"""The case store: one transaction (`CaseTx`) over cases (case_rows), the evidence vault and
its recording gate (vault_rows), users (user_rows) and the audit log (audit_db).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DataError

from vigil.cases import (
    AuditEvent,
    LogEntry,
    Signer,
    TreeHead,
)
from vigil.core import InputError, VigilError
from vigil.store import audit_db
from vigil.store.user_rows import UserRows
from vigil.store.vault_rows import VaultRows


@dataclass
class CaseTx(VaultRows, UserRows):
    """One transaction on the store; every write of an action and its audit entry commit
    together."""

    conn: Connection
    signer: Signer
    heads: list[TreeHead] = field(default_factory=list)

    # --- audit log -------------------------------------------------------------------------
    def audit(self, event: AuditEvent) -> TreeHead:
        head = audit_db.append(self.conn, self.signer, event)
        self.heads.append(head)
        return head

    def audit_entries(self, after: int = -1) -> Iterator[LogEntry]:
        return audit_db.entries(self.conn, after)

    def tree_heads(self) -> list[TreeHead]:
        return audit_db.heads(self.conn)


@dataclass
class SqlCaseStore:
    engine: Engine
    signer: Signer
    # The latest signed tree head is mirrored here after each commit.
    witness: Path | None = None

    @contextmanager
    def transaction(self) -> Iterator[CaseTx]:
        tx = CaseTx(self.engine.connect(), self.signer)
        try:
            with tx.conn.begin():
                yield tx
        except DataError as exc:
            # PostgreSQL refuses what SQLite keeps (NUL characters, text over a column's
            # length): the act rolled back, and the caller gets an input error, not a crash.
            problem = str(exc.orig).splitlines()[0] if exc.orig is not None else "bad value"
            raise InputError(
                f"The case store cannot keep a value given ({problem}); shorten or clean it."
            ) from None
        except VigilError as exc:
            event = getattr(exc, "audit_event", None)
            if isinstance(event, AuditEvent):
                # The action rolled back; its refusal is still logged.
                self.audit_alone(event)
                exc.audited = True  # type: ignore[attr-defined]
            raise
        finally:
            tx.conn.close()
        if tx.heads and self.witness is not None:
            audit_db.write_witness(self.witness, tx.heads[-1])

    def audit_alone(self, event: AuditEvent) -> TreeHead:
        with self.transaction() as tx:
            return tx.audit(event)

    def witness_head(self) -> TreeHead | None:
        return None if self.witness is None else audit_db.read_witness(self.witness)

    def compact(self) -> bool:
        """After a shred: push the WAL into the file, truncate it, and rebuild the file so
        freed pages (zeroed by secure_delete) leave no copy of destroyed keys behind.

        False when it could not finish: another reader's snapshot kept WAL frames alive.
        """
        if self.engine.dialect.name == "sqlite":
            # Outside any transaction: VACUUM and a truncating checkpoint refuse to run in one.
            raw = self.engine.raw_connection()
            try:
                db = raw.driver_connection
                assert db is not None
                db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                db.execute("VACUUM")
                busy = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
                return bool(busy == 0)
            except sqlite3.OperationalError:
                return False
            finally:
                raw.close()
        if self.engine.dialect.name == "postgresql":
            with self.engine.connect() as conn:
                auto = conn.execution_options(isolation_level="AUTOCOMMIT")
                auto.execute(text("VACUUM (FULL) case_keys, evidence_blobs"))
        return True
