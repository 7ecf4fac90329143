"""The workflow's rules as users rely on them: roles, four eyes, the recording gate, the clock,
crypto-shredding and the audit of every act, refusals included."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from vigil.cases import Actor, CaseService, CaseState, Role, verify_log
from vigil.core import (
    AuthError,
    InputError,
    PermissionDeniedError,
    RecordingRefusedError,
    ShreddedError,
    WorkflowError,
    load_settings,
)
from vigil.store.case_open import open_service
from vigil.store.case_store import SqlCaseStore

T0 = datetime(2026, 11, 1, 9, tzinfo=UTC)
DAY = timedelta(days=1)


def password(name: str) -> str:
    return f"{name}-password-123"


class World:
    def __init__(self, home: Path) -> None:
        self.service, self.store = open_service(load_settings(home=home))
        svc = self.service
        svc.add_user(None, "root", password("root"), frozenset({Role.ADMIN}), T0)
        admin = self.login("root")
        for name, role in [
            ("ana", Role.ANALYST),
            ("sue", Role.SUPERVISOR),
            ("sam", Role.SUPERVISOR),
            ("leo", Role.LEGAL_OFFICER),
            ("ivy", Role.INVESTIGATOR),
            ("aud", Role.AUDITOR),
        ]:
            svc.add_user(admin, name, password(name), frozenset({role}), T0)
        self.ana, self.sue, self.sam = self.login("ana"), self.login("sue"), self.login("sam")
        self.leo, self.ivy, self.aud = self.login("leo"), self.login("ivy"), self.login("aud")

    def login(self, name: str) -> Actor:
        return self.service.actor_for(self.service.login(name, password(name), T0), T0)

    def authorised_case(self, start: datetime = T0 + DAY, days: int = 10) -> str:
        svc = self.service
        case = svc.open_case(self.ana, ["acct:a", "acct:b"], "metadata", "source flag", T0)
        svc.act(self.ana, case.case_id, "review", T0)
        svc.act(self.ana, case.case_id, "request_authorisation", T0)
        svc.enter_authorisation(
            self.leo,
            case.case_id,
            authority="District Court",
            reference="WARRANT-1",
            accounts=["acct:a"],
            starts_at=start,
            ends_at=start + days * DAY,
            scope="video calls of the named account",
            now=T0,
        )
        svc.approve(self.sue, case.case_id, T0)
        return case.case_id

    def record(self, case_id: str, account: str, at: datetime, content: bytes) -> str:
        item = self.service.record(
            self.ivy,
            case_id,
            account=account,
            captured_at=at,
            media_type="video/mp4",
            content=content,
            description="recorded call segment",
            now=at,
        )
        return item.item_id

    def audit(self) -> list[tuple[str, str, str]]:
        with self.store.transaction() as tx:
            return [(e.event.actor, e.event.action, e.event.outcome) for e in tx.audit_entries()]

    def state(self, case_id: str, now: datetime = T0) -> CaseState:
        return self.service.view(self.sue, case_id, now)[0].state


@pytest.fixture()
def world(tmp_path: Path) -> World:
    return World(tmp_path)


def test_roles_are_checked_in_the_domain(world: World) -> None:
    with pytest.raises(PermissionDeniedError, match=r"case\.open"):
        world.service.open_case(world.ivy, ["acct:x"], "metadata", "x", T0)
    case = world.service.open_case(world.ana, ["acct:x"], "metadata", "x", T0)
    with pytest.raises(PermissionDeniedError, match="review"):
        world.service.act(world.leo, case.case_id, "review", T0)
    with pytest.raises(WorkflowError, match="cannot request authorisation"):
        world.service.act(world.ana, case.case_id, "request_authorisation", T0)
    assert ("ivy", "case.open", "refused") in world.audit()
    assert ("leo", "case.review.request", "refused") in world.audit()


def test_four_eyes_refuses_the_requester_and_the_wrong_role(world: World) -> None:
    svc = world.service
    case = svc.open_case(world.ana, ["acct:a"], "content", "flag", T0)
    svc.act(world.ana, case.case_id, "review", T0)
    svc.act(world.ana, case.case_id, "request_authorisation", T0)
    svc.enter_authorisation(
        world.leo,
        case.case_id,
        authority="Court",
        reference="R-9",
        accounts=["acct:a"],
        starts_at=T0,
        ends_at=T0 + 5 * DAY,
        scope="calls",
        now=T0,
    )
    with pytest.raises(PermissionDeniedError, match="cannot also approve"):
        svc.approve(world.leo, case.case_id, T0)
    with pytest.raises(PermissionDeniedError, match="supervisor"):
        svc.approve(world.ivy, case.case_id, T0)
    assert world.state(case.case_id) is CaseState.AUTHORISATION_REQUESTED
    svc.approve(world.sue, case.case_id, T0)
    # The window already started, so the clock moved the case on at once.
    assert world.state(case.case_id) is CaseState.IDENTIFICATION
    auth = svc.detail(world.sue, case.case_id, T0)["authorisations"][0]
    assert auth.entered_by == "leo" and auth.approved_by == "sue" and auth.signature
    assert svc.signer.verifier.valid(auth.signed_fields(), auth.signature)


@pytest.mark.parametrize(
    ("days", "message"),
    [(93, "maximum is 92"), (-1, "end after it starts")],
)
def test_authorisation_window_is_bounded(world: World, days: int, message: str) -> None:
    svc = world.service
    case = svc.open_case(world.ana, ["acct:a"], "content", "flag", T0)
    svc.act(world.ana, case.case_id, "review", T0)
    svc.act(world.ana, case.case_id, "request_authorisation", T0)
    with pytest.raises(InputError, match=message):
        svc.enter_authorisation(
            world.leo,
            case.case_id,
            authority="Court",
            reference="R",
            accounts=["acct:a"],
            starts_at=T0,
            ends_at=T0 + days * DAY,
            scope="calls",
            now=T0,
        )
    with pytest.raises(InputError, match="not in case"):
        svc.enter_authorisation(
            world.leo,
            case.case_id,
            authority="Court",
            reference="R",
            accounts=["acct:z"],
            starts_at=T0,
            ends_at=T0 + DAY,
            scope="calls",
            now=T0,
        )


def test_recording_gate_refuses_outside_the_authorisation(world: World) -> None:
    case_id = world.authorised_case()
    inside = T0 + 2 * DAY
    refusals: list[Callable[[], object]] = [
        # Before the window opens.
        lambda: world.record(case_id, "acct:a", T0 + timedelta(hours=1), b"placeholder 1"),
        # An account of the case the authorisation does not name.
        lambda: world.record(case_id, "acct:b", inside, b"placeholder 2"),
        # After the window closed (the clock has moved the case to evaluation).
        lambda: world.record(case_id, "acct:a", T0 + 12 * DAY, b"placeholder 3"),
    ]
    for attempt in refusals[:2]:
        with pytest.raises(RecordingRefusedError):
            attempt()
    item = world.record(case_id, "acct:a", inside, b"placeholder recording")
    with pytest.raises(RecordingRefusedError):
        refusals[2]()
    refused = [e for e in world.audit() if e[1] == "evidence.record" and e[2] == "refused"]
    assert len(refused) == 3
    detail = world.service.detail(world.ivy, case_id, T0 + 12 * DAY)
    assert [i.item_id for i in detail["evidence"]] == [item]


def test_store_itself_refuses_unauthorised_content(world: World) -> None:
    """The gate holds even for a caller that bypasses the service."""
    from vigil.cases import EvidenceItem, Sealed

    case = world.service.open_case(world.ana, ["acct:a"], "metadata", "flag", T0)
    item = EvidenceItem(
        item_id="item-x",
        case_id=case.case_id,
        account="acct:a",
        captured_at=T0,
        media_type="video/mp4",
        sha256="0" * 64,
        size=1,
        recorded_by="ivy",
        recorded_at=T0,
    )
    refused = pytest.raises(RecordingRefusedError, match="not in an authorised recording window")
    with refused, world.store.transaction() as tx:
        tx.add_evidence(item, Sealed(nonce=b"n" * 12, ciphertext=b"c"))
    assert world.audit()[-1] == ("ivy", "evidence.record", "refused")


def test_forged_authorisation_row_does_not_open_the_gate(world: World) -> None:
    case_id = world.authorised_case(start=T0)
    with world.store.transaction() as tx:
        auth = tx.authorisations(case_id)[0]
    from dataclasses import replace

    forged = replace(auth, auth_id="auth-forged", accounts=("acct:b",))
    with world.store.transaction() as tx:
        tx.add_authorisation(forged)  # carries the old signature over other fields
    with pytest.raises(RecordingRefusedError):
        world.record(case_id, "acct:b", T0 + DAY, b"placeholder")


def test_expiry_moves_cases_on_and_shreds_unreferred_content(world: World) -> None:
    svc = world.service
    case_id = world.authorised_case()
    assert svc.tick(T0 + DAY) == [(case_id, "begin_identification")]
    item = world.record(case_id, "acct:a", T0 + 2 * DAY, b"placeholder recording")
    assert svc.tick(T0 + 11 * DAY) == [(case_id, "expire_window")]
    assert world.state(case_id, T0 + 11 * DAY) is CaseState.EVALUATION
    assert svc.read_item(world.ivy, item, "evaluation", T0 + 11 * DAY) == b"placeholder recording"
    later = T0 + 42 * DAY
    assert svc.tick(later) == [(case_id, "expire_evaluation")]
    assert world.state(case_id, later) is CaseState.CLOSED_NO_EVIDENCE
    with pytest.raises(ShreddedError):
        svc.read_item(world.ivy, item, "after shred", later)
    certificate = svc.detail(world.aud, case_id, later)["certificates"][0]
    assert certificate["reason"] == "expire_evaluation"
    assert certificate["key_fingerprint"]
    assert "does not prove" in certificate["statement"]


def test_referral_needs_a_second_person_and_destroys_the_rest(world: World) -> None:
    svc = world.service
    case_id = world.authorised_case(start=T0)
    keep = world.record(case_id, "acct:a", T0 + DAY, b"placeholder evidence")
    drop = world.record(case_id, "acct:a", T0 + DAY, b"placeholder unrelated")
    t = T0 + 11 * DAY
    with pytest.raises(WorkflowError, match="no item marked"):
        svc.request_referral(world.ivy, case_id, "PH", t)
    svc.mark(world.ivy, keep, True, "shows the offence", t)
    svc.request_referral(world.ivy, case_id, "PH", t)
    with pytest.raises(PermissionDeniedError):
        svc.approve(world.ivy, case_id, t)
    svc.approve(world.sam, case_id, t)
    assert world.state(case_id, t) is CaseState.REFERRED
    assert svc.read_item(world.ivy, keep, "referral", t) == b"placeholder evidence"
    with pytest.raises(ShreddedError):
        svc.read_item(world.ivy, drop, "referral", t)
    custody = {r.action for r in _custody(world.store, [keep, drop])}
    assert {"recorded", "accessed", "marked evidence", "destroyed"} <= custody


def _custody(store: SqlCaseStore, items: list[str]) -> list[object]:
    with store.transaction() as tx:
        return list(tx.custody(items))


def test_logins_are_audited_and_sessions_expire(world: World) -> None:
    svc = world.service
    with pytest.raises(AuthError, match="Login failed"):
        svc.login("ana", "wrong password!", T0)
    assert ("ana", "login", "refused") in world.audit()
    token = svc.login("ana", password("ana"), T0)
    with pytest.raises(AuthError, match="expired"):
        svc.actor_for(token, T0 + timedelta(hours=9))
    with pytest.raises(AuthError):
        svc.add_user(None, "mallory", "long enough password", frozenset({Role.ADMIN}), T0)


def test_every_act_lands_in_a_verifiable_log(world: World) -> None:
    world.authorised_case()
    with world.store.transaction() as tx:
        entries, heads = list(tx.audit_entries()), tx.tree_heads()
    report = verify_log(entries, heads, world.service.signer.verifier, world.store.witness_head())
    assert report.ok and report.entries == len(heads) > 10


def test_service_type_is_the_store_port() -> None:
    assert CaseService.__dataclass_fields__["store"].type == "CaseStore"


def test_master_key_rotation_keeps_content_readable(world: World) -> None:
    svc = world.service
    case_id = world.authorised_case(start=T0)
    item = world.record(case_id, "acct:a", T0 + DAY, b"placeholder recording")
    old = svc.keyring
    with pytest.raises(PermissionDeniedError):
        svc.rewrap_case_keys(world.ivy, old.rotate(), T0 + DAY)
    admin = world.login("root")
    assert svc.rewrap_case_keys(admin, old.rotate(), T0 + DAY) == 1
    svc.keyring = svc.keyring.retire(old.current)
    assert svc.read_item(world.ivy, item, "after rotation", T0 + DAY) == b"placeholder recording"


def test_database_refuses_edits_to_the_audit_log(world: World) -> None:
    import sqlalchemy as sa

    with world.store.engine.connect() as conn:
        for statement in ("UPDATE audit_entries SET body = 'x'", "DELETE FROM tree_heads"):
            with pytest.raises(sa.exc.DatabaseError, match="append-only"):
                conn.execute(sa.text(statement))


def test_an_unapproved_authorisation_lapses_when_its_window_ends(world: World) -> None:
    svc = world.service
    case = svc.open_case(world.ana, ["acct:a"], "content", "flag", T0)
    svc.act(world.ana, case.case_id, "review", T0)
    svc.act(world.ana, case.case_id, "request_authorisation", T0)
    svc.enter_authorisation(
        world.leo, case.case_id, authority="Court", reference="R-1", accounts=["acct:a"],
        starts_at=T0, ends_at=T0 + DAY, scope="calls", now=T0,
    )  # fmt: skip
    later = T0 + 2 * DAY
    assert (case.case_id, "authorisation_lapsed") in svc.tick(later)
    # Not stuck: a new authorisation can be entered and approved.
    svc.enter_authorisation(
        world.leo, case.case_id, authority="Court", reference="R-2", accounts=["acct:a"],
        starts_at=later, ends_at=later + DAY, scope="calls", now=later,
    )  # fmt: skip
    assert svc.approve(world.sue, case.case_id, later).state is CaseState.IDENTIFICATION


@pytest.mark.parametrize("code", ["ß", "ÄÖ", "P1", "PHL"])
def test_referral_country_must_be_two_ascii_letters(world: World, code: str) -> None:
    with pytest.raises(InputError, match="two-letter"):
        world.service.request_referral(world.ivy, "case-x", code, T0)
