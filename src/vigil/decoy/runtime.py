"""The decoy's asyncio runtime: transport events in, engine decisions out, every line recorded.

One process serves many transports (accounts) and rooms. Per conversation the runtime holds
little (target, pending replies while the persona "types", operator watchers); the engine
holds level and dossier, the evidence store the chain tail.

Safety: the only code that hands text to a transport is ``DecoyRuntime._emit``, and it takes
a ``Decision``: a reviewed bank line the engine chose and guarded, or an operator line the
engine's ``on_operator`` guard passed. ``_emit`` checks the guard once more (a cached look-up)
and transports refuse control characters, so no CTCP/DCC, media or multi-line text goes out.

Threads: with semantic retrieval a decision costs ~19 ms of MiniLM (p99 ~55 ms), so the
engine then runs on one dedicated worker thread (``engine_thread``): every engine call that
ranks lines or scans text (``on_message``, ``on_join``, ``on_idle``, ``on_operator``, guard
checks that miss the guard's cache) goes there, one at a time, and the event loop stays free
for other conversations, the console and the evidence flusher. The engine's state is still
touched by one thread at a time; only ``take``/``release`` flip a flag from the loop. With
keyword retrieval (~0.4 ms a decision) the engine runs inline, which is cheaper.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from typing import TypeVar

from vigil.core import ConfigError
from vigil.decoy.engine import Decision, DecoyEngine
from vigil.decoy.evidence import EvidenceStore
from vigil.decoy.guard import GuardResult
from vigil.decoy.runtime_state import ConversationInfo, LiveConversation, RuntimeStats, Watcher
from vigil.decoy.transcript import Sender, TranscriptLine
from vigil.decoy.transport import Incoming, Transport, TransportError, utcnow, wire_text

log = logging.getLogger(__name__)
# Re-exported: callers (the package, the benchmark, tests) import these from the runtime.
__all__ = [
    "ConversationInfo",
    "DecoyRuntime",
    "Incoming",
    "RuntimeStats",
    "Transport",
    "TransportError",
    "utcnow",
    "wire_text",
]

MAX_RECORD_CHARS = 8000  # a flood must not fill the disk; the cut is noted as an event
MAX_PENDING = 3  # replies queued while the persona "types"; older ones are dropped
T = TypeVar("T")


class DecoyRuntime:
    def __init__(
        self,
        engine: DecoyEngine,
        evidence: EvidenceStore,
        *,
        clock: Callable[[], datetime] = utcnow,
        idle_tick_s: float = 60.0,
        reconnect_s: float = 5.0,
        measure: bool = False,
        engine_thread: bool | None = None,
    ) -> None:
        """``engine_thread``: run the engine on one worker thread (default: when its bank
        ranks lines semantically)."""
        self.engine = engine
        self.evidence = evidence
        self.clock = clock
        self.idle_tick_s = idle_tick_s
        self.reconnect_s = reconnect_s
        self.measure = measure  # keep decision latencies (benchmark)
        self.stats = RuntimeStats()
        self._transports: dict[str, tuple[Transport, tuple[str, ...]]] = {}
        self._live: dict[tuple[str, str], LiveConversation] = {}
        self._rooms: dict[tuple[str, str], tuple[Transport, float]] = {}
        self._tasks: list[asyncio.Task[None]] = []
        self._room_tasks: set[asyncio.Task[None]] = set()
        self._joined: dict[str, asyncio.Event] = {}
        self._stopping = False
        self.errors: dict[str, str] = {}  # network -> the last connection error
        if engine_thread is None:
            engine_thread = getattr(engine.bank.retriever, "name", "") == "semantic"
        self._threaded = engine_thread
        self._engine_pool = (
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="decoy-engine")
            if engine_thread
            else None
        )

    @property
    def engine_thread(self) -> bool:
        """Whether the engine runs (ran, after ``stop``) on its worker thread."""
        return self._threaded

    async def _engine(self, call: Callable[..., T], *args: object) -> T:
        """``call(*args)`` on the engine's worker thread, or inline without one."""
        if self._engine_pool is None:
            return call(*args)
        return await asyncio.get_running_loop().run_in_executor(self._engine_pool, call, *args)

    async def guard_check(self, text: str) -> GuardResult:
        """The outbound guard's verdict on ``text``, checked where the engine runs."""
        cached = self.engine.guard.cached(text)
        return cached if cached is not None else await self._engine(self.engine.guard.check, text)

    # -- lifecycle --------------------------------------------------------------------
    def add(self, transport: Transport, rooms: Iterable[str] = ()) -> None:
        if transport.network in self._transports:
            raise ConfigError(f"two accounts share the network label {transport.network!r}.")
        self._transports[transport.network] = (transport, tuple(rooms))
        self._joined[transport.network] = asyncio.Event()

    async def start(self) -> None:
        self.evidence.start()
        # Every bank line prepared before the first partner writes (semantic: one model call
        # instead of a 100+ ms stall for the first partner to meet each family).
        await self._engine(self.engine.warm)
        loop = asyncio.get_running_loop()
        for transport, rooms in self._transports.values():
            self._tasks.append(loop.create_task(self._serve(transport, rooms)))
        if self.idle_tick_s > 0:
            self._tasks.append(loop.create_task(self._idle_loop()))

    async def ready(self, timeout: float = 30.0) -> None:
        """Wait until every transport has connected and asked to join its rooms."""
        events = [e.wait() for e in self._joined.values()]
        await asyncio.wait_for(asyncio.gather(*events), timeout)

    async def run(self, stop: asyncio.Event) -> None:
        await self.start()
        try:
            await stop.wait()
        finally:
            await self.stop()

    async def stop(self) -> None:
        self._stopping = True
        for task in (*self._tasks, *self._room_tasks):
            task.cancel()
        for live in self._live.values():
            if live.sender is not None:
                live.sender.cancel()
        pending = [t for t in (*self._tasks, *self._room_tasks) if not t.done()]
        pending += [v.sender for v in self._live.values() if v.sender is not None]
        await asyncio.gather(*pending, return_exceptions=True)
        self._tasks.clear()
        for transport, _rooms in self._transports.values():
            with contextlib.suppress(Exception):
                await asyncio.wait_for(transport.close(), 5.0)
        if self._engine_pool is not None:
            pool, self._engine_pool = self._engine_pool, None  # later calls run inline
            await asyncio.to_thread(pool.shutdown)
        await self.evidence.close()

    async def _serve(self, transport: Transport, rooms: tuple[str, ...]) -> None:
        """Connect, join, dispatch events; reconnect after a dropped connection."""
        while not self._stopping:
            try:
                await transport.connect()
                for room in rooms:
                    await transport.join(room)
                self._joined[transport.network].set()
                async for event in transport.incoming():
                    try:
                        await self.handle(transport, event)
                    except Exception:  # one bad event must not stop every conversation
                        log.exception("%s: event from %s failed", transport.network, event.sender)
            except (TransportError, OSError) as exc:
                self.errors[transport.network] = str(exc) or type(exc).__name__
                log.warning("%s: %s", transport.network, exc)
            if not self._stopping:
                await asyncio.sleep(self.reconnect_s)

    # -- events -----------------------------------------------------------------------
    async def handle(self, transport: Transport, event: Incoming) -> None:
        at = event.at or self.clock()
        if event.kind == "private":
            await self._private(transport, event, at)
        elif event.kind == "public" and event.room:
            # Others' public chatter is not recorded (privacy); it only keeps the room lively.
            self._rooms[(transport.network, event.room)] = (transport, time.monotonic())
        elif event.kind == "unanswered":
            self.evidence.event(
                transport.network, event.sender, "unanswered", at, request=event.text[:200]
            )
        elif event.kind == "join":
            room = event.room or event.sender
            self._rooms[(transport.network, room)] = (transport, time.monotonic())
            decision = await self._engine(self.engine.on_join, transport.network, room, at)
            if decision is not None:
                self._room_line(transport, room, decision)

    async def _private(self, transport: Transport, event: Incoming, at: datetime) -> None:
        network, partner = transport.network, event.sender
        key = (network, partner)
        live = self._live.get(key)
        if live is None:
            live = self._live[key] = LiveConversation(transport, partner, event.reply_to or partner)
        self.stats.received += 1
        started = time.perf_counter()
        decision = await self._engine(self.engine.on_message, partner, network, event.text, at)
        if self.measure:
            self.stats.latencies_ms.append((time.perf_counter() - started) * 1000)
        text = event.text[:MAX_RECORD_CHARS]
        line = self.evidence.record(
            network=network, partner=partner, sender="partner", text=text, at=at,
            level=decision.level,
        )  # fmt: skip
        if len(event.text) > MAX_RECORD_CHARS:
            self.evidence.event(network, partner, "truncated", at, chars=len(event.text))
        if decision.level_changed:
            self.evidence.event(
                network, partner, "level", at, level=decision.level, rule=decision.rule,
                evidence=list(decision.evidence),
            )  # fmt: skip
        for item in decision.identifiers:
            self.evidence.event(network, partner, "identifier", at, kind=item.kind,
                                value=item.value)  # fmt: skip
        self._notify(live, line)
        if decision.reply is None or live.taken:  # taken over while the engine thought
            return
        if decision.delay_s <= 0 and not live.outbox:
            await self._emit(decision, transport, live.target, partner, live=live)
            return
        if live.outbox is None:
            live.outbox = deque()
        if len(live.outbox) >= MAX_PENDING:
            live.outbox.popleft()
            self.stats.dropped += 1
        live.outbox.append(decision)
        if live.sender is None:
            live.sender = asyncio.get_running_loop().create_task(self._typing(live))

    async def _typing(self, live: LiveConversation) -> None:
        """Send queued replies one by one after each one's typing delay."""
        try:
            while live.outbox:
                decision = live.outbox[0]
                await asyncio.sleep(decision.delay_s)
                if live.outbox and live.outbox[0] is decision:
                    live.outbox.popleft()
                    await self._emit(decision, live.transport, live.target, live.partner, live=live)
        finally:
            live.sender = None

    def _room_line(self, transport: Transport, room: str, decision: Decision) -> None:
        """Say ``decision`` in a public room after its typing delay, without holding up the
        transport's other events."""
        if decision.reply is None:
            return
        self._rooms[(transport.network, room)] = (transport, time.monotonic())
        task = asyncio.get_running_loop().create_task(self._say_in_room(transport, room, decision))
        self._room_tasks.add(task)
        task.add_done_callback(self._room_tasks.discard)

    async def _say_in_room(self, transport: Transport, room: str, decision: Decision) -> None:
        await asyncio.sleep(decision.delay_s)
        await self._emit(decision, transport, room, room, room=True)

    async def _idle_loop(self) -> None:
        while True:
            await asyncio.sleep(self.idle_tick_s)
            now, mono = self.clock(), time.monotonic()
            for (network, room), (transport, last) in list(self._rooms.items()):
                decision = await self._engine(self.engine.on_idle, network, room, now, mono - last)
                if decision is not None:
                    self._room_line(transport, room, decision)

    # -- the one way out --------------------------------------------------------------
    async def _emit(
        self,
        decision: Decision,
        transport: Transport,
        target: str,
        partner: str,
        *,
        live: LiveConversation | None = None,
        room: bool = False,
        sender: Sender = "decoy",
    ) -> bool:
        """Record ``decision.reply`` in the evidence, then send it. Nothing else sends."""
        text = decision.reply
        network = transport.network
        at = self.clock()
        if text is None:
            return False
        if not (await self.guard_check(text)).ok:
            self.stats.blocked += 1
            self.evidence.event(network, partner, "blocked", at, line_id=decision.line_id)
            return False
        line = self.evidence.record(
            network=network, partner=partner, sender=sender, text=text, at=at,
            level=None if room else decision.level, line_id=decision.line_id, room=room,
        )  # fmt: skip
        if live is not None:
            self._notify(live, line)
        try:
            await transport.send(target, text)
        except (TransportError, OSError, ValueError) as exc:
            self.stats.failed += 1
            self.evidence.event(network, partner, "send_failed", at, seq=line.seq, error=str(exc))
            return False
        self.stats.sent += 1
        return True

    # -- operator ---------------------------------------------------------------------
    def networks(self) -> list[str]:
        return list(self._transports)

    def conversations(self) -> list[ConversationInfo]:
        out = []
        for (network, partner), live in self._live.items():
            dossier = self.engine.dossier(partner, network)
            if dossier is None:
                continue
            out.append(
                ConversationInfo(
                    network,
                    partner,
                    dossier.level,
                    dossier.messages_in,
                    dossier.messages_out,
                    live.taken,
                    # A copy: the engine's thread may add identifiers meanwhile.
                    sum(len(v) for v in list(dossier.identifiers.values())),
                )
            )
        return out

    def find(self, partner: str, network: str | None = None) -> tuple[str, str]:
        """The (network, partner) key of a live conversation; LookupError says why not."""
        if network is not None:
            if (network, partner) not in self._live:
                raise LookupError(f"no conversation with {partner} on {network}")
            return network, partner
        keys = [k for k in self._live if k[1] == partner]
        if not keys:
            raise LookupError(f"no conversation with {partner}")
        if len(keys) > 1:
            raise LookupError(f"{partner} talks on several networks; name the network too")
        return keys[0]

    def take(self, key: tuple[str, str]) -> None:
        """The operator types from now on; queued bank replies are dropped."""
        live = self._live[key]
        live.taken = True
        if live.sender is not None:
            live.sender.cancel()
        if live.outbox:
            live.outbox.clear()
        self.engine.take_over(key[1], key[0], self.clock())
        self.evidence.event(key[0], key[1], "take_over", self.clock())

    def release(self, key: tuple[str, str]) -> None:
        live = self._live[key]
        live.taken = False
        self.engine.hand_back(key[1], key[0], self.clock())
        self.evidence.event(key[0], key[1], "hand_back", self.clock())

    async def say(self, key: tuple[str, str], text: str) -> Decision:
        """An operator line: sent (marked human) only when the engine's guard passes it."""
        live = self._live[key]
        if not live.taken:
            raise LookupError(f"take the conversation with {key[1]} before typing in it")
        decision = await self._engine(self.engine.on_operator, key[1], key[0], text, self.clock())
        if decision.reply is not None:
            await self._emit(
                decision, live.transport, live.target, live.partner, live=live, sender="operator"
            )
        return decision

    def watch(self, key: tuple[str, str], watcher: Watcher) -> None:
        live = self._live[key]
        if live.watchers is None:
            live.watchers = []
        live.watchers.append(watcher)

    def unwatch(self, key: tuple[str, str], watcher: Watcher) -> None:
        live = self._live.get(key)
        if live is not None and live.watchers and watcher in live.watchers:
            live.watchers.remove(watcher)
            if not live.watchers:
                live.watchers = None

    def _notify(self, live: LiveConversation, line: TranscriptLine) -> None:
        for watcher in live.watchers or ():
            watcher(line)
