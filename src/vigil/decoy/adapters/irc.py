"""IRC transport on the ``irc`` library's asyncio reactor.

It joins channels, reports channel lines (public), private lines and its own joins, and
sends PRIVMSG only. CTCP requests (VERSION, DCC offers...) are never answered, only noted
("unanswered"); a CTCP ACTION in private counts as a private line, since it is what the
partner "said".
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

import irc.client  # type: ignore[import-untyped]
import irc.client_aio  # type: ignore[import-untyped]
import irc.connection  # type: ignore[import-untyped]
from jaraco.stream import buffer  # type: ignore[import-untyped]

from vigil.decoy.adapters.events import EventQueue
from vigil.decoy.transport import Incoming, TransportError, wire_text


class IrcTransport:
    def __init__(
        self,
        host: str,
        port: int,
        nick: str,
        *,
        password: str | None = None,
        realname: str | None = None,
        connect_timeout: float = 30.0,
    ) -> None:
        self.host = host
        self.port = port
        self.nick = nick
        self.password = password
        self.realname = realname or nick
        self.connect_timeout = connect_timeout
        self._events = EventQueue()
        self._reactor: Any = None
        self._conn: Any = None
        self._welcome: asyncio.Future[None] | None = None

    @property
    def network(self) -> str:
        return f"irc:{self.host}:{self.port}/{self.nick}"

    # -- connection -------------------------------------------------------------------
    async def connect(self) -> None:
        loop = asyncio.get_running_loop()
        self._events.reset()
        self._reactor = irc.client_aio.AioReactor(loop=loop)
        for kind in ("welcome", "nicknameinuse", "join", "pubmsg", "privmsg", "action", "ctcp",
                     "disconnect", "error"):  # fmt: skip
            self._reactor.add_global_handler(kind, self._on_event)
        self._welcome = loop.create_future()
        self._conn = self._reactor.server()
        # A partner's Latin-1 bytes must not kill the connection (strict UTF-8 would).
        self._conn.buffer_class = buffer.LenientDecodingLineBuffer
        try:
            await asyncio.wait_for(
                self._conn.connect(
                    self.host,
                    self.port,
                    self.nick,
                    password=self.password,
                    ircname=self.realname,
                    connect_factory=irc.connection.AioFactory(),
                ),
                self.connect_timeout,
            )
            await asyncio.wait_for(asyncio.shield(self._welcome), self.connect_timeout)
        except (TimeoutError, irc.client.IRCError) as exc:
            raise TransportError(f"cannot connect to {self.host}:{self.port}: {exc}") from exc

    async def join(self, room: str) -> None:
        self._require().join(room)

    async def send(self, target: str, text: str) -> None:
        self._require().privmsg(target, wire_text(text))  # ValueError when over 512 bytes

    def incoming(self) -> AsyncIterator[Incoming]:
        return self._events.stream()

    @property
    def dropped(self) -> int:
        return self._events.dropped

    async def close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None and conn.is_connected():
            with contextlib.suppress(Exception):
                conn.disconnect("bye")
        self._events.put(None)

    def _require(self) -> Any:
        if self._conn is None or not self._conn.is_connected():
            raise TransportError(f"not connected to {self.host}:{self.port}")
        return self._conn

    # -- events from the reactor (plain callbacks on the event loop) ------------------
    def _on_event(self, conn: Any, event: Any) -> None:
        kind = str(event.type)
        source = str(event.source.nick) if event.source and "!" in str(event.source) else ""
        mine = conn.get_nickname()
        if kind == "welcome":
            if self._welcome is not None and not self._welcome.done():
                self._welcome.set_result(None)
        elif kind == "nicknameinuse":
            conn.nick(conn.get_nickname() + "_")
        elif kind == "join" and source == mine:
            self._events.put(Incoming("join", str(event.target), room=str(event.target)))
        elif kind == "pubmsg" and source != mine:
            room = str(event.target)
            self._events.put(Incoming("public", source, _text(event), room=room))
        elif kind == "ctcp" and source and str(event.target) == mine:
            request = " ".join(str(a) for a in event.arguments)
            if not request.upper().startswith("ACTION"):
                self._events.put(Incoming("unanswered", source, request))
        elif kind in ("privmsg", "action") and source and source != mine:
            if kind == "action" and irc.client.is_channel(str(event.target)):
                return  # a /me in a channel is public chatter
            self._events.put(Incoming("private", source, _text(event)))
        elif kind in ("disconnect", "error"):
            if self._welcome is not None and not self._welcome.done():
                self._welcome.set_exception(TransportError(f"server closed: {_text(event)}"))
            self._conn = None
            self._events.put(None)


def _text(event: Any) -> str:
    return str(event.arguments[0]) if event.arguments else ""
