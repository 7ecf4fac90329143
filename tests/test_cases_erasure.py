"""Erasure on disk: after a case is closed without evidence (crypto-shredded) and another is
referred (its non-evidence items purged), no byte of what was destroyed is left in any file
of the store directory.

Every recorded item carries a distinct random canary marker in its placeholder content. The
canaries never reach the disk at all, because content is encrypted at rest; that is checked
before anything is destroyed. The meaningful checks are therefore on the bytes that do reach
the disk: each destroyed item's ciphertext and each shredded case's wrapped key, captured
from the database before destruction. Every file under the store directory is scanned (the
database, its -wal and -shm files and the witness; the key directory is left out because it
holds the master key, not case data). The scan is shown to work by finding the same bytes
before destruction, and the evidence that must survive is still on disk and readable.
"""

from __future__ import annotations

import secrets
import sqlite3
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from cases_support import T0, add_users, placeholder, report
from vigil.cases import Actor, CaseService, CaseState
from vigil.core import ShreddedError, load_settings
from vigil.store.case_open import open_service
from vigil.store.case_store import SqlCaseStore
from vigil.store.case_tables import case_keys, evidence_blobs

ITEMS_PER_CASE = 3
EDGE = 24  # bytes at each end of a ciphertext, searched on their own as well


@dataclass
class Recorded:
    item_id: str
    case_id: str
    canary: bytes
    ciphertext: bytes = b""


def _store_files(home: Path) -> list[Path]:
    keys = home / "keys"
    return sorted(p for p in home.rglob("*") if p.is_file() and keys not in p.parents)


def _hits(files: list[Path], needle: bytes) -> int:
    return sum(path.read_bytes().count(needle) for path in files)


def _ciphertext_hits(files: list[Path], ciphertext: bytes) -> int:
    """Whole ciphertext, and its first and last bytes on their own (a page split, or a copy
    left in a freed page, could keep only part of it)."""
    return sum(_hits(files, n) for n in (ciphertext, ciphertext[:EDGE], ciphertext[-EDGE:]))


def _scan(
    files: list[Path], items: list[Recorded], destroyed: list[Recorded], key: bytes
) -> tuple[int, int, int]:
    """(canary hits, destroyed ciphertext hits, destroyed wrapped key hits)."""
    return (
        sum(_hits(files, i.canary) for i in items),
        sum(_ciphertext_hits(files, i.ciphertext) for i in destroyed),
        _hits(files, key),
    )


def _case_in_identification(service: CaseService, users: dict[str, Actor], name: str) -> str:
    case = service.open_case(users["ana"], ["acct:a", "acct:b"], "metadata", name, T0)
    service.act(users["ana"], case.case_id, "review", T0)
    service.act(users["ana"], case.case_id, "request_authorisation", T0)
    service.enter_authorisation(
        users["leo"],
        case.case_id,
        authority="Court X",
        reference=f"REF-{name}",
        accounts=["acct:a", "acct:b"],
        starts_at=T0,
        ends_at=T0 + timedelta(days=30),
        scope="video calls",
        now=T0,
    )
    service.approve(users["sam"], case.case_id, T0)
    return case.case_id


def _record(
    service: CaseService, investigator: Actor, case_id: str, at_hour: int
) -> list[Recorded]:
    at = T0 + timedelta(hours=at_hour)
    out = []
    for n in range(ITEMS_PER_CASE):
        canary = f"CANARY-{secrets.token_hex(16)}".encode("ascii")
        item = service.record(
            investigator,
            case_id,
            account="acct:a" if n % 2 == 0 else "acct:b",
            captured_at=at,
            media_type="video/mp4",
            content=placeholder(canary.decode("ascii")),
            description=f"segment {n}",
            now=at,
        )
        out.append(Recorded(item.item_id, case_id, canary))
    return out


def _capture(store: SqlCaseStore, items: list[Recorded]) -> dict[str, bytes]:
    """Ciphertexts into `items`, and the wrapped key of every case, straight from the DB."""
    with store.engine.connect() as conn:
        blobs = {r.item_id: r.ciphertext for r in conn.execute(select(evidence_blobs))}
        wrapped = {r.case_id: r.wrapped for r in conn.execute(select(case_keys))}
    for item in items:
        item.ciphertext = blobs[item.item_id]
    return wrapped


