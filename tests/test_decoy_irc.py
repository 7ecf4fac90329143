"""The decoy on a real IRC server: Debian's ngircd, started on loopback for each test.

A scripted partner (a second IRC connection, clinical lines only) meets the decoy in a
channel and writes to it privately. Under CI a missing ngircd is installed; elsewhere the
tests skip with a one-line reason.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import irc.client  # type: ignore[import-untyped]
import irc.client_aio  # type: ignore[import-untyped]
import irc.connection  # type: ignore[import-untyped]
import pytest

from conftest import ensure_debian_package
from vigil.content import load_lexicon, make_matcher
from vigil.decoy import DecoyRuntime, EvidenceStore, build_engine, dossiers_from_evidence
from vigil.decoy import read_evidence as read_evidence_dir
from vigil.decoy.adapters.irc import IrcTransport

CHANNEL = "#kids"
SCRIPT = [
    "hi",
    "how old are you",
    "do you have cam",
    "i send money if you show on cam",
    "my skype is test.partner99",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, proc: subprocess.Popen[bytes], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with {proc.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port} after {timeout} s")


@contextlib.contextmanager
def serving(
    argv: list[str], port: int, log_path: Path, env: dict[str, str] | None = None
) -> Iterator[int]:
    """A server process started for a test, up once ``port`` listens; stopped (then killed,
    if it lingers) on exit, its output kept in ``log_path``."""
    with log_path.open("wb") as log:
        proc = subprocess.Popen(argv, stdout=log, stderr=log, env=env)
        try:
            wait_for_port(port, proc)
            yield port
        finally:
            proc.terminate()
            try:
                proc.wait(5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def ngircd_binary() -> str:
    for candidate in ("/usr/sbin/ngircd", shutil.which("ngircd")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    ensure_debian_package("ngircd", "ngircd")
    return shutil.which("ngircd") or "/usr/sbin/ngircd"


NGIRCD_CONF = """[Global]
Name = irc.vigil.test
Info = vigil test server
AdminInfo1 = vigil tests
AdminInfo2 = loopback
AdminEMail = tests@vigil.invalid
Listen = 127.0.0.1
Ports = {port}
MotdPhrase = test server
[Limits]
MaxConnections = {max_connections}
MaxConnectionsIP = 0
MaxJoins = 50
MaxNickLength = 30
MaxPenaltyTime = 0
PingTimeout = 300
PongTimeout = 60
[Options]
PAM = no
Ident = no
DNS = no
"""


@contextlib.contextmanager
def ngircd_server(tmp: Path, max_connections: int = 100) -> Iterator[int]:
    """A private ngircd on a free loopback port; yields the port."""
    binary = ngircd_binary()
    port = free_port()
    conf = tmp / "ngircd.conf"
    conf.write_text(NGIRCD_CONF.format(port=port, max_connections=max_connections))
    conf.chmod(0o644)
    with serving([binary, "-n", "-f", str(conf)], port, tmp / "ngircd.log"):
        yield port


@pytest.fixture()
def ngircd(tmp_path: Path) -> Iterator[int]:
    with ngircd_server(tmp_path) as port:
        yield port


@dataclass
class Seen:
    kind: str
    source: str
    target: str
    text: str


class IrcPartner:
    """A scripted chat partner: a plain IRC client that records what it receives."""

    def __init__(self, nick: str) -> None:
        self.nick = nick
        self.seen: asyncio.Queue[Seen] = asyncio.Queue()
        self.conn: Any = None

    async def connect(self, port: int) -> None:
        reactor = irc.client_aio.AioReactor(loop=asyncio.get_running_loop())
        welcome: asyncio.Future[None] = asyncio.get_running_loop().create_future()

        def on_event(_conn: Any, event: Any) -> None:
            if event.type == "welcome" and not welcome.done():
                welcome.set_result(None)
                return
            source = event.source.nick if event.source and "!" in event.source else ""
            text = str(event.arguments[0]) if event.arguments else ""
            self.seen.put_nowait(Seen(event.type, source, str(event.target), text))

        for kind in ("welcome", "join", "privmsg", "pubmsg", "ctcp", "action", "privnotice"):
            reactor.add_global_handler(kind, on_event)
        self.conn = reactor.server()
        await self.conn.connect(
            "127.0.0.1", port, self.nick, connect_factory=irc.connection.AioFactory()
        )
        await asyncio.wait_for(welcome, 10)

    async def expect(self, kind: str, source: str, timeout: float = 10.0) -> Seen:
        """The next event of ``kind`` from ``source``; other events are kept aside."""
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            left = deadline - asyncio.get_running_loop().time()
            seen = await asyncio.wait_for(self.seen.get(), max(left, 0.01))
            if seen.kind == kind and seen.source == source:
                return seen
            assert seen.kind != "ctcp", f"the decoy sent a CTCP request: {seen}"

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.conn.disconnect("bye")


@pytest.fixture(scope="module")
def matcher():  # type: ignore[no-untyped-def]
    return make_matcher(load_lexicon())


def test_the_decoy_joins_answers_privately_escalates_and_records(
    ngircd: int, tmp_path: Path, matcher: Any
) -> None:
    engine = build_engine(matcher=matcher, retrieval="keyword", pace="instant", rng_seed=5)
    evidence_dir = tmp_path / "evidence"
    replies: list[str] = []

    async def main() -> None:
        runtime = DecoyRuntime(engine, EvidenceStore(evidence_dir), idle_tick_s=0)
        decoy = IrcTransport("127.0.0.1", ngircd, "lily10")
        runtime.add(decoy, [CHANNEL])
        partner = IrcPartner("bob77")
        await partner.connect(ngircd)
        partner.conn.join(CHANNEL)
        await partner.expect("join", "bob77")
        await runtime.start()
        await partner.expect("join", "lily10")  # the decoy joined the channel
        partner.conn.privmsg(CHANNEL, "hello room")
        for line in SCRIPT:
            partner.conn.privmsg("lily10", line)
            replies.append((await partner.expect("privmsg", "lily10")).text)
        partner.conn.privmsg("lily10", "\x01VERSION\x01")  # never answered
        await asyncio.sleep(0.3)
        while not partner.seen.empty():
            seen = partner.seen.get_nowait()
            assert seen.source != "lily10" or seen.kind == "pubmsg", seen
        partner.close()
        await runtime.stop()

    asyncio.run(asyncio.wait_for(main(), 40))
    assert len(replies) == len(SCRIPT)
    assert all(engine.guard.check(r).ok for r in replies)
    evidence = read_evidence_dir(evidence_dir)
    out = [x for x in evidence.conversations if x.direction == "out"]
    assert [x.text for x in out] == replies
    (dossier,) = dossiers_from_evidence(evidence)
    assert dossier.partner == "bob77" and dossier.network == f"irc:127.0.0.1:{ngircd}/lily10"
    assert dossier.level == "confirmed"
    assert dossier.identifiers["handle"] == ["skype:test.partner99"]
    assert "hello room" not in (evidence_dir / f"irc_127.0.0.1_{ngircd}_lily10.jsonl").read_text()
    events = (evidence_dir / f"irc_127.0.0.1_{ngircd}_lily10.events.jsonl").read_text()
    assert '"event":"unanswered"' in events and '"request":"VERSION"' in events


def test_one_process_runs_two_accounts(ngircd: int, tmp_path: Path, matcher: Any) -> None:
    engine = build_engine(matcher=matcher, retrieval="keyword", pace="instant", rng_seed=5)

    async def main() -> None:
        runtime = DecoyRuntime(engine, EvidenceStore(tmp_path / "ev"), idle_tick_s=0)
        for nick, room in (("lily10", "#kids"), ("mae11", "#games")):
            runtime.add(IrcTransport("127.0.0.1", ngircd, nick), [room])
        await runtime.start()
        await runtime.ready()
        partner = IrcPartner("carl55")
        await partner.connect(ngircd)
        for nick in ("lily10", "mae11"):
            partner.conn.privmsg(nick, "how old are you")
            assert engine.guard.check((await partner.expect("privmsg", nick)).text).ok
        partner.close()
        await runtime.stop()

    asyncio.run(asyncio.wait_for(main(), 30))
    networks = {d.network for d in dossiers_from_evidence(read_evidence_dir(tmp_path / "ev"))}
    assert len(networks) == 2
