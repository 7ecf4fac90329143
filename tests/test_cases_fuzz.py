"""Fuzzing the case workflow's parsers of outside input: whatever arrives (a key file, the
master key from the environment, a deletion certificate, the witness file, a public key,
workflow actions and roles, user names, Merkle proofs, tree heads) either parses or raises a
VigilError subclass with a sentence; no other exception ever escapes.

Each target mixes arbitrary input with near-valid input (valid records with one part
mutated), so the checks also reach past the first line of each parser. Examples per target:
VIGIL_FUZZ_EXAMPLES (default 300; derandomized unless it is set).
"""

from __future__ import annotations

import base64
import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cases_support import report
from vigil.cases import (
    Actor,
    AuditEvent,
    CaseState,
    LogEntry,
    MasterKeyring,
    PendingAction,
    Role,
    Signer,
    TreeHead,
    Verifier,
    Workflow,
    merkle,
    parse_roles,
    sign_head,
    verify_certificate,
    verify_log,
)
from vigil.cases.certificate import from_json, issue_certificate, to_json
from vigil.cases.users import check_username
from vigil.core import VigilError
from vigil.store import audit_db

pytestmark = pytest.mark.xdist_group("cases_fuzz")

T = TypeVar("T")
EXAMPLES = int(os.environ.get("VIGIL_FUZZ_EXAMPLES", "300"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize="VIGIL_FUZZ_EXAMPLES" not in os.environ,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SIGNER = Signer.generate()
WORKFLOW = Workflow.default()
AT = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
USERNAME = re.compile(r"[a-z][a-z0-9_.-]{1,63}")

# Per target: (examples, parsed, refused).
TALLY: dict[str, Counter[str]] = {}

JSON: st.SearchStrategy[Any] = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner),
    max_leaves=12,
)


def attempt(target: str, fn: Callable[[], T]) -> T | None:
    """Run one parse; count it; only a VigilError may refuse the input."""
    tally = TALLY.setdefault(target, Counter())
    tally["examples"] += 1
    try:
        result = fn()
    except VigilError:
        tally["refused"] += 1
        return None
    tally["parsed"] += 1
    return result


@pytest.fixture(scope="module", autouse=True)
def fuzz_report() -> Iterator[None]:
    yield
    examples = sum(t["examples"] for t in TALLY.values())
    report(
        "cases_fuzz",
        {
            "examples_per_target": EXAMPLES,
            "examples": examples,
            "non_vigil_exceptions": 0,
            "targets": {k: dict(v) for k, v in sorted(TALLY.items())},
        },
        f"{examples} fuzz examples over {len(TALLY)} parsers: exceptions other than VigilError 0",
    )


# --- the master keyring -------------------------------------------------------------------------

KEY_ID = st.one_of(
    st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,70}", fullmatch=True),
    st.text(max_size=8),
    st.just("current"),
)
B64 = st.one_of(
    st.binary(min_size=30, max_size=34).map(lambda b: base64.b64encode(b).decode("ascii")),
    st.binary(max_size=40).map(lambda b: base64.b64encode(b).decode("ascii")),
    st.text(max_size=50),
)
KEY_LINE = st.one_of(
    st.tuples(KEY_ID, B64).map(" ".join),
    KEY_ID.map(lambda k: f"current {k}"),
    st.text(max_size=40).map(lambda t: f"# {t}"),
    st.sampled_from(["", "   ", "\t", "current", "a b c", "\x00", "\u2028"]),
    st.text(max_size=60),
)


@st.composite
def near_valid_key_file(draw: st.DrawFn) -> str:
    """A valid key file, then maybe one line dropped, doubled or inserted."""
    ids = draw(
        st.lists(
            st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,20}", fullmatch=True).filter(
                lambda k: k != "current"
            ),
            min_size=1,
            max_size=3,
            unique=True,
        )
    )
    lines = [
        f"{k} {base64.b64encode(draw(st.binary(min_size=32, max_size=32))).decode()}" for k in ids
    ]
    lines.append(f"current {draw(st.sampled_from(ids))}")
    lines = draw(st.permutations(lines))
    how = draw(st.sampled_from(["keep", "drop", "double", "insert"]))
    at = draw(st.integers(0, len(lines) - 1))
    if how == "drop":
        del lines[at]
    elif how == "double":
        lines.insert(at, lines[at])
    elif how == "insert":
        lines.insert(at, draw(KEY_LINE))
    return "\n".join(lines)


KEY_TEXT = st.one_of(
    st.text(),
    st.lists(KEY_LINE, max_size=6).map("\n".join),
    st.lists(KEY_LINE, max_size=6).map("\r\n".join),
    near_valid_key_file(),
)


@FUZZ
@given(text=KEY_TEXT)
def test_key_file_parses_or_refuses(text: str) -> None:
    ring = attempt("MasterKeyring.from_text", lambda: MasterKeyring.from_text(text, "fuzz.keys"))
    if ring is not None:
        again = MasterKeyring.from_text(ring.to_text(), "round trip")
        assert dict(again.keys) == dict(ring.keys) and again.current == ring.current


