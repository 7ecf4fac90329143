"""`vigil serve`: the analyst console on the case store, with the fused review queue."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Annotated

import typer

from vigil.cli.app import app, console
from vigil.cli.context import settings_from
from vigil.cli.session import ConfigOpt, now, say
from vigil.core import InputError
from vigil.store.case_open import open_service
from vigil.store.findings_files import read_queue
from vigil.web import create_app


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    queue: Annotated[
        list[Path] | None,
        typer.Option(
            "--queue",
            help="Flags, content scores or decoy dossiers (.parquet/.csv/.jsonl) to fuse into "
            "the review queue; repeat for each file. A flags file's contacts sidecar "
            "(<stem>.contacts.parquet) beside it is read too, for the account charts.",
        ),
    ] = None,
    secure_cookies: Annotated[
        bool | None,
        typer.Option(
            "--secure-cookies/--no-secure-cookies",
            help="Send cookies only over HTTPS (default: on unless serving on loopback).",
        ),
    ] = None,
    decoy_evidence: Annotated[
        Path | None,
        typer.Option(
            "--decoy-evidence",
            help="Evidence folder of a running `vigil decoy run`: the decoy page connects to "
            "its operator socket (investigators and supervisors only).",
        ),
    ] = None,
    provider: Annotated[
        str,
        typer.Option(envvar="VIGIL_PROVIDER", help="Provider named in referral bundles."),
    ] = "",
    config: ConfigOpt = None,
) -> None:
    """Serve the console: login, review queue, case workflow, decoy page, audit page.

    Users and roles are those of `vigil user`; every act goes through the workflow and into
    the audit log. Behind a TLS proxy on another host, keep the default secure cookies.
    """
    import uvicorn  # only this command needs the server

    if not 0 < port < 65536:
        raise InputError(f"--port {port} is not a port number.")
    if decoy_evidence is not None and not decoy_evidence.is_dir():
        raise InputError(f"--decoy-evidence {decoy_evidence} is not a folder.")
    files = list(queue or [])
    inputs = read_queue(files)
    rows = inputs.fuse()
    settings = settings_from(config)
    service, _ = open_service(settings)
    secure = not _loopback(host) if secure_cookies is None else secure_cookies
    web = create_app(
        service,
        rows,
        clock=now,
        secure_cookies=secure,
        provider=provider,
        queue_files=tuple(p.name for p in files),
        decoy_evidence=decoy_evidence,
        contacts=inputs.contacts,
    )
    counts = ", ".join(f"{len(v)} {k} rows" for k, v in inputs.rows.items())
    say(f"queue: {len(rows)} accounts from {counts}; {len(inputs.contacts)} contact rows")
    if service.bootstrap_needed():
        say("no users yet: add an admin with `vigil user add NAME --role admin` first", err=True)
    if not secure and not _loopback(host):
        console.print("[yellow]warning:[/yellow] cookies without the Secure flag off loopback")
    say(f"console: http://{host}:{port}/  (Ctrl-C stops it)")
    uvicorn.run(
        web, host=host, port=port, log_level="warning", proxy_headers=False, server_header=False
    )
