"""Reading an evidence directory (see vigil.decoy.evidence for its layout): every chain and
signed head verified, for `vigil decoy report`, the console and the case vault; and the tail
of one live conversation, read while the decoy writes.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from vigil.core import InputError
from vigil.decoy.dossier import Dossier, dossiers_from_lines
from vigil.decoy.evidence import DOSSIERS_NAME, EVENTS_SUFFIX, ROOMS_SUFFIX, file_stem
from vigil.decoy.heads import (
    HEADS_SUFFIX,
    PUBLIC_KEY_NAME,
    HeadVerifier,
    SignedHead,
    heads_path,
    read_heads,
)
from vigil.decoy.transcript import GENESIS, TranscriptLine, line_from_json, verify_chain


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
