"""A running decoy for the console tests: the runtime, an in-process transport and the
operator socket on an event loop in a thread (the console's routes block on the socket).

Partner lines are short and clinical, never a description.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine
from pathlib import Path
from typing import Any, TypeVar

from vigil.content import load_lexicon, make_matcher
from vigil.decoy import (
    DecoyRuntime,
    EvidenceStore,
    InProcessTransport,
    OperatorServer,
    build_engine,
)

T = TypeVar("T")
NETWORK = "test-net"


class LiveDecoy:
    def __init__(self, evidence: Path) -> None:
        self.evidence = evidence
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        engine = build_engine(
            matcher=make_matcher(load_lexicon()), retrieval="keyword", pace="instant", rng_seed=3
        )
        self.transport = InProcessTransport(NETWORK)
        self.runtime = DecoyRuntime(engine, EvidenceStore(evidence), idle_tick_s=0)
        self.runtime.add(self.transport)
        self.server = OperatorServer(self.runtime, evidence / "operator.sock")
        self.run(self._start())

    async def _start(self) -> None:
        await self.runtime.start()
        await self.runtime.ready()
        await self.server.start()

    def run(self, coro: Coroutine[Any, Any, T], timeout: float = 10) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def deliver(self, partner: str, text: str) -> None:
        self.loop.call_soon_threadsafe(self.transport.deliver, partner, text)

    def reply(self, partner: str, timeout: float = 5.0) -> str:
        return self.run(self.transport.next_line(partner, timeout), timeout + 1)

    def converse(self, partner: str, lines: list[str]) -> list[str]:
        out = []
        for text in lines:
            self.deliver(partner, text)
            out.append(self.reply(partner))
        return out

    def silent(self, partner: str) -> bool:
        async def empty() -> bool:
            await asyncio.sleep(0.1)
            return self.transport.outbox(partner).empty()

        return self.run(empty())

    def taken(self) -> set[str]:
        async def get() -> set[str]:
            return {c.partner for c in self.runtime.conversations() if c.taken_over}

        return self.run(get())

    def stop(self) -> None:
        async def stop() -> None:
            await self.server.close()
            await self.runtime.stop()

        self.run(stop())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=5)
        self.loop.close()
