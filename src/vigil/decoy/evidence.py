"""The evidence directory: append-only, hash-chained JSONL transcripts, one file per network.

Layout of DIR:
  <network>.jsonl         private conversations, one hash chain per partner
  <network>.rooms.jsonl   the decoy's own lines in public rooms, one chain per room
  <network>.events.jsonl  context (level changes, takeovers, failed sends); not chained
  operator.sock           the running decoy's operator console (mode 0600)
  dossiers.jsonl          written when a run ends

Lines are written at once and fsync'd by group commit (every ``sync_interval_s``, in a
worker thread so the event loop never waits on the disk) and on close. A restarted run
continues every partner's chain from the last line on disk.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO

from vigil.core import InputError
from vigil.decoy.dossier import Dossier, dossiers_from_lines
from vigil.decoy.transcript import (
    GENESIS,
    Sender,
    TranscriptChain,
    TranscriptLine,
    line_from_json,
    verify_chain,
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
    conversation (the last line only)."""

    def __init__(self, root: Path, *, sync_interval_s: float = 0.05) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            root.chmod(0o700)  # transcripts and the operator socket: investigators only
        self.sync_interval_s = sync_interval_s
        self._files: dict[Path, _File] = {}
        self._chains: dict[tuple[Path, str], TranscriptChain] = {}
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

    async def sync(self) -> None:
        """Everything recorded so far is on disk when this returns."""
        fds = self._flush()
        if fds:
            await asyncio.to_thread(_fsync_all, fds)

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
        _fsync_all(self._flush())
        for file in self._files.values():
            file.fh.close()
        self._files.clear()

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


# -- reading (vigil decoy report) ---------------------------------------------------------
@dataclass(frozen=True)
class EvidenceSet:
    conversations: list[TranscriptLine]
    rooms: list[TranscriptLine]
    files: list[Path]


def transcript_files(root: Path) -> Iterator[Path]:
    for path in sorted(root.glob("*.jsonl")):
        if not path.name.endswith(EVENTS_SUFFIX) and path.name != DOSSIERS_NAME:
            yield path


def read_evidence(root: Path) -> EvidenceSet:
    """Every transcript line under ``root``, with every partner's chain verified.

    Raises InputError naming the file and line of the first damage found.
    """
    if not root.is_dir():
        raise InputError(f"{root} is not an evidence directory.")
    files = list(transcript_files(root))
    if not files:
        raise InputError(f"{root} holds no transcript files (*.jsonl).")
    conversations: list[TranscriptLine] = []
    rooms: list[TranscriptLine] = []
    for path in files:
        lines = _verified(path)
        (rooms if path.name.endswith(ROOMS_SUFFIX) else conversations).extend(lines)
    return EvidenceSet(conversations, rooms, files)


def _verified(path: Path) -> list[TranscriptLine]:
    tails: dict[str, TranscriptLine] = {}
    lines: list[TranscriptLine] = []
    with path.open(encoding="utf-8") as fh:
        for number, raw in enumerate(fh, start=1):
            try:
                line = line_from_json(raw)
            except ValueError:
                raise InputError(
                    f"{path} line {number} is not a transcript line: the evidence is damaged."
                ) from None
            prev = tails.get(line.partner)
            if not _follows(prev, line):
                raise InputError(
                    f"{path} line {number} breaks the hash chain of partner {line.partner!r}:"
                    " the transcript was altered."
                )
            tails[line.partner] = line
            lines.append(line)
    return lines


def _follows(prev: TranscriptLine | None, line: TranscriptLine) -> bool:
    if prev is None:
        return verify_chain([line], prev=GENESIS, first_seq=0) is None
    return verify_chain([line], prev=prev.hash, first_seq=prev.seq + 1) is None


def dossiers_from_evidence(evidence: EvidenceSet) -> list[Dossier]:
    return dossiers_from_lines(evidence.conversations)


def conversation_tail(
    root: Path, network: str, partner: str, last: int = 50
) -> list[TranscriptLine]:
    """The last ``last`` lines of one live conversation, read while the decoy writes: a line
    not yet complete on disk is skipped, not an error (the chain is verified by reports)."""
    path = root / f"{file_stem(network)}.jsonl"
    found: deque[TranscriptLine] = deque(maxlen=last)
    try:
        with path.open(encoding="utf-8") as fh:
            for raw in fh:
                if f'"partner":{json.dumps(partner, ensure_ascii=False)}' not in raw:
                    continue  # cheap pre-filter; parsed below
                try:
                    line = line_from_json(raw)
                except ValueError:
                    continue
                if line.partner == partner and line.network == network:
                    found.append(line)
    except FileNotFoundError:
        return []
    return list(found)
