"""The serving demo's live decoy: the decoy runtime on an in-process transport, its operator
socket in an evidence folder under the demo's output, and a handful of simulated partners who
write at human pace, so the console's decoy page has conversations that grow and can be taken
over.

Glue in the entry layer on purpose (as in decoy_eval): ``vigil.simulate`` may not import the
decoy, nor the decoy the simulator. The partners only see what was sent to them, by the decoy
or by an operator who took their conversation over.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import shutil
from pathlib import Path

from vigil.core import InputError
from vigil.decoy import (
    DecoyRuntime,
    EvidenceStore,
    InProcessTransport,
    OperatorServer,
    build_engine,
    dossiers_from_evidence,
    read_evidence,
)
from vigil.decoy.evidence import SOCKET_NAME
from vigil.simulate import PartnerScript, simulate_partners

EVIDENCE_NAME = "decoy-live"
MARKER = ".vigil-demo"  # only a folder holding this is ever wiped by a later demo run
NETWORK = "demo-chat"
LIVE = 5  # partners writing at once
TOTAL = 40  # partners over the demo's life; after them the decoy's conversations stay listed
SUSPECT_SHARE = 0.5  # more suspects than in the evaluation: levels move on the page
TICK_S = 2.5  # seconds per tick of a script's pause: a line every few seconds
MAX_TICKS = 4  # a script's rare long pauses (up to 20 ticks) would look like a stalled demo
FIRST_S = 1.0  # the first partners start within seconds of the console
REPLY_WAIT_S = 30.0  # at human pace the decoy reads and "types" for up to ~20 s
TAKEN_WAIT_S = 300.0  # a partner waits longer for an operator who took the conversation
MAX_SOCKET_PATH = 107  # bytes in a UNIX socket path (sun_path), terminator excluded


def evidence_folder(folder: Path) -> Path:
    """Where the live decoy writes, refused before any work when its socket cannot be bound."""
    evidence = folder.resolve() / EVIDENCE_NAME
    if len(os.fsencode(evidence / SOCKET_NAME)) > MAX_SOCKET_PATH:
        raise InputError(
            f"--out {folder} is too deep for the decoy's operator socket (a UNIX socket path "
            f"holds at most {MAX_SOCKET_PATH} bytes); pick a shorter --out."
        )
    return evidence


def fresh_evidence(evidence: Path) -> None:
    """An empty evidence folder; the previous demo's is replaced, anything else of that name
    is refused rather than deleted."""
    if evidence.exists():
        if not (evidence / MARKER).is_file():
            raise InputError(f"{evidence} exists and is not a vigil demo's; pick another --out.")
        shutil.rmtree(evidence)
    evidence.mkdir(parents=True, mode=0o700)
    (evidence / MARKER).write_text("created by vigil demo; deleted by the next run\n")


class LiveDecoy:
    """The decoy and its partners on the running event loop: ``start``, then ``stop``."""

    def __init__(self, evidence: Path, seed: int) -> None:
        self.evidence = evidence
        self.seed = seed
        # Keyword retrieval: no model to load, so the console is up in a second.
        engine = build_engine(retrieval="keyword", rng_seed=seed, pace="human")
        self.runtime = DecoyRuntime(engine, EvidenceStore(evidence))
        self.transport = InProcessTransport(NETWORK)
        self.runtime.add(self.transport)
        self.operator = OperatorServer(self.runtime, evidence / SOCKET_NAME)
        self._partners: asyncio.Task[None] | None = None

    async def start(self) -> None:
        await self.runtime.start()
        await self.runtime.ready()
        await self.operator.start()
        self._partners = asyncio.get_running_loop().create_task(self._drive())

    async def stop(self) -> Path:
        """Partners gone, operators handed back, every line on disk and signed; then the
        dossiers over the whole folder, written beside the transcripts."""
        if self._partners is not None:
            self._partners.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._partners
        await self.operator.close()
        await self.runtime.stop()
        try:
            dossiers = dossiers_from_evidence(read_evidence(self.evidence))
        except InputError:  # unreadable back: this run's own view still goes out
            dossiers = list(self.runtime.engine.dossiers())
        return self.runtime.evidence.write_dossiers(dossiers)

    # -- the partners' side -----------------------------------------------------------
    async def _drive(self) -> None:
        scripts = simulate_partners(TOTAL, SUSPECT_SHARE, self.seed)
        seats = asyncio.Semaphore(LIVE)

        async def one(i: int, script: PartnerScript) -> None:
            rng = random.Random(f"{self.seed}/{script.partner_id}")
            async with seats:
                # The first ones stagger in; later ones arrive a while after a seat frees.
                await asyncio.sleep(FIRST_S * i if i < LIVE else rng.uniform(5.0, 20.0))
                await self._talk(script, rng)

        await asyncio.gather(*(one(i, s) for i, s in enumerate(scripts)))

    async def _talk(self, script: PartnerScript, rng: random.Random) -> None:
        reply: str | None = None
        while (line := script.next_line(reply, rng)) is not None:
            self.transport.deliver(script.partner_id, line)
            reply = await self._reply(script.partner_id)
            await asyncio.sleep(min(script.pause, MAX_TICKS) * TICK_S * rng.uniform(0.7, 1.3))

    async def _reply(self, partner: str) -> str | None:
        """The next line sent to ``partner``; None when none came in time (the script then
        nudges or leaves, as a person would)."""
        box = self.transport.outbox(partner)
        waited = 0.0
        while True:
            try:
                return await asyncio.wait_for(box.get(), REPLY_WAIT_S)
            except TimeoutError:
                waited += REPLY_WAIT_S
                if waited >= TAKEN_WAIT_S or not self._taken(partner):
                    return None

    def _taken(self, partner: str) -> bool:
        return any(c.partner == partner and c.taken_over for c in self.runtime.conversations())
