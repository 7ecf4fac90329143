"""The case workflow under random use: a Hypothesis state machine drives CaseService on a
SQLite store with a controlled clock, and after every step checks, straight from the
database, the properties the legal workflow promises:

(a) every stored item's account is named in an approved, validly signed authorisation of
    its case whose window holds both the capture and the recording time;
(b) every approved authorisation, and every referral, had two different people (four eyes);
(c) nothing of a case closed without evidence, and nothing but the evidence of a referred
    case, keeps ciphertext; the service says such items were destroyed; a closed case's key
    is gone;
(d) the audit log verifies against its signed heads and the witness file.

Users act at random, authorised or not: refusals are expected and must be VigilError
subclasses. The figure reported is "runs x steps, violations 0".
"""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    multiple,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import select

from cases_support import (
    T0,
    USERS,
    Template,
    authorisation_rows,
    log_of,
    placeholder,
    reading,
    report,
)
from vigil.cases import Actor, CaseService, CaseState, Role, Workflow, verify_log
from vigil.core import ShreddedError, VigilError
from vigil.store import audit_db
from vigil.store.case_store import SqlCaseStore
from vigil.store.case_tables import (
    case_keys,
    cases,
    evidence_blobs,
    evidence_items,
    users,
)

T = TypeVar("T")
WORKFLOW = Workflow.default()
ACTIONS = sorted(WORKFLOW.transitions)
NAMES = [name for name, _ in USERS]
ACCOUNT_POOL = ("acct:a", "acct:b", "acct:c", "acct:d")
UNKNOWN_ACCOUNT = "acct:not-in-case"
MAX_EXAMPLES = 40
MAX_CASES = 3
STEPS = 50

# (prefer a user whose role allows the act, index): half the picks are plausible users.
PICK = st.tuples(st.booleans(), st.integers(0, 99))
HOURS = st.one_of(
    st.integers(1, 72).map(lambda h: timedelta(hours=h)),
    st.integers(1, 12).map(lambda d: timedelta(days=d)),
    st.integers(13, 40).map(lambda d: timedelta(days=d)),
)


@dataclass
class Stats:
    runs: int = 0
    steps: int = 0
    violations: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    refusals: Counter[str] = field(default_factory=Counter)
    final_states: Counter[str] = field(default_factory=Counter)
    items_recorded: int = 0
    items_destroyed_checked: int = 0


STATS = Stats()
TEMPLATE: list[Template] = []
WORK: list[Path] = []