@FUZZ
@given(value=st.one_of(st.text(), B64))
def test_master_key_from_environment_parses_or_refuses(value: str) -> None:
    attempt("MasterKeyring.from_env", lambda: MasterKeyring.from_env(value))


# --- deletion certificates ----------------------------------------------------------------------

VALID_CERT = to_json(
    issue_certificate(
        SIGNER,
        case_id="case-0123456789ab",
        actor="ivy",
        reason="closed without evidence",
        items=[("item-0123456789ab", "ab" * 32), ("item-ba9876543210", "cd" * 32)],
        key_fingerprint="ef" * 32,
        at=AT,
    )
)
CERT_FIELDS = sorted(VALID_CERT)


@st.composite
def mutated_certificate(draw: st.DrawFn) -> Any:
    cert = json.loads(json.dumps(VALID_CERT))
    for _ in range(draw(st.integers(1, 3))):
        how = draw(st.sampled_from(["keep", "retext", "replace", "delete", "add", "item"]))
        name = draw(st.sampled_from(CERT_FIELDS))
        if how == "retext" and name != "kind":
            cert[name] = draw(st.text(max_size=70) | st.sampled_from(["ab" * 32, "AB" * 32]))
        elif how == "replace":
            cert[name] = draw(JSON)
        elif how == "delete":
            cert.pop(name, None)
        elif how == "add":
            cert[draw(st.text(max_size=10))] = draw(JSON)
        elif isinstance(cert.get("items"), list):
            cert["items"].append(draw(JSON | st.fixed_dictionaries({"item_id": JSON})))
    return cert


@FUZZ
@given(data=st.one_of(JSON, mutated_certificate()))
def test_certificate_parses_or_refuses(data: Any) -> None:
    cert = attempt("certificate.from_json", lambda: from_json(data))
    if cert is not None:
        assert isinstance(verify_certificate(SIGNER.verifier, cert), bool)


def test_valid_certificate_still_parses_and_verifies() -> None:
    assert verify_certificate(SIGNER.verifier, from_json(VALID_CERT))


# --- the witness file -----------------------------------------------------------------------------

LOG = [LogEntry(i, AuditEvent(AT, "ivy", "probe", f"t{i}", "ok", {})) for i in range(3)]
HEADS = [sign_head(SIGNER, n, merkle.root([e.leaf_hash() for e in LOG[:n]]), AT) for n in (1, 2, 3)]
VALID_WITNESS = {
    "size": HEADS[-1].size,
    "root": HEADS[-1].root,
    "at": HEADS[-1].at.isoformat(),
    "key": HEADS[-1].key,
    "signature": HEADS[-1].signature,
}


@st.composite
def mutated_witness(draw: st.DrawFn) -> bytes:
    data: dict[str, Any] = dict(VALID_WITNESS)
    name = draw(st.sampled_from(sorted(data)))
    how = draw(st.sampled_from(["keep", "retype", "json", "delete"]))
    if how == "retype":
        data[name] = draw(st.integers() if name == "size" else st.text(max_size=140))
    elif how == "json":
        data[name] = draw(JSON)
    elif how == "delete":
        del data[name]
    return json.dumps(data).encode("utf-8")


WITNESS_BYTES = st.one_of(
    st.binary(max_size=200),
    JSON.map(lambda v: json.dumps(v).encode("utf-8")),
    mutated_witness(),
    st.integers(1, 5000).map(lambda n: b"[" * n),
)


@FUZZ
@given(raw=WITNESS_BYTES)
def test_witness_parses_or_refuses(raw: bytes) -> None:
    head = attempt("audit_db.parse_witness", lambda: audit_db.parse_witness(raw, "fuzz"))
    if head is not None:
        # A parsed witness of any content is judged, never a crash; the genuine one passes.
        verdict = verify_log(LOG, HEADS, SIGNER.verifier, witness=head)
        assert verdict.ok or head != HEADS[-1]


def test_witness_file_round_trip_and_damage(tmp_path: Path) -> None:
    path = tmp_path / "audit-head.json"
    assert audit_db.read_witness(path) is None
    audit_db.write_witness(path, HEADS[-1])
    assert audit_db.read_witness(path) == HEADS[-1]
    # The witness only moves forward: an older head finishing late does not replace it.
    audit_db.write_witness(path, HEADS[0])
    assert audit_db.read_witness(path) == HEADS[-1]
    for damage in (b"", b"{", b"[1, 2]", b'{"size": "3"}', b"\xff\xfe"):
        path.write_bytes(damage)
        with pytest.raises(VigilError):
            audit_db.read_witness(path)
    with pytest.raises(VigilError):
        audit_db.read_witness(tmp_path)  # a directory, not a file


# --- public keys ----------------------------------------------------------------------------------

PEM = SIGNER.verifier.public_pem()


