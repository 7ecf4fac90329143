"""The workflow service: every act checks roles and state in the domain, runs in one store
transaction with its audit entry, and a refused act is audited too.

Time is passed in (`now`), never read here, so tests drive the clock. The clock's own moves
(a window opening or closing, an evaluation deadline) happen in `tick`, which every act
runs first: a case moves on by itself even if nobody looks at it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any, TypeVar

from vigil.cases import vault
from vigil.cases.certificate import issue_certificate, to_json
from vigil.cases.model import (
    Actor,
    AuditEvent,
    Authorisation,
    Case,
    CaseState,
    CustodyRecord,
    EvidenceItem,
    PendingAction,
)
from vigil.cases.ports import CaseStore, CaseTransaction
from vigil.cases.signing import Signer
from vigil.cases.users import (
    User,
    check_username,
    hash_password,
    new_session_token,
    password_matches,
    token_digest,
)
from vigil.cases.workflow import Transition, Workflow
from vigil.core import (
    AuthError,
    CasesConfig,
    InputError,
    NotFoundError,
    PermissionDeniedError,
    ShreddedError,
    VigilError,
    WorkflowError,
)

T = TypeVar("T")
CLOCK = "vigil"  # the actor named in entries the clock causes


def new_id(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


@dataclass
class CaseService:
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

    # --- users and login --------------------------------------------------------------------
    def bootstrap_needed(self) -> bool:
        with self.store.transaction() as tx:
            return tx.user_count() == 0

    def add_user(
        self,
        actor: Actor | None,
        username: str,
        password: str,
        roles: frozenset[Any],
        now: datetime,
    ) -> User:
        """Create a user; with no users yet, the first (an admin) needs no login."""
        check_username(username)

        def body(tx: CaseTransaction) -> User:
            if actor is None:
                if tx.user_count() > 0:
                    raise AuthError("Log in as an admin to add users (vigil login).")
                if "admin" not in roles:
                    raise PermissionDeniedError("The first user must hold the admin role.")
            else:
                self.workflow.require(actor, "user.manage")
            if tx.get_user(username) is not None:
                raise InputError(f"User {username} already exists.")
            user = User(
                username=username,
                password_hash=hash_password(password),
                roles=frozenset(roles),
                created_at=now,
                created_by=actor.username if actor else "bootstrap",
            )
            tx.add_user(user)
            return user

        return self._act(
            actor or "bootstrap",
            "user.add",
            username,
            now,
            body,
            {"roles": sorted(str(r) for r in roles)},
        )

    def set_password(self, actor: Actor, username: str, password: str, now: datetime) -> None:
        def body(tx: CaseTransaction) -> None:
            if actor.username != username:
                self.workflow.require(actor, "user.manage")
            if tx.get_user(username) is None:
                raise NotFoundError(f"There is no user {username}.")
            tx.update_user(username, password_hash=hash_password(password))

        self._act(actor, "user.passwd", username, now, body)

    def set_disabled(self, actor: Actor, username: str, disabled: bool, now: datetime) -> None:
        def body(tx: CaseTransaction) -> None:
            self.workflow.require(actor, "user.manage")
            if tx.get_user(username) is None:
                raise NotFoundError(f"There is no user {username}.")
            tx.update_user(username, disabled=disabled)

        self._act(actor, "user.disable" if disabled else "user.enable", username, now, body)

    def list_users(self, actor: Actor, now: datetime) -> list[User]:
        def body(tx: CaseTransaction) -> list[User]:
            self.workflow.require(actor, "user.manage")
            return tx.list_users()

        return self._act(actor, "user.list", "*", now, body)

    def login(self, username: str, password: str, now: datetime) -> str:
        """A session token for the user; a failed login is audited and says nothing more."""

        def body(tx: CaseTransaction) -> str:
            user = tx.get_user(username)
            if user is None or user.disabled or not password_matches(user.password_hash, password):
                raise AuthError("Login failed: unknown user, wrong password or disabled account.")
            token = new_session_token()
            expires = now + timedelta(hours=self.config.session_hours)
            tx.add_session(token_digest(token), username, now, expires)
            return token

        return self._act(username, "login", username, now, body)

    def actor_for(self, token: str, now: datetime) -> Actor:
        with self.store.transaction() as tx:
            username = tx.session_user(token_digest(token), now)
            user = tx.get_user(username) if username else None
        if user is None or user.disabled:
            raise AuthError("Not logged in or the session expired; run `vigil login USER`.")
        return user.actor

    def logout(self, token: str, now: datetime) -> None:
        actor = self.actor_for(token, now)
        self._act(
            actor, "logout", actor.username, now, lambda tx: tx.end_session(token_digest(token))
        )

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
            self.store.compact()
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
        country = country.upper()
        if len(country) != 2 or not country.isalpha():
            raise InputError(f"{country!r} is not a two-letter country code.")

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
            self.store.compact()
        # An authorisation whose window already opened moves on to identification at once.
        self.tick(now)
        with self.store.transaction() as tx:
            return tx.get_case(case_id)

    # --- evidence ---------------------------------------------------------------------------
    def _ensure_key(self, tx: CaseTransaction, case_id: str) -> None:
        if tx.case_key(case_id) is None:
            tx.put_case_key(case_id, vault.wrap(self.keyring, case_id, vault.new_case_key()))

    def _dek(self, tx: CaseTransaction, case_id: str) -> bytes:
        wrapped = tx.case_key(case_id)
        if wrapped is None:
            raise ShreddedError(f"Case {case_id} has no key: its content was destroyed.")
        return vault.unwrap(self.keyring, case_id, wrapped)

    def record(
        self,
        actor: Actor,
        case_id: str,
        *,
        account: str,
        captured_at: datetime,
        media_type: str,
        content: bytes,
        description: str,
        now: datetime,
    ) -> EvidenceItem:
        """Store content under the case key; the store's gate refuses anything unauthorised."""

        def body(tx: CaseTransaction) -> EvidenceItem:
            self.workflow.require(actor, "evidence.record")
            item = EvidenceItem(
                item_id=new_id("item"),
                case_id=case_id,
                account=account,
                captured_at=captured_at,
                media_type=media_type,
                sha256=vault.sha256_hex(content),
                size=len(content),
                recorded_by=actor.username,
                recorded_at=now,
                description=description,
            )
            # Ask the gate before unwrapping the key, so a refused offer decrypts nothing;
            # add_evidence asks it again and is what actually refuses (and audits).
            if tx.recording_refusal(item) is None:
                sealed = vault.seal(self._dek(tx, case_id), case_id, item.item_id, content)
            else:
                sealed = vault.Sealed(nonce=b"", ciphertext=b"")
            tx.add_evidence(item, sealed)
            tx.add_custody(
                CustodyRecord(
                    item.item_id,
                    actor.username,
                    now,
                    "recorded",
                    description or "recorded under authorisation",
                )
            )
            return item

        return self._act(actor, "evidence.record", case_id, now, body, {"account": account})

    def read_item(self, actor: Actor, item_id: str, reason: str, now: datetime) -> bytes:
        if not reason.strip():
            raise InputError("Say why you open this item (--reason); it goes into custody.")

        def body(tx: CaseTransaction) -> bytes:
            self.workflow.require(actor, "evidence.read")
            item = tx.get_item(item_id)
            sealed = tx.sealed(item_id)
            if sealed is None:
                raise ShreddedError(f"Item {item_id} was destroyed and cannot be read.")
            content = vault.open_sealed(self._dek(tx, item.case_id), item.case_id, item_id, sealed)
            tx.add_custody(CustodyRecord(item_id, actor.username, now, "accessed", reason))
            return content

        return self._act(actor, "evidence.read", item_id, now, body, {"reason": reason})

    def mark(
        self, actor: Actor, item_id: str, is_evidence: bool, reason: str, now: datetime
    ) -> None:
        def body(tx: CaseTransaction) -> None:
            self.workflow.require(actor, "evidence.mark")
            item = tx.get_item(item_id)
            case = tx.get_case(item.case_id)
            if case.state is not CaseState.EVALUATION:
                raise WorkflowError(f"Items are marked during evaluation; case is {case.state}.")
            tx.mark_evidence(item_id, is_evidence)
            tx.add_custody(
                CustodyRecord(
                    item_id,
                    actor.username,
                    now,
                    "marked evidence" if is_evidence else "marked not evidence",
                    reason,
                )
            )

        self._act(actor, "evidence.mark", item_id, now, body, {"evidence": is_evidence})

    def rewrap_case_keys(self, actor: Actor, ring: vault.MasterKeyring, now: datetime) -> int:
        """Master-key rotation: rewrap every case key under `ring`'s current key.

        The caller saves `ring` (old keys included) before this runs, so a crash in between
        leaves every case key openable; the old key is retired only after this returns.
        """

        def body(tx: CaseTransaction) -> int:
            self.workflow.require(actor, "keys.rotate")
            keys = tx.all_case_keys()
            for case_id, wrapped in keys:
                tx.put_case_key(case_id, vault.rewrap(ring, case_id, wrapped))
            return len(keys)

        count = self._act(actor, "keys.rotate", ring.current, now, body)
        self.keyring = ring
        return count

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
            for case in tx.list_cases():
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
                    self._move(tx, case, self.workflow.check(case.state, follow, None), CLOCK, now)
                    moved.append((case.case_id, follow))
        if shredded:
            self.store.compact()
        return moved

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


def _check_window(starts: datetime, ends: datetime, now: datetime, max_days: int) -> None:
    if ends <= starts:
        raise InputError("The authorisation window must end after it starts.")
    if ends - starts > timedelta(days=max_days):
        raise InputError(
            f"The authorisation window is {(ends - starts).days} days; the maximum is {max_days}."
        )
    if ends <= now:
        raise InputError("The authorisation window has already ended.")
