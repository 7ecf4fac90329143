"""The workflow service: cases, authorisations and four-eyes approvals. Users and evidence
come from mixins (service_users, service_evidence); the audited act, the clock and shredding
from service_base, whose docstring says how every act runs."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from vigil.cases.model import (
    Actor,
    Authorisation,
    Case,
    CaseState,
    PendingAction,
)
from vigil.cases.ports import CaseTransaction
from vigil.cases.service_base import bounded, new_id
from vigil.cases.service_evidence import EvidenceActs
from vigil.cases.service_users import UserActs
from vigil.core import (
    InputError,
    WorkflowError,
)


class CaseService(UserActs, EvidenceActs):
    """Cases, authorisations and approvals; users and evidence come from the mixins."""

    # --- cases ----------------------------------------------------------------------------
    def open_case(
        self,
        actor: Actor,
        accounts: Sequence[str],
        origin: str,
        summary: str,
        now: datetime,
        findings: Sequence[dict[str, Any]] = (),
        country: str | None = None,
    ) -> Case:
        if not accounts:
            raise InputError("A case needs at least one account.")
        case = Case(
            case_id=new_id("case"),
            state=CaseState.FLAGGED,
            accounts=tuple(dict.fromkeys(accounts)),
            opened_by=actor.username,
            opened_at=now,
            origin=origin,
            summary=summary,
            country=country,
        )

        def body(tx: CaseTransaction) -> Case:
            self.workflow.require(actor, "case.open")
            # Inside the act, so a refusal is audited like any other.
            for account in case.accounts:
                bounded(account, 80, "account")
            bounded(origin, 40, "origin")
            bounded(summary, 10_000, "summary")
            tx.add_case(case)
            if findings:
                tx.add_findings(case.case_id, findings)
            return case

        return self._act(
            actor,
            "case.open",
            case.case_id,
            now,
            body,
            {"accounts": len(case.accounts), "origin": origin, "findings": len(findings)},
        )

    def view(self, actor: Actor, case_id: str | None, now: datetime) -> list[Case]:
        def body(tx: CaseTransaction) -> list[Case]:
            self.workflow.require(actor, "case.view")
            return [tx.get_case(case_id)] if case_id else tx.list_cases()

        return self._act(actor, "case.view", case_id or "*", now, body)

    def detail(self, actor: Actor, case_id: str, now: datetime) -> dict[str, Any]:
        def body(tx: CaseTransaction) -> dict[str, Any]:
            self.workflow.require(actor, "case.view")
            case = tx.get_case(case_id)
            return {
                "case": case,
                "authorisations": tx.authorisations(case_id),
                "pending": tx.get_pending(case_id),
                "evidence": tx.evidence(case_id),
                "findings": tx.findings(case_id),
                "certificates": tx.certificates(case_id),
                "deadline": tx.deadline(case_id),
                "next": self.workflow.actions_from(case.state),
            }

        return self._act(actor, "case.show", case_id, now, body)

    def act(self, actor: Actor, case_id: str, action: str, now: datetime, reason: str = "") -> Case:
        """A lifecycle action without extra data (review, dismiss, close...)."""
        shredded: list[bool] = []

        def body(tx: CaseTransaction) -> Case:
            case = tx.get_case(case_id)
            step = self.workflow.check(case.state, action, actor)
            if step.approver is not None:
                raise WorkflowError(
                    f"{action} needs its own command, as it waits for a second approver."
                )
            self._move(tx, case, step, actor.username, now)
            shredded.append(step.shred)
            return tx.get_case(case_id)

        result = self._act(actor, f"case.{action}.request", case_id, now, body, {"reason": reason})
        if any(shredded):
            self.compact(now)
        return result

    # --- authorisation (four eyes) ----------------------------------------------------------
    def enter_authorisation(
        self,
        actor: Actor,
        case_id: str,
        *,
        authority: str,
        reference: str,
        accounts: Sequence[str],
        starts_at: datetime,
        ends_at: datetime,
        scope: str,
        now: datetime,
    ) -> Authorisation:
        """The legal officer records the judicial authorisation; it waits for a supervisor."""

        def body(tx: CaseTransaction) -> Authorisation:
            case = tx.get_case(case_id)
            step = self.workflow.check(case.state, "authorise", actor)
            _check_window(starts_at, ends_at, now, self.config.max_window_days)
            if not authority.strip() or not reference.strip():
                raise InputError("An authorisation needs its issuing authority and reference.")
            unknown = sorted(set(accounts) - set(case.accounts))
            if not accounts or unknown:
                raise InputError(
                    "An authorisation must name accounts of the case"
                    + (f"; not in case {case_id}: {', '.join(unknown)}." if unknown else ".")
                )
            if tx.get_pending(case_id) is not None:
                raise WorkflowError(f"Case {case_id} already has an action awaiting approval.")
            auth = Authorisation(
                auth_id=new_id("auth"),
                case_id=case_id,
                authority=authority.strip(),
                reference=reference.strip(),
                accounts=tuple(sorted(set(accounts))),
                starts_at=starts_at,
                ends_at=ends_at,
                scope=scope.strip(),
                entered_by=actor.username,
                entered_at=now,
            )
            tx.add_authorisation(auth)
            assert step.approver is not None
            tx.set_pending(
                PendingAction(
                    case_id,
                    "authorise",
                    actor.username,
                    now,
                    step.approver,
                    {"auth_id": auth.auth_id},
                )
            )
            return auth

        return self._act(
            actor,
            "case.authorise.request",
            case_id,
            now,
            body,
            {
                "reference": reference,
                "accounts": len(accounts),
                "starts_at": starts_at.isoformat(),
                "ends_at": ends_at.isoformat(),
            },
        )

    def request_referral(self, actor: Actor, case_id: str, country: str, now: datetime) -> None:
        # Checked before upper-casing: "ß".upper() is "SS".
        if not _COUNTRY.fullmatch(country.strip()):
            raise InputError(f"{country!r} is not a two-letter country code.")
        country = country.strip().upper()

        def body(tx: CaseTransaction) -> None:
            case = tx.get_case(case_id)
            step = self.workflow.check(case.state, "refer", actor)
            if not any(i.is_evidence and not i.purged for i in tx.evidence(case_id)):
                raise WorkflowError(
                    f"Case {case_id} has no item marked as evidence; close it instead."
                )
            if tx.get_pending(case_id) is not None:
                raise WorkflowError(f"Case {case_id} already has an action awaiting approval.")
            assert step.approver is not None
            tx.set_pending(
                PendingAction(
                    case_id, "refer", actor.username, now, step.approver, {"country": country}
                )
            )

        self._act(actor, "case.refer.request", case_id, now, body, {"country": country})

    def approve(self, actor: Actor, case_id: str, now: datetime) -> Case:
        """The second pair of eyes: a different person with the approver role confirms."""
        purged: list[bool] = []

        def body(tx: CaseTransaction) -> Case:
            pending = tx.get_pending(case_id)
            if pending is None:
                raise WorkflowError(f"Case {case_id} has nothing awaiting approval.")
            case = tx.get_case(case_id)
            step = self.workflow.check_approval(pending, actor)
            if case.state not in step.sources:
                raise WorkflowError(
                    f"Case {case_id} moved on; its pending {pending.action} lapsed."
                )
            if pending.action == "authorise":
                auth = next(
                    a for a in tx.authorisations(case_id) if a.auth_id == pending.details["auth_id"]
                )
                if auth.ends_at <= now:
                    raise WorkflowError("The authorisation's window has already ended.")
                approved = replace(auth, approved_by=actor.username, approved_at=now)
                approved = replace(approved, signature=self.signer.sign(approved.signed_fields()))
                tx.approve_authorisation(approved)
            elif pending.action == "refer":
                if not any(i.is_evidence and not i.purged for i in tx.evidence(case_id)):
                    raise WorkflowError(
                        f"Case {case_id} no longer has an item marked as evidence to refer."
                    )
                tx.set_country(case_id, pending.details["country"])
                # Everything that is not evidence is destroyed at once.
                rest = [i for i in tx.evidence(case_id) if not i.is_evidence and not i.purged]
                if rest:
                    self._purge(tx, case_id, rest, actor.username, "not evidence at referral", now)
                    purged.append(True)
            tx.clear_pending(case_id)
            self._move(tx, case, step, actor.username, now)
            return tx.get_case(case_id)

        self._act(actor, "case.approve", case_id, now, body)
        if purged:
            self.compact(now)
        # An authorisation whose window already opened moves on to identification at once.
        self.tick(now)
        with self.store.transaction() as tx:
            return tx.get_case(case_id)


_COUNTRY = re.compile(r"[A-Za-z]{2}")


def _check_window(starts: datetime, ends: datetime, now: datetime, max_days: int) -> None:
    if ends <= starts:
        raise InputError("The authorisation window must end after it starts.")
    if ends - starts > timedelta(days=max_days):
        raise InputError(
            f"The authorisation window is {(ends - starts).days} days; the maximum is {max_days}."
        )
    if ends <= now:
        raise InputError("The authorisation window has already ended.")
