"""The runtime's bookkeeping: what it holds per live conversation, what the operator console
lists, and the counters the benchmark reads."""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from vigil.decoy.engine import Decision
from vigil.decoy.transcript import TranscriptLine
from vigil.decoy.transport import Transport

Watcher = Callable[[TranscriptLine], None]


@dataclass(frozen=True, slots=True)
class ConversationInfo:
    network: str
    partner: str
    level: str
    messages_in: int
    messages_out: int
    taken_over: bool
    identifiers: int = 0  # values in the dossier, all kinds: the console shows counts only


@dataclass
class RuntimeStats:
    received: int = 0
    sent: int = 0
    blocked: int = 0
    dropped: int = 0
    failed: int = 0
    latencies_ms: deque[float] = field(default_factory=lambda: deque(maxlen=100_000))


class LiveConversation:
    """Runtime state of one conversation; bounded (outbox and watchers made on demand)."""

    __slots__ = ("outbox", "partner", "sender", "taken", "target", "transport", "watchers")

    def __init__(self, transport: Transport, partner: str, target: str) -> None:
        self.transport = transport
        self.partner = partner
        self.target = target
        self.outbox: deque[Decision] | None = None
        self.sender: asyncio.Task[None] | None = None
        self.watchers: list[Watcher] | None = None
        self.taken = False
