"""The decoy on a real XMPP server: Debian's prosody with a multi-user chat component,
started on loopback for each test with accounts made by prosodyctl.

A scripted partner (a second slixmpp client, clinical lines only) sits in the room and
writes to the decoy privately, both through the room and straight to its account. Under CI
a missing prosody is installed; elsewhere the tests skip with a one-line reason.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import slixmpp

from conftest import ensure_debian_package
from test_decoy_irc import free_port, serving
from vigil.content import load_lexicon, make_matcher
from vigil.decoy import DecoyRuntime, EvidenceStore, build_engine, dossiers_from_evidence
from vigil.decoy import read_evidence as read_evidence_dir
from vigil.decoy.adapters.xmpp import XmppTransport
from vigil.decoy.runtime import TransportError

ROOM = "kids@conference.localhost"
SCRIPT = [
    "hi",
    "how old are you",
    "do you have cam",
    "i send money if you show on cam",
    "my skype is test.partner99",
]

PROSODY_CONF = """
run_as_root = true
pidfile = "{root}/prosody.pid"
data_path = "{root}/data"
certificates = "{root}/certs"
plugin_paths = {{}}
modules_enabled = {{ "roster"; "saslauth"; "disco"; "ping"; "posix" }}
modules_disabled = {{ "s2s"; "offline" }}
c2s_ports = {{ {port} }}
c2s_interfaces = {{ "127.0.0.1" }}
s2s_ports = {{}}
c2s_direct_tls_ports = {{}}
legacy_ssl_ports = {{}}
http_ports = {{}}
https_ports = {{}}
c2s_require_encryption = false
authentication = "internal_hashed"
storage = "internal"
log = {{ info = "{root}/prosody.log" }}
limits = {{ c2s = {{ rate = "10mb/s"; burst = "10s" }} }}
VirtualHost "localhost"
Component "conference.localhost" "muc"
  restrict_room_creation = false
  muc_room_locking = false
  muc_room_default_public = true
"""
ACCOUNTS = {"decoy": "decoy-pass-1", "partner": "partner-pass-2"}


def prosody_binaries() -> tuple[str, str]:
    if not (shutil.which("prosody") and shutil.which("prosodyctl")):
        ensure_debian_package("prosody", "prosody")
    return shutil.which("prosody") or "prosody", shutil.which("prosodyctl") or "prosodyctl"


@contextlib.contextmanager
def prosody_server(tmp: Path) -> Iterator[int]:
    prosody, prosodyctl = prosody_binaries()
    root = tmp / "prosody"
    (root / "data").mkdir(parents=True)
    (root / "certs").mkdir()
    port = free_port()
    conf = root / "prosody.cfg.lua"
    conf.write_text(PROSODY_CONF.format(root=root, port=port))
    env = {**os.environ, "HOME": str(root)}
    for user, password in ACCOUNTS.items():
        done = subprocess.run(
            [prosodyctl, "--config", str(conf), "register", user, "localhost", password],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        assert done.returncode == 0, done.stderr
    with serving([prosody, "--config", str(conf), "-F"], port, root / "stdout.log", env):
        yield port


@pytest.fixture()
def prosody(tmp_path: Path) -> Iterator[int]:
    with prosody_server(tmp_path) as port:
        yield port


@pytest.fixture(scope="module")
def matcher():  # type: ignore[no-untyped-def]
    return make_matcher(load_lexicon())


class XmppPartner:
    """A scripted partner on slixmpp; ``seen`` holds (type, from, body) of what arrives."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.seen: asyncio.Queue[tuple[str, str, str]] = asyncio.Queue()
        self.client = slixmpp.ClientXMPP(
            "partner@localhost",
            ACCOUNTS["partner"],
            plugin_config={"feature_mechanisms": {"unencrypted_scram": True}},
        )
        self.client.register_plugin("xep_0045")
        self.client.enable_direct_tls = False
        self.client.enable_plaintext = False

    async def connect(self) -> None:
        ready: asyncio.Future[None] = asyncio.get_running_loop().create_future()

        def on_start(_event: Any) -> None:
            self.client.send_presence()
            ready.set_result(None)

        def on_message(msg: Any) -> None:
            self.seen.put_nowait((str(msg["type"]), str(msg["from"]), str(msg["body"])))

        self.client.add_event_handler("session_start", on_start)
        self.client.add_event_handler("message", on_message)
        self.client.connect("127.0.0.1", self.port)
        await asyncio.wait_for(ready, 10)
        await self.client.plugin["xep_0045"].join_muc_wait(
            slixmpp.JID(ROOM), "bob", maxstanzas=0, timeout=10
        )

    async def reply_from(self, sender: str, timeout: float = 10.0) -> str:
        while True:
            kind, frm, body = await asyncio.wait_for(self.seen.get(), timeout)
            if frm.startswith(sender) and kind == "chat":
                return body

    def say(self, to: str, text: str) -> None:
        self.client.send_message(mto=slixmpp.JID(to), mbody=text, mtype="chat")


