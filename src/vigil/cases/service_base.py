"""The workflow service's base: the audited act, moves between states, the clock, shredding.

Every act checks roles and state in the domain, runs in one store transaction with its
audit entry, and a refused act is audited too.

Time is passed in (`now`), never read here, so tests drive the clock. The clock's own moves
(a window opening or closing, an evaluation deadline) happen in `tick`, which every act
runs first: a case moves on by itself even if nobody looks at it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, TypeVar

from vigil.cases import vault
from vigil.cases.certificate import issue_certificate, to_json
from vigil.cases.model import (
    Actor,
    AuditEvent,
    Case,
    CaseState,
    CustodyRecord,
    EvidenceItem,
)
from vigil.cases.ports import CaseStore, CaseTransaction
from vigil.cases.workflow import Transition, Workflow
from vigil.core import (
    CasesConfig,
    InputError,
    ShreddedError,
    VigilError,
)
from vigil.core.signing import Signer

T = TypeVar("T")
CLOCK = "vigil"  # the actor named in entries the clock causes
CLOCK_STATES = (CaseState.AUTHORISED, CaseState.IDENTIFICATION, CaseState.EVALUATION)


def bounded(value: str, limit: int, what: str) -> str:
    """The same limits on every backend: SQLite would store what PostgreSQL refuses."""
    if "\x00" in value or len(value) > limit:
        raise InputError(f"The {what} must be at most {limit} characters, without NUL.")
    return value


def new_id(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


@dataclass
class ServiceBase:
    store: CaseStore
    signer: Signer
    keyring: vault.MasterKeyring
    config: CasesConfig
    workflow: Workflow = field(default_factory=Workflow.default)

    # --- the audited act ------------------------------------------------------------------
    def _act(
        self,
        actor: Actor | str,
        action: str,
        target: str,
        now: datetime,
        body: Callable[[CaseTransaction], T],
        details: dict[str, Any] | None = None,
    ) -> T:
        """Run body and its audit entry in one transaction; audit a refusal on its own."""
        name = actor if isinstance(actor, str) else actor.username
        self.tick(now)
        try:
            with self.store.transaction() as tx:
                result = body(tx)
                tx.audit(AuditEvent(now, name, action, target, "ok", dict(details or {})))
            return result
        except VigilError as exc:
            if not getattr(exc, "audited", False):
                self.store.audit_alone(
                    AuditEvent(now, name, action, target, "refused", {"reason": str(exc)})
                )
            raise

    def _move(
        self, tx: CaseTransaction, case: Case, step: Transition, actor: str, now: datetime
    ) -> None:
        deadline = None
        if step.target is CaseState.EVALUATION:
            deadline = now + timedelta(days=self.config.evaluation_days)
        tx.set_state(case.case_id, step.target, now, deadline)
        tx.audit(
            AuditEvent(
                now,
                actor,
                f"case.{step.action}",
                case.case_id,
                "ok",
                {"from": case.state.value, "to": step.target.value},
            )
        )
        if step.shred:
            self._shred(tx, case.case_id, actor, step.action, now)
        if step.target is CaseState.AUTHORISED:
            self._ensure_key(tx, case.case_id)

    # --- evidence ---------------------------------------------------------------------------
    def _ensure_key(self, tx: CaseTransaction, case_id: str) -> None:
        if tx.case_key(case_id) is None:
            tx.put_case_key(case_id, vault.wrap(self.keyring, case_id, vault.new_case_key()))

    def _dek(self, tx: CaseTransaction, case_id: str) -> bytes:
        wrapped = tx.case_key(case_id)
        if wrapped is None:
            raise ShreddedError(f"Case {case_id} has no key: its content was destroyed.")
        return vault.unwrap(self.keyring, case_id, wrapped)

    # --- destruction ------------------------------------------------------------------------
    def _purge(
        self,
        tx: CaseTransaction,
        case_id: str,
        items: Sequence[EvidenceItem],
        actor: str,
        reason: str,
        now: datetime,
        key_fingerprint: str | None = None,
    ) -> None:
        tx.purge_items([i.item_id for i in items])
        for item in items:
            tx.add_custody(CustodyRecord(item.item_id, actor, now, "destroyed", reason))
        cert = issue_certificate(
            self.signer,
            case_id=case_id,
            actor=actor,
            reason=reason,
            items=tuple((i.item_id, i.sha256) for i in items),
            key_fingerprint=key_fingerprint,
            at=now,
        )
        tx.add_certificate(case_id, to_json(cert))
        tx.audit(
            AuditEvent(
                now,
                actor,
                "evidence.destroy",
                case_id,
                "ok",
                {
                    "items": len(items),
                    "reason": reason,
                    "key_destroyed": key_fingerprint is not None,
                },
            )
        )

    def _shred(
        self, tx: CaseTransaction, case_id: str, actor: str, reason: str, now: datetime
    ) -> None:
        """Crypto-shred: destroy the case key, then purge every ciphertext."""
        wrapped = tx.case_key(case_id)
        fingerprint = vault.fingerprint(wrapped) if wrapped is not None else None
        tx.destroy_case_key(case_id)
        items = [i for i in tx.evidence(case_id) if not i.purged]
        self._purge(tx, case_id, items, actor, reason, now, key_fingerprint=fingerprint)

    # --- the clock --------------------------------------------------------------------------
    def tick(self, now: datetime) -> list[tuple[str, str]]:
        """Take every move the clock owes; returns (case, action) pairs taken."""
        moved: list[tuple[str, str]] = []
        shredded = False
        with self.store.transaction() as tx:
            for case in tx.list_cases(CaseState.AUTHORISATION_REQUESTED):
                if self._lapse_authorisation(tx, case, now):
                    moved.append((case.case_id, "authorisation_lapsed"))
            # Only these states have deadlines: tick runs before every act, so it must not
            # read every case the store has ever held.
            timed = sorted(
                (c for state in CLOCK_STATES for c in tx.list_cases(state)),
                key=lambda c: (c.opened_at, c.case_id),  # list_cases' own order
            )
            for case in timed:
                action = self._due(tx, case, now)
                if action is None:
                    continue
                step = self.workflow.check(case.state, action, None)
                self._move(tx, case, step, CLOCK, now)
                moved.append((case.case_id, action))
                shredded = shredded or step.shred
                # A window may open and close between two ticks: take both moves.
                case = tx.get_case(case.case_id)
                follow = self._due(tx, case, now)
                if follow is not None:
                    step = self.workflow.check(case.state, follow, None)
                    self._move(tx, case, step, CLOCK, now)
                    moved.append((case.case_id, follow))
                    shredded = shredded or step.shred
        if shredded:
            self.compact(now)
        return moved

    def _lapse_authorisation(self, tx: CaseTransaction, case: Case, now: datetime) -> bool:
        """An unapproved authorisation whose window has ended can never be approved: drop it,
        so the legal officer can enter a new one instead of the case being stuck."""
        pending = tx.get_pending(case.case_id)
        if pending is None or pending.action != "authorise":
            return False
        auth_id = pending.details.get("auth_id")
        auth = next((a for a in tx.authorisations(case.case_id) if a.auth_id == auth_id), None)
        if auth is not None and auth.ends_at > now:
            return False
        if auth is not None:
            tx.delete_authorisation(auth.auth_id)
        tx.clear_pending(case.case_id)
        tx.audit(
            AuditEvent(
                now,
                CLOCK,
                "case.authorise.lapsed",
                case.case_id,
                "ok",
                {"auth_id": auth_id, "requested_by": pending.requested_by},
            )
        )
        return True

    def compact(self, now: datetime) -> None:
        """Rebuild the store after destruction; if a reader's snapshot kept old pages alive,
        say so in the audit log rather than let a certificate's claim stand unqualified."""
        if not self.store.compact():
            self.store.audit_alone(
                AuditEvent(
                    now,
                    CLOCK,
                    "store.compact",
                    "-",
                    "incomplete",
                    {
                        "reason": "a reader held a snapshot; destroyed pages remain until "
                        "it ends and the next compaction runs"
                    },
                )
            )

    def _due(self, tx: CaseTransaction, case: Case, now: datetime) -> str | None:
        if case.state in (CaseState.AUTHORISED, CaseState.IDENTIFICATION):
            approved = [a for a in tx.authorisations(case.case_id) if a.approved_by]
            if approved and all(a.ends_at <= now for a in approved):
                return "expire_window"
            if case.state is CaseState.AUTHORISED and any(a.starts_at <= now for a in approved):
                return "begin_identification"
        if case.state is CaseState.EVALUATION:
            deadline = tx.deadline(case.case_id)
            if deadline is not None and deadline <= now:
                return "expire_evaluation"
        return None