class CaseMachine(RuleBasedStateMachine):
    case_ids = Bundle("case_ids")
    item_ids = Bundle("item_ids")

    def __init__(self) -> None:
        super().__init__()
        template = TEMPLATE[0]
        STATS.runs += 1
        self.home = template.copy_to(WORK[0] / f"run-{STATS.runs}")
        self.service, self.store = self.home.open()
        self.actors: dict[str, Actor] = dict(template.actors)
        self.now = T0
        self.shred_checked: set[str] = set()
        self.opened = 0

    def teardown(self) -> None:
        with reading(self.store.engine) as conn:
            STATS.final_states.update(s for (s,) in conn.execute(select(cases.c.state)))
        self.store.engine.dispose()
        shutil.rmtree(self.home.root, ignore_errors=True)

    # --- helpers -------------------------------------------------------------------------------
    @property
    def svc(self) -> CaseService:
        return self.service

    @property
    def sql(self) -> SqlCaseStore:
        return self.store

    def user(self, pick: tuple[bool, int], roles: frozenset[Role] | None) -> Actor:
        prefer, index = pick
        allowed = [n for n in NAMES if roles and self.actors[n].roles & roles]
        pool = allowed if prefer and allowed else NAMES
        return self.actors[pool[index % len(pool)]]

    def call(self, op: str, fn: Callable[[], T]) -> T | None:
        """Run one act; a refusal must be a clean VigilError, anything else fails the test."""
        STATS.steps += 1
        try:
            result = fn()
        except VigilError as exc:
            STATS.refusals[type(exc).__name__] += 1
            STATS.outcomes[f"{op} refused"] += 1
            return None
        STATS.outcomes[f"{op} ok"] += 1
        return result

    def state_of(self, case_id: str) -> CaseState:
        with self.sql.transaction() as tx:
            return tx.get_case(case_id).state

    def accounts_of(self, case_id: str) -> tuple[str, ...]:
        with self.sql.transaction() as tx:
            return tx.get_case(case_id).accounts

    # --- rules ---------------------------------------------------------------------------------
    @initialize(
        target=case_ids,
        accounts=st.lists(st.sampled_from(ACCOUNT_POOL), min_size=1, max_size=3, unique=True),
    )
    def first_case(self, accounts: list[str]) -> Any:
        """Every run starts with one case, so no run is spent on the clock alone."""
        return self.open_case((True, 0), accounts)

    @precondition(lambda self: self.opened < MAX_CASES)
    @rule(
        target=case_ids,
        who=PICK,
        accounts=st.lists(st.sampled_from(ACCOUNT_POOL), min_size=1, max_size=3, unique=True),
    )
    def open_case(self, who: tuple[bool, int], accounts: list[str]) -> Any:
        actor = self.user(who, WORKFLOW.permissions["case.open"])
        case = self.call(
            "open",
            lambda: self.svc.open_case(actor, accounts, "metadata", "test flag", self.now),
        )
        if case is None:
            return multiple()
        self.opened += 1
        return case.case_id

    @rule(case_id=case_ids, who=PICK, action=PICK)
    def lifecycle(self, case_id: str, who: tuple[bool, int], action: tuple[bool, int]) -> None:
        prefer, index = action
        choices = WORKFLOW.actions_from(self.state_of(case_id)) if prefer else ACTIONS
        name = (choices or ACTIONS)[index % len(choices or ACTIONS)]
        actor = self.user(who, WORKFLOW.transitions[name].roles)
        self.call(name, lambda: self.svc.act(actor, case_id, name, self.now, reason="test"))

    @rule(
        case_id=case_ids,
        who=PICK,
        start=st.integers(-48, 24 * 20),
        length=st.one_of(st.integers(1, 24 * 40), st.integers(-24, 24 * 120)),
        mask=st.integers(0, 7),
        unknown=st.booleans(),
        authority=st.sampled_from(["Court X", "District Court Y", "  "]),
    )
    def enter_authorisation(
        self,
        case_id: str,
        who: tuple[bool, int],
        start: int,
        length: int,
        mask: int,
        unknown: bool,
        authority: str,
    ) -> None:
        actor = self.user(who, frozenset({Role.LEGAL_OFFICER}))
        known = self.accounts_of(case_id)
        accounts = [a for i, a in enumerate(known) if mask & (1 << i)] or [known[0]]
        if unknown:
            accounts.append(UNKNOWN_ACCOUNT)
        starts = self.now + timedelta(hours=start)
        self.call(
            "authorise",
            lambda: self.svc.enter_authorisation(
                actor,
                case_id,
                authority=authority,
                reference=f"REF-{start}-{length}",
                accounts=accounts,
                starts_at=starts,
                ends_at=starts + timedelta(hours=length),
                scope="video calls of the named accounts",
                now=self.now,
            ),
        )

    @rule(case_id=case_ids, who=PICK)
    def approve(self, case_id: str, who: tuple[bool, int]) -> None:
        actor = self.user(who, frozenset({Role.SUPERVISOR}))
        self.call("approve", lambda: self.svc.approve(actor, case_id, self.now))

    @rule(
        target=item_ids,
        case_id=case_ids,
        who=PICK,
        account=st.integers(0, 9),
        captured=st.one_of(st.integers(-6, 0), st.integers(-24 * 15, 24 * 15)),
        marker=st.integers(0, 2**32),
    )
    def record(
        self, case_id: str, who: tuple[bool, int], account: int, captured: int, marker: int
    ) -> Any:
        actor = self.user(who, WORKFLOW.permissions["evidence.record"])
        choices = [*self.accounts_of(case_id), UNKNOWN_ACCOUNT]
        item = self.call(
            "record",
            lambda: self.svc.record(
                actor,
                case_id,
                account=choices[account % len(choices)],
                captured_at=self.now + timedelta(hours=captured),
                media_type="video/mp4",
                content=placeholder(f"{marker:08x}"),
                description="segment",
                now=self.now,
            ),
        )
        if item is None:
            return multiple()
        STATS.items_recorded += 1
        return item.item_id

    @rule(step=HOURS)
    def advance(self, step: timedelta) -> None:
        STATS.steps += 1
        self.now += step

    @rule()
    def tick(self) -> None:
        self.call("tick", lambda: self.svc.tick(self.now))

    @rule(item_id=item_ids, who=PICK, evidence=st.booleans())
    def mark(self, item_id: str, who: tuple[bool, int], evidence: bool) -> None:
        actor = self.user(who, WORKFLOW.permissions["evidence.mark"])
        self.call("mark", lambda: self.svc.mark(actor, item_id, evidence, "reviewed", self.now))

    @rule(case_id=case_ids, who=PICK, country=st.sampled_from(["PH", "us", "X1", "GBR"]))
    def request_referral(self, case_id: str, who: tuple[bool, int], country: str) -> None:
        actor = self.user(who, WORKFLOW.transitions["refer"].roles)
        self.call(
            "refer request",
            lambda: self.svc.request_referral(actor, case_id, country, self.now),
        )

    @rule(case_id=case_ids, who=PICK)
    def close(self, case_id: str, who: tuple[bool, int]) -> None:
        actor = self.user(who, WORKFLOW.transitions["close"].roles)
        self.call("close", lambda: self.svc.act(actor, case_id, "close", self.now, "no offence"))

    # The random rules above rarely walk a case all the way through; these take a plausible
    # next step (still by a randomly chosen user of a fitting role, with random details), so
    # runs reach recording, evaluation, referral and shredding. Three names weight them up.
    @rule(target=item_ids, case_id=case_ids, choice=st.integers(0, 999), burst=st.integers(1, 5))
    def progress(self, case_id: str, choice: int, burst: int) -> Any:
        return self._progress(case_id, choice, burst)

    @rule(target=item_ids, case_id=case_ids, choice=st.integers(0, 999), burst=st.integers(1, 5))
    def progress_more(self, case_id: str, choice: int, burst: int) -> Any:
        return self._progress(case_id, choice, burst)

    @rule(target=item_ids, case_id=case_ids, choice=st.integers(0, 999), burst=st.integers(1, 5))
    def progress_again(self, case_id: str, choice: int, burst: int) -> Any:
        return self._progress(case_id, choice, burst)

    def _progress(self, case_id: str, choice: int, burst: int) -> Any:
        new: list[str] = []
        for round_ in range(burst):
            item_id = self._progress_once(case_id, (choice + 337 * round_) % 1000)
            if item_id is not None:
                new.append(item_id)
        return multiple(*new)

    def _progress_once(self, case_id: str, choice: int) -> str | None:
        with self.sql.transaction() as tx:
            case = tx.get_case(case_id)
            pending = tx.get_pending(case_id)
            approved = [a for a in tx.authorisations(case_id) if a.approved_by]
            items = [i for i in tx.evidence(case_id) if not i.purged]
        pick = (True, choice)
        state = case.state
        now = self.now
        if state in (CaseState.FLAGGED, CaseState.UNDER_REVIEW):
            action = "review" if state is CaseState.FLAGGED else "request_authorisation"
            actor = self.user(pick, WORKFLOW.transitions[action].roles)
            self.call(action, lambda: self.svc.act(actor, case_id, action, now))
        elif state is CaseState.AUTHORISATION_REQUESTED and pending is None:
            starts = now + timedelta(hours=12 * (choice % 3))
            accounts = [a for i, a in enumerate(case.accounts) if (choice >> i) & 1]
            self.call(
                "authorise",
                lambda: self.svc.enter_authorisation(
                    self.actors["leo"],
                    case_id,
                    authority="Court X",
                    reference=f"REF-{choice}",
                    accounts=accounts or [case.accounts[0]],
                    starts_at=starts,
                    ends_at=starts + timedelta(days=1 + choice % 6),
                    scope="video calls of the named accounts",
                    now=now,
                ),
            )
        elif pending is not None:
            actor = self.user(pick, frozenset({Role.SUPERVISOR}))
            self.call("approve", lambda: self.svc.approve(actor, case_id, now))
        elif state is CaseState.AUTHORISED:
            self.now = max(now, min(a.starts_at for a in approved)) + timedelta(minutes=1)
            self.call("tick", lambda: self.svc.tick(self.now))
        elif state is CaseState.IDENTIFICATION and choice < 700:
            covered = sorted({acc for a in approved for acc in a.accounts})
            self.now = now + timedelta(hours=choice % 23)
            item = self.call(
                "record",
                lambda: self.svc.record(
                    self.actors["ivy"],
                    case_id,
                    account=covered[choice % len(covered)],
                    captured_at=self.now - timedelta(minutes=choice % 90),
                    media_type="video/mp4",
                    content=placeholder(f"p{choice:04d}"),
                    description="segment",
                    now=self.now,
                ),
            )
            if item is not None:
                STATS.items_recorded += 1
                return item.item_id
        elif state is CaseState.IDENTIFICATION:
            actor = self.user(pick, WORKFLOW.transitions["end_identification"].roles)
            self.call(
                "end_identification",
                lambda: self.svc.act(actor, case_id, "end_identification", now),
            )
        elif state is CaseState.EVALUATION:
            marked = [i for i in items if i.is_evidence]
            if items and (choice < 300 or (not marked and choice < 800)):
                item = items[choice % len(items)]
                self.call(
                    "mark",
                    lambda: self.svc.mark(
                        self.actors["ivy"], item.item_id, choice % 4 != 0, "reviewed", now
                    ),
                )
            elif choice < 900:
                self.call(
                    "refer request",
                    lambda: self.svc.request_referral(self.actors["ivy"], case_id, "PH", now),
                )
            else:
                actor = self.user(pick, WORKFLOW.transitions["close"].roles)
                self.call("close", lambda: self.svc.act(actor, case_id, "close", now))
        return None

    # --- the invariants, read from the database ----------------------------------------------
    @invariant()
    def workflow_promises_hold(self) -> None:
        try:
            self._check_destroyed_through_service()
            self._check_database()
        except AssertionError:
            STATS.violations += 1
            raise

    def _check_destroyed_through_service(self) -> None:
        """(c) through the service: an item whose ciphertext is gone reads as shredded."""
        with reading(self.sql.engine) as conn:
            purged = [
                i
                for (i,) in conn.execute(
                    select(evidence_items.c.item_id).where(evidence_items.c.purged)
                )
                if i not in self.shred_checked
            ]
        reader = self.actors["sam"]
        for item_id in purged:
            with pytest.raises(ShreddedError):
                self.svc.read_item(reader, item_id, "check it was destroyed", self.now)
            self.shred_checked.add(item_id)
            STATS.items_destroyed_checked += 1

    def _check_database(self) -> None:
        verifier = self.home.signer.verifier
        with reading(self.sql.engine) as conn:
            states = {r.case_id: CaseState(r.state) for r in conn.execute(select(cases))}
            roles = {r.username: set(r.roles.split(",")) for r in conn.execute(select(users))}
            auths = authorisation_rows(conn)
            items = conn.execute(select(evidence_items)).all()
            blobs = {r.item_id for r in conn.execute(select(evidence_blobs.c.item_id))}
            keys = {r.case_id for r in conn.execute(select(case_keys.c.case_id))}
            log, heads = log_of(conn)
        entries = [(e.event.actor, e.event.action, e.event.target, e.event.outcome) for e in log]

        valid = [
            a
            for a in auths
            if a.approved_by is not None
            and a.signature is not None
            and verifier.valid(a.signed_fields(), a.signature)
        ]
        # (a) the recording gate held for everything stored.
        for item in items:
            assert any(
                a.case_id == item.case_id
                and item.account in a.accounts
                and a.starts_at <= item.captured_at < a.ends_at
                and a.starts_at <= item.recorded_at < a.ends_at
                for a in valid
            ), f"item {item.item_id} is stored without a covering authorisation"
        # (b) four eyes: approved authorisations ...
        for a in auths:
            if a.approved_by is None:
                assert a.signature is None, f"{a.auth_id} is signed but not approved"
                continue
            assert a in valid, f"approved authorisation {a.auth_id} has no valid signature"
            assert a.approved_by != a.entered_by, f"{a.auth_id} approved by its own author"
            assert Role.SUPERVISOR.value in roles[a.approved_by], f"{a.auth_id}: not a supervisor"
        # ... and referrals, from the audit log.
        for case_id, state in states.items():
            if state is CaseState.REFERRED:
                requester, approver = _referral_actors(entries, case_id)
                assert requester is not None and approver is not None, f"{case_id}: no referral"
                assert requester != approver, f"{case_id} referred by one person alone"
        for case_id, state in states.items():
            # A referral always carries at least one readable evidence item.
            assert state is not CaseState.REFERRED or any(
                i.case_id == case_id and i.is_evidence and i.item_id in blobs for i in items
            ), f"{case_id} referred with no evidence left"
        # (c) destruction.
        for item in items:
            state = states[item.case_id]
            destroyed = state is CaseState.CLOSED_NO_EVIDENCE or (
                state is CaseState.REFERRED and not item.is_evidence
            )
            if destroyed:
                assert item.purged, f"{item.item_id} of a {state} case is not purged"
            stored = item.item_id in blobs
            assert stored == (not item.purged), f"{item.item_id}: purged but stored, or lost"

        for case_id, state in states.items():
            if state is CaseState.CLOSED_NO_EVIDENCE:
                assert case_id not in keys, f"closed case {case_id} still has its key"
        # (d) the audit log, with the witness outside the database.
        witness = audit_db.read_witness(self.home.witness)
        verdict = verify_log(log, heads, verifier, witness=witness)
        assert verdict.ok, f"audit log does not verify: {verdict.reason}"


