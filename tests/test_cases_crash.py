"""Crash safety of the case store: a child process records evidence and appends audit entries
in a loop and is killed with SIGKILL at a random moment, N times on the same store
(VIGIL_CRASH_RUNS, default 20; a fixed seed picks the moments).

After every kill the store is reopened and checked: every record the child acknowledged
(printed only after its commit returned) is there and intact (lost 0), the audit log
verifies against its signed heads and the witness file (chain breaks 0), and SQLite's
integrity check passes.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text

from cases_support import T0, add_users, report
from vigil.cases import CaseService, CaseState, vault, verify_log
from vigil.core import load_settings
from vigil.store import audit_db
from vigil.store.case_open import open_service
from vigil.store.case_store import SqlCaseStore
from vigil.store.case_tables import evidence_items

CHILD = Path(__file__).with_name("cases_crash_child.py")
SEED = 6962
AT = T0 + timedelta(hours=1)


@dataclass
class Tally:
    runs: int = 0
    acknowledged_items: dict[str, str] = field(default_factory=dict)  # item id -> sha256
    acknowledged_audit: dict[int, str] = field(default_factory=dict)  # seq -> target
    lost: list[str] = field(default_factory=list)
    chain_breaks: list[str] = field(default_factory=list)
    integrity_failures: list[str] = field(default_factory=list)
    committed_unacknowledged: int = 0
    kills_with_writes: int = 0


def _open(home: Path) -> tuple[CaseService, SqlCaseStore]:
    return open_service(load_settings(home=str(home)))


def _prepare(home: Path) -> str:
    """A case in identification under an authorisation for acct:a covering AT."""
    service, store = _open(home)
    users = add_users(service)
    case = service.open_case(users["ana"], ["acct:a"], "metadata", "crash test", T0)
    service.act(users["ana"], case.case_id, "review", T0)
    service.act(users["ana"], case.case_id, "request_authorisation", T0)
    service.enter_authorisation(
        users["leo"],
        case.case_id,
        authority="Court X",
        reference="REF-CRASH",
        accounts=["acct:a"],
        starts_at=T0,
        ends_at=T0 + timedelta(days=60),
        scope="video calls",
        now=T0,
    )
    service.approve(users["sam"], case.case_id, T0)
    service.tick(AT)
    assert service.view(users["ana"], case.case_id, AT)[0].state is CaseState.IDENTIFICATION
    store.engine.dispose()
    return case.case_id


def _child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VIGIL_")}
    env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    return env


def _run_child(home: Path, case_id: str, run: int, delay: float, workdir: Path) -> list[str]:
    """Start the child, wait until it is writing, kill it after `delay` s; its acknowledged
    lines (complete lines only: a line cut by the kill was not acknowledged)."""
    proc = subprocess.Popen(
        [sys.executable, str(CHILD), str(home), case_id, AT.isoformat(), str(run)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=workdir,
        env=_child_env(),
    )
    assert proc.stdout is not None
    ready = proc.stdout.readline()
    if ready != b"ready\n":
        _, err = proc.communicate(timeout=30)
        raise AssertionError(f"child did not start: {err.decode(errors='replace')[-2000:]}")
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL, (
        f"child ended by itself ({proc.returncode}): {err.decode(errors='replace')[-2000:]}"
    )
    return [line for line in out.decode().splitlines(keepends=True) if line.endswith("\n")]


def _check(home: Path, run: int, tally: Tally) -> None:
    service, store = _open(home)
    try:
        with store.engine.connect() as conn:
            check = conn.execute(text("PRAGMA integrity_check")).scalar_one()
            if check != "ok":
                tally.integrity_failures.append(f"run {run}: {check}")
            entries = list(audit_db.entries(conn))
            heads = audit_db.heads(conn)
            stored_items = {r.item_id for r in conn.execute(select(evidence_items.c.item_id))}
        witness = store.witness_head()
        verdict = verify_log(entries, heads, service.signer.verifier, witness=witness)
        if not verdict.ok:
            tally.chain_breaks.append(f"run {run}: {verdict.reason}")
        for seq, target in tally.acknowledged_audit.items():
            if seq >= len(entries) or entries[seq].event.target != target:
                tally.lost.append(f"run {run}: audit entry {seq} ({target})")
        with store.transaction() as tx:
            for item_id, digest in tally.acknowledged_items.items():
                sealed = tx.sealed(item_id) if item_id in stored_items else None
                wrapped = tx.case_key(tx.get_item(item_id).case_id) if sealed else None
                if sealed is None or wrapped is None:
                    tally.lost.append(f"run {run}: item {item_id}")
                    continue
                case_id = tx.get_item(item_id).case_id
                dek = vault.unwrap(service.keyring, case_id, wrapped)
                content = vault.open_sealed(dek, case_id, item_id, sealed)
                if vault.sha256_hex(content) != digest:
                    tally.lost.append(f"run {run}: item {item_id} altered")
        probes = sum(1 for e in entries if e.event.action == "crash.probe")
        tally.committed_unacknowledged = (
            len(stored_items)
            - len(tally.acknowledged_items)
            + probes
            - len(tally.acknowledged_audit)
        )
    finally:
        store.engine.dispose()


@pytest.mark.slow
def test_sigkill_during_writes_loses_nothing_acknowledged(tmp_path: Path) -> None:
    runs = int(os.environ.get("VIGIL_CRASH_RUNS", "20"))
    rng = random.Random(SEED)
    home = tmp_path / "home"
    case_id = _prepare(home)
    tally = Tally()
    for run in range(runs):
        lines = _run_child(home, case_id, run, rng.uniform(0.0, 0.5), tmp_path)
        tally.runs += 1
        tally.kills_with_writes += bool(lines)
        for line in lines:
            kind, key, value = line.split()
            if kind == "item":
                tally.acknowledged_items[key] = value
            else:
                tally.acknowledged_audit[int(key)] = value
        _check(home, run, tally)

    leftovers = sorted(p.name for p in home.iterdir() if p.name.endswith(".tmp"))
    acknowledged = len(tally.acknowledged_items) + len(tally.acknowledged_audit)
    report(
        "cases_crash",
        {
            "seed": SEED,
            "runs": tally.runs,
            "acknowledged_items": len(tally.acknowledged_items),
            "acknowledged_audit_entries": len(tally.acknowledged_audit),
            "acknowledged_lost": len(tally.lost),
            "chain_breaks": len(tally.chain_breaks),
            "integrity_check_failures": len(tally.integrity_failures),
            "committed_but_unacknowledged": tally.committed_unacknowledged,
            "kills_after_some_writes": tally.kills_with_writes,
            "witness_temp_files_left": len(leftovers),
            "problems": tally.lost + tally.chain_breaks + tally.integrity_failures,
        },
        f"{tally.runs} SIGKILL runs, {acknowledged} acknowledged records, "
        f"acknowledged lost {len(tally.lost)}, chain breaks {len(tally.chain_breaks)}, "
        f"integrity failures {len(tally.integrity_failures)}",
    )
    assert tally.lost == []
    assert tally.chain_breaks == []
    assert tally.integrity_failures == []
    assert tally.kills_with_writes > runs // 2, "the kills mostly missed the writes"
