"""The audit log's rows: one Merkle leaf per entry and one signed tree head per append."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, func, insert, select, text

from vigil.cases import AuditEvent, LogEntry, MerkleAccumulator, Signer, TreeHead, sign_head
from vigil.core import ConfigError, IntegrityError, VigilError
from vigil.store.case_tables import audit_entries, tree_heads

try:
    import fcntl
except ImportError:  # not POSIX: writers are not serialised, the replace is still atomic
    fcntl = None  # type: ignore[assignment]


def _entry(seq: int, body: str) -> LogEntry:
    try:
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
    except (ValueError, KeyError, TypeError):
        # A body edited into something unreadable is tampering, not a crash.
        raise IntegrityError(f"Audit entry {seq} is not a readable log entry.") from None


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
    the log and its heads together is then still caught against this file.

    Writers finish their commits concurrently (threads of one process, or a CLI beside a
    server): each writes its own temporary file, and under a lock the witness only moves
    forward, so a head that finishes late never replaces a newer one, and a log cut back and
    appended to again cannot pull the witness back with it."""
    path.parent.mkdir(parents=True, exist_ok=True)
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
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(data + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        with _locked(path.with_name(path.name + ".lock")):
            if _witness_size(path) < head.size:
                tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    with path.open("a") as fh:
        if fcntl is not None:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        yield


def _witness_size(path: Path) -> int:
    """The size of the current witness; -1 when there is none or it cannot be read."""
    try:
        head = read_witness(path)
    except VigilError:
        return -1
    return -1 if head is None else head.size


def read_witness(path: Path) -> TreeHead | None:
    """The witness head, or None when there is none yet; a damaged file raises
    IntegrityError and an unreadable one ConfigError."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ConfigError(f"The witness file {path} cannot be read: {exc.strerror}.") from None
    return parse_witness(raw, str(path))


def parse_witness(raw: bytes | str, source: str = "the witness") -> TreeHead:
    """A tree head from the witness file's JSON; anything else raises IntegrityError."""
    damaged = IntegrityError(f"The witness file {source} is damaged: it is not a tree head.")
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        raise damaged from None
    if not isinstance(data, dict):
        raise damaged
    size = data.get("size")
    texts = [data.get(k) for k in ("root", "at", "key", "signature")]
    if type(size) is not int or not all(isinstance(t, str) for t in texts):
        raise damaged
    try:
        at = datetime.fromisoformat(data["at"])
    except ValueError:
        raise damaged from None
    return TreeHead(
        size=size, root=data["root"], at=at, key=data["key"], signature=data["signature"]
    )
