"""The evidence directory: append-only, hash-chained JSONL transcripts, one file per network.

Layout of DIR:
  <network>.jsonl         private conversations, one hash chain per partner
  <network>.rooms.jsonl   the decoy's own lines in public rooms, one chain per room
  <network>.events.jsonl  context (level changes, takeovers, failed sends); not chained
  <network>.heads.jsonl   signed chain heads of <network>.jsonl (and .rooms.heads.jsonl)
  evidence.pub.pem        the public key that verifies the signed heads
  operator.sock           the running decoy's operator console (mode 0600)
  dossiers.jsonl          written when a run ends

Lines are written at once and fsync'd by group commit (every ``sync_interval_s``, in a
worker thread so the event loop never waits on the disk) and on close. A restarted run
continues every partner's chain from the last line on disk. Each sync also signs the head
of every chain that grew (vigil.decoy.heads), after the lines it covers are on disk, so a
transcript cut short no longer passes the report. Reading and verifying the folder is in
vigil.decoy.evidence_read.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from vigil.decoy.dossier import Dossier
from vigil.decoy.heads import (
    HeadSigner,
    default_key_path,
    heads_path,
    publish_public_key,
)
from vigil.decoy.transcript import (
    Sender,
    TranscriptChain,
    TranscriptLine,
    line_from_json,
)

ROOMS_SUFFIX = ".rooms.jsonl"
EVENTS_SUFFIX = ".events.jsonl"
SOCKET_NAME = "operator.sock"
DOSSIERS_NAME = "dossiers.jsonl"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def file_stem(network: str) -> str:
    """A file-name-safe form of a network label ("irc:127.0.0.1:6667/lily")."""
    return _UNSAFE.sub("_", network).strip("_") or "network"


class _File:
    """One append-only JSONL file."""

    __slots__ = ("dirty", "fh", "path")

    def __init__(self, path: Path) -> None:
        self.path = path
        # A crash mid-write can leave a partial last line; end it so new lines stay whole
        # (the report then names the damaged line instead of silently merging two).
        if path.exists() and path.stat().st_size:
            with path.open("rb") as fh:
                fh.seek(-1, os.SEEK_END)
                partial = fh.read(1) != b"\n"
        else:
            partial = False
        self.fh: IO[str] = path.open("a", encoding="utf-8")
        if partial:
            self.fh.write("\n")
        self.dirty = partial

    def write(self, text: str) -> None:
        self.fh.write(text + "\n")
        self.dirty = True


class EvidenceStore:
    """Records transcript lines and events under ``root``; holds one chain tail per
    conversation (the last line only), and signs chain heads with the key in
    ``signing_key`` (default: ``decoy-signing-key.pem`` beside the folder, made on first use)."""

    def __init__(
        self, root: Path, *, sync_interval_s: float = 0.05, signing_key: Path | None = None
    ) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            root.chmod(0o700)  # transcripts and the operator socket: investigators only
        self.sync_interval_s = sync_interval_s
        self.signer = HeadSigner.load_or_create(signing_key or default_key_path(root))
        publish_public_key(root, self.signer)
        self._files: dict[Path, _File] = {}
        self._chains: dict[tuple[Path, str], TranscriptChain] = {}
        self._unsigned: set[tuple[Path, str]] = set()  # chains grown since their last head
        self._heads: dict[Path, _File] = {}  # written only under _commit_lock
        self._commit_lock = threading.Lock()
        self.heads_signed = 0
        self._flusher: asyncio.Task[None] | None = None
        self.lines_written = 0

    # -- writing ----------------------------------------------------------------------
    def _file(self, path: Path) -> _File:
        file = self._files.get(path)
        if file is None:
            self._resume(path)
            file = self._files[path] = _File(path)
        return file

    def _resume(self, path: Path) -> None:
        """Pick up every chain's last line from an existing file."""
        if not path.exists():
            return
        with path.open(encoding="utf-8") as fh:
            for raw in fh:
                try:
                    line = line_from_json(raw)
                except ValueError:
                    continue  # the report names damaged lines; a run just goes on
                self._chains[(path, line.partner)] = TranscriptChain(line)

    def record(
        self,
        *,
        network: str,
        partner: str,
        sender: Sender,
        text: str,
        at: datetime,
        level: str | None = None,
        line_id: str | None = None,
        room: bool = False,
    ) -> TranscriptLine:
        """Append one line to the partner's (or room's) chain and write it."""
        suffix = ROOMS_SUFFIX if room else ".jsonl"
        path = self.root / f"{file_stem(network)}{suffix}"
        file = self._file(path)
        chain = self._chains.get((path, partner))
        if chain is None:
            chain = self._chains[(path, partner)] = TranscriptChain()
        line = chain.append(
            at=at,
            network=network,
            partner=partner,
            sender=sender,
            text=text,
            level=level,
            line_id=line_id,
        )
        file.write(line.to_json())
        self._unsigned.add((path, partner))
        self.lines_written += 1
        return line

    def event(self, network: str, partner: str, event: str, at: datetime, **fields: object) -> None:
        """Context beside the transcripts (level changes, takeovers, failed sends)."""
        path = self.root / f"{file_stem(network)}{EVENTS_SUFFIX}"
        record: dict[str, object] = {
            "at": at.isoformat(),
            "network": network,
            "partner": partner,
            "event": event,
        }
        record.update(fields)
        self._file(path).write(json.dumps(record, ensure_ascii=False, separators=(",", ":")))

    # -- durability -------------------------------------------------------------------
    def _flush(self) -> list[int]:
        fds = []
        for file in self._files.values():
            if file.dirty:
                file.fh.flush()
                file.dirty = False
                fds.append(file.fh.fileno())
        return fds

    def _heads_due(self) -> list[tuple[Path, dict[str, object]]]:
        """The unsigned heads of every chain that grew since its last head (not yet signed:
        signing happens off the event loop)."""
        at = datetime.now(UTC).isoformat()
        due: list[tuple[Path, dict[str, object]]] = []
        for path, partner in self._unsigned:
            last = self._chains[(path, partner)].last
            if last is not None:
                record: dict[str, object] = {
                    "network": last.network,
                    "partner": partner,
                    "seq": last.seq,
                    "hash": last.hash,
                    "at": at,
                }
                due.append((heads_path(path), record))
        self._unsigned.clear()
        return due

    def _commit(self, fds: list[int], heads: list[tuple[Path, dict[str, object]]]) -> None:
        """Lines on disk first, then their signed heads (a head never covers a line a crash
        could lose)."""
        with self._commit_lock:
            _fsync_all(fds)
            if not heads:
                return
            written: set[Path] = set()
            for path, record in heads:
                file = self._heads.get(path)
                if file is None:
                    file = self._heads[path] = _File(path)
                file.write(json.dumps(self.signer.sign(record), ensure_ascii=False,
                                      separators=(",", ":")))  # fmt: skip
                written.add(path)
            for path in written:
                self._heads[path].fh.flush()
                os.fsync(self._heads[path].fh.fileno())
            self.heads_signed += len(heads)

    async def sync(self) -> None:
        """Everything recorded so far is on disk, and signed, when this returns."""
        fds = self._flush()
        heads = self._heads_due()
        if fds or heads:
            await asyncio.to_thread(self._commit, fds, heads)

    async def _flush_forever(self) -> None:
        while True:
            await asyncio.sleep(self.sync_interval_s)
            await self.sync()

    def start(self) -> None:
        if self._flusher is None:
            self._flusher = asyncio.get_running_loop().create_task(self._flush_forever())

    async def close(self) -> None:
        if self._flusher is not None:
            self._flusher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._flusher
            self._flusher = None
        self._commit(self._flush(), self._heads_due())
        for file in self._files.values():
            file.fh.close()
        self._files.clear()
        with self._commit_lock:
            for file in self._heads.values():
                file.fh.close()
            self._heads.clear()

    def write_dossiers(self, dossiers: list[Dossier]) -> Path:
        path = self.root / DOSSIERS_NAME
        tmp = path.with_suffix(".tmp")
        with tmp.open("w", encoding="utf-8") as fh:
            fh.writelines(d.to_json() + "\n" for d in dossiers)
            fh.flush()
            os.fsync(fh.fileno())
        tmp.replace(path)
        return path


def _fsync_all(fds: list[int]) -> None:
    for fd in fds:
        os.fsync(fd)