@FUZZ
@given(
    raw=st.one_of(
        st.binary(max_size=300),
        st.binary(max_size=40).map(lambda b: PEM[:30] + b + PEM[-30:]),
        st.just(SIGNER.private_pem()),
        st.just(PEM),
    )
)
def test_public_key_parses_or_refuses(raw: bytes) -> None:
    attempt("Verifier.from_pem", lambda: Verifier.from_pem(raw))


PRIVATE_PEM = SIGNER.private_pem()


@FUZZ
@given(
    raw=st.one_of(
        st.binary(max_size=300),
        st.binary(max_size=40).map(lambda b: PRIVATE_PEM[:28] + b + PRIVATE_PEM[-26:]),
        st.just(PEM),
        st.just(PRIVATE_PEM),
    )
)
def test_private_key_parses_or_refuses(raw: bytes) -> None:
    attempt("Signer.from_pem", lambda: Signer.from_pem(raw))


# --- workflow inputs ------------------------------------------------------------------------------

ACTION = st.one_of(st.sampled_from(sorted(WORKFLOW.transitions)), st.text(max_size=20))
ACTOR = st.builds(
    Actor,
    username=st.text(max_size=12),
    roles=st.frozensets(st.sampled_from(list(Role))),
)


@FUZZ
@given(
    state=st.sampled_from(list(CaseState)),
    action=ACTION,
    actor=st.one_of(st.none(), ACTOR),
    permission=st.one_of(st.sampled_from(sorted(WORKFLOW.permissions)), st.text(max_size=20)),
    requester=st.text(max_size=12),
    approver_role=st.sampled_from(list(Role)),
)
def test_workflow_checks_refuse_cleanly(
    state: CaseState,
    action: str,
    actor: Actor | None,
    permission: str,
    requester: str,
    approver_role: Role,
) -> None:
    attempt("Workflow.check", lambda: WORKFLOW.check(state, action, actor))
    attempt("Workflow.actions_from", lambda: WORKFLOW.actions_from(state))
    if actor is not None:
        attempt("Workflow.require", lambda: WORKFLOW.require(actor, permission))
        pending = PendingAction("case-x", action, requester, AT, approver_role, {})
        attempt("Workflow.check_approval", lambda: WORKFLOW.check_approval(pending, actor))


# --- users ----------------------------------------------------------------------------------------


@FUZZ
@given(
    name=st.one_of(
        st.text(max_size=80),
        st.from_regex(USERNAME, fullmatch=True).flatmap(
            lambda n: st.sampled_from([n, n + "\n", " " + n, n.upper(), n + "\x00"])
        ),
    )
)
def test_username_parses_or_refuses(name: str) -> None:
    accepted = attempt("users.check_username", lambda: check_username(name))
    if accepted is not None:
        assert USERNAME.fullmatch(accepted), f"{accepted!r} accepted as a user name"


@FUZZ
@given(
    names=st.lists(
        st.one_of(st.sampled_from([r.value for r in Role]), st.text(max_size=15)), max_size=5
    )
)
def test_roles_parse_or_refuse(names: list[str]) -> None:
    roles = attempt("users.parse_roles", lambda: parse_roles(names))
    if roles is not None:
        assert roles and all(isinstance(r, Role) for r in roles)


# --- Merkle proofs and tree heads from outside ----------------------------------------------

HASH = st.one_of(st.binary(min_size=32, max_size=32), st.binary(max_size=40))
SIGNATURES = [h.signature for h in HEADS]


@FUZZ
@given(
    index=st.integers(-3, 2**70),
    size=st.integers(-3, 2**70),
    leaf=HASH,
    root=HASH,
    proof=st.lists(HASH, max_size=8),
)
def test_merkle_proofs_check_or_refuse(
    index: int, size: int, leaf: bytes, root: bytes, proof: list[bytes]
) -> None:
    ok = attempt(
        "merkle.verify_inclusion", lambda: merkle.verify_inclusion(leaf, index, size, proof, root)
    )
    assert ok in (None, True, False)
    ok = attempt(
        "merkle.verify_consistency",
        lambda: merkle.verify_consistency(index, size, leaf, root, proof),
    )
    assert ok in (None, True, False)


@FUZZ
@given(
    heads=st.lists(
        st.builds(
            TreeHead,
            size=st.integers(-2, 6),
            root=st.one_of(st.text(max_size=70), st.sampled_from([h.root for h in HEADS])),
            at=st.just(AT),
            key=st.one_of(st.text(max_size=70), st.just(SIGNER.verifier.fingerprint())),
            signature=st.one_of(
                st.text(max_size=140), st.sampled_from([h.signature for h in HEADS])
            ),
        ),
        max_size=5,
    ),
    keep=st.integers(0, 3),
)
def test_verify_log_judges_any_heads(heads: list[TreeHead], keep: int) -> None:
    verdict = attempt(
        "audit_log.verify_log",
        lambda: verify_log(LOG, HEADS[:keep] + heads, SIGNER.verifier, witness=None),
    )
    assert verdict is not None
