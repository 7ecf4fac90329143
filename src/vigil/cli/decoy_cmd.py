"""`vigil decoy run|report|attach`: the decoy on IRC/XMPP, its dossiers, its operator console."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
import threading
from pathlib import Path
from typing import Annotated

import typer

from vigil.cli.app import app, console, out, stages
from vigil.core import ConfigError, InputError
from vigil.decoy import (
    DecoyRuntime,
    Dossier,
    EvidenceStore,
    OperatorServer,
    Transport,
    build_engine,
    dossiers_from_evidence,
    read_evidence,
)
from vigil.decoy.evidence import SOCKET_NAME

decoy_app = typer.Typer(
    help="Decoy operations: run the chatbot, report dossiers, attach an operator.",
    no_args_is_help=True,
)
app.add_typer(decoy_app, name="decoy")


def host_port(value: str, option: str) -> tuple[str, int]:
    host, sep, port = value.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise InputError(f"{option} must be HOST:PORT, not {value!r}.")
    return host.strip("[]"), int(port)


def _transports(
    irc: str | None,
    nick: str | None,
    channels: list[str],
    xmpp: str | None,
    password: str | None,
    rooms: list[str],
    xmpp_server: str | None,
    allow_plaintext: bool,
) -> list[tuple[Transport, list[str]]]:
    found: list[tuple[Transport, list[str]]] = []
    if irc is None and xmpp is None:
        raise InputError("give --irc HOST:PORT or --xmpp JID (or both).")
    if irc is not None:
        from vigil.decoy.adapters.irc import IrcTransport

        if not nick:
            raise InputError("--irc needs --nick.")
        bad = [c for c in channels if not c.startswith(("#", "&"))]
        if bad:
            raise InputError(f"IRC channels start with # or &: {bad[0]!r}.")
        host, port = host_port(irc, "--irc")
        found.append((IrcTransport(host, port, nick), channels))
    if xmpp is not None:
        from vigil.decoy.adapters.xmpp import XmppTransport

        if not password:
            raise InputError("--xmpp needs --password or VIGIL_XMPP_PASSWORD.")
        server = host_port(xmpp_server, "--xmpp-server") if xmpp_server else None
        try:
            transport = XmppTransport(
                xmpp,
                password,
                host=server[0] if server else None,
                port=server[1] if server else None,
                nick=nick,
                allow_plaintext=allow_plaintext,
            )
        except ValueError as exc:
            raise InputError(f"--xmpp {exc}.") from None
        found.append((transport, rooms))
    return found


@decoy_app.command("run")
def run(
    evidence: Annotated[
        Path, typer.Option("--evidence", help="Evidence folder: transcripts, console socket.")
    ],
    irc: Annotated[str | None, typer.Option("--irc", help="IRC server HOST:PORT.")] = None,
    channel: Annotated[
        list[str] | None, typer.Option("--channel", help="IRC channel to join (repeatable).")
    ] = None,
    nick: Annotated[
        str | None, typer.Option("--nick", help="IRC nick; XMPP room nick (default: JID user).")
    ] = None,
    xmpp: Annotated[str | None, typer.Option("--xmpp", help="XMPP account JID.")] = None,
    password: Annotated[
        str | None,
        typer.Option("--password", envvar="VIGIL_XMPP_PASSWORD", help="XMPP password."),
    ] = None,
    room: Annotated[
        list[str] | None, typer.Option("--room", help="XMPP room JID to join (repeatable).")
    ] = None,
    xmpp_server: Annotated[
        str | None, typer.Option("--xmpp-server", help="XMPP server HOST:PORT (default: DNS).")
    ] = None,
    allow_plaintext: Annotated[
        bool,
        typer.Option("--allow-plaintext", help="XMPP without TLS (loopback test servers only)."),
    ] = False,
    persona: Annotated[Path | None, typer.Option("--persona", help="Persona TOML file.")] = None,
    pace: Annotated[str, typer.Option(help="human (typing delays) or instant.")] = "human",
    retrieval: Annotated[str, typer.Option(help="auto, semantic or keyword.")] = "auto",
    seed: Annotated[int, typer.Option(help="Seed of the engine's choices.")] = 0,
    connect_timeout: Annotated[float, typer.Option(help="Seconds to connect and join.")] = 30.0,
    signing_key: Annotated[
        Path | None,
        typer.Option(
            "--signing-key",
            help="Ed25519 key (PEM) that signs chain heads; made 0600 on first use "
            "(default: decoy-signing-key.pem beside the evidence folder).",
        ),
    ] = None,
) -> None:
    """Run the decoy until SIGINT/SIGTERM, then write dossiers.jsonl into the evidence folder."""
    if pace not in ("human", "instant"):
        raise InputError(f"--pace must be human or instant, not {pace!r}.")
    if retrieval not in ("auto", "semantic", "keyword"):
        raise InputError(f"--retrieval must be auto, semantic or keyword, not {retrieval!r}.")
    if persona is not None and not persona.is_file():
        raise InputError(f"persona file {persona} does not exist.")
    transports = _transports(
        irc, nick, channel or [], xmpp, password, room or [], xmpp_server, allow_plaintext
    )
    engine = build_engine(
        persona_path=persona,
        retrieval=retrieval,
        rng_seed=seed,
        pace="human" if pace == "human" else "instant",
    )
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    store = EvidenceStore(evidence, signing_key=signing_key)
    runtime = DecoyRuntime(engine, store)
    for transport, rooms in transports:
        runtime.add(transport, rooms)
    asyncio.run(_serve(runtime, evidence, connect_timeout))


async def _serve(runtime: DecoyRuntime, evidence: Path, connect_timeout: float) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    operator = OperatorServer(runtime, evidence / SOCKET_NAME)
    await runtime.start()
    try:
        try:
            await runtime.ready(connect_timeout)
        except TimeoutError:
            why = "; ".join(f"{n}: {e}" for n, e in runtime.errors.items()) or "no answer"
            raise InputError(
                f"could not connect and join within {connect_timeout:g} s ({why})."
            ) from None
        await operator.start()
        networks = ", ".join(runtime.networks())
        console.print(
            f"decoy running on {networks}; evidence in {evidence}; operator console: "
            f"vigil decoy attach {evidence}; stop with Ctrl-C",
            highlight=False,
        )
        await stop.wait()
    finally:
        await operator.close()
        await runtime.stop()
    path = runtime.evidence.write_dossiers(_final_dossiers(runtime, evidence))
    console.print(
        f"stopped: {runtime.stats.received} lines in, {runtime.stats.sent} out; dossiers in {path}",
        highlight=False,
    )


def _final_dossiers(runtime: DecoyRuntime, evidence: Path) -> list[Dossier]:
    """Dossiers over the whole evidence folder (earlier runs too); this run's if the
    folder cannot be read back."""
    try:
        return dossiers_from_evidence(read_evidence(evidence))
    except InputError as exc:
        console.print(f"[yellow]warning:[/yellow] {exc} Dossiers cover this run only.")
        return list(runtime.engine.dossiers())


@decoy_app.command("report")
def report(
    evidence: Annotated[Path, typer.Argument(help="Evidence folder of a decoy run.")],
    out_path: Annotated[Path, typer.Option("--out", help="Dossiers, one JSON line a partner.")],
    public_key: Annotated[
        Path | None,
        typer.Option(
            "--public-key",
            help="Pin the key the chain heads must be signed with (default: the folder's "
            "evidence.pub.pem).",
        ),
    ] = None,
) -> None:
    """Verify every transcript's hash chain and signed heads, then write one dossier per
    partner."""
    with stages(3) as step:
        step("verifying hash chains and signed heads")
        found = read_evidence(evidence, public_key)
        step("building dossiers")
        dossiers = dossiers_from_evidence(found)
        step("writing")
        out_path.parent.mkdir(parents=True, exist_ok=True)
        with out_path.open("w", encoding="utf-8") as fh:
            fh.writelines(d.to_json() + "\n" for d in dossiers)
    lines = len(found.conversations) + len(found.rooms)
    out.print(
        f"{len(found.files)} transcript files, {lines} lines, chains intact; "
        + (
            f"{found.signed_heads} signed heads verified; "
            if found.signed
            else "no evidence.pub.pem: heads unsigned, truncation not checked; "
        )
        + f"{len(dossiers)} partners -> {out_path}",
        highlight=False,
    )


@decoy_app.command("attach")
def attach(
    evidence: Annotated[Path, typer.Argument(help="Evidence folder of the running decoy.")],
) -> None:
    """Operator console of a running decoy: list, watch, take, say, release, quit."""
    path = evidence / SOCKET_NAME
    if not path.exists():
        raise InputError(f"no decoy is running with evidence folder {evidence} (no {SOCKET_NAME}).")
    try:
        asyncio.run(_attach(path))
    except (ConnectionRefusedError, PermissionError) as exc:
        raise ConfigError(f"cannot attach to {path}: {exc.strerror or exc}.") from None


async def _attach(path: Path) -> None:
    reader, writer = await asyncio.open_unix_connection(str(path))
    loop = asyncio.get_running_loop()
    typed: asyncio.Queue[str] = asyncio.Queue()

    def read_stdin() -> None:
        # A daemon thread: a terminal read that never returns must not keep us alive.
        for line in sys.stdin:
            loop.call_soon_threadsafe(typed.put_nowait, line)
        loop.call_soon_threadsafe(typed.put_nowait, "quit\n")

    async def forward() -> None:
        while True:
            line = await typed.get()
            writer.write(line.encode("utf-8"))
            await writer.drain()
            if line.strip().lower() in ("quit", "exit"):
                return

    threading.Thread(target=read_stdin, daemon=True).start()
    sending = loop.create_task(forward())
    try:
        while raw := await reader.readline():
            sys.stdout.write(raw.decode("utf-8", "replace"))
            sys.stdout.flush()
    finally:
        sending.cancel()
        with contextlib.suppress(asyncio.CancelledError, ConnectionError):
            await sending
        writer.close()
