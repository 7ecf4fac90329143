"""A transport inside the process, for tests, the benchmark and `vigil demo`: the partners are
code in the same process (scripted or simulated), never people on a network."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from datetime import datetime

from vigil.decoy.adapters.events import EventQueue
from vigil.decoy.transport import Incoming, TransportError, wire_text


class InProcessTransport:
    """Test code calls ``deliver``/``say_in_room``; what the decoy sends lands in per-target
    queues (``keep`` lines each, 0 for none) and in ``on_send``."""

    def __init__(
        self,
        network: str = "inprocess",
        *,
        keep: int = 100,
        on_send: Callable[[str, str], None] | None = None,
    ) -> None:
        self._network = network
        self.keep = keep
        self.on_send = on_send
        self.connected = False
        self.rooms: set[str] = set()
        self.sent_count = 0
        self._events = EventQueue(0)  # unbounded: test code is the only sender
        self._outboxes: dict[str, asyncio.Queue[str]] = {}

    @property
    def network(self) -> str:
        return self._network

    async def connect(self) -> None:
        self.connected = True

    async def join(self, room: str) -> None:
        self.rooms.add(room)
        self._events.put(Incoming("join", room, room=room))

    async def send(self, target: str, text: str) -> None:
        if not self.connected:
            raise TransportError("not connected")
        wire_text(text)
        self.sent_count += 1
        if self.on_send is not None:
            self.on_send(target, text)
        if self.keep:
            box = self.outbox(target)
            if box.full():
                box.get_nowait()
            box.put_nowait(text)

    def incoming(self) -> AsyncIterator[Incoming]:
        return self._events.stream()

    async def close(self) -> None:
        self.connected = False
        self._events.put(None)

    # -- the partners' side -----------------------------------------------------------
    def deliver(self, sender: str, text: str, at: datetime | None = None) -> None:
        """A private line from ``sender`` to the decoy."""
        self._events.put(Incoming("private", sender, text, at=at))

    def say_in_room(self, room: str, sender: str, text: str) -> None:
        self._events.put(Incoming("public", sender, text, room=room))

    def outbox(self, target: str) -> asyncio.Queue[str]:
        """Lines the decoy sent to ``target`` (a partner or a room), oldest first."""
        box = self._outboxes.get(target)
        if box is None:
            box = self._outboxes[target] = asyncio.Queue(max(self.keep, 1))
        return box

    async def next_line(self, target: str, timeout: float = 5.0) -> str:
        return await asyncio.wait_for(self.outbox(target).get(), timeout)
