"""The operator console: a line protocol on a UNIX socket in the evidence directory.

The socket is created with mode 0600 inside a 0700 directory: only the account running the
decoy can attach. Commands (one a line; answers start with "ok", "error", "conv" or "*"):

  list                          live conversations
  watch PARTNER [NETWORK]       stream that conversation's new lines ("* ...")
  unwatch PARTNER [NETWORK]
  take PARTNER [NETWORK]        the engine falls silent; this console types (and watches)
  say TEXT                      into the conversation taken last; the guard checks it
  release [PARTNER [NETWORK]]   hand back to the engine
  quit

A console that disconnects hands back what it took, so no conversation stays mute.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import stat
from pathlib import Path

from vigil.decoy.runtime import DecoyRuntime
from vigil.decoy.runtime_state import Watcher
from vigil.decoy.transcript import TranscriptLine

HELP = (
    "commands: list | watch PARTNER [NETWORK] | unwatch PARTNER [NETWORK] | "
    "take PARTNER [NETWORK] | say TEXT | release [PARTNER [NETWORK]] | quit"
)
MAX_LINE = 4096


def format_line(line: TranscriptLine) -> str:
    arrow = "<" if line.direction == "in" else ">"
    who = "human" if line.human else line.sender
    return f"* {line.at[11:19]} {line.network} {line.partner} {arrow} {who}: {line.text}"


class OperatorServer:
    def __init__(self, runtime: DecoyRuntime, path: Path) -> None:
        self.runtime = runtime
        self.path = path
        self._server: asyncio.AbstractServer | None = None
        self._sessions: set[asyncio.Task[None]] = set()

    async def start(self) -> None:
        if self.path.exists() or self.path.is_symlink():
            if not stat.S_ISSOCK(self.path.lstat().st_mode):
                raise FileExistsError(f"{self.path} exists and is not a socket")
            self.path.unlink()  # left by a run that did not stop cleanly
        old = os.umask(0o177)  # the socket is born 0600: no window where others can connect
        try:
            self._server = await asyncio.start_unix_server(
                self._serve, path=str(self.path), limit=MAX_LINE
            )
        finally:
            os.umask(old)
        self.path.chmod(0o600)

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
            for task in list(self._sessions):
                task.cancel()
            await asyncio.gather(*self._sessions, return_exceptions=True)
            await self._server.wait_closed()
            self._server = None
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        if task is not None:
            self._sessions.add(task)
        session = _Session(self.runtime, writer)
        try:
            session.send(f"ok vigil decoy console; {HELP}")
            while True:
                try:
                    raw = await reader.readline()
                except (ValueError, asyncio.LimitOverrunError):
                    session.send(f"error lines are limited to {MAX_LINE} bytes")
                    break
                if not raw:
                    break
                if not await session.command(raw.decode("utf-8", "replace").strip()):
                    break
                await writer.drain()
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            session.end()
            with contextlib.suppress(Exception):
                writer.close()
            if task is not None:
                self._sessions.discard(task)


class _Session:
    def __init__(self, runtime: DecoyRuntime, writer: asyncio.StreamWriter) -> None:
        self.runtime = runtime
        self.writer = writer
        self.watching: dict[tuple[str, str], Watcher] = {}
        self.taken: list[tuple[str, str]] = []

    def send(self, text: str) -> None:
        if not self.writer.is_closing():
            self.writer.write(text.replace("\n", " ").encode("utf-8") + b"\n")

    async def command(self, line: str) -> bool:
        """Run one command; False ends the session."""
        verb, _, rest = line.partition(" ")
        verb = verb.lower()
        try:
            if verb in ("quit", "exit"):
                self.send("ok bye")
                return False
            if verb == "help" or not verb:
                self.send(f"ok {HELP}")
            elif verb == "list":
                self._list()
            elif verb == "watch":
                self._watch(self._key(rest))
            elif verb == "unwatch":
                self._unwatch(self._key(rest))
            elif verb == "take":
                self._take(self._key(rest))
            elif verb == "say":
                await self._say(rest.strip())
            elif verb == "release":
                self._release(self._key(rest) if rest.strip() else None)
            else:
                self.send(f"error unknown command {verb!r}; {HELP}")
        except LookupError as exc:
            self.send(f"error {exc.args[0] if exc.args else exc}")
        return True

    def _key(self, rest: str) -> tuple[str, str]:
        words = rest.split()
        if not words or len(words) > 2:
            raise LookupError("name a partner (and, when needed, its network)")
        return self.runtime.find(words[0], words[1] if len(words) == 2 else None)

    def _list(self) -> None:
        conversations = self.runtime.conversations()
        for c in conversations:
            mark = " taken" if c.taken_over else ""
            self.send(
                f"conv {c.network} {c.partner} level={c.level} in={c.messages_in}"
                f" out={c.messages_out} ids={c.identifiers}{mark}"
            )
        self.send(f"ok {len(conversations)} conversations")

    def _watch(self, key: tuple[str, str]) -> None:
        if key not in self.watching:
            watcher: Watcher = lambda line: self.send(format_line(line))  # noqa: E731
            self.watching[key] = watcher
            self.runtime.watch(key, watcher)
        self.send(f"ok watching {key[1]} on {key[0]}")

    def _unwatch(self, key: tuple[str, str]) -> None:
        watcher = self.watching.pop(key, None)
        if watcher is not None:
            self.runtime.unwatch(key, watcher)
        self.send(f"ok stopped watching {key[1]}")

    def _take(self, key: tuple[str, str]) -> None:
        self.runtime.take(key)
        if key in self.taken:
            self.taken.remove(key)
        self.taken.append(key)
        if key not in self.watching:
            watcher: Watcher = lambda line: self.send(format_line(line))  # noqa: E731
            self.watching[key] = watcher
            self.runtime.watch(key, watcher)
        self.send(f"ok taken {key[1]} on {key[0]}; the decoy is silent there until release")

    async def _say(self, text: str) -> None:
        if not self.taken:
            raise LookupError("take a conversation before typing in it")
        if not text:
            raise LookupError("say what?")
        key = self.taken[-1]
        decision = await self.runtime.say(key, text)
        if decision.reply is None:
            reasons = ", ".join((await self.runtime.guard_check(text)).reasons) or "guard"
            self.send(f"error the guard refused that line ({reasons}); nothing was sent")
        else:
            self.send(f"ok sent to {key[1]}")

    def _release(self, key: tuple[str, str] | None) -> None:
        if key is None:
            if not self.taken:
                raise LookupError("nothing taken")
            key = self.taken[-1]
        self.runtime.release(key)
        if key in self.taken:
            self.taken.remove(key)
        self.send(f"ok released {key[1]}; the decoy answers again")

    def end(self) -> None:
        for key in self.taken:
            with contextlib.suppress(KeyError):
                self.runtime.release(key)
        self.taken.clear()
        for key, watcher in self.watching.items():
            self.runtime.unwatch(key, watcher)
        self.watching.clear()