def _referral_actors(
    entries: list[tuple[str, str, str, str]], case_id: str
) -> tuple[str | None, str | None]:
    """Who asked for the case's referral (last request before it took effect) and who
    approved it (the actor of the move itself)."""
    requester: str | None = None
    for actor, action, target, outcome in entries:
        if target != case_id or outcome != "ok":
            continue
        if action == "case.refer.request":
            requester = actor
        elif action == "case.refer":
            return requester, actor
    return requester, None


@pytest.mark.slow
def test_case_workflow_state_machine(tmp_path: Path) -> None:
    TEMPLATE.append(Template())
    WORK.append(tmp_path)
    try:
        run_state_machine_as_test(
            CaseMachine,
            settings=settings(
                max_examples=MAX_EXAMPLES,
                stateful_step_count=STEPS,
                deadline=None,
                derandomize=False,
                database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
            ),
        )
    finally:
        TEMPLATE.pop().remove()
        WORK.pop()
    report(
        "cases_statemachine",
        {
            "runs": STATS.runs,
            "steps": STATS.steps,
            "violations": STATS.violations,
            "items_recorded": STATS.items_recorded,
            "destroyed_items_read_as_shredded": STATS.items_destroyed_checked,
            "final_states": dict(STATS.final_states),
            "refusals": dict(STATS.refusals),
            "outcomes": dict(sorted(STATS.outcomes.items())),
        },
        f"{STATS.runs} runs x {STATS.steps} steps in all, violations {STATS.violations}; "
        f"{STATS.items_recorded} items recorded, final states {dict(STATS.final_states)}",
    )
    assert STATS.violations == 0
    assert STATS.runs >= MAX_EXAMPLES


