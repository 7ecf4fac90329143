"""Tampering: every mutation, reordering and truncation of the audit log is detected.

A 30-entry log with a signed tree head after every append (as the store writes it) is
attacked exhaustively; each attack must be reported with the seq of the first entry it
damaged. The intact log must verify, so every check can fail both ways.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from vigil.cases import merkle
from vigil.cases.audit_log import (
    LogEntry,
    TreeHead,
    VerifyReport,
    check_consistency,
    prove_inclusion,
    sign_head,
    verify_log,
)
from vigil.cases.model import AuditEvent
from vigil.core import IntegrityError
from vigil.core.signing import Signer

N = 30
T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
SIGNER = Signer.generate()
OTHER = Signer.generate()
VERIFIER = SIGNER.verifier
ACTIONS = ("case.open", "case.review", "auth.record", "evidence.record", "audit.verify")

# One attack: (name, entries, heads, witness, expected first_tampered).
Case = tuple[str, list[LogEntry], list[TreeHead], TreeHead | None, int | None]


def make_heads(entries: list[LogEntry], signer: Signer = SIGNER) -> list[TreeHead]:
    acc = merkle.MerkleAccumulator()
    heads = []
    for entry in entries:
        acc.append(entry.leaf_hash())
        heads.append(sign_head(signer, acc.size, acc.root(), entry.event.at))
    return heads


def renumber(entries: list[LogEntry]) -> list[LogEntry]:
    return [LogEntry(i, e.event) for i, e in enumerate(entries)]


def event(i: int) -> AuditEvent:
    return AuditEvent(
        at=T0 + timedelta(minutes=i),
        actor=("ana", "ben", "cruz")[i % 3],
        action=ACTIONS[i % len(ACTIONS)],
        target=f"case-{i // 5:03d}",
        outcome="ok" if i % 4 else "refused",
        details={"n": i, "reason": f"step {i}"},
    )


ENTRIES = [LogEntry(i, event(i)) for i in range(N)]
HEADS = make_heads(ENTRIES)
WITNESS = HEADS[-1]

FIELD_MUTATIONS: dict[str, Callable[[AuditEvent], AuditEvent]] = {
    "actor": lambda ev: replace(ev, actor=ev.actor + "x"),
    "action": lambda ev: replace(ev, action="case.dismiss"),
    "target": lambda ev: replace(ev, target="case-999"),
    "outcome": lambda ev: replace(ev, outcome="ok" if ev.outcome != "ok" else "refused"),
    "details": lambda ev: replace(ev, details={**ev.details, "n": str(ev.details["n"])}),
    "at": lambda ev: replace(ev, at=ev.at + timedelta(seconds=1)),
}


def verify(
    entries: list[LogEntry], heads: list[TreeHead], witness: TreeHead | None = None
) -> VerifyReport:
    return verify_log(entries, heads, VERIFIER, witness)


def undetected(cases: list[Case]) -> list[str]:
    """Names of the attacks not reported, or reported at the wrong entry."""
    missed = []
    for name, entries, heads, witness, first in cases:
        report = verify(entries, heads, witness)
        if report.ok or report.first_tampered != first or not report.reason:
            missed.append(f"{name}: {report}")
    return missed


def assert_all_detected(cases: list[Case], expected_total: int) -> None:
    missed = undetected(cases)
    detected = len(cases) - len(missed)
    assert (detected, len(cases)) == (expected_total, expected_total), missed[:5]


def test_untouched_log_verifies() -> None:
    report = verify(ENTRIES, HEADS, WITNESS)
    assert report == VerifyReport(entries=N, heads_checked=N, first_tampered=None, reason=None)
    assert report.ok
    assert verify([], [], None).ok
    # A witness written before later appends is stale, not a sign of tampering.
    assert all(verify(ENTRIES, HEADS, head).ok for head in HEADS)


def test_every_field_mutation_of_every_entry_is_detected() -> None:
    cases: list[Case] = []
    for i in range(N):
        for field, mutate in FIELD_MUTATIONS.items():
            entries = list(ENTRIES)
            entries[i] = LogEntry(i, mutate(ENTRIES[i].event))
            cases.append((f"{field} of {i}", entries, HEADS, WITNESS, i))
        entries = list(ENTRIES)
        entries[i] = LogEntry(i + 1, ENTRIES[i].event)
        cases.append((f"seq of {i}", entries, HEADS, WITNESS, i))
    assert_all_detected(cases, N * 7)  # mutations detected 210/210


def test_every_adjacent_swap_is_detected() -> None:
    cases: list[Case] = []
    for i in range(N - 1):
        rows = list(ENTRIES)
        rows[i], rows[i + 1] = rows[i + 1], rows[i]
        cases.append((f"rows {i}<->{i + 1}", rows, HEADS, WITNESS, i))
        # The attacker keeps the seq column in order and swaps the contents.
        cases.append((f"events {i}<->{i + 1}", renumber(rows), HEADS, WITNESS, i))
    assert_all_detected(cases, 2 * (N - 1))  # swaps detected 58/58


def test_every_deletion_and_insertion_is_detected() -> None:
    cases: list[Case] = []
    forged = LogEntry(0, replace(ENTRIES[0].event, action="evidence.purge", actor="mallory"))
    for i in range(N):
        rest = ENTRIES[:i] + ENTRIES[i + 1 :]
        cases.append((f"delete {i}", rest, HEADS, WITNESS, i))
        cases.append((f"delete {i}, renumber", renumber(rest), HEADS, WITNESS, i))
        duplicated = ENTRIES[: i + 1] + ENTRIES[i:]
        cases.append((f"duplicate {i}", duplicated, HEADS, WITNESS, i + 1))
    for i in range(N + 1):
        inserted = renumber([*ENTRIES[:i], forged, *ENTRIES[i:]])
        cases.append((f"insert at {i}", inserted, HEADS, WITNESS, i))
    assert_all_detected(cases, 4 * N + 1)  # deletions and insertions detected 121/121


def test_every_truncation_is_detected() -> None:
    cases: list[Case] = []
    for k in range(N):
        cases.append((f"entries cut to {k}", ENTRIES[:k], HEADS, None, k))
        cases.append((f"entries and heads cut to {k}", ENTRIES[:k], HEADS[:k], WITNESS, k))
    assert_all_detected(cases, 2 * N)  # truncations detected 60/60
    # Without the witness, cutting entries and heads together leaves a valid shorter log:
    # this is why the store keeps the latest head outside the database.
    assert all(verify(ENTRIES[:k], HEADS[:k]).ok for k in range(N))


def test_every_forged_or_foreign_head_is_detected() -> None:
    cases: list[Case] = []
    other_root = merkle.leaf_hash(b"another history")
    for j, head in enumerate(HEADS):
        seq = head.size - 1

        def with_head(new: TreeHead | None, j: int = j) -> list[TreeHead]:
            return [h for h in [*HEADS[:j], new, *HEADS[j + 1 :]] if h is not None]

        resigned = sign_head(OTHER, head.size, bytes.fromhex(head.root), head.at)
        impostor = replace(resigned, key=head.key)
        lying = sign_head(SIGNER, head.size, other_root, head.at)
        cases += [
            (f"head {head.size} by another key", ENTRIES, with_head(resigned), WITNESS, seq),
            (f"head {head.size} claims our key", ENTRIES, with_head(impostor), WITNESS, seq),
            (
                f"head {head.size} root edited",
                ENTRIES,
                with_head(replace(head, root=other_root.hex())),
                WITNESS,
                seq,
            ),
            (
                f"head {head.size} time edited",
                ENTRIES,
                with_head(replace(head, at=head.at + timedelta(hours=1))),
                WITNESS,
                seq,
            ),
            (
                f"head {head.size} size edited",
                ENTRIES,
                with_head(replace(head, size=head.size + 1)),
                WITNESS,
                seq,
            ),
            (f"head {head.size} deleted", ENTRIES, with_head(None), WITNESS, seq),
            (f"head {head.size} signs a wrong root", ENTRIES, with_head(lying), WITNESS, seq),
            (f"head {head.size} equivocates", ENTRIES, [*HEADS, lying], WITNESS, seq),
        ]
    assert_all_detected(cases, 8 * N)  # head forgeries detected 240/240


def test_rewrite_by_the_signing_key_holder_is_caught_by_the_witness() -> None:
    caught = 0
    for i in range(N):
        entries = list(ENTRIES)
        entries[i] = LogEntry(i, FIELD_MUTATIONS["actor"](ENTRIES[i].event))
        heads = make_heads(entries)
        # The database alone is consistent: whoever holds the key can re-sign everything.
        assert verify(entries, heads).ok
        report = verify(entries, heads, WITNESS)
        caught += not report.ok and "witness" in (report.reason or "")
    assert caught == N  # rewrites caught by the witness 30/30


def test_forged_witness_is_detected() -> None:
    forged_root = replace(WITNESS, root=merkle.leaf_hash(b"x").hex())
    foreign = sign_head(OTHER, WITNESS.size, bytes.fromhex(WITNESS.root), WITNESS.at)
    longer = replace(WITNESS, size=N + 5)
    for witness in (forged_root, foreign, longer):
        report = verify(ENTRIES, HEADS, witness)
        assert not report.ok and report.first_tampered is None
        assert report.reason == "The witness tree head is not signed by the log's key."
    negative = sign_head(SIGNER, 0, merkle.EMPTY_ROOT, T0)
    assert verify(ENTRIES, HEADS, negative).ok
    assert not verify(ENTRIES, HEADS, replace(negative, size=-1)).ok


def test_reasons_name_the_entry_in_one_sentence() -> None:
    entries = list(ENTRIES)
    entries[5] = LogEntry(5, FIELD_MUTATIONS["target"](ENTRIES[5].event))
    report = verify(entries, HEADS, WITNESS)
    assert report.reason == "Entry 5 does not match the signed tree head of size 6."
    assert report.heads_checked == 6
    report = verify(ENTRIES[:7] + ENTRIES[8:], HEADS, WITNESS)
    assert report.reason == (
        "Entry 7 is missing or out of order: position 7 of the log holds the later seq 8."
    )
    report = verify(ENTRIES[:25], HEADS, WITNESS)
    assert report.reason == (
        "Entries 25 to 29 are missing: the signed tree head of size 30 covers 30 entries, "
        "the log holds 25."
    )
    report = verify(ENTRIES[:29], HEADS[:29], WITNESS)
    assert report.reason == (
        "Entry 29 is missing: the witness tree head of size 30 covers 30 entries, the log holds 29."
    )
    heads = list(HEADS)
    heads[11] = sign_head(OTHER, 12, bytes.fromhex(HEADS[11].root), HEADS[11].at)
    report = verify(ENTRIES, heads, WITNESS)
    assert report.reason == (
        "The tree head of size 12 is signed by another key, not the log's (it covers entry 11)."
    )
    extra = [*ENTRIES, LogEntry(N, event(N))]
    assert verify(extra, HEADS, WITNESS).reason == (
        f"Entry {N} is not covered by a signed tree head of size {N + 1}."
    )
    forged_tail = replace(sign_head(OTHER, N + 1, merkle.EMPTY_ROOT, T0), key=WITNESS.key)
    report = verify(ENTRIES, [*HEADS, forged_tail], WITNESS)
    assert report.first_tampered is None
    assert report.reason == (
        f"The signed tree head of size {N + 1} has an invalid signature "
        "(past the log's last entry)."
    )


def test_inclusion_proofs_for_every_entry_against_every_head() -> None:
    proven = 0
    for head in HEADS:
        for seq in range(head.size):
            proof = prove_inclusion(ENTRIES, seq, head)
            assert merkle.verify_inclusion(
                ENTRIES[seq].leaf_hash(), seq, head.size, proof, bytes.fromhex(head.root)
            )
            proven += 1
    assert proven == N * (N + 1) // 2
    with pytest.raises(IntegrityError):
        prove_inclusion(ENTRIES, N, WITNESS)
    with pytest.raises(IntegrityError):
        prove_inclusion(ENTRIES[:10], 3, WITNESS)
    tampered = list(ENTRIES)
    tampered[3] = LogEntry(3, FIELD_MUTATIONS["outcome"](ENTRIES[3].event))
    with pytest.raises(IntegrityError, match="do not match the tree head of size 30"):
        prove_inclusion(tampered, 20, WITNESS)


def test_consistency_between_every_pair_of_heads() -> None:
    pairs = [(a, b) for b in HEADS for a in HEADS if a.size <= b.size]
    assert all(check_consistency(ENTRIES, a, b) for a, b in pairs)
    assert len(pairs) == N * (N + 1) // 2
    forked = list(ENTRIES)
    forked[4] = LogEntry(4, FIELD_MUTATIONS["details"](ENTRIES[4].event))
    fork_heads = make_heads(forked)
    assert not check_consistency(ENTRIES, HEADS[9], fork_heads[20])
    assert not check_consistency(ENTRIES, fork_heads[9], HEADS[20])
    assert check_consistency(ENTRIES, HEADS[3], fork_heads[20]) is False
    with pytest.raises(IntegrityError):
        check_consistency(ENTRIES, HEADS[20], HEADS[9])
    with pytest.raises(IntegrityError):
        check_consistency(ENTRIES[:10], HEADS[3], HEADS[20])


def test_leaf_form_and_unusable_input() -> None:
    entry = ENTRIES[2]
    assert entry.leaf_bytes().startswith(b'{"action":"auth.record","actor":"cruz","at":"2025-')
    assert b'"seq":2' in entry.leaf_bytes()
    assert entry.leaf_hash() == merkle.leaf_hash(entry.leaf_bytes())
    assert HEADS[0].signed_fields()["key"] == VERIFIER.fingerprint()
    assert HEADS[0].signed_by(VERIFIER) and not HEADS[0].signed_by(OTHER.verifier)
    bad = LogEntry(0, replace(entry.event, details={"when": T0}))
    with pytest.raises(IntegrityError, match="cannot be written as JSON"):
        verify([bad], HEADS[:1])
    with pytest.raises(IntegrityError):
        sign_head(SIGNER, 1, b"short", T0)
