"""The queue between a transport's callbacks and the runtime, shared by every adapter."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from vigil.decoy.transport import Incoming

QUEUE_SIZE = 10_000  # events waiting for the runtime; beyond that a flood is dropped


class EventQueue:
    """Incoming events until an end-of-stream marker (None). When full, new events are
    counted in ``dropped`` and lost; the marker always gets in, so the stream always ends."""

    def __init__(self, maxsize: int = QUEUE_SIZE) -> None:
        self.dropped = 0
        self._maxsize = maxsize
        self._queue: asyncio.Queue[Incoming | None] = asyncio.Queue(maxsize)

    def reset(self) -> None:
        """A fresh stream for a new connection (the old one ended with its marker); the
        dropped count runs on across connections."""
        self._queue = asyncio.Queue(self._maxsize)

    def put(self, event: Incoming | None) -> None:
        if self._queue.full():
            if event is not None:
                self.dropped += 1
                return
            self._queue.get_nowait()
        self._queue.put_nowait(event)

    async def stream(self) -> AsyncIterator[Incoming]:
        while True:
            event = await self._queue.get()
            if event is None:
                return
            yield event
