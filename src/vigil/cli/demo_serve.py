"""The demo's own case store: a VIGIL_HOME under the output folder, one user per role with a
printed password, one open case, and the console served on loopback beside the live decoy.

The store never comes from the user's settings: a configured database URL or key file could be
a real deployment's, and demo users with published passwords must never reach one.
"""

from __future__ import annotations

import asyncio
import shutil
import signal
import socket
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from vigil.cases import Actor, Case, CaseService, Role
from vigil.cli.demo_decoy import LiveDecoy
from vigil.cli.session import now
from vigil.core import InputError, Settings
from vigil.fusion import QueueRow
from vigil.store.case_open import open_service
from vigil.web import create_app

HOME_NAME = "vigil-home"
MARKER = ".vigil-demo"  # only a folder holding this is ever wiped by a later demo run
# The demo logins: user name -> (role, password). Published on purpose: simulated data only.
USERS: dict[str, tuple[Role, str]] = {
    "admin": (Role.ADMIN, "admin-demo-pw"),
    "analyst": (Role.ANALYST, "analyst-demo-pw"),
    "legal": (Role.LEGAL_OFFICER, "legal-demo-pw"),
    "supervisor": (Role.SUPERVISOR, "supervisor-demo-pw"),
    "investigator": (Role.INVESTIGATOR, "investigator-demo-pw"),
    "auditor": (Role.AUDITOR, "auditor-demo-pw"),
}


def fresh_home(folder: Path) -> Path:
    """An empty demo home under ``folder``; the previous demo's is replaced, anything else
    of that name is refused rather than deleted."""
    home = folder / HOME_NAME
    if home.exists():
        if not (home / MARKER).is_file():
            raise InputError(f"{home} exists and is not a vigil demo's; pick another --out.")
        shutil.rmtree(home)
    home.mkdir(parents=True, mode=0o700)
    (home / MARKER).write_text("created by vigil demo; deleted by the next run\n")
    return home


def demo_service(settings: Settings, home: Path) -> CaseService:
    """The workflow on SQLite and fresh keys in ``home``, whatever the settings configure."""
    cases = settings.cases.model_copy(
        update={"database_url": "", "master_key_file": None, "signing_key_file": None}
    )
    service, _ = open_service(settings.model_copy(update={"home": home, "cases": cases}))
    return service


def add_demo_users(service: CaseService, at: datetime) -> dict[str, Actor]:
    actors: dict[str, Actor] = {}
    admin: Actor | None = None
    for name, (role, password) in USERS.items():
        user = service.add_user(admin, name, password, frozenset({role}), at)
        admin = admin or user.actor
        actors[name] = user.actor
    return actors


def open_demo_case(service: CaseService, analyst: Actor, rows: list[QueueRow]) -> Case | None:
    """The analyst opens a case on the first account that all three methods point at (or the
    top of the queue), as one would from the console."""
    if not rows:
        return None
    row = next((r for r in rows if len(r.contributions) == 3), rows[0])
    return service.open_case(
        analyst,
        [row.account],
        row.origin,
        f"Demo: queue rank {row.rank}, fused score {row.score:.2f} from "
        f"{', '.join(row.methods)}; review before requesting an authorisation.",
        now(),
        findings=[dict(f) for f in row.findings],
        country=row.country,
    )


def free_port(host: str) -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        port: int = s.getsockname()[1]
        return port


def serve_console(
    service: CaseService,
    rows: list[QueueRow],
    port: int,
    files: tuple[str, ...],
    contacts: Iterable[Mapping[str, Any]],
    decoy: LiveDecoy,
    banner: Callable[[], None],
) -> Path:
    """Serve the console and run the live decoy until Ctrl-C (or SIGTERM), on loopback only
    (plain HTTP, so cookies without Secure); ``banner`` is printed once both are up. Returns
    the decoy's dossiers file, written after its evidence is closed."""
    web = create_app(
        service, rows, clock=now, secure_cookies=False, queue_files=files, contacts=contacts,
        decoy_evidence=decoy.evidence,
    )  # fmt: skip
    return asyncio.run(_serve(web, port, decoy, banner))


async def _serve(web: FastAPI, port: int, decoy: LiveDecoy, banner: Callable[[], None]) -> Path:
    import uvicorn  # only serving needs it

    server = uvicorn.Server(
        uvicorn.Config(
            web, host="127.0.0.1", port=port, log_level="warning", proxy_headers=False,
            server_header=False,
        )
    )  # fmt: skip

    def stop() -> None:
        server.should_exit = True

    # Our handlers, not asyncio.run's (which cancels the main task): a Ctrl-C must end the
    # server, then close the decoy's evidence, never cancel that closing half-way. uvicorn
    # swaps in its own while serving (a second Ctrl-C there stops waiting for requests), then
    # puts ours back and replays the signal to them, which only sets the flag again.
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop)
    try:
        await decoy.start()
        banner()
        await server.serve()
    finally:
        dossiers = await decoy.stop()
    return dossiers
