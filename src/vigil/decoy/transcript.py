"""Transcripts as hash chains: every line in and out, tamper-evident, pure (no I/O).

Each line's hash is SHA-256 over its canonical JSON (every field but the hash, including
the previous line's hash), so editing, inserting, dropping or reordering a line breaks the
chain at that line. The runtime writes the lines (JSONL) and later hands them to the
evidence vault; lines typed by a human operator carry sender "operator".
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Literal

Direction = Literal["in", "out"]
Sender = Literal["partner", "decoy", "operator"]
GENESIS = "0" * 64
_SENDERS: dict[str, Direction] = {"partner": "in", "decoy": "out", "operator": "out"}


@dataclass(frozen=True, slots=True)
class TranscriptLine:
    seq: int
    at: str  # ISO-8601 with offset
    network: str
    partner: str
    direction: Direction
    sender: Sender
    text: str
    level: str | None
    line_id: str | None
    prev: str
    hash: str

    @property
    def human(self) -> bool:
        """Typed by a person on the decoy's side (operator takeover)."""
        return self.sender == "operator"

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":"))


def _digest(fields: dict[str, object]) -> str:
    canonical = json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _fields(line: TranscriptLine) -> dict[str, object]:
    fields = asdict(line)
    del fields["hash"]
    return fields


def make_line(
    prev: TranscriptLine | None,
    *,
    at: datetime,
    network: str,
    partner: str,
    sender: Sender,
    text: str,
    level: str | None = None,
    line_id: str | None = None,
) -> TranscriptLine:
    """The next line of a chain (``prev`` None starts one)."""
    if sender not in _SENDERS:
        raise ValueError(f"unknown sender {sender!r}")
    fields: dict[str, object] = {
        "seq": 0 if prev is None else prev.seq + 1,
        "at": at.isoformat(),
        "network": network,
        "partner": partner,
        "direction": _SENDERS[sender],
        "sender": sender,
        "text": text,
        "level": level,
        "line_id": line_id,
        "prev": GENESIS if prev is None else prev.hash,
    }
    return TranscriptLine(**fields, hash=_digest(fields))  # type: ignore[arg-type]


class TranscriptChain:
    """Appends lines to one chain; holds only the last line."""

    __slots__ = ("last",)

    def __init__(self, last: TranscriptLine | None = None) -> None:
        self.last = last

    def append(
        self,
        *,
        at: datetime,
        network: str,
        partner: str,
        sender: Sender,
        text: str,
        level: str | None = None,
        line_id: str | None = None,
    ) -> TranscriptLine:
        self.last = make_line(
            self.last,
            at=at,
            network=network,
            partner=partner,
            sender=sender,
            text=text,
            level=level,
            line_id=line_id,
        )
        return self.last


def line_from_json(text: str) -> TranscriptLine:
    """Parse one JSONL line; ValueError when it is not a transcript line."""
    try:
        data = json.loads(text)
        return TranscriptLine(**data)
    except (json.JSONDecodeError, TypeError) as exc:
        raise ValueError(f"not a transcript line: {exc}") from exc


def verify_chain(
    lines: Sequence[TranscriptLine], *, prev: str = GENESIS, first_seq: int = 0
) -> int | None:
    """Index of the first line that breaks the chain, or None when it is intact.

    A whole chain starts from the genesis hash at seq 0; a later segment passes the hash
    and seq of the line before it.
    """
    prev_hash = prev
    for index, line in enumerate(lines):
        if (
            line.seq != first_seq + index
            or line.prev != prev_hash
            or _SENDERS.get(line.sender) != line.direction
            or _digest(_fields(line)) != line.hash
        ):
            return index
        prev_hash = line.hash
    return None
