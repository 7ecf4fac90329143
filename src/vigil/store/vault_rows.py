"""The evidence vault's rows, custody and certificates, and the recording gate.

The gate lives here, below every caller: `add_evidence` accepts content only for an account
named in an approved, correctly signed authorisation of that case, captured and offered
inside its window. A refusal is audited in its own transaction and raised.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, insert, select, update

from vigil.cases import (
    AuditEvent,
    CustodyRecord,
    EvidenceItem,
    Sealed,
    WrappedKey,
)
from vigil.core import NotFoundError, RecordingRefusedError
from vigil.store.case_rows import RECORDING_STATES, CaseRows, item_from_row
from vigil.store.case_tables import (
    case_keys,
    certificates,
    custody,
    evidence_blobs,
    evidence_items,
)


class VaultRows(CaseRows):
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
