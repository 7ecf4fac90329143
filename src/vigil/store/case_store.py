"""The case store: cases, authorisations, the evidence vault, custody and the audit log.

The recording gate lives here, below every caller: `add_evidence` accepts content only for
an account named in an approved, correctly signed authorisation of that case, captured and
offered inside its window. A refusal is audited in its own transaction and raised.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, delete, insert, select, text, update
from sqlalchemy.exc import DataError

from vigil.cases import (
    AuditEvent,
    Authorisation,
    Case,
    CaseState,
    CustodyRecord,
    EvidenceItem,
    LogEntry,
    PendingAction,
    Role,
    Sealed,
    Signer,
    TreeHead,
    User,
    WrappedKey,
)
from vigil.core import InputError, NotFoundError, RecordingRefusedError, VigilError
from vigil.store import audit_db
from vigil.store.case_tables import (
    authorisations,
    case_keys,
    cases,
    certificates,
    custody,
    evidence_blobs,
    evidence_items,
    pending_actions,
    sessions,
    users,
)

RECORDING_STATES = frozenset({CaseState.AUTHORISED, CaseState.IDENTIFICATION})


def case_from_row(row: Any) -> Case:
    return Case(
        case_id=row.case_id,
        state=CaseState(row.state),
        accounts=tuple(json.loads(row.accounts)),
        opened_by=row.opened_by,
        opened_at=row.opened_at,
        origin=row.origin,
        summary=row.summary,
        country=row.country,
        updated_at=row.updated_at,
    )


def authorisation_from_row(row: Any) -> Authorisation:
    return Authorisation(
        auth_id=row.auth_id,
        case_id=row.case_id,
        authority=row.authority,
        reference=row.reference,
        accounts=tuple(json.loads(row.accounts)),
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        scope=row.scope,
        entered_by=row.entered_by,
        entered_at=row.entered_at,
        approved_by=row.approved_by,
        approved_at=row.approved_at,
        signature=row.signature,
    )


def item_from_row(row: Any) -> EvidenceItem:
    return EvidenceItem(
        item_id=row.item_id,
        case_id=row.case_id,
        account=row.account,
        captured_at=row.captured_at,
        media_type=row.media_type,
        sha256=row.sha256,
        size=row.size,
        recorded_by=row.recorded_by,
        recorded_at=row.recorded_at,
        description=row.description,
        is_evidence=row.is_evidence,
        purged=row.purged,
    )


@dataclass
class CaseTx:
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

    # --- users and sessions ---------------------------------------------------------------
    def user_count(self) -> int:
        return len(self.conn.execute(select(users.c.username)).all())

    def get_user(self, username: str) -> User | None:
        row = self.conn.execute(select(users).where(users.c.username == username)).first()
        if row is None:
            return None
        return User(
            username=row.username,
            password_hash=row.password_hash,
            roles=frozenset(Role(r) for r in row.roles.split(",") if r),
            created_at=row.created_at,
            created_by=row.created_by,
            disabled=row.disabled,
        )

    def add_user(self, user: User) -> None:
        self.conn.execute(
            insert(users).values(
                username=user.username,
                password_hash=user.password_hash,
                roles=",".join(sorted(user.roles)),
                created_at=user.created_at,
                created_by=user.created_by,
                disabled=user.disabled,
            )
        )

    def update_user(self, username: str, **values: Any) -> None:
        if "roles" in values:
            values["roles"] = ",".join(sorted(values["roles"]))
        self.conn.execute(update(users).where(users.c.username == username).values(**values))

    def list_users(self) -> list[User]:
        names = self.conn.execute(select(users.c.username).order_by(users.c.username))
        return [u for (n,) in names if (u := self.get_user(n)) is not None]

    def add_session(self, token_hash: str, username: str, at: datetime, expires: datetime) -> None:
        self.conn.execute(
            insert(sessions).values(
                token_hash=token_hash, username=username, created_at=at, expires_at=expires
            )
        )

    def session_user(self, token_hash: str, now: datetime) -> str | None:
        row = self.conn.execute(select(sessions).where(sessions.c.token_hash == token_hash)).first()
        if row is None or row.expires_at <= now:
            return None
        return str(row.username)

    def end_session(self, token_hash: str) -> None:
        self.conn.execute(delete(sessions).where(sessions.c.token_hash == token_hash))

    # --- cases ------------------------------------------------------------------------------
    def add_case(self, case: Case) -> None:
        self.conn.execute(
            insert(cases).values(
                case_id=case.case_id,
                state=case.state.value,
                accounts=json.dumps(list(case.accounts)),
                opened_by=case.opened_by,
                opened_at=case.opened_at,
                origin=case.origin,
                summary=case.summary,
                country=case.country,
                updated_at=case.opened_at,
                findings="[]",
            )
        )

    def findings(self, case_id: str) -> list[dict[str, Any]]:
        row = self.conn.execute(select(cases.c.findings).where(cases.c.case_id == case_id))
        value = row.scalar_one_or_none()
        return [] if value is None else list(json.loads(value))

    def add_findings(self, case_id: str, rows: Sequence[dict[str, Any]]) -> None:
        merged = [*self.findings(case_id), *rows]
        self.conn.execute(
            update(cases)
            .where(cases.c.case_id == case_id)
            .values(findings=json.dumps(merged, sort_keys=True, default=str))
        )

    def get_case(self, case_id: str) -> Case:
        row = self.conn.execute(select(cases).where(cases.c.case_id == case_id)).first()
        if row is None:
            raise NotFoundError(f"There is no case {case_id}.")
        return case_from_row(row)

    def list_cases(self, state: CaseState | None = None) -> list[Case]:
        query = select(cases).order_by(cases.c.opened_at, cases.c.case_id)
        if state is not None:
            query = query.where(cases.c.state == state.value)
        return [case_from_row(r) for r in self.conn.execute(query)]

    def set_state(
        self, case_id: str, state: CaseState, at: datetime, deadline: datetime | None = None
    ) -> None:
        self.conn.execute(
            update(cases)
            .where(cases.c.case_id == case_id)
            .values(state=state.value, updated_at=at, deadline_at=deadline)
        )

    def deadline(self, case_id: str) -> datetime | None:
        row = self.conn.execute(select(cases.c.deadline_at).where(cases.c.case_id == case_id))
        value: datetime | None = row.scalar_one_or_none()
        return value

    def set_country(self, case_id: str, country: str) -> None:
        self.conn.execute(update(cases).where(cases.c.case_id == case_id).values(country=country))

    # --- four eyes --------------------------------------------------------------------------
    def set_pending(self, pending: PendingAction) -> None:
        self.clear_pending(pending.case_id)
        self.conn.execute(
            insert(pending_actions).values(
                case_id=pending.case_id,
                action=pending.action,
                requested_by=pending.requested_by,
                requested_at=pending.requested_at,
                approver_role=pending.approver_role.value,
                details=json.dumps(pending.details, sort_keys=True),
            )
        )

    def get_pending(self, case_id: str) -> PendingAction | None:
        row = self.conn.execute(
            select(pending_actions).where(pending_actions.c.case_id == case_id)
        ).first()
        if row is None:
            return None
        return PendingAction(
            case_id=row.case_id,
            action=row.action,
            requested_by=row.requested_by,
            requested_at=row.requested_at,
            approver_role=Role(row.approver_role),
            details=json.loads(row.details),
        )

    def clear_pending(self, case_id: str) -> None:
        self.conn.execute(delete(pending_actions).where(pending_actions.c.case_id == case_id))

    # --- authorisations ---------------------------------------------------------------------
    def add_authorisation(self, auth: Authorisation) -> None:
        self.conn.execute(
            insert(authorisations).values(
                auth_id=auth.auth_id,
                case_id=auth.case_id,
                authority=auth.authority,
                reference=auth.reference,
                accounts=json.dumps(sorted(auth.accounts)),
                starts_at=auth.starts_at,
                ends_at=auth.ends_at,
                scope=auth.scope,
                entered_by=auth.entered_by,
                entered_at=auth.entered_at,
                approved_by=auth.approved_by,
                approved_at=auth.approved_at,
                signature=auth.signature,
            )
        )

    def approve_authorisation(self, auth: Authorisation) -> None:
        self.conn.execute(
            update(authorisations)
            .where(authorisations.c.auth_id == auth.auth_id)
            .values(
                approved_by=auth.approved_by,
                approved_at=auth.approved_at,
                signature=auth.signature,
            )
        )

    def delete_authorisation(self, auth_id: str) -> None:
        self.conn.execute(delete(authorisations).where(authorisations.c.auth_id == auth_id))

    def authorisations(self, case_id: str) -> list[Authorisation]:
        rows = self.conn.execute(
            select(authorisations)
            .where(authorisations.c.case_id == case_id)
            .order_by(authorisations.c.entered_at)
        )
        return [authorisation_from_row(r) for r in rows]

    # --- the vault ----------------------------------------------------------------------------
    def put_case_key(self, case_id: str, wrapped: WrappedKey) -> None:
        self.conn.execute(delete(case_keys).where(case_keys.c.case_id == case_id))
        self.conn.execute(
            insert(case_keys).values(
                case_id=case_id,
                key_id=wrapped.key_id,
                nonce=wrapped.nonce,
                wrapped=wrapped.ciphertext,
            )
        )

    def case_key(self, case_id: str) -> WrappedKey | None:
        row = self.conn.execute(select(case_keys).where(case_keys.c.case_id == case_id)).first()
        if row is None:
            return None
        return WrappedKey(key_id=row.key_id, nonce=row.nonce, ciphertext=row.wrapped)

    def all_case_keys(self) -> list[tuple[str, WrappedKey]]:
        rows = self.conn.execute(select(case_keys).order_by(case_keys.c.case_id))
        return [(r.case_id, WrappedKey(r.key_id, r.nonce, r.wrapped)) for r in rows]

    def destroy_case_key(self, case_id: str) -> None:
        self.conn.execute(delete(case_keys).where(case_keys.c.case_id == case_id))

    def recording_refusal(self, item: EvidenceItem) -> str | None:
        """Why the gate refuses this item, or None when an authorisation covers it."""
        case = self.get_case(item.case_id)
        if case.state not in RECORDING_STATES:
            return f"case {case.case_id} is {case.state}, not in an authorised recording window"
        verifier = self.signer.verifier
        for auth in self.authorisations(item.case_id):
            if auth.signature is None or not verifier.valid(auth.signed_fields(), auth.signature):
                continue
            if auth.covers(item.account, item.captured_at) and auth.covers(
                item.account, item.recorded_at
            ):
                return None
        return (
            f"no approved authorisation of case {case.case_id} names account {item.account} "
            f"at {item.captured_at.isoformat()}"
        )

    def add_evidence(self, item: EvidenceItem, sealed: Sealed) -> None:
        """The recording gate: store the item only if an active authorisation covers it."""
        reason = self.recording_refusal(item)
        if reason is not None:
            refused = RecordingRefusedError(f"Recording refused: {reason}.")
            refused.audit_event = AuditEvent(  # type: ignore[attr-defined]
                at=item.recorded_at,
                actor=item.recorded_by,
                action="evidence.record",
                target=item.case_id,
                outcome="refused",
                details={"account": item.account, "reason": reason},
            )
            raise refused
        self.conn.execute(
            insert(evidence_items).values(
                item_id=item.item_id,
                case_id=item.case_id,
                account=item.account,
                captured_at=item.captured_at,
                media_type=item.media_type,
                sha256=item.sha256,
                size=item.size,
                recorded_by=item.recorded_by,
                recorded_at=item.recorded_at,
                description=item.description,
                is_evidence=False,
                purged=False,
            )
        )
        self.conn.execute(
            insert(evidence_blobs).values(
                item_id=item.item_id, nonce=sealed.nonce, ciphertext=sealed.ciphertext
            )
        )

    def evidence(self, case_id: str) -> list[EvidenceItem]:
        rows = self.conn.execute(
            select(evidence_items)
            .where(evidence_items.c.case_id == case_id)
            .order_by(evidence_items.c.captured_at, evidence_items.c.item_id)
        )
        return [item_from_row(r) for r in rows]

    def get_item(self, item_id: str) -> EvidenceItem:
        row = self.conn.execute(
            select(evidence_items).where(evidence_items.c.item_id == item_id)
        ).first()
        if row is None:
            raise NotFoundError(f"There is no evidence item {item_id}.")
        return item_from_row(row)

    def sealed(self, item_id: str) -> Sealed | None:
        row = self.conn.execute(
            select(evidence_blobs).where(evidence_blobs.c.item_id == item_id)
        ).first()
        return None if row is None else Sealed(nonce=row.nonce, ciphertext=row.ciphertext)

    def mark_evidence(self, item_id: str, is_evidence: bool) -> None:
        self.conn.execute(
            update(evidence_items)
            .where(evidence_items.c.item_id == item_id)
            .values(is_evidence=is_evidence)
        )

    def purge_items(self, item_ids: Sequence[str]) -> None:
        """Delete ciphertext; the item's metadata and hash stay for the certificate."""
        if not item_ids:
            return
        self.conn.execute(delete(evidence_blobs).where(evidence_blobs.c.item_id.in_(item_ids)))
        self.conn.execute(
            update(evidence_items).where(evidence_items.c.item_id.in_(item_ids)).values(purged=True)
        )

    # --- custody and certificates -------------------------------------------------------------
    def add_custody(self, record: CustodyRecord) -> None:
        self.conn.execute(
            insert(custody).values(
                item_id=record.item_id,
                actor=record.actor,
                at=record.at,
                action=record.action,
                reason=record.reason,
            )
        )

    def custody(self, item_ids: Sequence[str]) -> list[CustodyRecord]:
        rows = self.conn.execute(
            select(custody).where(custody.c.item_id.in_(item_ids)).order_by(custody.c.id)
        )
        return [CustodyRecord(r.item_id, r.actor, r.at, r.action, r.reason) for r in rows]

    def add_certificate(self, case_id: str, body: dict[str, Any]) -> None:
        self.conn.execute(
            insert(certificates).values(case_id=case_id, body=json.dumps(body, sort_keys=True))
        )

    def certificates(self, case_id: str) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            select(certificates.c.body)
            .where(certificates.c.case_id == case_id)
            .order_by(certificates.c.id)
        )
        return [json.loads(b) for (b,) in rows]


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