def test_referral_keeps_evidence_marked_after_its_request(tmp_path: Path) -> None:
    """Unmarking the only evidence after the referral was requested must not end in a
    referred case with nothing referred (every item purged)."""
    template = Template()
    try:
        home = template.copy_to(tmp_path / "home")
        service, store = home.open()
        ana, sam, leo, ivy = (template.actors[n] for n in ("ana", "sam", "leo", "ivy"))
        case_id = service.open_case(ana, ["acct:a"], "metadata", "test flag", T0).case_id
        service.act(ana, case_id, "review", T0)
        service.act(ana, case_id, "request_authorisation", T0)
        service.enter_authorisation(
            leo, case_id, authority="Court X", reference="REF-1", accounts=["acct:a"],
            starts_at=T0, ends_at=T0 + timedelta(days=3), scope="video calls", now=T0,
        )  # fmt: skip
        service.approve(sam, case_id, T0)
        t1 = T0 + timedelta(hours=1)
        item = service.record(
            ivy, case_id, account="acct:a", captured_at=t1, media_type="video/mp4",
            content=placeholder("only-item"), description="segment", now=t1,
        )  # fmt: skip
        service.act(ivy, case_id, "end_identification", t1)
        service.mark(ivy, item.item_id, True, "shows the offence", t1)
        service.request_referral(ivy, case_id, "PH", t1)
        try:
            service.mark(ivy, item.item_id, False, "changed my mind", t1)
            service.approve(sam, case_id, t1)
        except VigilError:
            return  # refused: the referral cannot lose its evidence
        with store.transaction() as tx:
            kept = [i for i in tx.evidence(case_id) if i.is_evidence and not i.purged]
        store.engine.dispose()
        assert kept, "the case was referred with every item destroyed"
    finally:
        template.remove()
