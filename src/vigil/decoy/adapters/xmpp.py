"""XMPP transport on slixmpp: one account, multi-user chat rooms (XEP-0045), private chats.

A private line comes either straight from an account (the partner is its bare JID) or from
a room occupant (the partner is ``room@service/nick``, and answers go back the same way).
Only chat and groupchat bodies are sent; no receipts, chat states, files or links. Contact
requests are neither accepted nor made: the decoy offers nothing but its answers.
TLS: STARTTLS when the server offers it; ``allow_plaintext`` (loopback tests) lets a
server without it through, otherwise such a session is closed before anything is said.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Literal

import slixmpp
from slixmpp import JID
from slixmpp.stanza import Message

from vigil.decoy.adapters.events import EventQueue
from vigil.decoy.transport import Incoming, TransportError, wire_text


class XmppTransport:
    def __init__(
        self,
        jid: str,
        password: str,
        *,
        host: str | None = None,
        port: int | None = None,
        nick: str | None = None,
        allow_plaintext: bool = False,
        connect_timeout: float = 30.0,
    ) -> None:
        self.jid = JID(jid)
        if not self.jid.user or not self.jid.domain:
            raise ValueError(f"{jid!r} is not a JID like name@server")
        self.password = password
        self.host = host
        self.port = port
        self.nick = nick or self.jid.user
        self.allow_plaintext = allow_plaintext
        self.connect_timeout = connect_timeout
        self.rooms: set[str] = set()
        self._client: slixmpp.ClientXMPP | None = None
        self._events = EventQueue()
        self._session: asyncio.Future[None] | None = None

    @property
    def network(self) -> str:
        return f"xmpp:{self.jid.bare}"

    # -- connection -------------------------------------------------------------------
    async def connect(self) -> None:
        loop = asyncio.get_running_loop()
        self._events.reset()
        self.rooms.clear()
        # SCRAM never sends the password; slixmpp still wants TLS for it unless told.
        mechanisms = {"unencrypted_scram": self.allow_plaintext}
        client = slixmpp.ClientXMPP(
            str(self.jid), self.password, plugin_config={"feature_mechanisms": mechanisms}
        )
        client.register_plugin("xep_0045")  # multi-user chat
        client.register_plugin("xep_0199")  # answers the server's pings
        client.enable_direct_tls = False
        client.enable_starttls = True
        client.enable_plaintext = False
        client.auto_authorize = False
        client.auto_subscribe = False
        self._session = loop.create_future()
        client.add_event_handler("session_start", self._on_session)
        client.add_event_handler("failed_auth", self._on_failed_auth)
        client.add_event_handler("no_auth", self._on_no_auth)
        client.add_event_handler("message", self._on_message)
        client.add_event_handler("groupchat_message", self._on_groupchat)
        client.add_event_handler("disconnected", self._on_disconnected)
        self._client = client
        client.connect(self.host, self.port)
        try:
            await asyncio.wait_for(asyncio.shield(self._session), self.connect_timeout)
        except TimeoutError as exc:
            await self.close()
            raise TransportError(f"cannot start an XMPP session as {self.jid.bare}") from exc
        except TransportError:
            await self.close()
            raise

    async def join(self, room: str) -> None:
        client = self._require()
        try:
            await client.plugin["xep_0045"].join_muc_wait(
                JID(room), self.nick, maxstanzas=0, timeout=self.connect_timeout
            )
        except TimeoutError as exc:
            raise TransportError(f"could not join {room}") from exc
        self.rooms.add(JID(room).bare)
        self._events.put(Incoming("join", room, room=room))

    async def send(self, target: str, text: str) -> None:
        client = self._require()
        to = JID(target)
        kind: Literal["chat", "groupchat"] = "groupchat" if str(to) in self.rooms else "chat"
        client.send_message(mto=to, mbody=wire_text(text), mtype=kind)

    def incoming(self) -> AsyncIterator[Incoming]:
        return self._events.stream()

    @property
    def dropped(self) -> int:
        return self._events.dropped

    async def close(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(client.disconnect(wait=1.0), 5.0)
        self._events.put(None)

    def _require(self) -> slixmpp.ClientXMPP:
        if self._client is None or not self._client.is_connected():
            raise TransportError(f"not connected as {self.jid.bare}")
        return self._client

    # -- slixmpp events ---------------------------------------------------------------
    async def _on_session(self, _event: object) -> None:
        client = self._client
        if client is None or self._session is None or self._session.done():
            return
        secure = client.transport is not None and (
            client.transport.get_extra_info("ssl_object") is not None
        )
        if not secure and not self.allow_plaintext:
            self._session.set_exception(
                TransportError(f"{self.jid.domain} offered no TLS; refusing to chat in clear")
            )
            return
        client.send_presence()
        self._session.set_result(None)

    def _on_failed_auth(self, _event: object) -> None:
        if self._session is not None and not self._session.done():
            self._session.set_exception(TransportError(f"login as {self.jid.bare} failed"))

    def _on_no_auth(self, _event: object) -> None:
        # slixmpp logs in over a clear stream only with allow_plaintext (SCRAM, never PLAIN).
        if self._session is not None and not self._session.done():
            self._session.set_exception(
                TransportError(
                    f"{self.jid.domain} offered no TLS and no login this client may use in clear;"
                    " refusing to chat in clear"
                )
            )

    def _on_message(self, msg: Message) -> None:
        if msg["type"] not in ("chat", "normal") or not msg["body"]:
            return
        sender: JID = msg["from"]
        if sender.bare in self.rooms:
            partner = str(sender)  # a room occupant writing privately
            if not sender.resource or sender.resource == self.nick:
                return
        else:
            partner = str(sender.bare)
            if partner == self.jid.bare:
                return
        self._events.put(Incoming("private", partner, str(msg["body"]), reply_to=partner))

    def _on_groupchat(self, msg: Message) -> None:
        sender: JID = msg["from"]
        if sender.resource and sender.resource != self.nick and msg["body"]:
            room = str(sender.bare)
            self._events.put(Incoming("public", sender.resource, str(msg["body"]), room=room))

    def _on_disconnected(self, _event: object) -> None:
        if self._session is not None and not self._session.done():
            self._session.set_exception(TransportError(f"{self.jid.domain} closed the stream"))
        self._events.put(None)