def test_destroyed_items_and_keys_leave_no_bytes_on_disk(tmp_path: Path) -> None:
    home = tmp_path / "store"
    service, store = open_service(load_settings(home=str(home)))
    # An idle reader stays connected throughout, as a console would: it keeps the -wal and
    # -shm files in place (the last connection to close would fold and delete them), so they
    # are scanned as they stand while the store is in use.
    holder = sqlite3.connect(home / "cases.db")
    holder.execute("SELECT count(*) FROM cases").fetchall()
    users = add_users(service)
    ivy, sam = users["ivy"], users["sam"]
    closed = _case_in_identification(service, users, "to-close")
    referred = _case_in_identification(service, users, "to-refer")
    control = _case_in_identification(service, users, "untouched")
    service.tick(T0 + timedelta(hours=1))
    items = (
        _record(service, ivy, closed, 2)
        + _record(service, ivy, referred, 2)
        + _record(service, ivy, control, 2)
    )
    wrapped = _capture(store, items)
    assert set(wrapped) == {closed, referred, control}

    # Encryption at rest: no canary is on disk, while the scan does find the ciphertexts.
    files = _store_files(home)
    assert {p.name for p in files} >= {
        "cases.db",
        "cases.db-wal",
        "cases.db-shm",
        "audit-head.json",
    }
    plaintext_before = sum(_hits(files, i.canary) for i in items)
    assert plaintext_before == 0
    assert all(_hits(files, i.ciphertext) > 0 for i in items), "scan cannot see stored bytes"
    assert all(_hits(files, key) > 0 for key in wrapped.values())

    # Close one case without evidence; refer the other with only its first item as evidence.
    t_eval = T0 + timedelta(hours=3)
    for case_id in (closed, referred):
        service.act(ivy, case_id, "end_identification", t_eval)
    service.act(ivy, closed, "close", t_eval, reason="nothing shown")
    by_case = {c: [i for i in items if i.case_id == c] for c in (closed, referred, control)}
    keep = by_case[referred][0]
    for item in by_case[referred]:
        service.mark(ivy, item.item_id, item is keep, "reviewed", t_eval)
    service.request_referral(ivy, referred, "PH", t_eval)
    assert service.approve(sam, referred, t_eval).state is CaseState.REFERRED

    destroyed = by_case[closed] + [i for i in by_case[referred] if i is not keep]
    survivors = [keep, *by_case[control]]
    # The survivors read back; the destroyed items read as shredded through the service.
    for item in survivors:
        assert item.canary in service.read_item(sam, item.item_id, "erasure check", t_eval)
    for item in destroyed:
        try:
            service.read_item(sam, item.item_id, "erasure check", t_eval)
        except ShreddedError:
            continue
        raise AssertionError(f"destroyed item {item.item_id} can still be read")
    # Scan with the store in use (-wal and -shm present), then again once everything closed.
    open_files = _store_files(home)
    scans = [_scan(open_files, items, destroyed, wrapped[closed])]
    holder.close()
    store.engine.dispose()
    files = _store_files(home)
    scans.append(_scan(files, items, destroyed, wrapped[closed]))
    canary_hits, ciphertext_hits, key_hits = (sum(s[k] for s in scans) for k in range(3))
    survivor_hits = [_hits(files, i.ciphertext) for i in survivors]
    hits = canary_hits + ciphertext_hits + key_hits
    report(
        "cases_erasure",
        {
            "files_scanned_in_use": [p.name for p in open_files],
            "files_scanned_closed": [p.name for p in files],
            "canaries": len(items),
            "canary_hits_before_shredding": plaintext_before,
            "destroyed_items": len(destroyed),
            "destroyed_keys": 1,
            "canary_hits": canary_hits,
            "destroyed_ciphertext_hits": ciphertext_hits,
            "destroyed_wrapped_key_hits": key_hits,
            "hits": hits,
            "surviving_items_found_on_disk": sum(1 for h in survivor_hits if h > 0),
        },
        f"{len(open_files)} files (store in use) and {len(files)} (closed) scanned for "
        f"{len(items)} canaries, {len(destroyed)} destroyed ciphertexts and 1 destroyed "
        f"wrapped key: hits {hits}",
    )
    assert hits == 0
    # The evidence that must survive is still stored (and was read back above).
    assert all(h > 0 for h in survivor_hits)
    assert _hits(files, wrapped[referred]) > 0
