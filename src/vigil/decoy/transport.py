"""What a transport is to the decoy's runtime: the Transport protocol its adapters (IRC,
XMPP, in-process) implement, the events they deliver, and the one check every line passes
before it reaches a wire."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal, Protocol

EventKind = Literal["public", "private", "join", "unanswered"]


class TransportError(Exception):
    """A transport cannot send or connect (not connected, connection lost)."""


@dataclass(frozen=True, slots=True)
class Incoming:
    """One event from a transport. ``sender`` is the partner (private, public, unanswered)
    or the room (join); ``reply_to`` is where answers go when it differs from ``sender``.
    "unanswered" is a protocol request the decoy never answers (a CTCP VERSION, a DCC file
    offer): noted as an event, since a file offer can matter to investigators."""

    kind: EventKind
    sender: str
    text: str = ""
    room: str | None = None
    reply_to: str | None = None
    at: datetime | None = None


class Transport(Protocol):
    """A chat account: IRC, XMPP or in-process. ``send`` is only ever called by the runtime."""

    @property
    def network(self) -> str: ...

    async def connect(self) -> None: ...

    async def join(self, room: str) -> None: ...

    async def send(self, target: str, text: str) -> None: ...

    def incoming(self) -> AsyncIterator[Incoming]: ...

    async def close(self) -> None: ...


def wire_text(text: str) -> str:
    """``text`` if it is one plain line; transports call this before writing anything, so
    a CTCP/DCC marker, a line break or a NUL can never reach the wire."""
    if not text or any(ord(c) < 32 or c == "\x7f" for c in text):
        raise ValueError("refusing to send an empty line or one with control characters")
    return text


def utcnow() -> datetime:
    return datetime.now(UTC)