def test_the_decoy_answers_in_room_pms_and_direct_chats(
    prosody: int, tmp_path: Path, matcher: Any
) -> None:
    engine = build_engine(matcher=matcher, retrieval="keyword", pace="instant", rng_seed=5)
    evidence_dir = tmp_path / "evidence"
    replies: list[str] = []

    async def main() -> None:
        runtime = DecoyRuntime(engine, EvidenceStore(evidence_dir), idle_tick_s=0)
        decoy = XmppTransport(
            "decoy@localhost",
            ACCOUNTS["decoy"],
            host="127.0.0.1",
            port=prosody,
            nick="lily",
            allow_plaintext=True,  # loopback server without certificates
        )
        runtime.add(decoy, [ROOM])
        await runtime.start()
        await runtime.ready(20)
        partner = XmppPartner(prosody)
        await partner.connect()
        for line in SCRIPT:  # privately through the room
            partner.say(f"{ROOM}/lily", line)
            replies.append(await partner.reply_from(f"{ROOM}/lily"))
        partner.say("decoy@localhost", "how old are you")  # straight to the account
        replies.append(await partner.reply_from("decoy@localhost"))
        partner.client.send_message(mto=slixmpp.JID(ROOM), mbody="hello room", mtype="groupchat")
        await asyncio.sleep(0.2)
        await asyncio.wait_for(partner.client.disconnect(), 5)
        await runtime.stop()

    asyncio.run(asyncio.wait_for(main(), 45))
    assert len(replies) == len(SCRIPT) + 1
    assert all(engine.guard.check(r).ok for r in replies)
    evidence = read_evidence_dir(evidence_dir)
    dossiers = {d.partner: d for d in dossiers_from_evidence(evidence)}
    assert set(dossiers) == {f"{ROOM}/bob", "partner@localhost"}
    room_partner = dossiers[f"{ROOM}/bob"]
    assert room_partner.network == "xmpp:decoy@localhost"
    assert room_partner.level == "confirmed"
    assert room_partner.identifiers["handle"] == ["skype:test.partner99"]
    out = [x.text for x in evidence.conversations if x.direction == "out"]
    assert all(engine.guard.check(text).ok for text in out)
    assert not any("hello room" in x.text for x in evidence.conversations)


def test_a_wrong_password_is_a_transport_error(prosody: int) -> None:
    async def main() -> None:
        decoy = XmppTransport(
            "decoy@localhost", "wrong", host="127.0.0.1", port=prosody, allow_plaintext=True
        )
        with pytest.raises(TransportError, match="login as decoy@localhost failed"):
            await decoy.connect()

    asyncio.run(asyncio.wait_for(main(), 20))


def test_a_server_without_tls_is_refused_unless_allowed(prosody: int) -> None:
    async def main() -> None:
        decoy = XmppTransport("decoy@localhost", ACCOUNTS["decoy"], host="127.0.0.1", port=prosody)
        with pytest.raises(TransportError, match="refusing to chat in clear"):
            await decoy.connect()

    asyncio.run(asyncio.wait_for(main(), 20))
