"""The console's side of a running decoy's operator socket (vigil.decoy.operator).

One connection per console user, kept open: the decoy hands a conversation back when the
connection that took it closes, so a takeover must outlive the request that made it. Routes
run in worker threads, so each connection is a blocking socket behind a lock. Lines the decoy
streams ("* ...", after a take) are skipped: the page reads the conversation from the evidence
files instead, which also gives the lines from before the operator looked.
"""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass
from pathlib import Path

from vigil.core import VigilError

TIMEOUT_S = 5.0
MAX_LINE = 4096


class DecoyUnavailableError(VigilError):
    """No running decoy answers on the configured socket."""


class DecoyRefusedError(VigilError):
    """The decoy answered a command with an error (its one sentence)."""


@dataclass(frozen=True)
class LiveConversation:
    network: str
    partner: str
    level: str
    messages_in: int
    messages_out: int
    identifiers: int
    taken: bool


def parse_conv(line: str) -> LiveConversation:
    """One "conv NETWORK PARTNER level=L in=N out=N ids=N [taken]" answer line."""
    words = line.split()
    fields = dict(w.split("=", 1) for w in words[3:] if "=" in w)
    return LiveConversation(
        network=words[1],
        partner=words[2],
        level=fields.get("level", "?"),
        messages_in=int(fields.get("in", 0)),
        messages_out=int(fields.get("out", 0)),
        identifiers=int(fields.get("ids", 0)),
        taken="taken" in words[3:],
    )


def _sentence(answer: str) -> str:
    text = answer.removeprefix("error").strip() or "the decoy refused the command"
    return text[0].upper() + text[1:].rstrip(".") + "."


class _Connection:
    def __init__(self, path: Path) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(TIMEOUT_S)
        try:
            self.sock.connect(str(path))
        except OSError:
            self.sock.close()
            raise
        self.file = self.sock.makefile("rwb")
        self.taken: tuple[str, str] | None = None
        self._answer()  # the greeting

    def _answer(self) -> list[str]:
        """Lines up to the ok/error answer, streamed conversation lines left out."""
        lines: list[str] = []
        while True:
            raw = self.file.readline(MAX_LINE + 1)
            if not raw:
                raise OSError("the decoy closed the operator connection")
            line = raw.decode("utf-8", "replace").rstrip("\n")
            if line.startswith("* "):
                continue
            lines.append(line)
            if line.startswith(("ok", "error")):
                return lines

    def ask(self, command: str) -> list[str]:
        self.file.write(command.replace("\n", " ").encode("utf-8") + b"\n")
        self.file.flush()
        lines = self._answer()
        if lines[-1].startswith("error"):
            raise DecoyRefusedError(_sentence(lines[-1]))
        return lines

    def close(self) -> None:
        try:
            self.file.close()
        finally:
            self.sock.close()


class OperatorLink:
    """Operator connections to one decoy, one per console user."""

    def __init__(self, evidence: Path, socket_name: str = "operator.sock") -> None:
        self.evidence = evidence
        self.path = evidence / socket_name
        self._conns: dict[str, _Connection] = {}
        self._lock = threading.Lock()

    def _ask(self, user: str, command: str) -> tuple[_Connection, list[str]]:
        with self._lock:
            conn = self._conns.get(user)
            for attempt in (1, 2):  # a decoy restarted since: connect once more
                try:
                    if conn is None:
                        conn = self._conns[user] = _Connection(self.path)
                    return conn, conn.ask(command)
                except OSError as exc:
                    self._drop(user)
                    conn = None
                    if attempt == 2:
                        raise DecoyUnavailableError(
                            f"No running decoy answers on {self.path} ({exc.strerror or exc})."
                        ) from None
            raise AssertionError("unreachable")

    def _drop(self, user: str) -> None:
        conn = self._conns.pop(user, None)
        if conn is not None:
            conn.close()

    def conversations(self, user: str) -> list[LiveConversation]:
        _, lines = self._ask(user, "list")
        return [parse_conv(x) for x in lines if x.startswith("conv ")]

    def taken_by(self, user: str) -> tuple[str, str] | None:
        conn = self._conns.get(user)
        return conn.taken if conn is not None else None

    def take(self, user: str, network: str, partner: str) -> None:
        """Take over; one conversation per operator, so the previous one is handed back."""
        previous = self.taken_by(user)
        if previous is not None and previous != (network, partner):
            self.release(user, *previous)
        conn, _ = self._ask(user, f"take {partner} {network}")
        conn.taken = (network, partner)
        # The page reads the evidence files; an unread stream would only pile up in the decoy.
        self._ask(user, f"unwatch {partner} {network}")

    def say(self, user: str, network: str, partner: str, text: str) -> None:
        """One line into the conversation this user took; refused when the guard says no."""
        if self.taken_by(user) != (network, partner):
            raise DecoyRefusedError("Take the conversation over before typing in it.")
        self._ask(user, f"say {text}")

    def release(self, user: str, network: str, partner: str) -> None:
        if self.taken_by(user) != (network, partner):
            raise DecoyRefusedError("You have not taken that conversation over.")
        conn, _ = self._ask(user, f"release {partner} {network}")
        conn.taken = None

    def close(self) -> None:
        with self._lock:
            for user in list(self._conns):
                self._drop(user)
