"""The audit log's rows: one Merkle leaf per entry and one signed tree head per append."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, func, insert, select, text

from vigil.cases import AuditEvent, LogEntry, MerkleAccumulator, Signer, TreeHead, sign_head
from vigil.store.case_tables import audit_entries, tree_heads


def _entry(seq: int, body: str) -> LogEntry:
    data = json.loads(body)
    event = AuditEvent(
        at=datetime.fromisoformat(data["at"]),
        actor=data["actor"],
        action=data["action"],
        target=data["target"],
        outcome=data["outcome"],
        details=data["details"],
    )
    return LogEntry(seq=int(data.get("seq", seq)), event=event)


def _head(row: object) -> TreeHead:
    return TreeHead(
        size=row.size,  # type: ignore[attr-defined]
        root=row.root,  # type: ignore[attr-defined]
        at=datetime.fromisoformat(row.at),  # type: ignore[attr-defined]
        key=row.key,  # type: ignore[attr-defined]
        signature=row.signature,  # type: ignore[attr-defined]
    )


def append(conn: Connection, signer: Signer, event: AuditEvent) -> TreeHead:
    """Sequence the event as the next leaf and sign the new tree head, in the caller's
    transaction: the entry and its head commit together or not at all."""
    if conn.dialect.name == "postgresql":
        # One appender at a time; SQLite gets the same from BEGIN IMMEDIATE.
        conn.execute(text("SELECT pg_advisory_xact_lock(6962)"))
    last = conn.execute(select(tree_heads).order_by(tree_heads.c.size.desc()).limit(1)).first()
    if last is None:
        acc = MerkleAccumulator()
    else:
        frontier = [bytes.fromhex(h) for h in json.loads(last.frontier)]
        acc = MerkleAccumulator.from_frontier(last.size, frontier)
    entry = LogEntry(seq=acc.size, event=event)
    acc.append(entry.leaf_hash())
    head = sign_head(signer, acc.size, acc.root(), event.at)
    conn.execute(
        insert(audit_entries).values(seq=entry.seq, body=entry.leaf_bytes().decode("utf-8"))
    )
    conn.execute(
        insert(tree_heads).values(
            size=head.size,
            root=head.root,
            at=head.at.isoformat(),
            key=head.key,
            signature=head.signature,
            frontier=json.dumps([h.hex() for h in acc.frontier()]),
        )
    )
    return head


def entries(conn: Connection, after: int = -1) -> Iterator[LogEntry]:
    rows = conn.execute(
        select(audit_entries).where(audit_entries.c.seq > after).order_by(audit_entries.c.seq)
    )
    for row in rows:
        yield _entry(row.seq, row.body)


def heads(conn: Connection) -> list[TreeHead]:
    return [_head(r) for r in conn.execute(select(tree_heads).order_by(tree_heads.c.size))]


def size(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(audit_entries)).scalar_one())


def write_witness(path: Path, head: TreeHead) -> None:
    """Keep the latest signed head outside the database (atomic replace, fsynced): cutting
    the log and its heads together is then still caught against this file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    data = json.dumps(
        {
            "size": head.size,
            "root": head.root,
            "at": head.at.isoformat(),
            "key": head.key,
            "signature": head.signature,
        },
        sort_keys=True,
    )
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write(data + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    tmp.replace(path)


def read_witness(path: Path) -> TreeHead | None:
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return TreeHead(
        size=int(data["size"]),
        root=data["root"],
        at=datetime.fromisoformat(data["at"]),
        key=data["key"],
        signature=data["signature"],
    )
