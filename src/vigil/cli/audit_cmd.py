"""`vigil audit verify|show`: check the case workflow's Merkle audit log, or read it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.markup import escape
from rich.table import Table

from vigil.cases import (
    LogEntry,
    TreeHead,
    Verifier,
    check_consistency,
    prove_inclusion,
    verify_log,
)
from vigil.cli.app import app, out
from vigil.cli.context import settings_from
from vigil.cli.session import ConfigOpt, open_cases, say
from vigil.core import ConfigError, InputError, IntegrityError, Settings
from vigil.store import audit_db
from vigil.store.case_open import KeyPaths
from vigil.store.database import database_url, open_engine

audit_app = typer.Typer(
    help="The case workflow's append-only audit log: verify it, or read it (auditors, "
    "supervisors, admins).",
    no_args_is_help=True,
)
app.add_typer(audit_app, name="audit")


def _verifier(settings: Settings, public_key: Path | None) -> Verifier:
    """The log's public key: --public-key (held apart from the store), else the key files."""
    signing = KeyPaths.of(settings).signing
    path = public_key or signing.with_suffix(".pub.pem")
    if path.is_file():
        return Verifier.from_pem(path.read_bytes())
    if public_key is not None:
        raise InputError(f"Public key file {public_key} does not exist.")
    raise ConfigError(f"No public key at {path}; give the log's key with --public-key FILE.")


def _read_log(settings: Settings) -> tuple[list[LogEntry], list[TreeHead]]:
    url = database_url(settings.cases.database_url, settings.home)
    if not settings.cases.database_url and not (settings.home / "cases.db").is_file():
        raise InputError(f"There is no case store at {settings.home / 'cases.db'}.")
    engine = open_engine(url)
    try:
        with engine.connect() as conn:
            return list(audit_db.entries(conn)), audit_db.heads(conn)
    finally:
        engine.dispose()


def _witness(path: Path) -> TreeHead | None:
    try:
        return audit_db.read_witness(path)
    except (ValueError, KeyError, TypeError):
        raise IntegrityError(f"The witness file {path} is damaged.") from None


def _tampered(reason: str) -> NoReturn:
    say(f"tampered: {reason}", err=True)
    raise typer.Exit(1)


@audit_app.command("verify")
def verify(
    witness: Annotated[
        Path | None,
        typer.Option(help="Witness tree head (default: $VIGIL_HOME/audit-head.json)."),
    ] = None,
    entry: Annotated[
        int | None,
        typer.Option(help="Also prove this entry's inclusion in the latest signed head."),
    ] = None,
    public_key: Annotated[
        Path | None,
        typer.Option(help="The log's Ed25519 public key (default: keys/signing.pub.pem)."),
    ] = None,
    config: ConfigOpt = None,
) -> None:
    """Recompute the Merkle log from every entry and check each signed tree head and the
    witness; exit 1 naming the first tampered entry. Needs no login: only the public key."""
    settings = settings_from(config)
    verifier = _verifier(settings, public_key)
    witness_path = witness or KeyPaths.of(settings).witness
    if witness is not None and not witness.is_file():
        raise InputError(f"Witness file {witness} does not exist.")
    head = _witness(witness_path)
    try:
        entries, heads = _read_log(settings)
    except IntegrityError as exc:
        _tampered(str(exc))
    report = verify_log(entries, heads, verifier, witness=head)
    say(f"entries: {report.entries}")
    say(f"tree heads checked: {report.heads_checked}")
    seen = f"size {head.size} ({witness_path})" if head else f"none at {witness_path}"
    say(f"witness: {seen}")
    if not report.ok:
        _tampered(report.reason or f"Entry {report.first_tampered} was altered.")
    latest = max(heads, key=lambda h: h.size) if heads else None
    if head is not None and latest is not None:
        try:
            consistent = check_consistency(entries, head, latest)
        except IntegrityError as exc:
            _tampered(str(exc))
        if not consistent:
            _tampered(
                f"The witness head of size {head.size} is not a prefix of the latest head "
                f"of size {latest.size}."
            )
        say(
            f"consistency: witness head (size {head.size}) is a prefix of the latest head "
            f"(size {latest.size})"
        )
    if entry is not None:
        if latest is None or not 0 <= entry < latest.size:
            raise InputError(f"There is no entry {entry} in the log.")
        try:
            proof = prove_inclusion(entries, entry, latest)
        except IntegrityError as exc:
            _tampered(str(exc))
        say(
            f"inclusion: entry {entry} is in the signed head of size {latest.size} "
            f"(root {latest.root}); proof of {len(proof)} hashes:"
        )
        for node in proof:
            say(f"  {node.hex()}")
    say("audit log intact" if entries else "audit log intact (empty)")


@audit_app.command("show")
def show(
    last: Annotated[int, typer.Option(help="Show the last N entries (0: all).")] = 50,
    action: Annotated[
        str | None, typer.Option(help="Only actions starting with this, e.g. case. or login.")
    ] = None,
    config: ConfigOpt = None,
) -> None:
    """Print audit entries (auditors, supervisors, admins); the viewing is audited too."""
    if last < 0:
        raise InputError("--last must be 0 or more.")
    cases = open_cases(config)
    actor = cases.actor()
    cases.permit(actor, "audit.view", "audit.view", "*")
    with cases.store.transaction() as tx:
        entries = [
            e for e in tx.audit_entries() if action is None or e.event.action.startswith(action)
        ]
    shown = entries[-last:] if last else entries
    cases.audit(actor, "audit.view", "*", "ok", prefix=action or "", entries=len(shown))
    table = Table(title="Audit log")
    for col in ("seq", "at", "actor", "action", "target", "outcome", "details"):
        table.add_column(col, overflow="fold")
    for e in shown:
        ev = e.event
        table.add_row(
            str(e.seq),
            ev.at.isoformat(timespec="seconds"),
            escape(ev.actor),
            escape(ev.action),
            escape(ev.target),
            escape(ev.outcome) if ev.outcome == "ok" else f"[red]{escape(ev.outcome)}[/red]",
            escape(json.dumps(ev.details, sort_keys=True, ensure_ascii=False)),
        )
    out.print(table)
