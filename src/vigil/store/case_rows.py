"""Cases, their findings, pending four-eyes actions and authorisations: rows and mappers."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from vigil.cases import (
    Authorisation,
    Case,
    CaseState,
    EvidenceItem,
    PendingAction,
    Role,
    Signer,
)
from vigil.core import NotFoundError
from vigil.store.case_tables import (
    authorisations,
    cases,
    pending_actions,
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


class CaseRows:
    conn: Connection
    signer: Signer

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
