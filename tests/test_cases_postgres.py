"""The case workflow on a real PostgreSQL server, started by the test on loopback in a temp
dir: migrations, the four-eyes lifecycle, the recording gate, expiry, referral, shredding
with compaction (VACUUM FULL), concurrent audit appenders and the audit log's verification.

PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user. Under
CI (CI=true) a missing PostgreSQL is installed with apt-get; elsewhere the test skips.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text

from cases_support import T0, Home, add_users, new_home, placeholder, report
from vigil.cases import AuditEvent, CaseState, verify_log
from vigil.core import (
    InputError,
    PermissionDeniedError,
    RecordingRefusedError,
    ShreddedError,
    VigilError,
)
from vigil.store import audit_db
from vigil.store.case_tables import case_keys, evidence_blobs, evidence_items
from vigil.store.database import open_engine

pytestmark = pytest.mark.slow

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _pg_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=_version_key)
    if found:
        return found[-1].parent
    on_path = shutil.which("pg_ctl")
    return Path(on_path).resolve().parent if on_path else None


def _version_key(path: Path) -> tuple[int, ...]:
    version = path.parts[-3]
    return tuple(int(p) for p in version.split(".") if p.isdigit())


def _ensure_postgres() -> Path:
    found = _pg_bin()
    if found is not None:
        return found
    if not IN_CI:
        pytest.skip("PostgreSQL (initdb/pg_ctl) is not installed; CI installs it")
    for cmd in (["apt-get", "update"], ["apt-get", "install", "-y", "postgresql"]):
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            pytest.fail(f"could not install postgresql: {done.stderr.strip()[-300:]}")
    found = _pg_bin()
    if found is None:
        pytest.fail("postgresql installed but pg_ctl is still missing")
    return found


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _as_server_user(cmd: list[str]) -> list[str]:
    """PostgreSQL will not run as root: run it as `postgres` then."""
    if os.geteuid() != 0:
        return cmd
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        pytest.skip("running as root and there is no postgres user to run the server as")
    runuser = shutil.which("runuser")
    if runuser is None:
        pytest.skip("running as root without runuser to drop to the postgres user")
    return [runuser, "-u", "postgres", "--", *cmd]


def _run(cmd: list[str]) -> None:
    done = subprocess.run(_as_server_user(cmd), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise AssertionError(f"{Path(cmd[0]).name} failed: {(done.stderr or done.stdout)[-800:]}")


@pytest.fixture
def postgres_url() -> Iterator[str]:
    bindir = _ensure_postgres()
    # Not under pytest's tmp_path: its parents are private to root, the server user needs in.
    root = Path(tempfile.mkdtemp(prefix="vigil-pg-"))
    if os.geteuid() == 0:
        entry = pwd.getpwnam("postgres")
        os.chown(root, entry.pw_uid, entry.pw_gid)
    data, log = root / "data", root / "server.log"
    port = _free_port()
    _run([str(bindir / "initdb"), "-D", str(data), "-U", "vigil", "-A", "trust", "-E", "UTF8"])
    options = (
        f"-c listen_addresses=127.0.0.1 -p {port} -k {root} "
        "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    )
    try:
        _run([str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w",
              "start"])  # fmt: skip
        yield f"postgresql+psycopg://vigil@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            _as_server_user([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            capture_output=True,
            check=False,
        )
        shutil.rmtree(root, ignore_errors=True)


def _lifecycle(home: Home, url: str) -> dict[str, int]:
    service, store = home.open(url)
    assert store.engine.dialect.name == "postgresql"
    users = add_users(service)
    ana, sam, sue, leo, ivy = (users[n] for n in ("ana", "sam", "sue", "leo", "ivy"))
    refusals = 0

    # Open and authorise with four eyes.
    case = service.open_case(ana, ["acct:a", "acct:b"], "metadata", "pg lifecycle", T0)
    other = service.open_case(ana, ["acct:c"], "content", "pg to close", T0)
    for case_id in (case.case_id, other.case_id):
        service.act(ana, case_id, "review", T0)
        service.act(ana, case_id, "request_authorisation", T0)
        service.enter_authorisation(
            leo,
            case_id,
            authority="Court X",
            reference=f"REF-{case_id}",
            accounts=["acct:a"] if case_id == case.case_id else ["acct:c"],
            starts_at=T0 + timedelta(days=1),
            ends_at=T0 + timedelta(days=10),
            scope="video calls",
            now=T0,
        )
        with pytest.raises(PermissionDeniedError):
            service.approve(leo, case_id, T0)
        refusals += 1
        assert service.approve(sam, case_id, T0).state is CaseState.AUTHORISED

    # Record inside the window; a record for an account not authorised is refused.
    t1 = T0 + timedelta(days=2)
    kept = service.record(
        ivy, case.case_id, account="acct:a", captured_at=t1, media_type="video/mp4",
        content=placeholder("pg-kept"), description="segment", now=t1,
    )  # fmt: skip
    dropped = service.record(
        ivy, case.case_id, account="acct:a", captured_at=t1, media_type="video/mp4",
        content=placeholder("pg-dropped"), description="segment", now=t1,
    )  # fmt: skip
    shredded = service.record(
        ivy, other.case_id, account="acct:c", captured_at=t1, media_type="video/mp4",
        content=placeholder("pg-shredded"), description="segment", now=t1,
    )  # fmt: skip
    with pytest.raises(RecordingRefusedError):
        service.record(
            ivy, case.case_id, account="acct:b", captured_at=t1, media_type="video/mp4",
            content=placeholder("pg-refused"), description="segment", now=t1,
        )  # fmt: skip
    refusals += 1

    # The window expires by the clock; evaluation; referral with four eyes.
    t2 = T0 + timedelta(days=11)
    moved = service.tick(t2)
    assert {(case.case_id, "expire_window"), (other.case_id, "expire_window")} <= set(moved)
    with pytest.raises(RecordingRefusedError):
        service.record(
            ivy, case.case_id, account="acct:a", captured_at=t2, media_type="video/mp4",
            content=placeholder("pg-late"), description="segment", now=t2,
        )  # fmt: skip
    refusals += 1
    service.mark(ivy, kept.item_id, True, "shows the offence", t2)
    service.mark(ivy, dropped.item_id, False, "nothing relevant", t2)
    service.request_referral(ivy, case.case_id, "PH", t2)
    with pytest.raises(PermissionDeniedError):
        service.approve(ivy, case.case_id, t2)
    refusals += 1
    assert service.approve(sue, case.case_id, t2).state is CaseState.REFERRED

    # Close the other case without evidence: shredded and compacted (VACUUM FULL).
    assert service.act(ivy, other.case_id, "close", t2).state is CaseState.CLOSED_NO_EVIDENCE
    store.compact()

    assert service.read_item(sam, kept.item_id, "bundle", t2) == placeholder("pg-kept")
    for item in (dropped, shredded):
        with pytest.raises(ShreddedError):
            service.read_item(sam, item.item_id, "check", t2)
        refusals += 1
    with store.engine.connect() as conn:
        blobs = {r.item_id for r in conn.execute(select(evidence_blobs.c.item_id))}
        keys = {r.case_id for r in conn.execute(select(case_keys.c.case_id))}
        purged = {
            r.item_id for r in conn.execute(select(evidence_items).where(evidence_items.c.purged))
        }
    assert blobs == {kept.item_id}
    assert purged == {dropped.item_id, shredded.item_id}
    assert other.case_id not in keys and case.case_id in keys

    # Values PostgreSQL cannot keep (text over a column's width, NUL) are refused cleanly
    # (InputError, audited), not a driver error; SQLite would have kept them.
    for origin, summary in (("m" * 41, "origin too long"), ("metadata", "nul \x00 inside")):
        with pytest.raises(InputError):
            service.open_case(ana, ["acct:z"], origin, summary, t2)
        refusals += 1

    # Concurrent appenders serialise on the advisory lock: the log stays one chain.
    errors: list[BaseException] = []

    def append(worker: int) -> None:
        try:
            for i in range(15):
                store.audit_alone(AuditEvent(t2, "aud", "pg.probe", f"w{worker}-{i}", "ok", {}))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=append, args=(w,)) for w in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []

    with store.engine.connect() as conn:
        entries, heads = list(audit_db.entries(conn)), audit_db.heads(conn)
        revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    verdict = verify_log(entries, heads, home.signer.verifier, witness=store.witness_head())
    assert verdict.ok, verdict.reason
    assert sum(1 for e in entries if e.event.action == "pg.probe") == 60
    refused_opens = [
        e for e in entries if e.event.action == "case.open" and e.event.outcome == "refused"
    ]
    assert len(refused_opens) == 2
    # The witness kept the newest head although appenders finished in any order.
    witness = store.witness_head()
    assert witness is not None and witness.size == len(entries)
    store.engine.dispose()
    return {"entries": len(entries), "refusals": refusals, "revision": int(revision)}


def test_workflow_on_postgresql(postgres_url: str, tmp_path: Path) -> None:
    home = new_home(tmp_path / "home")
    figures = _lifecycle(home, postgres_url)
    # Opening again runs the migrations to head once more: a no-op on a current store.
    engine = open_engine(postgres_url)
    with engine.connect() as conn:
        tables = set(
            conn.execute(
                text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
            ).scalars()
        )
    engine.dispose()
    assert {"cases", "authorisations", "evidence_items", "audit_entries"} <= tables
    report(
        "cases_postgres",
        {**figures, "tables": sorted(tables), "audit_verify": "ok"},
        f"PostgreSQL lifecycle passed: {figures['entries']} audit entries verify, "
        f"{figures['refusals']} refusals as expected",
    )


def test_bad_postgres_url_is_a_clean_error() -> None:
    with pytest.raises(VigilError):
        open_engine(f"postgresql+psycopg://nobody@127.0.0.1:{_free_port()}/none")
