"""What the workflow commands share: the clock, the login session file and the opened store.

- "Now" is the wall clock in UTC, or VIGIL_NOW (ISO-8601) so tests and drills can move time.
- A login writes $VIGIL_HOME/session (or VIGIL_SESSION), mode 0600, JSON with the username
  and the session token; every other command reads it and asks the store who it belongs to.
  The store keeps only the token's SHA-256, so the file is the only usable copy.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from vigil.cases import Actor, AuditEvent, CaseService
from vigil.cli.app import console, out
from vigil.cli.context import settings_from
from vigil.core import AuthError, InputError, PermissionDeniedError, Settings
from vigil.store.case_open import open_service
from vigil.store.case_store import SqlCaseStore

ConfigOpt = Annotated[Path | None, typer.Option("--config", help="TOML config file.")]
PasswordStdinOpt = Annotated[
    bool,
    typer.Option(
        "--password-stdin", help="Read the password from the first line of standard input."
    ),
]


def say(text: str, *, err: bool = False) -> None:
    """One plain line: no markup (user text may hold brackets), no wrapping, for scripts."""
    (console if err else out).print(text, markup=False, highlight=False, soft_wrap=True)


def parse_time(text: str, what: str) -> datetime:
    """An ISO-8601 moment as aware UTC; a time without a zone is taken as UTC."""
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise InputError(
            f"{what} {text!r} is not an ISO-8601 date or time (e.g. 2026-03-01T12:00:00Z)."
        ) from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def now() -> datetime:
    override = os.environ.get("VIGIL_NOW", "").strip()
    return parse_time(override, "VIGIL_NOW") if override else datetime.now(UTC)


def session_path(settings: Settings) -> Path:
    override = os.environ.get("VIGIL_SESSION", "").strip()
    return Path(override) if override else settings.home / "session"


def write_new_private(path: Path, data: bytes) -> None:
    """Write decrypted content (evidence, identities) to a file that must not exist yet,
    readable by its owner only (0600, created exclusively: nothing is overwritten)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)


def write_session(path: Path, username: str, token: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    # An existing file keeps its old mode through O_CREAT: tighten it explicitly.
    os.fchmod(fd, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump({"username": username, "token": token}, fh)
        fh.write("\n")


def read_session(path: Path) -> tuple[str, str]:
    if not path.is_file():
        raise AuthError("Not logged in; run `vigil login USER` first.")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return str(data["username"]), str(data["token"])
    except (ValueError, KeyError, TypeError):
        raise AuthError(
            f"The session file {path} is damaged; run `vigil login USER` again."
        ) from None


def read_password(from_stdin: bool, *, env: str | None = None, confirm: bool = False) -> str:
    """The password from stdin's first line, an environment variable, or a hidden prompt."""
    if from_stdin:
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            raise InputError("--password-stdin was given but standard input is empty.")
        return line
    if env and os.environ.get(env):
        return os.environ[env]
    value: str = typer.prompt("Password", hide_input=True, confirmation_prompt=confirm, err=True)
    return value


@dataclass
class Cases:
    """The opened workflow for one command: settings, service, store and the moment."""

    settings: Settings
    service: CaseService
    store: SqlCaseStore
    now: datetime

    @property
    def session_file(self) -> Path:
        return session_path(self.settings)

    def token(self) -> str:
        return read_session(self.session_file)[1]

    def actor(self) -> Actor:
        return self.service.actor_for(self.token(), self.now)

    def permit(self, actor: Actor, permission: str, action: str, target: str) -> None:
        """A permission check outside the service's own acts; a refusal is audited."""
        try:
            self.service.workflow.require(actor, permission)
        except PermissionDeniedError as exc:
            self.audit(actor, action, target, "refused", reason=str(exc))
            raise

    def audit(self, actor: Actor, action: str, target: str, outcome: str, **details: Any) -> None:
        self.store.audit_alone(
            AuditEvent(self.now, actor.username, action, target, outcome, dict(details))
        )


def open_cases(config: Path | None) -> Cases:
    moment = now()  # a bad VIGIL_NOW fails before anything is created
    settings = settings_from(config)
    service, store = open_service(settings)
    return Cases(settings, service, store, moment)
