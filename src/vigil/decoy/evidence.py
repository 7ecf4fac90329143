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
transcript cut short no longer passes the report.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import threading
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from vigil.core import InputError
from vigil.decoy.dossier import Dossier, dossiers_from_lines
from vigil.decoy.heads import (
    HEADS_SUFFIX,
    PUBLIC_KEY_NAME,
    HeadSigner,
    HeadVerifier,
    SignedHead,
    default_key_path,
    heads_path,
    publish_public_key,
    read_heads,
)
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


# -- reading (vigil decoy report) ---------------------------------------------------------
@dataclass(frozen=True)
class EvidenceSet:
    conversations: list[TranscriptLine]
    rooms: list[TranscriptLine]
    files: list[Path]
    signed_heads: int = 0  # signed heads verified against the transcripts
    signed: bool = False  # whether the folder has a public key (evidence.pub.pem or given)


def transcript_files(root: Path) -> Iterator[Path]:
    for path in sorted(root.glob("*.jsonl")):
        name = path.name
        if not name.endswith((EVENTS_SUFFIX, HEADS_SUFFIX)) and name != DOSSIERS_NAME:
            yield path


def _stem(transcript: Path) -> str:
    return transcript.name.removesuffix(ROOMS_SUFFIX).removesuffix(".jsonl")


def read_evidence(root: Path, public_key: Path | None = None) -> EvidenceSet:
    """Every transcript line under ``root``, with every partner's chain verified, and every
    signed head (``<file>.heads.jsonl``) found in its transcript.

    ``public_key`` pins the key the heads must be signed with; by default the folder's
    ``evidence.pub.pem``. Raises InputError naming the file and line of the first damage.
    """
    if not root.is_dir():
        raise InputError(f"{root} is not an evidence directory.")
    files = list(transcript_files(root))
    if not files:
        raise InputError(f"{root} holds no transcript files (*.jsonl).")
    verifier = _verifier(root, public_key)
    head_files = sorted(root.glob(f"*{HEADS_SUFFIX}"))
    if head_files and verifier is None:
        raise InputError(
            f"{root} holds signed chain heads but no {PUBLIC_KEY_NAME}: the signatures"
            " cannot be checked."
        )
    for heads in head_files:
        if not any(heads_path(path) == heads for path in files):
            raise InputError(
                f"{heads} signs chain heads of a transcript that is missing: the transcript"
                " was removed."
            )
    conversations: list[TranscriptLine] = []
    rooms: list[TranscriptLine] = []
    checked = 0
    for path in files:
        signed: list[SignedHead] = []
        if verifier is not None and heads_path(path).exists():
            signed = read_heads(heads_path(path), verifier)
            for head in signed:
                if file_stem(head.network) != _stem(path):
                    raise InputError(
                        f"{heads_path(path)} line {head.line} signs a head of another file:"
                        " the signed heads were moved."
                    )
        lines = _verified(path, signed)
        checked += len(signed)
        (rooms if path.name.endswith(ROOMS_SUFFIX) else conversations).extend(lines)
    return EvidenceSet(conversations, rooms, files, checked, verifier is not None)


def _verifier(root: Path, public_key: Path | None) -> HeadVerifier | None:
    path = public_key or root / PUBLIC_KEY_NAME
    try:
        pem = path.read_bytes()
    except FileNotFoundError:
        if public_key is not None:
            raise InputError(f"public key {public_key} does not exist.") from None
        return None
    verifier = HeadVerifier.from_pem(pem, path)
    if public_key is not None:
        folder_key = root / PUBLIC_KEY_NAME
        if folder_key.exists() and folder_key.read_bytes().strip() != pem.strip():
            raise InputError(
                f"{folder_key} is not the given public key {public_key}: the folder was"
                " re-signed with another key."
            )
    return verifier


def _verified(path: Path, signed: list[SignedHead]) -> list[TranscriptLine]:
    # Every signed head must be met: (partner, seq) -> the head that signs it.
    pending: dict[tuple[str, int], SignedHead] = {(h.partner, h.seq): h for h in signed}
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
            head = pending.pop((line.partner, line.seq), None) if pending else None
            if head is not None and head.hash != line.hash:
                raise InputError(
                    f"{path} line {number} differs from the signed head of partner"
                    f" {line.partner!r} ({heads_path(path).name} line {head.line}):"
                    " the transcript was altered."
                )
            tails[line.partner] = line
            lines.append(line)
    if pending:
        head = max(pending.values(), key=lambda h: (h.line, h.seq))
        tail = tails.get(head.partner)
        have = 0 if tail is None else tail.seq + 1
        raise InputError(
            f"{path} is shorter than its signed head for partner {head.partner!r}"
            f" ({have} lines on disk, {head.seq + 1} signed in {heads_path(path).name} line"
            f" {head.line}): lines were cut off the transcript."
        )
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
